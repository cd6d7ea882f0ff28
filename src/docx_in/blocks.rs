//! docx-rs's document tree → the body's paragraphs, each with its role
//! (title, heading, list item, quote, table, body text) and its inline
//! content written in the markup the text parser reads (`**bold**`,
//! `*italic*`, `[text](url)`), every other character escaped so that the
//! draft's text is read as text.
//!
//! Tracked changes are read as accepted (insertions kept, deletions and
//! moved-away text dropped); pictures, text boxes, comments, footnote
//! marks and field codes are not text of the release and are counted in
//! [`Skipped`] for the warnings.

use std::collections::HashMap;

use docx_rs::{
    DeleteChild, DocumentChild, Hyperlink, HyperlinkData, InsertChild, MoveToChild, Paragraph,
    ParagraphChild, Run, RunChild, RunProperty, StructuredDataTagChild, Table, TableCellContent,
    TableChild, TableRowChild,
};

use super::numbering::Numbering;

/// What a paragraph is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// The Title style: the headline.
    Title,
    /// The Subtitle style: a subheadline.
    Subtitle,
    /// A heading at this outline level (0 = Word's Heading 1).
    Heading(usize),
    /// A list item: its marker as the text parser reads it, and its depth.
    Item {
        /// `•`, `1.`, `(a)`, or the label the paragraph types itself.
        marker: Option<String>,
        /// 0 for the outermost level.
        depth: usize,
    },
    /// A block quotation.
    Quote,
    /// A table, already written as one line of HTML table markup.
    Table,
    /// Ordinary text.
    Body,
    /// Text its style says is prose (Body Text, Lead-in, Boilerplate):
    /// never a heading or a list item, whatever its look.
    Prose,
}

/// One paragraph of the body in reading order.
#[derive(Debug, Clone)]
pub struct Para {
    /// What it is.
    pub role: Role,
    /// Its text in the parser's markup (one line; line breaks as Markdown
    /// hard breaks).
    pub text: String,
}

/// What was left out, for one warning each.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// Pictures, shapes and text boxes.
    pub pictures: usize,
    /// Comment ranges.
    pub comments: usize,
    /// Tracked deletions and moves away (their text dropped).
    pub deletions: usize,
    /// Tracked insertions and moves here (their text kept).
    pub insertions: usize,
    /// Paragraphs of the template's document-information block.
    pub furniture: usize,
}

/// A paragraph or character style, as far as the reader needs it.
#[derive(Debug, Clone, Default)]
struct StyleInfo {
    /// The name, lower case, without spaces or hyphens ("heading1").
    name: String,
    outline: Option<usize>,
    numbering: Option<(usize, usize)>,
    bold: Option<bool>,
    italic: Option<bool>,
    based_on: Option<String>,
}

/// Reads the body of a document.
pub struct Reader<'d> {
    styles: HashMap<String, StyleInfo>,
    links: HashMap<&'d str, &'d str>,
    numbering: Numbering,
    /// What was skipped.
    pub skipped: Skipped,
    /// The paragraphs read.
    pub paras: Vec<Para>,
}

/// A run's look.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Format {
    bold: bool,
    italic: bool,
    link: Option<String>,
}

/// Inline pieces of a paragraph before they are written as markup.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Text(String, Format),
    Break,
}

impl<'d> Reader<'d> {
    /// A reader for `docx`'s styles, links and numbering.
    pub fn new(docx: &'d docx_rs::Docx) -> Reader<'d> {
        let styles = docx
            .styles
            .styles
            .iter()
            .map(|s| {
                let info = StyleInfo {
                    name: squash(&json_str(&s.name)),
                    outline: s.paragraph_property.outline_lvl.as_ref().map(|o| o.v),
                    numbering: s
                        .paragraph_property
                        .numbering_property
                        .as_ref()
                        .and_then(numbering_of),
                    bold: flag(&s.run_property.bold),
                    italic: flag(&s.run_property.italic),
                    based_on: s.based_on.as_ref().map(json_str),
                };
                (s.style_id.clone(), info)
            })
            .collect();
        let links = docx
            .hyperlinks
            .iter()
            .map(|(id, path, _)| (id.as_str(), path.as_str()))
            .collect();
        Reader {
            styles,
            links,
            numbering: Numbering::new(&docx.numberings),
            skipped: Skipped::default(),
            paras: Vec::new(),
        }
    }

    /// Reads the document's body in order.
    pub fn read(&mut self, document: &docx_rs::Document) {
        for child in &document.children {
            match child {
                DocumentChild::Paragraph(p) => self.paragraph(p),
                DocumentChild::Table(t) => self.table(t),
                DocumentChild::StructuredDataTag(tag) => self.sdt(&tag.children),
                DocumentChild::CommentStart(_) => self.skipped.comments += 1,
                _ => {}
            }
        }
    }

    fn sdt(&mut self, children: &[StructuredDataTagChild]) {
        let mut runs = Vec::new();
        for child in children {
            match child {
                StructuredDataTagChild::Paragraph(p) => self.paragraph(p),
                StructuredDataTagChild::Table(t) => self.table(t),
                StructuredDataTagChild::StructuredDataTag(tag) => self.sdt(&tag.children),
                StructuredDataTagChild::Run(r) => {
                    self.run(r, &Format::default(), &mut runs);
                }
                StructuredDataTagChild::CommentStart(_) => self.skipped.comments += 1,
                _ => {}
            }
        }
        let text = write_pieces(&runs);
        if !text.trim().is_empty() {
            self.paras.push(Para {
                role: Role::Body,
                text,
            });
        }
    }

    /// The style chain of `id`, nearest first (at most 10 deep).
    fn chain(&self, id: Option<&str>) -> Vec<&StyleInfo> {
        let mut out = Vec::new();
        let mut next = id;
        while let Some(id) = next {
            let Some(style) = self.styles.get(id) else {
                break;
            };
            out.push(style);
            if out.len() >= 10 {
                break;
            }
            next = style.based_on.as_deref();
        }
        out
    }

    fn role(&mut self, p: &Paragraph, plain: &str) -> Option<Role> {
        let style_id = p.property.style.as_ref().map(|s| s.val.as_str());
        let chain = self.chain(style_id);
        let name = chain.first().map_or(String::new(), |s| s.name.clone());
        match name.as_str() {
            "title" => return Some(Role::Title),
            "subtitle" => return Some(Role::Subtitle),
            "documentinformation" | "header" | "footer" => return None,
            "quote" | "intensequote" | "blocktext" => return Some(Role::Quote),
            _ => {}
        }
        if name.starts_with("letterhead") || name.starts_with("masthead") {
            return None;
        }
        let outline = p
            .property
            .outline_lvl
            .as_ref()
            .map(|o| o.v)
            .or_else(|| chain.iter().find_map(|s| s.outline))
            .or_else(|| heading_number(&name));
        let numbered = match &p.property.numbering_property {
            Some(np) => numbering_of(np),
            None => chain.iter().find_map(|s| s.numbering),
        };
        if let Some(level) = outline.filter(|&l| l < 9) {
            return Some(Role::Heading(level));
        }
        // Prose styles (pressroom's, and LibreOffice's "Body Text") keep a
        // paragraph from the heading and list readings, Word numbering aside.
        let prose = matches!(name.as_str(), "bodytext" | "leadin" | "boilerplate");
        if let Some((num, level)) = numbered.filter(|(num, _)| *num != 0) {
            return Some(match self.numbering.next_marker(num, level) {
                Some(marker) => Role::Item {
                    marker: Some(marker),
                    depth: level,
                },
                None => Role::Body,
            });
        }
        if prose {
            return Some(Role::Prose);
        }
        // A list paragraph without Word numbering (pressroom types the
        // labels of a list numbered out of sequence): its own label, or a
        // bullet for a bullet style.
        if let Some(rest) = name
            .strip_prefix("listbullet")
            .or_else(|| name.strip_prefix("listnumber"))
        {
            let depth = rest.parse::<usize>().map_or(0, |n| n.saturating_sub(1));
            let typed = crate::parse::lists::marker(plain.trim_start()).is_some();
            return Some(if typed {
                Role::Item {
                    marker: None,
                    depth,
                }
            } else if name.starts_with("listbullet") {
                Role::Item {
                    marker: Some("•".to_string()),
                    depth,
                }
            } else {
                Role::Body
            });
        }
        Some(Role::Body)
    }

    fn paragraph(&mut self, p: &Paragraph) {
        let pieces = self.pieces(p);
        let plain: String = pieces
            .iter()
            .map(|piece| match piece {
                Piece::Text(t, _) => t.as_str(),
                Piece::Break => " ",
            })
            .collect();
        if plain.trim().is_empty() {
            return;
        }
        let Some(role) = self.role(p, &plain) else {
            self.skipped.furniture += 1;
            return;
        };
        // A line of punctuation alone ("###", "* * *") carries no word to
        // protect: it stays as typed, for the end-mark and rule readings.
        let text = if plain.chars().any(char::is_alphanumeric) {
            write_pieces(&pieces)
        } else {
            plain.split_whitespace().collect::<Vec<_>>().join(" ")
        };
        self.paras.push(Para { role, text });
    }

    /// The inline pieces of a paragraph.
    fn pieces(&mut self, p: &Paragraph) -> Vec<Piece> {
        let mut out = Vec::new();
        self.paragraph_children(&p.children, &Format::default(), &mut out);
        out
    }

    fn paragraph_children(
        &mut self,
        children: &[ParagraphChild],
        fmt: &Format,
        out: &mut Vec<Piece>,
    ) {
        for child in children {
            match child {
                ParagraphChild::Run(r) => self.run(r, fmt, out),
                ParagraphChild::Hyperlink(h) => self.hyperlink(h, fmt, out),
                ParagraphChild::Insert(ins) => {
                    self.skipped.insertions += 1;
                    for c in &ins.children {
                        match c {
                            InsertChild::Run(r) => self.run(r, fmt, out),
                            InsertChild::Delete(_) => self.skipped.deletions += 1,
                            InsertChild::CommentStart(_) => self.skipped.comments += 1,
                            InsertChild::CommentEnd(_) => {}
                        }
                    }
                }
                ParagraphChild::Delete(del) => {
                    self.skipped.deletions += 1;
                    for c in &del.children {
                        if let DeleteChild::CommentStart(_) = c {
                            self.skipped.comments += 1;
                        }
                    }
                }
                ParagraphChild::MoveFrom(_) => self.skipped.deletions += 1,
                ParagraphChild::MoveTo(mv) => {
                    self.skipped.insertions += 1;
                    for c in &mv.children {
                        match c {
                            MoveToChild::Run(r) => self.run(r, fmt, out),
                            MoveToChild::Delete(_) => self.skipped.deletions += 1,
                            MoveToChild::CommentStart(_) => self.skipped.comments += 1,
                            MoveToChild::CommentEnd(_) => {}
                        }
                    }
                }
                ParagraphChild::StructuredDataTag(tag) => {
                    for c in &tag.children {
                        match c {
                            StructuredDataTagChild::Run(r) => self.run(r, fmt, out),
                            StructuredDataTagChild::CommentStart(_) => self.skipped.comments += 1,
                            _ => {}
                        }
                    }
                }
                ParagraphChild::CommentStart(_) => self.skipped.comments += 1,
                _ => {}
            }
        }
    }

    fn hyperlink(&mut self, h: &Hyperlink, fmt: &Format, out: &mut Vec<Piece>) {
        let url = match &h.link {
            HyperlinkData::External { rid, .. } => {
                self.links.get(rid.as_str()).map(|u| u.to_string())
            }
            HyperlinkData::Anchor { .. } => None,
        };
        let fmt = Format {
            link: url.or_else(|| fmt.link.clone()),
            ..fmt.clone()
        };
        self.paragraph_children(&h.children, &fmt, out);
    }

    /// Bold and italic of a run: its own properties over its character
    /// style's (`w:b w:val="0"` is off); an underline reads as emphasis.
    fn run_format(&self, rp: &RunProperty, outer: &Format) -> Format {
        let chain = self.chain(rp.style.as_ref().map(|s| s.val.as_str()));
        let styled = |pick: fn(&StyleInfo) -> Option<bool>| chain.iter().find_map(|s| pick(s));
        let by_name = |names: &[&str]| {
            chain
                .first()
                .is_some_and(|s| names.contains(&s.name.as_str()))
        };
        let bold = flag(&rp.bold)
            .or_else(|| styled(|s| s.bold))
            .unwrap_or_else(|| by_name(&["strong"]));
        let underline = rp.underline.as_ref().is_some_and(|u| {
            serde_json::to_value(u)
                .ok()
                .and_then(|v| v.as_str().map(|s| s != "none"))
                .unwrap_or(false)
        });
        let italic = flag(&rp.italic)
            .or_else(|| styled(|s| s.italic))
            .unwrap_or_else(|| by_name(&["emphasis"]))
            || (underline && outer.link.is_none());
        Format {
            bold: bold || outer.bold,
            italic: italic || outer.italic,
            link: outer.link.clone(),
        }
    }

    fn run(&mut self, r: &Run, outer: &Format, out: &mut Vec<Piece>) {
        let fmt = self.run_format(&r.run_property, outer);
        let mut text = String::new();
        let flush = |text: &mut String, out: &mut Vec<Piece>| {
            if !text.is_empty() {
                out.push(Piece::Text(std::mem::take(text), fmt.clone()));
            }
        };
        for child in &r.children {
            match child {
                // Word joiners (pressroom's DOCX writes one after each
                // hyphen) are line-breaking glue, not text: dropped here
                // rather than warned about by the normalizer.
                RunChild::Text(t) => text.extend(t.text.chars().filter(|&c| c != '\u{2060}')),
                RunChild::Sym(s) => text.push(symbol(&s.char)),
                RunChild::Tab(_) | RunChild::PTab(_) => text.push(' '),
                RunChild::Break(b) => {
                    let kind = serde_json::to_value(b)
                        .ok()
                        .and_then(|v| {
                            v.get("breakType")
                                .and_then(|t| t.as_str().map(str::to_string))
                        })
                        .unwrap_or_default();
                    if kind == "page" || kind == "column" {
                        text.push(' ');
                    } else {
                        flush(&mut text, out);
                        out.push(Piece::Break);
                    }
                }
                RunChild::CarriageReturn(_) => {
                    flush(&mut text, out);
                    out.push(Piece::Break);
                }
                RunChild::Drawing(_) | RunChild::Shape(_) => self.skipped.pictures += 1,
                RunChild::CommentStart(_) => self.skipped.comments += 1,
                _ => {}
            }
        }
        flush(&mut text, out);
    }

    fn table(&mut self, t: &Table) {
        let mut html = String::from("<table>");
        let mut words = false;
        self.table_rows(t, &mut html, &mut words, 0);
        html.push_str("</table>");
        if words {
            self.paras.push(Para {
                role: Role::Table,
                text: html,
            });
        }
    }

    /// The rows of `t` as HTML; a table nested in a cell is flattened into
    /// the cell's lines.
    fn table_rows(&mut self, t: &Table, html: &mut String, words: &mut bool, depth: usize) {
        for TableChild::TableRow(row) in &t.rows {
            if depth == 0 {
                html.push_str("<tr>");
            }
            for TableRowChild::TableCell(cell) in &row.cells {
                if depth == 0 {
                    html.push_str("<td>");
                }
                let mut first = true;
                for content in &cell.children {
                    let lines: Vec<String> = match content {
                        TableCellContent::Paragraph(p) => {
                            let pieces = self.pieces(p);
                            vec![write_pieces(&pieces).replace("  \n", "<br>")]
                        }
                        TableCellContent::Table(inner) => {
                            let mut nested = String::new();
                            self.table_rows(inner, &mut nested, words, depth + 1);
                            vec![nested]
                        }
                        _ => Vec::new(),
                    };
                    for line in lines.into_iter().filter(|l| !l.trim().is_empty()) {
                        *words |= line.chars().any(char::is_alphanumeric);
                        if !first {
                            html.push_str("<br>");
                        }
                        html.push_str(line.trim());
                        first = false;
                    }
                }
                html.push_str(if depth == 0 { "</td>" } else { "<br>" });
            }
            if depth == 0 {
                html.push_str("</tr>");
            }
        }
    }
}

/// `(numId, ilvl)` of a numbering property.
fn numbering_of(np: &docx_rs::NumberingProperty) -> Option<(usize, usize)> {
    let id = np.id.as_ref()?.id;
    Some((id, np.level.as_ref().map_or(0, |l| l.val)))
}

/// A boolean run property read through serde (docx-rs keeps the value
/// private): `Some(false)` for `w:val="0"`.
fn flag<T: serde::Serialize>(value: &Option<T>) -> Option<bool> {
    value.as_ref().map(|v| {
        serde_json::to_value(v)
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(true)
    })
}

/// A private string field read through serde.
fn json_str<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// A style name compared loosely: lower case, no spaces or hyphens.
fn squash(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Outline level of a style named "heading N".
fn heading_number(name: &str) -> Option<usize> {
    let n: usize = name.strip_prefix("heading")?.parse().ok()?;
    (1..=9).contains(&n).then(|| n - 1)
}

/// A `w:sym` character (hex, often in a symbol font's private-use range).
fn symbol(hex: &str) -> char {
    let c = u32::from_str_radix(hex.trim(), 16)
        .ok()
        .and_then(char::from_u32)
        .unwrap_or('•');
    if ('\u{E000}'..='\u{F8FF}').contains(&c) {
        super::numbering::bullet(&c.to_string(), 0)
    } else {
        c
    }
}

/// Writes inline pieces as one line of the parser's markup.
fn write_pieces(pieces: &[Piece]) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < pieces.len() {
        match &pieces[i] {
            Piece::Break => {
                // A Markdown hard break; the normalizer keeps the two spaces.
                let end = out.trim_end().len();
                out.truncate(end);
                out.push_str("  \n");
                i += 1;
            }
            Piece::Text(_, fmt) => {
                // Runs of one link together.
                let mut j = i;
                while let Some(Piece::Text(_, f)) = pieces.get(j) {
                    if f.link != fmt.link {
                        break;
                    }
                    j += 1;
                }
                let group = &pieces[i..j];
                match &fmt.link {
                    Some(url) => write_link(group, url, &mut out),
                    None => write_styled(group, &mut out),
                }
                i = j;
            }
        }
    }
    out.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("  \n")
}

fn write_link(group: &[Piece], url: &str, out: &mut String) {
    let mut inner = String::new();
    write_styled(group, &mut inner);
    let lead = inner.len() - inner.trim_start().len();
    let core = inner.trim();
    if core.is_empty() || !core.chars().any(char::is_alphanumeric) {
        out.push_str(&inner);
        return;
    }
    out.push_str(&inner[..lead]);
    out.push('[');
    out.push_str(core);
    out.push_str("](");
    out.push_str(&link_target(url));
    out.push(')');
    out.push_str(&inner[lead + core.len()..]);
}

/// A URL as the parser reads a link destination: no spaces, parentheses
/// or angle brackets.
fn link_target(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.trim().chars() {
        match c {
            ' ' => out.push_str("%20"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            c if c.is_whitespace() => out.push_str("%20"),
            c => out.push(c),
        }
    }
    if out.is_empty() { "#".to_string() } else { out }
}

/// Runs of one look, each escaped and wrapped in its emphasis markers;
/// white space stays outside the markers.
fn write_styled(group: &[Piece], out: &mut String) {
    let mut k = 0;
    while k < group.len() {
        let Piece::Text(_, fmt) = &group[k] else {
            k += 1;
            continue;
        };
        let mut text = String::new();
        while let Some(Piece::Text(t, f)) = group.get(k) {
            if f.bold != fmt.bold || f.italic != fmt.italic {
                break;
            }
            text.push_str(t);
            k += 1;
        }
        let text = text.replace(['\n', '\r'], " ");
        let marker = match (fmt.bold, fmt.italic) {
            (true, true) => "***",
            (true, false) => "**",
            (false, true) => "*",
            (false, false) => "",
        };
        let lead = text.len() - text.trim_start().len();
        let core = text.trim();
        if marker.is_empty() || core.is_empty() {
            escape_into(&text, out);
            continue;
        }
        escape_into(&text[..lead], out);
        out.push_str(marker);
        escape_into(core, out);
        out.push_str(marker);
        escape_into(&text[lead + core.len()..], out);
    }
}

/// Escapes the characters the inline parser reads as markup.
pub fn escape_into(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '*' => out.push_str("\\*"),
            '[' => out.push_str("\\["),
            ']' => out.push_str("\\]"),
            '<' => out.push_str("&lt;"),
            '&' => out.push_str("&amp;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str, bold: bool, italic: bool, link: Option<&str>) -> Piece {
        Piece::Text(
            t.to_string(),
            Format {
                bold,
                italic,
                link: link.map(str::to_string),
            },
        )
    }

    #[test]
    fn runs_become_the_parsers_markup() {
        let pieces = [
            text("A ", false, false, None),
            text("bold ", true, false, None),
            text("word", true, true, None),
            text(" and ", false, false, None),
            text("a link", false, false, Some("https://x.org/a b")),
            Piece::Break,
            text("5 * 3 <b> [x] & more", false, false, None),
        ];
        let line = write_pieces(&pieces);
        assert_eq!(
            line,
            "A **bold** ***word*** and [a link](https://x.org/a%20b)  \n5 \\* 3 &lt;b> \\[x\\] &amp; more"
        );
        let inlines =
            crate::parse::inline::parse_inlines(&crate::normalize::unwrap_lines(line.lines()));
        assert_eq!(
            crate::model::plain_text(&inlines),
            "A bold word and a link\n5 * 3 <b> [x] & more"
        );
    }
}
