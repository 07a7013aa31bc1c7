//! Help › About and Help › Open log folder: what the app is, the plan file
//! it has open, the licences it ships under, and where its log is.

use crate::error::{ApiError, ApiResult, ErrorCode};
use serde::Serialize;
use specta::Type;
use std::path::Path;
use std::time::Duration;

#[derive(Debug, Clone, Serialize, Type)]
pub struct About {
    /// The app's version, from Cargo.
    pub version: String,
    /// The plan file schema this version writes (a plan is brought up to it on open).
    pub schema_version: i64,
    /// The open plan's path and its file's schema version (`user_version`).
    pub file: Option<String>,
    pub file_schema_version: Option<i64>,
    /// Where `plenary.log` is, once the log has started.
    pub log_folder: Option<String>,
    pub licences: Vec<Licence>,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct Licence {
    /// What is covered: "Plenary", "Tauri", a font family.
    pub name: String,
    /// The licence's SPDX name or words.
    pub licence: String,
    /// The part it plays, for a reader who does not know the name.
    pub part: String,
}

/// Plenary's own licence, then the main parts it is built on.
const LICENCES: &[(&str, &str, &str)] = &[
    ("Plenary", "MIT", "this application"),
    ("Tauri", "MIT or Apache-2.0", "the desktop window"),
    (
        "WebKitGTK",
        "LGPL-2.1-or-later",
        "the web view (a system library)",
    ),
    ("Svelte", "MIT", "the window's pages"),
    (
        "SQLite (through rusqlite)",
        "Public domain; rusqlite MIT",
        "the plan file",
    ),
    ("Typst", "Apache-2.0", "printed documents and PDFs"),
    ("calamine", "MIT", "reading spreadsheets"),
    ("docx-rs", "MIT", "writing Word documents"),
    (
        "chrono and chrono-tz",
        "MIT or Apache-2.0",
        "dates, times and time zones",
    ),
    ("clap", "MIT or Apache-2.0", "the plenary command line"),
];

/// Fonts built into Plenary for printing (`src-tauri/core/fonts/`, with
/// their licence text in `OFL.txt`).
const FONT_LICENCES: &[(&str, &str, &str)] = &[(
    "Noto Sans, Noto Sans Thai, Noto Sans Arabic, Noto Sans Math",
    "SIL Open Font License 1.1",
    "the fonts of printed documents",
)];

pub fn about(file: Option<(&Path, i64)>, log_folder: Option<&Path>) -> About {
    let row = |&(name, licence, part): &(&str, &str, &str)| Licence {
        name: name.into(),
        licence: licence.into(),
        part: part.into(),
    };
    About {
        version: env!("CARGO_PKG_VERSION").into(),
        schema_version: plenary_core::store::current_version(),
        file: file.map(|(path, _)| path.display().to_string()),
        file_schema_version: file.map(|(_, version)| version),
        log_folder: log_folder.map(|p| p.display().to_string()),
        licences: LICENCES.iter().chain(FONT_LICENCES).map(row).collect(),
    }
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct LogFolder {
    pub path: String,
    /// False when no file manager could be started: the window shows the
    /// path to copy instead.
    pub opened: bool,
}

/// Opens `folder` in the system's file manager (made first: nothing may
/// have been logged yet).
pub fn open_folder(folder: &Path) -> ApiResult<LogFolder> {
    std::fs::create_dir_all(folder).map_err(|e| {
        ApiError::new(
            ErrorCode::Io,
            format!("The log folder {} could not be made: {e}", folder.display()),
        )
    })?;
    Ok(LogFolder {
        path: folder.display().to_string(),
        opened: show_in_file_manager(folder),
    })
}

#[cfg(target_os = "linux")]
const FILE_MANAGER: &str = "xdg-open";
#[cfg(target_os = "windows")]
const FILE_MANAGER: &str = "explorer";
#[cfg(target_os = "macos")]
const FILE_MANAGER: &str = "open";
#[cfg(not(any(target_os = "linux", target_os = "windows", target_os = "macos")))]
const FILE_MANAGER: &str = "xdg-open";

/// True when the file manager started and did not report a failure within
/// a few seconds; one still running then is taken as opened and reaped by
/// a thread of its own.
fn show_in_file_manager(folder: &Path) -> bool {
    let Ok(mut child) = std::process::Command::new(FILE_MANAGER)
        .arg(folder)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
    else {
        return false;
    };
    for _ in 0..30 {
        match child.try_wait() {
            // explorer.exe answers 1 even when it opened the folder.
            Ok(Some(status)) => return status.success() || cfg!(target_os = "windows"),
            Ok(None) => std::thread::sleep(Duration::from_millis(100)),
            Err(_) => return false,
        }
    }
    std::thread::spawn(move || child.wait());
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn about_names_the_versions_the_file_and_the_app_s_licence_first() {
        let a = about(Some((Path::new("/plans/week.plenary"), 13)), None);
        assert_eq!(a.version, env!("CARGO_PKG_VERSION"));
        assert_eq!(a.schema_version, plenary_core::store::current_version());
        assert_eq!(a.file.as_deref(), Some("/plans/week.plenary"));
        assert_eq!(a.file_schema_version, Some(13));
        assert_eq!(a.licences[0].name, "Plenary");
        assert_eq!(a.licences[0].licence, env!("CARGO_PKG_LICENSE"));
        // The fonts built in for printing name their licence.
        let fonts = a.licences.last().unwrap();
        assert!(fonts.name.contains("Noto Sans Thai"), "{fonts:?}");
        assert_eq!(fonts.licence, "SIL Open Font License 1.1");
        let none = about(None, None);
        assert_eq!((none.file, none.file_schema_version), (None, None));
    }
}
