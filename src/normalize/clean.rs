//! Character-level cleaning in one pass: line endings, form feeds, tabs,
//! control and zero-width characters, soft hyphens, runs of spaces and
//! trailing whitespace. Line structure is kept (one output line per input
//! line, plus one blank line per form feed).

/// Counts of what [`clean`] changed, each with the 1-based input line of the
/// first occurrence.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Cleaned {
    pub controls: Counter,
    pub zero_width: Counter,
    pub soft_hyphens: Counter,
    pub form_feeds: Counter,
}

/// A count and the line of the first occurrence.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Counter {
    pub count: usize,
    pub first_line: Option<u32>,
}

impl Counter {
    fn hit(&mut self, line: u32) {
        self.count += 1;
        self.first_line.get_or_insert(line);
    }
}

/// Zero-width characters that carry no meaning in running text. ZWJ and
/// ZWNJ (U+200D, U+200C) are kept: Indic and Persian spelling needs them.
pub(crate) fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{180E}')
}

fn is_control(c: char) -> bool {
    (c.is_control() && c != '\n') || ('\u{80}'..='\u{9F}').contains(&c)
}

/// Cleans `text` (see the module doc).
pub(crate) fn clean(text: &str) -> (String, Cleaned) {
    let mut report = Cleaned::default();
    let mut out = String::with_capacity(text.len() + 16);
    let mut line = String::new();
    let mut input_line = 1u32;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\u{2028}' => {
                finish_line(&mut line, &mut out);
                input_line += 1;
            }
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                finish_line(&mut line, &mut out);
                input_line += 1;
            }
            '\u{0C}' | '\u{2029}' => {
                if c == '\u{0C}' {
                    report.form_feeds.hit(input_line);
                }
                finish_line(&mut line, &mut out);
                out.push('\n');
            }
            '\t' => {
                if line.bytes().all(|b| b == b' ') {
                    line.push_str("    ");
                } else {
                    line.push(' ');
                }
            }
            '\u{AD}' => report.soft_hyphens.hit(input_line),
            c if is_zero_width(c) => report.zero_width.hit(input_line),
            c if is_control(c) => report.controls.hit(input_line),
            c => line.push(c),
        }
    }
    if !line.is_empty() {
        finish_line(&mut line, &mut out);
    }
    (out, report)
}

/// Appends one cleaned line and `\n` to `out`: leading indentation kept,
/// inner runs of ASCII spaces collapsed to one, trailing whitespace removed
/// except a Markdown hard break (two or more trailing spaces → two spaces).
fn finish_line(line: &mut String, out: &mut String) {
    let content_end = line.trim_end().len();
    let trailing = &line[content_end..];
    let hard_break = content_end > 0 && trailing.starts_with("  ");
    let content = &line[..content_end];
    let indent = content.len() - content.trim_start_matches(' ').len();
    out.push_str(&content[..indent]);
    let mut previous_space = false;
    for c in content[indent..].chars() {
        if c == ' ' {
            if !previous_space {
                out.push(' ');
            }
            previous_space = true;
        } else {
            out.push(c);
            previous_space = false;
        }
    }
    if hard_break {
        out.push_str("  ");
    }
    out.push('\n');
    line.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_endings_become_newlines() {
        assert_eq!(clean("a\r\nb\rc\nd").0, "a\nb\nc\nd\n");
    }

    #[test]
    fn form_feed_is_a_paragraph_break() {
        let (s, r) = clean("end of page\u{0C}next page");
        assert_eq!(s, "end of page\n\nnext page\n");
        assert_eq!(r.form_feeds.count, 1);
    }

    #[test]
    fn tabs_indent_at_line_start_and_separate_inside() {
        assert_eq!(clean("\tThe\tprincipal").0, "    The principal\n");
        assert_eq!(clean("35.\tWe").0, "35. We\n");
    }

    #[test]
    fn controls_and_zero_width_are_removed_and_counted() {
        let (s, r) = clean("ok\nAB\u{1}C\u{9d}D\u{200B}E\u{2060}F\u{200D}");
        assert_eq!(s, "ok\nABCDEF\u{200D}\n");
        assert_eq!(r.controls.count, 2);
        assert_eq!(r.controls.first_line, Some(2));
        assert_eq!(r.zero_width.count, 2);
    }

    #[test]
    fn nbsp_and_non_breaking_hyphen_are_kept_soft_hyphen_removed() {
        let (s, r) = clean("COVID\u{2011}19 a\u{A0}b peace\u{AD}keeping");
        assert_eq!(s, "COVID\u{2011}19 a\u{A0}b peacekeeping\n");
        assert_eq!(r.soft_hyphens.count, 1);
    }

    #[test]
    fn spaces_collapse_inside_lines_but_indent_and_hard_breaks_stay() {
        assert_eq!(
            clean("    -   item  text.  Next   \nline \n   \nx").0,
            "    - item text. Next  \nline\n\nx\n"
        );
    }
}
