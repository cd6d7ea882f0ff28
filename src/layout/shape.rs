//! Shaping with rustybuzz (kerning and ligatures come from GSUB/GPOS), with
//! shape plans cached per face and script, and shaped words cached per face:
//! the same words recur constantly, so most words are shaped once per thread.

use std::cell::RefCell;
use std::rc::Rc;

use rustc_hash::FxHashMap;
use rustybuzz::{Direction, Script, ShapePlan, UnicodeBuffer};

use super::fonts::{FontId, font};

/// A shaped glyph in font units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShapedGlyph {
    /// Glyph id.
    pub id: u16,
    /// Advance.
    pub advance: i32,
    /// Horizontal offset.
    pub dx: i32,
    /// Vertical offset.
    pub dy: i32,
    /// Byte offset in the shaped text of the cluster this glyph belongs to.
    pub cluster: u32,
}

/// A shaped piece of text in font units.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shaped {
    /// Glyphs in visual order.
    pub glyphs: Vec<ShapedGlyph>,
    /// Sum of the advances.
    pub width: i32,
}

/// Words cached per thread before the cache is dropped and refilled.
const WORD_CACHE_LIMIT: usize = 200_000;

#[derive(Default)]
struct Caches {
    plans: Vec<(FontId, Script, Direction, Rc<ShapePlan>)>,
    words: Vec<FxHashMap<Box<str>, Rc<Shaped>>>,
    cached: usize,
}

thread_local! {
    static CACHES: RefCell<Caches> = RefCell::new(Caches::default());
}

/// Shapes `text` in face `face` (cached per thread).
pub fn shape(face: FontId, text: &str) -> Rc<Shaped> {
    CACHES.with(|caches| {
        let mut caches = caches.borrow_mut();
        let slot = face.0 as usize;
        if let Some(hit) = caches.words.get(slot).and_then(|m| m.get(text)) {
            return hit.clone();
        }
        let shaped = Rc::new(shape_uncached(&mut caches, face, text));
        if caches.cached >= WORD_CACHE_LIMIT {
            caches.words.iter_mut().for_each(|m| m.clear());
            caches.cached = 0;
        }
        if caches.words.len() <= slot {
            caches.words.resize_with(slot + 1, FxHashMap::default);
        }
        caches.words[slot].insert(text.into(), shaped.clone());
        caches.cached += 1;
        shaped
    })
}

fn shape_uncached(caches: &mut Caches, face: FontId, text: &str) -> Shaped {
    let f = font(face);
    let mut buffer = UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.guess_segment_properties();
    let script = buffer.script();
    let direction = buffer.direction();
    let plan = match caches
        .plans
        .iter()
        .find(|(id, s, d, _)| *id == face && *s == script && *d == direction)
    {
        Some((_, _, _, plan)) => plan.clone(),
        None => {
            let plan = Rc::new(ShapePlan::new(&f.face, direction, Some(script), None, &[]));
            caches.plans.push((face, script, direction, plan.clone()));
            plan
        }
    };
    let out = rustybuzz::shape_with_plan(&f.face, &plan, buffer);
    let mut width = 0;
    let glyphs = out
        .glyph_infos()
        .iter()
        .zip(out.glyph_positions())
        .map(|(info, pos)| {
            width += pos.x_advance;
            ShapedGlyph {
                id: info.glyph_id as u16,
                advance: pos.x_advance,
                dx: pos.x_offset,
                dy: pos.y_offset,
                cluster: info.cluster,
            }
        })
        .collect();
    Shaped { glyphs, width }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::fonts::FontBook;
    use crate::template::{FontRole, Template};

    #[test]
    fn kerning_and_ligatures_come_from_the_font() {
        let book = FontBook::new(&Template::default()).unwrap();
        let serif = book.select(FontRole::Body, false, false);
        let av = shape(serif, "AV");
        let a = shape(serif, "A");
        let v = shape(serif, "V");
        assert!(av.width < a.width + v.width, "GPOS kerning applies");
        let fi = shape(serif, "fi");
        assert_eq!(fi.glyphs.len(), 1, "fi ligature");
        assert!(Rc::ptr_eq(&fi, &shape(serif, "fi")), "cached");
    }
}
