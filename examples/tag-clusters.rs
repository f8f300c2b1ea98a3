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
//! scaled to length one. Spherical k-means groups them, `FINE` groups
//! and, apart, `COARSE` groups, from the words of evenly spaced
//! frequency ranks, `ITERATIONS` rounds each. One line per word, `key
//! TAB fine TAB coarse`, in key order (the key as the tagger keys a word:
//! lower case, one tone placement, syllables apart by a space).
//!
//! Run by `make train`, before the tagger is trained:
//!
//! ```text
//! TOMTAT_SHARED=../shared cargo run --release --features train --example tag-clusters
//! ```
//!
//! Deterministic: the same articles give the same bytes.

use std::collections::HashMap;

use tomtat::vi::canonical;

#[path = "tag-common/news.rs"]
mod news;

const MIN_COUNT: u32 = 5;
const MAX_WORDS: usize = 40_000;
const CONTEXTS: usize = 1_000;
const FINE: usize = 256;
const COARSE: usize = 32;
const ITERATIONS: usize = 15;

/// A word's context vector: (dimension, value), dimensions increasing.
type Sparse = Vec<(u32, f32)>;

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
    let fine = kmeans(&vectors, width, FINE);
    let coarse = kmeans(&vectors, width, COARSE);
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
    let dest = concat!(env!("CARGO_MANIFEST_DIR"), "/src/data/tag-clusters.tsv");
    std::fs::write(dest, &tsv)?;
    println!(
        "{dest}: {} words ({} lines, {} words of text), {FINE} and {COARSE} clusters",
        table.len(),
        lines.len(),
        count.iter().map(|&c| c as u64).sum::<u64>()
    );
    Ok(())
}

/// Spherical k-means of unit `vectors` of `width` dimensions into `k`
/// groups: each vector's group.
fn kmeans(vectors: &[Sparse], width: usize, k: usize) -> Vec<usize> {
    let k = k.min(vectors.len()).max(1);
    // Centroids transposed: dimension by dimension, `k` values each.
    let mut ct = vec![0f32; width * k];
    let seeds = vectors.len().min(20 * k);
    for c in 0..k {
        for &(d, x) in &vectors[c * seeds / k] {
            ct[d as usize * k + c] = x;
        }
    }
    let mut group = vec![usize::MAX; vectors.len()];
    let mut scores = vec![0f32; k];
    for _ in 0..ITERATIONS {
        let mut moved = 0;
        for (i, v) in vectors.iter().enumerate() {
            scores.fill(0.0);
            for &(d, x) in v {
                let col = &ct[d as usize * k..(d as usize + 1) * k];
                for (s, c) in scores.iter_mut().zip(col) {
                    *s += x * c;
                }
            }
            let mut best = 0;
            for (c, &s) in scores.iter().enumerate() {
                if s > scores[best] {
                    best = c;
                }
            }
            moved += usize::from(group[i] != best);
            group[i] = best;
        }
        // New centroids: the members' sum, scaled to length one; a group
        // left empty keeps its centroid.
        let mut sum = vec![0f32; width * k];
        let mut members = vec![0usize; k];
        for (v, &g) in vectors.iter().zip(&group) {
            members[g] += 1;
            for &(d, x) in v {
                sum[d as usize * k + g] += x;
            }
        }
        for c in 0..k {
            if members[c] == 0 {
                continue;
            }
            let norm = (0..width)
                .map(|d| sum[d * k + c] * sum[d * k + c])
                .sum::<f32>()
                .sqrt()
                .max(1e-9);
            for d in 0..width {
                ct[d * k + c] = sum[d * k + c] / norm;
            }
        }
        eprintln!("k-means {k}: {moved} moved");
        if moved == 0 {
            break;
        }
    }
    group
}
