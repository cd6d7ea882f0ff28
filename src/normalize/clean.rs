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
///
/// Most lines need no change; they are found with a byte scan
/// ([`is_clean_line`]) and copied whole. The others go through the
/// character-level [`Cleaner`].
pub(crate) fn clean(text: &str) -> (String, Cleaned) {
    let mut cleaner = Cleaner {
        report: Cleaned::default(),
        out: String::with_capacity(text.len() + 16),
        line: String::new(),
        input_line: 1,
    };
    let mut rest = text;
    while !rest.is_empty() {
        let (segment, terminated) = match rest.find('\n') {
            Some(end) => {
                let segment = &rest[..end];
                rest = &rest[end + 1..];
                (segment, true)
            }
            None => (std::mem::take(&mut rest), false),
        };
        // `\r\n`: the `\r` ends the line together with the `\n`.
        let segment = if terminated {
            segment.strip_suffix('\r').unwrap_or(segment)
        } else {
            segment
        };
        if terminated && is_clean_line(segment) {
            cleaner.out.push_str(segment);
            cleaner.out.push('\n');
            cleaner.input_line += 1;
            continue;
        }
        cleaner.feed(segment);
        if terminated {
            cleaner.end_line();
        }
    }
    if !cleaner.line.is_empty() {
        finish_line(&mut cleaner.line, &mut cleaner.out);
    }
    (cleaner.out, cleaner.report)
}

/// True when [`finish_line`] would copy `line` unchanged: no control,
/// zero-width or line-separator character, no soft hyphen, no run of
/// spaces after the indentation and no trailing whitespace.
fn is_clean_line(line: &str) -> bool {
    // Printable ASCII (nearly every line), checked in one pass with no
    // early exit, so the compiler does it a vector at a time: the line is
    // clean when no two spaces meet after its indentation and it does not
    // end in one.
    let printable = line
        .bytes()
        .fold(true, |all, b| all & (b' '..=b'~').contains(&b));
    if printable {
        let body = line.trim_start_matches(' ');
        return memchr::memmem::find(body.as_bytes(), b"  ").is_none() && !line.ends_with(' ');
    }
    is_clean_line_decoded(line)
}

/// [`is_clean_line`] for any line, byte by byte (characters beyond ASCII
/// decoded).
fn is_clean_line_decoded(line: &str) -> bool {
    let bytes = line.as_bytes();
    let mut indent = true;
    let mut previous_space = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b' ' => {
                if previous_space && !indent {
                    return false;
                }
                previous_space = true;
            }
            0x21..=0x7E => {
                indent = false;
                previous_space = false;
            }
            0x80.. => {
                let Some(c) = line[i..].chars().next() else {
                    return false;
                };
                if needs_cleaning(c) {
                    return false;
                }
                indent = false;
                previous_space = false;
                i += c.len_utf8();
                continue;
            }
            _ => return false,
        }
        i += 1;
    }
    !line.chars().next_back().is_some_and(char::is_whitespace)
}

/// Non-ASCII characters [`Cleaner::feed`] removes or treats as line ends.
fn needs_cleaning(c: char) -> bool {
    matches!(c, '\u{2028}' | '\u{2029}' | '\u{AD}') || is_zero_width(c) || is_control(c)
}

/// The character-level cleaner: state carried across input lines.
struct Cleaner {
    report: Cleaned,
    out: String,
    /// The current output line, before [`finish_line`].
    line: String,
    /// 1-based input line being read.
    input_line: u32,
}

impl Cleaner {
    /// Ends the current line (an input line break).
    fn end_line(&mut self) {
        finish_line(&mut self.line, &mut self.out);
        self.input_line += 1;
    }

    /// Cleans `segment`, a piece of input holding no `\n`: runs of
    /// ordinary characters are copied whole, the others handled one by one
    /// in [`Cleaner::special`].
    fn feed(&mut self, segment: &str) {
        let bytes = segment.as_bytes();
        let mut run_start = 0;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let c = match b {
                0x20..=0x7E => {
                    i += 1;
                    continue;
                }
                0x80.. => match segment[i..].chars().next() {
                    Some(c) if needs_cleaning(c) => c,
                    Some(c) => {
                        i += c.len_utf8();
                        continue;
                    }
                    None => break,
                },
                _ => char::from(b),
            };
            self.line.push_str(&segment[run_start..i]);
            i += c.len_utf8();
            run_start = i;
            self.special(c);
        }
        self.line.push_str(&segment[run_start..]);
    }

    /// Handles one character that is not copied as it is.
    fn special(&mut self, c: char) {
        match c {
            '\r' | '\u{2028}' => self.end_line(),
            '\u{0C}' | '\u{2029}' => {
                if c == '\u{0C}' {
                    self.report.form_feeds.hit(self.input_line);
                }
                finish_line(&mut self.line, &mut self.out);
                self.out.push('\n');
            }
            '\t' => {
                if self.line.bytes().all(|b| b == b' ') {
                    self.line.push_str("    ");
                } else {
                    self.line.push(' ');
                }
            }
            '\u{AD}' => self.report.soft_hyphens.hit(self.input_line),
            c if is_zero_width(c) => self.report.zero_width.hit(self.input_line),
            c if is_control(c) => self.report.controls.hit(self.input_line),
            c => self.line.push(c),
        }
    }
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
    let mut rest = &content[indent..];
    while let Some(run) = rest.find("  ") {
        out.push_str(&rest[..=run]);
        rest = rest[run..].trim_start_matches(' ');
    }
    out.push_str(rest);
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
    fn a_printable_ascii_line_is_clean_as_the_byte_by_byte_check_says() {
        for line in [
            "",
            " ",
            "   ",
            "a",
            " a",
            "  a b",
            "a b",
            "a  b",
            "a b ",
            "  a  b",
            "a ",
            "~!@ #$%",
            "x y z",
            "    indented text",
            "two  spaces",
            "end  ",
        ] {
            assert_eq!(is_clean_line(line), is_clean_line_decoded(line), "{line:?}");
        }
        assert!(is_clean_line("  a b") && !is_clean_line("a  b") && !is_clean_line("a "));
    }

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
