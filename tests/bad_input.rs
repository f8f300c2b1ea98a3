//! A corpus of bad files, written here, through the core and the CLI: each
//! gets one clear error naming it (or, for odd but readable input, a normal
//! result); nothing panics, hangs or runs out of memory, and the batch goes
//! on.

mod corpus;
mod fixtures;
mod util;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use corpus::{corpus, flate_bomb_pdf, spinning_pdf, Want};
use tomtat::read::{self, ReadOptions};
use tomtat::{Engine, ErrorKind};

/// Held by every test here that starts processes, so that one test's
/// check for leftover workers does not see another's live ones.
static CHILDREN: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn children_lock() -> std::sync::MutexGuard<'static, ()> {
    CHILDREN.lock().unwrap_or_else(|e| e.into_inner())
}

/// One child process of `parent`, from /proc.
struct Child {
    pid: u32,
    /// Its state letter (`Z`: dead, not yet reaped).
    state: char,
    /// Started with the worker argument.
    worker: bool,
    /// No command line: a zombie.
    no_cmdline: bool,
}

fn children_of(parent: u32) -> Vec<Child> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
            continue;
        };
        // `pid (comm) state ppid ...`; comm may hold spaces and parentheses.
        let after = &stat[stat.rfind(')').map_or(0, |i| i + 1)..];
        let mut fields = after.split_whitespace();
        let state = fields.next().and_then(|s| s.chars().next()).unwrap_or('?');
        let ppid = fields.next().and_then(|p| p.parse::<u32>().ok());
        if ppid != Some(parent) {
            continue;
        }
        let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
        found.push(Child {
            pid,
            state,
            worker: cmdline
                .split(|&b| b == 0)
                .any(|a| a == read::WORKER_ARG.as_bytes()),
            no_cmdline: cmdline.is_empty(),
        });
    }
    found
}

/// The worker processes (children of this test process) still running or
/// not yet waited for; a zombie has an empty command line, so every child
/// without one counts.
fn leftover_workers() -> Vec<u32> {
    children_of(std::process::id())
        .into_iter()
        .filter(|c| c.worker || c.no_cmdline)
        .map(|c| c.pid)
        .collect()
}

/// Reads through a worker process: the `tomtat` binary of this build.
fn in_worker(memory_limit: u64) -> ReadOptions {
    ReadOptions {
        isolation: read::Isolation::Process(
            read::WorkerProcess::new(env!("CARGO_BIN_EXE_tomtat")).memory_limit(memory_limit),
        ),
        ..ReadOptions::default()
    }
}

#[test]
fn core_gives_one_clear_error_per_bad_file() {
    check_corpus(false, &ReadOptions::default());
}

#[test]
fn core_in_a_worker_gives_one_clear_error_per_bad_file() {
    let _lock = children_lock();
    check_corpus(true, &in_worker(512 << 20));
    assert_eq!(leftover_workers(), Vec::<u32>::new());
}

fn check_corpus(hostile: bool, opts: &ReadOptions) {
    let dir = tempfile::tempdir().unwrap();
    let engine = Engine::new();
    for (path, want) in corpus(dir.path(), hostile) {
        let start = Instant::now();
        let got = engine.read(&path, opts);
        let name = path.display().to_string();
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "{name} took {:?}",
            start.elapsed()
        );
        match (want, got) {
            (Want::Readable, Ok(_)) => {}
            (Want::Err(kind, needle), Err(e)) => {
                let mut msg = e.to_string();
                let mut src = std::error::Error::source(&e);
                while let Some(s) = src {
                    msg.push_str(&format!(": {s}"));
                    src = s.source();
                }
                assert_eq!(e.kind(), kind, "{name}: {msg}");
                assert_eq!(e.path(), Some(path.as_path()), "{name}: {msg}");
                assert!(msg.contains(needle), "{name}: {msg:?} lacks {needle:?}");
                assert!(!msg.contains('\n'), "{name}: one line: {msg:?}");
            }
            (want, got) => panic!("{name}: want {want:?}, got {:?}", got.map(|d| d.text)),
        }
    }
}

/// On a thread the parser cannot be stopped, but the reader stops waiting.
/// The parser spins on in the background, so the pdf is a short one
/// (some 3 s of parsing, fifteen times the limit), not one that would take
/// a core from the other tests for minutes.
#[test]
fn a_parser_past_its_time_limit_is_given_up() {
    let opts = ReadOptions {
        time_limit: Duration::from_millis(200),
        ..ReadOptions::default()
    };
    let e = read::read_bytes(
        &spinning_pdf(250),
        read::Format::Pdf,
        Path::new("cham.pdf"),
        &opts,
    )
    .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::TimedOut, "{e}");
    assert!(e.to_string().starts_with("cham.pdf: "), "{e}");
}

#[test]
fn a_spinning_parser_is_killed_at_the_time_limit() {
    let _lock = children_lock();
    let pdf = spinning_pdf(5000);
    let opts = ReadOptions {
        time_limit: Duration::from_secs(1),
        ..in_worker(read::MEMORY_LIMIT)
    };
    let start = Instant::now();
    let e = read::read_bytes(&pdf, read::Format::Pdf, Path::new("quay.pdf"), &opts).unwrap_err();
    let took = start.elapsed();
    assert_eq!(e.kind(), ErrorKind::TimedOut, "{e}");
    assert_eq!(
        e.to_string(),
        "quay.pdf: gave up reading after 1 s (time limit)"
    );
    assert!(took < Duration::from_secs(10), "took {took:?}");
    // The worker was killed and waited for, not left to spin.
    assert_eq!(leftover_workers(), Vec::<u32>::new());
}

/// The workers of process `parent`, with their state letter.
fn workers_of(parent: u32) -> Vec<(u32, char)> {
    children_of(parent)
        .into_iter()
        .filter(|c| c.worker)
        .map(|c| (c.pid, c.state))
        .collect()
}

/// A `tomtat` killed while its worker spins takes the worker with it.
#[cfg(target_os = "linux")]
#[test]
fn a_worker_dies_with_its_parent() {
    let _lock = children_lock();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("quay.pdf");
    std::fs::write(&path, spinning_pdf(5000)).unwrap();
    let mut cli = std::process::Command::new(env!("CARGO_BIN_EXE_tomtat"))
        .arg(&path)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let cli_pid = cli.id();
    let start = Instant::now();
    let worker = loop {
        if let Some(&(pid, _)) = workers_of(cli_pid).first() {
            break pid;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "no worker started"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    cli.kill().unwrap();
    cli.wait().unwrap();
    let start = Instant::now();
    loop {
        let state = std::fs::read_to_string(format!("/proc/{worker}/stat"))
            .ok()
            .and_then(|s| {
                let after = s[s.rfind(')')? + 1..].to_string();
                after.split_whitespace().next()?.chars().next()
            });
        // Gone, or dead and waiting for init to reap it.
        if matches!(state, None | Some('Z') | Some('X')) {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "worker {worker} still {state:?} after its parent died"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_parser_past_its_memory_limit_is_stopped() {
    let _lock = children_lock();
    let opts = in_worker(512 << 20);
    let bomb = flate_bomb_pdf();
    let e = read::read_bytes(&bomb, read::Format::Pdf, Path::new("bom.pdf"), &opts).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::OutOfMemory, "{e}");
    // Stopped at the file's own bound (four times its size and 256 MiB),
    // below the worker's cap.
    let bound = read::resident_bound(bomb.len(), 512 << 20);
    assert!(bound < 512 << 20, "{bound}");
    assert_eq!(
        e.to_string(),
        format!(
            "bom.pdf: gave up reading: the parser needed more than {} MiB (memory limit)",
            bound >> 20
        )
    );
    assert_eq!(leftover_workers(), Vec::<u32>::new());
}

#[test]
fn a_worker_reads_what_a_thread_reads() {
    let _lock = children_lock();
    let pdf = fixtures::article_pdf(70);
    let path = Path::new("bai.pdf");
    let fmt = read::Format::Pdf;
    let here = read::read_bytes(&pdf, fmt, path, &ReadOptions::default()).unwrap();
    let there = read::read_bytes(&pdf, fmt, path, &in_worker(read::MEMORY_LIMIT)).unwrap();
    assert_eq!(here, there);
    // A worker that cannot be started is one clear error.
    let opts = ReadOptions {
        isolation: read::Isolation::Process(read::WorkerProcess::new("/khong/co/tomtat")),
        ..ReadOptions::default()
    };
    let e = read::read_bytes(&pdf, fmt, path, &opts).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Malformed, "{e}");
    let msg = format!("{e}: {}", std::error::Error::source(&e).unwrap());
    assert!(msg.contains("cannot start the reader process"), "{msg}");
}

#[test]
fn the_unpacked_size_is_capped() {
    let opts = ReadOptions {
        max_unpacked_size: 1000,
        ..ReadOptions::default()
    };
    let e = read::read_bytes(
        &fixtures::article_docx(),
        read::Format::Docx,
        Path::new("a.docx"),
        &opts,
    )
    .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Malformed, "{e}");
}

#[test]
fn cli_reports_each_bad_file_once_and_goes_on() {
    let _lock = children_lock();
    let dir = util::Dir::new("bad_input");
    let mut files = corpus(dir.path(), true);
    let good = dir.join("bai.docx");
    std::fs::write(&good, fixtures::article_docx()).unwrap();
    files.insert(files.len() / 2, (good.clone(), Want::Readable));
    let mut cmd = dir.command(&[]);
    for (p, _) in &files {
        cmd = cmd.arg(p);
    }
    let out = cmd.run();
    if std::env::var_os("TOMTAT_SHOW").is_some() {
        eprintln!("{}", out.stderr);
    }
    out.assert_code(2);
    out.check(!out.stderr.contains("panicked"), "no panic message");
    let errs = out.stderr_lines();
    let bad: Vec<&PathBuf> = files
        .iter()
        .filter(|(_, w)| matches!(w, Want::Err(..)))
        .map(|(p, _)| p)
        .collect();
    // Readable files with nothing to summarize add a line of their own.
    for p in &bad {
        let name = p.display().to_string();
        let n = errs.iter().filter(|l| l.contains(&name)).count();
        out.check(n == 1, &format!("one error line for {name}"));
    }
    out.check(
        out.stdout.contains(&format!("== {}", good.display())),
        "the good file is summarized",
    );
    out.check(out.stdout.contains(fixtures::TITLE), "with its title");
}
