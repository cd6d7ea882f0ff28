//! Frames: the only contract between layout and the exporters. A page is a
//! size and a list of positioned items; coordinates are in points with the
//! origin at the top-left corner and y growing downwards.
//!
//! Every item says what it belongs to ([`Tag`]): content of an element of
//! the document's logical structure ([`StructTree`]: headline, paragraph,
//! list item, table cell, link, figure, …) or an artifact (running heads and
//! feet, page numbers, "- more -", rules). Exporters match on both
//! exhaustively: the PDF writer turns them into marked content and a
//! structure tree, so a new item or element kind does not compile until
//! every exporter has decided what to do with it.

use super::fonts::FontId;
use crate::template::{Color, Image};

/// A laid-out page.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// Width in points.
    pub width: f32,
    /// Height in points.
    pub height: f32,
    /// What is painted, in painting order.
    pub items: Vec<Item>,
}

/// Slack allowed before two text boxes count as intersecting, in points:
/// runs that touch (one word after another, lines set solid) do not.
pub const OVERLAP_TOLERANCE: f32 = 0.5;

/// The ink box of a text run: (left, top, right, bottom), from its first to
/// its last visible glyph, ascent 0.8 and descent 0.2 of its size.
fn text_box(run: &TextRun) -> Option<(f32, f32, f32, f32)> {
    let mut pen = run.x;
    let (mut left, mut right) = (f32::INFINITY, f32::NEG_INFINITY);
    for glyph in &run.glyphs {
        let visible = !run.glyph_text(glyph).chars().all(char::is_whitespace);
        if visible && glyph.advance > 0.0 {
            left = left.min(pen);
            right = right.max(pen + glyph.advance);
        }
        pen += glyph.advance;
    }
    (left < right).then_some((left, run.y - 0.8 * run.size, right, run.y + 0.2 * run.size))
}

impl Page {
    /// The first pair of text runs (indices into [`Page::items`]) whose
    /// boxes intersect by more than [`OVERLAP_TOLERANCE`] either way: text
    /// printed over text. `None` when nothing overprints.
    pub fn overlapping_text(&self) -> Option<(usize, usize)> {
        let mut boxes: Vec<(usize, (f32, f32, f32, f32))> = self
            .items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| match item {
                Item::Text(run) => text_box(run).map(|b| (i, b)),
                _ => None,
            })
            .collect();
        boxes.sort_by(|a, b| a.1.1.total_cmp(&b.1.1));
        let t = OVERLAP_TOLERANCE;
        for (k, &(i, a)) in boxes.iter().enumerate() {
            for &(j, b) in &boxes[k + 1..] {
                if b.1 >= a.3 - t {
                    break;
                }
                if b.0 < a.2 - t && a.0 < b.2 - t {
                    return Some((i.min(j), i.max(j)));
                }
            }
        }
        None
    }
}

/// Something painted on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A run of glyphs in one face and size.
    Text(TextRun),
    /// A straight line.
    Rule(Rule),
    /// A clickable area pointing at a URL.
    Link(Link),
    /// A raster image (the letterhead logo).
    Image(ImageBox),
}

impl Item {
    /// What the item belongs to.
    pub fn tag(&self) -> Tag {
        match self {
            Item::Text(run) => run.tag,
            Item::Rule(rule) => rule.tag,
            Item::Link(link) => link.tag,
            Item::Image(image) => image.tag,
        }
    }

    /// Sets what the item belongs to.
    pub fn set_tag(&mut self, tag: Tag) {
        match self {
            Item::Text(run) => run.tag = tag,
            Item::Rule(rule) => rule.tag = tag,
            Item::Link(link) => link.tag = tag,
            Item::Image(image) => image.tag = tag,
        }
    }

    /// Shifts the item's element id by `offset` (after [`StructTree::append`]).
    pub fn renumber(&mut self, offset: u32) {
        if let Tag::Content(NodeId(n)) = self.tag() {
            self.set_tag(Tag::Content(NodeId(n + offset)));
        }
    }

    /// Moves the item by `dx` points right and `dy` points down.
    pub fn translate(&mut self, dx: f32, dy: f32) {
        match self {
            Item::Text(run) => {
                run.x += dx;
                run.y += dy;
            }
            Item::Rule(rule) => {
                rule.from.0 += dx;
                rule.from.1 += dy;
                rule.to.0 += dx;
                rule.to.1 += dy;
            }
            Item::Link(link) => {
                link.rect.0 += dx;
                link.rect.1 += dy;
                link.rect.2 += dx;
                link.rect.3 += dy;
            }
            Item::Image(image) => {
                image.x += dx;
                image.y += dy;
            }
        }
    }

    /// A copy of the item moved by `dx` points right and `dy` points down.
    pub fn translated(&self, dx: f32, dy: f32) -> Item {
        let mut item = self.clone();
        item.translate(dx, dy);
        item
    }
}

/// A run of shaped glyphs set on one baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    /// Face.
    pub font: FontId,
    /// Size in points.
    pub size: f32,
    /// Fill colour.
    pub color: Color,
    /// Left end of the baseline.
    pub x: f32,
    /// Baseline position (from the top of the page).
    pub y: f32,
    /// The glyphs, left to right.
    pub glyphs: Vec<Glyph>,
    /// The characters the glyphs stand for; each glyph names its slice.
    /// A hyphen added by line breaking stands for U+00AD.
    pub text: String,
    /// What the run belongs to.
    pub tag: Tag,
    /// The paragraph-local link the run is the text of (see [`Link::local`]).
    pub link: Option<u16>,
    /// Right to left: the glyphs (left to right) draw the text backwards,
    /// the text is in logical order (writers give readers the text).
    pub rtl: bool,
}

impl TextRun {
    /// Width of the run (sum of the advances).
    pub fn width(&self) -> f32 {
        self.glyphs.iter().map(|g| g.advance).sum()
    }

    /// The characters one glyph stands for (empty for the second and later
    /// glyphs of a cluster).
    pub fn glyph_text(&self, glyph: &Glyph) -> &str {
        self.text
            .get(glyph.text.0 as usize..glyph.text.1 as usize)
            .unwrap_or("")
    }
}

/// A positioned glyph.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    /// Glyph id in the font (not remapped).
    pub id: u16,
    /// How far the pen moves after the glyph, in points (kerning and
    /// justification included).
    pub advance: f32,
    /// Horizontal offset of the glyph from the pen, in points.
    pub dx: f32,
    /// Vertical offset (upwards) from the baseline, in points.
    pub dy: f32,
    /// Byte range in [`TextRun::text`] this glyph stands for.
    pub text: (u32, u32),
}

/// A straight line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    /// Start.
    pub from: (f32, f32),
    /// End.
    pub to: (f32, f32),
    /// Stroke width.
    pub width: f32,
    /// Stroke colour.
    pub color: Color,
    /// What the rule belongs to (rules are decoration: an artifact).
    pub tag: Tag,
}

/// An image scaled into a box. Exporters embed each distinct image once
/// per file however often it is drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct ImageBox {
    /// Left edge.
    pub x: f32,
    /// Top edge (from the top of the page).
    pub y: f32,
    /// Width in points.
    pub width: f32,
    /// Height in points.
    pub height: f32,
    /// The image (shared, cheap to clone).
    pub image: Image,
    /// A figure element with alternate text, or an artifact when decorative.
    pub tag: Tag,
}

/// A link area: `rect` is (left, top, right, bottom).
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// (left, top, right, bottom) in page coordinates.
    pub rect: (f32, f32, f32, f32),
    /// Target URL (ignored when `page` is set).
    pub url: String,
    /// Internal target: the index of a page of the same layout (the top
    /// of that page). A handout's contents link to the releases this way.
    pub page: Option<usize>,
    /// Alternate description of the link (its text), for assistive technology.
    pub alt: String,
    /// The link element the annotation belongs to.
    pub tag: Tag,
    /// Paragraph-local link number shared with the runs of its text, until
    /// layout gives the link its own structure element.
    pub local: Option<u16>,
}

/// What a painted item belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tag {
    /// Content of a structure element.
    Content(NodeId),
    /// Not part of the document's content.
    Artifact(Artifact),
}

/// Kinds of artifact (PDF 32000-1, 14.8.2.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Artifact {
    /// Running head (pagination, top).
    Header,
    /// Running foot and page number (pagination, bottom).
    Footer,
    /// Other pagination marks ("- more -").
    Pagination,
    /// Rules, decorative images and other layout decoration.
    Layout,
}

/// Index of an element in a [`StructTree`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(pub u32);

impl NodeId {
    /// The index into [`StructTree::nodes`].
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// Standard structure types (PDF 32000-1, 14.8.4) the layout produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// One release inside a pack.
    Part,
    /// A section: the letterhead block, a handout's cover.
    Sect,
    /// Heading of level 1–6 (the headline is level 1).
    Heading(u8),
    /// Paragraph.
    P,
    /// List; `numbered` lists are announced with decimal numbering.
    List {
        /// Ordered (numbered) list.
        numbered: bool,
    },
    /// List item.
    ListItem,
    /// List item label (the bullet or number).
    Label,
    /// List item body.
    ListBody,
    /// Table.
    Table,
    /// Table row.
    TableRow,
    /// Header cell (scope: its column).
    TableHeader,
    /// Data cell.
    TableData,
    /// Block quotation.
    BlockQuote,
    /// Hyperlink: its text and its annotations.
    Link,
    /// Figure (the letterhead logo), with alternate text.
    Figure,
    /// Table of contents.
    Toc,
    /// Table of contents item.
    TocItem,
}

/// One structure element.
#[derive(Debug, Clone, PartialEq)]
pub struct StructNode {
    /// Its type.
    pub role: Role,
    /// The enclosing element; `None` for children of the document root.
    pub parent: Option<NodeId>,
    /// Alternate text (figures).
    pub alt: Option<String>,
    /// Language, when it differs from the document's (a pack's releases).
    pub lang: Option<String>,
    /// Columns a table cell spans (1 for most; the last cell of a short row
    /// spans the columns the row lacks).
    pub col_span: u32,
}

/// The logical structure of a layout: elements in reading order (an
/// element is created before its children and after the elements it
/// follows). The document root is implicit: its children are the elements
/// without a parent.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StructTree {
    /// The elements, indexed by [`NodeId`].
    pub nodes: Vec<StructNode>,
}

impl StructTree {
    /// Adds an element and returns its id.
    pub fn push(&mut self, role: Role, parent: Option<NodeId>) -> NodeId {
        let id = NodeId(self.nodes.len() as u32);
        self.nodes.push(StructNode {
            role,
            parent,
            alt: None,
            lang: None,
            col_span: 1,
        });
        id
    }

    /// The element `id`.
    pub fn get(&self, id: NodeId) -> Option<&StructNode> {
        self.nodes.get(id.index())
    }

    /// Appends `other`'s elements, its roots under `parent`; returns the
    /// offset to add to `other`'s ids (see [`Item::renumber`]).
    pub fn append(&mut self, other: &StructTree, parent: Option<NodeId>) -> u32 {
        let offset = self.nodes.len() as u32;
        self.nodes.extend(other.nodes.iter().map(|n| StructNode {
            parent: n.parent.map(|p| NodeId(p.0 + offset)).or(parent),
            ..n.clone()
        }));
        offset
    }
}

/// An entry of the document outline (bookmarks).
#[derive(Debug, Clone, PartialEq)]
pub struct OutlineEntry {
    /// Title shown in the viewer.
    pub title: String,
    /// 0 for the headline, 1–3 for headings.
    pub level: u8,
    /// Index of the page the entry points at.
    pub page: usize,
    /// Top of the target, from the top of the page.
    pub y: f32,
}

/// Document information the exporters write as metadata.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocInfo {
    /// Title (the headline).
    pub title: Option<String>,
    /// Author (the issuer).
    pub author: Option<String>,
    /// Subject.
    pub subject: Option<String>,
    /// Keywords (the document symbols).
    pub keywords: Option<String>,
    /// Language tag with region where known ("en-GB").
    pub language: String,
}

/// The laid-out document: pages, outline, metadata and what layout noticed.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    /// The pages in order.
    pub pages: Vec<Page>,
    /// Outline entries in page order.
    pub outline: Vec<OutlineEntry>,
    /// Metadata.
    pub info: DocInfo,
    /// Warnings: missing glyphs, words broken by force.
    pub diagnostics: Vec<crate::error::Diagnostic>,
    /// The logical structure the pages' items belong to.
    pub structure: StructTree,
}
