//! The command layer, driven through Tauri's IPC on the mock runtime: what
//! the window sends is what these tests send.

use plenary::commands::{export_bindings, invoke_handler, BINDINGS_PATH};
use plenary::state::AppState;
use plenary::windows::Plans;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{Manager, WebviewWindowBuilder};

mod ui_fixtures;

struct Harness {
    _app: tauri::App<tauri::test::MockRuntime>,
    window: tauri::WebviewWindow<tauri::test::MockRuntime>,
    state: Arc<AppState>,
    dir: tempfile::TempDir,
}

impl Harness {
    /// The app started as the window starts it, with the plan it opens first shown.
    fn new(file: Option<&Path>) -> Harness {
        let h = Harness::launch(tempfile::tempdir().unwrap(), file);
        h.start()
            .unwrap_or_else(|e| panic!("the start-up open failed: {e}"));
        h
    }

    /// The app launched with its config and data folders in `dir`, before the
    /// window has asked for anything.
    fn launch(dir: tempfile::TempDir, file: Option<&Path>) -> Harness {
        let state = Arc::new(AppState::new(
            &dir.path().join("config"),
            &dir.path().join("data"),
        ));
        state.plan_start(file);
        // The tests run from cargo's deps folder, not beside the binaries.
        state.set_print_worker(env!("CARGO_BIN_EXE_plenary-print"));
        let app = mock_builder()
            .invoke_handler(plenary::log_file::watch(plenary::kiosk::guard(
                invoke_handler(),
            )))
            .manage(Plans::new(Arc::clone(&state)))
            .build(mock_context(noop_assets()))
            .unwrap();
        app.state::<Plans>().attach(app.handle().clone());
        app.manage(plenary::placement::Places::of(
            app.handle().clone(),
            &dir.path().join("config"),
        ));
        let window = WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .unwrap();
        Harness {
            _app: app,
            window,
            state,
            dir,
        }
    }

    /// What the window does first: ask what to open, open it, and say it is shown.
    fn start(&self) -> Result<Value, Value> {
        let startup = self.ok("startup", json!({}));
        assert!(!startup["opening"].is_null(), "nothing to open: {startup}");
        let file = self.call("open_at_start", json!({}))?;
        self.ok("plan_shown", json!({ "path": file["path"] }));
        Ok(file)
    }

    /// File › Open as the window does it.
    fn open(&self, path: &Path) -> Value {
        let file = self.ok("open_plan", json!({ "path": path }));
        self.ok("plan_shown", json!({ "path": file["path"] }));
        file
    }

    fn recent(&self) -> Vec<String> {
        self.ok("recent_files", json!({}))
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["path"].as_str().unwrap().to_string())
            .collect()
    }

    fn marker(&self) -> PathBuf {
        self.dir.path().join("config/opening.json")
    }

    fn call(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        self.call_in(&self.window, cmd, args)
    }

    fn call_in(
        &self,
        window: &tauri::WebviewWindow<tauri::test::MockRuntime>,
        cmd: &str,
        args: Value,
    ) -> Result<Value, Value> {
        invoke(window, cmd, args)
    }

    fn ok(&self, cmd: &str, args: Value) -> Value {
        self.call(cmd, args)
            .unwrap_or_else(|e| panic!("{cmd} failed: {e}"))
    }

    fn err(&self, cmd: &str, args: Value) -> Value {
        self.call(cmd, args)
            .err()
            .unwrap_or_else(|| panic!("{cmd} should have failed"))
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

/// A command called from `window`, as the window's IPC calls it.
fn invoke(
    window: &tauri::WebviewWindow<tauri::test::MockRuntime>,
    cmd: &str,
    args: Value,
) -> Result<Value, Value> {
    get_ipc_response(
        window,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|b| b.deserialize::<Value>().unwrap())
}

fn session_form(event_id: &Value, title: &str, day: &str, from: &str, to: &str) -> Value {
    json!({
        "event_id": event_id, "title": title, "kind": "discussion",
        "day": day, "start_time": from, "end_time": to, "room_id": null,
        "description": "", "agenda_item": "", "outcome": "", "notes": ""
    })
}

#[test]
fn a_session_to_be_timed_and_confirmed_is_listed_as_unconfirmed_through_ipc() {
    let h = Harness::new(None);
    let overview = h.ok("overview", json!({}));
    let annual = overview["events"][1]["event"]["id"].clone();
    let mut form = session_form(&annual, "Keynote addresses", "2024-11-19", "", "");
    form["tentative"] = json!(true);
    form["link"] = json!("https://webtv.example.org/live");
    let created = h.ok("create_session", json!({ "form": form }));
    assert_eq!(created["day"], "2024-11-19");
    assert!(created["start"].is_null());
    assert_eq!(created["link"], "https://webtv.example.org/live");
    let items = h.ok("unconfirmed_items", json!({}));
    assert_eq!(items.as_array().unwrap().len(), 1);
    assert_eq!(items[0]["kind"], "no_time");
    assert_eq!(
        items[0]["message"],
        "“Keynote addresses” on Tue 19 Nov has no time yet and is to be confirmed."
    );
    let mut bad = session_form(&annual, "Webcast", "2024-11-19", "", "");
    bad["link"] = json!("ftp://example.org");
    let err = h.err("create_session", json!({ "form": bad }));
    assert_eq!(err["fields"][0]["field"], "link");
}

/// Help › About, with and without a plan open.
#[test]
fn about_names_the_versions_the_open_file_and_the_licences() {
    let h = Harness::launch(tempfile::tempdir().unwrap(), None);
    let before = h.ok("about", json!({}));
    assert_eq!(before["version"], env!("CARGO_PKG_VERSION"));
    assert!(before["file"].is_null() && before["file_schema_version"].is_null());
    let current = plenary_core::store::current_version();
    assert_eq!(before["schema_version"], current);
    let licences = before["licences"].as_array().unwrap();
    assert_eq!(licences[0]["name"], "Plenary");
    assert_eq!(licences[0]["licence"], "MIT");
    for name in ["Tauri", "Typst", "SQLite (through rusqlite)"] {
        assert!(licences.iter().any(|l| l["name"] == name), "{name}");
    }

    let file = h.start().unwrap();
    let after = h.ok("about", json!({}));
    assert_eq!(after["file"], file["path"]);
    assert_eq!(after["file_schema_version"], current);
}

/// The log holds a command's fault by name and code, never its message
/// (which quotes the plan), and leaves a person's mistakes out.
#[test]
fn a_failed_command_is_logged_without_plan_text() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("commands-log");
    let _ = std::fs::remove_dir_all(&dir);
    plenary::log_file::install(&dir);
    let h = Harness::new(None);
    let missing = h.err("delete_session", json!({ "id": 987654 }));
    assert_eq!(missing["code"], "not_found");
    let invalid = h.err(
        "create_room",
        json!({ "form": { "name": "", "capacity": "x", "notes": "" } }),
    );
    assert_eq!(invalid["code"], "invalid");
    // An async command, whose work runs on another thread, by name too.
    let gone = h.path("gone.plenary");
    let missing_file = h.err("open_plan", json!({ "path": gone }));
    assert_eq!(missing_file["code"], "missing_file");
    let log = std::fs::read_to_string(dir.join("plenary.log")).unwrap();
    assert!(
        log.contains("ERROR delete_session failed: not_found"),
        "{log}"
    );
    assert!(
        log.contains("ERROR open_plan failed: missing_file"),
        "{log}"
    );
    // Other tests of this run may log their own faults meanwhile: only
    // this refusal is looked for.
    assert!(!log.contains("failed: invalid"), "{log}");
    assert!(!log.contains(missing["message"].as_str().unwrap()), "{log}");
}

#[test]
fn first_start_opens_a_copy_of_the_sample_and_remembers_it() {
    let h = Harness::launch(tempfile::tempdir().unwrap(), None);
    let before = h.ok("startup", json!({}));
    assert!(
        before["plan"].is_null(),
        "nothing is opened before the window asks"
    );
    assert_eq!(
        before["opening"]["file_name"],
        "Sample meeting week.plenary"
    );
    h.start().unwrap();
    let start = h.ok("startup", json!({}));
    let path = start["plan"]["path"].as_str().unwrap().to_string();
    assert!(path.ends_with("Sample meeting week.plenary"), "{path}");
    assert!(path.starts_with(h.dir.path().to_str().unwrap()));
    assert!(start["opening"].is_null());
    let overview = h.ok("overview", json!({}));
    assert_eq!(overview["events"].as_array().unwrap().len(), 3);
    assert_eq!(h.recent(), vec![path]);
    assert!(!h.marker().exists());
}

#[test]
fn create_update_and_delete_a_session_through_ipc() {
    let h = Harness::new(None);
    let overview = h.ok("overview", json!({}));
    let annual = overview["events"][1]["event"]["id"].clone();
    let created = h.ok(
        "create_session",
        json!({ "form": session_form(&annual, "Side briefing", "2024-11-19", "17:00", "17:45") }),
    );
    assert_eq!(created["start"], "2024-11-19T17:00:00");
    let id = created["id"].clone();
    let form = h.ok("session_form", json!({ "id": id }));
    assert_eq!(form["start_time"], "17:00");
    let mut moved = form.clone();
    moved["start_time"] = json!("16:50");
    h.ok("update_session", json!({ "id": id, "form": moved }));
    let day = h.ok("agenda", json!({ "day": "2024-11-19" }));
    let titles: Vec<&str> = day["days"][0]["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["session"]["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles.last(), Some(&"Side briefing"));
    h.ok("delete_session", json!({ "id": id }));
    let err = h.err("session_form", json!({ "id": id }));
    assert_eq!(err["code"], "not_found");
}

/// One writer per plan file: a plan another program holds opens read-only,
/// says why, refuses edits with `read_only`, and opens for editing again
/// once it is free.
#[test]
fn a_plan_held_elsewhere_opens_read_only_and_refuses_edits() {
    use plenary_core::store::hold::{Hold, Program};
    let h = Harness::new(None);
    let path = h.path("held.plenary");
    drop(plenary_core::sample::write_sample(&path, false).unwrap());
    let other = Hold::take_alone(&path, Program::Window).unwrap();

    let file = h.open(&path);
    let why = file["read_only"].as_str().expect("read-only, with why");
    assert!(why.starts_with("This plan is open in Plenary on "), "{why}");
    assert_eq!(
        h.ok("startup", json!({}))["plan"]["read_only"],
        file["read_only"]
    );
    let overview = h.ok("overview", json!({}));
    let annual = overview["events"][1]["event"]["id"].clone();
    let form = session_form(&annual, "Side briefing", "2024-11-19", "17:00", "17:45");
    let err = h.err("create_session", json!({ "form": form }));
    assert_eq!(err["code"], "read_only");
    assert_eq!(err["message"], why);
    assert_eq!(h.err("undo", json!({}))["code"], "read_only");

    // What the holder saves is followed.
    let seen = h.ok("plan_revision", json!({}));
    {
        let mut holder = plenary_core::Store::open(&path).unwrap();
        let mut plan = holder.plan().unwrap();
        plan.title = "Retitled by the holder".into();
        holder.update_plan(&plan, "Plan details").unwrap();
    }
    assert_ne!(h.ok("plan_revision", json!({})), seen);
    assert_eq!(
        h.ok("overview", json!({}))["plan"]["title"],
        "Retitled by the holder"
    );

    drop(other);
    let file = h.open(&path);
    assert!(file["read_only"].is_null(), "free again: {file}");
    h.ok("create_session", json!({ "form": form }));
}

/// Each plan's window is remembered apart: the page shown last comes back
/// when that plan opens again, and another plan has its own.
#[test]
fn the_page_shown_last_is_restored_per_plan() {
    let h = Harness::new(None);
    let week = h.ok("startup", json!({}))["plan"]["path"].clone();
    let other = h.path("other.plenary");
    drop(plenary_core::sample::write_sample(&other, false).unwrap());

    assert_eq!(h.ok("restore_window", json!({ "path": week })), Value::Null);
    h.ok("remember_page", json!({ "path": week, "page": "calendar" }));
    h.open(&other);
    h.ok("remember_page", json!({ "path": other, "page": "people" }));
    // Named another way, the same file.
    let week_again = Path::new(week.as_str().unwrap())
        .parent()
        .unwrap()
        .join(".")
        .join(Path::new(week.as_str().unwrap()).file_name().unwrap());
    assert_eq!(
        h.ok("restore_window", json!({ "path": week_again })),
        json!("calendar")
    );
    assert_eq!(
        h.ok("restore_window", json!({ "path": other })),
        json!("people")
    );
    let kept = std::fs::read_to_string(h.path("config/windows.json")).unwrap();
    assert!(
        !kept.contains("\"title\""),
        "no plan text in the app's folder"
    );
}

#[test]
fn invalid_forms_come_back_as_field_problems() {
    let h = Harness::new(None);
    let overview = h.ok("overview", json!({}));
    let dialogue = overview["events"][0]["event"]["id"].clone();
    let err = h.err(
        "create_session",
        json!({ "form": session_form(&dialogue, " ", "2024-11-19", "11:00", "10:00") }),
    );
    assert_eq!(err["code"], "invalid");
    let fields: Vec<&str> = err["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, vec!["title", "end_time", "day"]);
    assert_eq!(h.ok("overview", json!({}))["session_count"], 24);
}

#[test]
fn events_and_rooms_round_trip() {
    let h = Harness::new(None);
    let event = h.ok(
        "create_event",
        json!({ "form": { "title": "Side event on data", "short_name": "Side", "first_day": "2024-11-20", "last_day": "2024-11-20", "description": "" } }),
    );
    let room = h.ok(
        "create_room",
        json!({ "form": { "name": "Room B", "capacity": "30", "notes": "" } }),
    );
    assert_eq!(room["capacity"], 30);
    let mut form = session_form(
        &event["id"],
        "Data briefing",
        "2024-11-20",
        "12:00",
        "12:45",
    );
    form["room_id"] = room["id"].clone();
    h.ok("create_session", json!({ "form": form }));
    let err = h.err(
        "update_event",
        json!({ "id": event["id"], "form": { "title": "Side event on data", "short_name": "Side", "first_day": "2024-11-19", "last_day": "2024-11-19", "description": "" } }),
    );
    assert!(
        err["message"].as_str().unwrap().contains("Data briefing"),
        "{err}"
    );
    h.ok("delete_event", json!({ "id": event["id"] }));
    assert_eq!(
        h.ok("overview", json!({}))["events"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
}

#[test]
fn new_open_and_save_copy() {
    let h = Harness::new(None);
    let copy = h.path("copy.plenary");
    h.ok("save_copy_as", json!({ "path": copy }));
    let fresh = h.path("fresh.plenary");
    let err = h.err(
        "new_plan",
        json!({ "path": fresh, "form": { "title": "", "convening_body": "", "venue": "", "city": "", "time_zone": "Mars/Olympus", "first_day": "2025-03-03", "last_day": "2025-03-05", "day_start": "", "day_end": "", "notes": "" } }),
    );
    assert_eq!(err["code"], "invalid");
    assert!(!fresh.exists(), "nothing is written on error");
    let created = h.ok(
        "new_plan",
        json!({ "path": fresh, "form": { "title": "Spring week", "convening_body": "", "venue": "", "city": "Geneva", "time_zone": "Europe/Zurich", "first_day": "2025-03-03", "last_day": "2025-03-05", "day_start": "", "day_end": "", "notes": "" } }),
    );
    assert_eq!(created["title"], "Spring week");
    h.ok("plan_shown", json!({ "path": created["path"] }));
    assert_eq!(h.ok("overview", json!({}))["session_count"], 0);
    let opened = h.open(&copy);
    assert_eq!(opened["file_name"], "copy.plenary");
    assert_eq!(h.ok("overview", json!({}))["session_count"], 24);
    let recent: Vec<String> = h
        .ok("recent_files", json!({}))
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["file_name"]
                .as_str()
                .map(String::from)
                .unwrap_or_else(|| r["path"].as_str().unwrap().to_string())
        })
        .collect();
    assert!(
        recent[0].ends_with("copy.plenary") && recent[1].ends_with("fresh.plenary"),
        "{recent:?}"
    );
}

#[test]
fn a_file_that_is_not_a_plan_is_explained_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.plenary");
    std::fs::write(&bad, "hello").unwrap();
    let h = Harness::launch(tempfile::tempdir().unwrap(), Some(&bad));
    assert_eq!(
        h.ok("startup", json!({}))["opening"]["file_name"],
        "bad.plenary"
    );
    let err = h.err("open_at_start", json!({}));
    assert_eq!(err["code"], "not_a_plan");
    assert!(err["message"]
        .as_str()
        .unwrap()
        .ends_with("is not a Plenary plan"));
    assert!(h.ok("startup", json!({}))["plan"].is_null());
    assert_eq!(h.err("overview", json!({}))["code"], "no_plan");
    assert!(h.recent().is_empty());
    assert!(!h.marker().exists(), "a clean failure removes the marker");
    let _ = h.window.app_handle();
}

#[test]
fn a_failed_open_never_enters_the_recent_list() {
    let h = Harness::new(None);
    let sample = h.recent();
    let bad = h.path("bad.plenary");
    std::fs::write(&bad, "hello").unwrap();
    let newer = h.path("newer.plenary");
    h.ok("save_copy_as", json!({ "path": newer }));
    make_newer(&newer);
    for (path, code) in [
        (bad.clone(), "not_a_plan"),
        (h.path("gone.plenary"), "missing_file"),
        (newer.clone(), "newer_version"),
    ] {
        let err = h.err("open_plan", json!({ "path": path }));
        assert_eq!(err["code"], code, "{err}");
        assert!(!err["message"].as_str().unwrap().contains('\n'), "{err}");
        assert_eq!(h.recent(), sample, "{code}");
        assert!(!h.marker().exists(), "{code}");
    }
    // The plan shown before stays shown.
    assert_eq!(h.ok("overview", json!({}))["session_count"], 24);

    // A plan that opens joins the list once the window has shown it.
    let copy = h.path("copy.plenary");
    h.ok("save_copy_as", json!({ "path": copy }));
    h.ok("open_plan", json!({ "path": copy }));
    assert_eq!(h.recent(), sample, "not remembered before it is shown");
    assert!(h.marker().exists(), "marked until it is shown");
    h.ok("plan_shown", json!({ "path": copy }));
    assert_eq!(h.recent()[0], copy.to_str().unwrap());
    assert!(!h.marker().exists());
}

/// Raises a plan's file version past what this build reads, as a newer
/// Plenary would have left it.
fn make_newer(path: &Path) {
    let mut bytes = std::fs::read(path).unwrap();
    // SQLite keeps user_version big-endian at byte offset 60 of the header.
    bytes[60..64].copy_from_slice(&9999u32.to_be_bytes());
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn the_last_plan_is_not_reopened_after_an_open_that_never_finished() {
    let h = Harness::new(None);
    let copy = h.path("copy.plenary");
    h.ok("save_copy_as", json!({ "path": copy }));
    h.open(&copy);
    // The app is killed while reopening it: its marker is left behind.
    h.state.open(&copy).unwrap();
    assert!(h.marker().exists());
    let Harness { dir, .. } = h;

    let h = Harness::launch(dir, None);
    let start = h.ok("startup", json!({}));
    assert!(
        start["plan"].is_null() && start["opening"].is_null(),
        "{start}"
    );
    assert_eq!(
        start["note"],
        "Plenary did not reopen copy.plenary because it could not be opened last time."
    );
    assert_eq!(h.err("overview", json!({}))["code"], "no_plan");
    assert_eq!(
        h.recent()[0],
        copy.to_str().unwrap(),
        "it opened before, so it stays in the list"
    );
    // The user can still choose it; once shown, the next launch reopens it.
    h.open(&copy);
    let Harness { dir, .. } = h;
    let h = Harness::launch(dir, None);
    assert!(h.ok("startup", json!({}))["note"].is_null());
    assert_eq!(h.start().unwrap()["file_name"], "copy.plenary");
}

#[test]
fn a_plan_that_opened_but_was_never_shown_is_not_remembered() {
    let h = Harness::new(None);
    let sample = h.recent();
    let copy = h.path("copy.plenary");
    h.ok("save_copy_as", json!({ "path": copy }));
    // Opened, then the window hung before showing it, and was killed.
    h.ok("open_plan", json!({ "path": copy }));
    let Harness { dir, .. } = h;

    let h = Harness::launch(dir, None);
    assert_eq!(h.recent(), sample);
    let start = h.ok("startup", json!({}));
    assert!(start["note"].is_null(), "{start}");
    assert_eq!(
        h.start().unwrap()["file_name"],
        "Sample meeting week.plenary",
        "the last plan that was shown is reopened"
    );
}

#[test]
fn a_file_named_at_launch_is_opened_even_after_a_failed_open() {
    let h = Harness::new(None);
    let copy = h.path("copy.plenary");
    h.ok("save_copy_as", json!({ "path": copy }));
    h.open(&copy);
    h.state.open(&copy).unwrap();
    let Harness { dir, .. } = h;

    let h = Harness::launch(dir, Some(&copy));
    assert!(h.ok("startup", json!({}))["note"].is_null());
    assert_eq!(h.start().unwrap()["file_name"], "copy.plenary");
    assert!(!h.marker().exists());
}

#[test]
fn a_cancelled_open_changes_nothing() {
    let h = Harness::new(None);
    let sample = h.recent();
    let copy = h.path("copy.plenary");
    h.ok("save_copy_as", json!({ "path": copy }));
    assert_eq!(
        h.ok("cancel_open", json!({})),
        false,
        "nothing is being opened"
    );

    // The window's Cancel reaches the open in progress.
    let cancel = h.state.begin_open();
    assert_eq!(h.ok("cancel_open", json!({})), true);
    let err = h.state.open_with(&copy, &cancel).unwrap_err();
    assert_eq!(err.code, plenary::error::ErrorCode::Cancelled);
    assert_eq!(err.message, "Opening was cancelled.");

    assert_eq!(
        h.ok("startup", json!({}))["plan"]["path"],
        sample[0].as_str()
    );
    assert_eq!(h.ok("overview", json!({}))["session_count"], 24);
    assert_eq!(h.recent(), sample);
    assert!(!h.marker().exists());

    // A later open goes ahead.
    assert_eq!(h.open(&copy)["file_name"], "copy.plenary");
}

/// The TypeScript bindings are generated from these commands; CI fails when
/// the committed file is stale. `make bindings` regenerates it.
#[test]
fn typescript_bindings_are_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let committed = root.join(BINDINGS_PATH);
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        export_bindings(&committed).unwrap();
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("bindings.ts");
    export_bindings(&fresh).unwrap();
    let want = std::fs::read_to_string(&fresh).unwrap();
    let have = std::fs::read_to_string(&committed).unwrap_or_default();
    assert!(
        want == have,
        "{BINDINGS_PATH} is out of date with the Rust commands; run `make bindings`"
    );
}

#[test]
fn people_edits_and_the_desk_through_ipc() {
    let h = Harness::new(None);
    let overview = h.ok("overview", json!({}));
    let event = &overview["events"][0]["event"];
    let event_id = event["id"].clone();

    // A bad email comes back as a field problem; a good form creates the person.
    let bad = h.err(
        "create_person",
        json!({"form": {"family_name": "Bell", "email": "nope"}}),
    );
    assert_eq!(bad["code"], "invalid");
    assert_eq!(bad["fields"][0]["field"], "email");
    let person = h.ok(
        "create_person",
        json!({"form": {"honorific": "H.E.", "given_name": "Lynn", "family_name": "Bell"}}),
    );
    let hits = h.ok("search_people", json!({"query": "bell lyn", "limit": 10}));
    assert!(hits
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["id"] == person["id"] && p["name"] == "H.E. Lynn Bell"));

    // Registered, then checked in on the event's first day: the count goes up.
    h.ok(
        "set_registration",
        json!({"eventId": event_id, "personId": person["id"], "registration": "confirmed", "capacity": "head of delegation"}),
    );
    let day = event["first_day"].clone();
    let before = h.ok("desk", json!({"eventId": event_id, "day": day}));
    h.ok(
        "check_in",
        json!({"eventId": event_id, "personId": person["id"], "day": day, "present": true}),
    );
    let after = h.ok("desk", json!({"eventId": event_id, "day": day}));
    assert_eq!(
        after["present"].as_u64().unwrap(),
        before["present"].as_u64().unwrap() + 1
    );

    // The board's preview writes nothing; assigning does, as one undoable step.
    let board = h.ok("board", json!({}));
    let panel_session = board["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["entry"]["session"]["kind"] == "panel")
        .unwrap()["entry"]["session"]
        .clone();
    let panel = panel_session["id"].clone();
    h.ok(
        "assignment_conflicts",
        json!({"sessionId": panel, "personId": person["id"], "role": "rapporteur"}),
    );
    h.ok(
        "add_session_role",
        json!({"sessionId": panel, "entry": {"role": "rapporteur", "person_id": person["id"], "organisation_id": null, "note": ""}}),
    );
    let roles = h.ok("session_roles", json!({"sessionId": panel}));
    assert!(roles
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["role"] == "rapporteur" && r["person_id"] == person["id"]));
    let undone = h.ok("undo", json!({}));
    assert_eq!(
        undone.as_str().unwrap(),
        format!(
            "Assigned H.E. Lynn Bell as rapporteur of “{}”",
            panel_session["title"].as_str().unwrap()
        )
    );
}

#[test]
fn csv_import_previews_then_writes_once() {
    let h = Harness::new(None);
    let event_id = h.ok("overview", json!({}))["events"][0]["event"]["id"].clone();
    let csv = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/indico-registrants.csv");
    let people_before = h.ok("people", json!({})).as_array().unwrap().len();
    let preview = h.ok(
        "import_preview",
        json!({"path": csv, "eventId": event_id, "mapping": null}),
    );
    assert!(preview["created"].as_u64().unwrap() > 0, "{preview}");
    assert_eq!(
        h.ok("people", json!({})).as_array().unwrap().len(),
        people_before,
        "a preview writes nothing"
    );
    let summary = h.ok(
        "import_attendees",
        json!({"path": csv, "eventId": event_id, "mapping": preview["mapping"], "skipInvalid": true, "progress": "__CHANNEL__:7"}),
    );
    assert_eq!(summary["created"], preview["created"]);
    let again = h.ok(
        "import_preview",
        json!({"path": csv, "eventId": event_id, "mapping": null}),
    );
    assert_eq!(
        again["created"], 0,
        "re-importing matches, it does not duplicate"
    );

    let missing = h.err(
        "import_preview",
        json!({"path": h.path("nope.csv"), "eventId": event_id, "mapping": null}),
    );
    assert_eq!(missing["code"], "invalid");
    assert!(missing["message"].as_str().unwrap().contains("nope.csv"));
}

/// The window's tests stand on what the commands really answer: the
/// modules under `ui_fixtures::DIR`, each typed as its command's answer in
/// the generated bindings, for the sample week and for scenarios made from
/// it by real edits. CI fails when one is stale, missing or left over;
/// `make fixtures` regenerates them.
#[test]
fn ui_fixtures_are_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let update = std::env::var_os("UPDATE_FIXTURES").is_some();
    let stale = ui_fixtures::sync(root, update);
    assert!(
        stale.is_empty(),
        "{} is out of date with the commands ({stale:?}); run `make fixtures`",
        ui_fixtures::DIR
    );
}

#[test]
fn a_programme_becomes_a_new_plan_and_the_plan_exports_and_restores() {
    let h = Harness::new(None);
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let csv = fixtures.join("side-programme.csv");
    let request = json!({ "format": "auto", "columns": null, "kinds": [],
                          "event": { "kind": "auto" }, "skip_invalid": false });
    // A spreadsheet has no zone: the new plan needs one, and nothing is made.
    let side = h.path("side.plenary");
    let err = h.err(
        "import_programme_as_plan",
        json!({ "path": csv, "request": request, "zone": null, "planPath": side }),
    );
    assert_eq!(err["code"], "invalid");
    assert!(!side.exists());
    let file = h.ok(
        "import_programme_as_plan",
        json!({ "path": csv, "request": request, "zone": "Asia/Bangkok", "planPath": side }),
    );
    assert_eq!(file["title"], "side-programme");
    h.ok("plan_shown", json!({ "path": file["path"] }));
    assert_eq!(h.ok("overview", json!({}))["session_count"], 3);

    // The open plan as a calendar, then as a backup restored elsewhere.
    let ics = h.path("side.ics");
    let done = h.ok(
        "export_programme",
        json!({ "format": "ics", "scope": { "kind": "plan" }, "path": ics }),
    );
    assert_eq!(done["sessions"], 3);
    // The "TBC" row is on its day, time to be confirmed: an all-day item.
    assert_eq!(done["left_out"], 0);
    let calendar = std::fs::read_to_string(&ics).unwrap();
    assert!(calendar.contains("METHOD:PUBLISH"));
    assert!(
        calendar.contains("DTSTART;VALUE=DATE:20241120"),
        "{calendar}"
    );
    let backup = h.path("side.json");
    h.ok(
        "export_programme",
        json!({ "format": "backup", "scope": { "kind": "plan" }, "path": backup }),
    );
    // Restoring over the open plan is refused; elsewhere it works.
    let err = h.err("restore_backup", json!({ "backup": backup, "path": side }));
    assert_eq!(err["code"], "invalid");
    let restored = h.path("restored.plenary");
    h.ok(
        "restore_backup",
        json!({ "backup": backup, "path": restored }),
    );
    assert_eq!(
        plenary_core::Store::open(&restored)
            .unwrap()
            .session_count()
            .unwrap(),
        3
    );
}

#[test]
fn days_and_times_typed_are_read_back_and_saved_as_meant() {
    let h = Harness::new(None);
    let overview = h.ok("overview", json!({}));
    let annual = overview["events"][1]["event"]["id"].clone();
    let reading = h.ok(
        "read_when",
        json!({ "text": { "day": "19 Nov", "start": "1 pm", "end": "14.30" } }),
    );
    assert_eq!(
        reading,
        json!({ "reading": "Tue 19 Nov 2024, 13:00–14:30", "problem": null })
    );
    let created = h.ok(
        "create_session",
        json!({ "form": session_form(&annual, "Side briefing", "19/11/2024", "1 pm", "14h30") }),
    );
    assert_eq!(
        (&created["start"], &created["end"]),
        (&json!("2024-11-19T13:00:00"), &json!("2024-11-19T14:30:00"))
    );
    // The annual meeting is one day: there is no next day to copy it to.
    let err = h.err("copy_to_next_day", json!({ "id": created["id"] }));
    assert_eq!(err["code"], "invalid");
}

#[test]
fn a_new_plan_from_the_open_one_is_written_beside_it() {
    let h = Harness::new(None);
    let next = h.path("next year.plenary");
    let err = h.err(
        "copy_plan",
        json!({ "path": next, "firstDay": "17 Nov", "title": "Week 2025" }),
    );
    assert_eq!(err["fields"][0]["field"], "first_day");
    assert!(!next.exists());
    let done = h.ok(
        "copy_plan",
        json!({ "path": next, "firstDay": "17 Nov 2025", "title": "Week 2025" }),
    );
    assert_eq!(
        (&done["first_day"], &done["last_day"]),
        (&json!("2025-11-17"), &json!("2025-11-19"))
    );
    let copy = plenary_core::Store::open(&next).unwrap();
    assert_eq!(copy.plan().unwrap().title, "Week 2025");
}

/// The section of `summary` with key `key`.
fn section<'a>(summary: &'a Value, key: &str) -> &'a Value {
    summary["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == key)
        .unwrap_or_else(|| panic!("no section {key}"))
}

#[test]
fn a_summary_section_is_edited_compared_with_the_plan_and_undone_through_ipc() {
    let h = Harness::new(None);
    let source = json!("registered");
    let summary = h.ok("summary", json!({ "source": source }));
    let event = summary["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"].as_str().unwrap().starts_with("event:"))
        .unwrap();
    let key = event["key"].as_str().unwrap().to_string();
    assert_eq!(event["state"], "drafted");
    let first_draft = event["drafted"].as_str().unwrap().to_string();
    let session_id = event["sessions"][0]["session_id"].clone();

    let mine = "The Co-Chairs opened the dialogue with **thanks**.";
    let after = h.ok(
        "save_summary_section",
        json!({ "source": source, "key": key, "text": mine }),
    );
    let edited = section(&after, &key);
    assert_eq!(edited["state"], "edited");
    assert_eq!(edited["text"], mine);
    assert_eq!(edited["paragraphs"][0][1]["text"], "thanks");
    assert_eq!(edited["paragraphs"][0][1]["bold"], true);
    let undo = h.ok("undo_state", json!({}));
    assert!(undo["undo"].as_str().unwrap().contains("of the summary"));

    // The plan changes under the edit: both texts are offered.
    let note = "Members agreed to meet again in 2025.";
    let session = h.ok(
        "set_session_outcome",
        json!({ "sessionId": session_id, "outcome": note }),
    );
    assert_eq!(session["outcome"], note);
    let changed = h.ok("summary", json!({ "source": source }));
    let s = section(&changed, &key);
    assert_eq!(s["state"], "plan_changed");
    assert_eq!(s["text"], mine);
    assert_eq!(s["drafted_before"], first_draft.as_str());
    assert!(s["drafted"].as_str().unwrap().contains(note));
    assert!(s["sessions"][0]["outcome"] == note);

    // Keep my text: edited again, against the new draft.
    let kept = h.ok("keep_summary_edit", json!({ "source": source, "key": key }));
    assert_eq!(section(&kept, &key)["state"], "edited");
    assert_eq!(section(&kept, &key)["text"], mine);
    // Undo brings the choice back; take the plan's text instead.
    h.ok("undo", json!({}));
    let again = h.ok("summary", json!({ "source": source }));
    assert_eq!(section(&again, &key)["state"], "plan_changed");
    let taken = h.ok(
        "take_summary_draft",
        json!({ "source": source, "key": key }),
    );
    let s = section(&taken, &key);
    assert_eq!(s["state"], "drafted");
    assert!(s["text"].as_str().unwrap().contains(note));

    // Undo the take, the outcome and the edit: the first draft again.
    for _ in 0..3 {
        h.ok("undo", json!({}));
    }
    let back = h.ok("summary", json!({ "source": source }));
    let s = section(&back, &key);
    assert_eq!(s["state"], "drafted");
    assert_eq!(s["text"], first_draft.as_str());
    // Redo the edit.
    h.ok("redo", json!({}));
    let redone = h.ok("summary", json!({ "source": source }));
    assert_eq!(section(&redone, &key)["text"], mine);

    // An unknown section is refused with a sentence.
    let err = h.err(
        "save_summary_section",
        json!({ "source": source, "key": "event:nope", "text": "x" }),
    );
    assert_eq!(err["code"], "invalid");
}

#[test]
fn running_the_meeting_through_ipc() {
    let h = Harness::new(None);
    let at = "2024-11-19 09:10";
    let today = h.ok("today", json!({ "at": at }));
    let hall = today["rooms"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["room"] == "Plenary Hall")
        .unwrap()
        .clone();
    let opening = hall["now"]["id"].clone();
    assert_eq!(hall["now"]["status"], "late");
    let started = h.ok(
        "start_session",
        json!({ "id": opening, "at": "2024-11-19 09:05" }),
    );
    assert_eq!(started["status"], "running");
    let bad = h.err("today", json!({ "at": "soon" }));
    assert_eq!(
        (bad["code"].as_str(), bad["fields"][0]["field"].as_str()),
        (Some("invalid"), Some("at"))
    );
    let preview = h.ok(
        "preview_delay",
        json!({ "roomId": hall["room_id"], "minutes": 20, "at": at }),
    );
    let undo = h.ok("undo_state", json!({}));
    assert_eq!(
        undo["undo"],
        "Started “Opening and adoption of the agenda” at 09:05"
    );
    let done = h.ok(
        "delay",
        json!({ "roomId": hall["room_id"], "minutes": 20, "at": at }),
    );
    assert_eq!(done["moves"], preview["moves"]);
    assert_eq!(
        h.ok("undo_state", json!({}))["undo"],
        "Running 20 minutes late in Plenary Hall"
    );
    let refused = h.err("delay", json!({ "roomId": null, "minutes": 500, "at": at }));
    assert_eq!(refused["fields"][0]["field"], "minutes");
    h.ok(
        "cancel_session",
        json!({ "id": opening, "cancelled": true }),
    );
    assert_eq!(
        h.ok("undo_state", json!({}))["undo"],
        "Cancelled “Opening and adoption of the agenda”"
    );
}

#[test]
fn a_speaking_list_runs_live_through_ipc_on_the_rehearsal_clock() {
    let h = Harness::new(None);
    let agenda = h.ok("agenda", json!({ "day": null }));
    let updates = agenda["days"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["sessions"].as_array().unwrap().clone())
        .find(|s| s["session"]["title"] == "National updates from members and observers")
        .unwrap()["session"]["id"]
        .clone();
    let slots = h.ok(
        "suggest_speaking_list",
        json!({ "sessionId": updates, "minutes": 3 }),
    );
    let first_two: Vec<Value> = slots.as_array().unwrap()[..2].to_vec();
    h.ok(
        "set_speaking_list",
        json!({ "sessionId": updates, "slots": first_two }),
    );
    h.ok("set_run_clock", json!({ "at": "2024-11-19 10:15" }));
    let called = h.ok(
        "call_next_speaker",
        json!({ "sessionId": updates, "at": null }),
    );
    let start = called["current"]["spoke_start"].as_str().unwrap();
    assert!(start.starts_with("2024-11-19T10:15"), "{called}");
    assert_eq!(called["waiting"].as_array().unwrap().len(), 1);
    let read = h.ok(
        "live_speaking_list",
        json!({ "sessionId": updates, "at": "2024-11-19 10:19" }),
    );
    assert!(read["remaining_seconds"].as_i64().unwrap() < 0, "{read}");
    assert!(read["current"]["over_budget"].as_bool().unwrap());
    let added = h.ok(
        "add_speaker",
        json!({ "sessionId": updates, "organisationId": slots[2]["organisation_id"], "minutes": 4, "place": 0, "at": null }),
    );
    assert_eq!(added["waiting"][0]["minutes"], 4);
    assert_eq!(added["current"], called["current"]);
    let moved = h.ok(
        "move_speaker",
        json!({ "sessionId": updates, "slotId": added["waiting"][0]["slot_id"], "to": 1, "at": null }),
    );
    assert_eq!(
        moved["waiting"][1]["slot_id"],
        added["waiting"][0]["slot_id"]
    );
    let ended = h.ok("end_turn", json!({ "sessionId": updates, "at": null }));
    assert_eq!(ended["spoken"].as_array().unwrap().len(), 1);
    assert_eq!(
        h.ok("undo_state", json!({}))["undo"],
        format!(
            "Ended the turn of {}",
            ended["spoken"][0]["delegation"].as_str().unwrap()
        )
    );
    let refused = h.err(
        "start_turn",
        json!({ "sessionId": updates, "slotId": 999_999, "at": null }),
    );
    assert_eq!(refused["fields"][0]["field"], "slot");
    let opening = h.err(
        "live_speaking_list",
        json!({ "sessionId": agenda["days"][0]["sessions"][0]["session"]["id"], "at": null }),
    );
    assert_eq!(opening["fields"][0]["field"], "session");
}

#[test]
fn a_rehearsal_clock_is_shared_by_run_mode_and_the_desk() {
    let h = Harness::new(None);
    let real = h.ok("run_clock", json!({}));
    assert_eq!(real["rehearsal"], false);
    let set = h.ok("set_run_clock", json!({ "at": "2024-11-19 10:40" }));
    assert_eq!(set["rehearsal"], true);
    assert!(
        set["now"].as_str().unwrap().starts_with("2024-11-19T10:40"),
        "{set}"
    );
    // With no `at`, Run mode and the desk read the pretend clock.
    let today = h.ok("today", json!({ "at": null }));
    assert_eq!(today["day"], "2024-11-19");
    assert_eq!(h.ok("plan_today", json!({})), "2024-11-19");
    let bad = h.err("set_run_clock", json!({ "at": "tomorrow-ish" }));
    assert_eq!(bad["fields"][0]["field"], "at");
    // A refused time leaves the clock as it was.
    assert_eq!(h.ok("run_clock", json!({}))["rehearsal"], true);
    let back = h.ok("set_run_clock", json!({ "at": null }));
    assert_eq!(back["rehearsal"], false);
    assert_ne!(h.ok("today", json!({ "at": null }))["day"], "2024-11-19");
}

#[test]
fn a_locked_kiosk_checks_people_in_and_refuses_everything_else() {
    let h = Harness::new(None);
    let overview = h.ok("overview", json!({}));
    let event = &overview["events"][0]["event"];
    let event_id = event["id"].clone();
    let other_event = overview["events"][1]["event"]["id"].clone();
    let day = event["first_day"].clone();
    assert_eq!(h.ok("kiosk", json!({}))["locked"], false);
    // Someone registered with an email, to be found by it.
    let person = h.ok(
        "create_person",
        json!({"form": {"honorific": "Ms", "given_name": "Ngozi", "family_name": "Adeyemi", "email": "n.adeyemi@example.org"}}),
    );
    h.ok(
        "set_registration",
        json!({"eventId": event_id, "personId": person["id"], "registration": "confirmed", "capacity": "delegate"}),
    );

    let bad = h.err(
        "enter_kiosk",
        json!({"pin": "12", "eventId": event_id, "day": day}),
    );
    assert_eq!(bad["code"], "invalid");
    assert_eq!(bad["fields"][0]["field"], "pin");
    assert_eq!(h.ok("kiosk", json!({}))["locked"], false);
    let missing = h.err(
        "enter_kiosk",
        json!({"pin": "2468", "eventId": 999999, "day": day}),
    );
    assert_eq!(missing["code"], "not_found");

    let entered = h.ok(
        "enter_kiosk",
        json!({"pin": "2468", "eventId": event_id, "day": day}),
    );
    assert_eq!(entered["locked"], true);
    // A reloaded window learns it is a kiosk, and for which desk.
    let view = h.ok("kiosk", json!({}));
    assert_eq!(
        (&view["locked"], &view["event_id"], &view["day"]),
        (&json!(true), &event_id, &day)
    );

    // Edits, opening files and the undo history are refused where commands enter.
    for (cmd, args) in [
        ("undo", json!({})),
        ("check_plan", json!({})),
        ("open_plan", json!({"path": h.path("elsewhere.plenary")})),
        ("create_person", json!({"form": {"family_name": "Bell"}})),
        ("set_run_clock", json!({"at": "2024-11-19 10:40"})),
        (
            "enter_kiosk",
            json!({"pin": "1111", "eventId": event_id, "day": day}),
        ),
    ] {
        let refused = h.err(cmd, args);
        assert_eq!(refused["code"], "locked", "{cmd}: {refused}");
    }

    // The desk works: find a person by email, check them in.
    let desk = h.ok("desk", json!({"eventId": event_id, "day": day}));
    let line = desk["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["person_id"] == person["id"])
        .unwrap()
        .clone();
    assert!(line["search_text"]
        .as_str()
        .unwrap()
        .contains("n.adeyemi@example.org"));
    let hits = h.ok(
        "search_people",
        json!({"query": "adeyemi@example", "limit": 5}),
    );
    assert_eq!(hits[0]["id"], line["person_id"], "{hits}");
    h.ok(
        "check_in",
        json!({"eventId": event_id, "personId": line["person_id"], "day": day, "present": true}),
    );
    let after = h.ok("desk", json!({"eventId": event_id, "day": day}));
    assert_eq!(
        after["present"].as_u64().unwrap(),
        desk["present"].as_u64().unwrap() + 1
    );
    // Only at the kiosk's own event.
    let elsewhere = h.err(
        "check_in",
        json!({"eventId": other_event, "personId": line["person_id"], "day": day, "present": true}),
    );
    assert_eq!(elsewhere["code"], "locked");

    // Another window (the main window's hall display) is not the kiosk: its
    // own capability limits it.
    let hall = WebviewWindowBuilder::new(&h._app, "hall-main-1", Default::default())
        .build()
        .unwrap();
    assert_eq!(
        h.call_in(&hall, "kiosk", json!({})).unwrap()["locked"],
        true
    );
    assert!(h.call_in(&hall, "today", json!({"at": null})).is_ok());

    let wrong = h.err("leave_kiosk", json!({"pin": "1357"}));
    assert_eq!(wrong["code"], "wrong_pin");
    assert_eq!(h.ok("kiosk", json!({}))["locked"], true);
    assert_eq!(h.ok("leave_kiosk", json!({"pin": "2468"}))["locked"], false);
    // Back to a normal window: the check-in is one undoable step.
    let undone = h.ok("undo", json!({}));
    assert!(
        undone
            .as_str()
            .unwrap()
            .contains(line["name"].as_str().unwrap()),
        "{undone}"
    );
}

#[test]
fn every_command_a_kiosk_allows_exists() {
    let h = Harness::new(None);
    for cmd in plenary::kiosk::KIOSK_COMMANDS {
        // Arguments are left out: a command that exists answers or names a
        // missing argument, one that does not is "not found".
        if let Err(e) = h.call(cmd, json!({})) {
            let text = e.to_string();
            assert!(!text.contains("not found"), "{cmd}: {text}");
        }
    }
    let text = h.err("no_such_command", json!({})).to_string();
    assert!(text.contains("not found"), "{text}");
}

/// The quoted words after each `marker` in `text`.
fn quoted_after(text: &str, marker: &str) -> Vec<String> {
    text.split(marker)
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_string)
        .collect()
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

#[test]
fn every_command_is_in_the_permission_manifest_and_the_hall_reads_only() {
    use plenary::acl::{APP_COMMANDS, HALL_COMMANDS};
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("bindings.ts");
    export_bindings(&fresh).unwrap();
    let bindings = std::fs::read_to_string(&fresh).unwrap();
    let registered: Vec<String> = bindings
        .split("__TAURI_INVOKE")
        .skip(1)
        .filter_map(|rest| rest.split_once("(\"")?.1.split('"').next())
        .map(str::to_string)
        .collect();
    let registered = sorted(registered);
    let listed = sorted(APP_COMMANDS.iter().map(|c| c.to_string()).collect());
    assert_eq!(
        registered, listed,
        "src-tauri/src/acl.rs APP_COMMANDS must list every registered command"
    );
    let allow = |c: &str| format!("allow-{}", c.replace('_', "-"));
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let main =
        std::fs::read_to_string(root.join("src-tauri/permissions/main-window.toml")).unwrap();
    let main_allows: Vec<String> = quoted_after(&main, "\"")
        .into_iter()
        .filter(|p| p.starts_with("allow-"))
        .collect();
    assert_eq!(
        sorted(main_allows),
        sorted(APP_COMMANDS.iter().map(|c| allow(c)).collect()),
        "the main window's set must allow every command"
    );
    let hall = std::fs::read_to_string(root.join("src-tauri/capabilities/hall.json")).unwrap();
    let hall_json: Value = serde_json::from_str(&hall).unwrap();
    let app_allows: Vec<String> = hall_json["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().to_string())
        .filter(|p| !p.contains(':'))
        .collect();
    assert_eq!(
        sorted(app_allows),
        sorted(HALL_COMMANDS.iter().map(|c| allow(c)).collect())
    );
    for c in HALL_COMMANDS {
        assert!(APP_COMMANDS.contains(c), "{c}");
    }
    // Nothing that writes, asks for files or opens windows.
    for c in ["delay", "undo", "open_plan", "open_hall", "set_run_clock"] {
        assert!(!HALL_COMMANDS.contains(&c), "{c}");
    }
    assert!(!hall.contains("dialog:"), "the hall has no dialogs");
}

#[test]
fn the_hall_reads_its_room_and_every_edit_is_told_to_every_window() {
    let h = Harness::new(None);
    let told = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let count = Arc::clone(&told);
    h.state.on_change(move || {
        count.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    });
    let told_now = || told.load(std::sync::atomic::Ordering::SeqCst);
    h.ok("set_run_clock", json!({ "at": "2024-11-19 09:05" }));
    assert_eq!(told_now(), 1, "the clock the hall reads changed");
    let today = h.ok("today", json!({ "at": null }));
    let room = today["rooms"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["room"] == "Plenary Hall")
        .unwrap()["room_id"]
        .clone();
    let hall = h.ok("hall", json!({ "roomId": room, "at": null }));
    assert_eq!(hall["room"], "Plenary Hall");
    assert_eq!(
        hall["current"]["session"]["title"],
        "Opening and adoption of the agenda"
    );
    assert_eq!(hall["current"]["chairs"][0]["label"], "Co-Chairs");
    assert_eq!(hall["next"]["starts"], "2024-11-19T09:15:00");
    assert_eq!(told_now(), 1, "reading tells nobody");
    h.ok(
        "delay",
        json!({ "roomId": room, "minutes": 10, "at": null }),
    );
    assert_eq!(told_now(), 2);
    // The opening had not started: it moves with the rest and is next.
    let hall = h.ok("hall", json!({ "roomId": room, "at": null }));
    assert_eq!(hall["next"]["starts"], "2024-11-19T09:10:00");
    assert_eq!(
        hall["next"]["session"]["title"],
        "Opening and adoption of the agenda"
    );
    h.err(
        "delay",
        json!({ "roomId": room, "minutes": 999, "at": null }),
    );
    assert_eq!(told_now(), 2, "a refused edit changed nothing");
    h.ok("undo", json!({}));
    assert_eq!(told_now(), 3);
    let bad = h.err("hall", json!({ "roomId": 99999, "at": null }));
    assert_eq!(bad["fields"][0]["field"], "room");
}

/// What a window's File › Open and start-up do, in `window`.
fn start_in(h: &Harness, window: &tauri::WebviewWindow<tauri::test::MockRuntime>) -> Value {
    let startup = h.call_in(window, "startup", json!({})).unwrap();
    assert!(!startup["opening"].is_null(), "nothing to open: {startup}");
    let file = h.call_in(window, "open_at_start", json!({})).unwrap();
    h.call_in(window, "plan_shown", json!({ "path": file["path"] }))
        .unwrap();
    file
}

fn room_names(h: &Harness, window: &tauri::WebviewWindow<tauri::test::MockRuntime>) -> Vec<String> {
    h.call_in(window, "overview", json!({})).unwrap()["rooms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn each_window_has_its_own_plan_undo_clock_and_kiosk() {
    let h = Harness::new(None);
    let plans = h._app.state::<Plans>();
    let b = h.path("b.plenary");
    drop(plenary_core::sample::write_sample(&b, false).unwrap());
    let told_main = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let count = Arc::clone(&told_main);
    h.state.on_change(move || {
        count.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    });

    // A second launch with b: a new window, which opens b at its start.
    let label = plans.present(Some(&b)).unwrap();
    assert_eq!(label, "plan-2");
    let second = h._app.get_webview_window(&label).expect("a new window");
    let opened = start_in(&h, &second);
    assert_eq!(opened["path"], b.to_string_lossy().as_ref());
    assert_ne!(h.ok("startup", json!({}))["plan"]["path"], opened["path"]);

    // An edit in one window leaves the other's plan, undo and windows alone.
    let before = room_names(&h, &h.window);
    h.call_in(
        &second,
        "create_room",
        json!({ "form": { "name": "Room B", "capacity": "30", "notes": "" } }),
    )
    .unwrap();
    assert!(room_names(&h, &second).contains(&"Room B".to_string()));
    assert_eq!(room_names(&h, &h.window), before);
    assert_eq!(told_main.load(std::sync::atomic::Ordering::SeqCst), 0);
    let main_undo = h.ok("undo_state", json!({}));
    assert!(main_undo["undo"].is_null(), "{main_undo}");
    h.call_in(&second, "undo", json!({})).unwrap();
    assert!(!room_names(&h, &second).contains(&"Room B".to_string()));

    // Each window has its own rehearsal clock and kiosk lock.
    h.call_in(
        &second,
        "set_run_clock",
        json!({ "at": "2024-11-19 10:40" }),
    )
    .unwrap();
    assert_eq!(h.ok("run_clock", json!({}))["rehearsal"], false);
    assert_eq!(
        h.call_in(&second, "run_clock", json!({})).unwrap()["rehearsal"],
        true
    );
    let overview = h.ok("overview", json!({}));
    let event = &overview["events"][0]["event"];
    h.call_in(
        &second,
        "enter_kiosk",
        json!({"pin": "2468", "eventId": event["id"], "day": event["first_day"]}),
    )
    .unwrap();
    assert_eq!(h.ok("kiosk", json!({}))["locked"], false);
    h.ok(
        "create_room",
        json!({ "form": { "name": "Room C", "capacity": "", "notes": "" } }),
    );
    let refused = h
        .call_in(
            &second,
            "create_room",
            json!({ "form": { "name": "Room D", "capacity": "", "notes": "" } }),
        )
        .unwrap_err();
    assert_eq!(refused["code"], "locked");

    // The same plan again, by another name for the file: no new window.
    let again = b.parent().unwrap().join(".").join("b.plenary");
    assert_eq!(plans.present(Some(&again)).unwrap(), "plan-2");
    assert_eq!(plans.labels(), ["main", "plan-2"]);
    // Opening it from the first window brings the second forward instead.
    let err = h.err("open_plan", json!({ "path": again }));
    assert_eq!(err["code"], "file_exists");
    assert!(
        err["message"].as_str().unwrap().contains("b.plenary"),
        "{err}"
    );
    // Nor is it written over from the first window.
    let copy = h.err("save_copy_as", json!({ "path": b }));
    assert_eq!(copy["fields"][0]["field"], "path", "{copy}");
    // No file: the last window comes forward.
    assert_eq!(plans.present(None).unwrap(), "plan-2");

    // The window closed: its plan is let go, and the first window may open it.
    drop(plans.remove("plan-2"));
    h.open(&b);
    assert_eq!(h.ok("startup", json!({}))["plan"]["path"], opened["path"]);
}

#[test]
fn the_other_teams_copy_is_handed_over_and_merged_back() {
    let h = Harness::new(None);
    h.ok("set_team", json!({ "name": "Australia team" }));
    let copy = h.path("indonesia.plenary");
    h.ok(
        "handover",
        json!({ "path": copy, "team": "Indonesia team" }),
    );
    let err = h.err(
        "handover",
        json!({ "path": copy, "team": "Indonesia team" }),
    );
    assert_eq!(err["code"], "file_exists");
    // The Indonesia team moves a session half an hour later in their copy.
    {
        let mut theirs = plenary_core::Store::open(&copy).unwrap();
        assert_eq!(theirs.team().unwrap(), "Indonesia team");
        let slot = theirs
            .session_slots()
            .unwrap()
            .into_iter()
            .find(|s| s.start.is_some())
            .unwrap();
        let to = slot.start.unwrap() + chrono::Duration::minutes(30);
        plenary_core::planner::move_session(&mut theirs, slot.id, to, None).unwrap();
    }
    let preview = h.ok("merge_preview", json!({ "path": copy }));
    assert_eq!(preview["theirs_team"], "Indonesia team");
    assert_eq!(preview["ours_team"], "Australia team");
    assert_eq!(preview["changed"].as_array().unwrap().len(), 1, "{preview}");
    assert_eq!(preview["clashes"], json!([]));
    let err = h.err(
        "merge_plan",
        json!({ "path": copy, "resolutions": [{ "clash": 5, "take": "theirs", "value": null }] }),
    );
    assert!(
        err["message"].as_str().unwrap().contains("no clash 5"),
        "{err}"
    );
    let done = h.ok("merge_plan", json!({ "path": copy, "resolutions": [] }));
    assert_eq!(done["step"], "Merged from Indonesia team: 1 changed");
    let again = h.ok("merge_preview", json!({ "path": copy }));
    assert_eq!(again["nothing_new"], true);
}

fn print_request(kind: &str) -> Value {
    json!({
        "kind": kind, "day": null, "event_id": null, "paper": "a4",
        "variant": "internal", "changes_since": null, "per_person": false, "fit_each": false,
        "acronyms": false, "with_counts": false, "mark_tbc": true,
        "descriptions": true, "positions": true, "status": "", "issued": null,
        "attendance": "registered"
    })
}

/// A stand-in print layout: a shell script.
#[cfg(unix)]
fn fake_worker(dir: &Path, name: &str, script: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{script}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

#[test]
fn previews_and_pdfs_are_laid_out_by_plenary_print() {
    let h = Harness::new(None);
    let preview = h.ok(
        "print_preview",
        json!({ "request": print_request("programme"), "progress": "__CHANNEL__:7" }),
    );
    let pages = preview["pages"].as_array().unwrap();
    assert!(pages.len() > 1, "{}", pages.len());
    assert!(pages[0].as_str().unwrap().starts_with("<svg"));
    let out = h.path("cards.pdf");
    let done = h.ok(
        "export_pdf",
        json!({ "request": print_request("namecards"), "path": out, "publish": false, "progress": "__CHANNEL__:7" }),
    );
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF-"));
    assert_eq!(
        done["bytes"].as_u64(),
        Some(std::fs::metadata(&out).unwrap().len())
    );
    let summary = h.path("summary.pdf");
    let done = h.ok(
        "export_summary",
        json!({ "request": { "format": "pdf", "source": "registered", "paper": "a4" }, "path": summary }),
    );
    assert!(done["pages"].as_u64().unwrap() >= 1, "{done}");
    assert!(std::fs::read(&summary).unwrap().starts_with(b"%PDF-"));
}

#[cfg(unix)]
#[test]
fn a_print_layout_that_stops_is_one_clear_error() {
    let h = Harness::new(None);
    let garbage = fake_worker(h.dir.path(), "garbage", "echo 'Segmentation fault'");
    for worker in [Path::new("/bin/false"), garbage.as_path()] {
        h.state.set_print_worker(worker);
        let err = h.err(
            "print_preview",
            json!({ "request": print_request("programme"), "progress": "__CHANNEL__:7" }),
        );
        assert_eq!(err["code"], "print", "{err}");
        let message = err["message"].as_str().unwrap();
        assert!(
            message.starts_with("The print layout stopped unexpectedly ("),
            "{message}"
        );
        let out = h.path("programme.pdf");
        let err = h.err(
            "export_pdf",
            json!({ "request": print_request("programme"), "path": out, "publish": false, "progress": "__CHANNEL__:7" }),
        );
        assert_eq!(err["code"], "print", "{err}");
        assert!(!out.exists());
    }
}

/// Only the newest preview is shown, so a newer one stops the worker of
/// the one still being laid out.
#[cfg(target_os = "linux")]
#[test]
fn a_newer_preview_kills_the_worker_of_the_older() {
    let h = Harness::new(None);
    let pid = h.path("first.pid");
    let worker = fake_worker(
        h.dir.path(),
        "slow-then-real",
        &format!(
            "if [ -e '{pid}' ]; then exec '{real}'; fi\necho $$ > '{pid}'\necho '{{\"hello\":{{\"protocol\":{protocol}}}}}'\nexec sleep 60",
            pid = pid.display(),
            real = env!("CARGO_BIN_EXE_plenary-print"),
            protocol = plenary_core::print::worker::PROTOCOL,
        ),
    );
    h.state.set_print_worker(&worker);
    let args = json!({ "request": print_request("programme"), "progress": "__CHANNEL__:7" });
    let window = h.window.clone();
    std::thread::scope(|scope| {
        let first = scope.spawn(|| invoke(&window, "print_preview", args.clone()));
        let waited = std::time::Instant::now();
        while !pid.exists() {
            assert!(
                waited.elapsed().as_secs() < 20,
                "the first preview never started"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let started = std::time::Instant::now();
        let newer = h.ok("print_preview", args.clone());
        assert!(!newer["pages"].as_array().unwrap().is_empty());
        let err = first.join().unwrap().unwrap_err();
        assert_eq!(err["code"], "cancelled", "{err}");
        assert!(started.elapsed().as_secs() < 30);
        let first_pid = std::fs::read_to_string(&pid).unwrap();
        assert!(!Path::new("/proc").join(first_pid.trim()).exists());
    });
}
