//! Text safety: everything that reaches the package is valid XML 1.0.
//!
//! Model text may hold characters XML 1.0 forbids (C0 controls other than
//! tab, line feed and carriage return; U+FFFE, U+FFFF). Line-like controls
//! become line breaks, the rest are removed and counted so the writer can
//! report them.

/// A piece of run content after sanitizing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Text made of valid XML characters only.
    Text(&'a str),
    /// A line break (`\n`, `\r\n`, `\r`, `\v`, `\f`, U+2028, U+2029).
    Break,
    /// A tab.
    Tab,
}

/// What a character becomes.
enum Class {
    Keep,
    Break,
    Tab,
    Drop,
}

fn classify(c: char) -> Class {
    match c {
        '\t' => Class::Tab,
        '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{2028}' | '\u{2029}' => Class::Break,
        '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => Class::Drop,
        _ => Class::Keep,
    }
}

/// The bytes that may start a character [`classify`] does not keep: the C0
/// controls and the lead bytes 0xE2 and 0xEF (a table: [`pieces`] looks up
/// every byte of a document's text).
const MAY_NOT_BE_KEPT: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    table[0xE2] = true;
    table[0xEF] = true;
    table
};

/// Splits `text` into pieces, calling `dropped` for each removed character.
pub fn pieces<'a>(text: &'a str, mut dropped: impl FnMut(char), mut f: impl FnMut(Piece<'a>)) {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut after_cr = false;
    let mut i = 0;
    while i < bytes.len() {
        // Every character that is not kept is a C0 control or starts with
        // 0xE2 (U+2028, U+2029) or 0xEF (U+FFFE, U+FFFF); those bytes are
        // never UTF-8 continuation bytes, so the next one is a character
        // boundary. The bytes before it are kept whole.
        let ordinary = bytes[i..]
            .iter()
            .position(|&b| MAY_NOT_BE_KEPT[b as usize])
            .unwrap_or(bytes.len() - i);
        if ordinary > 0 {
            after_cr = false;
            i += ordinary;
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let class = classify(c);
        if matches!(class, Class::Keep) {
            after_cr = false;
            i += c.len_utf8();
            continue;
        }
        if start < i {
            f(Piece::Text(&text[start..i]));
        }
        start = i + c.len_utf8();
        match class {
            Class::Break => {
                // "\r\n" is one break.
                if !(c == '\n' && after_cr) {
                    f(Piece::Break);
                }
            }
            Class::Tab => f(Piece::Tab),
            Class::Drop => dropped(c),
            Class::Keep => {}
        }
        after_cr = c == '\r';
        i = start;
    }
    if start < text.len() {
        f(Piece::Text(&text[start..]));
    }
}

/// `text` with forbidden characters removed and breaks/tabs turned into
/// spaces: for attributes and one-line fields (core properties).
pub fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    pieces(
        text,
        |_| {},
        |p| match p {
            Piece::Text(t) => out.push_str(t),
            Piece::Break | Piece::Tab => out.push(' '),
        },
    );
    out
}

/// Appends `text` escaped for XML element content or attribute values, with
/// forbidden characters removed (callers pass one-line text).
pub fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => {}
            _ => out.push(c),
        }
    }
}

/// `text` escaped (see [`escape_into`]).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(text: &str) -> (Vec<String>, usize) {
        let mut out = Vec::new();
        let mut dropped = 0;
        pieces(
            text,
            |_| dropped += 1,
            |p| {
                out.push(match p {
                    Piece::Text(t) => t.to_string(),
                    Piece::Break => "<br>".into(),
                    Piece::Tab => "<tab>".into(),
                })
            },
        );
        (out, dropped)
    }

    #[test]
    fn breaks_tabs_and_controls() {
        let (p, d) = collect("a\nb\r\nc\u{b}d\te\u{0}f\u{1b}");
        assert_eq!(
            p,
            [
                "a", "<br>", "b", "<br>", "c", "<br>", "d", "<tab>", "e", "f"
            ]
        );
        assert_eq!(d, 2);
        assert_eq!(escape("a<b>&\"'\u{7}"), "a&lt;b&gt;&amp;&quot;&apos;");
        let (p, d) = collect("é\u{2028}€\u{ffff}\u{fffd}\r\r\n");
        assert_eq!(p, ["é", "<br>", "€", "\u{fffd}", "<br>", "<br>"]);
        assert_eq!(d, 1);
        assert_eq!(one_line("a\nb\tc\u{0}"), "a b c");
    }
}
