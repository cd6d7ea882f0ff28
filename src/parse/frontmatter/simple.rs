//! The front matter nearly every input with one has, read without a YAML
//! parser: a flat mapping of `key: value` lines whose values are strings
//! (plain, single- or double-quoted, folded over indented lines). This is
//! the shape of every White House release's front matter. serde-saphyr
//! spends about 90,000 instructions on such a block (1.2% of a PDF), most
//! of it in its event parser; reading it here costs a few thousand.
//!
//! Anything this reader is not sure to read exactly as YAML does (a number,
//! a boolean or null, a comment, an empty line, a tab, a nested value, an
//! escape it does not know, a duplicate key …) makes it answer `None`, and
//! the caller reads the block with serde-saphyr. Whatever it answers is
//! what serde-saphyr answers: the tests check it against serde-saphyr on
//! hand-written cases, on mutations of real front matter and on the corpus.

/// Entries of a flat mapping of strings, sorted by key (as serde-saphyr's
/// answer, read into a `serde_json` map, is), each value as its one text;
/// `None` when the block is anything else.
pub fn entries(yaml: &str) -> Option<Vec<(String, Vec<String>)>> {
    let mut lines = yaml.lines().peekable();
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    while let Some(line) = lines.next() {
        let (key, first) = entry_start(line)?;
        let mut continuation = Vec::new();
        while let Some(next) = lines.next_if(|l| l.starts_with(' ')) {
            continuation.push(next);
        }
        let value = scalar(first, &continuation)?;
        out.push((key.to_string(), vec![value]));
        if out.len() > MAX_ENTRIES {
            return None;
        }
    }
    out.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    if out.windows(2).any(|w| w[0].0 == w[1].0) || out.is_empty() {
        return None;
    }
    Some(out)
}

/// Entries read here at most (serde-saphyr's node budget is far above).
const MAX_ENTRIES: usize = 1000;

/// `key: value` at the start of a line: the key and the value's first line.
fn entry_start(line: &str) -> Option<(&str, &str)> {
    let (key, rest) = line.split_once(':')?;
    let mut chars = key.chars();
    let key_ok = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    let value = rest.strip_prefix(' ')?.trim_start_matches(' ');
    (key_ok && surely_a_string(key) && !value.is_empty()).then_some((key, value))
}

/// The string a scalar starting with `first` and going on over the
/// `continuation` lines stands for.
fn scalar(first: &str, continuation: &[&str]) -> Option<String> {
    if !first
        .chars()
        .chain(continuation.iter().flat_map(|l| l.chars()))
        .all(printable)
    {
        return None;
    }
    match first.as_bytes()[0] {
        b'\'' => quoted(first, continuation, Style::Single),
        b'"' => quoted(first, continuation, Style::Double),
        _ => plain(first, continuation),
    }
}

/// Characters this reader takes anywhere in a value: no tab, no control
/// character, no byte-order mark or non-character, none of YAML 1.1's
/// extra line breaks.
fn printable(c: char) -> bool {
    !c.is_control()
        && !matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}'
        )
}

/// A plain (unquoted) scalar: its lines trimmed and joined with spaces.
/// Only text that YAML reads as a string is taken: not a number, boolean or
/// null, nor anything with an indicator YAML might read otherwise.
fn plain(first: &str, continuation: &[&str]) -> Option<String> {
    let starts_with_indicator = first.starts_with([
        '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '%', '@', '`',
    ]);
    let mut text = String::with_capacity(first.len());
    for (i, line) in std::iter::once(first)
        .chain(continuation.iter().copied())
        .enumerate()
    {
        let line = line.trim_matches(' ');
        let ambiguous = line.is_empty()
            || line.contains(": ")
            || line.contains(" #")
            || line.ends_with(':')
            || (i > 0 && line.starts_with('#'));
        if ambiguous {
            return None;
        }
        if i > 0 {
            text.push(' ');
        }
        text.push_str(line);
    }
    (!starts_with_indicator && surely_a_string(&text)).then_some(text)
}

/// True when a plain scalar cannot resolve to anything but a string: it has
/// a character no number has and is none of the null and boolean words.
fn surely_a_string(text: &str) -> bool {
    let numeric = |c: char| c.is_ascii_hexdigit() || "+-._xXoO".contains(c);
    let word = text.to_ascii_lowercase();
    text.chars().any(|c| !numeric(c))
        && !matches!(
            word.as_str(),
            "null" | "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n" | "~"
        )
        && !word.starts_with(".inf")
        && !word.starts_with(".nan")
}

/// The quotes of a quoted scalar: single (`''` stands for a quote, no
/// escapes) or double (backslash escapes).
#[derive(Clone, Copy, PartialEq)]
enum Style {
    Single,
    Double,
}

/// A quoted scalar: its text up to the closing quote on its last line,
/// escapes read (double quotes) and line breaks folded into spaces (an
/// escaped one into nothing), the spaces around a folded break dropped.
/// Nothing but spaces may follow the closing quote.
fn quoted(first: &str, continuation: &[&str], style: Style) -> Option<String> {
    let mut text = String::with_capacity(first.len());
    // `text` up to its last character that is not a literal space: a
    // folded break drops the spaces before it, never an escaped one.
    let mut kept = 0;
    let last = continuation.len();
    let lines =
        std::iter::once(&first[1..]).chain(continuation.iter().map(|l| l.trim_start_matches(' ')));
    let mut escaped_break = false;
    for (i, line) in lines.enumerate() {
        if i > 0 {
            if line.is_empty() {
                return None;
            }
            if !escaped_break {
                text.truncate(kept);
                text.push(' ');
            }
        }
        escaped_break = false;
        let mut chars = line.char_indices();
        while let Some((at, c)) = chars.next() {
            let closing = match (style, c) {
                (Style::Single, '\'') if line[at + 1..].starts_with('\'') => {
                    chars.next();
                    false
                }
                (Style::Single, '\'') | (Style::Double, '"') => true,
                _ => false,
            };
            if closing {
                return (i == last && only_spaces(&line[at + 1..])).then_some(text);
            }
            if style == Style::Double && c == '\\' {
                let rest = &line[at + 1..];
                if rest.is_empty() {
                    escaped_break = true;
                    break;
                }
                let (c, len) = escape(rest)?;
                text.push(c);
                kept = text.len();
                for _ in 0..len {
                    chars.next();
                }
                continue;
            }
            text.push(c);
            if c != ' ' {
                kept = text.len();
            }
        }
    }
    None
}

fn only_spaces(s: &str) -> bool {
    s.bytes().all(|b| b == b' ')
}

/// The character an escape (the text after its backslash) stands for and
/// the number of characters it takes; `None` for one this reader leaves to
/// serde-saphyr.
fn escape(rest: &str) -> Option<(char, usize)> {
    let c = rest.chars().next()?;
    let simple = match c {
        '\\' => Some('\\'),
        '"' => Some('"'),
        '/' => Some('/'),
        ' ' => Some(' '),
        '_' => Some('\u{00A0}'),
        't' => Some('\t'),
        'n' => Some('\n'),
        _ => None,
    };
    if let Some(s) = simple {
        return Some((s, 1));
    }
    let digits = match c {
        'x' => 2,
        'u' => 4,
        'U' => 8,
        _ => return None,
    };
    let hex = rest.get(1..1 + digits)?;
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let code = u32::from_str_radix(hex, 16).ok()?;
    let c = char::from_u32(code).filter(|c| printable(*c) || *c == '\t' || *c == '\n')?;
    Some((c, 1 + digits))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::frontmatter::parsed_entries;

    /// Front matter as the White House corpus writes it: quoted dates, plain
    /// times and addresses, titles folded over lines with escapes.
    const WHITE_HOUSE: &str = "tags: statements-releases\ndate: '2021-01-20'\nmodified_time: 2021-02-16 19:03:59-05:00\nsource_url: https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2021/01/20/a-letter/\npublished_time: 2021-01-20 14:37:00-05:00\ntitle: \"A Letter to Dr. Eric S. Lander, the President\\u2019s Science Advisor and nominee\\\n  \\ as Director of the Office of Science and Technology\\_Policy\"\n";

    /// Asserts that this reader reads `yaml` (`Some`) and as serde-saphyr does.
    fn reads_as_saphyr(yaml: &str) {
        let fast = entries(yaml);
        assert!(fast.is_some(), "not read here: {yaml:?}");
        assert_eq!(fast, parsed_entries(yaml), "{yaml:?}");
    }

    #[test]
    fn flat_string_mappings_read_as_serde_saphyr_reads_them() {
        for yaml in [
            WHITE_HOUSE,
            "title: 'It''s a ''quote'''\n",
            "title: 'folded\n  over   \n   three lines'\n",
            "title: \"trailing spaces   \n  are dropped\"\n",
            "title: \"an escaped space\\ \n  stays\"\n",
            "title: \"joined\\\n    here\"\n",
            "title: \"\\x41\\u00e9\\U0001F600 \\\\ \\\" \\/ \\t\"\n",
            "title: plain text, with 'quotes' and \"quotes\"\n",
            "title: plain\n  folded\n  over lines\n",
            "beta: second\nalpha: first\nkey-two: third\n_extra: fourth\n",
            "url: https://example.org/a#fragment?x=1\n",
            "when: 2021-02-16 19:03:59-05:00\n",
            "empty: ''\nalso: \"\"\n",
            "title: ¿Qué? Ça va — “quoted” 中文\n",
        ] {
            reads_as_saphyr(yaml);
        }
    }

    #[test]
    fn anything_else_is_left_to_serde_saphyr() {
        for yaml in [
            "n: 12\n",
            "f: 1.5e3\n",
            "h: 0x1F\n",
            "b: true\n",
            "b: No\n",
            "z: ~\n",
            "z: null\n",
            "i: .inf\n",
            "d: 2021-01-20\n",
            "true: key\n",
            "a: 1\na: 2\n",
            "a: x\na: y\n",
            "list:\n  - x\n",
            "map: {a: b}\n",
            "seq: [a, b]\n",
            "c: text # comment\n",
            "# comment\na: b\n",
            "a: b\n\nc: d\n",
            "a: \"two\n\n  paragraphs\"\n",
            "a: 'unclosed\n",
            "a: \"closed\" trailing\n",
            "a: \"closed\"\n  more\n",
            "a: \"\\q unknown escape\"\n",
            "a: \"\\ud800\"\n",
            "a: tab\there\n",
            "a: &anchor value\n",
            "a: *alias\n",
            "a: !tag value\n",
            "a: |\n  block\n",
            "a: >\n  folded\n",
            "a: - dash\n",
            "a: b: c\n",
            "a:b\n",
            "\"quoted key\": v\n",
            "",
            "just a line\n",
        ] {
            assert_eq!(entries(yaml), None, "{yaml:?}");
        }
    }

    /// A small deterministic generator (xorshift), so the mutations below
    /// are the same on every run.
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }
    }

    #[test]
    fn mutated_front_matter_reads_as_serde_saphyr_or_is_left_to_it() {
        let pieces = [
            ":", ": ", " ", "#", " #", "'", "''", "\"", "\\", "\\\n", "\n", "\n  ", "\n\n", "-",
            "- ", "[", "{", "&", "*", "!", "|", ">", "%", "@", "`", "?", ",", "\\_", "\\u00",
            "\\x", "\t", "1", "0x", ".", "e", "true", "null", "~", "é", "’", "\u{85}", "\u{2028}",
            "a", "Z", "_",
        ];
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let (mut read, mut tried) = (0, 0);
        for _ in 0..20_000 {
            let mut yaml = WHITE_HOUSE.to_string();
            for _ in 0..1 + rng.below(3) {
                let mut at = rng.below(yaml.len() + 1);
                while !yaml.is_char_boundary(at) {
                    at -= 1;
                }
                if rng.below(4) == 0 {
                    let mut end = (at + 1 + rng.below(3)).min(yaml.len());
                    while !yaml.is_char_boundary(end) {
                        end += 1;
                    }
                    yaml.replace_range(at..end, "");
                } else {
                    yaml.insert_str(at, pieces[rng.below(pieces.len())]);
                }
            }
            tried += 1;
            if let Some(fast) = entries(&yaml) {
                read += 1;
                assert_eq!(Some(fast), parsed_entries(&yaml), "{yaml:?}");
            }
        }
        assert!(
            read * 4 > tried,
            "only {read} of {tried} mutations were read here"
        );
    }
}
