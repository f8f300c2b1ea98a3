//! Builds the app's context, and its access control: the app manifest lists
//! every command of the app (`allow-…`/`deny-…` permissions are generated
//! for each), so that each must be allowed to the page by a capability in
//! `capabilities/`; a command left out here cannot be called at all.

/// The app's own commands, as named in `generate_handler!` in `src/lib.rs`
/// (a test there keeps the two lists and the capability in step).
const COMMANDS: &[&str] = &[
    "add_paths",
    "summarize_files",
    "cancel",
    "summarize_text",
    "summarize_together",
    "forget",
    "export",
    "load_session",
    "save_session",
    "load_terms",
    "save_terms",
    "quit",
    "print",
    "open_dialog",
    "ui_ready",
];

fn main() {
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(e) = tauri_build::try_build(attributes) {
        panic!("tauri build: {e:#}");
    }
}
