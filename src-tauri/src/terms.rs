//! The user's own terms ("Từ của tôi"): words kept whole, excluded
//! keywords, boosted terms. Kept across restarts as three text files in the
//! app's data folder, `dict.txt`, `exclude.txt` and `boost.txt`, one term a
//! line, read by the CLI's rules (a leading BOM, blank lines and lines
//! starting with `#` skipped, each line trimmed): the same files given to
//! `tomtat --dict dict.txt --exclude exclude.txt --boost boost.txt` give the
//! same keywords as the app.
//!
//! Every command that summarizes takes the terms from here (see
//! [`Terms::apply`]), never from the page's options.

use std::path::{Path, PathBuf};
use std::sync::{Arc, PoisonError, RwLock};

use serde::{Deserialize, Serialize};
use tomtat::Options;

use crate::error::CommandError;

/// The longest term, in bytes (the core refuses longer ones).
const MAX_TERM_BYTES: usize = 200;

/// The user's three lists, in the order written.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Terms {
    /// Words kept whole by the segmenter ("Từ giữ nguyên").
    pub dict: Vec<String>,
    /// Terms that are never keywords ("Từ loại trừ").
    pub exclude: Vec<String>,
    /// Terms put first among the keywords ("Từ ưu tiên").
    pub boost: Vec<String>,
}

/// The lists' names: their files and the core's option names.
const LISTS: [&str; 3] = ["dict", "exclude", "boost"];

impl Terms {
    fn lists(&self) -> [&Vec<String>; 3] {
        [&self.dict, &self.exclude, &self.boost]
    }

    fn lists_mut(&mut self) -> [&mut Vec<String>; 3] {
        [&mut self.dict, &mut self.exclude, &mut self.boost]
    }

    /// The terms as the CLI reads them from its files: each line trimmed,
    /// blank lines and `#` comments left out. Lines with a line break
    /// inside count as their lines.
    pub fn cleaned(&self) -> Terms {
        let mut out = Terms::default();
        for (to, from) in out.lists_mut().into_iter().zip(self.lists()) {
            *to = from.iter().flat_map(|t| lines(t)).collect();
        }
        out
    }

    /// The first term too long for the core, if any.
    fn too_long(&self) -> Option<&str> {
        self.lists()
            .into_iter()
            .flatten()
            .find(|t| t.len() > MAX_TERM_BYTES)
            .map(String::as_str)
    }

    /// How many terms in all.
    fn len(&self) -> usize {
        self.lists().into_iter().map(Vec::len).sum()
    }

    /// `opts` with these terms as its lists (whatever the page sent).
    pub fn apply(&self, mut opts: Options) -> Options {
        opts.dict = self.dict.clone();
        opts.exclude = self.exclude.clone();
        opts.boost = self.boost.clone();
        opts
    }
}

/// The terms of a list file's text, by the CLI's rules.
fn lines(text: &str) -> Vec<String> {
    text.trim_start_matches('\u{feff}')
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect()
}

/// The terms in force, and the folder they are kept in.
#[derive(Debug)]
pub struct TermsFile {
    dir: PathBuf,
    current: RwLock<Arc<Terms>>,
}

impl TermsFile {
    /// The terms kept in `dir` (the app's data folder), read now.
    pub fn open(dir: &Path) -> TermsFile {
        let mut file = TermsFile {
            dir: dir.to_path_buf(),
            current: RwLock::default(),
        };
        file.current = RwLock::new(Arc::new(file.load()));
        file
    }

    /// The terms in force.
    pub fn get(&self) -> Arc<Terms> {
        self.current
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn path(&self, list: &str) -> PathBuf {
        self.dir.join(format!("{list}.txt"))
    }

    /// The terms in the files. A list whose file is missing, unreadable or
    /// not UTF-8 is empty; a term too long for the core is left out (a file
    /// edited by hand never stops every document from being read).
    pub fn load(&self) -> Terms {
        let mut terms = Terms::default();
        for (list, name) in terms.lists_mut().into_iter().zip(LISTS) {
            let text = std::fs::read(self.path(name))
                .ok()
                .and_then(|b| String::from_utf8(b).ok())
                .unwrap_or_default();
            *list = lines(&text)
                .into_iter()
                .filter(|t| t.len() <= MAX_TERM_BYTES)
                .collect();
        }
        let max = tomtat::MAX_TERMS;
        if terms.len() > max {
            return Terms::default();
        }
        terms
    }

    /// Checks `terms`, writes each list beside its file and renames it over
    /// (a crash mid-write leaves the old list, never half of one), and puts
    /// them in force. Returns the terms kept (cleaned as the CLI reads them).
    pub fn save(&self, terms: &Terms) -> Result<Terms, CommandError> {
        let terms = terms.cleaned();
        if let Some(t) = terms.too_long() {
            let head: String = t.chars().take(40).collect();
            return Err(CommandError::new(
                "term_too_long",
                format!("\u{201c}{head}…\u{201d} dài hơn {MAX_TERM_BYTES} byte"),
            ));
        }
        let max = tomtat::MAX_TERMS;
        if terms.len() > max {
            return Err(CommandError::new(
                "too_many_terms",
                format!("{} từ, nhiều hơn {max}", terms.len()),
            ));
        }
        std::fs::create_dir_all(&self.dir)?;
        for (list, name) in terms.lists().into_iter().zip(LISTS) {
            let path = self.path(name);
            let tmp = path.with_extension("txt.tmp");
            let mut text = list.join("\n");
            if !text.is_empty() {
                text.push('\n');
            }
            std::fs::write(&tmp, text)?;
            std::fs::rename(&tmp, &path)?;
        }
        *self.current.write().unwrap_or_else(PoisonError::into_inner) = Arc::new(terms.clone());
        Ok(terms)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(dict: &[&str], exclude: &[&str], boost: &[&str]) -> Terms {
        let v = |l: &[&str]| l.iter().map(|s| s.to_string()).collect();
        Terms {
            dict: v(dict),
            exclude: v(exclude),
            boost: v(boost),
        }
    }

    #[test]
    fn no_folder_reads_as_no_terms() {
        let dir = tempfile::tempdir().unwrap();
        let file = TermsFile::open(&dir.path().join("not-there"));
        assert_eq!(*file.get(), Terms::default());
        assert_eq!(file.load(), Terms::default());
    }

    #[test]
    fn saved_terms_come_back_cleaned_as_the_cli_reads_them() {
        let dir = tempfile::tempdir().unwrap();
        let file = TermsFile::open(dir.path());
        let kept = file
            .save(&terms(
                &[
                    "  chuyển đổi số ",
                    "",
                    "Quân khu 5\n# ghi chú\nđại số gia tử",
                ],
                &["thực hiện"],
                &[],
            ))
            .unwrap();
        let want = terms(
            &["chuyển đổi số", "Quân khu 5", "đại số gia tử"],
            &["thực hiện"],
            &[],
        );
        assert_eq!(kept, want);
        assert_eq!(*file.get(), want);
        // A new start reads them from the files, one term a line.
        assert_eq!(*TermsFile::open(dir.path()).get(), want);
        assert_eq!(
            std::fs::read_to_string(dir.path().join("dict.txt")).unwrap(),
            "chuyển đổi số\nQuân khu 5\nđại số gia tử\n"
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join("boost.txt")).unwrap(),
            ""
        );
    }

    #[test]
    fn damaged_files_read_as_empty_lists_and_never_fail() {
        let dir = tempfile::tempdir().unwrap();
        // Not UTF-8; a folder where a file should be; a BOM, CRLF and a
        // term too long for the core (left out, the others kept).
        std::fs::write(dir.path().join("dict.txt"), b"\xff\xfe\x00b\x00a\x00d").unwrap();
        std::fs::create_dir(dir.path().join("exclude.txt")).unwrap();
        let long = "dài ".repeat(80);
        std::fs::write(
            dir.path().join("boost.txt"),
            format!("\u{feff}Hà Nội\r\n{long}\r\n\r\nĐà Nẵng\r\n"),
        )
        .unwrap();
        let file = TermsFile::open(dir.path());
        assert_eq!(*file.get(), terms(&[], &[], &["Hà Nội", "Đà Nẵng"]));
        let opts = file.get().apply(Options::default());
        assert!(opts.validate().is_ok());
    }

    #[test]
    fn a_term_too_long_is_refused_and_the_old_terms_stay() {
        let dir = tempfile::tempdir().unwrap();
        let file = TermsFile::open(dir.path());
        let old = terms(&[], &["tỉnh"], &[]);
        file.save(&old).unwrap();
        let long = "a".repeat(MAX_TERM_BYTES + 1);
        let err = file.save(&terms(&[&long], &[], &[])).unwrap_err();
        let err = serde_json::to_value(err).unwrap();
        assert_eq!(err["kind"], "term_too_long");
        assert_eq!(*file.get(), old);
        assert_eq!(file.load(), old);
    }

    #[test]
    fn the_terms_steer_the_keywords() {
        let engine = tomtat::Engine::new();
        let text = "Quảng Ngãi đẩy mạnh chuyển đổi số trong cơ quan nhà nước\n\n\
            Sáng 3/12, ông Nguyễn Văn Tú, Phó Chủ tịch UBND tỉnh Quảng Ngãi, chủ trì hội nghị về chuyển đổi số. \
            Theo ông Nguyễn Văn Tú, năm nay tỉnh sẽ đưa toàn bộ hồ sơ hành chính lên nền tảng số. \
            Bà Trần Thị Hoa nói chuyển đổi số giúp người dân làm thủ tục nhanh hơn. \
            Hội nghị thống nhất mở thêm lớp tập huấn chuyển đổi số cho cán bộ xã trong quý tới.\n";
        let keywords = |t: &Terms| -> Vec<String> {
            let opts = t.apply(Options::default());
            let (_, s) = engine.summarize_text(text, &opts).unwrap();
            s.keywords.into_iter().map(|k| k.text).collect()
        };
        let plain = keywords(&Terms::default());
        let first = plain
            .iter()
            .find(|k| *k != "chuyển đổi số")
            .unwrap()
            .clone();
        let steered = keywords(&terms(&["chuyển đổi số"], &[&first], &[]));
        assert!(!steered.contains(&first), "{first} in {steered:?}");
        assert!(steered.iter().any(|k| k == "chuyển đổi số"), "{steered:?}");
        // The page's lists are replaced by the saved ones.
        let page = Options {
            exclude: vec!["cơ quan".into()],
            ..Options::default()
        };
        assert_eq!(Terms::default().apply(page).exclude, Vec::<String>::new());
    }
}
