//! Writes `src/data/tag-clusters.tsv`, the word clusters the
//! part-of-speech tagger reads (`src/tag/mod.rs`): words that stand in
//! the same company in running text, learned without tags from the
//! articles of `$TOMTAT_SHARED/data/vietnews/train.jsonl` as the shipped
//! segmenter splits them (`tag-common/news.rs`, the lines the tag
//! profiles are learned from).
//!
//! Each word seen `MIN_COUNT` times or more (the `MAX_WORDS` most
//! frequent) is the counts of the words right before and right after it,
//! among the `CONTEXTS` most frequent words (a figure counts as `0`, the
//! start and end of a line as one word of their own); square roots,
//! scaled to length one. Spherical k-means
//! (`tomtat::tag::spherical_kmeans`) groups them, `FINE` groups and,
//! apart, `COARSE` groups. One line per word, `key TAB fine TAB coarse`,
//! in key order (the key as the tagger keys a word: lower case, one tone
//! placement, syllables apart by a space).
//!
//! The words of the file this writes over keep their groups, and a word
//! new to it joins the group nearest to it (the mean of the group's
//! words), so a change in the text or the segmenter moves no word and
//! keeps the groups' numbers; a word gone from the text leaves.
//! `--refine` lets every word move until none does, from the groups
//! before; `--fresh` starts from the words of evenly spaced frequency
//! ranks instead. Two builds afresh, the second with one line in 50
//! left out, keep 56.5 % of the words in the same fine group (3.3 %
//! under the same number); refined from the first, 97.8 % (and the
//! tagger's 5-fold CV moves by 0.01, 91.15 to 91.16).
//!
//! Run by `make train`, before the tagger is trained:
//!
//! ```text
//! TOMTAT_SHARED=../shared cargo run --release --features train --example tag-clusters [-- --refine | --fresh]
//! ```
//!
//! Deterministic: the same articles and the same file before give the
//! same bytes, and the file it writes gives itself again.

use std::collections::HashMap;

use tomtat::tag::{spherical_kmeans, Sparse};
use tomtat::vi::canonical;

#[path = "tag-common/news.rs"]
mod news;

const MIN_COUNT: u32 = 5;
const MAX_WORDS: usize = 40_000;
const CONTEXTS: usize = 1_000;
const FINE: usize = 256;
const COARSE: usize = 32;
const ROUNDS: usize = 300;

fn main() -> std::io::Result<()> {
    let shared = std::env::var("TOMTAT_SHARED").unwrap_or_else(|_| "../shared".into());
    // Every line of every article, as keys; the words numbered in order
    // of first sight.
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut keys: Vec<String> = Vec::new();
    let mut lines: Vec<Vec<u32>> = Vec::new();
    news::for_each_line(&shared, |line| {
        let words = line
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(|w| {
                let key = if w.bytes().any(|b| b.is_ascii_digit()) {
                    "0".to_string()
                } else {
                    canonical(w).replace('_', " ")
                };
                let next = keys.len() as u32;
                *ids.entry(key.clone()).or_insert_with(|| {
                    keys.push(key);
                    next
                })
            })
            .collect();
        lines.push(words);
    })?;
    let mut count = vec![0u32; keys.len()];
    for l in &lines {
        for &w in l {
            count[w as usize] += 1;
        }
    }
    // Words by frequency, ties by key.
    let mut rank: Vec<u32> = (0..keys.len() as u32).collect();
    rank.sort_by(|&a, &b| {
        count[b as usize]
            .cmp(&count[a as usize])
            .then_with(|| keys[a as usize].cmp(&keys[b as usize]))
    });
    let contexts = CONTEXTS.min(rank.len());
    // Dimension of each word as a context; the line edge is `contexts`.
    let mut ctx = vec![u32::MAX; keys.len()];
    for (i, &w) in rank[..contexts].iter().enumerate() {
        ctx[w as usize] = i as u32;
    }
    let edge = contexts as u32;
    let width = 2 * (contexts + 1);
    let vocab: Vec<u32> = rank
        .iter()
        .copied()
        .filter(|&w| count[w as usize] >= MIN_COUNT && keys[w as usize] != "0")
        .take(MAX_WORDS)
        .collect();
    let mut row = vec![u32::MAX; keys.len()];
    for (i, &w) in vocab.iter().enumerate() {
        row[w as usize] = i as u32;
    }
    let mut counts: Vec<HashMap<u32, u32>> = vec![HashMap::new(); vocab.len()];
    for l in &lines {
        for (i, &w) in l.iter().enumerate() {
            let r = row[w as usize];
            if r == u32::MAX {
                continue;
            }
            let before = if i == 0 { edge } else { ctx[l[i - 1] as usize] };
            let after = l.get(i + 1).map_or(edge, |&n| ctx[n as usize]);
            let c = &mut counts[r as usize];
            if before != u32::MAX {
                *c.entry(before).or_default() += 1;
            }
            if after != u32::MAX {
                *c.entry(edge + 1 + after).or_default() += 1;
            }
        }
    }
    let vectors: Vec<Sparse> = counts
        .into_iter()
        .map(|c| {
            let mut v: Sparse = c.into_iter().map(|(d, n)| (d, (n as f32).sqrt())).collect();
            v.sort_unstable_by_key(|&(d, _)| d);
            let norm = v.iter().map(|&(_, x)| x * x).sum::<f32>().sqrt().max(1e-9);
            for (_, x) in &mut v {
                *x /= norm;
            }
            v
        })
        .collect();
    // The clusters built before, unless `--fresh`: each word starts in
    // its old groups, so that a change in the text moves few words.
    let dest = concat!(env!("CARGO_MANIFEST_DIR"), "/src/data/tag-clusters.tsv");
    let fresh = std::env::args().skip(1).any(|a| a == "--fresh");
    let old = if fresh {
        String::new()
    } else {
        std::fs::read_to_string(dest).unwrap_or_default()
    };
    let before: HashMap<&str, (usize, usize)> = old
        .lines()
        .filter_map(|l| {
            let mut c = l.split('\t');
            let key = c.next()?;
            Some((key, (c.next()?.parse().ok()?, c.next()?.parse().ok()?)))
        })
        .collect();
    let start = |coarse: bool| -> Vec<Option<usize>> {
        vocab
            .iter()
            .map(|&w| {
                let &(f, c) = before.get(keys[w as usize].as_str())?;
                Some(if coarse { c } else { f })
            })
            .collect()
    };
    let refine = std::env::args().skip(1).any(|a| a == "--refine");
    let cluster = |k: usize, start: &[Option<usize>]| {
        let kept = start.iter().flatten().count();
        // Without `--refine` (or `--fresh`), the words of the file before
        // keep their groups, and each new word joins the group nearest to
        // it: one round from the groups before.
        let rounds = if refine || kept == 0 { ROUNDS } else { 1 };
        let (mut groups, moved) = spherical_kmeans(&vectors, width, k, start, rounds);
        if rounds == 1 {
            for (g, s) in groups.iter_mut().zip(start) {
                *g = s.unwrap_or(*g);
            }
        }
        let changed = groups
            .iter()
            .zip(start)
            .filter(|(g, s)| s.is_some_and(|s| s != **g))
            .count();
        eprintln!(
            "k-means {k}: {kept} words in the groups before, {changed} of them moved; {moved} moved in the last round"
        );
        groups
    };
    let fine = cluster(FINE, &start(false));
    let coarse = cluster(COARSE, &start(true));
    let mut table: Vec<(&str, usize, usize)> = vocab
        .iter()
        .enumerate()
        .map(|(i, &w)| (keys[w as usize].as_str(), fine[i], coarse[i]))
        .collect();
    table.sort_unstable();
    let mut tsv = String::new();
    for (k, f, c) in &table {
        tsv.push_str(&format!("{k}\t{f}\t{c}\n"));
    }
    std::fs::write(dest, &tsv)?;
    println!(
        "{dest}: {} words ({} lines, {} words of text), {FINE} and {COARSE} clusters",
        table.len(),
        lines.len(),
        count.iter().map(|&c| c as u64).sum::<u64>()
    );
    Ok(())
}
