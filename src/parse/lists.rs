//! List items and nesting: bullets (`-`, `*`, `•`, `□`, …), `1.`, `1)`,
//! `(a)`, `a)`, `(i)`, `i.`; nesting by indentation and, at equal
//! indentation, by marker style (UN `(a)` → `(i)`). Built iteratively with
//! a stack, so nesting depth costs no recursion; depth is capped.

use crate::model::{Inline, List, ListItem, ListMarker, MarkerDelimiter, MarkerStyle};

/// Lists deeper than this are flattened into the deepest level.
pub const MAX_DEPTH: usize = 16;

/// A recognized list marker at the start of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    /// Columns of indentation before the marker.
    pub indent: usize,
    /// Byte offset where the item text starts.
    pub content_start: usize,
    /// What the marker can mean.
    pub kind: MarkerKind,
}

/// The possible readings of a marker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MarkerKind {
    /// A bullet character.
    Bullet(String),
    /// `3.` / `3)` / `(3)`.
    Decimal(u32, MarkerDelimiter),
    /// A letter, possibly also a roman numeral (`(i)`, `c.`).
    Letter {
        /// Alphabetic value (a = 1).
        alpha: u32,
        /// Roman value when the letters form one.
        roman: Option<u32>,
        /// Upper case.
        upper: bool,
        /// Punctuation.
        delimiter: MarkerDelimiter,
    },
}

const BULLETS: &[char] = &[
    '-', '*', '+', '•', '▪', '◦', '○', '□', '■', '▲', '‣', '·', '●', '◆', '➢', '✓',
];

/// True for a character the parser reads as a bullet at the start of a line.
pub fn is_bullet(c: char) -> bool {
    BULLETS.contains(&c)
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\u{A0}'
}

/// Recognizes a list marker followed by a space (or NBSP) and text.
pub fn marker(line: &str) -> Option<Marker> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let rest = &line[indent..];
    let mut chars = rest.char_indices();
    let (_, first) = chars.next()?;
    let (marker_len, kind) = if BULLETS.contains(&first) {
        (first.len_utf8(), MarkerKind::Bullet(first.to_string()))
    } else {
        ordered(rest)?
    };
    let after = &rest[marker_len..];
    let spaces = after.len() - after.trim_start_matches(is_space).len();
    if spaces == 0 || !after[spaces..].chars().any(char::is_alphanumeric) {
        return None;
    }
    Some(Marker {
        indent,
        content_start: indent + marker_len + spaces,
        kind,
    })
}

fn ordered(rest: &str) -> Option<(usize, MarkerKind)> {
    let (parens, inner_start) = if rest.starts_with('(') {
        (true, 1)
    } else {
        (false, 0)
    };
    let inner_len = rest[inner_start..]
        .bytes()
        .take_while(u8::is_ascii_alphanumeric)
        .count();
    if inner_len == 0 || inner_len > 4 {
        return None;
    }
    let inner = &rest[inner_start..inner_start + inner_len];
    let delim_byte = rest.as_bytes().get(inner_start + inner_len).copied()?;
    let delimiter = match (parens, delim_byte) {
        (true, b')') => MarkerDelimiter::Parens,
        (false, b')') => MarkerDelimiter::Paren,
        (false, b'.') => MarkerDelimiter::Period,
        _ => return None,
    };
    let len = inner_start + inner_len + 1;
    if inner.bytes().all(|b| b.is_ascii_digit()) {
        if inner_len > 3 {
            return None;
        }
        return Some((len, MarkerKind::Decimal(inner.parse().ok()?, delimiter)));
    }
    let upper = inner.bytes().all(|b| b.is_ascii_uppercase());
    let lower = inner.bytes().all(|b| b.is_ascii_lowercase());
    if !(upper || lower) {
        return None;
    }
    let roman = roman_value(inner);
    let alpha = if inner_len == 1 {
        u32::from(inner.as_bytes()[0].to_ascii_lowercase() - b'a' + 1)
    } else if roman.is_some() {
        0
    } else {
        return None;
    };
    // "A. Smith" or "I. Introduction" style capitals need parentheses or ")".
    if upper && delimiter == MarkerDelimiter::Period && roman.is_none() {
        return None;
    }
    Some((
        len,
        MarkerKind::Letter {
            alpha,
            roman,
            upper,
            delimiter,
        },
    ))
}

/// Value of a roman numeral up to 39 (i … xxxix).
fn roman_value(s: &str) -> Option<u32> {
    let s = s.to_ascii_lowercase();
    let mut total = 0;
    let mut prev = 0;
    for c in s.chars().rev() {
        let v = match c {
            'i' => 1,
            'v' => 5,
            'x' => 10,
            _ => return None,
        };
        if v < prev {
            total -= v;
        } else {
            total += v;
            prev = v;
        }
    }
    let canonical = crate::model::ListMarker {
        style: MarkerStyle::LowerRoman,
        delimiter: MarkerDelimiter::None,
        bullet: None,
    }
    .format(total);
    (total > 0 && canonical == s).then_some(total)
}

/// One list item as the segmenter found it.
#[derive(Debug)]
pub struct RawItem {
    /// Its marker.
    pub marker: Marker,
    /// The marker as written, for ordered items.
    pub label: Option<String>,
    /// Inline content.
    pub content: Vec<Inline>,
}

struct Level {
    indent: usize,
    list: List,
    next: u32,
}

fn style_of(kind: &MarkerKind, level: Option<&Level>) -> (ListMarker, u32) {
    match kind {
        MarkerKind::Bullet(b) => (ListMarker::bullet(b), 1),
        MarkerKind::Decimal(n, d) => (
            ListMarker {
                style: MarkerStyle::Decimal,
                delimiter: *d,
                bullet: None,
            },
            *n,
        ),
        MarkerKind::Letter {
            alpha,
            roman,
            upper,
            delimiter,
        } => {
            let continues_alpha = level.is_some_and(|l| {
                matches!(
                    l.list.marker.style,
                    MarkerStyle::LowerAlpha | MarkerStyle::UpperAlpha
                ) && l.next == *alpha
            });
            let continues_roman = level.is_some_and(|l| {
                matches!(
                    l.list.marker.style,
                    MarkerStyle::LowerRoman | MarkerStyle::UpperRoman
                )
            });
            let use_roman = roman.is_some()
                && !continues_alpha
                && (continues_roman || *roman == Some(1) || *alpha == 0);
            let style = match (use_roman, upper) {
                (true, false) => MarkerStyle::LowerRoman,
                (true, true) => MarkerStyle::UpperRoman,
                (false, false) => MarkerStyle::LowerAlpha,
                (false, true) => MarkerStyle::UpperAlpha,
            };
            let n = if use_roman {
                roman.unwrap_or(1)
            } else {
                *alpha
            };
            (
                ListMarker {
                    style,
                    delimiter: *delimiter,
                    bullet: None,
                },
                n,
            )
        }
    }
}

fn same_style(a: &ListMarker, b: &ListMarker) -> bool {
    a.style == b.style && (a.style == MarkerStyle::Bullet || a.delimiter == b.delimiter)
}

/// Builds nested lists from items in order.
pub fn build(items: Vec<RawItem>) -> List {
    let mut stack: Vec<Level> = Vec::new();
    for item in items {
        let indent = item.marker.indent;
        while stack.len() > 1 && stack.last().is_some_and(|l| l.indent > indent + 1) {
            close_level(&mut stack);
        }
        // At equal indentation a different style nests (a → i) or returns
        // to an enclosing level that has it.
        if let Some(top) = stack.last() {
            let (marker, _) = style_of(&item.marker.kind, Some(top));
            if top.indent + 1 >= indent && !same_style(&top.list.marker, &marker) {
                let enclosing = stack
                    .iter()
                    .rposition(|l| same_style(&l.list.marker, &marker));
                if let Some(pos) = enclosing {
                    while stack.len() > pos + 1 {
                        close_level(&mut stack);
                    }
                }
            }
        }
        let (marker, n) = style_of(&item.marker.kind, stack.last());
        let append = stack
            .last()
            .is_some_and(|top| same_style(&top.list.marker, &marker) && indent <= top.indent + 1)
            || stack.len() >= MAX_DEPTH;
        if !append || stack.is_empty() {
            stack.push(Level {
                indent,
                list: List {
                    marker,
                    start: n.max(1),
                    items: Vec::new(),
                },
                next: n,
            });
        }
        if let Some(top) = stack.last_mut() {
            top.list.items.push(ListItem {
                label: item.label,
                content: item.content,
                children: Vec::new(),
            });
            top.next = n + 1;
        }
    }
    while stack.len() > 1 {
        close_level(&mut stack);
    }
    stack.pop().map(|l| l.list).unwrap_or(List {
        marker: ListMarker::bullet("•"),
        start: 1,
        items: Vec::new(),
    })
}

fn close_level(stack: &mut Vec<Level>) {
    if let Some(level) = stack.pop()
        && let Some(parent) = stack.last_mut()
    {
        match parent.list.items.last_mut() {
            Some(item) => item.children.push(level.list),
            None => parent.list.items.extend(level.list.items),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(line: &str) -> RawItem {
        let marker = marker(line).expect("marker");
        let content = vec![Inline::text(&line[marker.content_start..])];
        RawItem {
            marker,
            label: None,
            content,
        }
    }

    #[test]
    fn markers() {
        assert!(
            matches!(marker("-   It terminates").unwrap().kind, MarkerKind::Bullet(b) if b == "-")
        );
        assert_eq!(marker("    -   nested").unwrap().indent, 4);
        assert!(matches!(
            marker("(a)\u{A0} In order").unwrap().kind,
            MarkerKind::Letter { alpha: 1, .. }
        ));
        assert!(matches!(
            marker("(iii)\u{A0} coordinating").unwrap().kind,
            MarkerKind::Letter { roman: Some(3), .. }
        ));
        assert!(matches!(
            marker("30. The delegation").unwrap().kind,
            MarkerKind::Decimal(30, _)
        ));
        for not in [
            "-30-",
            "* *** *",
            "A. Smith said",
            "2001. Then",
            "(more)",
            "Mr. President",
        ] {
            let m = marker(not);
            assert!(m.is_none() || not == "2001. Then" && m.is_none(), "{not}");
        }
    }

    #[test]
    fn nesting_by_indent_and_by_style() {
        let list = build(vec![
            item("- a"),
            item("    - a1"),
            item("    - a2"),
            item("- b"),
        ]);
        assert_eq!(list.items.len(), 2);
        assert_eq!(list.items[0].children[0].items.len(), 2);
        let list = build(vec![
            item("(a) x"),
            item("(i) y"),
            item("(ii) z"),
            item("(b) w"),
        ]);
        assert_eq!(list.marker.style, MarkerStyle::LowerAlpha);
        assert_eq!(list.items.len(), 2);
        assert_eq!(
            list.items[0].children[0].marker.style,
            MarkerStyle::LowerRoman
        );
        let list = build(vec![item("(h) x"), item("(i) y")]);
        assert_eq!(list.items.len(), 2, "(i) after (h) is a letter");
    }

    #[test]
    fn deep_nesting_is_capped_without_recursion() {
        let items: Vec<RawItem> = (0..200)
            .map(|d| item(&format!("{}- x", " ".repeat(d * 2))))
            .collect();
        let mut list = &build(items);
        let mut depth = 1;
        while let Some(child) = list.items.last().and_then(|i| i.children.first()) {
            list = child;
            depth += 1;
        }
        assert_eq!(depth, MAX_DEPTH);
    }
}
