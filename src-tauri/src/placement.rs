//! Where each plan's window was: its size, position, maximised or full-screen
//! state and the page last shown, per plan (by canonical path), in
//! `windows.json` in the app's config folder, never in the plan file (plans
//! are emailed). `tauri-plugin-window-state` keys what it keeps by window
//! label, not by the file a window shows, so this small module does it.
//!
//! Kept for the `LIMIT` plans used last, written through a temporary file;
//! a missing or unreadable file is no memory, never a failure.

use crate::recent::write_json;
use crate::windows::{self, Plans};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use tauri::{Manager, Runtime, WindowEvent};

/// How many plans are remembered.
pub const LIMIT: usize = 50;

/// How long a window must stay still before its place is written: a drag
/// sends a move for every pixel.
const QUIET: Duration = Duration::from_millis(600);

/// The longest page key kept (the window's keys are short words).
const PAGE_LEN: usize = 40;

/// A window's outer position and inner size in physical pixels, and its state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Frame {
    pub x: i32,
    pub y: i32,
    pub width: u32,
    pub height: u32,
    pub maximized: bool,
    pub fullscreen: bool,
}

/// What is remembered of one plan's window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    pub path: String,
    #[serde(default)]
    pub frame: Option<Frame>,
    #[serde(default)]
    pub page: Option<String>,
}

/// A screen's area in physical pixels: x, y, width, height.
pub type Screen = (i32, i32, u32, u32);

/// Whether a window at `frame` could be grabbed by its title bar on one of
/// `screens`: a point near the middle of its top edge lies on one.
pub fn on_a_screen(frame: &Frame, screens: &[Screen]) -> bool {
    let x = frame.x as i64 + (frame.width.min(400) / 2) as i64;
    let y = frame.y as i64 + 16;
    screens.iter().any(|&(sx, sy, w, h)| {
        let (sx, sy) = (sx as i64, sy as i64);
        x >= sx && x < sx + w as i64 && y >= sy && y < sy + h as i64
    })
}

/// The places file and the windows it tracks.
pub struct Places {
    file: PathBuf,
    /// One writer of the file at a time within the app.
    writing: Mutex<()>,
    /// When each window last moved (by label), while a write waits for it to be still.
    moved: Mutex<HashMap<String, Instant>>,
    window: Box<dyn MainWindow>,
}

/// A plan's window (by label), as placing it needs; kept behind a trait so the
/// commands stay free of the runtime type (the command tests run on a mock).
trait MainWindow: Send + Sync {
    fn frame(&self, label: &str) -> Option<Frame>;
    fn place(&self, label: &str, frame: &Frame);
}

struct AppWindow<R: Runtime>(tauri::AppHandle<R>);

impl<R: Runtime> MainWindow for AppWindow<R> {
    fn frame(&self, label: &str) -> Option<Frame> {
        let w = self.0.get_webview_window(label)?;
        let position = w.outer_position().ok()?;
        let size = w.inner_size().ok()?;
        Some(Frame {
            x: position.x,
            y: position.y,
            width: size.width,
            height: size.height,
            maximized: w.is_maximized().unwrap_or(false),
            fullscreen: w.is_fullscreen().unwrap_or(false),
        })
    }

    fn place(&self, label: &str, frame: &Frame) {
        let Some(w) = self.0.get_webview_window(label) else {
            return;
        };
        let screens: Vec<Screen> = w
            .available_monitors()
            .unwrap_or_default()
            .iter()
            .map(|m| {
                let (p, s) = (m.position(), m.size());
                (p.x, p.y, s.width, s.height)
            })
            .collect();
        // Errors are ignored: a window manager may refuse; the plan still shows.
        let _ = w.set_fullscreen(false);
        let _ = w.unmaximize();
        if frame.width > 0 && frame.height > 0 {
            let _ = w.set_size(tauri::PhysicalSize::new(frame.width, frame.height));
        }
        // A place off every screen now (a monitor unplugged) stays where it is.
        if on_a_screen(frame, &screens) {
            let _ = w.set_position(tauri::PhysicalPosition::new(frame.x, frame.y));
        }
        if frame.maximized {
            let _ = w.maximize();
        }
        if frame.fullscreen {
            let _ = w.set_fullscreen(true);
        }
    }
}

/// The key a plan is remembered by: its canonical path, so two ways of
/// naming one file share a place.
fn key(path: &str) -> String {
    Path::new(path)
        .canonicalize()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_else(|_| path.to_string())
}

impl Places {
    pub fn of<R: Runtime>(app: tauri::AppHandle<R>, config_dir: &Path) -> Places {
        Places {
            file: config_dir.join("windows.json"),
            writing: Mutex::new(()),
            moved: Mutex::default(),
            window: Box::new(AppWindow(app)),
        }
    }

    /// Every place remembered, newest first; nothing when the file is
    /// missing or unreadable.
    pub fn load(&self) -> Vec<Place> {
        std::fs::read(&self.file)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    pub fn get(&self, path: &str) -> Option<Place> {
        let key = key(path);
        self.load().into_iter().find(|p| p.path == key)
    }

    /// Changes what is remembered of `path`, which becomes the newest.
    fn update(&self, path: &str, change: impl FnOnce(&mut Place)) {
        let _one = self.writing.lock().unwrap_or_else(|e| e.into_inner());
        let key = key(path);
        let mut all = self.load();
        let mut place = match all.iter().position(|p| p.path == key) {
            Some(i) => all.remove(i),
            None => Place {
                path: key,
                frame: None,
                page: None,
            },
        };
        change(&mut place);
        all.insert(0, place);
        all.truncate(LIMIT);
        write_json(&self.file, &all);
    }

    /// The page shown last for `path` (the window's key for it).
    pub fn remember_page(&self, path: &str, page: &str) {
        let page: String = page.chars().take(PAGE_LEN).collect();
        self.update(path, |p| p.page = Some(page));
    }

    /// Puts the window `label` where a window was when `path` was shown
    /// last and answers the page it showed then.
    pub fn restore(&self, label: &str, path: &str) -> Option<String> {
        let place = self.get(path)?;
        if let Some(frame) = &place.frame {
            self.window.place(label, frame);
        }
        place.page
    }

    /// Writes where the window is now, for the plan it shows. Maximised or
    /// full screen, the size and position it will return to are kept.
    fn keep(&self, label: &str, path: &str) {
        let Some(now) = self.window.frame(label) else {
            return;
        };
        self.update(path, |p| {
            p.frame = Some(match p.frame {
                Some(was) if now.maximized || now.fullscreen => Frame {
                    maximized: now.maximized,
                    fullscreen: now.fullscreen,
                    ..was
                },
                _ => now,
            })
        });
    }
}

/// The plan the window `label` shows, if any.
fn shown<R: Runtime>(app: &tauri::AppHandle<R>, label: &str) -> Option<String> {
    let state = app.try_state::<Plans>()?.state_of(label)?;
    state.current().ok().flatten().map(|f| f.path)
}

/// Follows each plan's window: its place is written once it has been still for
/// `QUIET` after a move or resize, and as it closes. A locked kiosk's full
/// screen is not a place to remember.
pub fn watch<R: Runtime>(window: &tauri::Window<R>, event: &WindowEvent) {
    if !windows::is_main(window.label()) || crate::kiosk::window_locked(window) {
        return;
    }
    let app = window.app_handle().clone();
    let label = window.label().to_string();
    match event {
        WindowEvent::Moved(_) | WindowEvent::Resized(_) => {
            let waiting = {
                let Some(places) = app.try_state::<Places>() else {
                    return;
                };
                let mut moved = places.moved.lock().unwrap_or_else(|e| e.into_inner());
                moved.insert(label.clone(), Instant::now()).is_some()
            };
            if waiting {
                return;
            }
            // One thread for a burst of moves: it waits until they stop.
            std::thread::spawn(move || loop {
                std::thread::sleep(QUIET);
                let Some(places) = app.try_state::<Places>() else {
                    return;
                };
                let mut moved = places.moved.lock().unwrap_or_else(|e| e.into_inner());
                if moved.get(&label).is_some_and(|at| at.elapsed() < QUIET) {
                    continue;
                }
                moved.remove(&label);
                drop(moved);
                if let Some(path) = shown(&app, &label) {
                    places.keep(&label, &path);
                }
                return;
            });
        }
        WindowEvent::CloseRequested { .. } => {
            if let (Some(places), Some(path)) = (app.try_state::<Places>(), shown(&app, &label)) {
                places.keep(&label, &path);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    struct Still(Mutex<Option<Frame>>, Mutex<Vec<Frame>>);

    impl MainWindow for Arc<Still> {
        fn frame(&self, _: &str) -> Option<Frame> {
            *self.0.lock().unwrap()
        }
        fn place(&self, _: &str, frame: &Frame) {
            self.1.lock().unwrap().push(*frame);
        }
    }

    fn places(dir: &Path) -> (Places, Arc<Still>) {
        let window = Arc::new(Still(Mutex::new(None), Mutex::new(Vec::new())));
        let places = Places {
            file: dir.join("windows.json"),
            writing: Mutex::new(()),
            moved: Mutex::default(),
            window: Box::new(window.clone()),
        };
        (places, window)
    }

    const AT: Frame = Frame {
        x: 100,
        y: 80,
        width: 1200,
        height: 760,
        maximized: false,
        fullscreen: false,
    };

    #[test]
    fn each_plan_keeps_its_own_place_and_page() {
        let dir = tempfile::tempdir().unwrap();
        let (places, window) = places(dir.path());
        *window.0.lock().unwrap() = Some(AT);
        places.keep("main", "/plans/a.plenary");
        places.remember_page("/plans/a.plenary", "calendar");
        *window.0.lock().unwrap() = Some(Frame { x: 5, ..AT });
        places.keep("main", "/plans/b.plenary");
        assert_eq!(
            places.restore("main", "/plans/a.plenary").as_deref(),
            Some("calendar")
        );
        assert_eq!(window.1.lock().unwrap().as_slice(), &[AT]);
        assert_eq!(places.restore("main", "/plans/b.plenary"), None);
        assert_eq!(places.restore("main", "/plans/never.plenary"), None);
    }

    #[test]
    fn maximised_keeps_the_size_to_return_to() {
        let dir = tempfile::tempdir().unwrap();
        let (places, window) = places(dir.path());
        *window.0.lock().unwrap() = Some(AT);
        places.keep("main", "/p.plenary");
        *window.0.lock().unwrap() = Some(Frame {
            x: 0,
            y: 0,
            width: 1920,
            height: 1080,
            maximized: true,
            fullscreen: false,
        });
        places.keep("main", "/p.plenary");
        let kept = places.get("/p.plenary").unwrap().frame.unwrap();
        assert_eq!(
            kept,
            Frame {
                maximized: true,
                ..AT
            }
        );
    }

    #[test]
    fn only_the_latest_plans_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let (places, _) = places(dir.path());
        for i in 0..LIMIT + 5 {
            places.remember_page(&format!("/plans/{i}.plenary"), "agenda");
        }
        let all = places.load();
        assert_eq!(all.len(), LIMIT);
        assert_eq!(all[0].path, format!("/plans/{}.plenary", LIMIT + 4));
        assert!(places.get("/plans/0.plenary").is_none(), "the oldest went");
        places.remember_page("/plans/10.plenary", "people");
        assert_eq!(
            places.load()[0].path,
            "/plans/10.plenary",
            "used again: newest"
        );
        assert_eq!(places.load().len(), LIMIT);
    }

    #[test]
    fn written_whole_and_a_broken_file_is_no_memory() {
        let dir = tempfile::tempdir().unwrap();
        let (places, _) = places(dir.path());
        places.remember_page("/p.plenary", "today");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(names, vec!["windows.json"], "no temporary file left");
        std::fs::write(dir.path().join("windows.json"), "{not json").unwrap();
        assert!(places.load().is_empty());
        assert_eq!(places.restore("main", "/p.plenary"), None);
        places.remember_page("/p.plenary", "today");
        assert_eq!(
            places.get("/p.plenary").unwrap().page.as_deref(),
            Some("today")
        );
    }

    #[test]
    fn a_place_off_every_screen_is_not_a_place() {
        let screens = [(0, 0, 1920, 1080), (1920, 0, 1280, 1024)];
        assert!(on_a_screen(&AT, &screens));
        assert!(on_a_screen(&Frame { x: 2000, ..AT }, &screens));
        assert!(!on_a_screen(&Frame { x: 3300, ..AT }, &screens));
        assert!(!on_a_screen(&Frame { y: -200, ..AT }, &screens));
        assert!(!on_a_screen(&AT, &[]));
    }

    #[test]
    fn a_long_page_key_is_cut_by_characters() {
        let dir = tempfile::tempdir().unwrap();
        let (places, _) = places(dir.path());
        places.remember_page("/p.plenary", &"é".repeat(100));
        assert_eq!(
            places
                .get("/p.plenary")
                .unwrap()
                .page
                .unwrap()
                .chars()
                .count(),
            PAGE_LEN
        );
    }
}
