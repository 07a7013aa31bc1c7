//! One window's open plan, what it opens at start, and the app's own files
//! (recent list, opening marker, the sample copy), which every window shares.
//!
//! Each main window has its own `AppState` (see `windows.rs`); all of them
//! share one `AppFiles`, which also records which plan files are open, so
//! one process never holds two stores on one file.
//!
//! Opening a plan file (which may come from anyone) runs off the window's
//! thread and can be cancelled. A plan enters the recent list, and its opening
//! marker is removed, only once the window has shown it (`shown`): a plan that
//! opens but then fails or hangs the window is neither remembered nor, next
//! time, reopened automatically.

use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::marker::OpeningMarker;
use crate::recent::{RecentFile, RecentList};
use plenary_core::print::worker::{self, Worker};
use plenary_core::store::hold::Program;
use plenary_core::store::OpenCancel;
use plenary_core::{sample, CoreError, Result as CoreResult, Store};
use serde::Serialize;
use specta::Type;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

/// The plan the window shows.
#[derive(Debug, Clone, Serialize, Type)]
pub struct PlanFile {
    pub path: String,
    pub file_name: String,
    pub title: String,
    /// Why the plan is open only for reading (another program holds it, or
    /// it cannot be held here), for the window's banner; None when editable.
    pub read_only: Option<String>,
}

/// A plan about to be opened, named for the window's "Opening …" line.
#[derive(Debug, Clone, Serialize, Type)]
pub struct OpeningFile {
    pub path: String,
    pub file_name: String,
}

/// What the window starts with.
#[derive(Debug, Clone, Serialize, Type)]
pub struct Startup {
    /// The plan already open (when the window is reloaded).
    pub plan: Option<PlanFile>,
    /// The plan `open_at_start` will open.
    pub opening: Option<OpeningFile>,
    /// One line for the welcome screen: why the last plan was not reopened.
    pub note: Option<String>,
}

/// What to open when the window asks (`open_at_start`).
#[derive(Debug, Clone, PartialEq)]
enum Start {
    File(PathBuf),
    Sample,
}

/// What every window of the process shares: the recent list, the opening
/// marker, the sample's folder, and which window's state holds which file.
struct AppFiles {
    recent: RecentList,
    marker: OpeningMarker,
    data_dir: PathBuf,
    /// Each open plan's canonical path, with the `AppState::id` holding it.
    held: Mutex<HashMap<PathBuf, u64>>,
    next_id: AtomicU64,
}

pub struct AppState {
    /// This state's key in `AppFiles::held`.
    id: u64,
    files: Arc<AppFiles>,
    plan: Mutex<Option<Store>>,
    start: Mutex<Option<Start>>,
    note: Mutex<Option<String>>,
    /// The open in progress, for `cancel_open`. Installing a plan holds this
    /// lock too, so a cancel either stops the open or comes too late, never
    /// half-way.
    opening: Mutex<Option<OpenCancel>>,
    rehearsal: Mutex<Option<Rehearsal>>,
    /// The kiosk lock: in memory only, so a PIN never reaches the plan file.
    pub kiosk: crate::kiosk::KioskLock,
    /// Told after every change to the plan or to the clock windows read, so
    /// every window (the hall display too) can read again. Set by the app
    /// with its handle; tests set their own or none.
    changed: Mutex<Option<ChangeHook>>,
    /// The print layout to run instead of `plenary-print` beside the
    /// window (the command tests', which run from a build folder).
    print_worker: Mutex<Option<PathBuf>>,
    /// The preview being laid out; a newer one stops it, since only the
    /// newest is shown.
    previewing: Mutex<Option<worker::Cancel>>,
}

/// What runs after the plan changed.
pub type ChangeHook = Box<dyn Fn() + Send + Sync>;

/// A pretend clock for rehearsals and tests: the plan's wall clock read as
/// `at` when it was set, running on from there. Every window asks the same
/// state, so the hall display and the main window agree on "now".
#[derive(Debug, Clone, Copy)]
struct Rehearsal {
    at: chrono::NaiveDateTime,
    set: std::time::Instant,
}

pub const SAMPLE_NAME: &str = "Sample meeting week.plenary";

/// A panic while holding one of these locks cannot leave a half-written plan
/// (edits are transactions), so a poisoned lock is safe to reuse.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl AppState {
    /// The first window's state, with the app's files in these folders.
    pub fn new(config_dir: &Path, data_dir: &Path) -> Self {
        AppState::with_files(Arc::new(AppFiles {
            recent: RecentList::new(config_dir),
            marker: OpeningMarker::new(config_dir),
            data_dir: data_dir.into(),
            held: Mutex::new(HashMap::new()),
            next_id: AtomicU64::new(1),
        }))
    }

    /// Another window's state: no plan yet, the same app files and the
    /// same print layout program.
    pub fn sibling(&self) -> Self {
        let state = AppState::with_files(Arc::clone(&self.files));
        *lock(&state.print_worker) = lock(&self.print_worker).clone();
        state
    }

    fn with_files(files: Arc<AppFiles>) -> Self {
        AppState {
            id: files.next_id.fetch_add(1, Ordering::Relaxed),
            files,
            plan: Mutex::new(None),
            start: Mutex::new(None),
            note: Mutex::new(None),
            opening: Mutex::new(None),
            rehearsal: Mutex::new(None),
            kiosk: Default::default(),
            changed: Mutex::new(None),
            print_worker: Mutex::new(None),
            previewing: Mutex::new(None),
        }
    }

    /// Runs `path` as the print layout from now on.
    pub fn set_print_worker(&self, path: impl Into<PathBuf>) {
        *lock(&self.print_worker) = Some(path.into());
    }

    /// The print layout for a PDF.
    pub fn print_worker(&self) -> Worker {
        match lock(&self.print_worker).as_ref() {
            Some(path) => Worker::at(path),
            None => Worker::beside_this_program(),
        }
    }

    /// The print layout for a preview, stopping the one under way.
    pub fn preview_worker(&self) -> Worker {
        let cancel = worker::Cancel::default();
        if let Some(earlier) = lock(&self.previewing).replace(cancel.clone()) {
            earlier.cancel();
        }
        self.print_worker().with_cancel(cancel)
    }

    /// Runs `hook` after every successful edit, undo, redo and open, and
    /// after the rehearsal clock is set.
    pub fn on_change(&self, hook: impl Fn() + Send + Sync + 'static) {
        *lock(&self.changed) = Some(Box::new(hook));
    }

    /// Tells the hook, outside the plan's lock, so a window reading at
    /// once is not kept waiting.
    fn tell_changed(&self) {
        if let Some(hook) = lock(&self.changed).as_ref() {
            hook();
        }
    }

    /// Pretends the plan's wall clock reads `at` now (None: the real clock again).
    pub fn set_rehearsal(&self, at: Option<chrono::NaiveDateTime>) {
        *lock(&self.rehearsal) = at.map(|at| Rehearsal {
            at,
            set: std::time::Instant::now(),
        });
        self.tell_changed();
    }

    /// The pretend wall clock, to the second, when one is set.
    pub fn rehearsal_now(&self) -> Option<chrono::NaiveDateTime> {
        lock(&self.rehearsal).map(|r| {
            let elapsed = chrono::Duration::seconds(r.set.elapsed().as_secs() as i64);
            r.at + elapsed
        })
    }

    pub fn with<T>(&self, f: impl FnOnce(&Store) -> CoreResult<T>) -> ApiResult<T> {
        let guard = lock(&self.plan);
        let store = guard.as_ref().ok_or_else(ApiError::no_plan)?;
        Ok(f(store)?)
    }

    /// Runs an edit (or undo, redo) on the plan; a successful one is told
    /// to every window (`on_change`).
    pub fn with_mut<T>(&self, f: impl FnOnce(&mut Store) -> CoreResult<T>) -> ApiResult<T> {
        let done = {
            let mut guard = lock(&self.plan);
            let store = guard.as_mut().ok_or_else(ApiError::no_plan)?;
            f(store)?
        };
        self.tell_changed();
        Ok(done)
    }

    /// Whether this window's plan is the file at `path`.
    pub fn holds(&self, path: &Path) -> bool {
        let key = held_key(path);
        lock(&self.files.held).get(&key) == Some(&self.id)
    }

    /// Whether this window is about to open the file at `path` (a window
    /// just made for it that has not asked yet).
    pub fn will_open(&self, path: &Path) -> bool {
        matches!(&*lock(&self.start), Some(Start::File(p)) if held_key(p) == held_key(path))
    }

    /// Whether another window of this process has the file at `path` open.
    pub fn held_elsewhere(&self, path: &Path) -> bool {
        lock(&self.files.held)
            .get(&held_key(path))
            .is_some_and(|id| *id != self.id)
    }

    /// Refuses `path` when another window of this process has it open:
    /// two stores on one file would each undo the other's steps.
    fn check_not_held_elsewhere(&self, path: &Path) -> ApiResult<()> {
        match self.held_elsewhere(path) {
            true => Err(open_elsewhere(path)),
            false => Ok(()),
        }
    }

    /// Shows `store`, held by this window's process (one writer per plan
    /// file): an open has held it already, a plan just made is held here.
    fn install(&self, mut store: Store) -> ApiResult<PlanFile> {
        store.hold(Program::Window)?;
        let path = store
            .path()
            .map(Path::to_path_buf)
            .ok_or_else(|| ApiError::new(ErrorCode::Io, "The plan has no file."))?;
        let title = store.plan()?.title;
        let read_only = store.read_only().map(str::to_string);
        // The claim and the swap happen under one lock, so two windows
        // opening one file at once cannot both win.
        {
            let mut held = lock(&self.files.held);
            let key = held_key(&path);
            if held.get(&key).is_some_and(|id| *id != self.id) {
                return Err(open_elsewhere(&path));
            }
            held.retain(|_, id| *id != self.id);
            held.insert(key, self.id);
            *lock(&self.plan) = Some(store);
        }
        // Another plan has other days: a pretend time does not carry over.
        self.set_rehearsal(None);
        Ok(PlanFile {
            read_only,
            ..plan_file(&path, title)
        })
    }

    /// Shows `store` unless its open was cancelled meanwhile.
    fn install_unless_cancelled(&self, store: Store, cancel: &OpenCancel) -> ApiResult<PlanFile> {
        let mut opening = lock(&self.opening);
        if cancel.is_cancelled() {
            return Err(CoreError::Cancelled.into());
        }
        // Not cancelled, so no newer open has begun: the slot is this one's.
        *opening = None;
        self.install(store)
    }

    /// Registers a new open as the one in progress; an earlier one still
    /// running is cancelled, since only the newest can be shown.
    pub fn begin_open(&self) -> OpenCancel {
        let cancel = OpenCancel::new();
        if let Some(earlier) = lock(&self.opening).replace(cancel.clone()) {
            earlier.cancel();
        }
        cancel
    }

    /// Cancels the open in progress. False when there was none (it may have
    /// just finished, and then its plan is shown).
    pub fn cancel_open(&self) -> bool {
        match lock(&self.opening).take() {
            Some(cancel) => {
                cancel.cancel();
                true
            }
            None => false,
        }
    }

    pub fn open(&self, path: &Path) -> ApiResult<PlanFile> {
        let cancel = self.begin_open();
        self.open_with(path, &cancel)
    }

    /// Opens `path` under the marker. A plan that cannot be opened (or whose
    /// open was cancelled) changes nothing: the plan shown stays.
    pub fn open_with(&self, path: &Path, cancel: &OpenCancel) -> ApiResult<PlanFile> {
        self.check_not_held_elsewhere(path)?;
        self.files.marker.set(path);
        let opened = Store::open_to_edit(path, Program::Window, cancel)
            .map_err(ApiError::from)
            .and_then(|store| self.install_unless_cancelled(store, cancel));
        if opened.is_err() {
            self.files.marker.clear(path);
        }
        opened
    }

    /// Makes `store` (a plan just made elsewhere) the open plan.
    pub fn adopt(&self, store: Store) -> ApiResult<PlanFile> {
        self.install(store)
    }

    pub fn create(&self, path: &Path, plan: &plenary_core::model::Plan) -> ApiResult<PlanFile> {
        // Creating replaces the file: never one another window has open.
        self.check_not_held_elsewhere(path)?;
        let store = Store::create(path, plan, true)?;
        self.install(store)
    }

    /// The window has shown the plan at `path`: remember it and drop its
    /// marker. Returns the recent list.
    pub fn shown(&self, path: &str) -> Vec<RecentFile> {
        let path = Path::new(path);
        let title = self.with(|s| {
            (s.path() == Some(path))
                .then(|| s.plan().map(|p| p.title))
                .transpose()
        });
        if let Ok(Some(title)) = title {
            self.files.recent.add(path, &title);
            self.files.marker.clear(path);
        }
        self.files.recent.load()
    }

    pub fn current(&self) -> ApiResult<Option<PlanFile>> {
        let guard = lock(&self.plan);
        match guard.as_ref() {
            None => Ok(None),
            Some(store) => {
                let title = store.plan()?.title;
                Ok(store.path().map(|p| PlanFile {
                    read_only: store.read_only().map(str::to_string),
                    ..plan_file(p, title)
                }))
            }
        }
    }

    pub fn startup(&self) -> ApiResult<Startup> {
        let opening = lock(&self.start).as_ref().map(|start| {
            let path = match start {
                Start::File(path) => path.clone(),
                Start::Sample => self.sample_path(),
            };
            let file = plan_file(&path, String::new());
            OpeningFile {
                path: file.path,
                file_name: file.file_name,
            }
        });
        Ok(Startup {
            plan: self.current()?,
            opening,
            note: lock(&self.note).clone(),
        })
    }

    pub fn recent(&self) -> Vec<RecentFile> {
        self.files.recent.load()
    }

    pub fn forget_recent(&self, path: &str) -> Vec<RecentFile> {
        self.files.recent.forget(path)
    }

    fn sample_path(&self) -> PathBuf {
        self.files.data_dir.join(SAMPLE_NAME)
    }

    /// What a window opened after the first starts with: the file asked
    /// for, or the welcome screen (never the last plan or the sample, which
    /// another window may have).
    pub fn plan_start_only(&self, file: Option<&Path>) {
        *lock(&self.start) = file.map(|path| Start::File(path.into()));
        *lock(&self.note) = None;
    }

    /// Decides what the window opens first, without opening anything (that
    /// is `open_at_start`, off the window's thread): the file asked for, else
    /// the last plan used, else a copy of the sample week. The last plan is
    /// not reopened when its marker says it could not be opened last time;
    /// the window then starts on the welcome screen with a note.
    pub fn plan_start(&self, file: Option<&Path>) {
        let last = self.files.recent.load().into_iter().next();
        let (start, note) = match (file, last) {
            (Some(path), _) => (Some(Start::File(path.into())), None),
            (None, Some(last)) => {
                let last = PathBuf::from(last.path);
                if self.files.marker.load().as_deref() == Some(last.as_path()) {
                    let name = plan_file(&last, String::new()).file_name;
                    let note = format!(
                        "Plenary did not reopen {name} because it could not be opened last time."
                    );
                    (None, Some(note))
                } else {
                    (Some(Start::File(last)), None)
                }
            }
            (None, None) => (Some(Start::Sample), None),
        };
        *lock(&self.start) = start;
        *lock(&self.note) = note;
    }

    /// Opens what `plan_start` chose; a failure is for the window to explain.
    pub fn open_at_start(&self) -> ApiResult<PlanFile> {
        let start = lock(&self.start).take();
        match start {
            Some(Start::File(path)) => self.open(&path),
            Some(Start::Sample) => self.open_sample(),
            None => Err(ApiError::no_plan()),
        }
    }

    /// The app's own copy of the sample, written afresh when it is missing
    /// or cannot be opened.
    fn open_sample(&self) -> ApiResult<PlanFile> {
        let cancel = self.begin_open();
        let copy = self.sample_path();
        if copy.exists() {
            match self.open_with(&copy, &cancel) {
                Err(e) if e.code != ErrorCode::Cancelled => {}
                opened => return opened,
            }
        }
        let data_dir = &self.files.data_dir;
        std::fs::create_dir_all(data_dir).map_err(|e| {
            ApiError::new(
                ErrorCode::Io,
                format!("Cannot create {}: {e}", data_dir.display()),
            )
        })?;
        let store = sample::write_sample(&copy, true)?;
        self.install_unless_cancelled(store, &cancel)
    }
}

impl Drop for AppState {
    /// A closed window's plan is no longer held.
    fn drop(&mut self) {
        lock(&self.files.held).retain(|_, id| *id != self.id);
    }
}

/// The one name of a file however it was reached (relative, through a
/// link); the path as given when it cannot be resolved (not written yet).
pub fn held_key(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// The refusal of a plan another window has; the command layer brings
/// that window forward.
pub fn open_elsewhere(path: &Path) -> ApiError {
    let name = plan_file(path, String::new()).file_name;
    ApiError::new(
        ErrorCode::FileExists,
        format!("{name} is already open in another Plenary window, now brought to the front."),
    )
}

fn plan_file(path: &Path, title: String) -> PlanFile {
    PlanFile {
        path: path.to_string_lossy().into_owned(),
        file_name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        title,
        read_only: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample_at(dir: &Path) -> Store {
        sample::write_sample(&dir.join("week.plenary"), false).unwrap()
    }

    #[test]
    fn a_cancel_after_the_file_opened_still_keeps_it_out() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::new(&dir.path().join("config"), &dir.path().join("data"));
        let cancel = state.begin_open();
        assert!(state.cancel_open());
        let err = state
            .install_unless_cancelled(sample_at(dir.path()), &cancel)
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::Cancelled);
        assert!(state.current().unwrap().is_none());
        assert!(!state.cancel_open(), "nothing is in progress any more");
    }

    #[test]
    fn a_newer_open_cancels_the_earlier_one() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::new(&dir.path().join("config"), &dir.path().join("data"));
        let first = state.begin_open();
        let second = state.begin_open();
        assert!(first.is_cancelled() && !second.is_cancelled());
        let file = state
            .install_unless_cancelled(sample_at(dir.path()), &second)
            .unwrap();
        assert_eq!(file.file_name, "week.plenary");
        assert!(
            !state.cancel_open(),
            "the finished open is no longer cancellable"
        );
    }
}
