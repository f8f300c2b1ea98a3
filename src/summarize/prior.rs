//! A prior on each syllable pair of an article, apart from its place: how
//! often the human abstracts of TRAIN (`../shared/data/vietnews/train.jsonl`)
//! keep the pair when their article holds it, against how often they keep
//! any pair. `tinh thần` or `cho biết` are in many articles and few
//! abstracts; `khởi tố` or `Quân khu` are kept more often than most. The
//! one-article pair model (`ONE` in `summarize.rs`) weighs it beside the
//! pair's place, fitted on TRAIN with it (`make summary-fit`).
//!
//! The table, `src/data/summary-prior.bin`, is built by `make
//! summary-prior` (and `make train`) from the pairs the summarizer itself
//! reads ([`super::pairs`]) of each TRAIN article and of its abstract:
//! for each pair held by at least [`MIN_HOLDERS`] articles, the log-odds
//! of its kept rate (smoothed towards the mean rate by [`SMOOTHING`]
//! articles' worth) less the mean's, in quarters, where that is not 0.
//! Statistics only: hashes of pairs and small numbers.
//!
//! The bytes: the count `n` (`u32`, little-endian), the `n` keys (the top
//! 32 bits of a pair's hash, `u32` little-endian, ascending), then the `n`
//! levels (`i8`, quarters of log-odds).

use std::sync::LazyLock;

/// The table shipped in the binary.
pub(super) static BUILTIN: &[u8] = include_bytes!("../data/summary-prior.bin");

/// A pair held by fewer TRAIN articles is not in the table: its rate
/// says little (shrunk by [`SMOOTHING`], its level would be 0 or a quarter).
pub const MIN_HOLDERS: u32 = 5;

/// The kept rate of a pair held by `h` articles and kept by `k` abstracts
/// is `(k + SMOOTHING × mean rate) / (h + SMOOTHING)`.
pub const SMOOTHING: f64 = 20.0;

/// Levels are quarters of log-odds, at most this many either way.
pub const MAX_LEVEL: i8 = 16;

/// The table: sorted keys and their levels, with the start of each run of
/// keys by their top [`BUCKET_BITS`] bits.
pub(super) struct Prior {
    keys: &'static [u8],
    levels: &'static [u8],
    starts: Vec<u32>,
}

/// The keys are hashes, spread evenly: 65,536 buckets of one or two each
/// (the index is 256 KB, built once), so that a pair is found or missed
/// in a step or two (the summary looks up every distinct pair of an
/// article).
const BUCKET_BITS: u32 = 16;

impl Prior {
    /// Reads the table from its bytes; `None` when they are not one.
    fn from_bytes(b: &'static [u8]) -> Option<Prior> {
        let n = u32::from_le_bytes(b.get(..4)?.try_into().ok()?) as usize;
        let keys = b.get(4..4 + 4 * n)?;
        let levels = b.get(4 + 4 * n..)?;
        if levels.len() != n {
            return None;
        }
        let key = |i: usize| u32::from_le_bytes(keys[4 * i..4 * i + 4].try_into().unwrap());
        let mut starts = vec![0u32; (1 << BUCKET_BITS) + 1];
        let mut i = 0;
        for (bucket, start) in starts.iter_mut().enumerate() {
            while i < n && ((key(i) >> (32 - BUCKET_BITS)) as usize) < bucket {
                i += 1;
            }
            *start = i as u32;
        }
        (1..n).all(|i| key(i - 1) < key(i)).then_some(Prior {
            keys,
            levels,
            starts,
        })
    }

    /// The table shipped in `src/data/summary-prior.bin`.
    pub(super) fn builtin() -> &'static Prior {
        static PRIOR: LazyLock<Prior> = LazyLock::new(|| {
            Prior::from_bytes(BUILTIN).expect("src/data/summary-prior.bin is a table of pairs")
        });
        &PRIOR
    }

    /// The level of the pair whose hash is `hash`: 0 for a pair not in
    /// the table.
    #[inline]
    pub(super) fn level(&self, hash: u64) -> i8 {
        let key = (hash >> 32) as u32;
        let bucket = (key >> (32 - BUCKET_BITS)) as usize;
        let (start, end) = (self.starts[bucket], self.starts[bucket + 1]);
        // In key order: stop at the first not below.
        for i in start as usize..end as usize {
            let k = u32::from_le_bytes(self.keys[4 * i..4 * i + 4].try_into().unwrap());
            if k >= key {
                return if k == key { self.levels[i] as i8 } else { 0 };
            }
        }
        0
    }
}

/// The level of a pair held by `holders` articles and kept by `kept`
/// abstracts, when any abstract keeps a pair at the rate `mean`.
pub fn level_of(holders: u32, kept: u32, mean: f64) -> i8 {
    let rate = (kept as f64 + SMOOTHING * mean) / (holders as f64 + SMOOTHING);
    let logit = |r: f64| (r / (1.0 - r)).ln();
    let q = (4.0 * (logit(rate) - logit(mean))).round();
    q.clamp(-(MAX_LEVEL as f64), MAX_LEVEL as f64) as i8
}

/// The bytes of `src/data/summary-prior.bin` from the articles of
/// `train.jsonl` (one JSON object a line, with `docs` and `refs`): each
/// article and each abstract read as `examples/summary-features.rs` reads
/// them for fitting the pair model.
#[cfg(feature = "train")]
pub fn table_of_articles(jsonl: &str) -> Result<Vec<u8>, serde_json::Error> {
    use std::collections::HashMap;
    let engine = crate::Engine::new();
    // Per key: the articles that hold it, the abstracts that keep it.
    let mut counts: HashMap<u32, (u32, u32)> = HashMap::new();
    let mut held: Vec<u32> = Vec::new();
    let mut kept: Vec<u32> = Vec::new();
    let keys_of = |docs: &[crate::Document], out: &mut Vec<u32>| {
        let a = crate::analysis::analyze(docs, engine.lexicon());
        out.clear();
        out.extend(
            super::pairs(docs, &a)
                .iter()
                .flatten()
                .flat_map(|(p, _)| p.iter().map(|h| (h >> 32) as u32)),
        );
        out.sort_unstable();
        out.dedup();
    };
    let texts = |v: &serde_json::Value| -> Vec<String> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .map(|t| t.as_str().unwrap_or("").to_string())
                    .collect()
            })
            .unwrap_or_default()
    };
    for record in jsonl.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(record)?;
        let docs: Vec<_> = texts(&v["docs"])
            .iter()
            .map(|d| engine.document(d, None))
            .collect();
        let refs: Vec<_> = texts(&v["refs"])
            .iter()
            .map(|r| engine.document(&format!("Tóm tắt\n\n{r}"), None))
            .collect();
        keys_of(&docs, &mut held);
        keys_of(&refs, &mut kept);
        for &k in &held {
            let c = counts.entry(k).or_default();
            c.0 += 1;
            c.1 += u32::from(kept.binary_search(&k).is_ok());
        }
    }
    let (all_held, all_kept) = counts
        .values()
        .fold((0u64, 0u64), |(h, k), c| (h + c.0 as u64, k + c.1 as u64));
    let mean = all_kept as f64 / all_held.max(1) as f64;
    let mut table: Vec<(u32, i8)> = counts
        .into_iter()
        .filter(|&(_, (h, _))| h >= MIN_HOLDERS)
        .map(|(key, (h, k))| (key, level_of(h, k, mean)))
        .filter(|&(_, l)| l != 0)
        .collect();
    table.sort_unstable();
    let mut out = Vec::with_capacity(4 + 5 * table.len());
    out.extend_from_slice(&(table.len() as u32).to_le_bytes());
    for &(key, _) in &table {
        out.extend_from_slice(&key.to_le_bytes());
    }
    out.extend(table.iter().map(|&(_, l)| l as u8));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pair_kept_more_often_than_most_rises_and_one_seldom_kept_falls() {
        let mean = 0.045;
        assert!(level_of(100, 30, mean) > 0);
        assert!(level_of(100, 0, mean) < 0);
        assert_eq!(level_of(100, 4, mean), 0, "about the mean rate");
        // Few articles say little: shrunk towards the mean.
        assert!(level_of(5, 5, mean) < level_of(500, 500, mean));
        assert_eq!(level_of(100_000, 100_000, mean), MAX_LEVEL);
    }

    #[test]
    fn the_table_finds_each_of_its_keys_and_nothing_else() {
        let prior = Prior::builtin();
        let n = prior.levels.len();
        assert!(n > 1000, "{n} pairs");
        for i in (0..n).step_by(97) {
            let key = u32::from_le_bytes(prior.keys[4 * i..4 * i + 4].try_into().unwrap());
            let level = prior.levels[i] as i8;
            assert_ne!(level, 0);
            assert_eq!(prior.level((key as u64) << 32 | 0xABCD), level);
            // A key between two of the table's is in none.
            if i + 1 < n {
                let next = u32::from_le_bytes(prior.keys[4 * i + 4..4 * i + 8].try_into().unwrap());
                if next > key + 1 {
                    assert_eq!(prior.level(((key + 1) as u64) << 32), 0);
                }
            }
        }
        assert!(Prior::from_bytes(&BUILTIN[..BUILTIN.len() - 1]).is_none());
    }

    /// `src/data/summary-prior.bin` must be what the articles and the
    /// pipeline give; rebuild it with `make summary-prior`.
    #[test]
    #[cfg(feature = "train")]
    fn the_shipped_prior_is_up_to_date() {
        let text = crate::shipped::shared_text("data/vietnews/train.jsonl");
        let bytes = table_of_articles(&text).expect("one article a line");
        crate::shipped::assert_shipped("summary-prior.bin", &bytes, BUILTIN, "make summary-prior");
    }
}
