//! Word-coverage checks: "every word of the input appears, in order, in every
//! rendition". Used by the tests, the conformance script and `pressroom check`.
//!
//! A word is a maximal run of letters, digits and combining marks, except
//! that an ideograph, kana or Hangul syllable is a word by itself: Unicode
//! line breaking (UAX #14) may break a line between any two of them, or
//! between one of them and a Latin letter, so a rendition may legitimately
//! put a line end there. Everything
//! else (spaces, punctuation, hyphens of any kind, soft hyphens) separates
//! words, so a word hyphenated at a line end ("peace-\nkeeping" with U+00AD)
//! must be rejoined by the reader before comparison; [`words`] drops U+00AD
//! and zero-width characters first so that a PDF text layer with soft
//! hyphens compares equal to the input.

/// Splits `text` into words (see the module doc).
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for c in text.chars() {
        if matches!(
            c,
            '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
        ) {
            continue;
        }
        if is_breakable_letter(c) {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            out.push(c.to_string());
        } else if c.is_alphanumeric() || is_mark(c) {
            current.push(c);
        } else if !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// A letter a line may break before or after without a space: the UAX #14
/// classes of ideographs, Japanese starters, and Hangul syllables and jamo.
fn is_breakable_letter(c: char) -> bool {
    use unicode_linebreak::BreakClass as B;
    !c.is_ascii()
        && matches!(
            unicode_linebreak::break_property(c as u32),
            B::Ideographic
                | B::ConditionalJapaneseStarter
                | B::HangulLvSyllable
                | B::HangulLvtSyllable
                | B::HangulLJamo
                | B::HangulVJamo
                | B::HangulTJamo
        )
}

fn is_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x0610..=0x061A | 0x064B..=0x065F
        | 0x0900..=0x0903 | 0x093A..=0x094F | 0x0D81..=0x0D83 | 0x0DCA..=0x0DDF | 0x1AB0..=0x1AFF
        | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Checks that `expected` appears in `actual` as a subsequence (in order,
/// other words may stand between). Returns `None` when it does, or the index
/// in `expected` of the first word that could not be found after its
/// predecessors.
pub fn first_missing_in_order(expected: &[String], actual: &[String]) -> Option<usize> {
    let mut pos = 0;
    for (i, word) in expected.iter().enumerate() {
        match actual[pos..].iter().position(|w| w == word) {
            Some(offset) => pos += offset + 1,
            None => return Some(i),
        }
    }
    None
}

/// Words of `expected` that `actual` lacks, counting repetitions (multiset
/// difference), in the order of `expected`.
pub fn missing_words(expected: &[String], actual: &[String]) -> Vec<String> {
    let mut available: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for w in actual {
        *available.entry(w.as_str()).or_default() += 1;
    }
    let mut missing = Vec::new();
    for w in expected {
        match available.get_mut(w.as_str()) {
            Some(n) if *n > 0 => *n -= 1,
            _ => missing.push(w.clone()),
        }
    }
    missing
}

/// [`missing_words`], forgiving a missing word that `actual` has split in
/// two adjacent words ("éSG" as "é SG"): markup between two letters joins
/// them in the body but keeps them apart in one-line metadata, where the
/// parser puts a space (see `parse::inline::spaced_text`).
pub fn missing_words_split_allowed(expected: &[String], actual: &[String]) -> Vec<String> {
    let missing = missing_words(expected, actual);
    if missing.is_empty() {
        return missing;
    }
    let joined: std::collections::HashSet<String> = actual
        .windows(2)
        .map(|pair| format!("{}{}", pair[0], pair[1]))
        .collect();
    missing
        .into_iter()
        .filter(|w| !joined.contains(w))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_on_punctuation_and_keep_accents() {
        assert_eq!(
            words("António Guterres’ message — COVID\u{2011}19!"),
            ["António", "Guterres", "message", "COVID", "19"]
        );
        assert_eq!(words("peace\u{00AD}keeping"), ["peacekeeping"]);
    }

    #[test]
    fn ideographs_are_words_by_themselves() {
        // Found by the pipeline fuzzer: UAX #14 allows a line break between
        // "placed" and the ideograph, so the text rendition may put one there.
        assert_eq!(words("placed䙐ߋ"), ["placed", "䙐", "ߋ"]);
        assert_eq!(words("国際連合 UN"), ["国", "際", "連", "合", "UN"]);
        assert_eq!(words("한국어"), ["한", "국", "어"]);
    }

    #[test]
    fn order_and_multiset_checks() {
        let e = words("a b c b");
        assert_eq!(first_missing_in_order(&e, &words("x a y b c z b")), None);
        assert_eq!(first_missing_in_order(&e, &words("a c b")), Some(2));
        assert_eq!(missing_words(&e, &words("b a c")), ["b"]);
        let split = words("é SG x");
        assert_eq!(missing_words_split_allowed(&words("éSG y"), &split), ["y"]);
    }
}
