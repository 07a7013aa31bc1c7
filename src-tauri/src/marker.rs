//! The marker of an open in progress (`opening.json` in the app's config
//! folder). It is written before a plan is opened and removed once the window
//! has shown it or the open has failed cleanly, so a marker found at launch
//! means the app was killed or hung while opening that plan.

use crate::recent::write_json;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

#[derive(Serialize, Deserialize)]
struct Marker {
    path: PathBuf,
}

pub struct OpeningMarker {
    file: PathBuf,
    // Opens run on background threads; this keeps "remove it if it is
    // mine" from racing with a newer open writing its own marker.
    lock: Mutex<()>,
}

impl OpeningMarker {
    pub fn new(config_dir: &Path) -> Self {
        OpeningMarker {
            file: config_dir.join("opening.json"),
            lock: Mutex::new(()),
        }
    }

    fn guard(&self) -> std::sync::MutexGuard<'_, ()> {
        self.lock.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The plan being opened when the app last stopped, if it never finished.
    pub fn load(&self) -> Option<PathBuf> {
        let _guard = self.guard();
        let bytes = std::fs::read(&self.file).ok()?;
        serde_json::from_slice::<Marker>(&bytes)
            .ok()
            .map(|m| m.path)
    }

    pub fn set(&self, path: &Path) {
        let _guard = self.guard();
        write_json(&self.file, &Marker { path: path.into() });
    }

    /// Removes the marker if it names `path` (a newer open may have replaced it).
    pub fn clear(&self, path: &Path) {
        let _guard = self.guard();
        let current = std::fs::read(&self.file)
            .ok()
            .and_then(|b| serde_json::from_slice::<Marker>(&b).ok());
        if current.is_some_and(|m| m.path == path) {
            let _ = std::fs::remove_file(&self.file);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_load_and_clear_only_its_own_path() {
        let dir = tempfile::tempdir().unwrap();
        let marker = OpeningMarker::new(dir.path());
        assert_eq!(marker.load(), None);
        marker.set(Path::new("/x/a.plenary"));
        assert_eq!(
            OpeningMarker::new(dir.path()).load(),
            Some(PathBuf::from("/x/a.plenary"))
        );
        marker.clear(Path::new("/x/b.plenary"));
        assert!(marker.load().is_some(), "another open's marker stays");
        marker.clear(Path::new("/x/a.plenary"));
        assert_eq!(marker.load(), None);
        std::fs::write(dir.path().join("opening.json"), "{broken").unwrap();
        assert_eq!(marker.load(), None);
    }
}
