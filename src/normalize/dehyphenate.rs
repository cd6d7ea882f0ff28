//! Words split by a line-end hyphen ("peace-\nkeeping").
//!
//! The fragment on the next line is moved up to the end of the previous
//! line, so later unwrapping (which joins lines with a space) sees one word,
//! and the line count stays the same. The hyphen is dropped only when the
//! joined word occurs elsewhere in the text unhyphenated ("peacekeeping");
//! otherwise it is a real hyphen ("long-\nstanding", "Secretary-\nGeneral")
//! and is kept.

use std::borrow::Cow;

use rustc_hash::FxHashSet;

/// Dehyphenates `text`; returns the text, the number of words rejoined and
/// the 1-based line of the first.
pub(crate) fn dehyphenate(text: String) -> (String, usize, Option<u32>) {
    if !has_candidate(&text) {
        return (text, 0, None);
    }
    let mut vocabulary: Option<FxHashSet<Cow<'_, str>>> = None;
    let mut out = Output::with_capacity(text.len());
    let mut lines = text.split('\n');
    let mut current = lines.next().unwrap_or_default().to_string();
    let mut joined = 0;
    let mut first = None;
    for next in lines {
        let indent = next.len() - next.trim_start_matches(' ').len();
        let rest = &next[indent..];
        let stem = split_stem(&current);
        let Some(stem) = stem.filter(|_| rest.chars().next().is_some_and(char::is_alphabetic))
        else {
            out.push_line(&current);
            current.clear();
            current.push_str(next);
            continue;
        };
        let fragment_len = rest.find(' ').unwrap_or(rest.len());
        let fragment = &rest[..fragment_len];
        let letters_len = fragment
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(fragment.len());
        let letters = &fragment[..letters_len];
        let drop_hyphen = letters.chars().next().is_some_and(char::is_lowercase) && {
            let vocabulary = vocabulary.get_or_insert_with(|| vocabulary_of(&text));
            vocabulary.contains(format!("{stem}{letters}").to_lowercase().as_str())
        };
        if drop_hyphen {
            current.pop();
            joined += 1;
            first.get_or_insert(out.lines + 1);
        }
        current.push_str(fragment);
        let remaining = rest[fragment_len..].trim_start_matches(' ');
        if !remaining.is_empty() {
            out.push_line(&current);
            current.clear();
            current.push_str(&next[..indent]);
            current.push_str(remaining);
        }
    }
    out.push_line(&current);
    (out.text, joined, first)
}

/// Lines joined with `\n`, counted.
struct Output {
    text: String,
    lines: u32,
}

impl Output {
    fn with_capacity(capacity: usize) -> Self {
        Output {
            text: String::with_capacity(capacity),
            lines: 0,
        }
    }

    fn push_line(&mut self, line: &str) {
        if self.lines > 0 {
            self.text.push('\n');
        }
        self.text.push_str(line);
        self.lines += 1;
    }
}

/// Fast check: some line ends with a letter and a hyphen (the test of
/// [`split_stem`], run only at the hyphens).
fn has_candidate(text: &str) -> bool {
    let bytes = text.as_bytes();
    text.match_indices('-').any(|(p, _)| {
        matches!(bytes.get(p + 1), None | Some(b'\n'))
            && text[..p]
                .chars()
                .next_back()
                .is_some_and(char::is_alphabetic)
    })
}

/// For a line ending in `<letters>-` (a hyphen after a letter, not `--`,
/// not a hard break), the letters before the hyphen.
fn split_stem(line: &str) -> Option<&str> {
    let body = line.strip_suffix('-')?;
    let last = body.chars().next_back()?;
    if !last.is_alphabetic() {
        return None;
    }
    let start = body
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(0, |(i, c)| i + c.len_utf8());
    Some(&body[start..])
}

/// The lower-cased words of more than two bytes in `text`, borrowed where
/// they are lower case already.
fn vocabulary_of(text: &str) -> FxHashSet<Cow<'_, str>> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.len() > 2)
        .map(|w| {
            if !w.is_ascii() {
                Cow::Owned(w.to_lowercase())
            } else if w.bytes().any(|b| b.is_ascii_uppercase()) {
                Cow::Owned(w.to_ascii_lowercase())
            } else {
                Cow::Borrowed(w)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hyphen_dropped_when_the_word_exists_unhyphenated() {
        let (s, n, line) =
            dehyphenate("Our peace-\nkeeping work\n\nPeacekeeping matters.".to_string());
        assert_eq!(s, "Our peacekeeping\nwork\n\nPeacekeeping matters.");
        assert_eq!((n, line), (1, Some(1)));
    }

    #[test]
    fn real_hyphens_are_kept_and_the_word_glued() {
        let (s, n, _) = dehyphenate("a long-\nstanding\nfriend and Secretary-\nGeneral".into());
        assert_eq!(s, "a long-standing\nfriend and Secretary-General");
        assert_eq!(n, 0);
    }

    #[test]
    fn candidates_are_line_end_hyphens_after_a_letter() {
        for text in ["peace-\nkeeping", "end peace-", "a-\n"] {
            assert!(has_candidate(text), "{text:?}");
        }
        for text in [
            "peace-keeping\n",
            "1990-\n2000",
            "so --\nand",
            "x -\ny",
            "-",
        ] {
            assert!(!has_candidate(text), "{text:?}");
        }
    }

    #[test]
    fn dashes_and_spaced_hyphens_are_left_alone() {
        let text = "the middle class -\nso that --\nand 1990-\n2000".to_string();
        assert_eq!(dehyphenate(text.clone()).0, text);
    }
}
