//! Tóm Tắt's desktop app: a thin Tauri shell over the `tomtat` library.
//!
//! `commands` holds every command, `view` the types they return (UTF-16
//! offsets, never byte offsets), `store` the documents kept between
//! commands, `batch` the worker pool for many files, `export` the file
//! formats, `error` the one error type.

mod batch;
mod commands;
mod docx;
mod error;
mod export;
mod store;
mod view;

use std::sync::Arc;

use tauri::webview::PageLoadEvent;
use tauri::{DragDropEvent, Emitter, Manager, WindowEvent};

/// Tells the UI whether files are being dragged over the window.
const DRAG_HOVER: &str = "drag-hover";

/// When this variable is set, the app says on stderr when its page has
/// loaded: `make bench` times the launch by it.
const READY_ENV: &str = "TOMTAT_APP_SAY_READY";

/// Builds and runs the app.
pub fn run() {
    let say_ready = std::env::var_os(READY_ENV).is_some();
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_clipboard_manager::init())
        .manage(Arc::new(tomtat::Engine::new()))
        .manage(Arc::new(store::Store::default()))
        .manage(store::Batches::default())
        .setup(|app| {
            let dir = app.path().app_data_dir()?;
            app.manage(Arc::new(store::SessionFile::new(&dir)));
            Ok(())
        })
        .on_window_event(|window, event| {
            let WindowEvent::DragDrop(dnd) = event else {
                return;
            };
            let app = window.app_handle().clone();
            match dnd {
                DragDropEvent::Enter { .. } => drop_result(app.emit(DRAG_HOVER, true)),
                DragDropEvent::Leave => drop_result(app.emit(DRAG_HOVER, false)),
                DragDropEvent::Drop { paths, .. } => {
                    drop_result(app.emit(DRAG_HOVER, false));
                    let paths = paths.clone();
                    tauri::async_runtime::spawn(async move {
                        drop_result(commands::add_paths(app, paths).await);
                    });
                }
                _ => {}
            }
        })
        .on_page_load(move |_, page| {
            if say_ready && page.event() == PageLoadEvent::Finished {
                eprintln!("tomtat-app: ready");
            }
        })
        .invoke_handler(tauri::generate_handler![
            commands::add_paths,
            commands::summarize_files,
            commands::cancel,
            commands::summarize_text,
            commands::summarize_together,
            commands::forget,
            commands::export,
            commands::load_session,
            commands::save_session,
            commands::quit,
            commands::print,
        ])
        .run(tauri::generate_context!())
        .expect("error while running the Tóm Tắt app");
}

/// Reports a failure of work nobody awaits.
fn drop_result<T, E: std::fmt::Debug>(r: Result<T, E>) {
    if let Err(e) = r {
        eprintln!("tomtat-app: {e:?}");
    }
}
