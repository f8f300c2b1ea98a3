//! Which files the page may have read or written: only those the user
//! handed over.
//!
//! Any script in the page can call the commands its capability allows, with
//! any argument, so a command that touches the disk must not take a path on
//! the page's word. The paths come from the user instead: a drop, the Open
//! dialog (shown from Rust, [`open_dialog`]), the command line or the file
//! manager (see [`hand_over`]), the restored session, a path on the system
//! clipboard pasted into the window. Whoever receives such a path calls
//! [`Access::allow`]; a command that reads checks [`Access::check`] first.
//! Writing needs no list: `export` asks the Save dialog itself.
//!
//! So even a script injected into the page cannot read `~/.ssh/id_rsa`.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use tauri::async_runtime::spawn_blocking;
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;

use crate::error::CommandError;

/// The paths the user handed over: files and folders the page may have read.
#[derive(Debug, Default)]
pub struct Access {
    read: Mutex<HashSet<PathBuf>>,
}

impl Access {
    /// Lets the page have `path` read: a file or a folder the user chose.
    /// A folder allows itself, not what is in it: the files it expands to
    /// are allowed one by one as they are found.
    pub fn allow(&self, path: &Path) {
        let mut read = lock(&self.read);
        read.extend(keys(path));
    }

    /// Whether `path` was handed over by the user (as written, or the file
    /// it resolves to).
    pub fn allowed(&self, path: &Path) -> bool {
        let read = lock(&self.read);
        keys(path).iter().any(|k| read.contains(k))
    }

    /// Ok when every path in `paths` is allowed; otherwise the error names
    /// the first that is not.
    pub fn check<'a>(&self, paths: impl IntoIterator<Item = &'a Path>) -> Result<(), CommandError> {
        match paths.into_iter().find(|p| !self.allowed(p)) {
            None => Ok(()),
            Some(p) => Err(not_allowed(p)),
        }
    }

    /// Allows those of `paths` that the system clipboard holds now, one a
    /// line (absolute paths or `file://` URIs): a path the user copied and
    /// pasted into the window. A script can name only what the user copied.
    pub fn allow_pasted(&self, paths: &[PathBuf], app: &AppHandle) {
        use tauri_plugin_clipboard_manager::ClipboardExt;
        let Ok(text) = app.clipboard().read_text() else {
            return;
        };
        let copied = pasted_paths(&text);
        for p in paths {
            if copied.contains(&absolute(p)) {
                self.allow(p);
            }
        }
    }
}

/// The absolute paths and `file://` URIs in `text`, one a line.
fn pasted_paths(text: &str) -> Vec<PathBuf> {
    text.lines()
        .map(str::trim)
        .filter_map(|l| match l.strip_prefix("file://") {
            Some(rest) => Some(PathBuf::from(percent_decode(rest))),
            None => Path::new(l).is_absolute().then(|| PathBuf::from(l)),
        })
        .map(|p| absolute(&p))
        .collect()
}

fn lock(set: &Mutex<HashSet<PathBuf>>) -> MutexGuard<'_, HashSet<PathBuf>> {
    set.lock().unwrap_or_else(PoisonError::into_inner)
}

fn not_allowed(path: &Path) -> CommandError {
    CommandError::new(
        "not_allowed",
        format!("{}: not a file the user opened or dropped", path.display()),
    )
}

/// The forms `path` is known by: as written (made absolute, `.` and `..`
/// resolved by name) and, when it exists, the real path its links lead to.
/// A path is allowed when any form of it was, so `chosen/../../.ssh/x` is
/// not `chosen`, and a link to a file is not that file unless it was chosen.
fn keys(path: &Path) -> Vec<PathBuf> {
    let mut out = vec![absolute(path)];
    if let Ok(real) = std::fs::canonicalize(path) {
        if real != out[0] {
            out.push(real);
        }
    }
    out
}

/// `path` made absolute against the current directory, with `.` and `..`
/// taken away by name (no disk access).
fn absolute(path: &Path) -> PathBuf {
    use std::path::Component;
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut out = PathBuf::new();
    for part in joined.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Paths the user gave the app outside the page (a drop, the command line,
/// a second launch from the file manager): allowed, then added as a drop is.
/// Before the page is listening (see [`ui_ready`]) they wait.
pub fn hand_over(app: &AppHandle, paths: Vec<PathBuf>) {
    if paths.is_empty() {
        return;
    }
    let access = app.state::<Arc<Access>>();
    for p in &paths {
        access.allow(p);
    }
    let waiting = app.state::<Waiting>();
    let mut waiting = waiting.0.lock().unwrap_or_else(PoisonError::into_inner);
    match waiting.as_mut() {
        Some(queue) => queue.extend(paths),
        None => {
            drop(waiting);
            add(app.clone(), paths);
        }
    }
}

fn add(app: AppHandle, paths: Vec<PathBuf>) {
    tauri::async_runtime::spawn(async move {
        if let Err(e) = crate::commands::add_paths(app, paths).await {
            eprintln!("tomtat-app: {e:?}");
        }
    });
}

/// Paths handed over before the page listened for them; `None` once it does.
pub struct Waiting(Mutex<Option<Vec<PathBuf>>>);

impl Default for Waiting {
    fn default() -> Waiting {
        Waiting(Mutex::new(Some(Vec::new())))
    }
}

/// The files a command line names: every argument after the program's
/// name that is not an option, taken relative to `cwd`.
pub fn files_in_args(args: &[String], cwd: &Path) -> Vec<PathBuf> {
    args.iter()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .map(|a| {
            let a = a.strip_prefix("file://").map_or_else(
                || PathBuf::from(a),
                |rest| PathBuf::from(percent_decode(rest)),
            );
            cwd.join(a)
        })
        .collect()
}

/// `%xx` escapes of a `file://` URI decoded (a file manager may pass URIs).
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The page is listening for added files: the files handed over before now
/// (the command line's) are added.
#[tauri::command]
pub fn ui_ready(app: AppHandle, waiting: State<'_, Waiting>) {
    let queued = waiting
        .0
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .take();
    if let Some(paths) = queued.filter(|p| !p.is_empty()) {
        add(app, paths);
    }
}

/// The extensions of the formats the reader knows, for the Open dialog's
/// filter (and the desktop file's types, see `tauri.conf.json`).
pub const EXTENSIONS: &[&str] = &[
    "docx", "doc", "pdf", "odt", "rtf", "html", "htm", "txt", "md", "text", "markdown",
];

/// The Open dialog, shown from here so that what the user picks is allowed
/// to be read. `filter` names the documents in the UI's language; `folders`
/// picks folders instead of files. The picked paths, or `None` when the
/// dialog was dismissed.
#[tauri::command]
pub async fn open_dialog(
    app: AppHandle,
    access: State<'_, Arc<Access>>,
    title: String,
    filter: String,
    folders: bool,
) -> Result<Option<Vec<PathBuf>>, CommandError> {
    let dialog = app.dialog().file().set_title(title);
    let picked = spawn_blocking(move || {
        if folders {
            dialog.blocking_pick_folders()
        } else {
            dialog.add_filter(filter, EXTENSIONS).blocking_pick_files()
        }
    })
    .await?;
    let Some(picked) = picked else {
        return Ok(None);
    };
    let mut paths = Vec::with_capacity(picked.len());
    for p in picked {
        let p = p
            .into_path()
            .map_err(|e| CommandError::new("app", e.to_string()))?;
        access.allow(&p);
        paths.push(p);
    }
    Ok(Some(paths))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("tomtat-access-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn only_what_was_handed_over_is_allowed() {
        let dir = scratch("read");
        let chosen = dir.join("chosen.txt");
        let other = dir.join("other.txt");
        std::fs::write(&chosen, "x").unwrap();
        std::fs::write(&other, "y").unwrap();
        let access = Access::default();
        assert!(!access.allowed(&chosen));
        access.allow(&chosen);
        assert!(access.allowed(&chosen));
        assert!(access.allowed(&dir.join(".").join("chosen.txt")));
        assert!(!access.allowed(&other));
        assert!(!access.allowed(&dir));
        // `..` does not climb out of a chosen file or folder.
        assert!(!access.allowed(&chosen.join("..").join("other.txt")));
        access.allow(&dir);
        assert!(access.allowed(&dir));
        assert!(!access.allowed(&other), "a folder does not allow its files");
        assert!(!access.allowed(&dir.join("sub/../../x")));
        let err = access
            .check([chosen.as_path(), other.as_path()])
            .unwrap_err();
        assert!(format!("{err:?}").contains("not_allowed"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_allowed_only_where_it_leads_was() {
        let dir = scratch("link");
        let secret = dir.join("id_rsa");
        let link = dir.join("innocent.txt");
        std::fs::write(&secret, "key").unwrap();
        std::os::unix::fs::symlink(&secret, &link).unwrap();
        let access = Access::default();
        // A link the user chose opens its target: the user chose it.
        access.allow(&link);
        assert!(access.allowed(&link));
        // A link made later to a file nobody chose is not that file.
        let access = Access::default();
        access.allow(&dir.join("elsewhere.txt"));
        assert!(!access.allowed(&link));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn pasted_paths_are_the_absolute_ones_and_uris() {
        let text = "/home/u/a.txt\nnot a path\nrel/b.md\n  file:///x/c%20d.pdf  \n";
        assert_eq!(
            pasted_paths(text),
            [PathBuf::from("/home/u/a.txt"), PathBuf::from("/x/c d.pdf")]
        );
    }

    #[test]
    fn command_line_files_are_taken_relative_to_the_caller() {
        let args: Vec<String> = [
            "tomtat-app",
            "a.txt",
            "--flag",
            "/abs/b.md",
            "file:///x/c%20d.pdf",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            files_in_args(&args, Path::new("/home/u")),
            [
                PathBuf::from("/home/u/a.txt"),
                PathBuf::from("/abs/b.md"),
                PathBuf::from("/x/c d.pdf")
            ]
        );
    }
}
