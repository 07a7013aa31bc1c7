//! The main windows and their plans: one process per user, one window per
//! plan. Each main window (`main`, `plan-2`, `plan-3`…) has its own
//! `AppState` (plan, undo, opening, rehearsal clock, kiosk lock); a hall
//! display (`hall-<owner>-<room>`) reads its owner's. Commands reach the
//! calling window's state through `WindowPlan`, their `S` argument.
//!
//! A second launch of Plenary hands its file to the running process
//! (`second_launch`), which opens it in a new window or brings forward the
//! window that has it.

use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::hall;
use crate::state::AppState;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use tauri::ipc::{CommandArg, CommandItem, InvokeError};
use tauri::{Emitter, EventTarget, Manager, Runtime, WebviewUrl, WebviewWindowBuilder};

/// The window made from `tauri.conf.json`.
pub const FIRST: &str = "main";

/// Every main window after the first is labelled so, then a number;
/// `capabilities/default.json` matches it.
pub const LABEL_PREFIX: &str = "plan-";

/// Each main window's state by label.
pub struct Plans {
    windows: Mutex<BTreeMap<String, Arc<AppState>>>,
    /// Makes, finds and focuses windows; None on the mock runtime's tests
    /// that do not need it.
    app: Mutex<Option<Box<dyn MainWindows>>>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The main window a window belongs to: itself, or a hall display's owner.
pub fn owner_of(label: &str) -> &str {
    match label.strip_prefix(hall::LABEL_PREFIX) {
        Some(rest) => rest.rsplit_once('-').map_or(FIRST, |(owner, _)| owner),
        None => label,
    }
}

/// Whether `label` is a main window's (not a hall display's).
pub fn is_main(label: &str) -> bool {
    label == FIRST || label.starts_with(LABEL_PREFIX)
}

impl Plans {
    /// The registry with the first window's state.
    pub fn new(first: Arc<AppState>) -> Self {
        let plans = Plans {
            windows: Mutex::new(BTreeMap::new()),
            app: Mutex::new(None),
        };
        plans.add(FIRST, first);
        plans
    }

    /// Lets the registry make and focus windows of `app`, and tells each
    /// window's changes to that window and its hall displays.
    pub fn attach<R: Runtime>(&self, app: tauri::AppHandle<R>) {
        for (label, state) in lock(&self.windows).iter() {
            tell_changes(&app, label, state);
        }
        *lock(&self.app) = Some(Box::new(AppWindows(app)));
    }

    pub fn add(&self, label: &str, state: Arc<AppState>) {
        lock(&self.windows).insert(label.to_string(), state);
    }

    /// Drops a closed window's state, and with it its plan.
    pub fn remove(&self, label: &str) -> Option<Arc<AppState>> {
        lock(&self.windows).remove(label)
    }

    /// The state the window `label` works on (a hall display: its owner's).
    pub fn state_of(&self, label: &str) -> Option<Arc<AppState>> {
        lock(&self.windows).get(owner_of(label)).cloned()
    }

    /// The labels of the main windows, first to last opened.
    pub fn labels(&self) -> Vec<String> {
        let mut labels: Vec<String> = lock(&self.windows).keys().cloned().collect();
        labels.sort_by_key(|l| label_number(l));
        labels
    }

    /// The main window whose plan is the file at `path`, or that is about
    /// to open it.
    pub fn holder(&self, path: &Path) -> Option<String> {
        lock(&self.windows)
            .iter()
            .find(|(_, state)| state.holds(path) || state.will_open(path))
            .map(|(label, _)| label.clone())
    }

    /// A label no window has yet.
    fn next_label(&self) -> String {
        let windows = lock(&self.windows);
        let n = windows.keys().map(|l| label_number(l)).max().unwrap_or(1) + 1;
        format!("{LABEL_PREFIX}{n}")
    }

    /// Opens a new main window on `file` (its welcome screen when None),
    /// with a state of its own; returns its label.
    pub fn open_window(&self, file: Option<&Path>) -> ApiResult<String> {
        let first = self
            .state_of(FIRST)
            .or_else(|| lock(&self.windows).values().next().cloned())
            .ok_or_else(|| ApiError::new(ErrorCode::Io, "Plenary has no window left."))?;
        let state = Arc::new(first.sibling());
        state.plan_start_only(file);
        let label = self.next_label();
        self.add(&label, Arc::clone(&state));
        let made = match lock(&self.app).as_ref() {
            Some(app) => app.make(&label, &state),
            None => Ok(()),
        };
        if made.is_err() {
            self.remove(&label);
        }
        made.map(|()| label)
    }

    /// Closes the window `label`, as its close button does.
    pub fn close(&self, label: &str) -> ApiResult<()> {
        match lock(&self.app).as_ref() {
            Some(app) => app.close(label),
            None => Ok(()),
        }
    }

    /// Brings the window `label` to the front.
    pub fn focus(&self, label: &str) {
        if let Some(app) = lock(&self.app).as_ref() {
            app.focus(label);
        }
    }

    /// Opens `file` for the user: the window that has it comes forward,
    /// else a new window opens it; no file brings the last window forward.
    pub fn present(&self, file: Option<&Path>) -> ApiResult<String> {
        let label = match file {
            Some(path) => match self.holder(path) {
                Some(label) => label,
                None => return self.open_window(Some(path)),
            },
            None => match self.labels().pop() {
                Some(label) => label,
                None => return self.open_window(None),
            },
        };
        self.focus(&label);
        Ok(label)
    }
}

/// `main` is 1, `plan-N` is N.
fn label_number(label: &str) -> u32 {
    label
        .strip_prefix(LABEL_PREFIX)
        .and_then(|n| n.parse().ok())
        .unwrap_or(1)
}

/// What the registry needs of the app, kept apart so it stays free of the
/// runtime type.
trait MainWindows: Send + Sync {
    fn make(&self, label: &str, state: &AppState) -> ApiResult<()>;
    fn focus(&self, label: &str);
    fn close(&self, label: &str) -> ApiResult<()>;
}

struct AppWindows<R: Runtime>(tauri::AppHandle<R>);

fn window_error(e: tauri::Error) -> ApiError {
    ApiError::new(
        ErrorCode::Io,
        format!("A new window could not be opened: {e}"),
    )
}

impl<R: Runtime> MainWindows for AppWindows<R> {
    fn make(&self, label: &str, state: &AppState) -> ApiResult<()> {
        tell_changes(&self.0, label, state);
        // As the first window in tauri.conf.json, which the user sized.
        let config = self.0.config().app.windows.first().cloned();
        let builder = match config {
            Some(mut config) => {
                config.label = label.to_string();
                WebviewWindowBuilder::from_config(&self.0, &config).map_err(window_error)?
            }
            None => WebviewWindowBuilder::new(&self.0, label, WebviewUrl::App("index.html".into()))
                .title("Plenary"),
        };
        let window = builder.build().map_err(window_error)?;
        let _ = window.set_focus();
        Ok(())
    }

    fn focus(&self, label: &str) {
        if let Some(window) = self.0.get_webview_window(label) {
            let _ = window.unminimize();
            let _ = window.show();
            let _ = window.set_focus();
        }
    }

    fn close(&self, label: &str) -> ApiResult<()> {
        match self.0.get_webview_window(label) {
            // As its close button: a locked kiosk keeps it (lib.rs).
            Some(window) => window.close().map_err(|e| {
                ApiError::new(
                    ErrorCode::Io,
                    format!("The window could not be closed: {e}"),
                )
            }),
            None => Ok(()),
        }
    }
}

/// After a change to the plan of window `label`, it and its hall displays
/// read again; other windows have other plans.
fn tell_changes<R: Runtime>(app: &tauri::AppHandle<R>, label: &str, state: &AppState) {
    let handle = app.clone();
    let owner = label.to_string();
    state.on_change(move || {
        let _ = handle.emit_filter(hall::PLAN_CHANGED, (), |target| match target {
            EventTarget::Window { label }
            | EventTarget::Webview { label }
            | EventTarget::WebviewWindow { label } => owner_of(label) == owner,
            _ => false,
        });
    });
}

/// A second launch's arguments (as the plugin hands them over: the program,
/// then at most one plan file, relative to `cwd`): the file to present.
pub fn launch_file(argv: &[String], cwd: &str) -> Option<PathBuf> {
    let file = PathBuf::from(argv.get(1)?);
    Some(if file.is_absolute() {
        file
    } else {
        Path::new(cwd).join(file)
    })
}

/// Another `plenary-window` was started while this one runs: present its
/// file here, and it exits.
pub fn second_launch<R: Runtime>(app: &tauri::AppHandle<R>, argv: Vec<String>, cwd: String) {
    let file = launch_file(&argv, &cwd);
    if let Some(plans) = app.try_state::<Plans>() {
        if let Err(e) = plans.present(file.as_deref()) {
            log_line(&e);
        }
    }
}

/// The plan files among the addresses the system asks the app to open
/// (macOS's "opened" event): local files only.
pub fn opened_files(urls: &[tauri::Url]) -> Vec<PathBuf> {
    urls.iter()
        .filter(|u| u.scheme() == "file")
        .filter_map(|u| u.to_file_path().ok())
        .collect()
}

/// Plans opened from the Finder: each presented as a second launch's file is.
#[cfg(target_os = "macos")]
pub fn opened<R: Runtime>(app: &tauri::AppHandle<R>, urls: &[tauri::Url]) {
    let Some(plans) = app.try_state::<Plans>() else {
        return;
    };
    for file in opened_files(urls) {
        if let Err(e) = plans.present(Some(&file)) {
            log_line(&e);
        }
    }
}

fn log_line(e: &ApiError) {
    eprintln!("plenary: {}", e.message);
}

/// The calling window's state: what every command takes as `S`. A hall
/// display gets its owner's; a window without one is refused.
pub struct WindowPlan<'a> {
    state: Arc<AppState>,
    label: String,
    _command: std::marker::PhantomData<&'a ()>,
}

impl WindowPlan<'_> {
    /// The state itself, to move into work off the window's thread.
    pub fn inner(&self) -> &Arc<AppState> {
        &self.state
    }

    /// The main window whose plan this is.
    pub fn owner(&self) -> &str {
        owner_of(&self.label)
    }
}

impl std::ops::Deref for WindowPlan<'_> {
    type Target = AppState;
    fn deref(&self) -> &AppState {
        &self.state
    }
}

impl<'de, R: Runtime> CommandArg<'de, R> for WindowPlan<'de> {
    fn from_command(command: CommandItem<'de, R>) -> Result<Self, InvokeError> {
        let webview = command.message.webview_ref();
        let label = webview.window().label().to_string();
        let state = webview
            .try_state::<Plans>()
            .and_then(|plans| plans.state_of(&label))
            .ok_or_else(|| {
                InvokeError::from(ApiError::new(
                    ErrorCode::NoPlan,
                    format!("The window {label} has no plan of its own."),
                ))
            })?;
        Ok(WindowPlan {
            state,
            label,
            _command: std::marker::PhantomData,
        })
    }
}

/// Taken from the window, not sent by it: no place in the bindings.
impl specta::function::FunctionArg for WindowPlan<'_> {
    fn to_datatype(_: &mut specta::Types) -> Option<specta::datatype::DataType> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hall_display_belongs_to_the_window_that_opened_it() {
        assert_eq!(owner_of("main"), "main");
        assert_eq!(owner_of("plan-3"), "plan-3");
        assert_eq!(owner_of("hall-main-12"), "main");
        assert_eq!(owner_of("hall-plan-3-12"), "plan-3");
        assert!(is_main("main") && is_main("plan-2") && !is_main("hall-main-1"));
    }

    #[test]
    fn a_second_launch_names_its_file_from_where_it_was_started() {
        let argv = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(launch_file(&argv(&["plenary-window"]), "/home/a"), None);
        assert_eq!(
            launch_file(&argv(&["plenary-window", "b.plenary"]), "/home/a"),
            Some(PathBuf::from("/home/a/b.plenary"))
        );
        assert_eq!(
            launch_file(&argv(&["plenary-window", "/tmp/c.plenary"]), "/home/a"),
            Some(PathBuf::from("/tmp/c.plenary"))
        );
    }

    #[test]
    fn files_opened_from_the_finder_are_the_local_ones() {
        let urls: Vec<tauri::Url> = [
            "file:///Users/ana/Week%202025.plenary",
            "https://example.org/week.plenary",
            "file:///tmp/S%C3%A3o%20Tom%C3%A9.plenary",
        ]
        .iter()
        .map(|u| u.parse().unwrap())
        .collect();
        assert_eq!(
            opened_files(&urls),
            vec![
                PathBuf::from("/Users/ana/Week 2025.plenary"),
                PathBuf::from("/tmp/São Tomé.plenary")
            ]
        );
    }
}
