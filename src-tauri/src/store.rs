//! What the app remembers between commands: the analyzed documents, so that
//! changing options or selecting several never re-reads files, and the
//! cancel flags of running batches; and across restarts, the session file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use serde::{Deserialize, Serialize};
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

/// What the UI keeps across restarts: its list, its settings and the files
/// opened lately. Results are not kept: files are read again at the start
/// (a few milliseconds each), so a file edited meanwhile shows its new text.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Session {
    /// The list, in order.
    pub items: Vec<SessionItem>,
    /// Positions in `items` of the selected documents.
    pub selected: Vec<usize>,
    /// "auto", "sentences" or "ratio".
    pub length_mode: String,
    pub length_value: f64,
    pub keyword_count: f64,
    /// Files opened lately, the latest first.
    pub recent: Vec<String>,
}

/// One document of the list: a file, or pasted text kept whole.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SessionItem {
    pub path: Option<String>,
    pub text: Option<String>,
}

/// The file a [`Session`] lives in: JSON, replaced whole on each save.
#[derive(Debug)]
pub struct SessionFile {
    path: PathBuf,
}

impl SessionFile {
    /// `session.json` in `dir` (the app's data folder).
    pub fn new(dir: &Path) -> SessionFile {
        SessionFile {
            path: dir.join("session.json"),
        }
    }

    /// The last session saved; none when there is none or it cannot be read
    /// (a damaged file starts an empty session rather than no app).
    pub fn load(&self) -> Option<Session> {
        let bytes = std::fs::read(&self.path).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    /// Writes `session` beside the old file and renames it over, so a crash
    /// mid-write leaves the old session, never half of one.
    pub fn save(&self, session: &Session) -> std::io::Result<()> {
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let tmp = self.path.with_extension("json.tmp");
        std::fs::write(&tmp, serde_json::to_vec(session)?)?;
        std::fs::rename(&tmp, &self.path)
    }
}

/// The files `paths` name: files as given, folders replaced by the files in
/// them (recursively, 16 levels at most, links not followed) that the reader
/// supports, sorted by path.
pub fn expand(paths: &[PathBuf]) -> Vec<PathBuf> {
    const MAX_DEPTH: usize = 16;
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found: Vec<PathBuf> = walkdir::WalkDir::new(path)
                .max_depth(MAX_DEPTH + 1)
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file() && supported(e.path()))
                .map(walkdir::DirEntry::into_path)
                .collect();
            found.sort();
            out.extend(found);
        } else {
            out.push(path.clone());
        }
    }
    out
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
    fn a_session_comes_back_as_saved_and_damage_reads_as_none() {
        let dir = std::env::temp_dir().join(format!("tomtat-session-{}", std::process::id()));
        let file = SessionFile::new(&dir);
        assert_eq!(file.load(), None);
        let session = Session {
            items: vec![
                SessionItem {
                    path: Some("/tmp/bài viết.txt".into()),
                    text: None,
                },
                SessionItem {
                    path: None,
                    text: Some("Văn bản đã dán.".into()),
                },
            ],
            selected: vec![1],
            length_mode: "sentences".into(),
            length_value: 2.0,
            keyword_count: 4.0,
            recent: vec!["/tmp/bài viết.txt".into()],
        };
        file.save(&session).unwrap();
        assert_eq!(file.load(), Some(session));
        std::fs::write(dir.join("session.json"), "{ not json").unwrap();
        assert_eq!(file.load(), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }

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
