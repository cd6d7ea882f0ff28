//! The document body: model blocks → styled WordprocessingML paragraphs, in
//! reading order (written directly, see [`super::wml`]).

use super::numbering::Numbering;
use super::styles::id;
use super::wml::{close_paragraph, escape_text, open_paragraph, push_usize};
use super::xml::{Piece, escape_into, one_line, pieces};
use crate::error::Diagnostic;
use crate::model::{Block, Document, Inline, List, ReleaseKind};
use crate::template::{Placement, Template};

use super::running::DisclaimerPlan;

/// How a run looks, from the inlines around it.
#[derive(Debug, Clone, Copy, Default)]
pub struct RunFormat {
    bold: bool,
    italic: bool,
    link: bool,
    /// A character style that wins over the above.
    style: Option<&'static str>,
}

impl RunFormat {
    /// Runs in a character style.
    pub fn styled(style: &'static str) -> Self {
        RunFormat {
            style: Some(style),
            ..RunFormat::default()
        }
    }

    /// Opens a run with its properties (`w:rStyle`, then direct bold/italic
    /// where the style does not already give them).
    fn open_run(self, out: &mut String) {
        let style = self.style.or(if self.link {
            Some(id::HYPERLINK)
        } else if self.bold {
            Some(id::STRONG)
        } else if self.italic {
            Some(id::EMPHASIS)
        } else {
            None
        });
        let styled_bold = style == Some(id::STRONG) || style == Some(id::SPEAKER);
        let bold = self.bold && !styled_bold;
        let italic = self.italic && style != Some(id::EMPHASIS);
        out.push_str("<w:r>");
        if style.is_none() && !bold && !italic {
            return;
        }
        out.push_str("<w:rPr>");
        if let Some(style) = style {
            out.push_str("<w:rStyle w:val=\"");
            out.push_str(style);
            out.push_str("\"/>");
        }
        if bold {
            out.push_str("<w:b/><w:bCs/>");
        }
        if italic {
            out.push_str("<w:i/><w:iCs/>");
        }
        out.push_str("</w:rPr>");
    }
}

/// Writes runs: text made safe for XML, links registered for the package.
#[derive(Default)]
pub struct Runs {
    links: Vec<String>,
    dropped: usize,
    first_dropped: Option<char>,
}

impl Runs {
    /// True when some character was removed.
    pub fn dropped_any(&self) -> bool {
        self.dropped > 0
    }

    /// Appends `text` as a run: breaks, tabs, no forbidden characters.
    pub fn push_text(&mut self, out: &mut String, text: &str, fmt: RunFormat) {
        if text.is_empty() {
            return;
        }
        let mut open = false;
        let dropped = &mut self.dropped;
        let first = &mut self.first_dropped;
        pieces(
            text,
            |c| {
                *dropped += 1;
                first.get_or_insert(c);
            },
            |piece| {
                if !open {
                    fmt.open_run(out);
                    open = true;
                }
                match piece {
                    Piece::Text(t) => {
                        out.push_str("<w:t xml:space=\"preserve\">");
                        escape_text(out, t);
                        out.push_str("</w:t>");
                    }
                    Piece::Break => out.push_str("<w:br/>"),
                    Piece::Tab => out.push_str("<w:tab/>"),
                }
            },
        );
        if open {
            out.push_str("</w:r>");
        }
    }

    /// Appends inline content.
    pub fn push_inlines(&mut self, out: &mut String, inlines: &[Inline], fmt: RunFormat) {
        for inline in inlines {
            match inline {
                Inline::Text { text } => self.push_text(out, text, fmt),
                Inline::Emphasis { content } => self.push_inlines(
                    out,
                    content,
                    RunFormat {
                        italic: true,
                        ..fmt
                    },
                ),
                Inline::Strong { content } => {
                    self.push_inlines(out, content, RunFormat { bold: true, ..fmt })
                }
                Inline::Link { content, url } => self.push_link(out, content, url, fmt),
                Inline::LineBreak => {
                    fmt.open_run(out);
                    out.push_str("<w:br/></w:r>");
                }
            }
        }
    }

    fn push_link(&mut self, out: &mut String, content: &[Inline], url: &str, fmt: RunFormat) {
        let target = one_line(url).trim().to_string();
        let inner_fmt = RunFormat { link: true, ..fmt };
        // A link inside a link, or one without a usable target, stays text.
        let real = !fmt.link && !target.is_empty();
        if real {
            self.links.push(target);
            out.push_str("<w:hyperlink r:id=\"");
            escape_into(out, &super::package::link_rid(self.links.len()));
            out.push_str("\">");
        }
        if content.is_empty() {
            self.push_text(out, url, inner_fmt);
        } else {
            self.push_inlines(out, content, inner_fmt);
        }
        if real {
            out.push_str("</w:hyperlink>");
        }
    }
}

/// Heading levels as assistive technology meets them: outline levels start
/// at 0 (heading level 1) and never skip one.
///
/// The headline is the `Title` paragraph at outline level 0. Model heading
/// levels (1–3) are first made contiguous: the first body heading is level
/// 1, and no heading is more than one level deeper than the one before
/// (1, 3 reads as 1, 2). Level `n` is then written in Word's built-in
/// "heading {n+1}" style (outline level `n`, right under the headline),
/// which looks like the template's level-`n` heading. A document without a
/// headline keeps those styles (and looks), and each heading paragraph
/// carries its own `w:outlineLvl` `n - 1`, so its first heading is at
/// level 1 too.
#[derive(Debug, Clone, Copy, Default)]
pub struct HeadingLevels {
    /// A Title paragraph (outline level 0) opened the current document.
    headline: bool,
    /// The last body heading's contiguous level (0: none yet).
    last: u8,
}

impl HeadingLevels {
    /// Levels for a document that has (or lacks) a headline.
    pub fn new(headline: bool) -> Self {
        HeadingLevels { headline, last: 0 }
    }

    /// The style and, for a document without a headline, the paragraph's own
    /// outline level for a heading of model level `level`.
    pub fn next(&mut self, level: u8) -> (&'static str, Option<u8>) {
        let level = level.clamp(1, 3).min(self.last + 1);
        self.last = level;
        let style = id::HEADINGS[usize::from(level)];
        (style, (!self.headline).then(|| level - 1))
    }
}

/// Builds the body and collects what the package needs (links, lists, warnings).
pub struct Writer<'t> {
    template: &'t Template,
    body: String,
    /// Run writer shared by the body, headers and footers.
    pub runs: Runs,
    numbering: Numbering<'t>,
    headings: HeadingLevels,
    /// The paragraph style of a headline the parser derived (Title, but a
    /// handout prints it in its own style).
    derived_headline: &'static str,
    /// The document runs right to left (see [`mark_bidi`]).
    rtl: bool,
}

impl<'t> Writer<'t> {
    /// An empty body for `template`, with room for about `capacity` bytes.
    pub fn new(template: &'t Template, capacity: usize) -> Self {
        Writer {
            template,
            body: String::with_capacity(capacity),
            runs: Runs::default(),
            numbering: Numbering::new(template),
            headings: HeadingLevels::default(),
            derived_headline: id::TITLE,
            rtl: false,
        }
    }

    /// Writes a headline the parser derived in `style` instead of Title.
    pub fn set_derived_headline_style(&mut self, style: &'static str) {
        self.derived_headline = style;
    }

    /// Bytes of body written so far (a mark for [`Writer::mark_paragraph_at`]).
    pub fn body_len(&self) -> usize {
        self.body.len()
    }

    /// Puts `xml` (bookmarks, fields: run-level content) at the start of the
    /// first paragraph written from `mark` on, after its properties; when
    /// none was written, in a paragraph of its own. `xml` must stay within
    /// one paragraph.
    pub fn mark_paragraph_at(&mut self, mark: usize, xml: &str) {
        const OPEN: &str = "<w:p><w:pPr>";
        let tail = self.body.get(mark..).unwrap_or("");
        let at = tail.find(OPEN).and_then(|p| {
            let end = tail[p..].find("</w:pPr>")?;
            Some(mark + p + end + "</w:pPr>".len())
        });
        match at {
            Some(at) => self.body.insert_str(at, xml),
            None => {
                self.body.push_str("<w:p>");
                self.body.push_str(xml);
                self.body.push_str("</w:p>");
            }
        }
    }

    /// A paragraph in `style` holding `inlines`.
    fn add_inlines(&mut self, style: &str, inlines: &[Inline]) {
        open_paragraph(&mut self.body, style, false, None);
        self.runs
            .push_inlines(&mut self.body, inlines, RunFormat::default());
        close_paragraph(&mut self.body);
    }

    /// Appends WordprocessingML written by the caller (whole paragraphs).
    pub fn push_raw(&mut self, xml: &str) {
        self.body.push_str(xml);
    }

    /// A paragraph in `style` holding `text`.
    pub fn add_text(&mut self, style: &str, text: &str) {
        open_paragraph(&mut self.body, style, false, None);
        self.runs
            .push_text(&mut self.body, text, RunFormat::default());
        close_paragraph(&mut self.body);
    }

    /// Symbol, date, release line, headline, subheadlines, dateline, notes.
    pub fn front_matter(&mut self, doc: &Document) {
        let meta = &doc.meta;
        self.rtl = crate::layout::bidi::is_rtl_language(&meta.language.code);
        let t = self.template;
        if t.symbol_date.placement != Placement::Hidden {
            if t.symbol_date.stack_symbols {
                for symbol in &meta.symbols {
                    self.add_text(id::SYMBOL, &symbol.raw);
                }
            } else if let Some(line) = doc.symbol_line() {
                self.add_text(id::SYMBOL, &line);
            }
            if let Some(date) = formatted_date(doc, t) {
                self.add_text(id::DATE, &date);
            }
            if let Some(time) = &meta.time {
                self.add_text(id::DATE, time);
            }
        }
        if let Some(line) = release_line(doc, t) {
            self.add_text(id::RELEASE_LINE, &line);
        }
        // A blank headline would be an empty level-1 heading: left out.
        let headline = doc.headline_text().filter(|h| !h.trim().is_empty());
        if let Some(headline) = headline {
            let derived = meta.headline.as_ref().is_some_and(|h| h.derived);
            let style = if derived {
                self.derived_headline
            } else {
                id::TITLE
            };
            self.add_text(style, headline);
        }
        self.headings = HeadingLevels::new(headline.is_some());
        for sub in &meta.subheadlines {
            self.add_text(id::SUBTITLE, sub);
        }
        if let Some(dateline) = &meta.dateline {
            self.add_text(id::DATELINE, &dateline.raw);
        }
        for note in &meta.editorial_notes {
            self.add_text(id::NOTE, note);
        }
        if let Some(note) = &meta.delivery_note {
            self.add_text(id::NOTE, note);
        }
    }

    /// Body blocks in order.
    pub fn blocks(&mut self, blocks: &[Block]) {
        for block in blocks {
            match block {
                Block::LeadIn { content } => self.add_inlines(id::LEAD_IN, content),
                Block::Paragraph { content } => self.add_inlines(id::BODY_TEXT, content),
                Block::Heading { level, content } => self.heading(*level, content),
                Block::List(list) => {
                    let num = self.numbering.add(list);
                    self.list(list, num, 0);
                }
                Block::Quote { content } => self.add_inlines(id::QUOTE, content),
                Block::SpeakerTurn { speaker, content } => {
                    let out = &mut self.body;
                    open_paragraph(out, id::SPEAKER_TURN, false, None);
                    self.runs.push_text(
                        out,
                        &format!("{speaker}:"),
                        RunFormat::styled(id::SPEAKER),
                    );
                    if !content.is_empty() {
                        self.runs.push_text(out, " ", RunFormat::default());
                        self.runs.push_inlines(out, content, RunFormat::default());
                    }
                    close_paragraph(out);
                }
                Block::Boilerplate { title, content } => {
                    if !title.is_empty() {
                        let out = &mut self.body;
                        open_paragraph(out, id::BOILERPLATE, true, None);
                        self.runs
                            .push_text(out, title, RunFormat::styled(id::STRONG));
                        close_paragraph(out);
                    }
                    for para in content {
                        self.add_inlines(id::BOILERPLATE, para);
                    }
                }
                Block::ContactBlock { lines } => {
                    for line in lines {
                        self.add_text(id::CONTACT, line);
                    }
                }
                Block::Table { rows } => self.table(rows),
            }
        }
    }

    /// A body heading (see [`HeadingLevels`]).
    fn heading(&mut self, level: u8, content: &[Inline]) {
        let (style, outline) = self.headings.next(level);
        let out = &mut self.body;
        match outline {
            None => open_paragraph(out, style, false, None),
            Some(outline) => {
                out.push_str("<w:p><w:pPr><w:pStyle w:val=\"");
                out.push_str(style);
                out.push_str("\"/><w:outlineLvl w:val=\"");
                push_usize(out, usize::from(outline));
                out.push_str("\"/></w:pPr>");
            }
        }
        self.runs.push_inlines(out, content, RunFormat::default());
        close_paragraph(out);
    }

    /// A list as Word numbering; an ordered list whose input numbers skip,
    /// repeat or go back (paragraphs excerpted from a longer text) keeps
    /// them as written, each label typed before a tab.
    fn list(&mut self, list: &List, num: usize, depth: usize) {
        let style = if list.ordered() {
            id::LIST_NUMBER
        } else {
            id::LIST_BULLET
        };
        let typed_labels =
            (list.ordered() && !list.numbered_in_sequence()).then(|| list.ordered_labels());
        for (n, item) in list.items.iter().enumerate() {
            match typed_labels.as_ref().and_then(|labels| labels.get(n)) {
                Some(label) => {
                    self.open_typed_item(style, depth);
                    self.runs.push_text(
                        &mut self.body,
                        &format!("{label}\t"),
                        RunFormat::default(),
                    );
                }
                None => open_paragraph(&mut self.body, style, false, Some((num, depth.min(8)))),
            }
            self.runs
                .push_inlines(&mut self.body, &item.content, RunFormat::default());
            close_paragraph(&mut self.body);
            for child in &item.children {
                self.list(child, num, depth + 1);
            }
        }
    }

    /// Opens a list item whose label is typed: the hanging indent and tab
    /// stop Word numbering would give it at `depth`.
    fn open_typed_item(&mut self, style: &str, depth: usize) {
        let lists = &self.template.lists;
        let hanging = lists.marker_width.twips();
        let left = lists.indent.twips() * depth.min(8) as i32 + hanging;
        self.body.push_str(&format!(
            "<w:p><w:pPr><w:pStyle w:val=\"{style}\"/><w:tabs><w:tab w:val=\"left\" w:pos=\"{left}\"/></w:tabs><w:ind w:left=\"{left}\" w:hanging=\"{hanging}\"/></w:pPr>"
        ));
    }

    /// A real table: equal columns over the text width, ruled like the
    /// Press Table style (also as direct borders, for readers that ignore
    /// table styles). The first row is the header row: `w:tblHeader`
    /// (repeated on every page, announced as column headers by assistive
    /// technology) and set in Table Heading (bold). Amounts are flush right.
    fn table(&mut self, rows: &[Vec<Vec<Inline>>]) {
        let columns = rows.iter().map(Vec::len).max().unwrap_or(0).max(1);
        let width = (self.template.page.text_width() * 20.0).max(0.0) as usize;
        let column = width / columns;
        let rule = self.template.colors.rule.hex();
        let out = &mut self.body;
        out.push_str("<w:tbl><w:tblPr><w:tblStyle w:val=\"");
        out.push_str(id::TABLE);
        out.push_str("\"/><w:tblW w:w=\"");
        push_usize(out, width);
        out.push_str("\" w:type=\"dxa\"/><w:tblBorders>");
        for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
            out.push_str("<w:");
            out.push_str(side);
            out.push_str(" w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"");
            out.push_str(&rule);
            out.push_str("\"/>");
        }
        out.push_str("</w:tblBorders></w:tblPr><w:tblGrid>");
        for _ in 0..columns {
            out.push_str("<w:gridCol w:w=\"");
            push_usize(out, column);
            out.push_str("\"/>");
        }
        out.push_str("</w:tblGrid>");
        for (r, row) in rows.iter().enumerate() {
            let header = r == 0;
            out.push_str(if header {
                "<w:tr><w:trPr><w:tblHeader/></w:trPr>"
            } else {
                "<w:tr>"
            });
            let style = if header {
                id::TABLE_HEADING
            } else {
                id::TABLE_TEXT
            };
            for i in 0..columns {
                out.push_str("<w:tc><w:tcPr><w:tcW w:w=\"");
                push_usize(out, column);
                out.push_str("\" w:type=\"dxa\"/></w:tcPr>");
                let amount = row
                    .get(i)
                    .is_some_and(|cell| crate::amount::is_amount(&crate::model::plain_text(cell)));
                if amount {
                    // Amounts sit flush right, so a column's digits line up.
                    out.push_str("<w:p><w:pPr><w:pStyle w:val=\"");
                    out.push_str(style);
                    out.push_str("\"/><w:jc w:val=\"right\"/></w:pPr>");
                } else {
                    open_paragraph(out, style, false, None);
                }
                if let Some(cell) = row.get(i) {
                    self.runs.push_inlines(out, cell, RunFormat::default());
                }
                close_paragraph(out);
                out.push_str("</w:tc>");
            }
            out.push_str("</w:tr>");
        }
        out.push_str("</w:tbl>");
    }

    /// End mark, disclaimer, contacts, the document-information block.
    pub fn back_matter(
        &mut self,
        doc: &Document,
        template: &Template,
        disclaimer: &DisclaimerPlan,
    ) {
        let end_mark = match (&doc.meta.end_mark, template.end_mark.prefer_document) {
            (Some(own), true) if !own.trim().is_empty() => own.as_str(),
            _ => template.end_mark.text.as_str(),
        };
        if !end_mark.trim().is_empty() {
            self.add_text(id::END_MARK, end_mark);
        }
        if disclaimer.at_end
            && let Some(text) = &disclaimer.text
        {
            self.add_text(id::DISCLAIMER, text);
        }
        for contact in &doc.meta.contacts {
            self.add_text(id::CONTACT, &contact.raw);
        }
        for line in crate::render::info::lines(doc, template) {
            self.add_text(id::DOCUMENT_INFO, &line.text());
        }
    }

    /// The body paragraphs written so far, leaving an empty body behind.
    pub fn take_body(&mut self) -> String {
        let body = std::mem::take(&mut self.body);
        if self.rtl || crate::layout::bidi::has_rtl(&body) {
            mark_bidi(&body, self.rtl)
        } else {
            body
        }
    }

    /// Links, numbering and diagnostics gathered while writing.
    pub fn finish(self) -> (Vec<String>, Numbering<'t>, Vec<Diagnostic>) {
        let diagnostics = match self.runs.first_dropped {
            Some(first) => vec![super::invalid_chars_diagnostic(self.runs.dropped, first)],
            None => Vec::new(),
        };
        (self.runs.links, self.numbering, diagnostics)
    }
}

/// The release date in the template's format, or as written.
pub fn formatted_date(doc: &Document, template: &Template) -> Option<String> {
    template.release_date(&doc.meta)
}

/// The release-timing line, if the template shows one.
fn release_line(doc: &Document, template: &Template) -> Option<String> {
    let rl = &template.release_line;
    match &doc.meta.release {
        Some(release) if rl.show => Some(match release.kind {
            ReleaseKind::Immediate if !rl.immediate.is_empty() => rl.immediate.clone(),
            ReleaseKind::Embargoed | ReleaseKind::HoldForRelease if release.until.is_some() => rl
                .embargoed
                .replace("{until}", release.until.as_deref().unwrap_or("")),
            _ => release.raw.clone(),
        }),
        // The input's own line is text: never lose it, even when not shown as such.
        Some(release) => Some(release.raw.clone()),
        None if rl.always && !rl.immediate.is_empty() => Some(rl.immediate.clone()),
        None => None,
    }
    .filter(|l| !l.trim().is_empty())
}

/// Marks right-to-left text in finished body paragraphs: `w:bidi` on a
/// paragraph whose first strong character is right to left (a paragraph
/// with none follows the document, `neutral_rtl`), `w:rtl` on a run holding
/// right-to-left characters. In a `w:bidi` paragraph Word and LibreOffice
/// read the style's `w:jc` left and right as start and end, so an Arabic
/// body paragraph sits flush right and a right-aligned date flush left, as
/// in the PDF.
pub fn mark_bidi(body: &str, neutral_rtl: bool) -> String {
    let mut out = String::with_capacity(body.len() + body.len() / 16);
    let mut rest = body;
    while let Some(start) = find_open(rest, "<w:p") {
        let Some(len) = rest[start..].find("</w:p>") else {
            break;
        };
        let end = start + len + "</w:p>".len();
        out.push_str(&rest[..start]);
        bidi_paragraph(&rest[start..end], neutral_rtl, &mut out);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The first `<tag>` or `<tag …>` in `xml` (not a longer tag name).
fn find_open(xml: &str, tag: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = xml[from..].find(tag) {
        let at = from + i;
        if matches!(xml.as_bytes().get(at + tag.len()), Some(b'>' | b' ')) {
            return Some(at);
        }
        from = at + tag.len();
    }
    None
}

/// The text of the `w:t` elements in `xml`.
fn texts(xml: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(i) = find_open(rest, "<w:t") {
        let Some(gt) = rest[i..].find('>') else { break };
        let body = &rest[i + gt + 1..];
        let end = body.find("</w:t>").unwrap_or(body.len());
        out.push_str(&body[..end]);
        rest = &body[end..];
    }
    out
}

/// Paragraph properties that come after `w:bidi` in `w:pPr`.
const AFTER_BIDI: [&str; 14] = [
    "<w:adjustRightInd",
    "<w:snapToGrid",
    "<w:spacing",
    "<w:ind",
    "<w:contextualSpacing",
    "<w:mirrorIndents",
    "<w:suppressOverlap",
    "<w:jc",
    "<w:textDirection",
    "<w:textAlignment",
    "<w:outlineLvl",
    "<w:rPr",
    "<w:sectPr",
    "</w:pPr>",
];

/// Writes paragraph `p` with its bidi marks.
fn bidi_paragraph(p: &str, neutral_rtl: bool, out: &mut String) {
    let text = texts(p);
    let mut p = std::borrow::Cow::Borrowed(p);
    if crate::layout::bidi::is_rtl(&text, neutral_rtl) {
        let runs = find_open(&p, "<w:r").unwrap_or(p.len());
        let at = match find_open(&p[..runs], "<w:pPr") {
            Some(ppr) => AFTER_BIDI
                .iter()
                .filter_map(|t| p[ppr..runs].find(t))
                .min()
                .map(|i| (ppr + i, "<w:bidi/>")),
            None => p.find('>').map(|i| (i + 1, "<w:pPr><w:bidi/></w:pPr>")),
        };
        if let Some((at, mark)) = at {
            p.to_mut().insert_str(at, mark);
        }
    }
    let mut rest: &str = &p;
    while let Some(start) = find_open(rest, "<w:r") {
        let Some(len) = rest[start..].find("</w:r>") else {
            break;
        };
        let end = start + len;
        let run = &rest[start..end];
        out.push_str(&rest[..start]);
        if crate::layout::bidi::has_rtl(&texts(run)) {
            push_rtl_run(run, out);
        } else {
            out.push_str(run);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
}

/// Writes `run` (up to its closing tag) with `w:rtl` as its last property.
fn push_rtl_run(run: &str, out: &mut String) {
    let open_end = run.find('>').map_or(run.len(), |i| i + 1);
    let props = &run[open_end..];
    match (props.starts_with("<w:rPr>"), props.find("</w:rPr>")) {
        (true, Some(close)) => {
            out.push_str(&run[..open_end + close]);
            out.push_str("<w:rtl/>");
            out.push_str(&props[close..]);
        }
        _ => {
            out.push_str(&run[..open_end]);
            out.push_str("<w:rPr><w:rtl/></w:rPr>");
            out.push_str(props);
        }
    }
}
