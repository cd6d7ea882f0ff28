//! YAML front matter (`---` … `---` at the very start), read with
//! serde-saphyr under a tight budget (no YAML bombs, bounded depth). Invalid
//! YAML is not front matter: its lines stay in the body.

pub mod simple;

use serde_json::Value;

/// Where the front matter is.
#[derive(Debug, Clone, Copy)]
pub struct FrontMatter<'a> {
    /// The YAML between the fences.
    pub yaml: &'a str,
    /// Byte offset of the first body line.
    pub body_start: usize,
    /// Number of lines the front matter takes, fences included.
    pub lines: u32,
}

/// Front matter is at most this long.
const MAX_FRONT_MATTER: usize = 256 * 1024;

/// Finds the front matter fences. The opening fence must be the first line.
pub fn split(text: &str) -> Option<FrontMatter<'_>> {
    let rest = text.strip_prefix("---\n")?;
    let mut offset = 0;
    for (lines, line) in (2..).zip(rest.split_inclusive('\n')) {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            return Some(FrontMatter {
                yaml: &rest[..offset],
                body_start: 4 + offset + line.len(),
                lines,
            });
        }
        offset += line.len();
        if offset > MAX_FRONT_MATTER {
            return None;
        }
    }
    None
}

/// The top-level entries of the YAML mapping, sorted by key, each value
/// flattened to its scalar texts in order; `None` when the YAML is invalid,
/// over budget or not a mapping. A flat mapping of strings (nearly every
/// front matter) is read without a YAML parser ([`simple`]), to the same
/// answer.
pub fn entries(yaml: &str) -> Option<Vec<(String, Vec<String>)>> {
    simple::entries(yaml).or_else(|| parsed_entries(yaml))
}

/// [`entries`], read with serde-saphyr (public so that tests can check
/// [`simple::entries`] against it).
pub fn parsed_entries(yaml: &str) -> Option<Vec<(String, Vec<String>)>> {
    let options = serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: 16,
            max_nodes: 20_000,
            max_events: 100_000,
            max_aliases: 64,
            max_anchors: 64,
            max_documents: 1,
            max_total_scalar_bytes: MAX_FRONT_MATTER,
        },
        with_snippet: false,
    };
    let value: Value = serde_saphyr::from_str_with_options(yaml, options).ok()?;
    let Value::Object(map) = value else {
        return None;
    };
    let mut out = Vec::with_capacity(map.len());
    for (key, value) in map {
        let mut texts = Vec::new();
        flatten(&value, &mut texts, 0);
        out.push((key, texts));
    }
    Some(out)
}

fn flatten(value: &Value, out: &mut Vec<String>, depth: usize) {
    if depth > 16 {
        return;
    }
    match value {
        Value::Null => {}
        Value::Bool(b) => out.push(b.to_string()),
        Value::Number(n) => out.push(n.to_string()),
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|v| flatten(v, out, depth + 1)),
        Value::Object(map) => map.values().for_each(|v| flatten(v, out, depth + 1)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_house_title_escapes_and_continuations() {
        let text = "---\ntags: statements-releases\ndate: '2021-02-18'\ntitle: \"Readout of President Joseph R. Biden, Jr. Call with Governor Greg Abbott of\\_\\\n  Texas\"\n---\n \nBody\n";
        let fm = split(text).unwrap();
        assert_eq!(&text[fm.body_start..], " \nBody\n");
        assert_eq!(fm.lines, 6);
        let e = entries(fm.yaml).unwrap();
        let title = &e.iter().find(|(k, _)| k == "title").unwrap().1[0];
        assert_eq!(
            title,
            "Readout of President Joseph R. Biden, Jr. Call with Governor Greg Abbott of\u{A0}Texas"
        );
        let e = entries("title: \"President Trump\\u2019s \\u2018Memphis\\u2019\"").unwrap();
        assert_eq!(e[0].1[0], "President Trump’s ‘Memphis’");
    }

    #[test]
    fn bombs_and_garbage_are_not_front_matter() {
        let bomb = "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n";
        assert!(entries(bomb).is_none());
        assert!(entries("just a line").is_none());
        assert!(entries("a: [unclosed").is_none());
        assert!(entries("a: 1\na: 2").is_none());
        assert!(split("---\nno closing fence\n").is_none());
    }
}
