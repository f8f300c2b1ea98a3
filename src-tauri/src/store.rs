//! What the app remembers between commands: the analyzed documents, so that
//! changing options or selecting several never re-reads files, and the
//! cancel flags of running batches.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use tomtat::Document;

use crate::error::CommandError;
use crate::view::DocId;

/// The analyzed documents, by the id the UI gave them.
#[derive(Debug, Default)]
pub struct Store {
    docs: Mutex<HashMap<DocId, Arc<Document>>>,
}

impl Store {
    pub fn insert(&self, id: DocId, doc: Arc<Document>) {
        self.lock().insert(id, doc);
    }

    pub fn remove(&self, ids: &[DocId]) {
        let mut docs = self.lock();
        for id in ids {
            docs.remove(id);
        }
    }

    /// The documents for `ids`, in that order.
    pub fn get(&self, ids: &[DocId]) -> Result<Vec<Arc<Document>>, CommandError> {
        let docs = self.lock();
        ids.iter()
            .map(|id| {
                docs.get(id).cloned().ok_or_else(|| {
                    CommandError::new("unknown_document", format!("no document with id {id}"))
                })
            })
            .collect()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<DocId, Arc<Document>>> {
        self.docs.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Cancel flags of the batches that are running, by the batch id the UI gave.
#[derive(Debug, Default)]
pub struct Batches {
    running: Mutex<HashMap<u64, Arc<AtomicBool>>>,
}

impl Batches {
    pub fn start(&self, batch: u64) -> Arc<AtomicBool> {
        let flag = Arc::new(AtomicBool::new(false));
        self.lock().insert(batch, flag.clone());
        flag
    }

    pub fn finish(&self, batch: u64) {
        self.lock().remove(&batch);
    }

    /// Asks batch `batch` to stop; files already started still finish.
    pub fn cancel(&self, batch: u64) {
        if let Some(flag) = self.lock().get(&batch) {
            flag.store(true, Ordering::Relaxed);
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Arc<AtomicBool>>> {
        self.running.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The files `paths` name: files as given, folders replaced by the files in
/// them (recursively) that the reader supports, sorted by path.
pub fn expand(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found = Vec::new();
            walk(path, 0, &mut found);
            found.sort();
            out.extend(found);
        } else {
            out.push(path.clone());
        }
    }
    out
}

fn walk(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
    const MAX_DEPTH: usize = 16;
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() && depth < MAX_DEPTH {
            walk(&path, depth + 1, out);
        } else if kind.is_file() && supported(&path) {
            out.push(path);
        }
    }
}

/// A file in a dropped folder is taken when its extension names a format the
/// reader knows (`.txt`, `.md`, `.docx`, `.pdf`, ...).
fn supported(path: &Path) -> bool {
    path.extension().is_some() && tomtat::read::Format::from_path(path).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_expand_to_their_supported_files() {
        let root = std::env::temp_dir().join(format!("tomtat-expand-{}", std::process::id()));
        let sub = root.join("sub");
        std::fs::create_dir_all(&sub).unwrap();
        for name in ["b.txt", "a.md", "c.xlsx", "sub/d.TXT", "noext"] {
            std::fs::write(root.join(name), "x").unwrap();
        }
        let single = root.join("c.xlsx");
        let got = expand(&[root.clone(), single.clone()]);
        std::fs::remove_dir_all(&root).unwrap();
        let want = vec![
            root.join("a.md"),
            root.join("b.txt"),
            root.join("sub/d.TXT"),
            single,
        ];
        assert_eq!(got, want);
    }
}
