//! The Plenary desktop app: the window, its commands, and the CLI.

pub mod cli;
pub mod commands;
pub mod error;
pub mod recent;
pub mod state;

use clap::Parser;
use std::path::PathBuf;
use tauri::Manager;

/// Entry point for the `plenary` binary; returns the process exit code.
pub fn main_entry() -> i32 {
    let parsed = match cli::Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            use clap::error::ErrorKind;
            if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
                let _ = e.print();
                return 0;
            }
            // One line: clap's first line, then where to find more.
            let text = e.to_string();
            let first = text.lines().next().unwrap_or("invalid arguments");
            eprintln!(
                "plenary: {} (see plenary --help)",
                first.trim_start_matches("error: ")
            );
            return 2;
        }
    };
    match parsed.command {
        Some(command) => match cli::run(command) {
            Ok(code) => code,
            Err(cli::Failure(message)) => {
                eprintln!("plenary: {message}");
                2
            }
        },
        None => match run_window(parsed.file) {
            Ok(()) => 0,
            Err(message) => {
                eprintln!("plenary: {message}");
                1
            }
        },
    }
}

/// Opens the window on `file`, or on the last plan, or on a copy of the sample.
pub fn run_window(file: Option<PathBuf>) -> Result<(), String> {
    let builder = commands::specta_builder::<tauri::Wry>();
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .invoke_handler(builder.invoke_handler())
        .setup(move |app| {
            let config = app.path().app_config_dir()?;
            let data = app.path().app_data_dir()?;
            let state = state::AppState::new(&config, &data);
            state.open_at_start(file.as_deref());
            app.manage(state);
            if let Some(window) = app.get_webview_window("main") {
                app.manage(commands::Printer::new(move || window.print()));
            }
            Ok(())
        })
        .run(tauri::generate_context!())
        .map_err(|e| format!("the window could not be opened: {e}"))
}
