//! Tóm Tắt's desktop app: a thin Tauri shell over the `tomtat` library.
//!
//! `commands` holds the commands over the core, `view` the types they return
//! (UTF-16 offsets, never byte offsets), `store` the documents kept between
//! commands, `batch` the worker pool for many files, `export` the file
//! formats, `error` the one error type, `access` the files the user handed
//! over (the only ones a command reads or writes) and the dialogs, `terms`
//! the user's own terms (words kept whole, excluded, boosted).
//!
//! Every command is listed three times, and a test keeps them in step: in
//! `generate_handler!` below, in `build.rs` (the app manifest: a command not
//! there cannot be allowed) and in `capabilities/main.json` (what the main
//! window may call).

mod access;
mod batch;
mod commands;
mod docx;
mod error;
mod export;
mod store;
mod terms;
mod view;

use std::path::Path;
use std::sync::Arc;

use tauri::webview::PageLoadEvent;
use tauri::{DragDropEvent, Emitter, Manager, WindowEvent};

/// The way a file of a batch takes through the app, without a window or
/// a page: for the app's own tests (`tests/bad_input.rs` feeds it the
/// bad-input corpus), not an API.
#[doc(hidden)]
pub mod headless {
    pub use crate::batch::{run, FileRef, Sink};
    pub use crate::store::Store;
    pub use crate::view::FileEvent;
}

/// Tells the UI whether files are being dragged over the window.
const DRAG_HOVER: &str = "drag-hover";

/// When this variable is set, the app says on stderr when its page has
/// loaded: `make bench` times the launch by it.
const READY_ENV: &str = "TOMTAT_APP_SAY_READY";

/// Builds and runs the app.
pub fn run() {
    let say_ready = std::env::var_os(READY_ENV).is_some();
    tauri::Builder::default()
        // First, so that a second launch hands its files over and exits
        // before it builds anything: `tomtat-app FILE...` from a shell or
        // "Open with" in a file manager adds to the window already open.
        .plugin(tauri_plugin_single_instance::init(|app, args, cwd| {
            access::hand_over(app, access::files_in_args(&args, Path::new(&cwd)));
            if let Some(window) = app.get_webview_window("main") {
                drop_result(window.unminimize());
                drop_result(window.set_focus());
            }
        }))
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_clipboard_manager::init())
        .manage(Arc::new(store::Store::default()))
        .manage(store::Batches::default())
        .manage(Arc::new(access::Access::default()))
        .manage(access::Waiting::default())
        .setup(|app| {
            // Here, not before the plugins: a second launch that only hands
            // its files over never builds the engine.
            app.manage(Arc::new(tomtat::Engine::new()));
            let args: Vec<String> = std::env::args().collect();
            let cwd = std::env::current_dir().unwrap_or_default();
            access::hand_over(app.handle(), access::files_in_args(&args, &cwd));
            let dir = app.path().app_data_dir()?;
            app.manage(Arc::new(store::SessionFile::new(&dir)));
            app.manage(Arc::new(terms::TermsFile::open(&dir)));
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
                    access::hand_over(&app, paths.clone());
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
            commands::load_terms,
            commands::save_terms,
            commands::quit,
            commands::print,
            access::open_dialog,
            access::ui_ready,
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

#[cfg(test)]
mod tests {
    /// The names between `open` and the next `close` in `text`, one per
    /// `"…"` or `path::name,` item.
    fn names(text: &str, open: &str, close: &str) -> Vec<String> {
        let start = text.find(open).expect(open) + open.len();
        let body = &text[start..start + text[start..].find(close).expect(close)];
        body.split(',')
            .map(|item| item.trim().trim_matches('"'))
            .filter(|item| !item.is_empty())
            .map(|item| item.rsplit("::").next().unwrap_or(item).to_string())
            .collect()
    }

    /// Every command the app registers is in the app manifest (so the ACL
    /// checks it) and allowed to the main window, and nothing else is.
    #[test]
    fn commands_manifest_and_capability_agree() {
        let dir = env!("CARGO_MANIFEST_DIR");
        let read = |p: &str| std::fs::read_to_string(format!("{dir}/{p}")).unwrap();
        let mut handler = names(&read("src/lib.rs"), "generate_handler![", "]");
        let mut manifest = names(&read("build.rs"), "const COMMANDS: &[&str] = &[", "]");
        let capability: serde_json::Value =
            serde_json::from_str(&read("capabilities/main.json")).unwrap();
        let mut allowed: Vec<String> = capability["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|p| p.as_str()?.strip_prefix("allow-"))
            .map(|p| p.replace('-', "_"))
            .collect();
        handler.sort();
        manifest.sort();
        allowed.sort();
        assert!(handler.len() >= 8, "{handler:?}");
        assert_eq!(handler, manifest, "build.rs COMMANDS vs generate_handler!");
        assert_eq!(
            handler, allowed,
            "capabilities/main.json vs generate_handler!"
        );
    }
}
