//! The open plan and the app's own files (recent list, the sample copy).

use crate::error::{ApiError, ApiResult};
use crate::recent::{RecentFile, RecentList};
use plenary_core::{sample, Result as CoreResult, Store};
use serde::Serialize;
use specta::Type;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The plan the window shows.
#[derive(Debug, Clone, Serialize, Type)]
pub struct PlanFile {
    pub path: String,
    pub file_name: String,
    pub title: String,
}

/// What the window starts with: a plan, or the reason none could be opened.
#[derive(Debug, Clone, Serialize, Type)]
pub struct Startup {
    pub plan: Option<PlanFile>,
    pub error: Option<ApiError>,
}

pub struct AppState {
    plan: Mutex<Option<Store>>,
    startup_error: Mutex<Option<ApiError>>,
    recent: RecentList,
    data_dir: PathBuf,
}

pub const SAMPLE_NAME: &str = "Sample meeting week.plenary";

impl AppState {
    pub fn new(config_dir: &Path, data_dir: &Path) -> Self {
        AppState {
            plan: Mutex::new(None),
            startup_error: Mutex::new(None),
            recent: RecentList::new(config_dir),
            data_dir: data_dir.into(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Store>> {
        // A panic while holding the lock cannot leave a half-written plan
        // (edits are transactions), so a poisoned lock is safe to reuse.
        self.plan.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn with<T>(&self, f: impl FnOnce(&Store) -> CoreResult<T>) -> ApiResult<T> {
        let guard = self.lock();
        let store = guard.as_ref().ok_or_else(ApiError::no_plan)?;
        Ok(f(store)?)
    }

    pub fn with_mut<T>(&self, f: impl FnOnce(&mut Store) -> CoreResult<T>) -> ApiResult<T> {
        let mut guard = self.lock();
        let store = guard.as_mut().ok_or_else(ApiError::no_plan)?;
        Ok(f(store)?)
    }

    fn install(&self, store: Store) -> ApiResult<PlanFile> {
        let path = store
            .path()
            .map(Path::to_path_buf)
            .ok_or_else(|| ApiError::new("io", "The plan has no file."))?;
        let title = store.plan()?.title;
        self.recent.add(&path, &title);
        *self.lock() = Some(store);
        *self.startup_error.lock().unwrap_or_else(|e| e.into_inner()) = None;
        Ok(plan_file(&path, title))
    }

    pub fn open(&self, path: &Path) -> ApiResult<PlanFile> {
        let store = Store::open(path)?;
        self.install(store)
    }

    pub fn create(&self, path: &Path, plan: &plenary_core::model::Plan) -> ApiResult<PlanFile> {
        let store = Store::create(path, plan, true)?;
        self.install(store)
    }

    pub fn current(&self) -> ApiResult<Option<PlanFile>> {
        let guard = self.lock();
        match guard.as_ref() {
            None => Ok(None),
            Some(store) => {
                let title = store.plan()?.title;
                Ok(store.path().map(|p| plan_file(p, title)))
            }
        }
    }

    pub fn startup(&self) -> ApiResult<Startup> {
        Ok(Startup {
            plan: self.current()?,
            error: self
                .startup_error
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .clone(),
        })
    }

    pub fn recent(&self) -> Vec<RecentFile> {
        self.recent.load()
    }

    pub fn forget_recent(&self, path: &str) -> Vec<RecentFile> {
        self.recent.forget(path)
    }

    /// Opens what the window should show first: the file asked for, else
    /// the last plan used, else a fresh copy of the sample week. A failure
    /// is kept for the window to explain.
    pub fn open_at_start(&self, file: Option<&Path>) {
        let result = match file {
            Some(path) => self.open(path).map(|_| ()),
            None => self.open_last_or_sample(),
        };
        if let Err(e) = result {
            *self.startup_error.lock().unwrap_or_else(|e| e.into_inner()) = Some(e);
        }
    }

    fn open_last_or_sample(&self) -> ApiResult<()> {
        if let Some(last) = self.recent.load().first() {
            if self.open(Path::new(&last.path)).is_ok() {
                return Ok(());
            }
        }
        let copy = self.data_dir.join(SAMPLE_NAME);
        if copy.exists() && self.open(&copy).is_ok() {
            return Ok(());
        }
        std::fs::create_dir_all(&self.data_dir).map_err(|e| {
            ApiError::new(
                "io",
                format!("Cannot create {}: {e}", self.data_dir.display()),
            )
        })?;
        let store = sample::write_sample(&copy, true)?;
        self.install(store).map(|_| ())
    }
}

fn plan_file(path: &Path, title: String) -> PlanFile {
    PlanFile {
        path: path.to_string_lossy().into_owned(),
        file_name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        title,
    }
}
