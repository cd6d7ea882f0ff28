//! A word as a hash-map key that keeps short words in the key itself.
//!
//! A batch's word caches hold hundreds of thousands of words. With a boxed
//! key every probe that finds a candidate reads the key's bytes from
//! somewhere else on the heap; a word of up to [`INLINE`] bytes (nearly
//! every word) is compared where the probe already is.

use std::hash::{Hash, Hasher};

use hashbrown::Equivalent;

/// Longest word kept inline.
pub const INLINE: usize = 22;

/// An owned word (see the module documentation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WordKey {
    /// Up to [`INLINE`] bytes, with their length.
    Inline(u8, [u8; INLINE]),
    /// A longer word.
    Boxed(Box<[u8]>),
}

/// A borrowed word to look up a [`WordKey`] with.
#[derive(Debug, Clone, Copy)]
pub struct Word<'a>(pub &'a str);

impl WordKey {
    fn bytes(&self) -> &[u8] {
        match self {
            WordKey::Inline(len, bytes) => &bytes[..*len as usize],
            WordKey::Boxed(bytes) => bytes,
        }
    }
}

impl From<&Word<'_>> for WordKey {
    fn from(word: &Word<'_>) -> WordKey {
        let bytes = word.0.as_bytes();
        match u8::try_from(bytes.len()) {
            Ok(len) if bytes.len() <= INLINE => {
                let mut inline = [0; INLINE];
                inline[..bytes.len()].copy_from_slice(bytes);
                WordKey::Inline(len, inline)
            }
            _ => WordKey::Boxed(bytes.into()),
        }
    }
}

impl Hash for WordKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write(self.bytes());
    }
}

impl Hash for Word<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write(self.0.as_bytes());
    }
}

impl Equivalent<WordKey> for Word<'_> {
    fn equivalent(&self, key: &WordKey) -> bool {
        self.0.as_bytes() == key.bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    #[test]
    fn short_and_long_words_are_found_by_their_text_alone() {
        let hasher = rustc_hash::FxBuildHasher;
        for text in [
            "",
            "a",
            "Secretary-General",
            "internationalisation-wide",
            "été",
        ] {
            let key = WordKey::from(&Word(text));
            let inline = matches!(key, WordKey::Inline(..));
            assert_eq!(inline, text.len() <= INLINE, "{text}");
            assert!(Word(text).equivalent(&key));
            assert!(!Word("other").equivalent(&key));
            assert_eq!(hasher.hash_one(Word(text)), hasher.hash_one(&key), "{text}");
        }
        assert!(
            !Word("ab").equivalent(&WordKey::from(&Word("a"))),
            "a prefix is another word"
        );
    }
}
