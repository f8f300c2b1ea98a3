//! The written forms of a word or phrase, counted apart at sentence starts,
//! and the one to show.

use super::Term;
use crate::vi::{is_lowercase, is_uppercase};

/// The written forms of a word or phrase, with their counts, apart for
/// sentence starts (where case says nothing). The forms live in one
/// [`FormStore`] for the whole analysis: two lists of it, in order of
/// first sight, and no allocation of their own.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Forms {
    pub(crate) mid: FormList,
    pub(crate) initial: FormList,
}

/// A list of forms in a [`FormStore`]: its first and last, `NONE` when empty.
#[derive(Clone, Copy, Debug)]
pub(crate) struct FormList {
    pub(crate) head: u32,
    pub(crate) tail: u32,
}

impl Default for FormList {
    fn default() -> FormList {
        FormList {
            head: NONE,
            tail: NONE,
        }
    }
}

pub(crate) const NONE: u32 = u32::MAX;

/// The forms of an analysis: their text in one string, their counts in one
/// vector, each form linked to the next of its list.
#[derive(Clone, Debug, Default)]
pub(crate) struct FormStore {
    pub(crate) text: String,
    pub(crate) forms: Vec<Form>,
}

/// One written form: a byte range of the store's text, its count, and the
/// next form of its list.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Form {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) count: usize,
    pub(crate) next: u32,
}

impl FormStore {
    pub(crate) fn with_capacity(text: usize, forms: usize) -> FormStore {
        FormStore {
            text: String::with_capacity(text),
            forms: Vec::with_capacity(forms),
        }
    }

    pub(crate) fn text(&self, f: &Form) -> &str {
        &self.text[f.start..f.end]
    }

    /// The counting key of a term.
    pub(crate) fn key(&self, t: &Term) -> &str {
        &self.text[t.key.0..t.key.1]
    }

    /// [`FormStore::key`] as bytes: for the hot compares, which need no
    /// check that the range falls on character boundaries.
    pub(crate) fn key_bytes(&self, t: &Term) -> &[u8] {
        &self.text.as_bytes()[t.key.0..t.key.1]
    }

    /// The forms of a list, in order of first sight.
    pub(crate) fn iter(&self, list: FormList) -> impl Iterator<Item = &Form> {
        let mut at = list.head;
        std::iter::from_fn(move || {
            let f = self.forms.get(at as usize)?;
            at = f.next;
            Some(f)
        })
    }

    /// The most common form of a list; ties go to the form seen first, so
    /// output does not depend on hashing.
    pub(crate) fn most_common(&self, list: FormList) -> Option<&Form> {
        self.most_common_where(list, |_| true)
    }

    /// [`FormStore::most_common`] among the forms whose text passes `keep`.
    fn most_common_where(&self, list: FormList, keep: impl Fn(&str) -> bool) -> Option<&Form> {
        self.iter(list)
            .filter(|f| keep(self.text(f)))
            .fold(None, |best: Option<&Form>, f| match best {
                Some(b) if b.count >= f.count => Some(b),
                _ => Some(f),
            })
    }
}

impl Forms {
    /// Counts a form already in the store's text at `start..end`: one
    /// more of an equal form in its list, else a new form.
    pub(crate) fn add_range(
        &mut self,
        store: &mut FormStore,
        start: usize,
        end: usize,
        initial: bool,
    ) {
        let list = if initial {
            &mut self.initial
        } else {
            &mut self.mid
        };
        let mut at = list.head;
        while let Some(f) = store.forms.get(at as usize) {
            if store.text[f.start..f.end] == store.text[start..end] {
                store.forms[at as usize].count += 1;
                return;
            }
            at = f.next;
        }
        self.push_range(store, start, end, initial);
    }

    /// Counts a form given as text (copied into the store).
    #[cfg(test)]
    pub(crate) fn add(&mut self, store: &mut FormStore, form: &str, initial: bool) {
        let start = store.text.len();
        store.text.push_str(form);
        self.add_range(store, start, store.text.len(), initial);
    }

    /// Adds a form not yet in its list, already in the store's text at
    /// `start..end`; returns its index in the store.
    pub(crate) fn push_range(
        &mut self,
        store: &mut FormStore,
        start: usize,
        end: usize,
        initial: bool,
    ) -> u32 {
        let list = if initial {
            &mut self.initial
        } else {
            &mut self.mid
        };
        let new = store.forms.len() as u32;
        store.forms.push(Form {
            start,
            end,
            count: 1,
            next: NONE,
        });
        match store.forms.get_mut(list.tail as usize) {
            Some(last) => last.next = new,
            None => list.head = new,
        }
        list.tail = new;
        new
    }

    /// The form to show, and whether its first letter is to be lowered:
    /// the most common form away from sentence starts as it is; else the
    /// sentence-start form, lower-cased at its first letter unless it has
    /// another capital (a name, an abbreviation).
    ///
    /// A heading's form in capitals (`QUY TRÌNH BẢO HÀNH`) gives way to
    /// the most common form the text also writes in lower case, away from
    /// sentence starts or at them; an abbreviation (`UBND`, `PCA`) stays.
    pub(crate) fn choice<'t>(&self, store: &'t FormStore) -> (&'t str, bool) {
        let calm = |t: &str| !shouting(t);
        let calm_initial = || {
            store
                .most_common_where(self.initial, calm)
                .map(|g| Self::initial_choice(store.text(g)))
        };
        if let Some(f) = store.most_common(self.mid) {
            let f = store.text(f);
            if !heading(f) {
                return (f, false);
            }
            if let Some(g) = store.most_common_where(self.mid, calm) {
                return (store.text(g), false);
            }
            return calm_initial().unwrap_or((f, false));
        }
        let f = store.text(store.most_common(self.initial).expect("a term has a form"));
        if heading(f) {
            if let Some(g) = calm_initial() {
                return g;
            }
        }
        Self::initial_choice(f)
    }

    /// [`Forms::choice`] of a form seen only at sentence starts.
    fn initial_choice(f: &str) -> (&str, bool) {
        let all_caps_syllables = f
            .split(' ')
            .all(|s| s.chars().next().is_some_and(is_uppercase));
        // "iPhone", "UBND", or a capital after the first letter anywhere:
        // "Cục Chính trị" is a name even where a sentence starts with it.
        let upper_inside = f.chars().skip(1).any(is_uppercase);
        (
            f,
            !((all_caps_syllables && f.contains(' ')) || upper_inside),
        )
    }
}

/// Capitals only, two letters or more: a heading's word or an
/// abbreviation.
// The lower-case test first: it stops at the first such letter, which
// most forms have early.
fn shouting(f: &str) -> bool {
    !f.chars().any(is_lowercase) && f.chars().filter(|&c| is_uppercase(c)).nth(1).is_some()
}

/// Capitals only, of more than one syllable or with a Vietnamese letter
/// (`PHƯƠNG ÁN`, `QUY TRÌNH`): a heading's words, not an abbreviation
/// (`PCA`, `OK`, even where the text also has `pca` or `Ok`).
fn heading(f: &str) -> bool {
    shouting(f) && (f.contains(' ') || !f.is_ascii())
}

impl Forms {
    /// The form to show (see [`Forms::choice`]).
    pub(crate) fn display(&self, store: &FormStore) -> String {
        let (f, lower) = self.choice(store);
        if !lower {
            return f.to_string();
        }
        let mut c = f.chars();
        let first = c.next().expect("non-empty form");
        first.to_lowercase().chain(c).collect()
    }

    /// `display().chars().next().is_some_and(char::is_lowercase)`, without
    /// building the string.
    pub(crate) fn display_starts_lower(&self, store: &FormStore) -> bool {
        Self::choice_starts_lower(self.choice(store))
    }

    /// [`Forms::display_starts_lower`] from the forms' [`Forms::choice`],
    /// for a caller that reads the choice too.
    pub(crate) fn choice_starts_lower((f, lower): (&str, bool)) -> bool {
        let first = f.chars().next().expect("non-empty form");
        if lower {
            first.to_lowercase().next().is_some_and(char::is_lowercase)
        } else {
            is_lowercase(first)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_starts_lower_agrees_with_display() {
        let cases: &[(&[&str], &[&str])] = &[
            (&["học sinh"], &[]),
            (&["Hà Nội", "hà nội", "Hà Nội"], &[]),
            (&[], &["Học sinh"]),
            (&[], &["Cục Chính trị"]),
            (&[], &["UBND"]),
            (&[], &["Ủy Ban"]),
            (&[], &["iPhone"]),
            (&[], &["2024"]),
            (&["ĐẢNG"], &["đảng"]),
        ];
        for (mid, initial) in cases {
            let (mut f, mut text) = (Forms::default(), FormStore::default());
            for m in *mid {
                f.add(&mut text, m, false);
            }
            for i in *initial {
                f.add(&mut text, i, true);
            }
            let want = f
                .display(&text)
                .chars()
                .next()
                .is_some_and(char::is_lowercase);
            assert_eq!(f.display_starts_lower(&text), want, "{mid:?} {initial:?}");
        }
    }

    #[test]
    fn a_heading_in_capitals_gives_way_to_the_text_in_lower_case() {
        let cases: &[(&[&str], &[&str], &str)] = &[
            // A heading's capitals, the body's lower case.
            (
                &[
                    "QUY TRÌNH BẢO HÀNH",
                    "QUY TRÌNH BẢO HÀNH",
                    "quy trình bảo hành",
                ],
                &[],
                "quy trình bảo hành",
            ),
            // Only at sentence starts, a heading among them.
            (&[], &["PHƯƠNG ÁN", "PHƯƠNG ÁN", "Phương án"], "phương án"),
            // An abbreviation stays, written another way or not.
            (&["UBND", "UBND"], &["UBND"], "UBND"),
            (&["PCA", "PCA", "pca"], &["Pca"], "PCA"),
            // A name in capitals once, as a name elsewhere.
            (&["HÀ NỘI", "HÀ NỘI", "Hà Nội"], &[], "Hà Nội"),
        ];
        for (mid, initial, want) in cases {
            let (mut f, mut text) = (Forms::default(), FormStore::default());
            for m in *mid {
                f.add(&mut text, m, false);
            }
            for i in *initial {
                f.add(&mut text, i, true);
            }
            assert_eq!(f.display(&text), *want, "{mid:?} {initial:?}");
        }
    }
}
