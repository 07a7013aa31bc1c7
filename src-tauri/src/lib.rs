//! The Plenary desktop app: the window and its commands. The command line
//! is its own binary (`src-tauri/cli/`), which never links this crate.

pub mod about;
pub mod acl;
pub mod commands;
pub mod error;
pub mod hall;
pub mod kiosk;
pub mod log_file;
pub mod marker;
pub mod placement;
pub mod recent;
pub mod state;
pub mod windows;

use std::path::PathBuf;
use tauri::Manager;

/// Entry point for the `plenary-window` binary, which `plenary` starts
/// with no subcommand; returns the process exit code.
pub fn window_main() -> i32 {
    let mut args = std::env::args_os().skip(1);
    let file = args.next().map(PathBuf::from);
    if args.next().is_some() {
        eprintln!("plenary-window: give at most one plan file");
        return 2;
    }
    // Still one thread here, so changing the environment is safe.
    choose_webkit_renderer();
    match run_window(file) {
        Ok(()) => 0,
        Err(message) => {
            eprintln!("plenary: {message}");
            1
        }
    }
}

/// The variable that turns off WebKitGTK's DMA-BUF renderer.
const DMABUF_SWITCH: &str = "WEBKIT_DISABLE_DMABUF_RENDERER";

/// The value to give `WEBKIT_DISABLE_DMABUF_RENDERER`, or None to leave what the user set.
///
/// On machines without a usable GPU (virtual machines, remote desktops, Xvfb)
/// the DMA-BUF renderer falls back to software GL and a frame of the 92-room
/// calendar took 400 ms to reach the screen, against 30 ms on the older
/// shared-memory path; on some GPU drivers it shows a blank window. The older
/// path is the default; `WEBKIT_DISABLE_DMABUF_RENDERER=0` opts back in.
fn webkit_renderer_setting(current: Option<&std::ffi::OsStr>) -> Option<&'static str> {
    match current {
        Some(_) => None,
        None => Some("1"),
    }
}

fn choose_webkit_renderer() {
    if cfg!(target_os = "linux") {
        if let Some(value) = webkit_renderer_setting(std::env::var_os(DMABUF_SWITCH).as_deref()) {
            std::env::set_var(DMABUF_SWITCH, value);
        }
    }
}

/// Opens the window, which then opens `file`, or the last plan, or a copy of
/// the sample. When Plenary already runs for this user, hands `file` to it
/// instead and returns at once (see `windows`).
pub fn run_window(file: Option<PathBuf>) -> Result<(), String> {
    tauri::Builder::default()
        // First, so a second launch leaves before anything else starts.
        // Without a D-Bus session bus (Linux) it does nothing and every
        // launch runs on its own, as before.
        .plugin(tauri_plugin_single_instance::init(|app, argv, cwd| {
            windows::second_launch(app, argv, cwd)
        }))
        .plugin(kiosk::Guarded(tauri_plugin_dialog::init()))
        .invoke_handler(log_file::watch(kiosk::guard(commands::invoke_handler())))
        .on_window_event(|window, event| {
            placement::watch(window, event);
            match event {
                tauri::WindowEvent::CloseRequested { api, .. } if kiosk::window_locked(window) => {
                    api.prevent_close();
                }
                tauri::WindowEvent::Destroyed => closed(window),
                _ => {}
            }
        })
        .setup(move |app| {
            if let Ok(logs) = app.path().app_log_dir() {
                log_file::install(&logs);
            }
            let config = app.path().app_config_dir()?;
            let data = app.path().app_data_dir()?;
            let state = state::AppState::new(&config, &data);
            // Only decides what to open: the window shows at once and opens
            // it in the background, where it can be cancelled.
            state.plan_start(file.as_deref());
            let plans = windows::Plans::new(std::sync::Arc::new(state));
            // Every window of a plan (its hall displays too) reads again
            // after a change to it.
            plans.attach(app.handle().clone());
            app.manage(plans);
            app.manage(placement::Places::of(app.handle().clone(), &config));
            app.manage(hall::Screens::of(app.handle().clone()));
            let handle = app.handle().clone();
            app.manage(commands::Printer::new(move |label| {
                match handle.get_webview_window(label) {
                    Some(window) => window.print(),
                    None => Ok(()),
                }
            }));
            Ok(())
        })
        .build(tauri::generate_context!())
        .map_err(|e| format!("the window could not be opened: {e}"))?
        .run(|_app, _event| {
            // macOS hands a plan double-clicked in the Finder to the running
            // app as an event, at launch and while it runs, not as a second
            // launch's argument.
            #[cfg(target_os = "macos")]
            if let tauri::RunEvent::Opened { urls } = _event {
                windows::opened(_app, &urls);
            }
        });
    Ok(())
}

/// A main window closed: its plan and its hall displays go with it; the
/// process ends with the last main window.
fn closed<R: tauri::Runtime>(window: &tauri::Window<R>) {
    let label = window.label();
    if !windows::is_main(label) {
        return;
    }
    let app = window.app_handle();
    let _ = hall::close_of(app, label);
    if let Some(plans) = app.try_state::<windows::Plans>() {
        plans.remove(label);
        if plans.labels().is_empty() {
            app.exit(0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::webkit_renderer_setting;
    use std::ffi::OsStr;

    #[test]
    fn the_older_renderer_is_chosen_unless_the_user_chose() {
        let cases: [(Option<&OsStr>, Option<&str>); 4] = [
            (None, Some("1")),
            (Some(OsStr::new("0")), None),
            (Some(OsStr::new("1")), None),
            (Some(OsStr::new("")), None),
        ];
        for (current, want) in cases {
            assert_eq!(webkit_renderer_setting(current), want, "{current:?}");
        }
    }
}
