//! Inline Markdown-ish markup: `**strong**`, `*emphasis*`, `[text](url)`,
//! `<https://autolinks>`, backslash escapes (`\###`, `\$`), HTML tags
//! (stripped; `<br>` is a line break), HTML entities, and `\n` (a hard break
//! from [`crate::normalize::unwrap_lines`]) as [`Inline::LineBreak`].
//!
//! Linear time: every closing delimiter is searched for at most once per
//! nesting level (a failed search is remembered), and nesting is capped.

use super::markup::{decode_entity, is_block_tag, tag_at};
use crate::model::Inline;

/// The bytes [`Parser::run`] stops at (a line break, a backslash, an
/// entity, a tag, emphasis, a link), as a table: the scan for the next one
/// runs over every byte of the body, and a table costs one load a byte.
const SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    let bytes = b"\n\\&<*[";
    while i < bytes.len() {
        table[bytes[i] as usize] = true;
        i += 1;
    }
    table
};

/// Deeper nesting than this is read as plain text.
const MAX_DEPTH: usize = 4;

/// Parses one paragraph's text into inlines.
pub fn parse_inlines(text: &str) -> Vec<Inline> {
    let mut out = Vec::new();
    Parser::new(text, 0).run(&mut out);
    out
}

struct Parser<'a> {
    s: &'a str,
    depth: usize,
    text: String,
    /// No valid `**` closer at or after this byte.
    no_strong_from: usize,
    /// No valid `*` closer at or after this byte.
    no_em_from: usize,
    /// Last `]` found and whether a link failed there.
    last_bracket: Option<(usize, usize, bool)>,
    no_bracket_from: usize,
    /// Where the last HTML link closed (`</a>`): the lengths of the
    /// pending text and of the output then, to tell whether anything was
    /// printed since.
    link_closed: Option<(usize, usize)>,
}

impl<'a> Parser<'a> {
    fn new(s: &'a str, depth: usize) -> Self {
        Parser {
            s,
            depth,
            text: String::new(),
            no_strong_from: usize::MAX,
            no_em_from: usize::MAX,
            last_bracket: None,
            no_bracket_from: usize::MAX,
            link_closed: None,
        }
    }

    fn flush(&mut self, out: &mut Vec<Inline>) {
        if !self.text.is_empty() {
            let text = std::mem::take(&mut self.text);
            out.push(Inline::text(one_space_for_mixed_runs(text)));
        }
    }

    fn nested(&self, range: std::ops::Range<usize>) -> Vec<Inline> {
        let mut inner = Vec::new();
        Parser::new(&self.s[range], self.depth + 1).run(&mut inner);
        inner
    }

    fn run(mut self, out: &mut Vec<Inline>) {
        let s = self.s;
        let bytes = s.as_bytes();
        let markup = self.depth < MAX_DEPTH;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            match b {
                b'\n' => {
                    self.flush(out);
                    out.push(Inline::LineBreak);
                    i += 1;
                    continue;
                }
                b'\\' if bytes.get(i + 1).is_some_and(u8::is_ascii_punctuation) => {
                    self.text.push(bytes[i + 1] as char);
                    i += 2;
                    continue;
                }
                b'&' => {
                    if let Some((decoded, len)) = decode_entity(&s[i..]) {
                        self.text.push_str(&decoded);
                        i += len;
                        continue;
                    }
                }
                b'<' => {
                    if let Some(end) = autolink(&s[i..]) {
                        self.flush(out);
                        let url = &s[i + 1..i + end - 1];
                        out.push(Inline::Link {
                            content: vec![Inline::text(url)],
                            url: url.to_string(),
                        });
                        i += end;
                        continue;
                    }
                    if let Some((len, name)) = tag_at(&s[i..]) {
                        // Two HTML links touching (`</a><a …>`) are two
                        // phrases: a space keeps them apart.
                        let touching_links =
                            name == "a" && self.link_closed == Some((self.text.len(), out.len()));
                        if name == "br" || name == "/br" {
                            self.flush(out);
                            out.push(Inline::LineBreak);
                        } else if !self.text.ends_with(' ')
                            && (is_block_tag(&name) || touching_links)
                        {
                            self.text.push(' ');
                        }
                        if name == "/a" {
                            self.link_closed = Some((self.text.len(), out.len()));
                        }
                        i += len;
                        continue;
                    }
                }
                b'*' if markup => {
                    if let Some(next) = self.try_emphasis(i, out) {
                        i = next;
                        continue;
                    }
                }
                b'[' if markup => {
                    if let Some(next) = self.try_link(i, out) {
                        i = next;
                        continue;
                    }
                }
                _ => {}
            }
            // Copy a run of ordinary characters at once.
            let run = bytes[i + 1..]
                .iter()
                .position(|&c| SPECIAL[c as usize])
                .map_or(bytes.len(), |p| i + 1 + p);
            self.text.push_str(&s[i..run]);
            i = run;
        }
        self.flush(out);
    }

    /// `**strong**` or `*emphasis*` at `i`; returns the index after it.
    fn try_emphasis(&mut self, i: usize, out: &mut Vec<Inline>) -> Option<usize> {
        let s = self.s;
        let bytes = s.as_bytes();
        let strong = bytes.get(i + 1) == Some(&b'*');
        let open = if strong { 2 } else { 1 };
        let first = *bytes.get(i + open)?;
        if first.is_ascii_whitespace() || (!strong && first == b'*') {
            return None;
        }
        let start = i + open;
        let close = if strong {
            self.find_closer(start, true)?
        } else {
            self.find_closer(start, false)?
        };
        let mut close = close;
        if strong && bytes.get(close + 2) == Some(&b'*') && bytes.get(start) == Some(&b'*') {
            close += 1;
        }
        if close <= start {
            return None;
        }
        self.flush(out);
        let content = self.nested(start..close);
        out.push(if strong {
            Inline::Strong { content }
        } else {
            Inline::Emphasis { content }
        });
        Some(close + open)
    }

    /// The next valid closer at or after `from`: preceded by a non-space,
    /// for `*` not part of `**`.
    fn find_closer(&mut self, from: usize, strong: bool) -> Option<usize> {
        let limit = if strong {
            self.no_strong_from
        } else {
            self.no_em_from
        };
        if from >= limit {
            return None;
        }
        let bytes = self.s.as_bytes();
        let mut pos = from;
        while let Some(offset) = bytes[pos..].iter().position(|&b| b == b'*' || b == b'<') {
            let k = pos + offset;
            if bytes[k] == b'<' {
                // HTML binds tighter than emphasis: skip over a whole tag.
                pos = k + tag_at(&self.s[k..]).map_or(1, |(len, _)| len);
                continue;
            }
            let run = bytes[k..].iter().take_while(|&&b| b == b'*').count();
            let before_ok = k > from && !bytes[k - 1].is_ascii_whitespace();
            if before_ok && (strong && run >= 2 || !strong && run == 1) {
                return Some(k);
            }
            pos = k + run;
        }
        if strong {
            self.no_strong_from = from;
        } else {
            self.no_em_from = from;
        }
        None
    }

    /// The next `]` at or after `from` that is not inside an HTML tag.
    fn next_bracket(&self, from: usize) -> Option<usize> {
        let bytes = self.s.as_bytes();
        let mut pos = from;
        while let Some(offset) = bytes[pos..].iter().position(|&b| b == b']' || b == b'<') {
            let k = pos + offset;
            if bytes[k] == b']' {
                return Some(k);
            }
            pos = k + tag_at(&self.s[k..]).map_or(1, |(len, _)| len);
        }
        None
    }

    /// `[text](url)` at `i`; returns the index after it.
    fn try_link(&mut self, i: usize, out: &mut Vec<Inline>) -> Option<usize> {
        if i >= self.no_bracket_from {
            return None;
        }
        let bytes = self.s.as_bytes();
        let close = match self.last_bracket {
            Some((from, close, failed)) if from <= i && i < close => {
                if failed {
                    return None;
                }
                close
            }
            _ => match self.next_bracket(i + 1) {
                Some(p) => p,
                None => {
                    self.no_bracket_from = i;
                    return None;
                }
            },
        };
        self.last_bracket = Some((i, close, false));
        let url_end = (bytes.get(close + 1) == Some(&b'('))
            .then(|| {
                let start = close + 2;
                let len = bytes[start..].iter().position(|&b| {
                    b == b')' || b.is_ascii_whitespace() || b == b'(' || b == b'<'
                })?;
                (bytes[start + len] == b')' && len > 0).then_some(start + len)
            })
            .flatten();
        let Some(url_end) = url_end else {
            self.last_bracket = Some((i, close, true));
            return None;
        };
        // A link right after another (`[a](x)[b](y)`) is another phrase:
        // a space keeps the two apart.
        if self.text.is_empty() && matches!(out.last(), Some(Inline::Link { .. })) {
            self.text.push(' ');
        }
        self.flush(out);
        let content = self.nested(i + 1..close);
        out.push(Inline::Link {
            content,
            url: super::markup::decode_entities(&self.s[close + 2..url_end]),
        });
        Some(url_end + 1)
    }
}

/// Plain text of inlines for one-line metadata (headline, contact lines):
/// where two runs meet between two letters or digits ("**20447**a"), a space
/// keeps the words apart, as the markup did in the input.
pub fn spaced_text(content: &[Inline]) -> String {
    let mut out = String::new();
    for inline in content {
        let piece = match inline {
            Inline::Text { text } => text.clone(),
            Inline::Emphasis { content }
            | Inline::Strong { content }
            | Inline::Link { content, .. } => spaced_text(content),
            Inline::LineBreak => "\n".to_string(),
        };
        let joins_words = out.chars().next_back().is_some_and(char::is_alphanumeric)
            && piece.chars().next().is_some_and(char::is_alphanumeric);
        if joins_words {
            out.push(' ');
        }
        out.push_str(&piece);
    }
    out
}

/// A run of spaces and no-break spaces holding both (`".\u{A0} "`, typed
/// or `&nbsp; ` after a sentence) becomes one ordinary space: it only ever
/// widened the gap, and a fixed-width one in justified lines. A no-break
/// space alone (`10\u{A0}kg`) is kept.
fn one_space_for_mixed_runs(text: String) -> String {
    const NBSP: &[u8] = "\u{A0}".as_bytes();
    if !text.contains('\u{A0}') {
        return text;
    }
    // The bytes are walked, not the characters: a space is one byte and a
    // no-break space is C2 A0, whose lead byte is never inside another
    // character. Text between mixed runs is copied in slices.
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        let (mut spaces, mut no_breaks) = (false, false);
        loop {
            if bytes.get(i) == Some(&b' ') {
                spaces = true;
                i += 1;
            } else if bytes.get(i..).is_some_and(|rest| rest.starts_with(NBSP)) {
                no_breaks = true;
                i += NBSP.len();
            } else {
                break;
            }
        }
        if spaces && no_breaks {
            out.push_str(&text[copied..start]);
            out.push(' ');
            copied = i;
        }
        if i == start {
            i += 1;
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// `<https://…>` or `<mailto:…>`: returns its length.
fn autolink(s: &str) -> Option<usize> {
    let rest = &s[1..];
    if !(rest.starts_with("http://") || rest.starts_with("https://") || rest.starts_with("mailto:"))
    {
        return None;
    }
    let end = rest
        .bytes()
        .take(2000)
        .position(|b| b == b'>' || b.is_ascii_whitespace() || b == b'<')?;
    (rest.as_bytes()[end] == b'>').then_some(end + 2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::plain_text;

    #[test]
    fn mixed_runs_of_spaces_become_one_space() {
        for (text, expected) in [
            ("plain text", "plain text"),
            ("end.\u{A0} Next", "end. Next"),
            ("end. \u{A0}\u{A0}  Next", "end. Next"),
            (
                "10\u{A0}kg and 5\u{A0}\u{A0}m",
                "10\u{A0}kg and 5\u{A0}\u{A0}m",
            ),
            ("é\u{A0} ü \u{A0}中\u{A0}", "é ü 中\u{A0}"),
            ("\u{A0} ", " "),
            (" \u{A0}x\u{A0} ", " x "),
            ("ą\u{A0}", "ą\u{A0}"),
        ] {
            assert_eq!(
                one_space_for_mixed_runs(text.to_string()),
                expected,
                "{text:?}"
            );
        }
    }

    #[test]
    fn strong_emphasis_and_escapes() {
        let v = parse_inlines("**Bold** and *em* \\### \\$5");
        assert_eq!(
            v,
            [
                Inline::Strong {
                    content: vec![Inline::text("Bold")]
                },
                Inline::text(" and "),
                Inline::Emphasis {
                    content: vec![Inline::text("em")]
                },
                Inline::text(" ### $5"),
            ]
        );
        let v = parse_inlines("***Hydropower Facilities***. Energy");
        assert!(
            matches!(&v[0], Inline::Strong { content } if matches!(&content[0], Inline::Emphasis { .. }))
        );
        assert_eq!(plain_text(&v), "Hydropower Facilities. Energy");
    }

    #[test]
    fn links_including_bold_text_and_autolinks() {
        let v = parse_inlines("[**most dangerous**](https://x.gov/a)**.** see <https://un.org>");
        assert!(matches!(&v[0], Inline::Link { url, .. } if url == "https://x.gov/a"));
        assert_eq!(plain_text(&v), "most dangerous. see https://un.org");
        assert_eq!(
            plain_text(&parse_inlines("[not a link] (x)")),
            "[not a link] (x)"
        );
    }

    #[test]
    fn html_tags_stripped_entities_decoded_breaks_kept() {
        let v = parse_inlines("<span aria-current=\"page\">Caf&eacute;</span><br>next\nline");
        assert_eq!(
            v,
            [
                Inline::text("Café"),
                Inline::LineBreak,
                Inline::text("next"),
                Inline::LineBreak,
                Inline::text("line")
            ]
        );
    }

    #[test]
    fn unmatched_delimiters_stay_as_text() {
        assert_eq!(plain_text(&parse_inlines("**Middle East")), "**Middle East");
        assert_eq!(plain_text(&parse_inlines("2 * 3 * 4")), "2 * 3 * 4");
        let many = "[".repeat(5000) + "a](b c" + &"*x ".repeat(5000);
        assert_eq!(plain_text(&parse_inlines(&many)), many);
    }
}
