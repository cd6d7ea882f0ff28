//! Booklet imposition: the pack's pages two-up on sheets twice as wide, in
//! the order [`super::plan::booklet_sides`] gives, so that the printed
//! sheets, stacked, folded and stapled, read in order.

use super::plan::booklet_sides;
use crate::layout::frame::{Item, Layout, OutlineEntry, Page};

/// Imposes `layout` for saddle stitching. Links and bookmarks follow their
/// pages onto the sheet sides.
pub fn impose(layout: &Layout) -> Layout {
    let sides = booklet_sides(layout.pages.len());
    let (width, height) = layout
        .pages
        .first()
        .map_or((595.0, 842.0), |p| (p.width, p.height));
    let mut side_of = vec![0; layout.pages.len()];
    let mut pages = Vec::with_capacity(sides.len());
    for (s, side) in sides.iter().enumerate() {
        let mut items = Vec::new();
        for (half, number) in side.iter().enumerate() {
            let Some(page) = number.and_then(|n| layout.pages.get(n - 1)) else {
                continue;
            };
            if let Some(n) = number {
                side_of[n - 1] = s;
            }
            let dx = half as f32 * width;
            items.extend(page.items.iter().map(|i| i.translated(dx, 0.0)));
        }
        pages.push(Page {
            width: 2.0 * width,
            height,
            items,
        });
    }
    for page in &mut pages {
        for item in &mut page.items {
            if let Item::Link(link) = item {
                link.page = link.page.and_then(|p| side_of.get(p).copied());
            }
        }
    }
    let outline = layout
        .outline
        .iter()
        .filter_map(|e| {
            Some(OutlineEntry {
                page: *side_of.get(e.page)?,
                ..e.clone()
            })
        })
        .collect();
    Layout {
        pages,
        outline,
        info: layout.info.clone(),
        diagnostics: Vec::new(),
        structure: layout.structure.clone(),
    }
}
