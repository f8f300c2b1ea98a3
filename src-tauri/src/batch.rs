//! Summarizing many files on a few threads, reporting each as it finishes.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

use serde::Deserialize;
use tomtat::read::{Cancel, Progress, ReadOptions};
use tomtat::{Engine, Options};

use crate::store::Store;
use crate::view::{BatchView, DocId, DocResult, DocView, FileEvent, SummaryView};

/// One file of a batch, with the id the UI gave it.
#[derive(Debug, Deserialize)]
pub struct FileRef {
    pub id: DocId,
    pub path: PathBuf,
}

/// Where a batch's events go; called from any thread.
pub type Sink = Arc<dyn Fn(FileEvent) + Send + Sync>;

/// Summarizes `files` in list order on one worker per core, storing each
/// document and calling `send` as each file starts and ends, and as OCR
/// finishes each page of a scan. Files are read as `read` says (the app:
/// [`ReadOptions::isolated`], every reader in a child process of the app).
/// Once `cancel` is set, files not yet started are skipped, and a scan
/// being read by OCR stops at once.
pub fn run(
    engine: &Engine,
    store: &Store,
    files: &[FileRef],
    opts: &Options,
    read: &ReadOptions,
    cancel: &Arc<AtomicBool>,
    send: &Sink,
) -> BatchView {
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let failed = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(files.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                if cancel.load(Ordering::Relaxed) {
                    break;
                }
                let Some(file) = files.get(next.fetch_add(1, Ordering::Relaxed)) else {
                    break;
                };
                send(FileEvent::Started { id: file.id });
                match one(engine, store, file, opts, read, cancel, send) {
                    Ok(result) => {
                        done.fetch_add(1, Ordering::Relaxed);
                        send(FileEvent::Done {
                            id: file.id,
                            result,
                        });
                    }
                    // Stopped by Cancel halfway (OCR): counted as not done.
                    Err(e) if e.kind() == tomtat::ErrorKind::Cancelled => {
                        send(FileEvent::Cancelled { id: file.id });
                    }
                    Err(e) => {
                        failed.fetch_add(1, Ordering::Relaxed);
                        send(FileEvent::Failed {
                            id: file.id,
                            error: e.into(),
                        });
                    }
                }
            });
        }
    });
    let done = done.into_inner();
    let failed = failed.into_inner();
    BatchView {
        done,
        failed,
        cancelled: files.len() - done - failed,
    }
}

fn one(
    engine: &Engine,
    store: &Store,
    file: &FileRef,
    opts: &Options,
    read: &ReadOptions,
    cancel: &Arc<AtomicBool>,
    send: &Sink,
) -> tomtat::Result<DocResult> {
    let mut read_opts = read.clone();
    read_opts.cancel = Cancel::new(cancel.clone());
    let (id, send) = (file.id, send.clone());
    read_opts.progress = Progress::new(move |p| {
        send(FileEvent::Progress {
            id,
            done: p.done,
            pages: p.pages,
        })
    });
    let raw = tomtat::read::read(&file.path, &read_opts)?;
    // The files of a batch are analyzed on several threads: their texts in
    // analysis share the engine's budget (`MAX_TEXT` in all).
    let _permit = engine.admit(raw.text.len());
    let mut doc = engine.document(&raw.text, Some(file.path.clone()));
    doc.ocr = raw.ocr;
    let doc = Arc::new(doc);
    store.insert(file.id, doc.clone());
    let summary = engine.summarize(std::slice::from_ref(&*doc), opts)?;
    Ok(DocResult {
        doc: DocView::with_outline(file.id, &doc, engine.outline(&doc)),
        summary: SummaryView::new(summary, &[&*doc], &[file.id]),
    })
}
