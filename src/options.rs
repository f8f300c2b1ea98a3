//! Every knob of one run of the pipeline, with its default.

use crate::error::{Error, Result};

/// Knobs for one run of the pipeline. `Default` is written by hand.
///
/// At most one of [`sentences`](Options::sentences) and
/// [`ratio`](Options::ratio) may be set; with neither, the summary length is
/// chosen from the document's length (see [`Options::summary_len`]).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct Options {
    /// How many sentences the summary keeps. Default: `None` (automatic).
    pub sentences: Option<usize>,
    /// The share of the sentences the summary keeps, in percent (0, 100].
    /// Default: `None` (automatic).
    pub ratio: Option<f64>,
    /// How many keywords to report. Default: 10.
    pub keywords: usize,
    /// The user's dictionary: terms kept whole as one word wherever the
    /// text has them, whatever the segmenter would cut (`chuyển đổi số`,
    /// `Quân khu 5`); matched on whole syllables, in any case and either
    /// tone placement. A term of one syllable changes nothing. Default:
    /// none.
    pub dict: Vec<String>,
    /// Terms that are never keywords, and neither is a phrase that holds
    /// one as whole words (`Hà Nội` excludes `UBND Hà Nội` too); kept
    /// whole like [`dict`](Options::dict). The rest of the list is
    /// ranked as if they were not there. Default: none.
    pub exclude: Vec<String>,
    /// Terms put first among the keywords wherever the text has them
    /// (ranked by their own scores among themselves), stop words too;
    /// kept whole like [`dict`](Options::dict). A term the text does not
    /// have is not shown. Default: none.
    pub boost: Vec<String>,
}

/// The most terms [`Options::dict`], [`Options::exclude`] and
/// [`Options::boost`] may hold together.
pub const MAX_TERMS: usize = 100_000;

impl Default for Options {
    fn default() -> Options {
        Options {
            sentences: None,
            ratio: None,
            keywords: 10,
            dict: Vec::new(),
            exclude: Vec::new(),
            boost: Vec::new(),
        }
    }
}

/// The longest term of the user's lists, in bytes.
const MAX_TERM_BYTES: usize = 200;

/// The most sentences an automatic summary keeps.
const AUTO_MAX: usize = 7;

impl Options {
    /// Checks every value; the [`Engine`](crate::Engine) entry points call it.
    pub fn validate(&self) -> Result<()> {
        if self.sentences.is_some() && self.ratio.is_some() {
            return Err(Error::InvalidOption {
                name: "ratio",
                reason: "give either a sentence count or a ratio, not both".into(),
            });
        }
        if self.sentences == Some(0) {
            return Err(Error::InvalidOption {
                name: "sentences",
                reason: "must be at least 1".into(),
            });
        }
        if let Some(r) = self.ratio {
            if !(r > 0.0 && r <= 100.0) {
                return Err(Error::InvalidOption {
                    name: "ratio",
                    reason: format!("{r} is not a percentage in (0, 100]"),
                });
            }
        }
        if self.keywords > 1000 {
            return Err(Error::InvalidOption {
                name: "keywords",
                reason: format!("{} is more than 1000", self.keywords),
            });
        }
        let terms = self.dict.len() + self.exclude.len() + self.boost.len();
        if terms > MAX_TERMS {
            return Err(Error::InvalidOption {
                name: "dict",
                reason: format!("{terms} terms, more than {MAX_TERMS}"),
            });
        }
        for (name, list) in [
            ("dict", &self.dict),
            ("exclude", &self.exclude),
            ("boost", &self.boost),
        ] {
            if let Some(t) = list.iter().find(|t| t.len() > MAX_TERM_BYTES) {
                let head: String = t.chars().take(40).collect();
                return Err(Error::InvalidOption {
                    name,
                    reason: format!("the term `{head}…` is longer than {MAX_TERM_BYTES} bytes"),
                });
            }
        }
        Ok(())
    }

    /// How many sentences to keep out of `available` candidates.
    ///
    /// With neither a count nor a ratio: about the square root of the number
    /// of sentences, between 1 and 7 (a 9-sentence note gets 3, a
    /// 30-sentence article 5). Never more than `available`.
    pub fn summary_len(&self, available: usize) -> usize {
        let k = match (self.sentences, self.ratio) {
            (Some(n), _) => n,
            (None, Some(r)) => ((available as f64) * r / 100.0).round().max(1.0) as usize,
            (None, None) => ((available as f64).sqrt().round() as usize).clamp(1, AUTO_MAX),
        };
        k.min(available)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_length_grows_with_the_document() {
        let o = Options::default();
        assert_eq!(o.summary_len(0), 0);
        assert_eq!(o.summary_len(1), 1);
        assert_eq!(o.summary_len(9), 3);
        assert_eq!(o.summary_len(30), 5);
        assert_eq!(o.summary_len(500), AUTO_MAX);
    }

    #[test]
    fn count_and_ratio() {
        let o = Options {
            sentences: Some(4),
            ..Options::default()
        };
        assert_eq!(o.summary_len(10), 4);
        assert_eq!(o.summary_len(2), 2);
        let o = Options {
            ratio: Some(20.0),
            ..Options::default()
        };
        assert_eq!(o.summary_len(10), 2);
        assert_eq!(o.summary_len(1), 1);
    }

    #[test]
    fn validate_rejects_bad_values() {
        let both = Options {
            sentences: Some(2),
            ratio: Some(10.0),
            ..Options::default()
        };
        assert!(both.validate().is_err());
        let zero = Options {
            sentences: Some(0),
            ..Options::default()
        };
        assert!(zero.validate().is_err());
        for r in [0.0, -1.0, 100.5, f64::NAN] {
            let o = Options {
                ratio: Some(r),
                ..Options::default()
            };
            assert!(o.validate().is_err(), "ratio {r} accepted");
        }
        assert!(Options::default().validate().is_ok());
    }
}
