//! The recent-files list, kept as JSON in the app's config folder.

use serde::{Deserialize, Serialize};
use specta::Type;
use std::path::{Path, PathBuf};

pub const LIMIT: usize = 10;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct RecentFile {
    pub path: String,
    pub title: String,
}

/// Puts `entry` first, drops older entries for the same path, keeps `LIMIT`.
pub fn remember(list: &mut Vec<RecentFile>, entry: RecentFile) {
    list.retain(|r| r.path != entry.path);
    list.insert(0, entry);
    list.truncate(LIMIT);
}

/// Writes `value` as JSON through a temporary file, so a crash never leaves
/// half a file. Failures are ignored: these files are conveniences.
pub(crate) fn write_json(file: &Path, value: &impl Serialize) {
    if let Some(dir) = file.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    if let Ok(json) = serde_json::to_vec_pretty(value) {
        let tmp = file.with_extension("json.partial");
        if std::fs::write(&tmp, json).is_ok() {
            let _ = std::fs::rename(&tmp, file);
        }
    }
}

pub struct RecentList {
    file: PathBuf,
}

impl RecentList {
    pub fn new(config_dir: &Path) -> Self {
        RecentList {
            file: config_dir.join("recent.json"),
        }
    }

    /// The list, or empty if it is missing or unreadable: it is a convenience,
    /// never a reason to fail.
    pub fn load(&self) -> Vec<RecentFile> {
        std::fs::read(&self.file)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    fn save(&self, list: &[RecentFile]) {
        write_json(&self.file, &list);
    }

    pub fn add(&self, path: &Path, title: &str) -> Vec<RecentFile> {
        let mut list = self.load();
        remember(
            &mut list,
            RecentFile {
                path: path.to_string_lossy().into_owned(),
                title: title.into(),
            },
        );
        self.save(&list);
        list
    }

    pub fn forget(&self, path: &str) -> Vec<RecentFile> {
        let mut list = self.load();
        list.retain(|r| r.path != path);
        self.save(&list);
        list
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(p: &str) -> RecentFile {
        RecentFile {
            path: p.into(),
            title: p.to_uppercase(),
        }
    }

    #[test]
    fn newest_first_without_duplicates_and_bounded() {
        let mut list = Vec::new();
        for p in ["a", "b", "a"] {
            remember(&mut list, entry(p));
        }
        assert_eq!(list, vec![entry("a"), entry("b")]);
        for i in 0..20 {
            remember(&mut list, entry(&i.to_string()));
        }
        assert_eq!(list.len(), LIMIT);
        assert_eq!(list[0].path, "19");
    }

    #[test]
    fn persists_and_tolerates_a_broken_file() {
        let dir = tempfile::tempdir().unwrap();
        let recent = RecentList::new(dir.path());
        assert!(recent.load().is_empty());
        recent.add(Path::new("/x/a.plenary"), "A");
        assert_eq!(RecentList::new(dir.path()).load()[0].title, "A");
        std::fs::write(dir.path().join("recent.json"), "{broken").unwrap();
        assert!(recent.load().is_empty());
        assert_eq!(recent.forget("/x/a.plenary"), vec![]);
    }
}
