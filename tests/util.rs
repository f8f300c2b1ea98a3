//! Helpers for tests that run the real `tomtat` binary, after ripgrep's
//! `tests/util.rs`: every test gets a fresh directory, writes its input
//! files there, runs the binary in it and gets stdout, stderr and the exit
//! code back. Assertions print the whole output when they fail, so a failing
//! run can be read without running it again.

// Each test file uses a different part of this module.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

/// A fresh, empty directory, removed when dropped.
pub struct Dir {
    tmp: tempfile::TempDir,
}

impl Dir {
    /// A new empty directory; `name` (the test's name) prefixes it so a kept
    /// directory can be found.
    pub fn new(name: &str) -> Dir {
        let tmp = tempfile::Builder::new()
            .prefix(&format!("tomtat-{name}-"))
            .tempdir()
            .expect("create temp dir");
        Dir { tmp }
    }

    /// The directory.
    pub fn path(&self) -> &Path {
        self.tmp.path()
    }

    /// The path of `name` in the directory.
    pub fn join(&self, name: &str) -> PathBuf {
        self.path().join(name)
    }

    /// Writes `contents` to `name`.
    pub fn create(&self, name: &str, contents: &str) -> PathBuf {
        self.create_bytes(name, contents.as_bytes())
    }

    /// Writes `bytes` to `name`.
    pub fn create_bytes(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.join(name);
        std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
        path
    }

    /// A command running the binary in this directory with `args`.
    pub fn command(&self, args: &[&str]) -> TestCommand {
        TestCommand {
            cmd: {
                let mut cmd = Command::new(bin());
                cmd.current_dir(self.path()).args(args);
                cmd
            },
            stdin: None,
        }
    }
}

/// The binary under test.
pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_tomtat"))
}

/// A command about to run, with optional standard input.
pub struct TestCommand {
    cmd: Command,
    stdin: Option<Vec<u8>>,
}

impl TestCommand {
    /// Feeds `input` on standard input.
    pub fn stdin(mut self, input: impl Into<Vec<u8>>) -> TestCommand {
        self.stdin = Some(input.into());
        self
    }

    /// Adds one argument.
    pub fn arg(mut self, arg: impl AsRef<std::ffi::OsStr>) -> TestCommand {
        self.cmd.arg(arg);
        self
    }

    /// Runs the command to the end.
    pub fn run(self) -> Output {
        self.run_within(None)
    }

    /// Runs the command, killing it if it has not ended after `limit`
    /// (a hang, not a speed figure: give it minutes), and fails then.
    pub fn run_or_hang(self, limit: std::time::Duration) -> Output {
        self.run_within(Some(limit))
    }

    fn run_within(mut self, limit: Option<std::time::Duration>) -> Output {
        let desc = format!("{:?}", self.cmd);
        self.cmd
            .stdin(if self.stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = self
            .cmd
            .spawn()
            .unwrap_or_else(|e| panic!("spawn {desc}: {e}"));
        // Write from a thread: a large input could otherwise fill the pipe
        // while the child blocks on a full stdout.
        let writer = self.stdin.take().map(|input| {
            let mut stdin = child.stdin.take().expect("piped stdin");
            std::thread::spawn(move || {
                let _ = stdin.write_all(&input);
            })
        });
        // The watchdog: kills the child at the limit, unless told it ended.
        let (ended, wait_end) = std::sync::mpsc::channel::<()>();
        let pid = child.id();
        let watchdog = limit.map(|limit| {
            std::thread::spawn(move || {
                let hung = wait_end.recv_timeout(limit).is_err();
                if hung {
                    let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
                }
                hung
            })
        });
        let out = child
            .wait_with_output()
            .unwrap_or_else(|e| panic!("wait {desc}: {e}"));
        let _ = ended.send(());
        if let Some(w) = watchdog {
            let hung = w.join().expect("watchdog");
            assert!(!hung, "{desc} did not end within {limit:?}: it hangs");
        }
        if let Some(w) = writer {
            w.join().expect("stdin writer");
        }
        Output {
            desc,
            stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
            code: out.status.code(),
        }
    }

    /// Runs the command and checks its exit code.
    pub fn expect_code(self, code: i32) -> Output {
        let out = self.run();
        out.assert_code(code);
        out
    }
}

/// What a finished command printed, and how it exited.
#[derive(Clone)]
pub struct Output {
    /// The command line, for messages.
    pub desc: String,
    pub stdout: String,
    pub stderr: String,
    /// `None` when killed by a signal.
    pub code: Option<i32>,
}

impl std::fmt::Debug for Output {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "\n\n==== command ====\n{}\n==== exit code ====\n{:?}\n\
             ==== stdout ====\n{}\n==== stderr ====\n{}\n==== end ====\n",
            self.desc, self.code, self.stdout, self.stderr
        )
    }
}

impl Output {
    /// Fails, printing everything, unless the exit code is `code`.
    pub fn assert_code(&self, code: i32) {
        assert_eq!(self.code, Some(code), "unexpected exit code{self:?}");
    }

    /// Fails, printing everything, unless `cond` holds.
    #[track_caller]
    pub fn check(&self, cond: bool, what: &str) {
        assert!(cond, "{what}{self:?}");
    }

    /// Stdout as one JSON value per line.
    pub fn json_lines(&self) -> Vec<Value> {
        json_lines(&self.stdout).unwrap_or_else(|e| panic!("{e}{self:?}"))
    }

    /// The lines of stderr.
    pub fn stderr_lines(&self) -> Vec<&str> {
        self.stderr.lines().collect()
    }
}

/// One JSON value per line of `s`; every line must be one.
pub fn json_lines(s: &str) -> Result<Vec<Value>, String> {
    s.lines()
        .enumerate()
        .map(|(n, l)| {
            serde_json::from_str(l).map_err(|e| format!("line {} is not JSON ({e}): {l:?}", n + 1))
        })
        .collect()
}

/// Asserts that two strings are equal, printing both in full (with a first
/// differing line) when they are not.
#[track_caller]
pub fn assert_same(what: &str, expected: &str, got: &str) {
    if expected == got {
        return;
    }
    let first = expected
        .lines()
        .zip(got.lines())
        .position(|(a, b)| a != b)
        .map_or_else(
            || "one is a prefix of the other".to_string(),
            |n| format!("first difference on line {}", n + 1),
        );
    panic!(
        "{what}: outputs differ ({first})\n==== expected ====\n{expected}\n\
         ==== got ====\n{got}\n==== end ===="
    );
}

/// The `summary` entries of a JSON result.
pub fn summary_of(v: &Value) -> &Vec<Value> {
    v["summary"]
        .as_array()
        .unwrap_or_else(|| panic!("no summary array in {v}"))
}

/// The keyword texts of a JSON result.
pub fn keywords_of(v: &Value) -> Vec<String> {
    v["keywords"]
        .as_array()
        .unwrap_or_else(|| panic!("no keywords array in {v}"))
        .iter()
        .map(|k| {
            k["text"]
                .as_str()
                .unwrap_or_else(|| panic!("keyword without text in {v}"))
                .to_string()
        })
        .collect()
}

/// `text[start..end]` counted in chars (Unicode scalar values), as the
/// CLI's JSON offsets are.
pub fn char_slice(text: &str, start: usize, end: usize) -> String {
    text.chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect()
}

impl Dir {
    /// A command running the binary under `/usr/bin/time`, so that
    /// [`Output::peak_kb`] can say its peak memory (resident set).
    pub fn command_measured(&self, args: &[&str]) -> TestCommand {
        let mut cmd = Command::new("/usr/bin/time");
        cmd.current_dir(self.path())
            .args(["-f", "tomtat-peak-kb %M"])
            .arg(bin())
            .args(args);
        TestCommand { cmd, stdin: None }
    }
}

impl Output {
    /// The peak resident memory of a [`Dir::command_measured`] run, in KiB.
    pub fn peak_kb(&self) -> u64 {
        self.stderr
            .lines()
            .rev()
            .find_map(|l| l.strip_prefix("tomtat-peak-kb ")?.trim().parse().ok())
            .unwrap_or_else(|| panic!("no peak memory line (is `time` installed?){self:?}"))
    }
}
