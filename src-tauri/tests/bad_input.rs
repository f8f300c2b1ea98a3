//! The core's bad-input corpus (`../tests/corpus`) through the app's own
//! path: the batch that `summarize_files` runs, every reader in a child
//! process of the app's own executable (its `main` hands a worker over to
//! `tomtat::read::main_if_worker` before any window is made). Each file
//! ends in one event the UI can put in plain Vietnamese, or in a summary;
//! nothing panics, hangs or takes the app's memory past its bound, and no
//! worker is left behind.

#[path = "../../tests/corpus/mod.rs"]
mod corpus;
#[path = "../../tests/fixtures/mod.rs"]
mod fixtures;

use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use corpus::{corpus, Want};
use serde_json::Value;
use tomtat::read::{self, Isolation, ReadOptions, WorkerProcess};
use tomtat::{Engine, Options};
use tomtat_app::headless::{self, FileEvent, FileRef, Store};

/// Longest one file may take, from its start to its end event (the
/// slowest, a pdf bomb stopped at the worker's memory limit, takes a few
/// seconds in a debug build).
const PER_FILE: Duration = Duration::from_secs(30);
/// Longest the whole batch may take before the test calls it a hang.
const WHOLE: Duration = Duration::from_secs(300);

/// The Vietnamese words the UI shows for an error kind (`ui/src/i18n.ts`,
/// whose Vietnamese dictionary comes first), if it has some.
fn vietnamese_words(kind: &str) -> Option<String> {
    let i18n = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../ui/src/i18n.ts"))
        .expect("ui/src/i18n.ts");
    let key = format!("\"err.{kind}\": \"");
    let start = i18n.find(&key)? + key.len();
    let end = start + i18n[start..].find('"')?;
    Some(i18n[start..end].to_string())
}

/// This process's peak resident memory since the last reset, in KiB.
fn peak_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM in /proc/self/status")
}

/// The app's reader workers (children of this process started with the
/// worker argument, or dead and not yet waited for) still around.
fn leftover_workers() -> Vec<u32> {
    let me = std::process::id();
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
            continue;
        };
        let after = &stat[stat.rfind(')').map_or(0, |i| i + 1)..];
        let ppid = after.split_whitespace().nth(1).and_then(|p| p.parse().ok());
        if ppid != Some(me) {
            continue;
        }
        let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
        if cmdline.is_empty()
            || cmdline
                .split(|&b| b == 0)
                .any(|a| a == read::WORKER_ARG.as_bytes())
        {
            found.push(pid);
        }
    }
    found
}

#[test]
fn the_app_gives_each_bad_file_one_clear_end() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = corpus(dir.path(), true);
    let good = dir.path().join("bai.docx");
    std::fs::write(&good, fixtures::article_docx()).unwrap();
    files.insert(files.len() / 2, (good.clone(), Want::Readable));
    // What the files hold, but for the one refused by its size unread.
    let input: u64 = files
        .iter()
        .filter_map(|(p, _)| std::fs::metadata(p).ok())
        .filter(|m| m.is_file() && m.len() <= read::MAX_FILE_SIZE)
        .map(|m| m.len())
        .sum();

    let engine = Arc::new(Engine::new());
    let store = Arc::new(Store::default());
    // The app's options for its readers (`ReadOptions::isolated`), with
    // the app's executable as the worker.
    let reader = ReadOptions {
        isolation: Isolation::Process(WorkerProcess::new(env!("CARGO_BIN_EXE_tomtat-app"))),
        ..ReadOptions::default()
    };
    let refs: Vec<FileRef> = files
        .iter()
        .enumerate()
        .map(|(i, (path, _))| FileRef {
            id: i as u64,
            path: path.clone(),
        })
        .collect();
    let events: Arc<Mutex<Vec<(Instant, Value)>>> = Arc::default();
    let sink: headless::Sink = {
        let events = events.clone();
        Arc::new(move |e: FileEvent| {
            let json = serde_json::to_value(&e).unwrap();
            events.lock().unwrap().push((Instant::now(), json));
        })
    };
    // The corpus written, the memory held so far is the test's own: count
    // the batch's peak from here (`5` resets VmHWM to the current RSS).
    std::fs::write("/proc/self/clear_refs", "5").expect("reset the peak memory");
    let base_kb = peak_kb();
    let (tx, rx) = std::sync::mpsc::channel();
    let batch = {
        let (engine, store) = (engine.clone(), store.clone());
        std::thread::spawn(move || {
            let cancel = Arc::new(AtomicBool::new(false));
            let view = headless::run(
                &engine,
                &store,
                &refs,
                &Options::default(),
                &reader,
                &cancel,
                &sink,
            );
            let _ = tx.send(serde_json::to_value(&view).unwrap());
        })
    };
    let view = rx
        .recv_timeout(WHOLE)
        .unwrap_or_else(|_| panic!("the batch did not end within {WHOLE:?}"));
    batch.join().unwrap();
    let peak = peak_kb();

    let events = events.lock().unwrap();
    let mut failed = 0;
    for (id, (path, want)) in files.iter().enumerate() {
        let name = path.display().to_string();
        let mine: Vec<&(Instant, Value)> = events
            .iter()
            .filter(|(_, e)| e["id"] == id as u64)
            .collect();
        let started = mine.iter().find(|(_, e)| e["event"] == "started");
        let ends: Vec<&&(Instant, Value)> = mine
            .iter()
            .filter(|(_, e)| e["event"] == "done" || e["event"] == "failed")
            .collect();
        let (Some((t0, _)), [(t1, end)]) = (started, &ends[..]) else {
            panic!("{name}: want one start and one end, got {mine:?}");
        };
        assert!(
            *t1 - *t0 < PER_FILE,
            "{name} took {:?}",
            t1.duration_since(*t0)
        );
        if end["event"] == "failed" {
            failed += 1;
            let kind = end["error"]["kind"].as_str().unwrap();
            let message = end["error"]["message"].as_str().unwrap();
            let words = vietnamese_words(kind)
                .unwrap_or_else(|| panic!("{name}: no Vietnamese words for error kind {kind:?}"));
            assert!(
                !words.is_ascii() && kind != "app",
                "{name}: {kind:?} is shown as {words:?}"
            );
            assert!(!message.contains('\n'), "{name}: one line: {message:?}");
            match want {
                Want::Err(want_kind, needle) => {
                    assert_eq!(kind, want_kind.as_str(), "{name}: {message}");
                    assert!(message.contains(&name), "{name}: {message:?} names it");
                    assert!(
                        message.contains(needle),
                        "{name}: {message:?} lacks {needle:?}"
                    );
                }
                // Read, with nothing in it to summarize.
                Want::Readable => assert_eq!(kind, "empty", "{name}: {message}"),
            }
        } else {
            assert!(
                matches!(want, Want::Readable),
                "{name}: want {want:?}, got a summary"
            );
        }
    }
    let good_id = files.iter().position(|(p, _)| *p == good).unwrap() as u64;
    let good_end = events
        .iter()
        .find(|(_, e)| e["id"] == good_id && e["event"] == "done")
        .expect("the good file is summarized");
    let text = good_end.1["result"]["doc"]["text"].as_str().unwrap();
    assert!(text.contains(fixtures::PARAGRAPHS[0]), "{text}");
    assert_eq!(view["failed"], failed);
    assert_eq!(view["cancelled"], 0);
    // The app's own memory: readers run in workers, so what it holds is
    // the documents' text and their analysis, within 4 times the input
    // plus 256 MiB (issue 19).
    let limit = base_kb + 4 * input / 1024 + 256 * 1024;
    eprintln!(
        "input {input} B; peak {peak} KiB, {base_kb} KiB before the batch; limit {limit} KiB"
    );
    assert!(
        peak <= limit,
        "peak memory {peak} KiB over {limit} KiB (from {base_kb} KiB)"
    );
    assert_eq!(leftover_workers(), Vec::<u32>::new(), "workers left behind");
    drop(dir);
}
