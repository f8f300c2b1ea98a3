//! Summarizing many files on a few threads, reporting each as it finishes.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

use serde::Deserialize;
use tomtat::{Engine, Options};

use crate::store::Store;
use crate::view::{BatchView, DocId, DocResult, DocView, FileEvent, SummaryView};

/// One file of a batch, with the id the UI gave it.
#[derive(Debug, Deserialize)]
pub struct FileRef {
    pub id: DocId,
    pub path: PathBuf,
}

/// Summarizes `files` in list order on one worker per core, storing each
/// document and calling `send` as each file starts and ends. Once `cancel`
/// is set, files not yet started are skipped.
pub fn run(
    engine: &Engine,
    store: &Store,
    files: &[FileRef],
    opts: &Options,
    cancel: &AtomicBool,
    send: &(dyn Fn(FileEvent) + Sync),
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
                match one(engine, store, file, opts) {
                    Ok(result) => {
                        done.fetch_add(1, Ordering::Relaxed);
                        send(FileEvent::Done {
                            id: file.id,
                            result,
                        });
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
) -> tomtat::Result<DocResult> {
    // Every reader runs in a child process of the app (see `main.rs`).
    let read_opts = tomtat::read::ReadOptions::isolated();
    let doc = Arc::new(engine.read(&file.path, &read_opts)?);
    store.insert(file.id, doc.clone());
    let summary = engine.summarize(std::slice::from_ref(&*doc), opts)?;
    Ok(DocResult {
        doc: DocView::with_outline(file.id, &doc, engine.outline(&doc)),
        summary: SummaryView::new(summary, &[&*doc], &[file.id]),
    })
}
