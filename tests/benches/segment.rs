//! `make bench`: segmentation and tagging speed, start-up time and memory.
//!
//! A plain program (`harness = false`), in the manner of vibrato's
//! `benchmark/`: warm up, run several trials, report the best, since the
//! machine is shared and noisy. The text is the word-segmentation DEV set
//! (`$TOMTAT_SHARED/data/vtb_ws/dev.txt`, `_` turned back into spaces, as
//! `vi_eval.py ws-input` does) repeated to about 4 MB; a syllable is a
//! whitespace-separated token of that text, as in the treebank's counts.
//!
//! ```text
//! cargo bench --bench segment                 # or: make bench
//! TOMTAT_SHARED=/path/to/shared cargo bench --bench segment
//! ```
//!
//! Tagging is timed on the same treebank's words (as `tomtat tag --words`
//! gets them: `vtb_ws/dev.txt` lines split at spaces), on one thread.
//!
//! With `TOMTAT_BENCH_PROFILE=N` it only segments the DEV text `N` times
//! on one thread and exits, for `valgrind --tool=callgrind` or `perf
//! stat`, whose counts do not depend on what else the machine runs.

use std::hint::black_box;
use std::time::{Duration, Instant};

use tomtat::tag::Tagger;
use tomtat::{Engine, Segmenter, Span};

/// Trials per figure; the best one is reported.
const TRIALS: usize = 7;
/// About this many bytes of text per trial.
const TARGET_BYTES: usize = 4 << 20;

fn main() {
    let shared = std::env::var("TOMTAT_SHARED").unwrap_or_else(|_| "../shared".into());
    let path = format!("{shared}/data/vtb_ws/dev.txt");
    let gold = match std::fs::read_to_string(&path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: cannot read {path}: {e} (set TOMTAT_SHARED)");
            std::process::exit(2);
        }
    };
    if let Ok(reps) = std::env::var("TOMTAT_BENCH_PROFILE") {
        let reps: usize = reps.parse().unwrap_or(4);
        let seg = Segmenter::new();
        let one = gold.replace('_', " ");
        let lines: Vec<&str> = one.lines().collect();
        let mut w = seg.worker();
        let mut out = Vec::new();
        for _ in 0..reps {
            for line in &lines {
                out.clear();
                w.words(line, Span::new(0, line.len()), &mut out);
            }
        }
        black_box(&out);
        return;
    }
    let rss_start = status_kb("VmRSS");

    // Start-up: the first build in this process, then the best of several.
    let (first_seg, seg) = timed(Segmenter::new);
    let rss_seg = status_kb("VmRSS");
    let best_seg = best_of(TRIALS, || drop(black_box(Segmenter::new())));
    let (first_engine, engine) = timed(Engine::new);
    let best_engine = best_of(TRIALS, || drop(black_box(Engine::new())));
    drop(engine);

    let one = gold.replace('_', " ");
    let reps = (TARGET_BYTES / one.len().max(1)).max(1);
    let lines: Vec<&str> = one.lines().filter(|l| !l.trim().is_empty()).collect();
    let syllables_once: usize = lines.iter().map(|l| l.split_whitespace().count()).sum();
    let syllables = syllables_once * reps;
    let bytes = one.len() * reps;

    // One thread: every line of the text `reps` times, through one worker.
    let run = |seg: &Segmenter, lines: &[&str], reps: usize| -> usize {
        let mut w = seg.worker();
        let mut out = Vec::new();
        let mut words = 0;
        for _ in 0..reps {
            for line in lines {
                out.clear();
                w.words(line, Span::new(0, line.len()), &mut out);
                words += out.len();
            }
        }
        words
    };
    run(&seg, &lines, 1); // warm-up
    let t1 = best_of(TRIALS, || {
        black_box(run(&seg, &lines, reps));
    });
    // The same on-CPU only: on a shared machine the wall clock also
    // counts the time other processes held the core.
    let cpu1 = (0..TRIALS)
        .filter_map(|_| {
            let before = thread_cpu()?;
            black_box(run(&seg, &lines, reps));
            Some(thread_cpu()? - before)
        })
        .min();
    // Two threads: each takes half of the repetitions, one worker each.
    let t2 = best_of(TRIALS, || {
        std::thread::scope(|s| {
            let a = s.spawn(|| run(&seg, &lines, reps / 2));
            let b = s.spawn(|| run(&seg, &lines, reps - reps / 2));
            black_box(a.join().unwrap() + b.join().unwrap());
        })
    });
    let rss_peak = status_kb("VmHWM");

    // Tagging: the treebank's own words, `reps` times, one worker.
    let rss_before_tagger = status_kb("VmRSS");
    let (first_tagger, tagger) = timed(Tagger::new);
    let rss_tagger = status_kb("VmRSS").saturating_sub(rss_before_tagger);
    let sentences: Vec<Vec<&str>> = gold
        .lines()
        .map(|l| l.split_whitespace().collect())
        .filter(|s: &Vec<&str>| !s.is_empty())
        .collect();
    let words_once: usize = sentences.iter().map(Vec::len).sum();
    let tag_run = |reps: usize| -> usize {
        let mut w = tagger.worker();
        let mut tags = Vec::new();
        for _ in 0..reps {
            for s in &sentences {
                tags.clear();
                w.tag(s.iter().copied(), &mut tags);
            }
        }
        black_box(tags.len())
    };
    tag_run(1); // warm-up
    let tag_reps = 20;
    let tag_cpu = (0..TRIALS)
        .filter_map(|_| {
            let before = thread_cpu()?;
            black_box(tag_run(tag_reps));
            Some(thread_cpu()? - before)
        })
        .min();
    let tag_wall = best_of(TRIALS, || {
        black_box(tag_run(tag_reps));
    });

    let rate = |t: Duration| syllables as f64 / t.as_secs_f64() / 1e6;
    let mb = |t: Duration| bytes as f64 / t.as_secs_f64() / 1e6;
    println!(
        "segmentation: DEV {} syllables x {reps} = {:.1} M syllables, {:.1} MB; best of {TRIALS}",
        syllables_once,
        syllables as f64 / 1e6,
        bytes as f64 / 1e6
    );
    println!("| figure | value |");
    println!("|---|---|");
    println!(
        "| segment, 1 thread | {:.2} M syllables/s ({:.0} MB/s, {:.0} ms) |",
        rate(t1),
        mb(t1),
        ms(t1)
    );
    if let Some(cpu) = cpu1 {
        println!(
            "| segment, 1 thread, per CPU second | {:.2} M syllables/s ({:.0} ms on CPU) |",
            rate(cpu),
            ms(cpu)
        );
    }
    println!(
        "| segment, 2 threads | {:.2} M syllables/s ({:.0} MB/s, {:.0} ms, x{:.2}) |",
        rate(t2),
        mb(t2),
        ms(t2),
        t1.as_secs_f64() / t2.as_secs_f64()
    );
    let tag_rate = |t: Duration| (words_once * tag_reps) as f64 / t.as_secs_f64() / 1e6;
    println!(
        "| tag, 1 thread ({} words x {tag_reps}) | {:.2} M words/s{} |",
        words_once,
        tag_rate(tag_wall),
        tag_cpu.map_or(String::new(), |c| format!(
            ", {:.2} M words/s per CPU second",
            tag_rate(c)
        ))
    );
    println!(
        "| `Tagger::new()` | {:.2} ms, +{:.1} MB RSS |",
        ms(first_tagger),
        rss_tagger as f64 / 1024.0
    );
    println!(
        "| `Segmenter::new()` | {:.2} ms first, {:.2} ms best |",
        ms(first_seg),
        ms(best_seg)
    );
    println!(
        "| `Engine::new()` | {:.2} ms first, {:.2} ms best |",
        ms(first_engine),
        ms(best_engine)
    );
    println!(
        "| memory | segmenter +{:.1} MB RSS; peak RSS {:.1} MB (text included) |",
        rss_seg.saturating_sub(rss_start) as f64 / 1024.0,
        rss_peak as f64 / 1024.0
    );
}

fn ms(t: Duration) -> f64 {
    t.as_secs_f64() * 1e3
}

fn timed<T>(f: impl FnOnce() -> T) -> (Duration, T) {
    let t = Instant::now();
    let v = f();
    (t.elapsed(), v)
}

fn best_of(n: usize, mut f: impl FnMut()) -> Duration {
    (0..n)
        .map(|_| timed(&mut f).0)
        .min()
        .expect("at least one trial")
}

/// The time this thread has run on a CPU, from `/proc/thread-self/schedstat`
/// (Linux); `None` elsewhere.
fn thread_cpu() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    Some(Duration::from_nanos(
        s.split_whitespace().next()?.parse().ok()?,
    ))
}

/// A `kB` field of `/proc/self/status` (0 where there is none).
fn status_kb(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field) && l[field.len()..].starts_with(':'))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}
