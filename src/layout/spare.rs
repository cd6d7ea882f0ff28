//! Buffers kept per thread from one use to the next: a paragraph's glyph
//! and item vectors, the line breaker's. Taken out for one paragraph and
//! given back after it, they are allocated once per thread, not once per
//! paragraph (and a long document's heap is not cut up by a large
//! temporary freed between the lines that stay).

use std::cell::RefCell;
use std::thread::LocalKey;

/// Entries a kept buffer may hold; a larger one (a huge paragraph's) is
/// freed instead of kept.
const LIMIT: usize = 1 << 16;

/// The thread's spare `T` from `slot` (a default one the first time).
pub fn take<T: Default>(slot: &'static LocalKey<RefCell<T>>) -> T {
    slot.with(|s| std::mem::take(&mut *s.borrow_mut()))
}

/// Gives `value` back to `slot` for the thread's next use, unless its
/// `largest` buffer holds more than [`LIMIT`] entries.
pub fn give_back<T>(slot: &'static LocalKey<RefCell<T>>, value: T, largest: usize) {
    if largest <= LIMIT {
        slot.with(|s| *s.borrow_mut() = value);
    }
}
