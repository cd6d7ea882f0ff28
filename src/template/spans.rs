//! Where each key of a template's TOML source is: dotted key paths
//! (`page.size`, `letterhead.lines[0].text`, `fonts.fallback[1]`) with the
//! byte spans of their keys and values, so that an error names the key and
//! its line.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

/// One key (or array item) and its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    /// Dotted path from the root (`styles.body.size`, `fonts.fallback[1]`).
    pub path: String,
    /// Bytes of the key (of the item, for an array item).
    key: Range<usize>,
    /// Bytes of the value (of a `[table]` header, for a table).
    value: Range<usize>,
    /// The value as a message names it: `the string "big"`, `the number 5`,
    /// `true`, `a list`, `a table`.
    pub found: String,
}

/// The keys of one TOML source. A source that does not parse has none.
#[derive(Debug)]
pub(crate) struct Spans<'s> {
    source: &'s str,
    entries: Vec<Entry>,
}

impl<'s> Spans<'s> {
    /// Indexes every key of `source`.
    pub fn new(source: &'s str) -> Self {
        let mut entries = Vec::new();
        if let Ok(root) = DeTable::parse(source) {
            walk_table(root.get_ref(), "", &mut entries);
        }
        Spans { source, entries }
    }

    /// 1-based line of byte `offset`.
    pub fn line(&self, offset: usize) -> usize {
        let bytes = self.source.as_bytes();
        let end = offset.min(bytes.len());
        bytes[..end].iter().filter(|&&b| b == b'\n').count() + 1
    }

    /// The innermost key or value whose bytes hold `offset` (what a
    /// serde error's span points at).
    pub fn at(&self, offset: usize) -> Option<&Entry> {
        let holds = |r: &Range<usize>| r.start <= offset && offset < r.end.max(r.start + 1);
        self.entries
            .iter()
            .filter_map(|e| {
                let size = [&e.key, &e.value]
                    .into_iter()
                    .filter(|r| holds(r))
                    .map(|r| r.len())
                    .min()?;
                Some((size, std::cmp::Reverse(e.path.len()), e))
            })
            .min_by_key(|(size, depth, _)| (*size, *depth))
            .map(|(_, _, e)| e)
    }

    /// 1-based line of the value at `path`, when the source sets it.
    pub fn line_of(&self, path: &str) -> Option<usize> {
        self.entries
            .iter()
            .find(|e| e.path == path)
            .map(|e| self.line(e.value.start))
    }

    /// `origin:LINE` for the value at `path`, or `origin` when the source
    /// does not set it.
    pub fn origin_of(&self, origin: &str, path: &str) -> String {
        match self.line_of(path) {
            Some(line) => format!("{origin}:{line}"),
            None => origin.to_string(),
        }
    }
}

fn walk_table(table: &DeTable<'_>, prefix: &str, out: &mut Vec<Entry>) {
    for (key, value) in table.iter() {
        let path = if prefix.is_empty() {
            key.get_ref().to_string()
        } else {
            format!("{prefix}.{}", key.get_ref())
        };
        out.push(Entry {
            path: path.clone(),
            key: key.span(),
            value: value.span(),
            found: found(value.get_ref()),
        });
        walk_value(value.get_ref(), &path, out);
    }
}

fn walk_value(value: &DeValue<'_>, path: &str, out: &mut Vec<Entry>) {
    match value {
        DeValue::Table(table) => walk_table(table, path, out),
        DeValue::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let path = format!("{path}[{i}]");
                out.push(Entry {
                    path: path.clone(),
                    key: item.span(),
                    value: item.span(),
                    found: found(item.get_ref()),
                });
                walk_value(item.get_ref(), &path, out);
            }
        }
        _ => {}
    }
}

/// Longest quoted string shown in a message, in characters.
const QUOTED: usize = 60;

/// How a message names a value.
fn found(value: &DeValue<'_>) -> String {
    match value {
        DeValue::String(s) if s.chars().count() > QUOTED => {
            let head: String = s.chars().take(QUOTED).collect();
            format!("the string {:?}", head + "…")
        }
        DeValue::String(s) => format!("the string {:?}", &**s),
        DeValue::Integer(n) => format!("the number {}", n.as_str()),
        DeValue::Float(n) => format!("the number {}", n.as_str()),
        DeValue::Boolean(b) => b.to_string(),
        DeValue::Datetime(d) => format!("the date {d}"),
        DeValue::Array(_) => "a list".to_string(),
        DeValue::Table(_) => "a table".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = "name = \"x\"\n[page]\nsize = \"A4\"\nmargins = { top = 5 }\n\n[[letterhead.lines]]\ntext = \"{issuer}\"\n[fonts]\nfallback = [\n  \"a.ttf\",\n  \"b.ttf\",\n]\n";

    #[test]
    fn paths_name_tables_arrays_and_inline_tables() {
        let spans = Spans::new(SOURCE);
        assert_eq!(spans.line_of("page.size"), Some(3));
        assert_eq!(spans.line_of("page.margins.top"), Some(4));
        assert_eq!(spans.line_of("letterhead.lines[0].text"), Some(7));
        assert_eq!(spans.line_of("fonts.fallback[1]"), Some(11));
        assert_eq!(spans.line_of("page.width"), None);
        assert_eq!(spans.origin_of("t.toml", "name"), "t.toml:1");
    }

    #[test]
    fn the_innermost_entry_holds_an_offset() {
        let spans = Spans::new(SOURCE);
        let top = SOURCE.find("5 }").unwrap();
        let entry = spans.at(top).unwrap();
        assert_eq!(entry.path, "page.margins.top");
        assert_eq!(entry.found, "the number 5");
        let size = SOURCE.find("\"A4\"").unwrap();
        assert_eq!(spans.at(size).unwrap().found, "the string \"A4\"");
    }
}
