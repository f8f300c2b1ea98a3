//! Every command the UI can call. Each is a few lines over the core: the
//! work runs on the blocking pool, errors become [`CommandError`].

use std::path::PathBuf;
use std::sync::Arc;

use tauri::async_runtime::spawn_blocking;
use tauri::ipc::Channel;
use tauri::{AppHandle, Emitter, Manager, State};
use tauri_plugin_dialog::DialogExt;
use tomtat::read::ReadOptions;
use tomtat::{Engine, Options};

use crate::access::Access;
use crate::batch::{self, FileRef};
use crate::error::CommandError;
use crate::export::{self, Format, Lang, Section};
use crate::store::{self, Batches, Session, SessionFile, Store};
use crate::terms::{Terms, TermsFile};
use crate::view::{BatchView, DocId, DocResult, DocView, FileEvent, SummaryView};

/// The event that hands the UI new files to summarize.
pub const FILES_ADDED: &str = "files-added";

/// Expands `paths` (folders to their supported files) and hands the files
/// to the UI through [`FILES_ADDED`]. Drops and the Open dialog both end
/// here. Returns how many files were added. Only paths the user handed over
/// are taken ([`Access`]; a path pasted is taken when it is on the system
/// clipboard); the files found in a folder become allowed.
#[tauri::command]
pub async fn add_paths(app: AppHandle, paths: Vec<PathBuf>) -> Result<usize, CommandError> {
    let access = app.state::<Arc<Access>>().inner().clone();
    if paths.iter().any(|p| !access.allowed(p)) {
        // A path pasted from the clipboard: taken when the clipboard holds it.
        access.allow_pasted(&paths, &app);
    }
    access.check(paths.iter().map(PathBuf::as_path))?;
    let files = spawn_blocking(move || store::expand(&paths)).await?;
    for f in &files {
        access.allow(f);
    }
    let files: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
    app.emit(FILES_ADDED, &files)?;
    Ok(files.len())
}

/// Summarizes files in the background, sending a [`FileEvent`] through
/// `events` as each one starts and ends. Only files the user handed over
/// ([`Access`]) are read. Here and in every command that summarizes, the
/// user's terms are the saved ones ([`TermsFile`]), whatever `options` says.
#[allow(clippy::too_many_arguments)]
#[tauri::command]
pub async fn summarize_files(
    engine: State<'_, Arc<Engine>>,
    store: State<'_, Arc<Store>>,
    batches: State<'_, Batches>,
    access: State<'_, Arc<Access>>,
    terms: State<'_, Arc<TermsFile>>,
    batch: u64,
    files: Vec<FileRef>,
    options: Options,
    events: Channel<FileEvent>,
) -> Result<BatchView, CommandError> {
    let options = terms.get().apply(options);
    options.validate()?;
    access.check(files.iter().map(|f| f.path.as_path()))?;
    let (engine, store, cancel) = (
        engine.inner().clone(),
        store.inner().clone(),
        batches.start(batch),
    );
    let send: batch::Sink = Arc::new(move |e: FileEvent| drop(events.send(e)));
    // Every reader runs in a child process of the app (see `main.rs`).
    let read = ReadOptions::isolated();
    let end = spawn_blocking(move || {
        batch::run(&engine, &store, &files, &options, &read, &cancel, &send)
    })
    .await;
    batches.finish(batch);
    Ok(end?)
}

/// Stops batch `batch` after the files it is working on.
#[tauri::command]
pub fn cancel(batches: State<'_, Batches>, batch: u64) {
    batches.cancel(batch);
}

/// Summarizes pasted text as document `id`.
#[tauri::command]
pub async fn summarize_text(
    engine: State<'_, Arc<Engine>>,
    store: State<'_, Arc<Store>>,
    terms: State<'_, Arc<TermsFile>>,
    id: DocId,
    text: String,
    options: Options,
) -> Result<DocResult, CommandError> {
    let (engine, store) = (engine.inner().clone(), store.inner().clone());
    let options = terms.get().apply(options);
    spawn_blocking(move || {
        let _permit = engine.admit(text.len());
        let doc = Arc::new(engine.document(&text, None));
        store.insert(id, doc.clone());
        let summary = engine.summarize(std::slice::from_ref(&*doc), &options)?;
        Ok(DocResult {
            doc: DocView::with_outline(id, &doc, engine.outline(&doc)),
            summary: SummaryView::new(summary, &[&*doc], &[id]),
        })
    })
    .await?
}

/// Summarizes documents already read: one alone, or several together.
#[tauri::command]
pub async fn summarize_together(
    engine: State<'_, Arc<Engine>>,
    store: State<'_, Arc<Store>>,
    terms: State<'_, Arc<TermsFile>>,
    ids: Vec<DocId>,
    options: Options,
) -> Result<SummaryView, CommandError> {
    let (engine, docs) = (engine.inner().clone(), store.get(&ids)?);
    let options = terms.get().apply(options);
    spawn_blocking(move || together(&engine, &docs, &ids, &options)).await?
}

fn together(
    engine: &Engine,
    docs: &[Arc<tomtat::Document>],
    ids: &[DocId],
    options: &Options,
) -> Result<SummaryView, CommandError> {
    let _permit = engine.admit(docs.iter().map(|d| d.text.len()).sum());
    let owned: Vec<tomtat::Document> = docs.iter().map(|d| (**d).clone()).collect();
    let summary = engine.summarize(&owned, options)?;
    let refs: Vec<&tomtat::Document> = owned.iter().collect();
    Ok(SummaryView::new(summary, &refs, ids))
}

/// Forgets documents the UI removed.
#[tauri::command]
pub fn forget(store: State<'_, Arc<Store>>, ids: Vec<DocId>) {
    store.remove(&ids);
}

/// Asks where to save (the save dialog, opened here, never a path from the
/// page), then writes the summaries and keywords of `ids` there: each
/// document, then (with several) their summary together. Returns the path
/// written, or none when the dialog was dismissed.
#[allow(clippy::too_many_arguments)]
#[tauri::command]
pub async fn export(
    app: AppHandle,
    window: tauri::Window,
    engine: State<'_, Arc<Engine>>,
    store: State<'_, Arc<Store>>,
    terms: State<'_, Arc<TermsFile>>,
    format: Format,
    ids: Vec<DocId>,
    options: Options,
    lang: Lang,
    dialog_title: String,
    suggested_name: String,
) -> Result<Option<String>, CommandError> {
    let (engine, docs) = (engine.inner().clone(), store.get(&ids)?);
    let options = terms.get().apply(options);
    spawn_blocking(move || {
        let picked = app
            .dialog()
            .file()
            .set_parent(&window)
            .set_title(dialog_title)
            .set_file_name(export::file_name(&suggested_name, format))
            .add_filter(format.label(), &[format.extension()])
            .blocking_save_file();
        let Some(picked) = picked else {
            return Ok(None);
        };
        let path = picked
            .into_path()
            .map_err(|e| CommandError::new("io", e.to_string()))?;
        let mut sections = Vec::new();
        for (doc, &id) in docs.iter().zip(&ids) {
            let summary = together(&engine, std::slice::from_ref(doc), &[id], &options)?;
            let outline = {
                let _permit = engine.admit(doc.text.len());
                engine.outline(doc)
            };
            let view = DocView::with_outline(id, doc, outline);
            sections.push(Section::of(&view, summary));
        }
        if docs.len() > 1 {
            let names: Vec<String> = docs
                .iter()
                .zip(&ids)
                .map(|(d, &id)| DocView::new(id, d).name)
                .collect();
            let summary = together(&engine, &docs, &ids, &options)?;
            sections.push(Section::new(names.join(", "), None, summary));
        }
        std::fs::write(&path, export::render(&sections, format, lang)?)?;
        Ok(Some(path.display().to_string()))
    })
    .await?
}

/// The session saved before the last exit, if any. Its files (the list's
/// and the recent ones) were handed over before: they may be read again.
#[tauri::command]
pub async fn load_session(
    file: State<'_, Arc<SessionFile>>,
    access: State<'_, Arc<Access>>,
) -> Result<Option<Session>, CommandError> {
    let file = file.inner().clone();
    let session = spawn_blocking(move || file.load()).await?;
    for path in session.iter().flat_map(session_paths) {
        access.allow(path.as_ref());
    }
    Ok(session)
}

/// The files a session names.
fn session_paths(s: &Session) -> impl Iterator<Item = &String> {
    s.items
        .iter()
        .filter_map(|i| i.path.as_ref())
        .chain(&s.recent)
}

/// Keeps the UI's list and settings for the next start. Only files the user
/// handed over may be in it (else the page could name any file there and
/// have it allowed at the next start).
#[tauri::command]
pub async fn save_session(
    file: State<'_, Arc<SessionFile>>,
    access: State<'_, Arc<Access>>,
    session: Session,
) -> Result<(), CommandError> {
    access.check(session_paths(&session).map(std::path::Path::new))?;
    let file = file.inner().clone();
    Ok(spawn_blocking(move || file.save(&session)).await??)
}

/// The user's terms in force (read from their files at the start).
#[tauri::command]
pub fn load_terms(terms: State<'_, Arc<TermsFile>>) -> Terms {
    (*terms.get()).clone()
}

/// Keeps the user's terms for every document summarized from now on, and
/// for the next start. Returns them as kept (trimmed, blank lines and `#`
/// comments left out, as the CLI reads a list file).
#[tauri::command]
pub async fn save_terms(
    file: State<'_, Arc<TermsFile>>,
    terms: Terms,
) -> Result<Terms, CommandError> {
    let file = file.inner().clone();
    spawn_blocking(move || file.save(&terms)).await?
}

/// Ends the app (Ctrl+Q, Ctrl+W): the UI has saved its session first.
#[tauri::command]
pub fn quit(app: AppHandle) {
    app.exit(0);
}

/// The system's print dialog for the window's page (Ctrl+P); the page's
/// print style sheet leaves the summary view only.
#[tauri::command]
pub fn print(window: tauri::WebviewWindow) -> Result<(), CommandError> {
    Ok(window.print()?)
}
