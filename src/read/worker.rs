//! A parser kept in a child process, so that a file that makes it spin or
//! swallow memory costs a killed process, not the caller's.
//!
//! The child is the caller's own executable, run again with
//! [`WORKER_ARG`] as its first argument; its `main` hands over to
//! [`main_if_worker`] before anything else. The file's bytes go to the
//! child on stdin, the outcome comes back on stdout as one tagged,
//! length-prefixed message (see [`encode`]). The child caps its own address
//! space (`setrlimit(RLIMIT_AS)`, on Unix) before it reads a byte, or (on
//! Windows) joins a job whose memory may not pass [`resident_bound`]; the
//! parent kills it at [`ReadOptions::time_limit`], or (on Linux) as soon as
//! its resident memory with that of the programs it started (OCR's
//! Tesseracts) passes [`resident_bound`] for the file, and always waits for
//! it, so no process is left behind.
//!
//! # Design
//!
//! A thread with a deadline (the library's default, [`Isolation::Thread`])
//! can stop waiting but cannot stop the parser: Rust has no way to kill a
//! thread, and `pdf-extract` never checks for cancellation. Only a process
//! can be killed, and only a process can have its memory capped without
//! capping the caller's. Re-running the same executable keeps the release a
//! single file; a library user without a helper executable keeps the thread.

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, ExitCode, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use super::encoding::{Detected, Encoding};
use super::ocr::{Ocr, OcrPage, PageDone, Progress};
use super::{Failure, Format, Outcome, Raw, ReadOptions};
use crate::budget::Budget;

/// The first argument that makes an executable a reader worker.
pub const WORKER_ARG: &str = "--tomtat-read-worker";

/// The address space a worker gets by default: 1 GiB.
pub const MEMORY_LIMIT: u64 = 1 << 30;

/// The resident memory a worker may reach reading a file of `len` bytes:
/// four times the file and 256 MiB (the bound issue 19 sets for any
/// input), and never more than `cap`, its address space.
///
/// The address-space cap alone let a small file that unpacks to gigabytes
/// (a pdf of 9 MB whose stream inflates to 2 GiB) fill 1.2 GB before it
/// was stopped. The real documents of `../shared/realdocs` peak at 0.02
/// to 0.45 of this bound (a 3.4 MB thesis pdf: 121 MiB of 268), scans read
/// by OCR at 0.47 to 0.59 with their Tesseracts (154 MiB of 261).
pub fn resident_bound(len: usize, cap: u64) -> u64 {
    (len as u64)
        .saturating_mul(4)
        .saturating_add(256 << 20)
        .min(cap)
}

/// How often the parent looks at a worker's resident memory.
const WATCH: Duration = Duration::from_millis(10);

/// How far below its bound a worker is stopped: what a parser may add
/// between two looks (the flate bomb above grew 5 MB past the bound when it
/// was stopped at the bound itself on a quiet machine, 14 MB on a busy one).
const WATCH_MARGIN: u64 = 32 << 20;

/// Where the parsers that may misbehave (pdf, doc) run.
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub enum Isolation {
    /// On a thread of the calling process. Past the time limit the reader
    /// returns [`Error::TimedOut`](crate::Error::TimedOut), but the parser
    /// runs on to its end, and its memory is the caller's. Default.
    #[default]
    Thread,
    /// In a child process, killed at the time limit, its memory capped.
    Process(WorkerProcess),
}

/// How to start a worker process.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct WorkerProcess {
    /// An executable whose `main` calls [`main_if_worker`] first.
    pub program: PathBuf,
    /// The most address space the worker may map for the parse, in bytes,
    /// above what it has mapped when it starts (Unix only).
    /// Default: [`MEMORY_LIMIT`].
    pub memory_limit: u64,
}

impl WorkerProcess {
    /// A worker run from `program`, with the default memory limit.
    pub fn new(program: impl Into<PathBuf>) -> WorkerProcess {
        WorkerProcess {
            program: program.into(),
            memory_limit: MEMORY_LIMIT,
        }
    }

    /// A worker run from the current executable, which must call
    /// [`main_if_worker`] at the start of its `main`.
    pub fn current_exe() -> std::io::Result<WorkerProcess> {
        std::env::current_exe().map(WorkerProcess::new)
    }

    /// The same worker with another memory limit, in bytes.
    pub fn memory_limit(mut self, bytes: u64) -> WorkerProcess {
        self.memory_limit = bytes;
        self
    }
}

/// The entry point of a worker. Call it first thing in `main`: when the
/// process was started as a worker it reads one file from stdin, writes the
/// outcome to stdout and returns the exit code to end with; otherwise it
/// returns `None` and does nothing.
///
/// ```no_run
/// fn main() -> std::process::ExitCode {
///     if let Some(code) = tomtat::read::main_if_worker() {
///         return code;
///     }
///     // ... the program proper
/// #   std::process::ExitCode::SUCCESS
/// }
/// ```
pub fn main_if_worker() -> Option<ExitCode> {
    let mut args = std::env::args_os().skip(1);
    if args.next().as_deref() != Some(OsStr::new(WORKER_ARG)) {
        return None;
    }
    let format = args.next().and_then(|f| format_named(&f.to_string_lossy()));
    let limit = args
        .next()
        .and_then(|l| l.to_string_lossy().parse::<u64>().ok());
    // A fourth argument, `no-ocr`, turns OCR off.
    let ocr = args.next().as_deref() != Some(OsStr::new("no-ocr"));
    // Then the forced encoding (`-` for none) and the unpacking cap: the
    // child reads as the parent was asked to.
    let encoding = args
        .next()
        .and_then(|e| e.to_string_lossy().parse::<Encoding>().ok());
    let max_unpacked_size = args
        .next()
        .and_then(|l| l.to_string_lossy().parse::<u64>().ok())
        .unwrap_or(ReadOptions::default().max_unpacked_size);
    let (Some(format), Some(limit)) = (format, limit) else {
        let _ = writeln!(std::io::stderr(), "usage: {WORKER_ARG} FORMAT MEMORY_LIMIT");
        return Some(ExitCode::from(2));
    };
    cap_memory(limit);
    let mut bytes = Vec::new();
    if std::io::stdin().lock().read_to_end(&mut bytes).is_err() {
        return Some(ExitCode::from(2));
    }
    #[cfg(windows)]
    bound_job(resident_bound(bytes.len(), limit));
    // The parent enforces the time; here the parser may take what it needs.
    // OCR's progress goes to the parent on stderr (see `progress_line`).
    let opts = ReadOptions {
        time_limit: Duration::MAX,
        isolation: Isolation::Thread,
        ocr,
        encoding,
        max_unpacked_size,
        progress: Progress::new(|p| {
            let _ = std::io::stderr().write_all(progress_line(p).as_bytes());
        }),
        // What the parent stops the worker at, Tesseract's processes counted.
        memory_bound: Some(resident_bound(bytes.len(), limit).saturating_sub(WATCH_MARGIN)),
        ..ReadOptions::default()
    };
    let outcome = super::from_bytes_with(&bytes, format, &opts);
    drop(bytes);
    let mut out = std::io::stdout().lock();
    match out.write_all(&encode(&outcome)).and_then(|()| out.flush()) {
        Ok(()) => Some(ExitCode::SUCCESS),
        Err(_) => Some(ExitCode::from(2)),
    }
}

fn format_named(name: &str) -> Option<Format> {
    [
        Format::Text,
        Format::Markdown,
        Format::Html,
        Format::Docx,
        Format::Odt,
        Format::Rtf,
        Format::Pdf,
        Format::Doc,
        Format::Image,
    ]
    .into_iter()
    .find(|f| f.name() == name)
}

/// Caps this process's address space, and (on Linux) has it killed when
/// its parent dies, so that a worker does not outlive a `tomtat` stopped
/// with Ctrl-C. `libc` rather than the `rlimit` crate: these are two calls,
/// and `libc` is already in the tree.
///
/// The cap is `bytes` above the address space the process already has:
/// an allocator may reserve much of it up front (mimalloc, in the `tomtat`
/// binary, reserves an arena of 1 GiB before `main`), and a cap below that
/// would refuse even the parser's thread.
#[cfg(unix)]
fn cap_memory(bytes: u64) {
    let cap = mapped_now().saturating_add(bytes);
    let lim = libc::rlimit {
        rlim_cur: cap as libc::rlim_t,
        rlim_max: cap as libc::rlim_t,
    };
    // SAFETY: setrlimit reads the struct we pass and touches nothing else.
    unsafe {
        libc::setrlimit(libc::RLIMIT_AS, &lim);
    }
    // The parent thread that started this process waits for it before it
    // ends, so the signal comes only when the whole parent is gone.
    #[cfg(target_os = "linux")]
    // SAFETY: prctl with PR_SET_PDEATHSIG takes a signal number, no memory.
    unsafe {
        libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
    }
}

/// The address space this process has mapped, in bytes (0 where the
/// system does not say).
#[cfg(unix)]
fn mapped_now() -> u64 {
    statm("self", 0).unwrap_or(0)
}

#[cfg(not(unix))]
fn cap_memory(_bytes: u64) {}

/// Windows: puts this process in a job whose memory, with that of the
/// programs it starts (OCR's Tesseracts), may not pass `bytes`, and whose
/// processes die with it. Windows has no resident watch from the parent
/// and no address-space cap: the job is its bound. It counts committed
/// memory, which is at least the resident set. Where the system refuses,
/// the worker runs unbounded, as before.
#[cfg(windows)]
fn bound_job(bytes: u64) {
    use windows_sys::Win32::System::JobObjects::{
        AssignProcessToJobObject, CreateJobObjectW, JobObjectExtendedLimitInformation,
        SetInformationJobObject, JOBOBJECT_EXTENDED_LIMIT_INFORMATION, JOB_OBJECT_LIMIT_JOB_MEMORY,
        JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE,
    };
    use windows_sys::Win32::System::Threading::GetCurrentProcess;
    // SAFETY: the calls read the struct passed by pointer with its size and
    // the handles they return; the job's handle is kept open on purpose
    // (closing it would end this process) and closes when the process does.
    unsafe {
        let job = CreateJobObjectW(std::ptr::null(), std::ptr::null());
        if job.is_null() {
            return;
        }
        let mut info: JOBOBJECT_EXTENDED_LIMIT_INFORMATION = std::mem::zeroed();
        info.BasicLimitInformation.LimitFlags =
            JOB_OBJECT_LIMIT_JOB_MEMORY | JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;
        info.JobMemoryLimit = usize::try_from(bytes).unwrap_or(usize::MAX);
        let set = SetInformationJobObject(
            job,
            JobObjectExtendedLimitInformation,
            std::ptr::from_ref(&info).cast(),
            std::mem::size_of::<JOBOBJECT_EXTENDED_LIMIT_INFORMATION>() as u32,
        );
        if set != 0 {
            AssignProcessToJobObject(job, GetCurrentProcess());
        }
    }
}

/// The resident memory of this process, in bytes (`None` where the system
/// does not say).
#[cfg(unix)]
pub(super) fn own_resident() -> Option<u64> {
    statm("self", 1)
}

#[cfg(not(unix))]
pub(super) fn own_resident() -> Option<u64> {
    None
}

/// The resident memory of process `pid`, in bytes (`None` where the system
/// does not say, or the process is gone).
#[cfg(unix)]
fn resident(pid: u32) -> Option<u64> {
    statm(&pid.to_string(), 1)
}

/// The resident memory of process `pid` and of the programs it started
/// (OCR's Tesseracts), in bytes (`None` where the system does not say).
///
/// A child still a copy of `pid` (forked, not yet running its program)
/// shares its parent's pages: it is not counted until it has become
/// the program.
#[cfg(unix)]
fn tree_resident(pid: u32) -> Option<u64> {
    let own = resident(pid)?;
    let comm = |p: &str| std::fs::read_to_string(format!("/proc/{p}/comm")).ok();
    let name = comm(&pid.to_string());
    let mut sum = own;
    // Each thread's children: OCR starts Tesseract from its own threads.
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return Some(sum);
    };
    for task in tasks.flatten() {
        let Ok(children) = std::fs::read_to_string(task.path().join("children")) else {
            continue;
        };
        for kid in children.split_whitespace() {
            if comm(kid).is_some_and(|c| Some(&c) != name.as_ref()) {
                sum = sum.saturating_add(statm(kid, 1).unwrap_or(0));
            }
        }
    }
    Some(sum)
}

#[cfg(not(unix))]
fn tree_resident(_pid: u32) -> Option<u64> {
    None
}

/// A size `/proc/PID/statm` gives of process `pid` (`self` for this one),
/// in bytes: field 0 is the whole mapping, 1 the resident set (`None` where
/// the system has no such file, as only Linux has, or the process is gone).
#[cfg(unix)]
fn statm(pid: &str, field: usize) -> Option<u64> {
    let statm = std::fs::read_to_string(format!("/proc/{pid}/statm")).ok()?;
    let pages = statm.split_whitespace().nth(field)?.parse::<u64>().ok()?;
    // SAFETY: sysconf reads a constant of the system.
    let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    Some(pages.saturating_mul(page.max(0) as u64))
}

/// The memory all the workers of this process may map at once: half the
/// machine's, and at least one worker's [`MEMORY_LIMIT`]. Each worker is
/// capped, but a front end runs one per thread: on a machine of many cores
/// and little memory, files that each take their worker's whole cap could
/// together take more than the machine has.
fn room() -> &'static Budget {
    static ROOM: std::sync::OnceLock<Budget> = std::sync::OnceLock::new();
    ROOM.get_or_init(|| Budget::new(room_for(physical_memory())))
}

/// The workers' room on a machine of `memory` bytes (see [`room`]).
fn room_for(memory: u64) -> usize {
    usize::try_from((memory / 2).max(MEMORY_LIMIT)).unwrap_or(usize::MAX)
}

/// The machine's memory in bytes (a guess of 4 GiB where it cannot be
/// asked).
fn physical_memory() -> u64 {
    #[cfg(unix)]
    {
        // SAFETY: sysconf reads constants of the system.
        let (pages, size) = unsafe {
            (
                libc::sysconf(libc::_SC_PHYS_PAGES),
                libc::sysconf(libc::_SC_PAGESIZE),
            )
        };
        if pages > 0 && size > 0 {
            return (pages as u64).saturating_mul(size as u64);
        }
    }
    4 << 30
}

/// Reads `bytes` as `format` in a worker process, once its memory limit
/// fits in the room the workers share (see [`room`]).
pub(crate) fn read(
    bytes: &[u8],
    format: Format,
    worker: &WorkerProcess,
    opts: &ReadOptions,
) -> Outcome {
    read_in(room(), bytes, format, worker, opts)
}

fn read_in(
    room: &Budget,
    bytes: &[u8],
    format: Format,
    worker: &WorkerProcess,
    opts: &ReadOptions,
) -> Outcome {
    let bound = resident_bound(bytes.len(), worker.memory_limit);
    let _room = room.take(usize::try_from(bound).unwrap_or(usize::MAX));
    if opts.cancel.is_set() {
        return Err(Failure::Cancelled);
    }
    let mut child = Command::new(&worker.program)
        // mimalloc (the `tomtat` binary's allocator) keeps freed pages for
        // a while and commits its arena eagerly: a thesis pdf of 3.4 MB
        // peaked at 238 MB in a worker, 124 MB with these two (117 MB with
        // the system's allocator), in the same time. Other allocators do
        // not read them.
        .env("MIMALLOC_PURGE_DELAY", "0")
        .env("MIMALLOC_ARENA_EAGER_COMMIT", "0")
        .arg(WORKER_ARG)
        .arg(format.name())
        .arg(worker.memory_limit.to_string())
        .arg(if opts.ocr { "ocr" } else { "no-ocr" })
        .arg(opts.encoding.map_or("-", Encoding::name))
        .arg(opts.max_unpacked_size.to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            Failure::malformed_by(
                format!(
                    "cannot start the reader process `{}`",
                    worker.program.display()
                ),
                e,
            )
        })?;
    let (mut stdin, mut stdout, mut stderr) = (
        child.stdin.take().expect("piped"),
        child.stdout.take().expect("piped"),
        child.stderr.take().expect("piped"),
    );
    let (tx, rx) = mpsc::channel();
    // Seconds added to the time limit for OCR.
    let extra = std::sync::atomic::AtomicU64::new(0);
    // Scoped threads feed and drain the pipes; all of them end once the
    // child is gone, which the code below makes sure of.
    let (message, errors, stop, status) = std::thread::scope(|scope| {
        scope.spawn(move || {
            // A child that dies early closes the pipe: nothing to report.
            let _ = stdin.write_all(bytes);
        });
        let extra = &extra;
        let errors = scope.spawn(move || {
            // Progress lines are passed on (and buy OCR its time); the
            // rest is kept, up to 64 KiB, to say why a worker died.
            let mut buf = Vec::new();
            let mut lines = std::io::BufReader::new(&mut stderr);
            let mut line = Vec::new();
            while matches!(std::io::BufRead::read_until(&mut lines, b'\n', &mut line), Ok(n) if n > 0) {
                match parse_progress(&line) {
                    Some(p) => {
                        if p.done == 0 {
                            let secs = OCR_PAGE_TIME.as_secs().saturating_mul(p.pages as u64);
                            extra.store(secs, std::sync::atomic::Ordering::Relaxed);
                        }
                        opts.progress.report(p);
                    }
                    None if buf.len() < 64 << 10 => buf.extend_from_slice(&line),
                    None => {}
                }
                line.clear();
            }
            String::from_utf8_lossy(&buf).into_owned()
        });
        scope.spawn(move || {
            let mut buf = Vec::new();
            let r = stdout.read_to_end(&mut buf).map(|_| buf);
            let _ = tx.send(r);
        });
        // The deadline moves when the worker says it has pages to OCR; its
        // memory is looked at every `WATCH`.
        let started = std::time::Instant::now();
        let (message, stop) = loop {
            let extra = Duration::from_secs(extra.load(std::sync::atomic::Ordering::Relaxed));
            let left = opts
                .time_limit
                .saturating_add(extra)
                .saturating_sub(started.elapsed());
            if opts.cancel.is_set() {
                let _ = child.kill();
                break (None, Some(Failure::Cancelled));
            }
            if tree_resident(child.id()).is_some_and(|r| r > bound.saturating_sub(WATCH_MARGIN)) {
                let _ = child.kill();
                break (None, Some(Failure::OutOfMemory(bound)));
            }
            match rx.recv_timeout(left.min(WATCH)) {
                Ok(r) => break (r.ok(), None),
                Err(mpsc::RecvTimeoutError::Timeout) if !left.is_zero() => {}
                Err(_) => {
                    let _ = child.kill();
                    break (None, Some(Failure::TimedOut));
                }
            }
        };
        let status = child.wait();
        (message, errors.join().unwrap_or_default(), stop, status)
    });
    if let Some(stop) = stop {
        return Err(stop);
    }
    if let Some(outcome) = message.as_deref().and_then(|m| decode(m, format)) {
        return outcome;
    }
    if errors.contains("memory allocation of") {
        return Err(Failure::OutOfMemory(worker.memory_limit));
    }
    if errors.contains("has overflowed its stack") {
        return Err(Failure::malformed("the parser overflowed its stack"));
    }
    let status = match status {
        Ok(s) => s.to_string(),
        Err(e) => e.to_string(),
    };
    Err(Failure::malformed(format!(
        "the reader process stopped ({status})"
    )))
}

/// The time a worker gets for each page it reads by OCR, above
/// [`ReadOptions::time_limit`]: a page takes 2 to 5 s on one core.
pub const OCR_PAGE_TIME: Duration = Duration::from_secs(20);

/// A progress report as the worker writes it on stderr.
fn progress_line(p: PageDone) -> String {
    format!("\x1btomtat-ocr {} {}\n", p.done, p.pages)
}

fn parse_progress(line: &[u8]) -> Option<PageDone> {
    let rest = line.strip_prefix(b"\x1btomtat-ocr ")?;
    let rest = std::str::from_utf8(rest).ok()?;
    let mut it = rest.split_whitespace().map(|n| n.parse::<usize>().ok());
    Some(PageDone {
        done: it.next()??,
        pages: it.next()??,
    })
}

// The message: a tag byte, the payload's length (u64, little-endian), the
// payload. Tag 0 is text (an encoding byte, 255 for none, a confidence as
// f32, then UTF-8); tags 1 to 5 and 7 are the failures, their reason as
// UTF-8. Tag 6 is text read by OCR: the document's confidence (f32), the
// page count (u32), per page its number (u32), confidence (f32), words
// (u32) and low flag (u8), then as tag 0.

fn encode(outcome: &Outcome) -> Vec<u8> {
    let (tag, payload) = match outcome {
        Ok(raw) => {
            let mut p = Vec::with_capacity(raw.text.len() + 5);
            if let Some(ocr) = &raw.ocr {
                p.extend(ocr.confidence.to_le_bytes());
                p.extend((ocr.pages.len() as u32).to_le_bytes());
                for page in &ocr.pages {
                    p.extend(page.page.to_le_bytes());
                    p.extend(page.confidence.to_le_bytes());
                    p.extend(page.words.to_le_bytes());
                    p.push(u8::from(page.low));
                }
            }
            match raw.encoding {
                Some(d) => {
                    let i = Encoding::ALL.iter().position(|e| *e == d.encoding);
                    p.push(i.map_or(255, |i| i as u8));
                    p.extend(d.confidence.to_le_bytes());
                }
                None => {
                    p.push(255);
                    p.extend(0f32.to_le_bytes());
                }
            }
            p.extend(raw.text.as_bytes());
            (if raw.ocr.is_some() { 6u8 } else { 0 }, p)
        }
        Err(Failure::NotText(r)) => (1, r.as_bytes().to_vec()),
        // A cause cannot cross the pipe: its chain goes as text.
        Err(Failure::Malformed(m)) => (2, m.chain().into_bytes()),
        Err(Failure::NoTextLayer) => (3, Vec::new()),
        Err(Failure::TimedOut) => (4, Vec::new()),
        Err(Failure::OutOfMemory(n)) => (5, n.to_le_bytes().to_vec()),
        Err(Failure::NoOcr(r)) => (7, r.as_bytes().to_vec()),
        Err(Failure::Cancelled) => (8, Vec::new()),
        Err(Failure::TooMuchText(n)) => (9, n.to_le_bytes().to_vec()),
    };
    let mut out = Vec::with_capacity(payload.len() + 9);
    out.push(tag);
    out.extend((payload.len() as u64).to_le_bytes());
    out.extend(payload);
    out
}

/// The outcome in a worker's message; `None` when the message is cut
/// short or not one.
fn decode(msg: &[u8], format: Format) -> Option<Outcome> {
    let (&tag, rest) = msg.split_first()?;
    let (len, payload) = rest.split_first_chunk::<8>()?;
    if u64::from_le_bytes(*len) != payload.len() as u64 {
        return None;
    }
    let text = || String::from_utf8(payload.to_vec()).ok();
    Some(match tag {
        0 | 6 => {
            let mut payload = payload;
            let mut ocr = None;
            if tag == 6 {
                let mut take = |n: usize| -> Option<&[u8]> {
                    let (a, b) = payload.split_at_checked(n)?;
                    payload = b;
                    Some(a)
                };
                let f32_at = |b: &[u8]| f32::from_le_bytes(b.try_into().unwrap_or_default());
                let u32_at = |b: &[u8]| u32::from_le_bytes(b.try_into().unwrap_or_default());
                let confidence = f32_at(take(4)?);
                let n = u32_at(take(4)?) as usize;
                let mut pages = Vec::with_capacity(n.min(1 << 16));
                for _ in 0..n {
                    pages.push(OcrPage {
                        page: u32_at(take(4)?),
                        confidence: f32_at(take(4)?),
                        words: u32_at(take(4)?),
                        low: take(1)?[0] != 0,
                    });
                }
                ocr = Some(Ocr { confidence, pages });
            }
            let (&enc, rest) = payload.split_first()?;
            let (conf, text) = rest.split_first_chunk::<4>()?;
            let encoding = Encoding::ALL.get(enc as usize).map(|&encoding| Detected {
                encoding,
                confidence: f32::from_le_bytes(*conf),
            });
            Ok(Raw {
                text: String::from_utf8(text.to_vec()).ok()?,
                format,
                encoding,
                ocr,
            })
        }
        1 => Err(Failure::NotText(text()?)),
        2 => Err(Failure::malformed(text()?)),
        3 => Err(Failure::NoTextLayer),
        4 => Err(Failure::TimedOut),
        5 => Err(Failure::OutOfMemory(u64::from_le_bytes(
            *payload.first_chunk::<8>()?,
        ))),
        7 => Err(Failure::NoOcr(text()?)),
        8 => Err(Failure::Cancelled),
        9 => Err(Failure::TooMuchText(u64::from_le_bytes(
            *payload.first_chunk::<8>()?,
        ))),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workers_share_half_the_machines_memory() {
        assert_eq!(room_for(16 << 30), 8 << 30);
        assert_eq!(room_for(1 << 30), MEMORY_LIMIT as usize);
        assert!(room().capacity() >= MEMORY_LIMIT as usize);
    }

    // Six files at once, room for two workers: never more than two run.
    // Each fake worker notes itself in `live/` while it runs and writes
    // how many it saw there.
    #[cfg(unix)]
    #[test]
    fn no_more_workers_run_at_once_than_their_room_holds() {
        use std::os::unix::fs::PermissionsExt;
        let dir = std::env::temp_dir().join(format!("tomtat-room-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("live")).unwrap();
        let program = dir.join("worker.sh");
        let script = format!(
            "#!/bin/sh\ncat >/dev/null\nd='{}'\ntouch \"$d/live/$$\"\n\
             ls \"$d/live\" | wc -l > \"$d/seen.$$\"\nsleep 0.3\nrm \"$d/live/$$\"\n",
            dir.display()
        );
        std::fs::write(&program, script).unwrap();
        std::fs::set_permissions(&program, std::fs::Permissions::from_mode(0o755)).unwrap();
        let worker = WorkerProcess::new(&program).memory_limit(100 << 20);
        let room = Budget::new(200 << 20);
        let opts = ReadOptions::default();
        std::thread::scope(|s| {
            for _ in 0..6 {
                s.spawn(|| read_in(&room, b"x", Format::Pdf, &worker, &opts));
            }
        });
        let seen: Vec<usize> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| {
                let e = e.unwrap();
                e.file_name()
                    .to_string_lossy()
                    .starts_with("seen.")
                    .then(|| {
                        let n = std::fs::read_to_string(e.path()).unwrap();
                        n.trim().parse().unwrap()
                    })
            })
            .collect();
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(seen.len(), 6, "every worker ran");
        assert!(
            seen.iter().all(|&n| n <= 2),
            "at most two at once: {seen:?}"
        );
    }

    #[test]
    fn messages_round_trip() {
        let cases: Vec<Outcome> = vec![
            Ok(Raw {
                text: "Hà Nội\n".into(),
                format: Format::Pdf,
                encoding: None,
                ocr: None,
            }),
            Ok(Raw {
                text: "Quyết định\n".into(),
                format: Format::Pdf,
                encoding: None,
                ocr: Some(Ocr {
                    confidence: 91.5,
                    pages: vec![
                        OcrPage {
                            page: 1,
                            confidence: 95.0,
                            words: 120,
                            low: false,
                        },
                        OcrPage {
                            page: 2,
                            confidence: 61.0,
                            words: 8,
                            low: true,
                        },
                    ],
                }),
            }),
            Ok(Raw {
                text: String::new(),
                format: Format::Pdf,
                encoding: Some(Detected {
                    encoding: Encoding::Vni,
                    confidence: 0.75,
                }),
                ocr: None,
            }),
            Err(Failure::NotText("NUL bytes".into())),
            Err(Failure::malformed("hỏng")),
            Err(Failure::NoTextLayer),
            Err(Failure::TimedOut),
            Err(Failure::OutOfMemory(1 << 30)),
            Err(Failure::NoOcr("cài tesseract-ocr".into())),
            Err(Failure::TooMuchText(49 << 20)),
        ];
        for outcome in cases {
            let msg = encode(&outcome);
            let back = decode(&msg, Format::Pdf).expect("decodes");
            assert_eq!(format!("{back:?}"), format!("{outcome:?}"));
            // Cut short anywhere: not a message.
            for cut in 0..msg.len() {
                assert!(
                    decode(&msg[..cut], Format::Pdf).is_none(),
                    "{outcome:?} cut at {cut}"
                );
            }
        }
    }

    #[test]
    fn progress_lines_round_trip() {
        let p = PageDone { done: 3, pages: 26 };
        assert_eq!(parse_progress(progress_line(p).as_bytes()), Some(p));
        assert_eq!(parse_progress(b"thread 'x' panicked\n"), None);
    }

    #[test]
    fn formats_by_name() {
        for f in [Format::Pdf, Format::Docx, Format::Doc, Format::Text] {
            assert_eq!(format_named(f.name()), Some(f));
        }
        assert_eq!(format_named("exe"), None);
    }
}
