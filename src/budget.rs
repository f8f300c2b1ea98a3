//! How much text is analyzed at once: a budget in bytes of text, shared by
//! the threads of one [`Engine`](crate::Engine).
//!
//! One document's analysis is bounded by [`MAX_TEXT`](crate::read::MAX_TEXT):
//! at most that much text, whose words and runs of words take up to some
//! hundred times its size while they are counted. Front ends analyze
//! documents on one thread per core (or `-j N`), so with no shared bound N
//! long documents at once took N times that (issue 19: eight files of a
//! mebibyte of new words each, 1.1 GB). A thread takes a [`Permit`] for
//! the length of its text before it analyzes it, and gives it back when it
//! is done: all together, the texts in analysis hold at most `MAX_TEXT`
//! bytes, whatever the number of threads. Short texts, the usual case, go
//! many at once; a long one waits until there is room, first come first
//! served.
//!
//! The same first-come budget, in bytes of memory, bounds the reader
//! workers a front end runs at once (`read::worker`) and the pages OCR
//! sends to Tesseract at once (`read::ocr`).
//!
//! A thread holds one permit at a time: taking a second while holding one
//! could wait for itself.

use std::sync::{Condvar, Mutex, MutexGuard};

/// A budget of bytes of text that may be in analysis at once.
#[derive(Debug)]
pub struct Budget {
    capacity: usize,
    state: Mutex<State>,
    changed: Condvar,
}

#[derive(Debug, Default)]
struct State {
    /// Bytes held by permits now.
    held: usize,
    /// The next ticket to hand out, and the first not yet admitted.
    next: u64,
    serving: u64,
}

impl Budget {
    /// A budget of `capacity` bytes (at least 1).
    pub fn new(capacity: usize) -> Budget {
        Budget {
            capacity: capacity.max(1),
            state: Mutex::default(),
            changed: Condvar::new(),
        }
    }

    /// The most bytes in analysis at once.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// Bytes held by permits now.
    pub fn held(&self) -> usize {
        self.lock().held
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock leaves plain numbers: still valid.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Waits until `len` bytes of text fit beside those in analysis (in
    /// the order the threads asked), and holds them until the permit is
    /// dropped. A text longer than the whole budget waits until it is
    /// alone.
    pub fn take(&self, len: usize) -> Permit<'_> {
        let len = len.min(self.capacity);
        let mut state = self.lock();
        let ticket = state.next;
        state.next += 1;
        while state.serving != ticket || state.held + len > self.capacity {
            state = self.changed.wait(state).unwrap_or_else(|e| e.into_inner());
        }
        state.serving += 1;
        state.held += len;
        drop(state);
        // The next in line may fit too.
        self.changed.notify_all();
        Permit { budget: self, len }
    }
}

/// Bytes of a [`Budget`] held by one analysis; given back when dropped.
#[derive(Debug)]
#[must_use = "the bytes are given back as soon as the permit is dropped"]
pub struct Permit<'a> {
    budget: &'a Budget,
    len: usize,
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        self.budget.lock().held -= self.len;
        self.budget.changed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn permits_never_hold_more_than_the_capacity() {
        let budget = Budget::new(100);
        let most = AtomicUsize::new(0);
        std::thread::scope(|s| {
            for t in 0..8 {
                let (budget, most) = (&budget, &most);
                s.spawn(move || {
                    for i in 0..200 {
                        let _p = budget.take((t * 37 + i * 11) % 130);
                        most.fetch_max(budget.held(), Ordering::Relaxed);
                        std::thread::yield_now();
                    }
                });
            }
        });
        assert!(most.load(Ordering::Relaxed) <= 100);
        assert_eq!(budget.held(), 0);
    }

    #[test]
    fn a_text_longer_than_the_budget_goes_alone() {
        let budget = Budget::new(10);
        let p = budget.take(1000);
        assert_eq!(budget.held(), 10);
        drop(p);
        assert_eq!(budget.held(), 0);
    }
}
