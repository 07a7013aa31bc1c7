//! End-to-end tests of the real app: the built `plenary` binary in its
//! WebKitGTK window, driven through tauri-driver and WebKitWebDriver.
//! Needs a display (CI runs these under Xvfb via `make test`) and
//! `tauri-driver` on PATH or in ~/.cargo/bin.

use plenary_core::Store;
use serde_json::{json, Value};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use thirtyfour::components::SelectElement;
use thirtyfour::prelude::*;

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn tauri_driver() -> PathBuf {
    if let Some(p) = std::env::var_os("TAURI_DRIVER") {
        return p.into();
    }
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cargo")
        });
    let installed = home.join("bin/tauri-driver");
    if installed.exists() {
        installed
    } else {
        "tauri-driver".into()
    }
}

/// A session bus address with no bus behind it.
const NO_BUS: &str = "unix:path=/nonexistent/plenary-e2e-bus";

/// A running tauri-driver, stopped with SIGTERM so it takes WebKitWebDriver with it.
struct DriverProcess(Child);

impl Drop for DriverProcess {
    fn drop(&mut self) {
        let _ = Command::new("kill").arg(self.0.id().to_string()).status();
        let _ = self.0.wait();
    }
}

struct App {
    driver: WebDriver,
    _process: DriverProcess,
    _home: tempfile::TempDir,
}

impl App {
    /// Launches the app on `plan`, with its own config and data folders.
    async fn launch(plan: &Path) -> App {
        App::launch_in(tempfile::tempdir().unwrap(), &[plan]).await
    }

    /// Launches the app with `args`; its config and data folders are in `home`.
    /// It runs alone: a D-Bus address that leads nowhere keeps it from
    /// handing over to a Plenary already running on this desktop.
    async fn launch_in(home: tempfile::TempDir, args: &[&Path]) -> App {
        App::launch_on_bus(home, args, NO_BUS).await
    }

    /// `launch_in` with the D-Bus session bus at `bus`, where a second launch finds it.
    async fn launch_on_bus(home: tempfile::TempDir, args: &[&Path], bus: &str) -> App {
        assert!(
            std::env::var_os("DISPLAY").is_some(),
            "the end-to-end tests need a display: run them with `make test` (Xvfb)"
        );
        let (port, native) = (free_port(), free_port());
        let child = Command::new(tauri_driver())
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native.to_string(),
            ])
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("XDG_DATA_HOME", home.path().join("data"))
            .env("DBUS_SESSION_BUS_ADDRESS", bus)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("tauri-driver is installed (cargo install tauri-driver --locked)");
        let process = DriverProcess(child);
        let mut caps = Capabilities::new();
        caps.set("browserName", "wry").unwrap();
        caps.set(
            "tauri:options",
            json!({ "application": env!("CARGO_BIN_EXE_plenary"), "args": args }),
        )
        .unwrap();
        let url = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        let driver = loop {
            match WebDriver::new(url.clone(), caps.clone()).await {
                Ok(d) => break d,
                Err(e) if started.elapsed() < Duration::from_secs(20) => {
                    let _ = e;
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
                Err(e) => panic!("no WebDriver session: {e}"),
            }
        };
        App {
            driver,
            _process: process,
            _home: home,
        }
    }

    async fn js(&self, script: &str) -> Value {
        self.driver
            .execute(script, Vec::new())
            .await
            .expect("script")
            .json()
            .clone()
    }

    /// Polls `script` until it returns `want` (10 s at most).
    async fn wait_js(&self, script: &str, want: Value) -> Value {
        let started = Instant::now();
        loop {
            let got = self.js(script).await;
            if got == want || started.elapsed() > Duration::from_secs(10) {
                assert_eq!(got, want, "waiting for: {script}");
                return got;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    async fn el(&self, css: &str) -> WebElement {
        self.driver
            .query(By::Css(css))
            .wait(Duration::from_secs(10), Duration::from_millis(100))
            .first()
            .await
            .unwrap_or_else(|e| panic!("{css}: {e}"))
    }

    async fn type_into(&self, css: &str, text: &str) {
        let e = self.el(css).await;
        e.clear().await.unwrap();
        e.send_keys(text).await.unwrap();
    }

    async fn choose(&self, css: &str, value: &str) {
        // Centred first: at the edge of a dialog's scroller a select can sit
        // under the dialog's footer, which would take the click.
        let select = SelectElement::new(&self.centred(css).await).await.unwrap();
        select.select_by_value(value).await.unwrap();
    }

    /// Saves what the screen shows under target/e2e-shots, for people to
    /// look at (the X screen, as a person sees it, not a page snapshot).
    async fn shot(&self, name: &str) {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/e2e-shots");
        std::fs::create_dir_all(&dir).unwrap();
        // WebKit under Xvfb repaints late; give the screen time to catch up.
        tokio::time::sleep(Duration::from_millis(1500)).await;
        let status = Command::new("import")
            .args(["-window", "root"])
            .arg(dir.join(name))
            .status();
        assert!(
            status.map(|s| s.success()).unwrap_or(false),
            "import (imagemagick) took no screenshot"
        );
    }

    /// Opens a page from the navigation, by its key ("calendar", "board", …).
    async fn open(&self, page: &str) {
        self.el(&format!("[data-testid=nav-{page}]"))
            .await
            .click()
            .await
            .unwrap();
    }

    /// Scrolls `css` to the middle of its scroller and returns it.
    async fn centred(&self, css: &str) -> WebElement {
        let el = self.el(css).await;
        self.js(&format!(
            "document.querySelector(\"{css}\").scrollIntoView({{block: 'center'}})"
        ))
        .await;
        el
    }

    /// Presses on `from`, moves a little so the press becomes a drag, then
    /// over the centre of `onto`, and holds there.
    async fn drag_over(&self, from: &WebElement, onto: &WebElement) {
        self.driver
            .action_chain()
            .click_and_hold_element(from)
            .move_by_offset(-12, 0)
            .move_to_element_center(onto)
            .perform()
            .await
            .unwrap();
    }

    async fn release(&self) {
        self.driver
            .action_chain()
            .release()
            .perform()
            .await
            .unwrap();
    }

    /// Runs axe-core on the window as it is now (`what` names it in the
    /// failure) and fails listing every violation: rule, impact, elements.
    async fn axe(&self, what: &str) {
        if self.js("return typeof window.axe").await != json!("object") {
            let path =
                Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/node_modules/axe-core/axe.min.js");
            let source = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e} (run npm ci in ui/)", path.display()));
            self.driver
                .execute(&format!("{source}\nreturn typeof window.axe;"), Vec::new())
                .await
                .expect("axe-core loads");
        }
        let found = self
            .driver
            .execute_async(
                r#"const done = arguments[arguments.length - 1];
                window.axe
                    .run(document, { resultTypes: ['violations'] })
                    .then((r) => done(r.violations.map((v) => ({
                        id: v.id,
                        impact: v.impact,
                        targets: v.nodes.slice(0, 6).map((n) => n.target.join(' ')),
                    }))))
                    .catch((e) => done([{ id: 'axe-failed', impact: String(e), targets: [] }]));"#,
                Vec::new(),
            )
            .await
            .expect("axe-core runs")
            .json()
            .clone();
        let violations = found.as_array().cloned().unwrap_or_default();
        let listed: Vec<String> = violations
            .iter()
            .map(|v| format!("{} ({}): {}", v["id"], v["impact"], v["targets"]))
            .collect();
        assert!(
            listed.is_empty(),
            "accessibility problems on {what}:\n{}",
            listed.join("\n")
        );
    }

    /// The window itself does not scroll, down or sideways: only the content area does.
    async fn window_does_not_scroll(&self, what: &str) {
        let size = self
            .js("const d = document.scrollingElement; return [d.scrollHeight, innerHeight, d.scrollWidth, innerWidth]")
            .await;
        assert_eq!(
            size[0], size[1],
            "{what}: the window is taller than its view: {size}"
        );
        assert_eq!(
            size[2], size[3],
            "{what}: the window is wider than its view: {size}"
        );
        // What sticks out past the content's right edge, innermost first.
        let wide = self
            .js(r#"const m = document.querySelector('main');
                if (m.scrollWidth <= m.clientWidth) return [];
                const edge = m.getBoundingClientRect().right;
                return [...m.querySelectorAll('*')]
                    .filter((e) => e.getBoundingClientRect().right > edge + 1 && ![...e.children].some((c) => c.getBoundingClientRect().right > edge + 1))
                    .slice(0, 5)
                    .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} ${e.dataset.testid ?? ''} ${Math.round(e.getBoundingClientRect().width)}px`);"#)
            .await;
        assert_eq!(wide, json!([]), "{what}: the content scrolls sideways");
    }

    /// Presses `key` on whatever has the focus.
    async fn press(&self, key: impl Into<TypingData>) {
        self.driver
            .active_element()
            .await
            .unwrap()
            .send_keys(key)
            .await
            .unwrap();
    }

    /// The data-testid of the focused element.
    async fn focused(&self) -> Value {
        self.js("return document.activeElement?.dataset?.testid ?? document.activeElement?.tagName ?? null")
            .await
    }

    async fn quit(self) {
        self.driver.quit().await.unwrap();
    }
}

const ROW_TITLES: &str =
    "return [...document.querySelectorAll('[data-testid=session-row]')].map(e => e.textContent)";

#[tokio::test(flavor = "multi_thread")]
async fn sample_week_is_shown_and_a_new_session_is_saved_to_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("week.plenary");
    drop(plenary_core::sample::write_sample(&plan, false).unwrap());
    let app = App::launch(&plan).await;

    // Overview: the three events of the week.
    app.wait_js(
        "return document.querySelectorAll('[data-testid=event-card]').length",
        json!(3),
    )
    .await;
    let cards = app
        .js("return [...document.querySelectorAll('[data-testid=event-card]')].map(e => e.textContent).join('\\n')")
        .await;
    let cards = cards.as_str().unwrap();
    for title in [
        "10th Anniversary Commemorative Dialogue",
        "10th Annual Meeting",
        "Regional Event on Trafficking into online scam centres",
        "Ms Lynn Bell",
        "Bali Process Taskforce on Planning and Preparedness",
    ] {
        assert!(cards.contains(title), "{title} in {cards}");
    }

    app.shot("overview.png").await;
    app.axe("the overview").await;

    // Agenda: every session of the three days, with roles.
    app.open("agenda").await;
    app.wait_js(
        "return document.querySelectorAll('[data-testid=session-row]').length",
        json!(24),
    )
    .await;
    app.shot("agenda.png").await;
    app.axe("the agenda").await;
    let days = app
        .js("return [...document.querySelectorAll('[data-testid=agenda-day]')].map(e => e.dataset.date)")
        .await;
    assert_eq!(days, json!(["2024-11-18", "2024-11-19", "2024-11-20"]));
    let rows = app.js(ROW_TITLES).await.to_string();
    for text in [
        "Panel discussion: emerging trends",
        "Bali Process Regional Support Office",
        "Situation report: new trends and issues of concern",
        "Closing of the Annual Meeting",
    ] {
        assert!(rows.contains(text), "{text}");
    }

    // Create a session through the form; a mistake first, kept and explained.
    let store = Store::open(&plan).unwrap();
    let annual = store.events().unwrap()[1].id.to_string();
    let hall = store
        .rooms()
        .unwrap()
        .into_iter()
        .find(|r| r.name == "Plenary Hall")
        .unwrap()
        .id
        .to_string();
    drop(store);
    app.el("[data-testid=new-session]")
        .await
        .click()
        .await
        .unwrap();
    app.el("form[data-testid=session-form]").await;
    app.choose("form[data-testid=session-form] [name=event_id]", &annual)
        .await;
    app.type_into(
        "form[data-testid=session-form] [name=title]",
        "Press briefing by the Co-Chairs",
    )
    .await;
    app.choose("form[data-testid=session-form] [name=kind]", "other")
        .await;
    let day = app.el("form[data-testid=session-form] [name=day]").await;
    if day.tag_name().await.unwrap() == "select" {
        app.choose("form[data-testid=session-form] [name=day]", "2024-11-19")
            .await;
    } else {
        app.type_into("form[data-testid=session-form] [name=day]", "2024-11-19")
            .await;
    }
    app.type_into("form[data-testid=session-form] [name=start_time]", "17:00")
        .await;
    app.type_into("form[data-testid=session-form] [name=end_time]", "16:30")
        .await;
    app.choose("form[data-testid=session-form] [name=room_id]", &hall)
        .await;
    app.el("[data-testid=session-save]")
        .await
        .click()
        .await
        .unwrap();
    let error = app.el("[data-testid=error-end_time]").await;
    app.shot("session-form-error.png").await;
    app.axe("the session form with a problem").await;
    assert_eq!(error.text().await.unwrap(), "End must be after start.");
    let kept = app
        .js("return document.querySelector('form[data-testid=session-form] [name=title]').value")
        .await;
    assert_eq!(kept, json!("Press briefing by the Co-Chairs"));

    app.type_into("form[data-testid=session-form] [name=end_time]", "17:30")
        .await;
    app.el("[data-testid=session-save]")
        .await
        .click()
        .await
        .unwrap();
    app.wait_js(
        "return document.querySelectorAll('[data-testid=session-row]').length",
        json!(25),
    )
    .await;
    let status = app
        .el("[data-testid=save-status]")
        .await
        .text()
        .await
        .unwrap();
    assert!(status.contains("All changes saved"), "{status}");
    app.quit().await;

    // The file itself holds the new session: autosave, no save step.
    let store = Store::open(&plan).unwrap();
    let s = store
        .sessions()
        .unwrap()
        .into_iter()
        .find(|s| s.title == "Press briefing by the Co-Chairs")
        .expect("saved to the plan file");
    assert_eq!(s.start.unwrap().to_string(), "2024-11-19 17:00:00");
    assert_eq!(s.end.unwrap().to_string(), "2024-11-19 17:30:00");
    assert_eq!(s.room_id.unwrap().to_string(), hall);
    assert_eq!(s.event_id.to_string(), annual);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_file_that_is_not_a_plan_is_explained_in_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("minutes.plenary");
    std::fs::write(&bad, "Minutes of the meeting, not a plan.").unwrap();
    let app = App::launch(&bad).await;
    let text = app
        .wait_js(
            "return document.body.textContent.includes('is not a Plenary plan')",
            json!(true),
        )
        .await;
    assert_eq!(text, json!(true));
    app.quit().await;
    assert_eq!(
        std::fs::read_to_string(&bad).unwrap(),
        "Minutes of the meeting, not a plan.",
        "the file is left untouched"
    );
}

/// Help › About names this version, the file format and the open file; a
/// command's fault reaches the log in the app's log folder, by name and code.
#[tokio::test(flavor = "multi_thread")]
async fn help_about_names_the_version_and_the_open_file_and_faults_are_logged() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("Retreat week.plenary");
    drop(plenary_core::sample::write_sample(&plan, false).unwrap());
    let home = tempfile::tempdir().unwrap();
    let log = home.path().join("data/org.plenary.app/logs/plenary.log");
    let app = App::launch_in(home, &[&plan]).await;
    app.wait_js(
        "return document.querySelectorAll('[data-testid=event-card]').length",
        json!(3),
    )
    .await;

    app.el("[data-testid=menu-help]")
        .await
        .click()
        .await
        .unwrap();
    app.el("[data-testid=menu-about]")
        .await
        .click()
        .await
        .unwrap();
    let version = app.el("[data-testid=about-version]").await;
    assert_eq!(version.text().await.unwrap(), env!("CARGO_PKG_VERSION"));
    let file = app
        .el("[data-testid=about-file]")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(file, plan.to_string_lossy());
    let schema = app
        .el("[data-testid=about-schema]")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(
        schema,
        format!("version {}", plenary_core::store::current_version())
    );
    let folder = app
        .el("[data-testid=about-log-folder]")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(Path::new(&folder), log.parent().unwrap());
    let licences = app
        .el("[data-testid=about-licences]")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        licences.contains("Plenary") && licences.contains("MIT"),
        "{licences}"
    );
    app.shot("about.png").await;
    app.press(Key::Escape).await;

    // Open log folder: the file manager, or (no desktop under Xvfb) the
    // folder's path to copy; either way it names the log folder.
    app.el("[data-testid=menu-help]")
        .await
        .click()
        .await
        .unwrap();
    app.el("[data-testid=menu-log-folder]")
        .await
        .click()
        .await
        .unwrap();
    let shown = format!(
        "const f = document.querySelector('[data-testid=log-folder-path]'); \
         const n = document.querySelector('[data-testid=notice]'); \
         return f ? f.value : n && n.textContent.includes({folder}) ? {folder} : null",
        folder = json!(folder)
    );
    app.wait_js(&shown, json!(folder)).await;
    if app
        .js("return !!document.querySelector('dialog[open]')")
        .await
        == json!(true)
    {
        app.axe("the log folder's path").await;
        app.shot("log-folder.png").await;
        // WebKitGTK may refuse the clipboard: then the path is selected to copy.
        app.el("[data-testid=log-folder-copy]")
            .await
            .click()
            .await
            .unwrap();
        app.wait_js(
            "const s = document.querySelector('[data-testid=log-folder] [role=status]').textContent; \
             return s.includes('Copied.') || s.includes('press Ctrl+C')",
            json!(true),
        )
        .await;
        app.press(Key::Escape).await;
    }
    assert!(
        log.parent().unwrap().is_dir(),
        "the folder is made to be opened"
    );

    let refused = invoke(&app, "delete_session", json!({ "id": 987654 })).await;
    assert!(refused.starts_with("refused:"), "{refused}");
    let written = std::fs::read_to_string(&log).unwrap_or_default();
    assert!(
        written.contains("ERROR delete_session failed: not_found"),
        "{written}"
    );
    assert!(
        !written.contains("Retreat"),
        "no plan text in the log: {written}"
    );
    app.quit().await;
}

/// The app's config folder under a launch's home (Tauri's app config dir).
fn config_dir(home: &Path) -> PathBuf {
    home.join("config/org.plenary.app")
}

#[tokio::test(flavor = "multi_thread")]
async fn a_plan_that_was_being_opened_when_the_app_stopped_is_not_reopened() {
    let home = tempfile::tempdir().unwrap();
    let plan = home.path().join("week.plenary");
    drop(plenary_core::sample::write_sample(&plan, false).unwrap());
    let config = config_dir(home.path());
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("recent.json"),
        json!([{ "path": plan, "title": "Bangkok week" }]).to_string(),
    )
    .unwrap();
    // Left behind by a launch that never finished opening the plan.
    std::fs::write(
        config.join("opening.json"),
        json!({ "path": plan }).to_string(),
    )
    .unwrap();

    let app = App::launch_in(home, &[]).await;
    app.el("[data-testid=welcome]").await;
    app.wait_js(
        "return document.querySelector('[data-testid=notice] span')?.textContent",
        json!("Plenary did not reopen week.plenary because it could not be opened last time."),
    )
    .await;
    // Still in the recent list, and choosing it opens it.
    app.el("[data-testid=welcome] .recent-item")
        .await
        .click()
        .await
        .unwrap();
    app.wait_js(
        "return document.querySelectorAll('[data-testid=event-card]').length",
        json!(3),
    )
    .await;
    let marker = config.join("opening.json");
    let shown = Instant::now();
    while marker.exists() && shown.elapsed() < Duration::from_secs(10) {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(!marker.exists(), "the marker goes once the plan is shown");
    app.quit().await;
}

fn session_named(plan: &Path, title: &str) -> plenary_core::model::Session {
    Store::open(plan)
        .unwrap()
        .sessions()
        .unwrap()
        .into_iter()
        .find(|s| s.title == title)
        .unwrap_or_else(|| panic!("no session {title}"))
}

#[tokio::test(flavor = "multi_thread")]
async fn dragging_in_the_calendar_moves_a_session_and_ctrl_z_undoes_it() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("week.plenary");
    drop(plenary_core::sample::write_sample(&plan, false).unwrap());
    let closing = session_named(&plan, "Closing of the Annual Meeting");
    let app = App::launch(&plan).await;
    app.open("calendar").await;
    let css = format!("[data-testid=cal-event][data-session-id='{}']", closing.id);
    let event = app.centred(&css).await;
    app.shot("calendar.png").await;
    app.axe("the calendar").await;

    // Drag it down by about an hour of grid.
    let height = app
        .js(&format!(
            "const e = document.querySelector(\"{css}\"); return e.getBoundingClientRect().height"
        ))
        .await
        .as_f64()
        .unwrap();
    // The closing lasts 15 minutes, so an hour is four of its heights.
    let dy = (height * 4.0).round() as i64;
    app.driver
        .action_chain()
        .click_and_hold_element(&event)
        .move_by_offset(0, 10)
        .move_by_offset(0, dy - 10)
        .release()
        .perform()
        .await
        .unwrap();
    let started = Instant::now();
    let moved = loop {
        let s = session_named(&plan, &closing.title);
        if s.start != closing.start || started.elapsed() > Duration::from_secs(10) {
            break s;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let (old, new) = (closing.start.unwrap(), moved.start.unwrap());
    assert!(new > old, "dragged later: {old} -> {new}");
    assert_eq!(new.date(), old.date(), "same day");
    assert_eq!(
        moved.end.unwrap() - new,
        closing.end.unwrap() - old,
        "same length"
    );
    assert_eq!(
        new.format("%M").to_string().parse::<u32>().unwrap() % 5,
        0,
        "snapped to 5 minutes"
    );

    // Ctrl+Z puts it back, in the file.
    app.driver
        .action_chain()
        .key_down(Key::Control)
        .send_keys("z")
        .key_up(Key::Control)
        .perform()
        .await
        .unwrap();
    let started = Instant::now();
    loop {
        let s = session_named(&plan, &closing.title);
        if s.start == closing.start {
            assert_eq!(s.end, closing.end);
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "undo did not restore {:?}",
            s.start
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    app.quit().await;
}

/// Chooses `item` from the File menu.
async fn file_menu(app: &App, item: &str) {
    app.el("[data-testid=file-menu]")
        .await
        .click()
        .await
        .unwrap();
    app.el(&format!("[role=menuitem][data-label='{item}']"))
        .await
        .click()
        .await
        .unwrap();
    app.el("dialog[open]").await;
}

/// Polls the plan file until `title` starts at `start` (10 s at most).
async fn wait_start(plan: &Path, title: &str, start: &str) {
    let started = Instant::now();
    loop {
        let s = session_named(plan, title);
        let at = s.start.map(|t| t.format("%Y-%m-%d %H:%M").to_string());
        if at.as_deref() == Some(start) {
            return;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{title} starts at {at:?}, not {start}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn two_teams_hand_over_and_merge_through_the_window_and_ctrl_z_undoes_it() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("week.plenary");
    drop(plenary_core::sample::write_sample(&plan, false).unwrap());
    let theirs = dir.path().join("indonesia.plenary");
    let opening = "Opening and adoption of the agenda";
    let work_plan = "Forward Work Plan 2024–26: finalisation and endorsement";
    let planned = session_named(&plan, work_plan).start.unwrap();
    let app = App::launch(&plan).await;
    app.el("[data-testid=event-card]").await;

    // File › Hand over a copy…: this copy is named the first time.
    file_menu(&app, "Hand over a copy").await;
    app.type_into("[data-testid=handover-team]", "Indonesia team")
        .await;
    app.type_into("[data-testid=handover-own-team]", "Australia team")
        .await;
    app.type_into("[data-testid=handover-path]", theirs.to_str().unwrap())
        .await;
    app.el("[data-testid=handover-save]")
        .await
        .click()
        .await
        .unwrap();
    app.wait_js(
        "return !!document.querySelector('dialog[open]')",
        json!(false),
    )
    .await;
    assert!(theirs.exists(), "their copy is written");
    let notice = app.js("return document.body.textContent").await;
    assert!(
        notice.as_str().unwrap().contains(theirs.to_str().unwrap()),
        "the notice says where the copy went"
    );

    // The other team, with the command line: retime both sessions.
    let cli = |args: &[&str]| {
        let o = Command::new(env!("CARGO_BIN_EXE_plenary"))
            .args(args)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    };
    let their_file = theirs.to_str().unwrap();
    cli(&["move", their_file, work_plan, "--to", "2024-11-19 09:30"]);
    cli(&["move", their_file, opening, "--to", "2024-11-19 08:45"]);
    // This team moves the opening differently in the window: one clash.
    let id = session_named(&plan, opening).id;
    let moved = invoke(
        &app,
        "move_session",
        json!({ "id": id, "start": "2024-11-19 08:30", "roomId": null }),
    )
    .await;
    assert!(moved.starts_with("ok:"), "{moved}");
    wait_start(&plan, opening, "2024-11-19 08:30").await;

    // File › Merge a plan from the other team…
    file_menu(&app, "Merge a plan from the other team").await;
    app.type_into("[data-testid=merge-path]", theirs.to_str().unwrap())
        .await;
    // Leaving the field reads the file.
    app.press(Key::Tab).await;
    app.el("[data-testid=merge-clash]").await;
    let clash = app
        .js("return document.querySelector('[data-testid=merge-clash]').textContent")
        .await;
    assert!(
        clash.as_str().unwrap().contains(
            "Time: Tue 19 Nov 08:30–08:45 (yours, Australia team) / Tue 19 Nov 08:45–09:00 (Indonesia team)"
        ),
        "{clash}"
    );
    app.wait_js(
        "return document.querySelector('[data-testid=merge-save]').disabled",
        json!(true),
    )
    .await;
    app.shot("merge-dialog.png").await;
    app.axe("the merge dialog with a clash").await;
    app.el("[data-testid=merge-clash] [data-testid=take-ours]")
        .await
        .click()
        .await
        .unwrap();
    app.wait_js(
        "return document.querySelector('[data-testid=merge-save]').disabled",
        json!(false),
    )
    .await;
    app.el("[data-testid=merge-save]")
        .await
        .click()
        .await
        .unwrap();
    app.wait_js(
        "return !!document.querySelector('dialog[open]')",
        json!(false),
    )
    .await;
    // Both teams' work: our opening, their retimed work plan.
    wait_start(&plan, work_plan, "2024-11-19 09:30").await;
    wait_start(&plan, opening, "2024-11-19 08:30").await;
    let notice = app.js("return document.body.textContent").await;
    assert!(
        notice
            .as_str()
            .unwrap()
            .contains("Merged from Indonesia team"),
        "the notice says what was merged"
    );

    // Edit › Undo names the merge.
    app.el("[data-testid=menu-edit]")
        .await
        .click()
        .await
        .unwrap();
    app.wait_js(
        "return document.querySelector('[data-testid=menu-undo]').title.startsWith('Undo Merged from Indonesia team')",
        json!(true),
    )
    .await;
    app.press(Key::Escape).await;
    app.wait_js(
        "return !!document.querySelector('[role=menu]')",
        json!(false),
    )
    .await;
    // Ctrl+Z takes the merge back, and only the merge.
    app.driver
        .action_chain()
        .key_down(Key::Control)
        .send_keys("z")
        .key_up(Key::Control)
        .perform()
        .await
        .unwrap();
    wait_start(
        &plan,
        work_plan,
        &planned.format("%Y-%m-%d %H:%M").to_string(),
    )
    .await;
    wait_start(&plan, opening, "2024-11-19 08:30").await;
    app.quit().await;
}

/// Sets the Today page's "Pretend it is…" clock to `day` and `time`.
async fn pretend(app: &App, day: &str, time: &str) {
    app.el("[data-testid=today-pretend]")
        .await
        .click()
        .await
        .unwrap();
    // The date and time inputs are filled as the window's own code would be.
    app.js(&format!(
        r#"for (const [id, v] of [['today-pretend-day', '{day}'], ['today-pretend-time', '{time}']]) {{
            const e = document.querySelector(`[data-testid=${{id}}]`);
            e.value = v;
            e.dispatchEvent(new Event('input', {{ bubbles: true }}));
        }}"#
    ))
    .await;
    app.el("[data-testid=today-pretend-apply]")
        .await
        .click()
        .await
        .unwrap();
    app.wait_js(
        &format!("return document.querySelector('[data-testid=today-now]')?.textContent.includes(', {time}')"),
        json!(true),
    )
    .await;
}

/// The start of session `id` as the Today page lists it ("11:30–12:15").
fn planned_on_page(id: i64) -> String {
    format!(
        "return document.querySelector(\"[data-testid=today-session][data-session-id='{id}'] [data-testid=today-planned]\")?.textContent"
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn the_today_page_starts_a_session_delays_the_room_and_replaces_a_speaker() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("week.plenary");
    drop(plenary_core::sample::write_sample(&plan, false).unwrap());
    let updates = session_named(&plan, "National updates from members and observers");
    let after = session_named(&plan, "Updates from other Bali Process workstreams");
    let room = updates.room_id.unwrap();
    let hall = format!("[data-testid=today-room][data-room-id='{room}']");
    let app = App::launch(&plan).await;
    app.open("today").await;

    // The machine's clock is past the sample week: the page says so, and a
    // rehearsal pretends it is 10:40 on the 19th, the national updates on.
    app.el("[data-testid=today-outside]").await;
    app.shot("today-outside.png").await;
    pretend(&app, "2024-11-19", "10:40").await;
    app.el("[data-testid=today-rehearsal]").await;
    app.shot("today.png").await;
    app.wait_js(
        &format!("return document.querySelector(\"{hall} [data-testid=today-now-session]\")?.dataset.sessionId"),
        json!(updates.id.to_string()),
    )
    .await;

    // Start it: the file records when.
    app.el(&format!("{hall} [data-testid=today-start]"))
        .await
        .click()
        .await
        .unwrap();
    app.el(&format!("{hall} [data-testid=today-end]")).await;
    app.wait_js(
        "return document.activeElement?.dataset?.testid",
        json!("today-end"),
    )
    .await;
    let started = Store::open(&plan).unwrap().session_runs().unwrap()[&updates.id]
        .actual_start
        .expect("started");
    assert_eq!(
        started.format("%Y-%m-%d %H:%M").to_string(),
        "2024-11-19 10:40"
    );

    // +15 on the room shows what moves; Apply moves it.
    let form = format!("delay-room-{room}");
    app.el(&format!("[data-testid={form}-quick][data-minutes='15']"))
        .await
        .click()
        .await
        .unwrap();
    app.wait_js(
        &format!("return [...document.querySelectorAll('[data-testid={form}-move]')].some((m) => m.textContent.includes('Bali Process workstreams 11:30 \u{2192} 11:45'))"),
        json!(true),
    )
    .await;
    app.shot("today-delay.png").await;
    app.axe("the Today page with a delay previewed").await;
    app.el(&format!("[data-testid={form}-apply]"))
        .await
        .click()
        .await
        .unwrap();
    app.wait_js(&planned_on_page(after.id), json!("11:45\u{2013}12:30"))
        .await;
    let moved = wait_for_session(&plan, &after.title, |s| s.start != after.start).await;
    assert_eq!(
        moved.start.unwrap().format("%H:%M").to_string(),
        "11:45",
        "moved by 15 minutes"
    );

    // Ctrl+Z takes the delay back, on the page and in the file; the start stays.
    app.driver
        .action_chain()
        .key_down(Key::Control)
        .send_keys("z")
        .key_up(Key::Control)
        .perform()
        .await
        .unwrap();
    app.wait_js(&planned_on_page(after.id), json!("11:30\u{2013}12:15"))
        .await;
    let back = wait_for_session(&plan, &after.title, |s| s.start == after.start).await;
    assert_eq!((back.start, back.end), (after.start, after.end));
    assert!(
        Store::open(&plan).unwrap().session_runs().unwrap()[&updates.id]
            .actual_start
            .is_some()
    );

    // On the 18th at 09:10 the opening is on: Mr Caka Alverdi Awal stands
    // in for Mr Tri Tharyat through its roles.
    let opening = session_named(&plan, "Opening remarks by the Senior Official Co-Chairs");
    let person = |family: &str| {
        Store::open(&plan)
            .unwrap()
            .people()
            .unwrap()
            .into_iter()
            .find(|p| p.family_name == family)
            .unwrap()
            .id
    };
    let (tharyat, awal) = (person("Tharyat"), person("Awal"));
    pretend(&app, "2024-11-18", "09:10").await;
    app.wait_js(
        &format!("return document.querySelector(\"{hall} [data-testid=today-now-session]\")?.dataset.sessionId"),
        json!(opening.id.to_string()),
    )
    .await;
    app.el(&format!("{hall} [data-testid=today-roles]"))
        .await
        .click()
        .await
        .unwrap();
    app.el("dialog [data-testid=roles-row]").await;
    app.js("[...document.querySelectorAll('dialog [data-testid=roles-row]')].find((r) => r.textContent.includes('Tri Tharyat')).querySelector('[data-testid=roles-replace]').click()")
        .await;
    app.type_into("dialog [data-testid=roles-replace-person]", "awal")
        .await;
    app.el("dialog [data-testid=roles-replace-person-option]")
        .await
        .click()
        .await
        .unwrap();
    app.centred("dialog [data-testid=roles-replace-confirm]")
        .await
        .click()
        .await
        .unwrap();
    app.wait_js(
        "return document.querySelector('dialog [data-testid=roles-replacing]')?.textContent",
        json!("(replacing Mr Tri Tharyat)"),
    )
    .await;
    app.shot("today-replace.png").await;
    app.axe("the roles of the session on now, a speaker replaced")
        .await;
    let takers = Store::open(&plan)
        .unwrap()
        .session_takers(opening.id)
        .unwrap();
    assert!(
        takers
            .iter()
            .any(|(_, holder, by)| *holder == Some(tharyat) && *by == Some(awal)),
        "{takers:?}"
    );
    app.press(Key::Escape).await;
    app.wait_js(
        "return !!document.querySelector('dialog[open]')",
        json!(false),
    )
    .await;
    app.quit().await;
}

/// Polls the plan file until `title` satisfies `done`, for up to ten seconds.
async fn wait_for_session(
    plan: &Path,
    title: &str,
    done: impl Fn(&plenary_core::model::Session) -> bool,
) -> plenary_core::model::Session {
    let started = Instant::now();
    loop {
        let s = session_named(plan, title);
        if done(&s) || started.elapsed() > Duration::from_secs(10) {
            return s;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn dragging_a_block_in_the_sequence_reorders_the_day() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("week.plenary");
    drop(plenary_core::sample::write_sample(&plan, false).unwrap());
    let opening = session_named(&plan, "Opening remarks by the Senior Official Co-Chairs");
    let decade = session_named(
        &plan,
        "A decade of the Working Group: achievements and opportunities",
    );
    let app = App::launch(&plan).await;
    app.open("sequence").await;
    app.choose(
        "[data-testid=sequence-room]",
        &opening.room_id.unwrap().to_string(),
    )
    .await;
    let grip = |id: i64| format!("[data-testid=sequence-block][data-session-id='{id}'] .grip");
    let second = app.el(&grip(decade.id)).await;
    let first = app.el(&grip(opening.id)).await;
    // Drag the second block by its grip onto the upper half of the first.
    app.driver
        .action_chain()
        .click_and_hold_element(&second)
        .move_by_offset(0, -10)
        .move_to_element_with_offset(&first, 0, -4)
        .release()
        .perform()
        .await
        .unwrap();
    let order = app
        .wait_js(
            "return [...document.querySelectorAll('[data-testid=sequence-block]')].slice(0, 2).map(b => Number(b.dataset.sessionId))",
            json!([decade.id, opening.id]),
        )
        .await;
    assert_eq!(
        order,
        json!([decade.id, opening.id]),
        "dropped before the first block"
    );
    // The preview (the backend's ripple) shows the new times before anything is saved.
    let length = decade.end.unwrap() - decade.start.unwrap();
    let first_span = format!(
        "{}\u{2013}{}",
        opening.start.unwrap().format("%H:%M"),
        (opening.start.unwrap() + length).format("%H:%M")
    );
    let shown = app
        .wait_js(
            "return document.querySelector('[data-testid=block-time]').textContent",
            json!(first_span),
        )
        .await;
    assert_eq!(shown, json!(first_span), "previewed");
    assert_eq!(
        session_named(&plan, &decade.title).start,
        decade.start,
        "not yet saved"
    );
    app.shot("sequence-reordered.png").await;
    app.axe("the reordered sequence").await;
    app.el("[data-testid=sequence-apply]")
        .await
        .click()
        .await
        .unwrap();
    let moved = wait_for_session(&plan, &decade.title, |s| s.start != decade.start).await;
    assert_eq!(moved.start, opening.start, "the moved block starts the day");
    let after = session_named(&plan, &opening.title);
    assert_eq!(
        after.start,
        Some(opening.start.unwrap() + length),
        "the opening follows it"
    );
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn dragging_from_the_tray_onto_the_calendar_schedules_a_session() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("week.plenary");
    let mut store = plenary_core::sample::write_sample(&plan, false).unwrap();
    let closing = session_named(&plan, "Closing of the Annual Meeting");
    plenary_core::planner::unschedule(&mut store, closing.id).unwrap();
    drop(store);
    let target = session_named(&plan, "Situation report: new trends and issues of concern");
    let app = App::launch(&plan).await;
    app.open("calendar").await;
    let item = app
        .el(&format!(
            "[data-testid=tray-item][data-session-id='{}'] .tray-title",
            closing.id
        ))
        .await;
    let onto = app
        .centred(&format!(
            "[data-testid=cal-event][data-session-id='{}']",
            target.id
        ))
        .await;
    // Press, move over the middle of the situation report, and read where it would go.
    app.drag_over(&item, &onto).await;
    let hint = app
        .js("return document.querySelector('[data-testid=tray-hint]').textContent.trim()")
        .await;
    let hint = hint.as_str().unwrap().to_string();
    app.shot("calendar-tray-drag.png").await;
    let clock = hint
        .strip_prefix("Release to place at Wed 20 Nov, ")
        .and_then(|rest| rest.strip_suffix('.'))
        .unwrap_or_else(|| panic!("hint while dragging: {hint}"))
        .to_string();
    app.release().await;
    let placed = wait_for_session(&plan, &closing.title, |s| s.start.is_some()).await;
    let start = placed.start.expect("scheduled from the tray");
    assert_eq!(
        start.format("%Y-%m-%d %H:%M").to_string(),
        format!("2024-11-20 {clock}")
    );
    assert!(
        start > target.start.unwrap() && start < target.end.unwrap(),
        "{start} is within the report"
    );
    assert_eq!(
        placed.room_id, closing.room_id,
        "the week view keeps its room"
    );
    app.el(&format!(
        "[data-testid=cal-event][data-session-id='{}']",
        closing.id
    ))
    .await;
    app.wait_js(
        &format!(
            "return document.querySelector(\"[data-testid=tray-item][data-session-id='{}']\") === null",
            closing.id
        ),
        json!(true),
    )
    .await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_session_without_a_time_is_printed_under_its_day() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("week.plenary");
    let mut store = plenary_core::sample::write_sample(&plan, false).unwrap();
    // The Dialogue's opening keeps its day, Monday 18 November, but not its times.
    let opening = session_named(&plan, "Opening remarks by the Senior Official Co-Chairs");
    plenary_core::edit::sessions::update_session(
        &mut store,
        opening.id,
        &plenary_core::forms::SessionForm {
            start_time: String::new(),
            end_time: String::new(),
            ..plenary_core::forms::SessionForm::from(&opening)
        },
    )
    .unwrap();
    drop(store);
    let app = App::launch(&plan).await;

    // The agenda lists it last under its day, as time to be confirmed.
    app.open("agenda").await;
    app.el("[data-testid=agenda-day][data-date='2024-11-18'] [data-testid=session-row]")
        .await;
    let last = app
        .js(
            "const rows = document.querySelectorAll(\"[data-testid=agenda-day][data-date='2024-11-18'] [data-testid=session-row]\");
             const row = rows[rows.length - 1];
             return [Number(row.dataset.sessionId), row.querySelector('.time').textContent.trim()];",
        )
        .await;
    assert_eq!(last, json!([opening.id, "Time to be confirmed"]));

    // The calendar has it in the all-day row of its day.
    app.open("calendar").await;
    app.el(&format!(
        "[data-testid=cal-event].is-day-only[data-session-id='{}']",
        opening.id
    ))
    .await;
    app.shot("calendar-all-day.png").await;

    // The printed programme has it under Monday, after Monday's timed sessions.
    let pdf = dir.path().join("programme.pdf");
    let script = format!(
        r#"const done = arguments[arguments.length - 1];
           const request = {{ kind: 'programme', day: null, event_id: null, paper: 'a4', variant: 'public',
                             changes_since: null, per_person: false, with_counts: false, mark_tbc: true }};
           window.__TAURI_INTERNALS__.invoke('export_pdf', {{ request, path: {path}, publish: false,
                                     progress: '__CHANNEL__:' + window.__TAURI_INTERNALS__.transformCallback(() => {{}}) }})
             .then((r) => done({{ pages: r.pages }}), (e) => done({{ error: JSON.stringify(e) }}));"#,
        path = json!(pdf.to_str().unwrap())
    );
    let written = app
        .driver
        .execute_async(&script, Vec::new())
        .await
        .unwrap()
        .json()
        .clone();
    assert_eq!(written["error"], Value::Null, "{written}");
    let text = Command::new("pdftotext")
        .args([pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) is installed")
        .stdout;
    let flat = String::from_utf8(text)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let monday = flat.find("Monday 18 November 2024").expect("Monday");
    let lunch = monday + flat[monday..].find("Lunch").expect("Monday's lunch");
    let tbc = lunch
        + flat[lunch..]
            .find("Time to be")
            .expect("time to be confirmed");
    let title = tbc + flat[tbc..].find(&opening.title).expect("the opening");
    let tuesday = flat.find("Tuesday 19 November 2024").expect("Tuesday");
    assert!(title < tuesday, "under Monday: {flat}");
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_person_clash_shows_a_badge_and_a_panel_entry() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("week.plenary");
    let mut store = plenary_core::sample::write_sample(&plan, false).unwrap();
    // Ms Lynn Bell also speaks on the panel (10:45–12:30); no clash yet.
    let bell = store
        .people()
        .unwrap()
        .into_iter()
        .find(|p| p.family_name == "Bell")
        .unwrap();
    let panel = store
        .sessions()
        .unwrap()
        .into_iter()
        .find(|s| s.kind == plenary_core::model::SessionKind::Panel)
        .unwrap();
    store
        .insert_session_roles(&[plenary_core::model::SessionRole {
            id: 0,
            session_id: panel.id,
            role: plenary_core::model::RoleKind::Speaker,
            person_id: Some(bell.id),
            organisation_id: None,
            note: String::new(),
            position: 20,
            tentative: false,
            presence: plenary_core::model::RolePresence::InPerson,
        }])
        .unwrap();
    drop(store);
    let opening = session_named(&plan, "Opening remarks by the Senior Official Co-Chairs");

    let app = App::launch(&plan).await;
    app.open("agenda").await;
    let row = format!(
        "[data-testid=session-row][data-session-id='{}']",
        opening.id
    );
    app.wait_js(
        "return document.querySelectorAll('[data-testid=conflict-badge]').length",
        json!(0),
    )
    .await;
    // Move the opening onto the panel through the form.
    app.el(&row).await.click().await.unwrap();
    app.type_into("form[data-testid=session-form] [name=start_time]", "11:00")
        .await;
    app.type_into("form[data-testid=session-form] [name=end_time]", "11:30")
        .await;
    app.el("[data-testid=session-save]")
        .await
        .click()
        .await
        .unwrap();

    app.wait_js(
        &format!("return !!document.querySelector(\"{row} [data-testid=conflict-badge]\")"),
        json!(true),
    )
    .await;
    app.el("[data-testid=problems]")
        .await
        .click()
        .await
        .unwrap();
    let entries = app
        .wait_js(
            "return [...document.querySelectorAll('[data-testid=conflict-entry]')].some(e => e.textContent.includes('Ms Lynn Bell is in two sessions at once'))",
            json!(true),
        )
        .await;
    assert_eq!(entries, json!(true));
    app.shot("conflicts.png").await;
    app.axe("the problems panel").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn calendar_day_view_of_a_92_room_day() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("large.plenary");
    let spec = plenary_core::synth::Spec {
        days: 4,
        rooms: 92,
        sessions: 1_351,
        people: 900,
        roles: 3_000,
    };
    drop(plenary_core::synth::generate(&plan, &spec).unwrap());
    let app = App::launch(&plan).await;
    app.open("calendar").await;
    app.el("[data-testid=cal-event]").await;
    // Time from an action until the calendar's old sessions have been
    // replaced by new ones and a frame with them has been drawn.
    let timed = |action: &str| {
        format!(
            r#"const done = arguments[arguments.length - 1];
               const old = document.querySelector('[data-testid=cal-event]');
               const t0 = performance.now();
               {action};
               const tick = () => {{
                 const first = document.querySelector('[data-testid=cal-event]');
                 if (first && first !== old && old && old.isConnected === false) {{
                   // The second frame callback runs once the first frame
                   // with the new columns has been drawn.
                   requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t0)));
                 }} else {{ setTimeout(tick, 2); }}
               }};
               tick();"#
        )
    };
    let measure = |script: String| {
        let driver = &app.driver;
        async move {
            driver
                .execute_async(script, Vec::new())
                .await
                .unwrap()
                .json()
                .as_f64()
                .unwrap()
        }
    };
    // The week view of the next eight rooms (about 120 sessions), and back.
    let mut week_pages = Vec::new();
    for button in ["room-next", "room-prev"] {
        let script = timed(&format!(
            "document.querySelector('[data-testid={button}]').click()"
        ));
        week_pages.push(measure(script).await.round());
    }
    eprintln!("calendar week view: another page of eight rooms in {week_pages:?} ms");
    // From the week view (the first eight rooms' sessions) to the day view.
    let from_week = measure(timed(
        "document.querySelector('[data-testid=view-day]').click()",
    ))
    .await;
    // A fresh 92-room day in the day view: the day view's own render.
    let ms = measure(timed(
        "const s = document.querySelector('[data-testid=calendar-day]'); s.value = s.options[1].value; s.dispatchEvent(new Event('change', {bubbles: true}))",
    ))
    .await;
    eprintln!("calendar: week view to day view in {from_week:.0} ms");
    eprintln!("calendar day view: another 92-room day (first 8 rooms) rendered in {ms:.0} ms");
    // Paging through the rooms shows every room once.
    let mut seen = std::collections::BTreeSet::new();
    let mut pages = Vec::new();
    loop {
        let names = app
            .js("return [...document.querySelectorAll('[data-testid=room-column]')].map(e => e.textContent.trim())")
            .await;
        for n in names.as_array().unwrap() {
            seen.insert(n.as_str().unwrap().to_string());
        }
        let last = app
            .js("return document.querySelector('[data-testid=room-next]').disabled")
            .await;
        if last == json!(true) {
            break;
        }
        let ms = measure(timed(
            "document.querySelector('[data-testid=room-next]').click()",
        ))
        .await;
        pages.push(ms.round());
    }
    eprintln!("calendar day view: next page of rooms in {pages:?} ms");
    assert_eq!(seen.len(), 92, "every room is on some page: {seen:?}");
    // The week view shows the same page of rooms over the four days.
    let week = measure(timed(
        "document.querySelector('[data-testid=view-week]').click()",
    ))
    .await;
    let week_rooms = app
        .js("return document.querySelector('[data-testid=room-page]').textContent")
        .await;
    assert_eq!(week_rooms, json!("Rooms 89–92 of 92"));
    // The list view lists all 1,351 sessions.
    let list = measure(timed(
        "document.querySelector('[data-testid=view-list]').click()",
    ))
    .await;
    let listed = app
        .js("return document.querySelectorAll('[data-testid=cal-event]').length")
        .await;
    assert_eq!(listed, json!(1_351));
    eprintln!("calendar: day view to week view (rooms 89–92) in {week:.0} ms, to list view (1,351 sessions) in {list:.0} ms");
    app.shot("calendar-92-rooms.png").await;
    app.axe("the 92-room day view").await;
    app.quit().await;
}

/// The sample week, with Ms Lynn Bell confirmed for the first event; returns
/// the plan's path, the event and her id.
fn sample_with_a_registrant(dir: &Path) -> (PathBuf, plenary_core::model::Event, i64) {
    let plan = dir.join("week.plenary");
    let mut store = plenary_core::sample::write_sample(&plan, false).unwrap();
    let event = store.events().unwrap()[0].clone();
    let lynn = plenary_core::attendees::lookup::find_person(&store, "Lynn Bell").unwrap();
    plenary_core::edit::attendance::set_registration(
        &mut store,
        event.id,
        lynn.id,
        Some(plenary_core::model::RegistrationStatus::Confirmed),
        "head of delegation",
    )
    .unwrap();
    (plan, event, lynn.id)
}

#[tokio::test(flavor = "multi_thread")]
async fn csv_import_through_the_import_screen() {
    let dir = tempfile::tempdir().unwrap();
    let (plan, event, _) = sample_with_a_registrant(dir.path());
    let csv = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/indico-registrants.csv");
    let app = App::launch(&plan).await;
    app.open("import").await;
    app.choose("[data-testid=import-event]", &event.id.to_string())
        .await;
    app.type_into("[data-testid=import-path]", csv.to_str().unwrap())
        .await;
    app.el("[data-testid=import-preview]")
        .await
        .click()
        .await
        .unwrap();
    app.el("[data-testid=import-row]").await;
    // The preview wrote nothing.
    assert!(plenary_core::attendees::lookup::find_person(
        &Store::open(&plan).unwrap(),
        "somchai@example.go.th"
    )
    .is_err());
    let errors = app
        .js("return document.querySelectorAll('[data-testid=import-row][data-action=error]').length")
        .await;
    if errors != json!(0) {
        app.el("[data-testid=import-skip-invalid]")
            .await
            .click()
            .await
            .unwrap();
    }
    app.shot("import-preview.png").await;
    app.axe("the attendee import preview").await;
    app.el("[data-testid=import-confirm]")
        .await
        .click()
        .await
        .unwrap();
    let summary = app.el("[data-testid=import-summary]").await;
    let text = summary.text().await.unwrap();
    assert!(text.contains("Created"), "{text}");

    let store = Store::open(&plan).unwrap();
    let somchai =
        plenary_core::attendees::lookup::find_person(&store, "somchai@example.go.th").unwrap();
    assert_eq!(somchai.family_name, "Jaidee");
    let registered = store
        .attendance()
        .unwrap()
        .into_iter()
        .any(|a| a.event_id == event.id && a.person_id == somchai.id);
    assert!(registered, "the import registered him for the chosen event");
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn check_in_one_person_at_the_desk() {
    let dir = tempfile::tempdir().unwrap();
    let (plan, event, lynn) = sample_with_a_registrant(dir.path());
    let app = App::launch(&plan).await;
    app.open("desk").await;
    app.choose("[data-testid=desk-event]", &event.id.to_string())
        .await;
    app.choose("[data-testid=desk-day]", &event.first_day.to_string())
        .await;
    let count = "return Number((document.querySelector('[data-testid=desk-present]').textContent.match(/\\d+/) || ['-1'])[0])";
    app.el("[data-testid=desk-row]").await;
    let before = app.js(count).await.as_i64().unwrap();
    app.type_into("[data-testid=desk-search]", "lynn bell")
        .await;
    app.wait_js(
        &format!("return [...document.querySelectorAll('[data-testid=desk-row]')].map(e => e.dataset.personId)[0] === '{lynn}'"),
        json!(true),
    )
    .await;
    app.el("[data-testid=desk-search]")
        .await
        .send_keys(Key::Enter)
        .await
        .unwrap();
    app.wait_js(count, json!(before + 1)).await;
    app.shot("desk.png").await;
    app.axe("the check-in desk").await;

    let store = Store::open(&plan).unwrap();
    let present = store
        .attendance()
        .unwrap()
        .into_iter()
        .find(|a| a.event_id == event.id && a.person_id == lynn)
        .unwrap()
        .days_present;
    assert_eq!(present, vec![event.first_day]);

    // The delegations of the same event, in protocol order, co-chairs first.
    app.open("delegations").await;
    app.el("[data-testid=delegation]").await;
    let first = app
        .js("return document.querySelector('[data-testid=delegation]').dataset.orgId")
        .await;
    let cochair = Store::open(&plan).unwrap().cochairs().unwrap()[0].organisation_id;
    assert_eq!(first, json!(cochair.to_string()));
    app.shot("delegations.png").await;
    app.axe("the delegations").await;
    app.quit().await;
}

/// What the page's own script gets when it calls `cmd` itself: the error's
/// code, or "ok".
const INVOKE_CODE: &str = r#"const done = arguments[arguments.length - 1];
    window.__TAURI_INTERNALS__
        .invoke(arguments[0], arguments[1])
        .then(() => done('ok'))
        .catch((e) => done(e && e.code ? e.code : String(e)));"#;

impl App {
    async fn invoke_code(&self, cmd: &str, args: Value) -> Value {
        self.driver
            .execute_async(INVOKE_CODE, vec![json!(cmd), args])
            .await
            .expect("invoke runs")
            .json()
            .clone()
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_kiosk_checks_a_person_in_and_reaches_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let (plan, event, lynn) = sample_with_a_registrant(dir.path());
    // Someone registered with a name in Thai script and an email.
    let somsri = {
        let mut store = Store::open(&plan).unwrap();
        let form = plenary_core::forms::PersonForm {
            honorific: "นางสาว".into(),
            given_name: "สมศรี".into(),
            family_name: "ใจดี".into(),
            email: "somsri.j@mfa.example".into(),
            ..Default::default()
        };
        let person = plenary_core::edit::people::create_person(&mut store, &form).unwrap();
        plenary_core::edit::attendance::set_registration(
            &mut store,
            event.id,
            person.id,
            Some(plenary_core::model::RegistrationStatus::Confirmed),
            "delegate",
        )
        .unwrap();
        person.id
    };
    let app = App::launch(&plan).await;
    app.open("desk").await;
    app.choose("[data-testid=desk-event]", &event.id.to_string())
        .await;
    app.choose("[data-testid=desk-day]", &event.first_day.to_string())
        .await;
    app.el("[data-testid=desk-row]").await;
    app.el("[data-testid=kiosk-open]")
        .await
        .click()
        .await
        .unwrap();
    app.type_into("[data-testid=kiosk-pin-new]", "2468").await;
    app.type_into("[data-testid=kiosk-pin-again]", "2468").await;
    app.shot("kiosk-dialog.png").await;
    app.axe("the kiosk mode dialog").await;
    app.el("[data-testid=kiosk-enter]")
        .await
        .click()
        .await
        .unwrap();
    app.el("[data-testid=kiosk-search]").await;
    // Nothing but the kiosk: no pages, no menus.
    let chrome =
        "return document.querySelectorAll('nav, [data-testid^=nav-], .topbar, .sidebar').length";
    assert_eq!(app.js(chrome).await, json!(0));

    app.type_into("[data-testid=kiosk-search]", "lynn bell")
        .await;
    let person = app.el("[data-testid=kiosk-person]").await;
    assert_eq!(
        person.attr("data-person-id").await.unwrap(),
        Some(lynn.to_string())
    );
    let height = app
        .js("return document.querySelector('[data-testid=kiosk-person]').getBoundingClientRect().height")
        .await;
    assert!(height.as_f64().unwrap() >= 48.0, "a touch target: {height}");
    app.shot("kiosk-search.png").await;
    app.axe("the kiosk").await;
    app.window_does_not_scroll("the kiosk").await;
    person.click().await.unwrap();
    let confirm = app.el("[data-testid=kiosk-confirm]").await;
    assert!(confirm
        .text()
        .await
        .unwrap()
        .contains("Check in Ms Lynn Bell"));
    app.axe("the kiosk's confirm card").await;
    app.el("[data-testid=kiosk-check-in]")
        .await
        .click()
        .await
        .unwrap();
    let welcome = app.el("[data-testid=kiosk-welcome]").await;
    assert!(welcome
        .text()
        .await
        .unwrap()
        .contains("Welcome, Ms Lynn Bell"));
    app.shot("kiosk-welcome.png").await;
    let present = Store::open(&plan)
        .unwrap()
        .attendance()
        .unwrap()
        .into_iter()
        .find(|a| a.event_id == event.id && a.person_id == lynn)
        .unwrap()
        .days_present;
    assert_eq!(present, vec![event.first_day]);

    // Found by email, the name shown as written.
    app.el("[data-testid=kiosk-welcome] button")
        .await
        .click()
        .await
        .unwrap();
    app.type_into("[data-testid=kiosk-search]", "somsri.j@")
        .await;
    let thai = app.el("[data-testid=kiosk-person]").await;
    assert_eq!(
        thai.attr("data-person-id").await.unwrap(),
        Some(somsri.to_string())
    );
    assert_eq!(
        app.js("return document.querySelector('[data-testid=kiosk-person] .name').textContent")
            .await,
        json!("นางสาว สมศรี ใจดี")
    );
    thai.click().await.unwrap();
    app.el("[data-testid=kiosk-check-in]")
        .await
        .click()
        .await
        .unwrap();
    let welcome = app.el("[data-testid=kiosk-welcome]").await;
    assert!(welcome
        .text()
        .await
        .unwrap()
        .contains("Welcome, นางสาว สมศรี ใจดี"));
    app.shot("kiosk-welcome-thai.png").await;
    let attendance = Store::open(&plan).unwrap().attendance().unwrap();
    assert!(attendance
        .iter()
        .any(|a| a.person_id == somsri && a.days_present == vec![event.first_day]));

    // The page's own script reaches no other command, nor a file dialog.
    assert_eq!(app.invoke_code("undo", json!({})).await, json!("locked"));
    assert_eq!(
        app.invoke_code("open_plan", json!({ "path": plan })).await,
        json!("locked")
    );
    assert_eq!(
        app.invoke_code("plugin:dialog|open", json!({ "options": {} }))
            .await,
        json!("locked")
    );
    assert_eq!(app.invoke_code("run_clock", json!({})).await, json!("ok"));
    // Ctrl+Z does nothing: the check-in stays.
    ctrl(&app, "z").await;
    let still = Store::open(&plan).unwrap().attendance().unwrap();
    assert!(still
        .iter()
        .any(|a| a.person_id == lynn && a.days_present == vec![event.first_day]));

    // A reload comes back to the kiosk.
    app.js("location.reload()").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    app.el("[data-testid=kiosk-search]").await;
    assert_eq!(app.js(chrome).await, json!(0));

    // Leaving takes the PIN: a wrong one is refused, the right one gives the window back.
    app.el("[data-testid=kiosk-leave]")
        .await
        .click()
        .await
        .unwrap();
    for d in "1357".chars() {
        app.el(&format!("[data-testid=kiosk-digit-{d}]"))
            .await
            .click()
            .await
            .unwrap();
    }
    app.el("[data-testid=kiosk-pin-ok]")
        .await
        .click()
        .await
        .unwrap();
    let wrong = app.el("[data-testid=kiosk-pin-error]").await;
    assert!(wrong.text().await.unwrap().contains("not the one set"));
    app.shot("kiosk-pin.png").await;
    app.axe("the kiosk's PIN pad").await;
    for d in "2468".chars() {
        app.el(&format!("[data-testid=kiosk-digit-{d}]"))
            .await
            .click()
            .await
            .unwrap();
    }
    app.el("[data-testid=kiosk-pin-ok]")
        .await
        .click()
        .await
        .unwrap();
    app.el("[data-testid=nav-desk]").await;
    assert_eq!(app.invoke_code("undo_state", json!({})).await, json!("ok"));
    app.quit().await;
}

/// The Statistics page counts the week's delegations as the Delegations
/// page does, and shows who checked in by day.
#[tokio::test(flavor = "multi_thread")]
async fn the_statistics_page_counts_the_weeks_delegations() {
    let dir = tempfile::tempdir().unwrap();
    let (plan, event, lynn) = sample_with_a_registrant(dir.path());
    let at = event.first_day.and_hms_opt(9, 0, 0).unwrap();
    let mut store = Store::open(&plan).unwrap();
    plenary_core::edit::attendance::check_in(&mut store, event.id, lynn, event.first_day, true, at)
        .unwrap();
    drop(store);
    let app = App::launch(&plan).await;
    app.open("stats").await;
    let count = |key: &str| {
        format!(
            "const c = document.querySelector('[data-testid=stats-by-status] tr[data-key={key}] [data-testid=status-delegations]'); return c ? c.textContent.trim() : null"
        )
    };
    app.wait_js(&count("member"), json!("17")).await;
    assert_eq!(app.js(&count("observer")).await, json!("9"));
    let chart = app
        .js("return document.querySelector('[data-testid=chart-checkins]').getAttribute('aria-label')")
        .await;
    assert!(
        chart.as_str().unwrap_or("").contains("Mon 18 Nov 1"),
        "{chart}"
    );
    app.shot("statistics.png").await;
    app.js("document.querySelector('[data-testid=chart-checkins]').scrollIntoView(); return null")
        .await;
    app.shot("statistics-check-ins.png").await;
    app.js("document.querySelector('[data-testid=chart-gender]').scrollIntoView(); return null")
        .await;
    app.shot("statistics-gender.png").await;
    app.window_does_not_scroll("stats").await;
    app.axe("the statistics").await;
    app.quit().await;
}

/// The sample with Ms Lynn Bell registered, open on the Speakers board with
/// every session shown; returns the app, the plan, her id, the panel and its card's selector.
async fn board_with_the_panel(
    dir: &Path,
) -> (App, PathBuf, i64, plenary_core::model::Session, String) {
    let (plan, _, lynn) = sample_with_a_registrant(dir);
    let panel = Store::open(&plan)
        .unwrap()
        .sessions()
        .unwrap()
        .into_iter()
        .find(|s| s.kind == plenary_core::model::SessionKind::Panel)
        .unwrap();
    let app = App::launch(&plan).await;
    app.open("board").await;
    // Every session, not only those that still need people.
    app.el("[data-testid=board-page]").await;
    app.js("const f = document.querySelector('[data-testid=board-needs-only]'); if (f && f.checked) f.click(); return true")
        .await;
    let card = format!(
        "[data-testid=board-session][data-session-id='{}']",
        panel.id
    );
    (app, plan, lynn, panel, card)
}

#[tokio::test(flavor = "multi_thread")]
async fn assign_the_panel_moderator_on_the_board() {
    let dir = tempfile::tempdir().unwrap();
    let (app, plan, lynn, panel, card) = board_with_the_panel(dir.path()).await;
    app.choose(&format!("{card} [data-testid=board-role]"), "moderator")
        .await;
    app.type_into(&format!("{card} [data-testid=board-person]"), "Lynn Bell")
        .await;
    app.el(&format!("{card} [data-testid=board-person-option]"))
        .await
        .click()
        .await
        .unwrap();
    app.el(&format!("{card} [data-testid=board-preview]")).await;
    app.el(&format!("{card} [data-testid=board-assign]"))
        .await
        .click()
        .await
        .unwrap();
    let store_has = || {
        Store::open(&plan)
            .unwrap()
            .session_roles(panel.id)
            .unwrap()
            .into_iter()
            .any(|r| {
                r.role == plenary_core::model::RoleKind::Moderator && r.person_id == Some(lynn)
            })
    };
    let started = Instant::now();
    while !store_has() && started.elapsed() < Duration::from_secs(10) {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(store_has(), "Ms Lynn Bell moderates the panel in the file");
    app.shot("board.png").await;
    app.axe("the speaker board").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn dragging_a_person_onto_a_board_card_proposes_them() {
    let dir = tempfile::tempdir().unwrap();
    let (app, _, lynn, _, card) = board_with_the_panel(dir.path()).await;
    let onto = app.centred(&card).await;
    let person = app
        .el(&format!(
            "[data-testid=board-load][data-person-id='{lynn}'] .load-main"
        ))
        .await;
    app.drag_over(&person, &onto).await;
    app.release().await;
    let proposal = app
        .wait_js(
            &format!(
                "const p = document.querySelector(\"{card} [data-testid=board-proposal]\"); return p !== null && p.textContent.includes('Lynn Bell')"
            ),
            json!(true),
        )
        .await;
    assert_eq!(proposal, json!(true), "the card proposes Ms Lynn Bell");
    app.el(&format!("{card} [data-testid=board-preview]")).await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn people_search_round_trip_in_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("large.plenary");
    drop(plenary_core::synth::generate(&plan, &plenary_core::synth::Spec::FOUNDATION).unwrap());
    let app = App::launch(&plan).await;
    app.open("people").await;
    app.el("[data-testid=people-search]").await;
    // Keystroke to rows on screen, for a few queries over 5,000 people.
    let mut times = Vec::new();
    for query in ["Family01", "Family00042", "person123", "Given7 Family00"] {
        let ms = app
            .driver
            .execute_async(
                r#"const [q, done] = [arguments[0], arguments[arguments.length - 1]];
                   const input = document.querySelector('[data-testid=people-search]');
                   const before = [...document.querySelectorAll('[data-testid=person-row]')].map(r => r.dataset.personId).join();
                   const t0 = performance.now();
                   input.value = q;
                   input.dispatchEvent(new Event('input', {bubbles: true}));
                   const tick = () => {
                     const now = [...document.querySelectorAll('[data-testid=person-row]')].map(r => r.dataset.personId).join();
                     if (now !== before && now !== '') requestAnimationFrame(() => done(performance.now() - t0));
                     else if (performance.now() - t0 > 5000) done(-1);
                     else setTimeout(tick, 1);
                   };
                   tick();"#,
                vec![json!(query)],
            )
            .await
            .unwrap()
            .json()
            .as_f64()
            .unwrap();
        assert!(ms >= 0.0, "{query}: no rows changed");
        times.push(ms);
    }
    eprintln!("people search in the window, keystroke to rows: {times:?} ms");
    app.shot("people.png").await;
    app.axe("the people search").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_print_page_previews_the_day_report_of_a_day() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("week.plenary");
    drop(plenary_core::sample::write_sample(&plan, false).unwrap());
    let app = App::launch(&plan).await;
    app.open("print").await;
    app.el("[data-testid=print-page-image]").await;
    app.choose("[data-testid=print-kind]", "report").await;
    app.choose("[data-testid=print-day]", "2024-11-19").await;
    // One day's report is one page, drawn.
    app.wait_js(
        "return [...document.querySelectorAll('[data-testid=print-page-image]')]\
            .map(i => i.complete && i.naturalWidth > 0 && i.alt)",
        json!(["Page 1 of 1"]),
    )
    .await;
    let csv = app
        .js("return document.querySelector('[data-testid=print-export-csv]').getAttribute('aria-disabled')")
        .await;
    assert_eq!(csv, json!("false"), "a day chosen: its CSV can be saved");
    app.shot("print-report.png").await;
    app.axe("the day report in the print preview").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_print_page_previews_the_programme_page_by_page() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("week.plenary");
    drop(plenary_core::sample::write_sample(&plan, false).unwrap());
    let app = App::launch(&plan).await;
    app.open("print").await;
    app.el("[data-testid=print-page-image]").await;
    let alts = app
        .js("return [...document.querySelectorAll('[data-testid=print-page-image]')].map(i => i.alt)")
        .await;
    let alts: Vec<String> = alts
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap().to_string())
        .collect();
    assert!(!alts.is_empty());
    assert_eq!(alts[0], format!("Page 1 of {}", alts.len()));
    // The images are drawn (an SVG that failed to load has no width).
    app.wait_js(
        "return [...document.querySelectorAll('[data-testid=print-page-image]')].every(i => i.complete && i.naturalWidth > 0)",
        json!(true),
    )
    .await;
    app.shot("print.png").await;
    app.axe("the print preview").await;

    // Name cards: landscape tent cards, one size by default, acronyms when asked.
    let drawn = "return [...document.querySelectorAll('[data-testid=print-page-image]')]\
        .every(i => i.complete && i.naturalWidth > i.naturalHeight)";
    app.choose("[data-testid=print-kind]", "namecards").await;
    app.wait_js(drawn, json!(true)).await;
    let first = "return document.querySelector('[data-testid=print-page-image]').src";
    let plain = app.js(first).await;
    app.el("[data-testid=print-acronyms]")
        .await
        .click()
        .await
        .unwrap();
    let started = Instant::now();
    while app.js(first).await == plain && started.elapsed() < Duration::from_secs(20) {
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_ne!(app.js(first).await, plain, "the preview follows the choice");
    app.wait_js(drawn, json!(true)).await;
    app.shot("print-cards.png").await;
    app.axe("name cards in the print preview").await;

    // The day at a glance draws too; the programme comes back with a status line.
    app.choose("[data-testid=print-kind]", "glance").await;
    app.wait_js(drawn, json!(true)).await;
    app.choose("[data-testid=print-kind]", "programme").await;
    app.el("[data-testid=print-status]")
        .await
        .send_keys("Provisional")
        .await
        .unwrap();
    app.wait_js(
        "return [...document.querySelectorAll('[data-testid=print-page-image]')].length > 0",
        json!(true),
    )
    .await;
    app.axe("the programme's options").await;

    // Print… opens the system (GTK) print dialog over the window.
    app.el("[data-testid=print-print]")
        .await
        .click()
        .await
        .unwrap();
    let started = Instant::now();
    let mut seen = String::new();
    while started.elapsed() < Duration::from_secs(10) {
        let tree = Command::new("xwininfo")
            .args(["-root", "-tree"])
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
            .unwrap_or_default();
        if tree.contains("\"Print\"") {
            seen = tree;
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(!seen.is_empty(), "a window titled Print opened");
    app.shot("print-dialog.png").await;
    app.quit().await;
}

/// Long work runs off the window's thread, and holds the plan only while
/// it reads it: on a large plan the print preview's progress bar moves
/// through the pages, and the agenda answers while the pages are drawn and
/// while a PDF is laid out.
#[tokio::test(flavor = "multi_thread")]
async fn the_window_answers_while_a_large_programme_is_laid_out() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("large.plenary");
    let spec = plenary_core::synth::Spec {
        days: 5,
        rooms: 90,
        sessions: 2_000,
        people: 2_000,
        roles: 2_000,
    };
    drop(plenary_core::synth::generate(&plan, &spec).unwrap());
    let app = App::launch(&plan).await;
    app.driver
        .set_script_timeout(Duration::from_secs(180))
        .await
        .unwrap();
    app.open("print").await;
    // The preview starts on its own. Watch the bar until the pages are
    // shown; once it is part-way, ask for the agenda, which needs the plan.
    let during_preview = app
        .driver
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
               const t0 = performance.now();
               const seen = new Set();
               let answer = null;
               const tick = () => {
                 const bar = document.querySelector('[data-testid=print-progress]');
                 if (bar && bar.max > 1 && bar.value > 0 && bar.value < bar.max) {
                   seen.add(bar.value);
                   if (answer === null) {
                     answer = {};
                     const stage = document.querySelector('[data-testid=print-stage]').textContent;
                     const asked = performance.now();
                     window.__TAURI_INTERNALS__.invoke('agenda', { day: null }).then(
                       (a) => Object.assign(answer, { stage, days: a.days.length,
                         ms: Math.round(performance.now() - asked),
                         at: document.querySelector('[data-testid=print-progress]')?.value ?? null,
                         of: bar.max }),
                       (e) => Object.assign(answer, { error: JSON.stringify(e) }));
                   }
                 }
                 if (document.querySelector('[data-testid=print-page-image]') && !bar) {
                   done({ steps: seen.size, ...answer });
                 } else if (performance.now() - t0 > 120000) {
                   done({ error: 'the preview did not finish', steps: seen.size });
                 } else { setTimeout(tick, 5); }
               };
               tick();"#,
            Vec::new(),
        )
        .await
        .unwrap()
        .json()
        .clone();
    eprintln!("print preview of a 2,000-session programme: {during_preview}");
    assert_eq!(during_preview["error"], Value::Null, "{during_preview}");
    // The bar moved page by page rather than jumping at the end, which it
    // does when the window's thread is held up.
    assert!(
        during_preview["steps"].as_u64().unwrap() >= 5,
        "{during_preview}"
    );
    assert_eq!(during_preview["days"], json!(5), "{during_preview}");
    let stage = during_preview["stage"].as_str().unwrap();
    assert!(stage.starts_with("Drawing ("), "{stage}");
    // The agenda answered while pages were still being drawn.
    let (at, of) = (&during_preview["at"], &during_preview["of"]);
    assert!(
        at.as_f64()
            .is_some_and(|at| at < of.as_f64().unwrap() - 1.0),
        "the agenda answered only once the pages were drawn: {during_preview}"
    );
    app.el("[data-testid=print-page-image]").await;

    // A PDF of every speaker's briefing (thousands of pages): once the plan
    // has been read ("Laying out"), the agenda answers while Typst works.
    let pdf = dir.path().join("speakers.pdf");
    let script = format!(
        r#"const done = arguments[arguments.length - 1];
           const I = window.__TAURI_INTERNALS__;
           const t = {{}};
           const progress = I.transformCallback((raw) => {{
             const m = raw && raw.message;
             if (t.asked === undefined && m && m.stage === 'Laying out') {{
               t.asked = performance.now();
               I.invoke('agenda', {{ day: null }}).then(() => (t.agenda = performance.now()),
                 (e) => (t.error = JSON.stringify(e)));
             }}
           }});
           const request = {{ kind: 'speakers', day: null, event_id: null, paper: 'a4',
                             variant: 'public', changes_since: null, per_person: false, with_counts: true }};
           I.invoke('export_pdf', {{ request, path: {path}, publish: false,
                                     progress: '__CHANNEL__:' + progress }})
             .then((r) => {{
                     t.pdf = performance.now();
                     setTimeout(() => done({{ pages: r.pages, error: t.error,
                       agenda_ms: Math.round(t.agenda - t.asked), pdf_ms: Math.round(t.pdf - t.asked) }}), 50);
                   }},
                   (e) => done({{ error: JSON.stringify(e) }}));"#,
        path = json!(pdf.to_str().unwrap())
    );
    let during_pdf = app
        .driver
        .execute_async(&script, Vec::new())
        .await
        .unwrap()
        .json()
        .clone();
    eprintln!("PDF of the speakers' briefings of 2,000 sessions: {during_pdf}");
    assert_eq!(during_pdf["error"], Value::Null, "{during_pdf}");
    // Held up behind the PDF, the agenda would answer when it is written.
    let agenda = during_pdf["agenda_ms"].as_f64().unwrap();
    let written = during_pdf["pdf_ms"].as_f64().unwrap();
    assert!(
        agenda < written / 2.0,
        "the agenda answered only once the PDF was written: {during_pdf}"
    );
    assert!(during_pdf["pages"].as_u64().unwrap() > 50, "{during_pdf}");
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    app.quit().await;
}

#[tokio::test]
async fn a_programme_spreadsheet_is_imported_and_a_speakers_calendar_exported() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("week.plenary");
    plenary_core::sample::write_sample(&plan, false).unwrap();
    let csv = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/side-programme.csv");
    let app = App::launch(&plan).await;
    app.open("programme").await;
    app.type_into("[data-testid=programme-path]", csv.to_str().unwrap())
        .await;
    app.el("[data-testid=programme-preview]")
        .await
        .click()
        .await
        .unwrap();
    app.el("[data-testid=programme-row]").await;
    // The preview wrote nothing.
    assert!(!Store::open(&plan)
        .unwrap()
        .sessions()
        .unwrap()
        .iter()
        .any(|s| s.title.starts_with("Launch of the regional")));
    // "Lead" is not a heading the import knows: say it names the moderator.
    let lead = app
        .js("return [...document.querySelectorAll('[data-testid=programme-column]')].findIndex(s => s.id.endsWith('-col-5'))")
        .await;
    assert_eq!(lead, json!(5));
    app.choose("[id$='-col-5']", "moderator").await;
    app.wait_js(
        "return [...document.querySelectorAll('[data-testid=programme-row]')].some(r => r.textContent.includes('Moderator: Ms Siriporn Chaiyasit'))",
        json!(true),
    )
    .await;
    app.shot("programme-import-preview.png").await;
    app.axe("the programme import preview").await;
    app.el("[data-testid=programme-confirm]")
        .await
        .click()
        .await
        .unwrap();
    // The window goes to the Agenda, which shows the imported sessions.
    app.wait_js(
        "return document.body.textContent.includes('Launch of the regional data report')",
        json!(true),
    )
    .await;
    let launch = session_named(&plan, "Launch of the regional data report");
    assert_eq!(launch.start.unwrap().to_string(), "2024-11-19 12:30:00");
    let store = Store::open(&plan).unwrap();
    let roles = store.session_roles(launch.id).unwrap();
    assert_eq!(roles[0].role, plenary_core::model::RoleKind::Moderator);
    let moderator = store.person(roles[0].person_id.unwrap()).unwrap();
    assert_eq!(moderator.family_name, "Chaiyasit");
    drop(store);

    // File › Export…: Ms Chaiyasit's own calendar.
    app.el("[data-testid=file-menu]")
        .await
        .click()
        .await
        .unwrap();
    app.el("[data-label=Export]").await.click().await.unwrap();
    app.choose("[data-testid=export-format]", "ics").await;
    app.el("[data-testid=scope-person]")
        .await
        .click()
        .await
        .unwrap();
    app.type_into("[data-testid=export-person-search]", "Chaiyasit")
        .await;
    app.el("[data-testid=export-person-search-option]")
        .await
        .click()
        .await
        .unwrap();
    let ics = dir.path().join("chaiyasit.ics");
    app.type_into("[data-testid=export-path]", ics.to_str().unwrap())
        .await;
    app.el("[data-testid=export-save]")
        .await
        .click()
        .await
        .unwrap();
    let notice = app.el("[data-testid=notice]").await;
    assert!(notice.text().await.unwrap().contains("Wrote 1 session"));
    let bytes = std::fs::read(&ics).unwrap();
    let back = plenary_core::interop::ical::read(&bytes, None).unwrap();
    assert_eq!(back.programme.sessions.len(), 1);
    let s = &back.programme.sessions[0];
    assert_eq!(s.title, "Launch of the regional data report");
    assert_eq!(s.start.unwrap().to_string(), "2024-11-19 12:30:00");
    assert_eq!(s.room.as_deref(), Some("Lotus Room"));
    app.quit().await;
}

/// Types `text` where the keyboard is.
async fn type_here(app: &App, text: impl Into<TypingData>) {
    let here = app.driver.active_element().await.unwrap();
    here.send_keys(text).await.unwrap();
}

/// Waits until the keyboard is on the element with data-testid `testid`.
async fn wait_focus(app: &App, testid: &str) {
    app.wait_js(
        "return document.activeElement && document.activeElement.dataset.testid || null",
        json!(testid),
    )
    .await;
}

/// In the session form's last role row: types `typed` into its person box
/// and waits until the first option shows `first` (or, with `None`, until
/// adding what was typed is offered), then presses Enter.
async fn pick_in_last_row(app: &App, typed: &str, first: Option<&str>) {
    wait_focus(app, "roles-person").await;
    type_here(app, typed).await;
    let last = "[...document.querySelectorAll('[data-testid=session-roles] [data-testid=roles-row]')].pop()";
    match first {
        Some(name) => {
            app.wait_js(
                &format!("const o = {last}.querySelector('[role=option]'); return !!o && o.textContent.includes({name:?})"),
                json!(true),
            )
            .await
        }
        None => {
            app.wait_js(
                &format!("const o = {last}.querySelector('[data-testid=roles-person-create]'); return !!o && o.getAttribute('aria-selected') === 'true'"),
                json!(true),
            )
            .await
        }
    };
    type_here(app, Key::Enter).await;
}

/// Adds the person offered by the inline form (prefilled from what was
/// typed) with Enter, once it has read the text.
async fn add_inline_person(app: &App, given: &str) {
    app.wait_js(
        "const i = document.activeElement; return i && i.name === 'given_name' ? i.value : null",
        json!(given),
    )
    .await;
    type_here(app, Key::Enter).await;
}

/// A whole panel entered through the session form alone: a moderator who
/// is in the plan and four speakers, two of whom are not and are added from
/// the picker.
///
/// Actions (a click, or one burst of keys): the session's own fields are 9
/// (New session…, event, title, kind, day, start, end, room, Create
/// session); the roles 15, as a pick in the last row opens the next one
/// with the keyboard in it — moderator 3 (Add a row, type, Enter), a new
/// speaker 5 (the role, back to the person box, type, Enter on “Add …”,
/// Enter to add), an existing speaker 2 (type, Enter), a second new
/// speaker 3 (the role now follows the row above), another existing
/// speaker 2 — 24 in all. The same panel before: the session form 9;
/// People 1; New person…, given name, family name, Add person for Jürg
/// Lauber 4; the same with honorific and position for the ambassador 6;
/// Agenda, the session, People and roles… 3; per row Add a role, the role
/// where it is not the row above's (moderator, first speaker), type, pick
/// (17), then Save 1 — 41 in all.
#[tokio::test(flavor = "multi_thread")]
async fn a_panel_is_entered_through_the_session_form_alone() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("week.plenary");
    drop(plenary_core::sample::write_sample(&plan, false).unwrap());
    let store = Store::open(&plan).unwrap();
    let annual = store.events().unwrap()[1].id.to_string();
    let hall = store
        .rooms()
        .unwrap()
        .into_iter()
        .find(|r| r.name == "Plenary Hall")
        .unwrap()
        .id
        .to_string();
    let people_before = store.people().unwrap().len();
    drop(store);
    let app = App::launch(&plan).await;
    app.open("agenda").await;
    app.el("[data-testid=session-row]").await;

    let form = "form[data-testid=session-form]";
    app.el("[data-testid=new-session]")
        .await
        .click()
        .await
        .unwrap();
    app.el(form).await;
    app.choose(&format!("{form} [name=event_id]"), &annual)
        .await;
    app.type_into(&format!("{form} [name=title]"), "Panel II: Labour mobility")
        .await;
    app.choose(&format!("{form} [name=kind]"), "panel").await;
    let day = format!("{form} [name=day]");
    if app.el(&day).await.tag_name().await.unwrap() == "select" {
        app.choose(&day, "2024-11-19").await;
    } else {
        app.type_into(&day, "2024-11-19").await;
    }
    app.type_into(&format!("{form} [name=start_time]"), "16:00")
        .await;
    app.type_into(&format!("{form} [name=end_time]"), "17:30")
        .await;
    app.choose(&format!("{form} [name=room_id]"), &hall).await;

    // The moderator: a panel's first row.
    app.el("[data-testid=session-roles] [data-testid=roles-add]")
        .await
        .click()
        .await
        .unwrap();
    pick_in_last_row(&app, "bell", Some("Ms Lynn Bell")).await;

    // A speaker the plan does not have yet.
    app.choose(
        "[data-testid=session-roles] [data-testid=roles-row]:last-of-type [data-testid=roles-role]",
        "speaker",
    )
    .await;
    app.el("[data-testid=session-roles] [data-testid=roles-row]:last-of-type [data-testid=roles-person]")
        .await
        .click()
        .await
        .unwrap();
    pick_in_last_row(&app, "Jürg Lauber", None).await;
    add_inline_person(&app, "Jürg").await;

    pick_in_last_row(&app, "tharyat", Some("Mr Tri Tharyat")).await;

    pick_in_last_row(
        &app,
        "Amb. Juan José Gómez Camacho, Permanent Representative of Mexico",
        None,
    )
    .await;
    add_inline_person(&app, "Juan José Gómez").await;

    pick_in_last_row(&app, "haigh", Some("Ms Kathryn Haigh")).await;

    // The row the last pick opened waits, empty; it is not saved.
    wait_focus(&app, "roles-person").await;
    app.shot("session-form-panel.png").await;
    app.el("[data-testid=session-save]")
        .await
        .click()
        .await
        .unwrap();

    // The agenda lists the panel's people in the order entered.
    let row = "[...document.querySelectorAll('[data-testid=session-row]')].find(r => r.textContent.includes('Panel II: Labour mobility'))";
    app.wait_js(&format!("return !!{row}"), json!(true)).await;
    let text = app.js(&format!("return {row}.textContent")).await;
    let text = text.as_str().unwrap();
    let names = [
        "Ms Lynn Bell",
        "Jürg Lauber",
        "Mr Tri Tharyat",
        "Amb. Juan José Gómez Camacho",
        "Ms Kathryn Haigh",
    ];
    let at: Vec<usize> = names
        .iter()
        .map(|n| text.find(n).unwrap_or_else(|| panic!("{n} in {text}")))
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "in order: {text}");
    app.shot("agenda-panel.png").await;
    app.quit().await;

    // The plan file holds the session, its five roles in order, and the two new people.
    let store = Store::open(&plan).unwrap();
    let panel = session_named(&plan, "Panel II: Labour mobility");
    let roles = store.session_roles(panel.id).unwrap();
    let got: Vec<(plenary_core::model::RoleKind, String)> = roles
        .iter()
        .map(|r| (r.role, store.person_name(r.person_id.unwrap()).unwrap()))
        .collect();
    use plenary_core::model::RoleKind::{Moderator, Speaker};
    assert_eq!(
        got,
        vec![
            (Moderator, "Ms Lynn Bell".to_string()),
            (Speaker, "Jürg Lauber".to_string()),
            (Speaker, "Mr Tri Tharyat".to_string()),
            (Speaker, "Amb. Juan José Gómez Camacho".to_string()),
            (Speaker, "Ms Kathryn Haigh".to_string()),
        ]
    );
    assert_eq!(store.people().unwrap().len(), people_before + 2);
    let camacho = store
        .people()
        .unwrap()
        .into_iter()
        .find(|p| p.family_name == "Camacho")
        .unwrap();
    assert_eq!(camacho.position, "Permanent Representative of Mexico");
}

/// The sample week with one event's title 120 characters long.
fn sample_with_a_long_title(dir: &Path) -> PathBuf {
    let plan = dir.join("week.plenary");
    let mut store = plenary_core::sample::write_sample(&plan, false).unwrap();
    let event = store.events().unwrap().remove(0);
    let mut title = format!("{} ", event.title);
    while title.chars().count() < 120 {
        title.push_str("and partners ");
    }
    let title: String = title.chars().take(120).collect();
    plenary_core::edit::events::update_event(
        &mut store,
        event.id,
        &plenary_core::forms::EventForm {
            title,
            short_name: event.short_name.clone(),
            first_day: event.first_day.to_string(),
            last_day: event.last_day.to_string(),
            description: event.description.clone(),
        },
    )
    .unwrap();
    plan
}

#[tokio::test(flavor = "multi_thread")]
async fn every_page_and_dialog_passes_axe_and_only_the_content_scrolls() {
    let dir = tempfile::tempdir().unwrap();
    let plan = sample_with_a_long_title(dir.path());
    let app = App::launch(&plan).await;
    app.wait_js(
        "return document.querySelectorAll('[data-testid=event-card]').length",
        json!(3),
    )
    .await;
    for page in [
        "overview",
        "today",
        "agenda",
        "calendar",
        "sequence",
        "board",
        "delegations",
        "stats",
        "people",
        "desk",
        "import",
        "programme",
        "print",
        "summary",
    ] {
        app.open(page).await;
        app.el("main h1").await;
        // Let the page load what it shows.
        tokio::time::sleep(Duration::from_millis(700)).await;
        app.window_does_not_scroll(page).await;
        app.axe(page).await;
        let announced = app
            .js("return document.querySelector('[data-testid=page-announcement]').textContent")
            .await;
        assert!(
            announced.as_str().unwrap_or("").ends_with(" page"),
            "{page}: {announced}"
        );
    }

    // The calendar's other views, and the organisations.
    app.open("calendar").await;
    for view in ["day", "list"] {
        app.el(&format!("[data-testid=view-{view}]"))
            .await
            .click()
            .await
            .unwrap();
        tokio::time::sleep(Duration::from_millis(500)).await;
        app.window_does_not_scroll(view).await;
        app.axe(&format!("the calendar's {view} view")).await;
    }
    app.open("people").await;
    app.el("[data-testid=people-tab][data-key=organisations]")
        .await
        .click()
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    app.axe("the organisations").await;

    // At 1024 px the co-chairs' rows and the people with a person open stay inside the content.
    app.driver.set_window_rect(0, 0, 1024, 768).await.unwrap();
    app.open("summary").await;
    app.el("[data-testid=summary-section]").await;
    app.window_does_not_scroll("the summary at 1024 px").await;
    app.open("delegations").await;
    app.el("[data-testid=cochair-row]").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    app.window_does_not_scroll("the delegations at 1024 px")
        .await;
    app.open("people").await;
    app.el("[data-testid=people-tab][data-key=people]")
        .await
        .click()
        .await
        .unwrap();
    app.el("[data-testid=person-row]").await;
    app.js("document.querySelector('[data-testid=person-row]').click()")
        .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    app.window_does_not_scroll("the people at 1024 px").await;
    let table = app
        .js("return [...document.querySelectorAll('.table-wrap')].every((t) => t.scrollWidth <= t.clientWidth)")
        .await;
    assert_eq!(
        table,
        json!(true),
        "the people's table fits its card at 1024 px"
    );
    app.axe("a person shown beside the people").await;
    app.driver.set_window_rect(0, 0, 1280, 800).await.unwrap();

    // Dialogs: each checked, then closed with Escape (nothing typed, so at once).
    for (page, opener, what) in [
        ("overview", "[data-testid=edit-plan]", "the plan details"),
        ("agenda", "[data-testid=new-session]", "a new session"),
        ("people", "[data-testid=person-new]", "a new person"),
        (
            "sequence",
            "[data-testid=insert-break]",
            "a break across rooms",
        ),
    ] {
        app.open(page).await;
        app.el(opener).await.click().await.unwrap();
        app.el("dialog[open]").await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        app.axe(what).await;
        app.press(Key::Escape).await;
        app.wait_js(
            "return !!document.querySelector('dialog[open]')",
            json!(false),
        )
        .await;
    }

    // The menus, and the dialogs only they open.
    for (menu, item, what) in [
        ("file-menu", "Export", "the export dialog"),
        ("file-menu", "Hand over a copy", "the hand-over dialog"),
        (
            "file-menu",
            "Merge a plan from the other team",
            "the merge dialog",
        ),
        ("menu-edit", "Change log", "the change log"),
        ("menu-help", "About Plenary", "the About dialog"),
    ] {
        app.el(&format!("[data-testid={menu}]"))
            .await
            .click()
            .await
            .unwrap();
        app.el("[role=menu]").await;
        app.axe(&format!("the {menu} open")).await;
        app.el(&format!("[role=menuitem][data-label='{item}']"))
            .await
            .click()
            .await
            .unwrap();
        app.el("dialog[open]").await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        app.axe(what).await;
        app.press(Key::Escape).await;
        app.wait_js(
            "return !!document.querySelector('dialog[open]')",
            json!(false),
        )
        .await;
    }

    // A session's form with its people and roles.
    app.open("agenda").await;
    app.el("[data-testid=session-row]")
        .await
        .click()
        .await
        .unwrap();
    app.el("[data-testid=session-roles] [data-testid=roles-row]")
        .await;
    app.axe("a session's form with its people and roles").await;
    app.press(Key::Escape).await;
    app.wait_js(
        "return !!document.querySelector('dialog[open]')",
        json!(false),
    )
    .await;

    // The roles dialog, from the board.
    app.open("board").await;
    app.el("[data-testid=board-page]").await;
    app.js("const f = document.querySelector('[data-testid=board-needs-only]'); if (f && f.checked) f.click(); return true")
        .await;
    app.el("[data-testid=board-edit-roles]")
        .await
        .click()
        .await
        .unwrap();
    app.el("dialog [data-testid=roles-row]").await;
    app.axe("the roles of a session").await;
    app.press(Key::Escape).await;
    app.wait_js(
        "return !!document.querySelector('dialog[open]')",
        json!(false),
    )
    .await;

    // The kiosk, entered from the desk and left with its PIN.
    app.open("desk").await;
    app.el("[data-testid=kiosk-open]")
        .await
        .click()
        .await
        .unwrap();
    app.el("dialog[open] [data-testid=kiosk-form]").await;
    app.axe("the kiosk mode dialog").await;
    app.type_into("[data-testid=kiosk-pin-new]", "1234").await;
    app.type_into("[data-testid=kiosk-pin-again]", "1234").await;
    app.el("[data-testid=kiosk-enter]")
        .await
        .click()
        .await
        .unwrap();
    app.type_into("[data-testid=kiosk-search]", "an").await;
    // This plan may have no one registered for the desk's event: either answer will do.
    app.el("[data-testid=kiosk-person], [data-testid=kiosk-no-match]")
        .await;
    app.shot("kiosk-long-title.png").await;
    app.axe("the kiosk").await;
    app.window_does_not_scroll("the kiosk").await;
    app.el("[data-testid=kiosk-leave]")
        .await
        .click()
        .await
        .unwrap();
    app.el("[data-testid=kiosk-pin]").await;
    app.axe("the kiosk's PIN pad").await;
    for d in "1234".chars() {
        app.el(&format!("[data-testid=kiosk-digit-{d}]"))
            .await
            .click()
            .await
            .unwrap();
    }
    app.el("[data-testid=kiosk-pin-ok]")
        .await
        .click()
        .await
        .unwrap();
    app.el("[data-testid=nav-desk]").await;

    // Ctrl+= zooms the window in (fewer CSS pixels across), Ctrl+0 back.
    let width = app.js("return innerWidth").await;
    for (key, test) in [("=", "<"), ("0", "===")] {
        app.driver
            .action_chain()
            .key_down(Key::Control)
            .send_keys(key)
            .key_up(Key::Control)
            .perform()
            .await
            .unwrap();
        app.wait_js(&format!("return innerWidth {test} {width}"), json!(true))
            .await;
    }
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_dialog_is_used_with_the_keyboard_alone_and_typed_work_is_not_lost() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("week.plenary");
    drop(plenary_core::sample::write_sample(&plan, false).unwrap());
    let app = App::launch(&plan).await;
    app.open("people").await;
    app.el("[data-testid=person-new]").await;
    app.js("document.querySelector('[data-testid=person-new]').focus()")
        .await;
    app.press(Key::Enter).await;
    app.el("form[data-testid=person-form]").await;

    // Type, then Escape: asked first, naming nothing lost silently.
    app.type_into("form[data-testid=person-form] [name=given_name]", "Jürg")
        .await;
    app.press(Key::Escape).await;
    app.el("[data-testid=discard-question]").await;
    assert_eq!(app.focused().await, json!("keep-editing"));
    app.axe("the discard question").await;
    app.press(Key::Enter).await;
    app.wait_js(
        "return !!document.querySelector('[data-testid=discard-question]')",
        json!(false),
    )
    .await;
    let field = app.js("return document.activeElement.name").await;
    assert_eq!(field, json!("given_name"), "back where the keyboard was");

    // Tab to the organisation picker; its own Escape closes its list first.
    for _ in 0..20 {
        if app.focused().await == json!("person-organisation") {
            break;
        }
        app.press(Key::Tab).await;
    }
    assert_eq!(app.focused().await, json!("person-organisation"));
    app.press("iom").await;
    app.wait_js(
        "return document.activeElement.getAttribute('aria-expanded')",
        json!("true"),
    )
    .await;
    app.press(Key::Escape).await;
    app.wait_js(
        "return document.activeElement.getAttribute('aria-expanded')",
        json!("false"),
    )
    .await;
    assert_eq!(
        app.js("return !!document.querySelector('[data-testid=discard-question]') || !document.querySelector('dialog[open]')")
            .await,
        json!(false),
        "the picker's Escape closed only its list"
    );
    // The next Escape asks; Tab, Enter discards; the focus goes back to the button.
    app.press(Key::Escape).await;
    app.el("[data-testid=discard-question]").await;
    app.press(Key::Tab).await;
    assert_eq!(app.focused().await, json!("discard-changes"));
    app.press(Key::Enter).await;
    app.wait_js(
        "return !!document.querySelector('dialog[open]')",
        json!(false),
    )
    .await;
    assert_eq!(app.focused().await, json!("person-new"));

    // Reopened, the dialog offers what was typed.
    app.press(Key::Enter).await;
    app.el("[data-testid=restore-draft]")
        .await
        .click()
        .await
        .unwrap();
    app.wait_js(
        "return document.querySelector('form[data-testid=person-form] [name=given_name]').value",
        json!("Jürg"),
    )
    .await;
    app.quit().await;
}

/// The text of the summary's section `key` as the page shows it.
fn summary_section_text(key: &str) -> String {
    format!(
        "return document.querySelector('[data-testid=summary-section][data-key=\"{key}\"] [data-testid=section-body]')?.textContent.replace(/\\s+/g, ' ').trim() ?? null"
    )
}

fn summary_section_state(key: &str) -> String {
    format!(
        "return document.querySelector('[data-testid=summary-section][data-key=\"{key}\"] [data-testid=section-state]')?.textContent ?? null"
    )
}

/// Ctrl + `key` on the window (Ctrl+Z, Ctrl+Y).
async fn ctrl(app: &App, key: impl Into<TypingData>) {
    app.driver
        .action_chain()
        .key_down(Key::Control)
        .send_keys(key)
        .key_up(Key::Control)
        .perform()
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn the_summary_is_edited_undone_and_exported_to_word() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("week.plenary");
    plenary_core::sample::write_sample(&plan, false).unwrap();
    let app = App::launch(&plan).await;

    // An outcome note written on the agenda feeds the summary's draft.
    const PANEL: &str = "Panel discussion: emerging trends and global challenges intensifying the risks and harms of trafficking in persons";
    let panel = session_named(&plan, PANEL);
    app.open("agenda").await;
    let note = format!(
        "[data-testid=agenda-outcome][data-session-id='{}']",
        panel.id
    );
    app.centred(&format!("{note} [data-testid=agenda-outcome-open]"))
        .await
        .click()
        .await
        .unwrap();
    app.type_into(
        &format!("{note} [data-testid=outcome-text]"),
        "Panellists agreed to share referral guides.",
    )
    .await;
    app.centred(&format!("{note} [data-testid=outcome-save]"))
        .await
        .click()
        .await
        .unwrap();
    app.el(&format!("{note} [data-testid=agenda-outcome-text]"))
        .await;
    assert_eq!(
        session_named(&plan, PANEL).outcome,
        "Panellists agreed to share referral guides."
    );

    app.open("summary").await;
    app.el("[data-testid=summary-section]").await;
    app.wait_js(
        "return [...document.querySelectorAll('[data-testid=section-body]')].some(b => b.textContent.includes('Panellists agreed to share referral guides.'))",
        json!(true),
    )
    .await;

    // Rewrite the attendance paragraph, with a bold word.
    let attendance = "[data-testid=summary-section][data-key=attendance]";
    let drafted = app.js(&summary_section_text("attendance")).await;
    app.centred(&format!("{attendance} [data-testid=section-edit]"))
        .await
        .click()
        .await
        .unwrap();
    wait_focus(&app, "section-text").await;
    let area = app
        .el(&format!("{attendance} [data-testid=section-text]"))
        .await;
    area.clear().await.unwrap();
    area.send_keys("Delegations of all members attended.")
        .await
        .unwrap();
    // Select "all members" and make it bold with Ctrl+B.
    app.js("const t = document.querySelector('[data-testid=summary-section][data-key=attendance] textarea'); t.setSelectionRange(15, 26);")
        .await;
    ctrl(&app, "b").await;
    app.wait_js(
        "return document.querySelector('[data-testid=summary-section][data-key=attendance] textarea').value",
        json!("Delegations of **all members** attended."),
    )
    .await;
    app.centred(&format!("{attendance} [data-testid=section-save]"))
        .await
        .click()
        .await
        .unwrap();
    app.wait_js(
        &summary_section_text("attendance"),
        json!("Delegations of all members attended."),
    )
    .await;
    assert_eq!(
        app.js(&summary_section_state("attendance")).await,
        json!("Edited")
    );
    assert_eq!(
        app.js("return document.querySelector('[data-testid=summary-section][data-key=attendance] [data-testid=section-body] strong')?.textContent")
            .await,
        json!("all members")
    );
    app.shot("summary-edited.png").await;
    app.axe("the Summary page").await;

    // Ctrl+Z takes the edit back, Ctrl+Y brings it again.
    app.el("[data-testid=summary-meeting]")
        .await
        .click()
        .await
        .unwrap();
    ctrl(&app, "z").await;
    app.wait_js(&summary_section_text("attendance"), drafted.clone())
        .await;
    assert_eq!(
        app.js(&summary_section_state("attendance")).await,
        json!("From the plan")
    );
    ctrl(&app, "y").await;
    app.wait_js(
        &summary_section_text("attendance"),
        json!("Delegations of all members attended."),
    )
    .await;

    // The Dialogue's section rewritten; then an outcome note changes what the
    // plan drafts for it: both texts are offered, with what changed.
    let dialogue = "[data-testid=summary-section][data-key^='event:']";
    app.centred(&format!("{dialogue} [data-testid=section-edit]"))
        .await
        .click()
        .await
        .unwrap();
    wait_focus(&app, "section-text").await;
    let area = app
        .el(&format!("{dialogue} [data-testid=section-text]"))
        .await;
    area.clear().await.unwrap();
    area.send_keys("The Co-Chairs opened the Commemorative Dialogue.")
        .await
        .unwrap();
    ctrl(&app, Key::Enter).await;
    app.wait_js(
        "return document.querySelector(\"[data-testid=summary-section][data-key^='event:']\").dataset.state",
        json!("edited"),
    )
    .await;
    app.js("document.querySelector(\"[data-testid=summary-section][data-key^='event:'] [data-testid=outcome-notes]\").open = true")
        .await;
    let first_note = format!("{dialogue} [data-testid=outcome-field] [data-testid=outcome-text]");
    app.centred(&first_note).await;
    app.type_into(
        &first_note,
        "The Co-Chairs recalled ten years of cooperation.",
    )
    .await;
    app.el(&format!(
        "{dialogue} [data-testid=outcome-field] [data-testid=outcome-save]"
    ))
    .await
    .click()
    .await
    .unwrap();
    app.wait_js(
        "return document.querySelector(\"[data-testid=summary-section][data-key^='event:']\").dataset.state",
        json!("plan_changed"),
    )
    .await;
    let changed = app.el(&format!("{dialogue} [data-testid=plan-now]")).await;
    assert!(changed
        .text()
        .await
        .unwrap()
        .contains("The Co-Chairs recalled ten years of cooperation."));
    app.js("document.querySelector(\"[data-testid=summary-section][data-key^='event:']\").scrollIntoView({block: 'start'})")
        .await;
    app.shot("summary-plan-changed.png").await;
    app.axe("a section whose plan text changed").await;
    app.centred(&format!("{dialogue} [data-testid=keep-mine]"))
        .await
        .click()
        .await
        .unwrap();
    app.wait_js(
        "return document.querySelector(\"[data-testid=summary-section][data-key^='event:']\").dataset.state",
        json!("edited"),
    )
    .await;
    app.js("document.querySelector('[data-testid=notice] button')?.click(); document.querySelector('main').scrollTo(0, 0)")
        .await;
    app.shot("summary.png").await;

    // Export to Word as the page's button asks for it once the save dialog
    // has answered (the native dialog is not driven here, as for the PDF
    // export above; the page's tests cover the button and the dialog).
    let docx = dir.path().join("summary.docx");
    let written = app
        .driver
        .execute_async(
            &format!(
                "const done = arguments[arguments.length - 1];
                 window.__TAURI_INTERNALS__.invoke('export_summary', {{
                   request: {{ format: 'docx', source: 'registered', paper: 'a4' }}, path: {path} }})
                   .then((w) => done(w), (e) => done({{ error: e }}));",
                path = json!(docx.to_str().unwrap())
            ),
            Vec::new(),
        )
        .await
        .expect("script")
        .json()
        .clone();
    assert_eq!(written["error"], Value::Null, "{written}");
    assert!(written["placeholders"].as_u64().unwrap() > 0, "{written}");
    let xml = Command::new("unzip")
        .args(["-p", docx.to_str().unwrap(), "word/document.xml"])
        .output()
        .expect("unzip is installed");
    let xml = String::from_utf8_lossy(&xml.stdout);
    assert!(xml.contains("all members"), "the edit is in the Word file");
    // The Dialogue's section prints the text kept, not the plan's.
    assert!(xml.contains("The Co-Chairs opened the Commemorative Dialogue."));
    assert!(!xml.contains("Panellists agreed to share referral guides."));
    app.quit().await;
}

/// Calls `command` with `args` through the window's own IPC; "ok: …" with
/// its answer, or "refused: …" with why.
async fn invoke(app: &App, command: &str, args: Value) -> String {
    let script = format!(
        r#"const done = arguments[arguments.length - 1];
           window.__TAURI_INTERNALS__.invoke({command}, {args}).then(
             (r) => done('ok: ' + JSON.stringify(r)),
             (e) => done('refused: ' + (typeof e === 'string' ? e : JSON.stringify(e))));"#,
        command = json!(command),
    );
    app.driver
        .execute_async(script, Vec::new())
        .await
        .unwrap()
        .json()
        .as_str()
        .unwrap()
        .to_string()
}

/// Switches to the window that is not `main`, waiting for it to appear.
async fn other_window(app: &App, main: &WindowHandle) -> WindowHandle {
    let started = Instant::now();
    loop {
        let handles = app.driver.windows().await.unwrap();
        if let Some(h) = handles.iter().find(|h| *h != main) {
            app.driver.switch_to_window(h.clone()).await.unwrap();
            return h.clone();
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "no second window: {handles:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A delay applied in the main window (through IPC), then: how long until
/// its answer came and the main window drew a frame after reading the day
/// again, and until the hall display drew the moved times. Both windows
/// stamp with Date.now(), on the one machine clock. Returns (main, hall) ms.
async fn delay_reaches_both_windows(
    app: &App,
    main: &WindowHandle,
    hall: &WindowHandle,
    room: Option<i64>,
    minutes: i64,
) -> (f64, f64) {
    app.driver.switch_to_window(hall.clone()).await.unwrap();
    let reads = app
        .js("return Number(document.querySelector('[data-testid=hall]').dataset.reads)")
        .await;
    app.driver.switch_to_window(main.clone()).await.unwrap();
    let script = format!(
        r#"const done = arguments[arguments.length - 1];
           const I = window.__TAURI_INTERNALS__;
           const t0 = Date.now();
           I.invoke('delay', {{ roomId: {room}, minutes: {minutes}, at: null }})
             .then(() => I.invoke('today', {{ at: null }}))
             .then(() => requestAnimationFrame(() => done([t0, Date.now()])),
                   (e) => done(String(e)));"#,
        room = json!(room),
    );
    let stamps = app
        .driver
        .execute_async(script, Vec::new())
        .await
        .unwrap()
        .json()
        .clone();
    let t0 = stamps[0].as_f64().unwrap_or_else(|| panic!("{stamps}"));
    let main_ms = stamps[1].as_f64().unwrap() - t0;
    app.driver.switch_to_window(hall.clone()).await.unwrap();
    let started = Instant::now();
    let painted = loop {
        let now = app
            .js("const h = document.querySelector('[data-testid=hall]'); return [Number(h.dataset.reads), Number(h.dataset.paintedAt)]")
            .await;
        if now[0].as_f64() > reads.as_f64() {
            break now[1].as_f64().unwrap();
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the hall never read again"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    (main_ms, painted - t0)
}

#[tokio::test(flavor = "multi_thread")]
async fn the_hall_display_follows_the_main_window_and_may_only_read() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("week.plenary");
    drop(plenary_core::sample::write_sample(&plan, false).unwrap());
    let app = App::launch(&plan).await;
    app.el("[data-testid=event-card]").await;
    let main = app.driver.window().await.unwrap();
    let set = invoke(&app, "set_run_clock", json!({ "at": "2024-11-19 09:10" })).await;
    assert!(set.starts_with("ok"), "{set}");

    // Overview › Hall display…: Plenary Hall, on the one screen there is.
    app.el("[data-testid=hall-display]")
        .await
        .click()
        .await
        .unwrap();
    let select = SelectElement::new(&app.el("[data-testid=hall-room-choice]").await)
        .await
        .unwrap();
    select.select_by_visible_text("Plenary Hall").await.unwrap();
    app.axe("the hall display dialog").await;
    app.shot("hall-dialog.png").await;
    app.el("[data-testid=hall-open]")
        .await
        .click()
        .await
        .unwrap();
    let hall = other_window(&app, &main).await;
    app.wait_js(
        "return document.querySelector('[data-testid=hall-now-title]')?.textContent ?? null",
        json!("Opening and adoption of the agenda"),
    )
    .await;
    let chairs = app
        .js("return document.querySelector('[data-testid=hall-chairs]').textContent")
        .await;
    assert!(chairs.as_str().unwrap().contains("Co-Chairs"), "{chairs}");
    app.wait_js(
        "return document.querySelector('[data-testid=hall-next-time]').textContent",
        json!("09:15"),
    )
    .await;
    app.window_does_not_scroll("the hall display").await;
    app.axe("the hall display").await;
    app.shot("hall-display.png").await;

    // The hall may read its room, and nothing else.
    let read = invoke(&app, "hall", json!({ "roomId": 1, "at": null })).await;
    assert!(read.starts_with("ok"), "{read}");
    for (command, args) in [
        (
            "delay",
            json!({ "roomId": null, "minutes": 10, "at": null }),
        ),
        ("undo", json!({})),
        ("open_plan", json!({ "path": "/tmp/x.plenary" })),
        ("set_run_clock", json!({ "at": null })),
        ("open_hall", json!({ "roomId": 1, "monitor": null })),
        ("plugin:dialog|open", json!({ "options": {} })),
    ] {
        let answer = invoke(&app, command, args).await;
        assert!(answer.starts_with("refused"), "{command}: {answer}");
        assert!(answer.contains("not allowed"), "{command}: {answer}");
    }

    // A delay in the main window reaches the hall without a reload.
    let room_id = {
        let store = Store::open(&plan).unwrap();
        store
            .rooms()
            .unwrap()
            .into_iter()
            .find(|r| r.name == "Plenary Hall")
            .unwrap()
            .id
    };
    let (main_ms, hall_ms) =
        delay_reaches_both_windows(&app, &main, &hall, Some(room_id), 10).await;
    eprintln!("sample week: a delay reached the main window in {main_ms:.0} ms and the hall display in {hall_ms:.0} ms");
    app.wait_js(
        "return document.querySelector('[data-testid=hall-next-time]').textContent",
        json!("09:25"),
    )
    .await;

    // Escape does nothing; the chord closes it.
    app.press(Key::Escape).await;
    assert_eq!(app.driver.windows().await.unwrap().len(), 2);
    // The window goes while the keys are still held: the release finds no window.
    let _ = app
        .driver
        .action_chain()
        .key_down(Key::Control)
        .key_down(Key::Shift)
        .send_keys("q")
        .key_up(Key::Shift)
        .key_up(Key::Control)
        .perform()
        .await;
    app.driver.switch_to_window(main).await.unwrap();
    let started = Instant::now();
    while app.driver.windows().await.unwrap().len() > 1 {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the chord did not close the hall"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_delay_on_a_92_room_plan_repaints_both_windows() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("large.plenary");
    let spec = plenary_core::synth::Spec {
        days: 4,
        rooms: 92,
        sessions: 1_351,
        people: 900,
        roles: 3_000,
    };
    let store = plenary_core::synth::generate(&plan, &spec).unwrap();
    // A room with a session on: one minute into its first session.
    let first = store
        .sessions()
        .unwrap()
        .into_iter()
        .filter(|s| s.start.is_some() && s.room_id.is_some())
        .min_by_key(|s| s.start)
        .unwrap();
    let (room, at) = (
        first.room_id.unwrap(),
        first.start.unwrap() + chrono::Duration::minutes(1),
    );
    drop(store);
    let app = App::launch(&plan).await;
    app.el("[data-testid=event-card]").await;
    let main = app.driver.window().await.unwrap();
    let at = at.format("%Y-%m-%d %H:%M").to_string();
    assert!(invoke(&app, "set_run_clock", json!({ "at": at }))
        .await
        .starts_with("ok"));
    let opened = invoke(&app, "open_hall", json!({ "roomId": room, "monitor": 0 })).await;
    assert!(opened.starts_with("ok"), "{opened}");
    let hall = other_window(&app, &main).await;
    app.wait_js(
        "return document.querySelector('[data-testid=hall-now-title]')?.textContent ?? null",
        json!(first.title),
    )
    .await;
    let mut runs = Vec::new();
    for minutes in [5, -5, 5] {
        runs.push(delay_reaches_both_windows(&app, &main, &hall, None, minutes).await);
    }
    eprintln!(
        "92 rooms, 1,351 sessions: a delay in every room reached (main window, hall display) in {:?} ms",
        runs.iter().map(|(m, h)| (m.round(), h.round())).collect::<Vec<_>>()
    );
    app.driver.switch_to_window(main).await.unwrap();
    app.quit().await;
}

/// A tour de table run live at a rehearsal time: Next speaker twice, a
/// delegation added while it runs, N for the third call; the plan file keeps
/// when each turn began and ended.
#[tokio::test(flavor = "multi_thread")]
async fn a_speaking_list_runs_live_and_the_file_keeps_each_turn() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("week.plenary");
    let mut store = plenary_core::sample::write_sample(&plan, false).unwrap();
    let updates =
        plenary_core::planner::find_session(&store, "National updates from members and observers")
            .unwrap()
            .id;
    let slots = plenary_core::speaking::suggest(&store, updates, 3).unwrap();
    plenary_core::speaking::set_speaking_list(&mut store, updates, &slots[..3]).unwrap();
    drop(store);
    let fiji = Store::open(&plan)
        .unwrap()
        .organisations()
        .unwrap()
        .into_iter()
        .find(|o| o.name == "Fiji")
        .unwrap()
        .id;
    assert!(!slots[..3].iter().any(|s| s.organisation_id == fiji));

    let app = App::launch(&plan).await;
    app.open("agenda").await;
    let run = app
        .el(&format!(
            "[data-testid=agenda-outcome][data-session-id='{updates}'] [data-testid=run-speaking-list]"
        ))
        .await;
    // The plan is open now (opening one puts the real clock back).
    let set = app
        .driver
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
               window.__TAURI_INTERNALS__.invoke('set_run_clock', { at: '2024-11-19 10:15' })
                 .then((r) => done(r), (e) => done({ error: JSON.stringify(e) }));"#,
            Vec::new(),
        )
        .await
        .unwrap()
        .json()
        .clone();
    assert_eq!(set["rehearsal"], json!(true), "{set}");
    run.click().await.unwrap();
    let current = "return document.querySelector('[data-testid=live-current-delegation]')?.textContent ?? null";
    let waiting = "return [...document.querySelectorAll('[data-testid=live-waiting] .org')].map((e) => e.textContent)";
    app.el("[data-testid=live-next]").await;
    assert_eq!(app.focused().await, json!("live-next"));
    let names: Vec<String> = serde_json::from_value(app.js(waiting).await).unwrap();
    assert_eq!(names.len(), 3);
    app.el("[data-testid=live-next]")
        .await
        .click()
        .await
        .unwrap();
    app.wait_js(current, json!(names[0])).await;
    app.el("[data-testid=live-next]")
        .await
        .click()
        .await
        .unwrap();
    app.wait_js(current, json!(names[1])).await;
    app.wait_js(
        "return /^\\d+:\\d\\d$/.test(document.querySelector('[data-testid=live-countdown]').textContent.trim())",
        json!(true),
    )
    .await;

    // Ten minutes on: adding a delegation asks the list again, and the
    // second delegation is well past its 3 minutes.
    app.driver
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
               window.__TAURI_INTERNALS__.invoke('set_run_clock', { at: '2024-11-19 10:25' }).then(done, done);"#,
            Vec::new(),
        )
        .await
        .unwrap();
    app.type_into("[data-testid=live-add-organisation]", "Fiji")
        .await;
    app.wait_js(
        "return [...document.querySelectorAll('[data-testid=live-add-organisation-option]')].some((o) => o.textContent.includes('Fiji'))",
        json!(true),
    )
    .await;
    app.press(Key::Enter).await;
    app.wait_js(waiting, json!([names[2], "Fiji"])).await;
    app.wait_js(
        "return document.querySelector('[data-testid=live-countdown]').textContent.trim().endsWith('over')",
        json!(true),
    )
    .await;
    app.shot("live-speaking-list.png").await;
    app.axe("the live speaking list").await;

    // N from the panel (not the search box) calls the third delegation.
    app.el("[data-testid=live-next]")
        .await
        .focus()
        .await
        .unwrap();
    app.press("n").await;
    app.wait_js(current, json!(names[2])).await;

    let store = Store::open(&plan).unwrap();
    let turns = store.speaking_list(updates).unwrap();
    assert_eq!(turns.len(), 4);
    let ran: Vec<_> = turns
        .iter()
        .filter(|t| t.spoke_start.is_some() && t.spoke_end.is_some())
        .collect();
    assert_eq!(ran.len(), 2, "{turns:?}");
    for t in &ran {
        assert_eq!(t.spoke_start.unwrap().date().to_string(), "2024-11-19");
        assert!(t.spoke_end >= t.spoke_start);
    }
    let on = turns
        .iter()
        .find(|t| t.spoke_end.is_none() && t.spoke_start.is_some())
        .unwrap();
    assert_eq!(on.organisation_id, slots[2].organisation_id);
    assert!(turns
        .iter()
        .any(|t| t.organisation_id == fiji && t.spoke_start.is_none()));
    app.quit().await;
}

/// One writer per plan file: a plan another program holds opens read-only
/// with a banner saying who holds it; an edit is refused in the same words;
/// once it is free, Try again opens it for editing.
#[tokio::test(flavor = "multi_thread")]
async fn a_plan_held_elsewhere_opens_read_only_until_it_is_free() {
    use plenary_core::store::hold::{lock_file, Hold, Program};
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("week.plenary");
    drop(plenary_core::sample::write_sample(&plan, false).unwrap());
    // This test stands for the other program.
    let other = Hold::take_alone(&plan, Program::Window).unwrap();
    let app = App::launch(&plan).await;

    let banner = app.el("[data-testid=read-only-banner]").await;
    let text = banner.text().await.unwrap();
    assert!(
        text.starts_with("Read only — This plan is open in Plenary on "),
        "{text}"
    );
    assert!(
        text.contains(&format!("(process {}", std::process::id())),
        "{text}"
    );
    assert!(text.contains("Close it there to edit it here."), "{text}");
    app.shot("read-only.png").await;
    app.axe("a plan open read-only").await;

    // An edit from the keyboard is refused with the banner's reason.
    app.driver
        .action_chain()
        .key_down(Key::Control)
        .send_keys("z")
        .key_up(Key::Control)
        .perform()
        .await
        .unwrap();
    app.wait_js(
        "return document.querySelector('[data-testid=notice]')?.textContent.includes('Close it there to edit it here.') ?? false",
        json!(true),
    )
    .await;
    let session = Store::open(&plan).unwrap().sessions().unwrap()[0].id;
    assert_eq!(
        app.invoke_code("delete_session", json!({ "id": session }))
            .await,
        json!("read_only")
    );
    assert!(
        Store::open(&plan).unwrap().session(session).is_ok(),
        "nothing written"
    );

    // What the holder saves shows here too.
    {
        let mut holder = Store::open(&plan).unwrap();
        let mut details = holder.plan().unwrap();
        details.title = "Retitled where it is open".into();
        holder.update_plan(&details, "Plan details").unwrap();
    }
    app.wait_js(
        "return document.querySelector('[data-testid=plan-title]')?.textContent ?? null",
        json!("Retitled where it is open"),
    )
    .await;

    // Free: Try again opens it for editing.
    drop(other);
    app.el("[data-testid=read-only-try-again]")
        .await
        .click()
        .await
        .unwrap();
    app.wait_js(
        "return document.querySelector('[data-testid=read-only-banner]') === null",
        json!(true),
    )
    .await;
    assert!(lock_file(&plan).exists(), "the window holds the plan now");
    assert_eq!(
        app.invoke_code("delete_session", json!({ "id": session }))
            .await,
        json!("ok")
    );
    assert!(
        Store::open(&plan).unwrap().session(session).is_err(),
        "deleted"
    );
    app.quit().await;
}

/// Each plan's window is remembered in the app's config folder: opening the
/// plan puts the window back at its size and on its page, and the page and
/// a new size are kept for next time.
#[tokio::test(flavor = "multi_thread")]
async fn a_plan_opens_where_its_window_was_left() {
    let home = tempfile::tempdir().unwrap();
    let plan = home.path().join("week.plenary");
    drop(plenary_core::sample::write_sample(&plan, false).unwrap());
    let key = plan.canonicalize().unwrap();
    let config = config_dir(home.path());
    std::fs::create_dir_all(&config).unwrap();
    let places = config.join("windows.json");
    std::fs::write(
        &places,
        json!([{
            "path": key,
            "frame": { "x": 40, "y": 30, "width": 1000, "height": 700, "maximized": false, "fullscreen": false },
            "page": "calendar"
        }])
        .to_string(),
    )
    .unwrap();

    let app = App::launch_in(home, &[&plan]).await;
    app.wait_js(
        "return document.querySelector('nav [aria-current=page]')?.dataset.testid ?? null",
        json!("nav-calendar"),
    )
    .await;
    app.wait_js(
        "return [window.innerWidth, window.innerHeight]",
        json!([1000, 700]),
    )
    .await;

    app.open("people").await;
    let kept = |what: &str| -> Value {
        let all: Value = serde_json::from_slice(&std::fs::read(&places).unwrap()).unwrap();
        all[0][what].clone()
    };
    let started = Instant::now();
    while kept("page") != json!("people") && started.elapsed() < Duration::from_secs(10) {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(kept("page"), json!("people"));

    // Resized: written once the window has been still a moment.
    app.driver.set_window_rect(60, 50, 1100, 720).await.unwrap();
    let started = Instant::now();
    while kept("frame")["width"] != json!(1100) && started.elapsed() < Duration::from_secs(10) {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(kept("frame")["width"], json!(1100), "{}", kept("frame"));
    assert_eq!(kept("path"), json!(key));
    app.quit().await;
}

/// A D-Bus session bus of the test's own, stopped when dropped.
struct Bus {
    process: Child,
    address: String,
    _dir: tempfile::TempDir,
}

impl Bus {
    fn start() -> Bus {
        let dir = tempfile::tempdir().unwrap();
        let socket = dir.path().join("bus");
        let address = format!("unix:path={}", socket.display());
        let process = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--nopidfile"])
            .arg(format!("--address={address}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("dbus-daemon is installed (package dbus)");
        let started = Instant::now();
        while !socket.exists() {
            assert!(started.elapsed() < Duration::from_secs(10), "no bus");
            std::thread::sleep(Duration::from_millis(50));
        }
        Bus {
            process,
            address,
            _dir: dir,
        }
    }
}

impl Drop for Bus {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

/// What a second `plenary-window FILE` does while the app runs: its exit
/// status and how long it took.
fn second_launch(home: &Path, bus: &Bus, file: &Path) -> (std::process::ExitStatus, Duration) {
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_plenary-window"))
        .arg(file)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("DBUS_SESSION_BUS_ADDRESS", &bus.address)
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return (status, started.elapsed());
        }
        if started.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            panic!("the second launch did not leave");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_second_launch_opens_its_plan_in_a_new_window_of_the_running_app() {
    let home = tempfile::tempdir().unwrap();
    let (a, b) = (home.path().join("a.plenary"), home.path().join("b.plenary"));
    drop(plenary_core::sample::write_sample(&a, false).unwrap());
    drop(plenary_core::sample::write_sample(&b, false).unwrap());
    let home_path = home.path().to_path_buf();
    let bus = Bus::start();
    let app = App::launch_on_bus(home, &[&a], &bus.address).await;
    app.wait_js(
        "return document.querySelectorAll('[data-testid=event-card]').length",
        json!(3),
    )
    .await;
    let first = app.driver.window().await.unwrap();

    let (status, took) = second_launch(&home_path, &bus, &b);
    assert!(status.success(), "{status}");
    assert!(took < Duration::from_secs(5), "took {took:?}");
    // The running app has a second window, and it shows b.
    let started = Instant::now();
    let second = loop {
        let handles = app.driver.windows().await.unwrap();
        if let Some(h) = handles.iter().find(|h| **h != first) {
            break h.clone();
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "no second window: {handles:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    app.driver.switch_to_window(second.clone()).await.unwrap();
    app.wait_js(
        "return document.querySelectorAll('[data-testid=event-card]').length",
        json!(3),
    )
    .await;
    app.wait_js(
        "return document.querySelector('.plan-ident-file')?.textContent",
        json!("b.plenary"),
    )
    .await;
    app.shot("second-window.png").await;
    // Each window kept its own plan.
    app.driver.switch_to_window(first.clone()).await.unwrap();
    app.wait_js(
        "return document.querySelector('.plan-ident-file')?.textContent",
        json!("a.plenary"),
    )
    .await;
    let recent = std::fs::read_to_string(config_dir(&home_path).join("recent.json")).unwrap();
    assert!(recent.contains("b.plenary"), "{recent}");

    // a again: its window comes forward, no third window.
    let (status, _) = second_launch(&home_path, &bus, &a);
    assert!(status.success(), "{status}");
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(app.driver.windows().await.unwrap().len(), 2);

    // Ctrl+W closes b's window, and b is let go: its lock file goes, and
    // the first window still works on a.
    let held = home_path.join(".~lock.b.plenary#");
    assert!(held.exists(), "b is held while its window is open");
    app.driver.switch_to_window(second).await.unwrap();
    press_ctrl_w(&app).await;
    let started = Instant::now();
    while app.driver.windows().await.unwrap().len() > 1 || held.exists() {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "b's window did not close and let b go"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    app.driver.switch_to_window(first).await.unwrap();
    app.wait_js(
        "return document.querySelector('.plan-ident-file')?.textContent",
        json!("a.plenary"),
    )
    .await;
    assert!(home_path.join(".~lock.a.plenary#").exists());

    // Ctrl+W in the last window ends the process, which lets a go.
    assert_eq!(processes_with_argument(&a), 1, "the app runs on a");
    press_ctrl_w(&app).await;
    let started = Instant::now();
    while processes_with_argument(&a) > 0 || home_path.join(".~lock.a.plenary#").exists() {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "closing the last window did not end the app"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // The session has no window left to quit; dropping the app stops
    // tauri-driver.
    drop(app);
}

/// Presses Ctrl+W (File › Close window). The window goes before the keys
/// are let go, so the end of the chain may find no window.
async fn press_ctrl_w(app: &App) {
    let _ = app
        .driver
        .action_chain()
        .key_down(Key::Control)
        .send_keys("w")
        .key_up(Key::Control)
        .perform()
        .await;
}

/// How many processes have `arg` among their arguments (Linux's /proc).
fn processes_with_argument(arg: &Path) -> usize {
    let wanted = arg.as_os_str().as_encoded_bytes();
    std::fs::read_dir("/proc")
        .unwrap()
        .filter_map(|e| std::fs::read(e.ok()?.path().join("cmdline")).ok())
        .filter(|line| line.split(|b| *b == 0).any(|a| a == wanted))
        .count()
}
