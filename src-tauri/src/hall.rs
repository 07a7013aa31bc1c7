//! The hall display: a second window, full-screen on a chosen screen, that
//! shows one room's session now and next from the same plan. It has no
//! decorations and ignores a close request, so a passer-by cannot close it;
//! `close` (the main window's button or the hall's key chord) destroys it.
//! Each belongs to the main window that opened it (its label says which),
//! reads that window's plan, and closes with it.

use crate::commands::MonitorInfo;
use crate::error::{ApiError, ApiResult, ErrorCode};
use plenary_core::model::Id;
use tauri::{Manager, Runtime, WebviewUrl, WebviewWindowBuilder, WindowEvent};

/// Every hall window's label starts so, then its main window's label and
/// the room (`hall-main-12`); `capabilities/hall.json` matches it.
pub const LABEL_PREFIX: &str = "hall-";

/// The event a plan's windows hear after it (or its run clock) changed.
pub const PLAN_CHANGED: &str = "plan-changed";

fn window_error(e: tauri::Error) -> ApiError {
    ApiError::new(
        ErrorCode::Io,
        format!("The hall display's window or screens failed: {e}"),
    )
}

/// The app's screens and hall windows, kept as managed state so the
/// commands stay free of the runtime type (the command tests run on a mock).
pub struct Screens(Box<dyn HallWindows>);

trait HallWindows: Send + Sync {
    fn monitors(&self) -> ApiResult<Vec<MonitorInfo>>;
    fn open(&self, owner: &str, room: Id, monitor: Option<u32>) -> ApiResult<()>;
    fn close(&self, owner: &str) -> ApiResult<()>;
}

struct AppWindows<R: Runtime>(tauri::AppHandle<R>);

impl<R: Runtime> HallWindows for AppWindows<R> {
    fn monitors(&self) -> ApiResult<Vec<MonitorInfo>> {
        monitors(&self.0)
    }
    fn open(&self, owner: &str, room: Id, monitor: Option<u32>) -> ApiResult<()> {
        open(&self.0, owner, room, monitor)
    }
    fn close(&self, owner: &str) -> ApiResult<()> {
        close_of(&self.0, owner)
    }
}

impl Screens {
    pub fn of<R: Runtime>(app: tauri::AppHandle<R>) -> Self {
        Screens(Box::new(AppWindows(app)))
    }

    pub fn monitors(&self) -> ApiResult<Vec<MonitorInfo>> {
        self.0.monitors()
    }

    /// Opens `room`'s hall display for the main window `owner`.
    pub fn open(&self, owner: &str, room: Id, monitor: Option<u32>) -> ApiResult<()> {
        self.0.open(owner, room, monitor)
    }

    /// Closes the hall displays of the main window `owner`.
    pub fn close(&self, owner: &str) -> ApiResult<()> {
        self.0.close(owner)
    }
}

fn monitors<R: Runtime>(app: &tauri::AppHandle<R>) -> ApiResult<Vec<MonitorInfo>> {
    let all = app.available_monitors().map_err(window_error)?;
    let primary = app.primary_monitor().map_err(window_error)?;
    Ok(all
        .iter()
        .enumerate()
        .map(|(i, m)| MonitorInfo {
            index: i as u32,
            name: m
                .name()
                .cloned()
                .unwrap_or_else(|| format!("Screen {}", i + 1)),
            width: m.size().width,
            height: m.size().height,
            x: m.position().x,
            y: m.position().y,
            primary: primary
                .as_ref()
                .is_some_and(|p| p.name() == m.name() && p.position() == m.position()),
        })
        .collect())
}

fn open<R: Runtime>(
    app: &tauri::AppHandle<R>,
    owner: &str,
    room_id: Id,
    monitor: Option<u32>,
) -> ApiResult<()> {
    let label = format!("{LABEL_PREFIX}{owner}-{room_id}");
    if let Some(window) = app.get_webview_window(&label) {
        window.set_focus().map_err(window_error)?;
        return Ok(());
    }
    let screens = app.available_monitors().map_err(window_error)?;
    let screen = match monitor {
        Some(i) => Some(screens.get(i as usize).cloned().ok_or_else(|| {
            ApiError::from(plenary_core::CoreError::invalid(
                "monitor",
                format!("there is no screen {i}; {} attached", screens.len()),
            ))
        })?),
        None => app.primary_monitor().map_err(window_error)?,
    };
    let window = WebviewWindowBuilder::new(app, &label, WebviewUrl::App("index.html".into()))
        .title("Plenary — hall display")
        .decorations(false)
        .visible(false)
        .build()
        .map_err(window_error)?;
    // Cover the chosen screen, then ask for full screen there: without a
    // window manager (a kiosk, Xvfb) only the first takes effect.
    if let Some(m) = screen {
        window.set_position(*m.position()).map_err(window_error)?;
        window.set_size(*m.size()).map_err(window_error)?;
    }
    window.set_fullscreen(true).map_err(window_error)?;
    window.show().map_err(window_error)?;
    window.on_window_event(|event| {
        if let WindowEvent::CloseRequested { api, .. } = event {
            api.prevent_close();
        }
    });
    Ok(())
}

/// Destroys the hall displays of the main window `owner`.
pub fn close_of<R: Runtime>(app: &tauri::AppHandle<R>, owner: &str) -> ApiResult<()> {
    for (label, window) in app.webview_windows() {
        if label.starts_with(LABEL_PREFIX) && crate::windows::owner_of(&label) == owner {
            window.destroy().map_err(window_error)?;
        }
    }
    Ok(())
}
