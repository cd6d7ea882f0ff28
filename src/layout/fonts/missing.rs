//! Characters no face draws: one warning per character while a paragraph is
//! laid out ([`diagnostic`]), folded into at most one line per Unicode block
//! per document ([`summarize`]) where the document's warnings are gathered.

use std::collections::BTreeMap;

use crate::error::Diagnostic;

/// The code of a missing-character warning.
pub const CODE: &str = "missing-glyph";

/// The warning for `c`, which no face can draw, in the paragraph `label`.
pub fn diagnostic(label: &str, c: char) -> Diagnostic {
    Diagnostic::warning(
        CODE,
        format!(
            "{label}: no font can draw U+{:04X} '{c}'; it is shown as a box",
            c as u32
        ),
        None,
    )
}

/// The character and place a [`diagnostic`] names.
fn parse(d: &Diagnostic) -> Option<(char, &str)> {
    if d.code != CODE {
        return None;
    }
    let (label, rest) = d.message.split_once(": no font can draw U+")?;
    let hex = rest.split(' ').next()?;
    let c = char::from_u32(u32::from_str_radix(hex, 16).ok()?)?;
    Some((c, label))
}

/// What is missing in one block: the characters and where the first was.
struct Missing<'a> {
    chars: std::collections::BTreeSet<char>,
    first: (char, &'a str),
}

/// Replaces the per-character missing-glyph warnings in `diagnostics` by one
/// line per Unicode block, at the place of the block's first warning:
/// "412 characters in CJK Unified Ideographs have no font (e.g. U+7834 '破',
/// first in paragraph 3): add a font to fonts.fallback or --font-dir".
pub fn summarize(diagnostics: &mut Vec<Diagnostic>) {
    if !diagnostics.iter().any(|d| d.code == CODE) {
        return;
    }
    let mut blocks: BTreeMap<&str, Missing<'_>> = BTreeMap::new();
    let mut order: Vec<&str> = Vec::new();
    for d in diagnostics.iter() {
        if let Some((c, label)) = parse(d) {
            let name = block(c);
            let entry = blocks.entry(name).or_insert_with(|| {
                order.push(name);
                Missing {
                    chars: Default::default(),
                    first: (c, label),
                }
            });
            entry.chars.insert(c);
        }
    }
    let lines: Vec<Diagnostic> = order
        .iter()
        .filter_map(|name| blocks.get(name).map(|m| line(name, m)))
        .collect();
    let mut lines = lines.into_iter();
    let mut out = Vec::with_capacity(diagnostics.len());
    for d in diagnostics.drain(..) {
        match parse(&d) {
            None => out.push(d),
            // The summary lines take the place of the first warning.
            Some(_) => out.extend(lines.by_ref()),
        }
    }
    *diagnostics = out;
}

fn line(name: &str, m: &Missing<'_>) -> Diagnostic {
    let n = m.chars.len();
    let (c, label) = m.first;
    let (what, verb) = if n == 1 {
        ("character", "has")
    } else {
        ("characters", "have")
    };
    Diagnostic::warning(
        CODE,
        format!(
            "{n} {what} in {name} {verb} no font (e.g. U+{:04X} '{c}', first in {label}): \
             add a font to fonts.fallback or --font-dir",
            c as u32
        ),
        None,
    )
}

/// Unicode blocks by first and last code point (the ones a press release
/// may plausibly hold; others are named by their range).
const BLOCKS: &[(u32, u32, &str)] = &[
    (0x0000, 0x007F, "Basic Latin"),
    (0x0080, 0x00FF, "Latin-1 Supplement"),
    (0x0100, 0x017F, "Latin Extended-A"),
    (0x0180, 0x024F, "Latin Extended-B"),
    (0x0250, 0x02AF, "IPA Extensions"),
    (0x02B0, 0x02FF, "Spacing Modifier Letters"),
    (0x0300, 0x036F, "Combining Diacritical Marks"),
    (0x0370, 0x03FF, "Greek and Coptic"),
    (0x0400, 0x04FF, "Cyrillic"),
    (0x0500, 0x052F, "Cyrillic Supplement"),
    (0x0530, 0x058F, "Armenian"),
    (0x0590, 0x05FF, "Hebrew"),
    (0x0600, 0x06FF, "Arabic"),
    (0x0700, 0x074F, "Syriac"),
    (0x0750, 0x077F, "Arabic Supplement"),
    (0x0780, 0x07BF, "Thaana"),
    (0x0900, 0x097F, "Devanagari"),
    (0x0980, 0x09FF, "Bengali"),
    (0x0A00, 0x0A7F, "Gurmukhi"),
    (0x0A80, 0x0AFF, "Gujarati"),
    (0x0B00, 0x0B7F, "Oriya"),
    (0x0B80, 0x0BFF, "Tamil"),
    (0x0C00, 0x0C7F, "Telugu"),
    (0x0C80, 0x0CFF, "Kannada"),
    (0x0D00, 0x0D7F, "Malayalam"),
    (0x0D80, 0x0DFF, "Sinhala"),
    (0x0E00, 0x0E7F, "Thai"),
    (0x0E80, 0x0EFF, "Lao"),
    (0x0F00, 0x0FFF, "Tibetan"),
    (0x1000, 0x109F, "Myanmar"),
    (0x10A0, 0x10FF, "Georgian"),
    (0x1100, 0x11FF, "Hangul Jamo"),
    (0x1200, 0x137F, "Ethiopic"),
    (0x13A0, 0x13FF, "Cherokee"),
    (0x1780, 0x17FF, "Khmer"),
    (0x1800, 0x18AF, "Mongolian"),
    (0x1E00, 0x1EFF, "Latin Extended Additional"),
    (0x1F00, 0x1FFF, "Greek Extended"),
    (0x2000, 0x206F, "General Punctuation"),
    (0x2070, 0x209F, "Superscripts and Subscripts"),
    (0x20A0, 0x20CF, "Currency Symbols"),
    (0x20D0, 0x20FF, "Combining Diacritical Marks for Symbols"),
    (0x2100, 0x214F, "Letterlike Symbols"),
    (0x2150, 0x218F, "Number Forms"),
    (0x2190, 0x21FF, "Arrows"),
    (0x2200, 0x22FF, "Mathematical Operators"),
    (0x2300, 0x23FF, "Miscellaneous Technical"),
    (0x2460, 0x24FF, "Enclosed Alphanumerics"),
    (0x2500, 0x257F, "Box Drawing"),
    (0x2580, 0x259F, "Block Elements"),
    (0x25A0, 0x25FF, "Geometric Shapes"),
    (0x2600, 0x26FF, "Miscellaneous Symbols"),
    (0x2700, 0x27BF, "Dingbats"),
    (0x2800, 0x28FF, "Braille Patterns"),
    (0x2E80, 0x2EFF, "CJK Radicals Supplement"),
    (0x3000, 0x303F, "CJK Symbols and Punctuation"),
    (0x3040, 0x309F, "Hiragana"),
    (0x30A0, 0x30FF, "Katakana"),
    (0x3100, 0x312F, "Bopomofo"),
    (0x3130, 0x318F, "Hangul Compatibility Jamo"),
    (0x3200, 0x32FF, "Enclosed CJK Letters and Months"),
    (0x3300, 0x33FF, "CJK Compatibility"),
    (0x3400, 0x4DBF, "CJK Unified Ideographs Extension A"),
    (0x4E00, 0x9FFF, "CJK Unified Ideographs"),
    (0xA000, 0xA48F, "Yi Syllables"),
    (0xAC00, 0xD7AF, "Hangul Syllables"),
    (0xE000, 0xF8FF, "Private Use Area"),
    (0xF900, 0xFAFF, "CJK Compatibility Ideographs"),
    (0xFB50, 0xFDFF, "Arabic Presentation Forms-A"),
    (0xFE30, 0xFE4F, "CJK Compatibility Forms"),
    (0xFE70, 0xFEFF, "Arabic Presentation Forms-B"),
    (0xFF00, 0xFFEF, "Halfwidth and Fullwidth Forms"),
    (0xFFF0, 0xFFFF, "Specials"),
    (0x1D400, 0x1D7FF, "Mathematical Alphanumeric Symbols"),
    (0x1F100, 0x1F1FF, "Enclosed Alphanumeric Supplement"),
    (0x1F300, 0x1F5FF, "Miscellaneous Symbols and Pictographs"),
    (0x1F600, 0x1F64F, "Emoticons"),
    (0x1F680, 0x1F6FF, "Transport and Map Symbols"),
    (0x1F900, 0x1F9FF, "Supplementary Symbols and Pictographs"),
    (0x20000, 0x2A6DF, "CJK Unified Ideographs Extension B"),
];

/// The name of the Unicode block `c` is in ("CJK Unified Ideographs"), or
/// "other characters" for blocks not in the table.
pub fn block(c: char) -> &'static str {
    let cp = c as u32;
    BLOCKS
        .iter()
        .find(|(lo, hi, _)| (*lo..=*hi).contains(&cp))
        .map(|(_, _, name)| *name)
        .unwrap_or("other blocks")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_per_block_per_document() {
        let mut ds = vec![Diagnostic::warning("word-broken", "x", None)];
        for (i, c) in ['破', '中', 'א', '中'].into_iter().enumerate() {
            ds.push(diagnostic(&format!("paragraph {}", i + 1), c));
        }
        summarize(&mut ds);
        let lines: Vec<&str> = ds.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert_eq!(
            lines[1],
            "2 characters in CJK Unified Ideographs have no font (e.g. U+7834 '破', \
             first in paragraph 1): add a font to fonts.fallback or --font-dir"
        );
        assert!(lines[2].starts_with("1 character in Hebrew has no font"));
    }
}
