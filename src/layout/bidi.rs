//! Right-to-left text (UAX #9, through `unicode-bidi`): the embedding level
//! of every byte of a paragraph, and the visual order of a line's pieces.
//!
//! A paragraph's base direction is that of its first strong character
//! (rules P2–P3), so an English signature line inside an Arabic release
//! stays left to right; a paragraph with no strong character at all (a
//! date in digits, "- 2 -") takes the document's direction. Lines are broken
//! in logical order and each line's pieces are then put in visual order
//! (rule L2); trailing spaces take the paragraph's level (rule L1).

use unicode_bidi::{BidiClass, BidiInfo, Direction, Level, bidi_class, get_base_direction_full};

/// A paragraph's embedding levels, one per byte of its text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Levels {
    /// Whether the paragraph runs right to left.
    pub rtl: bool,
    /// One level per byte; empty when the whole paragraph is left to right
    /// at level 0 (the common case, which costs nothing more).
    pub bytes: Vec<u8>,
}

impl Levels {
    /// The level at byte `at` (0 past the end or when all is level 0).
    pub fn at(&self, at: usize) -> u8 {
        self.bytes.get(at).copied().unwrap_or(self.base())
    }

    /// The paragraph's own level: 1 right to left, 0 left to right.
    pub fn base(&self) -> u8 {
        self.rtl as u8
    }
}

/// The first code point that can be right to left (Hebrew): everything below
/// it is decided without a table lookup, so English text costs a comparison
/// per character.
const FIRST_RTL: char = '\u{0590}';

/// Whether a character can make anything right to left.
fn is_rtl_class(c: char) -> bool {
    c >= FIRST_RTL
        && matches!(
            bidi_class(c),
            BidiClass::R
                | BidiClass::AL
                | BidiClass::AN
                | BidiClass::RLE
                | BidiClass::RLO
                | BidiClass::RLI
        )
}

/// The direction of a paragraph: its first strong character's, else
/// `neutral_rtl`.
pub fn is_rtl(text: &str, neutral_rtl: bool) -> bool {
    let first = text
        .chars()
        .find(|c| c.is_ascii_alphabetic() || *c >= FIRST_RTL);
    if first.is_some_and(|c| c.is_ascii_alphabetic()) {
        return false;
    }
    match get_base_direction_full(text) {
        Direction::Rtl => true,
        Direction::Ltr => false,
        Direction::Mixed => neutral_rtl,
    }
}

/// Whether a language (an ISO 639 code or BCP 47 tag) is written right to
/// left: the document's direction, which paragraphs with no strong
/// character, the letterhead and the page furniture follow.
pub fn is_rtl_language(tag: &str) -> bool {
    let primary = tag.split(['-', '_']).next().unwrap_or("");
    ["ar", "he", "fa", "ur", "ps", "yi", "dv", "sd", "ug", "ckb"]
        .iter()
        .any(|code| primary.eq_ignore_ascii_case(code))
}

/// Whether `text` holds a character written right to left.
pub fn has_rtl(text: &str) -> bool {
    text.chars()
        .any(|c| c >= FIRST_RTL && matches!(bidi_class(c), BidiClass::R | BidiClass::AL))
}

/// The levels of `text`, one paragraph (a `\n` inside is a line break, not
/// a new paragraph: the whole text has one base direction).
pub fn levels(text: &str, neutral_rtl: bool) -> Levels {
    let rtl = is_rtl(text, neutral_rtl);
    if !rtl && !text.chars().any(is_rtl_class) {
        return Levels::default();
    }
    let base = if rtl { Level::rtl() } else { Level::ltr() };
    let info = BidiInfo::new(text, Some(base));
    Levels {
        rtl,
        bytes: info.levels.iter().map(|l| l.number()).collect(),
    }
}

/// The visual order of a line's pieces from their levels (rule L2): the
/// index of the piece to put first, second, …
pub fn visual_order(levels: &[u8]) -> Vec<usize> {
    if levels.iter().all(|l| l % 2 == 0 && *l == levels[0]) {
        return (0..levels.len()).collect();
    }
    let levels: Vec<Level> = levels
        .iter()
        .map(|&l| Level::new(l).unwrap_or_else(|_| Level::ltr()))
        .collect();
    BidiInfo::reorder_visual(&levels)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direction_comes_from_the_first_strong_character() {
        assert!(is_rtl("بغداد، 28 تموز/ يوليو 2020 – UNAMI", false));
        assert!(!is_rtl("Samir Ghattas", true));
        assert!(!is_rtl("2020 UNAMI بغداد", false));
        assert!(is_rtl("2020", true), "no strong character: the document's");
        assert!(!is_rtl("2020", false));
    }

    #[test]
    fn english_text_costs_no_levels() {
        assert!(
            levels("The Secretary-General said 28 July 2020.", false)
                .bytes
                .is_empty()
        );
        let l = levels("بغداد 2020", false);
        assert!(l.rtl);
        assert_eq!(l.at(0), 1);
        assert_eq!(
            l.at("بغداد ".len()),
            2,
            "European digits in Arabic: level 2"
        );
    }

    #[test]
    fn pieces_at_odd_levels_are_reversed() {
        assert_eq!(visual_order(&[0, 0, 0]), vec![0, 1, 2]);
        assert_eq!(visual_order(&[1, 1, 1]), vec![2, 1, 0]);
        assert_eq!(visual_order(&[1, 2, 2, 1]), vec![3, 1, 2, 0]);
    }
}
