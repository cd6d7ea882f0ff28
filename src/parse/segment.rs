//! Lines → body blocks: paragraphs (re-joined with
//! [`crate::normalize::unwrap_lines`]), `#` and `**bold**` headings, nested
//! lists, `>` quotes, transcript speaker turns, HTML tables. Iterative and
//! linear: every line is looked at a bounded number of times.

use super::caseless::starts_with_lowercase;
use super::html;
use super::inline::parse_inlines;
use super::lists::{self, RawItem};
use super::meta;
use crate::model::{Block, Inline, List, plain_text};
use crate::normalize::unwrap_lines;

/// How the document separates paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Blank lines between paragraphs; line breaks inside are wraps.
    BlankLines,
    /// Few or no blank lines: a line break can end a paragraph.
    Lines,
}

/// Splits `lines` into blocks; `skip[i]` marks lines already taken as
/// metadata. Page numbers met on their own are returned in `artefacts`.
pub struct Segmenter<'a> {
    lines: &'a [&'a str],
    skip: &'a [bool],
    layout: Layout,
    transcript: bool,
    /// Lines removed as page artefacts.
    pub artefacts: Vec<String>,
}

fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

impl<'a> Segmenter<'a> {
    /// A segmenter over the body lines. `markdown` (the input had front
    /// matter) forces the blank-line layout.
    pub fn new(lines: &'a [&'a str], skip: &'a [bool], markdown: bool) -> Self {
        let live = |i: &usize| !skip[*i];
        let blank = (0..lines.len())
            .filter(live)
            .filter(|&i| is_blank(lines[i]))
            .count();
        let filled = (0..lines.len()).filter(live).count() - blank;
        let layout = if !markdown && filled >= 4 && blank * 12 < filled {
            Layout::Lines
        } else {
            Layout::BlankLines
        };
        let mut labels = 0;
        let mut questions = 0;
        for (i, line) in lines.iter().enumerate() {
            if skip[i] {
                continue;
            }
            match speaker_label(line.trim()) {
                Some(("Q", _)) => questions += 1,
                Some(_) => labels += 1,
                None => {}
            }
        }
        Segmenter {
            lines,
            skip,
            layout,
            transcript: labels >= 2 || (labels >= 1 && questions >= 1),
            artefacts: Vec::new(),
        }
    }

    /// The paragraph layout found.
    pub fn layout(&self) -> Layout {
        self.layout
    }

    fn dead(&self, i: usize) -> bool {
        self.skip[i] || is_blank(self.lines[i])
    }

    /// Produces the blocks.
    pub fn blocks(&mut self) -> Vec<Block> {
        let mut out = Vec::new();
        let mut i = 0;
        let n = self.lines.len();
        while i < n {
            if self.dead(i) {
                i += 1;
                continue;
            }
            let line = self.lines[i];
            let t = line.trim();
            if starts_with_lowercase(t, "<table") {
                let end = self.until(i, "</table>");
                let html = self.lines[i..=end].join("\n");
                out.push(Block::Table {
                    rows: html::table(&html),
                });
                i = end + 1;
                continue;
            }
            // A comment, script or style element is markup only when it is
            // closed: an unclosed one is text (nothing of the input is lost).
            if t.starts_with("<!--")
                && let Some(end) = self.closed_at(i, "-->")
            {
                i = end + 1;
                continue;
            }
            let script = starts_with_lowercase(t, "<script");
            if (script || starts_with_lowercase(t, "<style"))
                && let Some(end) = self.closed_at(i, if script { "</script>" } else { "</style>" })
            {
                i = end + 1;
                continue;
            }
            if let Some((level, text)) = atx_heading(t) {
                out.push(heading(level, text));
                i += 1;
                continue;
            }
            // A page marker ("- 2 -") standing alone between paragraphs is a
            // print artefact, not a one-item list.
            let alone = (i == 0 || self.dead(i - 1)) && (i + 1 >= n || self.dead(i + 1));
            if alone && meta::page_artefact(t) {
                self.artefacts.push(t.to_string());
                i += 1;
                continue;
            }
            let previous_open =
                i == 0 || self.dead(i - 1) || self.lines[i - 1].trim_end().ends_with(':');
            if let Some(m) = lists::marker(line)
                && (previous_open || is_strong_bullet(&m))
            {
                i = self.list(i, &mut out);
                continue;
            }
            if t.starts_with('>') {
                let start = i;
                while i < n && !self.dead(i) && self.lines[i].trim_start().starts_with('>') {
                    i += 1;
                }
                let text = unwrap_lines(
                    self.lines[start..i]
                        .iter()
                        .map(|l| l.trim_start().trim_start_matches('>')),
                );
                out.push(Block::Quote {
                    content: parse_inlines(&text),
                });
                continue;
            }
            if self.transcript
                && let Some((label, rest)) = speaker_label(t)
            {
                let start = i;
                i += 1;
                while i < n && !self.dead(i) && speaker_label(self.lines[i].trim()).is_none() {
                    i += 1;
                }
                let text = unwrap_lines(
                    std::iter::once(&t[rest..]).chain(self.lines[start + 1..i].iter().copied()),
                );
                out.push(Block::SpeakerTurn {
                    speaker: label.to_string(),
                    content: parse_inlines(&text),
                });
                continue;
            }
            i = self.paragraph(i, &mut out);
        }
        out
    }

    /// Index of the line containing `close` at or after `start` (or the last line).
    /// The line holding `close` at or after `start`, if any.
    fn closed_at(&self, start: usize, close: &str) -> Option<usize> {
        (start..self.lines.len()).find(|&j| self.lines[j].to_lowercase().contains(close))
    }

    fn until(&self, start: usize, close: &str) -> usize {
        (start..self.lines.len())
            .find(|&j| self.lines[j].to_lowercase().contains(close))
            .unwrap_or(self.lines.len() - 1)
    }

    /// A paragraph block starting at `start`; returns the next line index.
    fn paragraph(&mut self, start: usize, out: &mut Vec<Block>) -> usize {
        let n = self.lines.len();
        let mut lines: Vec<&str> = vec![self.lines[start]];
        let mut end = start + 1;
        loop {
            while end < n && !self.dead(end) {
                let line = self.lines[end];
                let t = line.trim();
                let interrupts = atx_heading(t).is_some()
                    || starts_with_lowercase(t, "<table")
                    || (self.transcript && speaker_label(t).is_some())
                    || lists::marker(line).is_some_and(|m| {
                        is_strong_bullet(&m) || self.lines[end - 1].trim_end().ends_with(':')
                    });
                if interrupts {
                    break;
                }
                let page_break = meta::page_number(t)
                    && (self.layout == Layout::Lines || end + 1 >= n || self.dead(end + 1));
                if page_break {
                    self.artefacts.push(t.to_string());
                } else {
                    lines.push(line);
                }
                end += 1;
            }
            // A paragraph cut by a page break resumes in lower case after it.
            let cut = end < n
                && self.dead(end)
                && end > start
                && meta::page_number(self.lines[end - 1].trim())
                && lines
                    .last()
                    .is_some_and(|l| !l.trim_end().ends_with(['.', '!', '?', ':']));
            let resume = (end..n).find(|&k| !self.dead(k));
            match resume {
                Some(k)
                    if cut
                        && self.lines[k]
                            .trim_start()
                            .chars()
                            .next()
                            .is_some_and(char::is_lowercase) =>
                {
                    end = k;
                }
                _ => break,
            }
        }
        let mut para_start = 0;
        let width = lines
            .iter()
            .map(|l| l.trim_end().chars().count())
            .max()
            .unwrap_or(0);
        for k in 0..lines.len() {
            let last = k + 1 == lines.len();
            if last || self.hard_break(lines[k], lines[k + 1], width) {
                self.emit_paragraph(&lines[para_start..=k], out);
                para_start = k + 1;
            }
        }
        end
    }

    /// Whether the break between lines `a` and `b` ends a paragraph.
    fn hard_break(&self, a: &str, b: &str, width: usize) -> bool {
        let a = a.trim_end();
        let a_len = a.chars().count();
        if self.layout != Layout::Lines {
            return false;
        }
        if a_len > 160 {
            return true;
        }
        let b_trimmed = b.trim_start();
        let next_word = b_trimmed.split(' ').next().unwrap_or("").chars().count();
        let starts_new = b_trimmed.chars().next().is_some_and(|c| {
            c.is_uppercase() || c.is_ascii_digit() || matches!(c, '“' | '"' | '‘' | '(')
        });
        let ends_sentence = a.ends_with(['.', '!', '?', ':', ';', '”', '"', '’', ')']);
        let indented = b.len() - b_trimmed.len() >= 2;
        starts_new && (ends_sentence && (a_len + 1 + next_word <= width || indented) || a_len < 3)
            || (indented && ends_sentence)
    }

    fn emit_paragraph(&mut self, lines: &[&str], out: &mut Vec<Block>) {
        if lines.len() == 1 {
            let t = lines[0].trim();
            if meta::page_number(t) || meta::page_artefact(t) {
                self.artefacts.push(t.to_string());
                return;
            }
            if let Some(h) = bold_heading(t) {
                out.push(h);
                return;
            }
        }
        let text = unwrap_lines(lines.iter().copied());
        if !text.is_empty() {
            out.push(Block::Paragraph {
                content: parse_inlines(&text),
            });
        }
    }

    /// A list starting at `start`; returns the next line index.
    fn list(&mut self, start: usize, out: &mut Vec<Block>) -> usize {
        let n = self.lines.len();
        let mut items: Vec<(lists::Marker, &str, Vec<&str>)> = Vec::new();
        let mut j = start;
        let mut after_blank = false;
        while j < n {
            if self.dead(j) {
                let next = (j + 1..n).find(|&k| !self.dead(k));
                let Some(k) = next else { break };
                let next_line = self.lines[k];
                let continues = lists::marker(next_line).is_some()
                    || indent_of(next_line) >= 2
                    || next_line.trim() == "<!-- -->";
                if !continues {
                    break;
                }
                j = k;
                after_blank = true;
                continue;
            }
            let line = self.lines[j];
            if line.trim().starts_with("<!--") && line.trim().ends_with("-->") {
                j += 1;
                continue;
            }
            if let Some(m) = lists::marker(line) {
                let content = &line[m.content_start..];
                items.push((m, line, vec![content]));
            } else if atx_heading(line.trim()).is_some() || (after_blank && indent_of(line) < 2) {
                break;
            } else if let Some(last) = items.last_mut() {
                last.2.push(line);
            }
            after_blank = false;
            j += 1;
        }
        let texts: Vec<String> = items
            .iter()
            .map(|(_, _, l)| unwrap_lines(l.iter().copied()))
            .collect();
        // Numbered paragraphs (a speech's "30. The delegation …"): long
        // decimal items, not introduced as a list. A list is introduced by a
        // line ending in a colon or has its continuation lines indented
        // under its text; the length is what is printed (a link's address
        // is not).
        let introduced = (0..start)
            .rev()
            .find(|&k| !self.dead(k))
            .is_some_and(|k| self.lines[k].trim_end().ends_with(':'));
        let hanging = items
            .iter()
            .any(|(m, _, lines)| lines[1..].iter().any(|l| indent_of(l) >= m.content_start));
        let printed = |text: &String| plain_text(&parse_inlines(text)).chars().count();
        let numbered_paragraphs = !items.is_empty()
            && !introduced
            && !hanging
            && items
                .iter()
                .all(|(m, _, _)| matches!(m.kind, lists::MarkerKind::Decimal(..)) && m.indent < 2)
            && texts.iter().map(printed).sum::<usize>() / items.len() > 150;
        if numbered_paragraphs {
            for (_, first, lines) in &items {
                let text = unwrap_lines(std::iter::once(*first).chain(lines[1..].iter().copied()));
                out.push(Block::Paragraph {
                    content: parse_inlines(&text),
                });
            }
            return j.max(start + 1);
        }
        let raw: Vec<RawItem> = items
            .into_iter()
            .zip(texts)
            .map(|((marker, first, _), text)| {
                let label = match marker.kind {
                    lists::MarkerKind::Bullet(_) => None,
                    _ => Some(
                        first[marker.indent..marker.content_start]
                            .trim_end_matches([' ', '\u{A0}'])
                            .to_string(),
                    ),
                };
                RawItem {
                    marker,
                    label,
                    content: parse_inlines(&text),
                }
            })
            .collect();
        let list: List = lists::build(raw);
        if !list.items.is_empty() {
            out.push(Block::List(list));
        }
        j.max(start + 1)
    }
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// Bullets that never start a wrapped line of prose.
fn is_strong_bullet(m: &lists::Marker) -> bool {
    matches!(&m.kind, lists::MarkerKind::Bullet(b) if b != "-" && b != "*" && b != "+")
}

/// `# Heading`, `### **Heading**` (level capped at 3); not `###` alone and
/// not `#hashtag`.
pub fn atx_heading(t: &str) -> Option<(u8, &str)> {
    let hashes = t.bytes().take_while(|&b| b == b'#').count();
    if hashes == 0 || hashes > 6 {
        return None;
    }
    let rest = &t[hashes..];
    if !rest.starts_with(' ') {
        return None;
    }
    let text = rest.trim().trim_end_matches('#').trim_end();
    if text.is_empty() || text.split_whitespace().all(|w| w == "#") {
        return None;
    }
    Some((hashes.min(3) as u8, text))
}

fn heading(level: u8, text: &str) -> Block {
    let mut content = parse_inlines(text);
    if let [Inline::Strong { content: inner }] = content.as_mut_slice() {
        content = std::mem::take(inner);
    }
    Block::Heading { level, content }
}

/// A paragraph that is one bold line (`**Heading**`), or a line opened by
/// `**` and never closed (`**Middle East`).
fn bold_heading(t: &str) -> Option<Block> {
    let inner = t.strip_prefix("**")?;
    if t.len() > 200 || inner.starts_with(['*', ' ']) {
        return None;
    }
    match inner.find("**") {
        Some(p) if p + 2 == inner.len() && p > 0 => Some(heading(2, t)),
        None if t.len() <= 100 && !inner.ends_with('.') => Some(heading(2, inner)),
        _ => None,
    }
}

/// A transcript label: "MS. JEAN-PIERRE:", "THE PRESIDENT:", "Q". Returns
/// the label and the byte offset of the text after it.
pub fn speaker_label(t: &str) -> Option<(&str, usize)> {
    if let Some(rest) = t.strip_prefix('Q') {
        let after = rest.trim_start_matches([' ', '\u{A0}', ':', '.']);
        if rest.is_empty() || (after.len() < rest.len() && !rest.starts_with('.')) {
            return Some(("Q", t.len() - after.len()));
        }
        return None;
    }
    let colon = t.as_bytes().iter().take(44).position(|&b| b == b':')?;
    let label = &t[..colon];
    // Cheapest tests first: most lines fail on their second character.
    let ok = label.chars().next().is_some_and(char::is_uppercase)
        && label.chars().all(|c| {
            (c.is_alphabetic() && !c.is_lowercase()) || matches!(c, ' ' | '.' | '-' | '\'' | '’')
        })
        && label.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && label.split_whitespace().count() <= 5;
    let rest = &t[colon + 1..];
    let after = rest.trim_start_matches([' ', '\u{A0}']);
    (ok && (rest.is_empty() || after.len() < rest.len())).then_some((label, t.len() - after.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{MarkerStyle, plain_text};

    fn blocks(text: &str) -> Vec<Block> {
        let lines: Vec<&str> = text.lines().collect();
        let skip = vec![false; lines.len()];
        Segmenter::new(&lines, &skip, false).blocks()
    }

    fn texts(blocks: &[Block]) -> Vec<String> {
        blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph { content } | Block::Heading { content, .. } => {
                    plain_text(content)
                }
                other => other.type_name().to_string(),
            })
            .collect()
    }

    #[test]
    fn wrapped_paragraphs_are_rejoined() {
        let b = blocks("The President spoke\ntoday with leaders.\n\nSecond\nparagraph.\n");
        assert_eq!(
            texts(&b),
            [
                "The President spoke today with leaders.",
                "Second paragraph."
            ]
        );
    }

    #[test]
    fn one_paragraph_per_line_and_unblanked_wrapped_text() {
        let long = "x ".repeat(100);
        let text = format!("30. {long}\n31. {long}\n32. {long}\n33. {long}\n");
        assert_eq!(blocks(&text).len(), 4);
        let wrapped = "you may count on Australia’s support as you carry out your\nresponsibilities and work to guide us towards constructive\nand worthwhile outcomes.\nAs was very clear from the range of issues addressed\non the first day.\n";
        assert_eq!(blocks(wrapped).len(), 2);
    }

    #[test]
    fn headings_lists_quotes_and_tables() {
        let b = blocks(
            "### **Since operations began:**\n\n-   **More than 7,400 arrests**, including\n    hundreds.\n    -   Nested one.\n\n    <!-- -->\n\n    -   Nested two.\n-   Second.\n\n**Middle East\n\n> quoted\n> text\n\n<table><tr><td>a</td></tr></table>\n",
        );
        assert_eq!(
            texts(&b),
            [
                "Since operations began:",
                "list",
                "Middle East",
                "quote",
                "table"
            ]
        );
        let Block::List(list) = &b[1] else { panic!() };
        assert_eq!(list.items.len(), 2);
        assert_eq!(list.items[0].children[0].items.len(), 2);
        assert_eq!(
            plain_text(&list.items[0].content),
            "More than 7,400 arrests, including hundreds."
        );
        let b = blocks("shall include:\n(i) coordinating a effort;\n(ii) coordinating supply;\n");
        let Block::List(list) = &b[1] else {
            panic!("{b:?}")
        };
        assert_eq!(list.marker.style, MarkerStyle::LowerRoman);
    }

    #[test]
    fn transcript_turns() {
        let b = blocks(
            "MS. JEAN-PIERRE:\u{A0} Good afternoon.\n\nQ\u{A0}\u{A0} Plenty of chairs.\n\nMS. JEAN-PIERRE: I know.\n",
        );
        let labels: Vec<_> = b
            .iter()
            .map(|b| match b {
                Block::SpeakerTurn { speaker, content } => {
                    format!("{speaker}|{}", plain_text(content))
                }
                _ => String::new(),
            })
            .collect();
        assert_eq!(
            labels,
            [
                "MS. JEAN-PIERRE|Good afternoon.",
                "Q|Plenty of chairs.",
                "MS. JEAN-PIERRE|I know."
            ]
        );
        assert!(speaker_label("Quite so: yes").is_none());
        assert!(speaker_label("Note: this").is_none());
    }
}
