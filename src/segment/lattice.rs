//! The best-scoring path of words through a run of syllables.
//!
//! Every dictionary word inside the run is an edge of a lattice, and so
//! are every single syllable (an unknown word is better than none) and
//! every syllable said twice (`gãi gãi`). Each edge has a score from
//! [`Costs`]; the best path has the highest sum, and among equal sums the
//! one whose last word starts earliest, which settles overlaps such as
//! `cuộc chiến tranh` from the right (`cuộc chiến_tranh`), as backward
//! longest match would.
//!
//! With the [`Prior`] costs (−1 per word, −1/1024 more per single
//! syllable) the best path is maximal matching: the fewest words, then
//! the fewest single syllables. The shipped model (`learn.rs`) learns
//! the scores instead.
//!
//! ```text
//!   cuộc   chiến   tranh
//!   0 ──────────── 2 ──── 3     cuộc_chiến | tranh
//!   0 ──── 1 ──────────── 3     cuộc | chiến_tranh   (chosen: same count,
//!                                                    later last word)
//! ```

use super::dict::{Dictionary, NONE};
use super::{Syllables, NUMBER, ORDINAL};

/// The score of each kind of edge.
pub(super) trait Costs {
    /// Syllable id `id` (or [`NONE`], unknown) as a word of its own.
    fn single(&self, id: u32) -> f32;
    /// The dictionary word that ends at trie node `node`.
    fn word(&self, node: u32) -> f32;
    /// A syllable said twice.
    fn reduplication(&self) -> f32;
}

/// Maximal matching as scores: the fewest words, then the fewest single
/// syllables. Sums stay exact in `f32` for runs under 1,024 syllables.
/// (`Model::prior` is the same for a whole dictionary.)
#[cfg(test)]
#[derive(Clone, Copy, Debug)]
pub(super) struct Prior;

/// What a single syllable costs on top of a word, under [`Prior`].
pub(super) const SINGLE: f32 = 1.0 / 1024.0;

#[cfg(test)]
impl Costs for Prior {
    #[inline]
    fn single(&self, _: u32) -> f32 {
        -1.0 - SINGLE
    }
    #[inline]
    fn word(&self, _: u32) -> f32 {
        -1.0
    }
    #[inline]
    fn reduplication(&self) -> f32 {
        -1.0
    }
}

/// The best path found so far to one position of the run.
#[derive(Clone, Copy, Debug, Default)]
struct Node {
    score: f32,
    /// Where the last word of the path starts.
    from: u32,
}

/// Scratch space for [`Lattice::solve`], reused from run to run.
#[derive(Debug, Default)]
pub(super) struct Lattice {
    nodes: Vec<Node>,
    /// The words of the best path, for the caller that settles it
    /// (`pairs::settle`) before reporting it.
    pub(super) path: Vec<(u32, u32)>,
}

impl Lattice {
    /// Segments a run of `n` syllables and calls `word(start, end)` for
    /// each word, in order, with syllable indexes.
    pub(super) fn solve(
        &mut self,
        dict: &Dictionary,
        costs: &impl Costs,
        syl: &impl Syllables,
        n: usize,
        mut word: impl FnMut(usize, usize),
    ) {
        if n == 0 {
            return;
        }
        // `-inf` marks a position no path has reached yet; the start is
        // reached with nothing.
        let unreached = Node {
            score: f32::NEG_INFINITY,
            from: 0,
        };
        self.nodes.clear();
        self.nodes.resize(n + 1, unreached);
        self.nodes[0] = Node::default();
        for a in 0..n {
            debug_assert!(self.nodes[a].score > f32::NEG_INFINITY, "reachable");
            relax(&mut self.nodes, a, a + 1, costs.single(syl.id(a)));
            // Walk the trie from syllable `a` while some word goes on.
            let mut node = syl.id(a);
            for b in a + 1..n {
                if apart(syl, b - 1, b) {
                    break;
                }
                let step = dict.step(node, syl.id(b));
                node = step.map_or(NONE, |s| s.node);
                if step.is_some_and(|s| s.word) {
                    relax(&mut self.nodes, a, b + 1, costs.word(node));
                } else if b == a + 1 && reduplicated(syl, a, b) {
                    relax(&mut self.nodes, a, b + 1, costs.reduplication());
                }
                if node == NONE {
                    break;
                }
            }
        }
        // Walk back from the end, turning each back link of the best path
        // into a link forward (`from` of a word's end becomes the end of
        // the next word), then report the words left to right.
        let mut end = n;
        let mut next = n as u32;
        while end > 0 {
            let from = self.nodes[end].from;
            self.nodes[end].from = next;
            next = end as u32;
            end = from as usize;
        }
        let mut start = 0;
        let mut stop = next as usize;
        loop {
            word(start, stop);
            if stop == n {
                break;
            }
            start = stop;
            stop = self.nodes[stop].from as usize;
        }
    }
}

/// Treebank conventions the word lists do not follow: an ordinal `thứ`
/// is a word of its own before a number word (`thứ hai`, `thứ ba` are two
/// words, though the lists hold them as the weekdays).
pub(super) fn apart(syl: &impl Syllables, left: usize, right: usize) -> bool {
    syl.is(left, ORDINAL) && syl.is(right, NUMBER)
}

/// A syllable said twice is a word (`gãi gãi`, `tối tối`), the way
/// Vietnamese softens or repeats; a number said twice is a count (`năm
/// năm`, five years).
pub(super) fn reduplicated(syl: &impl Syllables, left: usize, right: usize) -> bool {
    syl.same(left, right) && !syl.is(left, NUMBER)
}

/// Offers the path to `a` plus the word `a..b`, scored `score`, as a path
/// to `b`.
#[inline]
fn relax(nodes: &mut [Node], a: usize, b: usize, score: f32) {
    let cand = nodes[a].score + score;
    let there = &mut nodes[b];
    // Strictly better only: on a tie the earlier start (longer last word)
    // that got here first stays.
    if cand > there.score {
        *there = Node {
            score: cand,
            from: a as u32,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn solve(dict: &[&str], text: &str) -> Vec<String> {
        let dict = Dictionary::from_lines(dict.iter().copied());
        let flags = super::super::flags(&dict);
        let syl: Vec<&str> = text.split(' ').collect();
        let ids: Vec<u32> = syl.iter().map(|s| dict.syllable(s.as_bytes())).collect();
        let run = Strs(&syl, &ids, &flags);
        let mut out = Vec::new();
        Lattice::default().solve(&dict, &Prior, &run, syl.len(), |a, b| {
            out.push(syl[a..b].join("_"))
        });
        out
    }

    /// Syllables given as strings, for tests.
    struct Strs<'a>(&'a [&'a str], &'a [u32], &'a [u8]);

    impl Syllables for Strs<'_> {
        fn id(&self, k: usize) -> u32 {
            self.1[k]
        }
        fn same(&self, a: usize, b: usize) -> bool {
            self.0[a] == self.0[b]
        }
        fn is(&self, k: usize, flag: u8) -> bool {
            self.2
                .get(self.1[k] as usize)
                .is_some_and(|f| f & flag != 0)
        }
    }

    #[test]
    fn fewest_words_win() {
        let cases: &[(&str, &[&str], &str, &[&str])] = &[
            ("no words", &[], "a b c", &["a", "b", "c"]),
            ("one syllable", &["a b"], "a", &["a"]),
            ("one word", &["a b"], "a b c", &["a_b", "c"]),
            // Forward longest match would take `a b c` and leave `d e f`.
            (
                "longest is not best",
                &["a b c", "a b", "c d", "e f"],
                "a b c d e f",
                &["a_b", "c_d", "e_f"],
            ),
            (
                "tie goes to the later word",
                &["a b", "b c"],
                "a b c",
                &["a", "b_c"],
            ),
            (
                "an ordinal stays apart from its number",
                &["thứ hai", "hai mươi"],
                "thứ hai mươi",
                &["thứ", "hai_mươi"],
            ),
            (
                "a syllable said twice is a word, a number word is not",
                &[],
                "a a năm năm",
                &["a_a", "năm", "năm"],
            ),
            (
                "fewer single syllables",
                &["a b", "c d", "a b c"],
                "a b c d",
                &["a_b", "c_d"],
            ),
        ];
        for &(name, dict, text, want) in cases {
            assert_eq!(solve(dict, text), want, "{name}");
        }
    }
}
