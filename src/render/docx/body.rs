//! The document body: model blocks → styled docx-rs paragraphs, in reading order.

use docx_rs::{
    BreakType, Hyperlink, HyperlinkData, IndentLevel, NumberingId, Paragraph, ParagraphChild,
    ParagraphProperty, Run, Table, TableCell, TableRow, WidthType,
};

use super::numbering::Numbering;
use super::styles::id;
use super::xml::{Piece, one_line, pieces};
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

    fn run(self) -> Run {
        let mut run = Run::new();
        let style = self.style.or(if self.link {
            Some(id::HYPERLINK)
        } else if self.bold {
            Some(id::STRONG)
        } else if self.italic {
            Some(id::EMPHASIS)
        } else {
            None
        });
        if let Some(style) = style {
            run = run.style(style);
        }
        let styled_bold = style == Some(id::STRONG) || style == Some(id::SPEAKER);
        if self.bold && !styled_bold {
            run = run.bold();
        }
        if self.italic && style != Some(id::EMPHASIS) {
            run = run.italic();
        }
        run
    }
}

/// Builds the body and collects what the package needs (links, lists, warnings).
pub struct Writer<'t> {
    template: &'t Template,
    document: docx_rs::Document,
    next_para: u32,
    links: Vec<String>,
    numbering: Numbering<'t>,
    dropped: usize,
    first_dropped: Option<char>,
}

impl<'t> Writer<'t> {
    /// An empty body for `template`.
    pub fn new(template: &'t Template) -> Self {
        Writer {
            template,
            document: docx_rs::Document::new(),
            next_para: 1,
            links: Vec::new(),
            numbering: Numbering::new(template),
            dropped: 0,
            first_dropped: None,
        }
    }

    /// A new empty paragraph in `style`, with a deterministic `w14:paraId`
    /// (docx-rs numbers paragraphs with a per-thread counter).
    pub fn para(&mut self, style: &str) -> Paragraph {
        let id = format!("{:08X}", self.next_para);
        self.next_para += 1;
        Paragraph {
            id,
            children: Vec::new(),
            property: ParagraphProperty::new().style(style),
            has_numbering: false,
        }
    }

    /// Appends `text` as runs: breaks, tabs, no forbidden characters.
    pub fn push_text(&mut self, children: &mut Vec<ParagraphChild>, text: &str, fmt: RunFormat) {
        if text.is_empty() {
            return;
        }
        let mut run = fmt.run();
        let mut any = false;
        let dropped = &mut self.dropped;
        let first = &mut self.first_dropped;
        pieces(
            text,
            |c| {
                *dropped += 1;
                first.get_or_insert(c);
            },
            |piece| {
                any = true;
                let r = std::mem::take(&mut run);
                run = match piece {
                    Piece::Text(t) => r.add_text(t),
                    Piece::Break => r.add_break(BreakType::TextWrapping),
                    Piece::Tab => r.add_tab(),
                };
            },
        );
        if any {
            children.push(ParagraphChild::Run(Box::new(run)));
        }
    }

    /// Appends inline content.
    pub fn push_inlines(
        &mut self,
        children: &mut Vec<ParagraphChild>,
        inlines: &[Inline],
        fmt: RunFormat,
    ) {
        for inline in inlines {
            match inline {
                Inline::Text { text } => self.push_text(children, text, fmt),
                Inline::Emphasis { content } => self.push_inlines(
                    children,
                    content,
                    RunFormat {
                        italic: true,
                        ..fmt
                    },
                ),
                Inline::Strong { content } => {
                    self.push_inlines(children, content, RunFormat { bold: true, ..fmt })
                }
                Inline::Link { content, url } => self.push_link(children, content, url, fmt),
                Inline::LineBreak => children.push(ParagraphChild::Run(Box::new(
                    fmt.run().add_break(BreakType::TextWrapping),
                ))),
            }
        }
    }

    fn push_link(
        &mut self,
        children: &mut Vec<ParagraphChild>,
        content: &[Inline],
        url: &str,
        fmt: RunFormat,
    ) {
        let target = one_line(url).trim().to_string();
        let inner_fmt = RunFormat { link: true, ..fmt };
        let mut inner = Vec::new();
        if content.is_empty() {
            self.push_text(&mut inner, url, inner_fmt);
        } else {
            self.push_inlines(&mut inner, content, inner_fmt);
        }
        // A link inside a link, or one without a usable target, stays text.
        if fmt.link || target.is_empty() {
            children.extend(inner);
            return;
        }
        self.links.push(target);
        children.push(ParagraphChild::Hyperlink(Hyperlink {
            link: HyperlinkData::External {
                rid: super::package::link_rid(self.links.len()),
                path: String::new(),
            },
            history: None,
            children: inner,
        }));
    }

    /// A paragraph in `style` holding `inlines`.
    fn add_inlines(&mut self, style: &str, inlines: &[Inline]) {
        let mut p = self.para(style);
        self.push_inlines(&mut p.children, inlines, RunFormat::default());
        self.document = std::mem::take(&mut self.document).add_paragraph(p);
    }

    /// A paragraph in `style` holding `text`.
    pub fn add_text(&mut self, style: &str, text: &str) {
        let mut p = self.para(style);
        self.push_text(&mut p.children, text, RunFormat::default());
        self.document = std::mem::take(&mut self.document).add_paragraph(p);
    }

    /// Symbol, date, release line, headline, subheadlines, dateline, notes.
    pub fn front_matter(&mut self, doc: &Document) {
        let meta = &doc.meta;
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
        if let Some(headline) = doc.headline_text() {
            self.add_text(id::TITLE, headline);
        }
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
                Block::Heading { level, content } => {
                    let i = usize::from(level.clamp(&1, &3) - 1);
                    self.add_inlines(id::HEADINGS[i], content);
                }
                Block::List(list) => {
                    let num = self.numbering.add(list);
                    self.list(list, num, 0);
                }
                Block::Quote { content } => self.add_inlines(id::QUOTE, content),
                Block::SpeakerTurn { speaker, content } => {
                    let mut p = self.para(id::SPEAKER_TURN);
                    self.push_text(
                        &mut p.children,
                        &format!("{speaker}:"),
                        RunFormat::styled(id::SPEAKER),
                    );
                    if !content.is_empty() {
                        self.push_text(&mut p.children, " ", RunFormat::default());
                        self.push_inlines(&mut p.children, content, RunFormat::default());
                    }
                    self.document = std::mem::take(&mut self.document).add_paragraph(p);
                }
                Block::Boilerplate { title, content } => {
                    if !title.is_empty() {
                        let mut p = self.para(id::BOILERPLATE).keep_next(true);
                        self.push_text(&mut p.children, title, RunFormat::styled(id::STRONG));
                        self.document = std::mem::take(&mut self.document).add_paragraph(p);
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

    fn list(&mut self, list: &List, num: usize, depth: usize) {
        let style = if list.ordered() {
            id::LIST_NUMBER
        } else {
            id::LIST_BULLET
        };
        for item in &list.items {
            let mut p = self
                .para(style)
                .numbering(NumberingId::new(num), IndentLevel::new(depth.min(8)));
            self.push_inlines(&mut p.children, &item.content, RunFormat::default());
            self.document = std::mem::take(&mut self.document).add_paragraph(p);
            for child in &item.children {
                self.list(child, num, depth + 1);
            }
        }
    }

    fn table(&mut self, rows: &[Vec<Vec<Inline>>]) {
        let columns = rows.iter().map(Vec::len).max().unwrap_or(0).max(1);
        let width = (self.template.page.text_width() * 20.0).max(0.0) as usize;
        let column = width / columns;
        let mut table_rows = Vec::with_capacity(rows.len());
        for row in rows {
            let mut cells = Vec::with_capacity(columns);
            for i in 0..columns {
                let mut p = self.para(id::TABLE_TEXT);
                if let Some(cell) = row.get(i) {
                    self.push_inlines(&mut p.children, cell, RunFormat::default());
                }
                cells.push(
                    TableCell::new()
                        .width(column, WidthType::Dxa)
                        .add_paragraph(p),
                );
            }
            table_rows.push(TableRow::new(cells));
        }
        let table = Table::new(table_rows)
            .style(id::TABLE)
            .set_grid(vec![column; columns])
            .width(width, WidthType::Dxa);
        self.document = std::mem::take(&mut self.document).add_table(table);
    }

    /// End mark, disclaimer, contacts.
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
    }

    /// The body, leaving an empty one behind.
    pub fn take_document(&mut self) -> docx_rs::Document {
        std::mem::take(&mut self.document)
    }

    /// Links, numbering and diagnostics gathered while writing.
    pub fn finish(self) -> (Vec<String>, Numbering<'t>, Vec<Diagnostic>) {
        let diagnostics = match self.first_dropped {
            Some(first) => vec![super::invalid_chars_diagnostic(self.dropped, first)],
            None => Vec::new(),
        };
        (self.links, self.numbering, diagnostics)
    }
}

/// The release date in the template's format, or as written.
pub fn formatted_date(doc: &Document, template: &Template) -> Option<String> {
    let meta = &doc.meta;
    meta.date
        .as_deref()
        .and_then(|d| template.symbol_date.date_format.format(d))
        .or_else(|| meta.date_raw.clone())
        .or_else(|| meta.date.clone())
        .filter(|d| !d.trim().is_empty())
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
