//! List levels from `word/numbering.xml`: each list paragraph's marker as
//! the text parser reads it (`•`, `◦`, `1.`, `(a)`, `iv)`), counted the way
//! Word counts it.
//!
//! Word's bullets are often private-use characters of a symbol font (the
//! Symbol font's U+F0B7 is Word's default bullet); they become the real
//! characters they look like, and any other private-use bullet a plain `•`.

use std::collections::HashMap;

/// How one level is marked.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    /// A bullet, mapped to a character the text parser reads as one.
    Bullet(char),
    /// Numbers: the style and the delimiter written around them.
    Ordered(Style, Delimiter),
    /// No marker (`w:numFmt w:val="none"`).
    Unmarked,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Decimal,
    LowerAlpha,
    UpperAlpha,
    LowerRoman,
    UpperRoman,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Delimiter {
    /// `(1)`
    Parens,
    /// `1)`
    Paren,
    /// `1.`
    Period,
}

#[derive(Debug, Clone)]
struct Level {
    kind: Kind,
    start: u32,
}

/// The document's lists and the running count of each.
#[derive(Debug, Default)]
pub struct Numbering {
    /// `w:numId` → its levels (`w:ilvl` 0 to 8).
    lists: HashMap<usize, Vec<Level>>,
    /// `w:numId` → the last number given at each level.
    counters: HashMap<usize, Vec<Option<u32>>>,
}

/// Word's levels.
const LEVELS: usize = 9;

impl Numbering {
    /// Reads docx-rs's numbering part (abstract definitions, instances and
    /// their start overrides).
    pub fn new(numberings: &docx_rs::Numberings) -> Numbering {
        let abstracts: HashMap<usize, &docx_rs::AbstractNumbering> =
            numberings.abstract_nums.iter().map(|a| (a.id, a)).collect();
        let mut lists = HashMap::new();
        for num in &numberings.numberings {
            let mut levels: Vec<Level> = (0..LEVELS).map(default_level).collect();
            if let Some(abs) = abstracts.get(&num.abstract_num_id) {
                for level in &abs.levels {
                    if let Some(slot) = levels.get_mut(level.level) {
                        *slot = read_level(level);
                    }
                }
            }
            for over in &num.level_overrides {
                if let Some(slot) = levels.get_mut(over.level) {
                    if let Some(level) = &over.override_level {
                        *slot = read_level(level);
                    }
                    if let Some(start) = over.override_start {
                        slot.start = u32::try_from(start).unwrap_or(1);
                    }
                }
            }
            lists.insert(num.id, levels);
        }
        Numbering {
            lists,
            counters: HashMap::new(),
        }
    }

    /// The marker of the next item of list `num` at `level` (0-based), as
    /// the text parser reads it; `None` for an unmarked level. A list the
    /// numbering part does not define is bulleted.
    pub fn next_marker(&mut self, num: usize, level: usize) -> Option<String> {
        let level = level.min(LEVELS - 1);
        let def = self
            .lists
            .get(&num)
            .and_then(|levels| levels.get(level))
            .cloned()
            .unwrap_or_else(|| default_level(level));
        let counters = self
            .counters
            .entry(num)
            .or_insert_with(|| vec![None; LEVELS]);
        for deeper in counters.iter_mut().skip(level + 1) {
            *deeper = None;
        }
        let n = counters[level].map_or(def.start, |n| n.saturating_add(1));
        counters[level] = Some(n);
        match def.kind {
            Kind::Bullet(c) => Some(c.to_string()),
            Kind::Ordered(style, delimiter) => Some(label(style, delimiter, n)),
            Kind::Unmarked => None,
        }
    }
}

fn default_level(level: usize) -> Level {
    Level {
        kind: Kind::Bullet(['•', '◦', '▪'][level % 3]),
        start: 1,
    }
}

fn read_level(level: &docx_rs::Level) -> Level {
    let text = serde_json::to_value(&level.text)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    let start = serde_json::to_value(&level.start)
        .ok()
        .and_then(|v| v.as_u64())
        .and_then(|n| u32::try_from(n).ok())
        .unwrap_or(1);
    let style = match level.format.val.as_str() {
        "bullet" => {
            return Level {
                kind: Kind::Bullet(bullet(&text, level.level)),
                start,
            };
        }
        "none" => {
            return Level {
                kind: Kind::Unmarked,
                start,
            };
        }
        "lowerLetter" => Style::LowerAlpha,
        "upperLetter" => Style::UpperAlpha,
        "lowerRoman" => Style::LowerRoman,
        "upperRoman" => Style::UpperRoman,
        _ => Style::Decimal,
    };
    Level {
        kind: Kind::Ordered(style, delimiter(&text, level.level)),
        start,
    }
}

/// The delimiter around this level's own number in `w:lvlText` (`(%1)`,
/// `%1)`, `%1.`; anything else reads as a period).
fn delimiter(text: &str, level: usize) -> Delimiter {
    let place = format!("%{}", level + 1);
    let Some(at) = text.find(&place) else {
        return Delimiter::Period;
    };
    let before = text[..at].chars().next_back();
    let after = text[at + place.len()..].chars().next();
    match (before, after) {
        (Some('('), _) => Delimiter::Parens,
        (_, Some(')')) => Delimiter::Paren,
        _ => Delimiter::Period,
    }
}

/// A bullet the text parser reads: Word's symbol-font bullets mapped to
/// the characters they draw, other private-use characters to `•`.
pub fn bullet(text: &str, level: usize) -> char {
    let Some(c) = text.chars().find(|c| !c.is_whitespace()) else {
        return default_bullet(level);
    };
    let mapped = match c {
        '\u{F0B7}' | '\u{F0A5}' | '\u{F095}' => '•',
        '\u{F0A7}' | '\u{F0A2}' | '\u{F06E}' => '▪',
        '\u{F06F}' | 'o' => '◦',
        '\u{F0D8}' | '\u{F0E0}' | '\u{F0E8}' => '➢',
        '\u{F0FC}' => '✓',
        '\u{F076}' | '\u{F075}' => '◆',
        '\u{F071}' | '\u{F0A8}' => '□',
        '\u{F06C}' => '●',
        '\u{E000}'..='\u{F8FF}' => '•',
        other => other,
    };
    if crate::parse::lists::is_bullet(mapped) {
        mapped
    } else {
        default_bullet(level)
    }
}

fn default_bullet(level: usize) -> char {
    ['•', '◦', '▪'][level % 3]
}

/// The label of number `n`: letters past `z` and roman numerals past 39
/// (the text parser's range) fall back to digits.
fn label(style: Style, delimiter: Delimiter, n: u32) -> String {
    let digits = || n.to_string();
    let number = match style {
        Style::Decimal => digits(),
        Style::LowerAlpha | Style::UpperAlpha if (1..=26).contains(&n) => {
            let c = char::from(b'a' + (n - 1) as u8);
            if style == Style::UpperAlpha {
                c.to_ascii_uppercase().to_string()
            } else {
                c.to_string()
            }
        }
        Style::LowerRoman | Style::UpperRoman if (1..40).contains(&n) => {
            let r = roman(n);
            if style == Style::UpperRoman {
                r.to_ascii_uppercase()
            } else {
                r
            }
        }
        _ => digits(),
    };
    // The text parser reads "A." as a name's initial: capitals take ")".
    let delimiter = match (style, delimiter) {
        (Style::UpperAlpha, Delimiter::Period) => Delimiter::Paren,
        _ => delimiter,
    };
    match delimiter {
        Delimiter::Parens => format!("({number})"),
        Delimiter::Paren => format!("{number})"),
        Delimiter::Period => format!("{number}."),
    }
}

fn roman(n: u32) -> String {
    let mut out = String::new();
    let mut n = n;
    for (value, digits) in [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")] {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_as_the_text_parser_reads_them() {
        assert_eq!(label(Style::Decimal, Delimiter::Period, 3), "3.");
        assert_eq!(label(Style::LowerAlpha, Delimiter::Parens, 2), "(b)");
        assert_eq!(label(Style::LowerRoman, Delimiter::Paren, 14), "xiv)");
        assert_eq!(label(Style::UpperAlpha, Delimiter::Period, 1), "A)");
        assert_eq!(label(Style::LowerAlpha, Delimiter::Period, 27), "27.");
        assert_eq!(delimiter("(%2)", 1), Delimiter::Parens);
        assert_eq!(delimiter("%1.%2)", 1), Delimiter::Paren);
    }

    #[test]
    fn symbol_font_bullets_become_real_characters() {
        assert_eq!(bullet("\u{F0B7}", 0), '•');
        assert_eq!(bullet("o", 1), '◦');
        assert_eq!(bullet("\u{F0A7}", 2), '▪');
        assert_eq!(bullet("\u{E123}", 0), '•');
        assert_eq!(bullet("", 1), '◦');
        assert_eq!(bullet("–", 0), '•');
    }
}
