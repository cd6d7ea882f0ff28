//! Layout engine: model + template → positioned pages ([`frame::Page`]).
//!
//! One file per stage: [`fonts`] (faces, fallback, coverage), [`shape`]
//! (harfrust with caches), [`inline`] (a paragraph into lines),
//! [`linebreak`] (Knuth–Plass), [`flow`] (pagination). This module walks the
//! document in reading order (letterhead, release line, headline,
//! subheadlines, dateline, notes, body, end mark, disclaimer, contacts) and
//! adds running heads and feet once the page count is known. It knows
//! nothing about PDF.

pub mod bidi;
mod collisions;
pub mod compose;
pub mod flow;
pub mod fonts;
pub mod frame;
pub mod inline;
pub mod linebreak;
pub mod shape;
pub mod slots;
mod spare;
pub mod typography;
mod word_key;

use crate::error::{Diagnostic, Error};
use crate::model::{Block, Document, Inline, List, ReleaseKind};
use crate::template::{
    Align, Band, Case, Color, DisclaimerPosition, Placeholders, Placement, Template, TextStyle,
};
use flow::{Area, FlowBlock, Rules};
use fonts::FontBook;
use frame::{Artifact, DocInfo, ImageBox, Item, Layout, NodeId, Page, Role, Rule, StructTree, Tag};
use inline::{Context, LineBox, Measure, StyledText, layout_paragraph};
use std::cell::{Cell, RefCell};

/// Space between the letterhead logo and the lines beside it (3 mm).
const LOGO_GAP: f32 = 3.0 * 72.0 / 25.4;

/// Least space between a list label and its item, in ems of the list's size.
const LABEL_GAP_EM: f32 = 0.4;

/// Lays out a document with a template.
pub fn layout(doc: &Document, template: &Template) -> Result<Layout, Error> {
    let doc = typography::localize(doc);
    let prepared = prepare(&doc, template)?;
    let total = prepared.page_count();
    Ok(prepared.finish(PageNumbering { first: 1, total }))
}

/// The numbers the running heads and feet show: the document's first page
/// is numbered `first`, and `{pages}` is `total`. A single document is
/// `{ first: 1, total: its page count }`; a handout numbers its releases
/// across the whole pack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageNumbering {
    /// Number of the document's first page.
    pub first: usize,
    /// The `{pages}` value.
    pub total: usize,
}

/// A document laid out and paginated, waiting for its page numbers: the
/// page count is known before the running heads and feet are painted.
pub struct Prepared<'a> {
    lay: Layouter<'a>,
    book: FontBook,
    hyphenator: Option<&'static hyphenation::Standard>,
    diagnostics: Vec<Diagnostic>,
    letterhead: Vec<Item>,
    bodies: Vec<Vec<Item>>,
    outline: Vec<frame::OutlineEntry>,
}

/// Lays out and paginates `doc` without running heads and feet (see
/// [`Prepared::finish`]).
pub fn prepare<'a>(doc: &'a Document, template: &'a Template) -> Result<Prepared<'a>, Error> {
    let book = FontBook::new(template)?;
    let hyphenator = if template.typesetting.hyphenate {
        inline::hyphenator(&doc.meta.language.code)
    } else {
        None
    };
    let mut diagnostics = Vec::new();
    let mut ctx = Context {
        book: &book,
        hyphenator,
        diagnostics: &mut diagnostics,
    };
    let lay = Layouter::new(doc, template);
    let (letterhead, letterhead_bottom) = lay.letterhead(&mut ctx);
    let blocks = lay.blocks(&mut ctx);
    let page = &template.page;
    let (_, height) = page.dimensions();
    let area = Area {
        first_top: letterhead_bottom,
        top: page.margins.top.pt(),
        bottom: height.pt() - page.margins.bottom.pt(),
    };
    let rules = Rules {
        widows_orphans: template.typesetting.widows_orphans as usize,
        keep_paragraphs_whole: template.typesetting.keep_paragraphs_whole,
    };
    let flowed = flow::paginate(blocks, area, rules);
    Ok(Prepared {
        lay,
        book,
        hyphenator,
        diagnostics,
        letterhead,
        bodies: flowed.pages,
        outline: flowed.outline,
    })
}

impl Prepared<'_> {
    /// Number of pages the document takes.
    pub fn page_count(&self) -> usize {
        self.bodies.len()
    }

    /// Paints the running heads and feet with `numbering` and returns the
    /// finished layout.
    pub fn finish(self, numbering: PageNumbering) -> Layout {
        let Prepared {
            lay,
            book,
            hyphenator,
            mut diagnostics,
            letterhead,
            bodies,
            outline,
        } = self;
        let mut ctx = Context {
            book: &book,
            hyphenator,
            diagnostics: &mut diagnostics,
        };
        let (width, height) = lay.t.page.dimensions();
        let count = bodies.len();
        let mut pages = Vec::with_capacity(count);
        let mut letterhead = Some(letterhead);
        for (i, body) in bodies.into_iter().enumerate() {
            let mut items = letterhead.take().unwrap_or_default();
            items.extend(body);
            let numbers = Numbers {
                local: i + 1,
                count,
                number: numbering.first + i,
                total: numbering.total,
            };
            lay.bands(&mut ctx, &mut items, numbers);
            pages.push(Page {
                width: width.pt(),
                height: height.pt(),
                items,
            });
        }
        let doc = lay.doc;
        let info = DocInfo {
            title: Some(crate::handout::headline(doc)),
            author: doc.meta.issuer.clone(),
            subject: doc
                .meta
                .subheadlines
                .first()
                .cloned()
                .or_else(|| doc.meta.occasion.as_ref().map(|o| o.event.clone()))
                .or_else(|| {
                    (doc.meta.kind != crate::model::DocKind::Unknown)
                        .then(|| doc.meta.kind.label().to_string())
                }),
            keywords: lay.placeholders.symbol_keywords.clone(),
            language: doc.language_tag(),
        };
        fonts::missing::summarize(&mut diagnostics);
        Layout {
            pages,
            outline,
            info,
            diagnostics,
            structure: lay.tree.into_inner(),
        }
    }
}

/// Which page a band is painted on: its place in the document (`local` of
/// `count`, choosing first-page or continuation bands and the "more" mark)
/// and the number it shows (`number` of `total`).
#[derive(Debug, Clone, Copy)]
struct Numbers {
    local: usize,
    count: usize,
    number: usize,
    total: usize,
}

struct Filled {
    fill: Placeholders,
    symbol_keywords: Option<String>,
}

struct Layouter<'a> {
    doc: &'a Document,
    t: &'a Template,
    placeholders: Filled,
    left: f32,
    width: f32,
    disclaimer_at_end: bool,
    disclaimer: Option<String>,
    /// The structure elements created so far, in reading order.
    tree: RefCell<StructTree>,
    /// Level of the last heading element (the headline is 1; 0 before any).
    heading_level: Cell<u8>,
    /// The document runs right to left (its language's direction): the
    /// letterhead and the running heads and feet mirror, and a paragraph
    /// with no strong character runs right to left.
    rtl: bool,
    /// Widths of running-band texts already measured, in the running style:
    /// a band's headline or issuer is measured, and shortened word by word,
    /// again on every page (see [`slots`]).
    band_widths: RefCell<rustc_hash::FxHashMap<String, f32>>,
}

fn bands_mention(t: &Template, key: &str) -> bool {
    [
        &t.header.first,
        &t.header.rest,
        &t.footer.first,
        &t.footer.rest,
    ]
    .iter()
    .any(|b| b.left.contains(key) || b.center.contains(key) || b.right.contains(key))
}

impl<'a> Layouter<'a> {
    fn new(doc: &'a Document, t: &'a Template) -> Self {
        let date = t.release_date(&doc.meta).unwrap_or_default();
        let doc_disclaimer = doc.meta.disclaimer.clone().filter(|d| !d.trim().is_empty());
        let disclaimer = doc_disclaimer
            .clone()
            .or_else(|| Some(t.disclaimer.text.clone()).filter(|d| !d.trim().is_empty()));
        let in_footer =
            t.disclaimer.position == DisclaimerPosition::Footer && bands_mention(t, "{disclaimer}");
        let hidden =
            t.disclaimer.position == DisclaimerPosition::Hidden && doc_disclaimer.is_none();
        let fill = Placeholders {
            symbol: doc.symbol_line().unwrap_or_default(),
            date,
            headline: doc.headline_text().unwrap_or_default().to_string(),
            issuer: doc.meta.issuer.clone().unwrap_or_default(),
            disclaimer: if in_footer {
                disclaimer.clone().unwrap_or_default()
            } else {
                String::new()
            },
        };
        let symbol_keywords = (!doc.meta.symbols.is_empty()).then(|| {
            doc.meta
                .symbols
                .iter()
                .map(|s| s.raw.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        });
        let margins = &t.page.margins;
        Layouter {
            doc,
            t,
            placeholders: Filled {
                fill,
                symbol_keywords,
            },
            left: margins.left.pt(),
            width: t.page.text_width().max(36.0),
            disclaimer_at_end: !in_footer && !hidden,
            disclaimer,
            tree: RefCell::new(StructTree::default()),
            heading_level: Cell::new(0),
            rtl: bidi::is_rtl_language(&doc.meta.language.code),
            band_widths: RefCell::default(),
        }
    }

    /// Creates a structure element.
    fn node(&self, role: Role, parent: Option<NodeId>) -> NodeId {
        self.tree.borrow_mut().push(role, parent)
    }

    /// Creates a top-level element and returns the tag of its content.
    fn content(&self, role: Role) -> Tag {
        Tag::Content(self.node(role, None))
    }

    /// A heading element for a heading of `level` (1 for the headline, 2
    /// and deeper for the body's headings): the first heading is H1 and no
    /// heading is more than one level deeper than the one before.
    fn heading(&self, level: u8) -> Tag {
        let level = level.clamp(1, 6).min(self.heading_level.get() + 1);
        self.heading_level.set(level);
        self.content(Role::Heading(level))
    }

    /// Gives each link in `lines` (content of `tag`) a link element of its
    /// own under the paragraph's element, holding its text and annotations.
    fn link_elements(&self, lines: &mut [LineBox], tag: Tag) {
        let Tag::Content(parent) = tag else { return };
        let mut made: Vec<(u16, NodeId)> = Vec::new();
        for item in lines.iter_mut().flat_map(|l| l.items.iter_mut()) {
            let local = match item {
                Item::Text(run) => run.link,
                Item::Link(link) => link.local,
                Item::Rule(_) | Item::Image(_) => None,
            };
            let Some(local) = local else { continue };
            let node = match made.iter().find(|(l, _)| *l == local) {
                Some((_, n)) => *n,
                None => {
                    let n = self.node(Role::Link, Some(parent));
                    made.push((local, n));
                    n
                }
            };
            item.set_tag(Tag::Content(node));
        }
    }

    /// The structure elements created so far (the letterhead's, for a
    /// composer that adopts them).
    fn take_tree(&self) -> StructTree {
        self.tree.take()
    }

    fn color(&self, style: &TextStyle) -> Color {
        style.color.unwrap_or(self.t.colors.text)
    }

    fn measure(&self, style: &TextStyle) -> Measure {
        let x = self.left + style.indent.pt();
        Measure {
            x,
            width: (self.width - style.indent.pt() - style.indent_right.pt()).max(24.0),
            first_indent: style.first_line_indent.pt(),
        }
    }

    fn lines(
        &self,
        ctx: &mut Context<'_>,
        mut st: StyledText,
        style: &TextStyle,
        measure: Measure,
        label: &str,
        tag: Tag,
    ) -> Vec<LineBox> {
        st.neutral_rtl = self.rtl;
        let mut lines =
            layout_paragraph(&mut st, style, self.color(style), measure, ctx, label, tag);
        self.link_elements(&mut lines, tag);
        lines
    }

    /// Lines of page furniture (letterhead, running heads and feet): aligned
    /// as the template says whatever the text's direction, then mirrored
    /// line by line in a right-to-left document (see [`Self::mirror`]).
    fn furniture_lines(
        &self,
        ctx: &mut Context<'_>,
        text: &str,
        style: &TextStyle,
        measure: Measure,
        label: &str,
        tag: Tag,
    ) -> Vec<LineBox> {
        let mut st = StyledText::plain(text, style.bold, style.italic, style.case);
        st.mirror = Some(false);
        let mut lines = self.lines(ctx, st, style, measure, label, tag);
        if self.rtl {
            lines.iter_mut().for_each(|l| self.mirror(l));
        }
        lines
    }

    /// Moves a line to the mirror image of its place across the text
    /// area's middle (the line itself is not reversed): flush left becomes
    /// flush right, a date on the right goes left.
    fn mirror(&self, line: &mut LineBox) {
        let (mut from, mut to) = (f32::MAX, f32::MIN);
        for item in &line.items {
            if let Item::Text(r) = item {
                from = from.min(r.x);
                to = to.max(r.x + r.width());
            }
        }
        if from > to {
            return;
        }
        let dx = 2.0 * self.left + self.width - from - to;
        for item in &mut line.items {
            *item = item.translated(dx, 0.0);
        }
    }

    /// Lines of unstyled `text` in `style` (its weight, slant and case).
    fn plain_lines(
        &self,
        ctx: &mut Context<'_>,
        text: &str,
        style: &TextStyle,
        measure: Measure,
        label: &str,
        tag: Tag,
    ) -> Vec<LineBox> {
        let st = StyledText::plain(text, style.bold, style.italic, style.case);
        self.lines(ctx, st, style, measure, label, tag)
    }

    fn para(
        &self,
        ctx: &mut Context<'_>,
        st: StyledText,
        style: &TextStyle,
        label: &str,
        tag: Tag,
    ) -> FlowBlock {
        FlowBlock {
            lines: self.lines(ctx, st, style, self.measure(style), label, tag),
            space_before: style.space_before.pt(),
            space_after: style.space_after.pt(),
            keep_with_next: style.keep_with_next,
            keep_together: false,
            outline: None,
        }
    }

    fn plain(
        &self,
        ctx: &mut Context<'_>,
        text: &str,
        style: &TextStyle,
        label: &str,
        tag: Tag,
    ) -> FlowBlock {
        self.para(
            ctx,
            StyledText::plain(text, style.bold, style.italic, style.case),
            style,
            label,
            tag,
        )
    }

    /// Places `lines` at `y` (top), returning the bottom.
    fn stack(items: &mut Vec<Item>, lines: &[LineBox], mut y: f32) -> f32 {
        for line in lines {
            items.extend(line.items.iter().map(|i| i.translated(0.0, y)));
            y += line.height;
        }
        y
    }

    fn letterhead(&self, ctx: &mut Context<'_>) -> (Vec<Item>, f32) {
        let t = self.t;
        let lh = &t.letterhead;
        let fill = &self.placeholders.fill;
        let mut items = Vec::new();
        let mut y = t.page.margins.top.pt();
        let full = Measure {
            x: self.left,
            width: self.width,
            first_indent: 0.0,
        };
        // The logo at the top left; the lines beside it, or below it when
        // it leaves them too little room.
        let mut text_top = y;
        let mut lines_x = self.left;
        let mut logo_bottom = y;
        let sect = Cell::new(None);
        // The letterhead's section element, made when it first has content.
        let part = |role: Role| {
            let parent = match sect.get() {
                Some(p) => p,
                None => {
                    let p = self.node(Role::Sect, None);
                    sect.set(Some(p));
                    p
                }
            };
            Tag::Content(self.node(role, Some(parent)))
        };
        if let Some(image) = &lh.logo_image {
            let height = lh.logo_height.pt();
            let width = height * image.aspect();
            let alt = lh.logo_alt.trim();
            let tag = if alt.is_empty() {
                Tag::Artifact(Artifact::Layout)
            } else {
                let tag = part(Role::Figure);
                if let Tag::Content(n) = tag {
                    self.tree.borrow_mut().nodes[n.index()].alt = Some(alt.to_string());
                }
                tag
            };
            let x = if self.rtl {
                self.left + self.width - width
            } else {
                self.left
            };
            items.push(Item::Image(ImageBox {
                x,
                y,
                width,
                height,
                image: image.clone(),
                tag,
            }));
            logo_bottom = y + height;
            if width + LOGO_GAP <= self.width * 0.6 {
                lines_x += width + LOGO_GAP;
            } else {
                text_top = logo_bottom + LOGO_GAP;
            }
        }
        y = text_top;
        // Lines on the left, label on the right sharing the last line's baseline.
        let mut last_line: Option<(f32, f32)> = None; // (top, baseline offset)
        for (i, line) in lh.lines.iter().enumerate() {
            let text = fill.fill(&line.text, 1, 1);
            if text.is_empty() {
                continue;
            }
            let style = &line.style;
            let x = lines_x + style.indent.pt();
            let lines = self.furniture_lines(
                ctx,
                &text,
                style,
                Measure {
                    x,
                    width: (self.left + self.width - x).max(24.0),
                    first_indent: 0.0,
                },
                &format!("letterhead line {}", i + 1),
                part(Role::P),
            );
            if let Some(l) = lines.last() {
                let top = y + lines[..lines.len() - 1]
                    .iter()
                    .map(|l| l.height)
                    .sum::<f32>();
                last_line = Some((top, baseline_of(l)));
            }
            y = Self::stack(&mut items, &lines, y) + style.space_after.pt();
        }
        if let Some(label) = &lh.label {
            let text = fill.fill(&label.text, 1, 1);
            if !text.is_empty() {
                let mut style = label.style.clone();
                if style.align == Align::Left || style.align == Align::Justify {
                    style.align = Align::Right;
                }
                let lines = self.furniture_lines(
                    ctx,
                    &text,
                    &style,
                    full,
                    "letterhead label",
                    part(Role::P),
                );
                let top = match (last_line, lines.first()) {
                    (Some((top, base)), Some(first)) => {
                        (top + base - baseline_of(first)).max(text_top)
                    }
                    _ => text_top,
                };
                let bottom = Self::stack(&mut items, &lines, top);
                y = y.max(bottom);
            }
        }
        y = y.max(logo_bottom);
        if lh.rule && y > t.page.margins.top.pt() {
            y += 2.0;
            items.push(Item::Rule(Rule {
                from: (self.left, y),
                to: (self.left + self.width, y),
                width: 1.0,
                color: t.colors.rule,
                tag: Tag::Artifact(Artifact::Layout),
            }));
            y += 3.0;
        }
        // Masthead on the left, symbol and date on the right.
        let top = y;
        let mut left_bottom = y;
        for (i, line) in lh.masthead.iter().enumerate() {
            let text = fill.fill(&line.text, 1, 1);
            if text.is_empty() {
                continue;
            }
            let style = &line.style;
            let lines = self.furniture_lines(
                ctx,
                &text,
                style,
                Measure {
                    x: self.left,
                    width: self.width * 0.62,
                    first_indent: 0.0,
                },
                &format!("masthead line {}", i + 1),
                part(Role::P),
            );
            left_bottom = Self::stack(&mut items, &lines, left_bottom) + style.space_after.pt();
        }
        let sd = &t.symbol_date;
        let mut right_bottom = top;
        if sd.placement != Placement::Hidden {
            let mut block: Vec<(String, &TextStyle)> = Vec::new();
            if sd.stack_symbols {
                for s in &self.doc.meta.symbols {
                    block.push((s.raw.clone(), &t.styles.symbol));
                }
            } else if let Some(line) = self.doc.symbol_line() {
                block.push((line, &t.styles.symbol));
            }
            if !fill.date.is_empty() {
                block.push((fill.date.clone(), &t.styles.date));
            }
            if let Some(time) = &self.doc.meta.time {
                block.push((time.clone(), &t.styles.date));
            }
            let (x, width, start) = match sd.placement {
                Placement::Right => (self.left + self.width * 0.38, self.width * 0.62, top),
                _ => (self.left, self.width, left_bottom),
            };
            let mut yy = start;
            for (text, style) in block {
                let mut style = style.clone();
                style.align = match sd.placement {
                    Placement::Right => Align::Right,
                    Placement::Center => Align::Center,
                    _ => Align::Left,
                };
                let lines = self.furniture_lines(
                    ctx,
                    &text,
                    &style,
                    Measure {
                        x,
                        width,
                        first_indent: 0.0,
                    },
                    "symbol and date",
                    part(Role::P),
                );
                yy = Self::stack(&mut items, &lines, yy) + style.space_after.pt();
            }
            right_bottom = yy;
        }
        let bottom = left_bottom.max(right_bottom);
        let y = if items.is_empty() {
            t.page.margins.top.pt()
        } else {
            bottom + lh.space_after.pt()
        };
        (items, y)
    }

    fn blocks(&self, ctx: &mut Context<'_>) -> Vec<FlowBlock> {
        let t = self.t;
        let s = &t.styles;
        let meta = &self.doc.meta;
        let mut out = Vec::new();
        // Release line.
        let release = match &meta.release {
            Some(r) if t.release_line.show => Some(match r.kind {
                ReleaseKind::Immediate => t.release_line.immediate.clone(),
                ReleaseKind::Embargoed => match &r.until {
                    Some(until) => t.release_line.embargoed.replace("{until}", until),
                    None => r.raw.clone(),
                },
                ReleaseKind::HoldForRelease => r.raw.clone(),
            }),
            None if t.release_line.always => Some(t.release_line.immediate.clone()),
            _ => None,
        };
        if let Some(text) = release.filter(|r| !r.trim().is_empty()) {
            out.push(self.plain(
                ctx,
                &text,
                &s.release_line,
                "release line",
                self.content(Role::P),
            ));
        }
        if let Some(h) = self.doc.headline_text().filter(|h| !h.trim().is_empty()) {
            let mut b = self.plain(ctx, h, &s.headline, "headline", self.heading(1));
            b.outline = Some((h.to_string(), 0));
            out.push(b);
        }
        for (i, sub) in meta.subheadlines.iter().enumerate() {
            let label = format!("subheadline {}", i + 1);
            out.push(self.plain(ctx, sub, &s.subheadline, &label, self.content(Role::P)));
        }
        if let Some(d) = &meta.dateline {
            out.push(self.plain(ctx, &d.raw, &s.dateline, "dateline", self.content(Role::P)));
        }
        for (i, note) in meta.editorial_notes.iter().enumerate() {
            let label = format!("editorial note {}", i + 1);
            out.push(self.plain(ctx, note, &s.note, &label, self.content(Role::P)));
        }
        if let Some(note) = &meta.delivery_note {
            out.push(self.plain(ctx, note, &s.note, "delivery note", self.content(Role::P)));
        }
        for (i, block) in self.doc.body.iter().enumerate() {
            let label = format!("{} {}", block.type_name().replace('_', " "), i + 1);
            self.block(ctx, block, &label, &mut out);
        }
        // End mark and disclaimer, kept together.
        let end_mark = match (&meta.end_mark, t.end_mark.prefer_document) {
            (Some(m), true) if !m.trim().is_empty() => m.clone(),
            _ => t.end_mark.text.clone(),
        };
        let disclaimer = self.disclaimer.clone().filter(|_| self.disclaimer_at_end);
        if !end_mark.trim().is_empty() {
            // Never leave the end mark alone at the head of a page: a short
            // last paragraph travels with it.
            if let Some(last) = out.last_mut()
                && last.lines.len() <= 6
            {
                last.keep_with_next = true;
            }
            let tag = self.content(Role::P);
            let mut b = self.plain(ctx, &end_mark, &s.end_mark, "end mark", tag);
            b.keep_with_next = disclaimer.is_some();
            b.keep_together = true;
            out.push(b);
        }
        if let Some(d) = disclaimer {
            let tag = self.content(Role::P);
            let mut b = self.plain(ctx, &d, &s.disclaimer, "disclaimer", tag);
            b.keep_together = true;
            out.push(b);
        }
        for (i, c) in meta.contacts.iter().enumerate() {
            let label = format!("contact {}", i + 1);
            out.push(self.plain(ctx, &c.raw, &s.contact, &label, self.content(Role::P)));
        }
        for (i, line) in crate::render::info::lines(self.doc, t).iter().enumerate() {
            let label = format!("document information {}", i + 1);
            let tag = self.content(Role::P);
            out.push(self.plain(ctx, &line.text(), &s.contact, &label, tag));
        }
        out
    }

    fn block(&self, ctx: &mut Context<'_>, block: &Block, label: &str, out: &mut Vec<FlowBlock>) {
        let s = &self.t.styles;
        let inl = |content: &[Inline], style: &TextStyle| {
            StyledText::from_inlines(content, style.bold, style.italic, style.case)
        };
        match block {
            Block::LeadIn { content } => {
                let tag = self.content(Role::P);
                out.push(self.para(ctx, inl(content, &s.lead_in), &s.lead_in, label, tag))
            }
            Block::Paragraph { content } => {
                let tag = self.content(Role::P);
                out.push(self.para(ctx, inl(content, &s.body), &s.body, label, tag))
            }
            Block::Quote { content } => {
                let tag = self.content(Role::BlockQuote);
                out.push(self.para(ctx, inl(content, &s.quote), &s.quote, label, tag))
            }
            Block::Heading { level, content } => {
                let style = self.t.heading_style(*level);
                let tag = self.heading(level.saturating_add(1));
                let mut b = self.para(ctx, inl(content, style), style, label, tag);
                b.outline = Some((crate::model::plain_text(content), (*level).clamp(1, 3)));
                out.push(b);
            }
            Block::SpeakerTurn { speaker, content } => {
                let style = &s.speaker_turn;
                let mut st = StyledText::default();
                st.push(&format!("{speaker}:"), true, style.italic, None, style.case);
                st.push(" ", true, style.italic, None, Case::AsIs);
                st.push_inlines(content, style.bold, style.italic, None, style.case);
                let tag = self.content(Role::P);
                out.push(self.para(ctx, st, style, label, tag));
            }
            Block::Boilerplate { title, content } => {
                let style = &s.boilerplate;
                if !title.trim().is_empty() {
                    let mut b = self.para(
                        ctx,
                        StyledText::plain(title, true, style.italic, style.case),
                        style,
                        label,
                        self.content(Role::P),
                    );
                    b.keep_with_next = true;
                    b.space_after = b.space_after.min(2.0);
                    out.push(b);
                }
                for para in content {
                    let tag = self.content(Role::P);
                    out.push(self.para(ctx, inl(para, style), style, label, tag));
                }
            }
            Block::ContactBlock { lines } => {
                let style = &s.contact;
                let mut st = StyledText::default();
                for (i, line) in lines.iter().enumerate() {
                    if i > 0 {
                        st.push_inlines(&[Inline::LineBreak], false, false, None, Case::AsIs);
                    }
                    st.push(line, style.bold, style.italic, None, style.case);
                }
                let tag = self.content(Role::P);
                let mut b = self.para(ctx, st, style, label, tag);
                b.keep_together = true;
                b.space_after = b.space_after.max(6.0);
                out.push(b);
            }
            Block::List(list) => self.list(ctx, list, (0, None), label, out),
            Block::Table { rows } => self.table(ctx, rows, label, out),
        }
    }

    fn list(
        &self,
        ctx: &mut Context<'_>,
        list: &List,
        (level, parent): (usize, Option<NodeId>),
        label: &str,
        out: &mut Vec<FlowBlock>,
    ) {
        let t = self.t;
        let list_node = self.node(
            Role::List {
                numbered: list.ordered(),
            },
            parent,
        );
        let style = &t.styles.list;
        let indent = t.lists.indent.pt();
        let base = style.indent.pt() + indent * level as f32;
        let mut mstyle = style.clone();
        mstyle.align = Align::Left;
        mstyle.case = Case::AsIs;
        let markers: Vec<String> = if list.ordered() {
            list.ordered_labels()
        } else {
            (0..list.items.len())
                .map(|_| self.bullet(list, level))
                .collect()
        };
        let marker_w = self.label_column(ctx, &markers, &mstyle);
        for (item, marker) in list.items.iter().zip(markers) {
            let item_node = self.node(Role::ListItem, Some(list_node));
            let label_tag = Tag::Content(self.node(Role::Label, Some(item_node)));
            let body_node = self.node(Role::ListBody, Some(item_node));
            let text_x = base + marker_w;
            let body =
                StyledText::from_inlines(&item.content, style.bold, style.italic, style.case);
            // A right-to-left item has its label on the right.
            let rtl = bidi::is_rtl(&body.text, self.rtl);
            let measure = Measure {
                x: self.left + if rtl { style.indent_right.pt() } else { text_x },
                width: (self.width - text_x - style.indent_right.pt()).max(24.0),
                first_indent: 0.0,
            };
            let mut lines = self.lines(ctx, body, style, measure, label, Tag::Content(body_node));
            let label_measure = if rtl {
                Measure {
                    x: self.left + self.width - base - marker_w,
                    width: marker_w,
                    first_indent: 0.0,
                }
            } else {
                Measure {
                    x: self.left + base,
                    width: marker_w.max(self.width - base),
                    first_indent: 0.0,
                }
            };
            let mut marker_text = StyledText::plain(&marker, style.bold, style.italic, Case::AsIs);
            marker_text.mirror = Some(rtl);
            let mlines = self.lines(ctx, marker_text, &mstyle, label_measure, label, label_tag);
            // The label is painted (and read) before the item's text.
            if let (Some(first), Some(m)) = (lines.first_mut(), mlines.into_iter().next()) {
                first.items.splice(0..0, m.items);
            }
            out.push(FlowBlock {
                lines,
                space_before: 0.0,
                space_after: style.space_after.pt(),
                keep_with_next: false,
                keep_together: false,
                outline: None,
            });
            for child in &item.children {
                self.list(ctx, child, (level + 1, Some(body_node)), label, out);
            }
        }
        if let Some(last) = out.last_mut() {
            last.space_after = last.space_after.max(self.t.styles.body.space_after.pt());
        }
    }

    /// The label of item `n` of `list`, nested `level` deep.
    fn bullet(&self, list: &List, level: usize) -> String {
        let bullets = &self.t.lists.bullets;
        if bullets.is_empty() {
            list.marker.format(1)
        } else {
            bullets[level % bullets.len()].clone()
        }
    }

    /// Width of a list's label column: the template's marker width, or the
    /// widest of `markers` and a gap of [`LABEL_GAP_EM`] when wider.
    fn label_column(&self, ctx: &Context<'_>, markers: &[String], style: &TextStyle) -> f32 {
        let widest = markers
            .iter()
            .map(|m| self.line_width(ctx, m, style))
            .fold(0.0, f32::max);
        let gap = LABEL_GAP_EM * style.size;
        self.t.lists.marker_width.pt().max(widest + gap)
    }

    fn table(
        &self,
        ctx: &mut Context<'_>,
        rows: &[Vec<Vec<Inline>>],
        label: &str,
        out: &mut Vec<FlowBlock>,
    ) {
        let style = &self.t.styles.table;
        let cols = rows.iter().map(Vec::len).max().unwrap_or(0).max(1);
        let gap = 6.0;
        let col_w = ((self.width - gap * (cols as f32 - 1.0)) / cols as f32).max(12.0);
        let table = self.node(Role::Table, None);
        for (r, row) in rows.iter().enumerate() {
            let row_node = self.node(Role::TableRow, Some(table));
            let cell_role = if r == 0 && rows.len() > 1 {
                Role::TableHeader
            } else {
                Role::TableData
            };
            let mut cells: Vec<Vec<LineBox>> = Vec::new();
            let mut last_cell = None;
            for (c, cell) in row.iter().enumerate() {
                let cell_node = self.node(cell_role, Some(row_node));
                last_cell = Some(cell_node);
                let measure = Measure {
                    x: self.left + c as f32 * (col_w + gap),
                    width: col_w,
                    first_indent: 0.0,
                };
                let bold = style.bold || r == 0;
                // Amounts sit flush right, so a column's digits line up.
                let mut cell_style = style.clone();
                if crate::amount::is_amount(&crate::model::plain_text(cell)) {
                    cell_style.align = Align::Right;
                }
                cells.push(self.lines(
                    ctx,
                    StyledText::from_inlines(cell, bold, style.italic, style.case),
                    &cell_style,
                    measure,
                    label,
                    Tag::Content(cell_node),
                ));
            }
            // Every row has as many columns as the widest: a short row's
            // last cell spans the rest.
            if (1..cols).contains(&row.len())
                && let Some(cell) = last_cell
                && let Some(last) = self.tree.borrow_mut().nodes.get_mut(cell.index())
            {
                last.col_span = (cols - row.len() + 1) as u32;
            }
            // Merge the cells line by line into one block of row lines.
            let depth = cells.iter().map(Vec::len).max().unwrap_or(0);
            let mut lines = Vec::with_capacity(depth);
            for i in 0..depth {
                let mut items = Vec::new();
                let mut height: f32 = 0.0;
                for cell in &cells {
                    if let Some(l) = cell.get(i) {
                        items.extend(l.items.iter().cloned());
                        height = height.max(l.height);
                    }
                }
                lines.push(LineBox { height, items });
            }
            out.push(FlowBlock {
                lines,
                space_before: 0.0,
                space_after: style.space_after.pt().max(3.0),
                keep_with_next: false,
                keep_together: true,
                outline: None,
            });
        }
    }

    fn bands(&self, ctx: &mut Context<'_>, items: &mut Vec<Item>, n: Numbers) {
        let t = self.t;
        let (_, height) = t.page.dimensions();
        let style = &t.styles.running;
        let header = t.header.band_for(n.local == 1, n.number);
        let footer = t.footer.band_for(n.local == 1, n.number);
        let head_top = (t.page.margins.top.pt() - style.line_height()) / 2.0;
        let foot_top = height.pt() - (t.page.margins.bottom.pt() + style.line_height()) / 2.0;
        let header_at = (head_top.max(0.0), Artifact::Header);
        self.band(ctx, items, &header, n, header_at);
        self.band(ctx, items, &footer, n, (foot_top, Artifact::Footer));
        if n.local < n.count && !t.more.trim().is_empty() {
            let ms = &t.styles.more;
            let mut ms = ms.clone();
            ms.align = Align::Center;
            let top = height.pt() - t.page.margins.bottom.pt() + 2.0;
            let lines = self.lines(
                ctx,
                StyledText::plain(&t.more, ms.bold, ms.italic, ms.case),
                &ms,
                Measure {
                    x: self.left,
                    width: self.width,
                    first_indent: 0.0,
                },
                "more marker",
                Tag::Artifact(Artifact::Pagination),
            );
            Self::stack(items, &lines[..lines.len().min(1)], top);
        }
    }

    fn band(
        &self,
        ctx: &mut Context<'_>,
        items: &mut Vec<Item>,
        band: &Band,
        n: Numbers,
        (top, artifact): (f32, Artifact),
    ) {
        if band.is_empty() {
            return;
        }
        let style = &self.t.styles.running;
        let fill = &self.placeholders.fill;
        let mut st = style.clone();
        st.color = Some(style.color.unwrap_or(self.t.colors.muted));
        let mut slots = Vec::new();
        let mut tags = Vec::new();
        // Mirrored in a right-to-left document: what is on the left in
        // English is on the right.
        let (left, right) = if self.rtl {
            (Align::Right, Align::Left)
        } else {
            (Align::Left, Align::Right)
        };
        for (pattern, align) in [
            (&band.left, left),
            (&band.center, Align::Center),
            (&band.right, right),
        ] {
            // The disclaimer repeated in the foot of every page is page
            // furniture, except on the last page, where it is read once as
            // the release's last paragraph.
            let tag = if n.local == n.count && pattern.contains("{disclaimer}") {
                self.content(Role::P)
            } else {
                Tag::Artifact(artifact)
            };
            let text = fill.fill(pattern, n.number, n.total);
            if text.is_empty() {
                continue;
            }
            let width = self.band_width(ctx, &text, &st);
            let shortenable = slots::Slot::may_shorten(pattern);
            slots.push(slots::Slot {
                text,
                align,
                width,
                shortenable,
            });
            tags.push((align, tag));
        }
        self.fit_slots(ctx, &mut slots, &st);
        for slot in slots {
            let Some(&(_, tag)) = tags.iter().find(|(a, _)| *a == slot.align) else {
                continue;
            };
            st.align = slot.align;
            let mut text = StyledText::plain(&slot.text, st.bold, st.italic, st.case);
            text.mirror = Some(false);
            let lines = self.lines(
                ctx,
                text,
                &st,
                Measure {
                    x: self.left,
                    width: self.width,
                    first_indent: 0.0,
                },
                "running head",
                tag,
            );
            Self::stack(items, &lines[..lines.len().min(1)], top);
        }
    }
}

fn baseline_of(line: &LineBox) -> f32 {
    line.items
        .iter()
        .find_map(|i| match i {
            Item::Text(r) => Some(r.y),
            _ => None,
        })
        .unwrap_or(line.height * 0.8)
}
