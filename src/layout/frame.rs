//! Frames: the only contract between layout and the exporters. A page is a
//! size and a list of positioned items; coordinates are in points with the
//! origin at the top-left corner and y growing downwards.

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
    /// Language tag ("en").
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
}
