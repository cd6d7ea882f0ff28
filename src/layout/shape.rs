//! Shaping with rustybuzz (kerning and ligatures come from GSUB/GPOS), with
//! shape plans cached per face and script, and shaped words cached per face:
//! the same words recur constantly, so most words are shaped once per
//! process.
//!
//! Two cache levels: a thread-local one, borrowed once per paragraph through
//! [`with_shaper`] (one hash lookup per word, no locking, no reference
//! counting on a hit), backed by a process-wide one behind a read-write lock
//! that threads consult only on a local miss, so a word is shaped once even
//! when documents are spread over rayon threads. Shaping is a pure function
//! of face and text, so what is cached never depends on the order documents
//! are rendered in.

use std::cell::RefCell;
use std::sync::{Arc, LazyLock, RwLock};

use rustc_hash::FxHashMap;
use rustybuzz::{BufferFlags, Direction, Script, ShapePlan, UnicodeBuffer};

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
    /// Byte range in the shaped text this glyph stands for: the whole
    /// cluster for its first glyph, `(0, 0)` for the others.
    pub text: (u32, u32),
}

/// A shaped piece of text in font units.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shaped {
    /// Glyphs in visual order.
    pub glyphs: Vec<ShapedGlyph>,
    /// Sum of the advances.
    pub width: i32,
}

/// Words cached per thread (and per process) before the cache is emptied.
const WORD_CACHE_LIMIT: usize = 200_000;

type WordMap = FxHashMap<Box<str>, Arc<Shaped>>;

/// The thread-local cache: words per face (word → index into `store`) and
/// shape plans.
#[derive(Default)]
pub struct Shaper {
    plans: Vec<(FontId, Script, Direction, Arc<ShapePlan>)>,
    words: Vec<FxHashMap<Box<str>, u32>>,
    store: Vec<Arc<Shaped>>,
}

#[derive(Default)]
struct Shared {
    words: Vec<WordMap>,
    cached: usize,
}

static SHARED: LazyLock<RwLock<Shared>> = LazyLock::new(|| RwLock::new(Shared::default()));

thread_local! {
    static SHAPER: RefCell<Shaper> = RefCell::new(Shaper::default());
}

/// Runs `f` with this thread's shaper (borrow it once per paragraph, not
/// once per word).
pub fn with_shaper<R>(f: impl FnOnce(&mut Shaper) -> R) -> R {
    SHAPER.with(|s| f(&mut s.borrow_mut()))
}

/// Shapes `text` in face `face` (cached; see [`Shaper::shape`]).
pub fn shape(face: FontId, text: &str) -> Arc<Shaped> {
    with_shaper(|s| {
        let i = s.index(face, text);
        s.store[i].clone()
    })
}

impl Shaper {
    /// Shapes `text` in face `face`: one hash lookup when cached.
    pub fn shape(&mut self, face: FontId, text: &str) -> &Shaped {
        let i = self.index(face, text);
        &self.store[i]
    }

    fn index(&mut self, face: FontId, text: &str) -> usize {
        let slot = face.0 as usize;
        if let Some(&i) = self.words.get(slot).and_then(|m| m.get(text)) {
            return i as usize;
        }
        let shaped = self.shape_shared(face, text);
        if self.store.len() >= WORD_CACHE_LIMIT {
            self.words.iter_mut().for_each(|m| m.clear());
            self.store.clear();
        }
        if self.words.len() <= slot {
            self.words.resize_with(slot + 1, FxHashMap::default);
        }
        let i = self.store.len();
        self.store.push(shaped);
        self.words[slot].insert(text.into(), i as u32);
        i
    }

    fn shape_shared(&mut self, face: FontId, text: &str) -> Arc<Shaped> {
        let slot = face.0 as usize;
        {
            let shared = SHARED.read().unwrap_or_else(|e| e.into_inner());
            if let Some(hit) = shared.words.get(slot).and_then(|m| m.get(text)) {
                return hit.clone();
            }
        }
        let shaped = Arc::new(self.shape_uncached(face, text));
        let mut shared = SHARED.write().unwrap_or_else(|e| e.into_inner());
        if shared.cached >= WORD_CACHE_LIMIT {
            shared.words.iter_mut().for_each(|m| m.clear());
            shared.cached = 0;
        }
        if shared.words.len() <= slot {
            shared.words.resize_with(slot + 1, WordMap::default);
        }
        shared.words[slot].insert(text.into(), shaped.clone());
        shared.cached += 1;
        shaped
    }

    fn shape_uncached(&mut self, face: FontId, text: &str) -> Shaped {
        let f = font(face);
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        // Default ignorables (U+FE0F, U+200B, …) take part in shaping (ZWJ
        // and ZWNJ still join and break Arabic and emoji sequences) and are
        // then removed, so none draws a stray glyph; their text stays with
        // the cluster before them.
        buffer.set_flags(BufferFlags::REMOVE_DEFAULT_IGNORABLES);
        let script = buffer.script();
        let direction = buffer.direction();
        let plan = match self
            .plans
            .iter()
            .find(|(id, s, d, _)| *id == face && *s == script && *d == direction)
        {
            Some((_, _, _, plan)) => plan.clone(),
            None => {
                let plan = Arc::new(ShapePlan::new(&f.face, direction, Some(script), None, &[]));
                self.plans.push((face, script, direction, plan.clone()));
                plan
            }
        };
        let out = rustybuzz::shape_with_plan(&f.face, &plan, buffer);
        let mut width = 0;
        let mut glyphs: Vec<ShapedGlyph> = out
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
                    text: (0, 0),
                }
            })
            .collect();
        // The first glyph of each cluster stands for the cluster's text: up
        // to the next cluster start, or the end when clusters run backwards.
        for i in 0..glyphs.len() {
            let g = glyphs[i];
            if i > 0 && glyphs[i - 1].cluster == g.cluster {
                continue;
            }
            let next = glyphs[i + 1..]
                .iter()
                .map(|n| n.cluster)
                .find(|c| *c != g.cluster);
            let end = match next {
                Some(c) if c > g.cluster => c,
                _ => text.len() as u32,
            };
            glyphs[i].text = (g.cluster, end);
        }
        Shaped { glyphs, width }
    }
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
        assert!(Arc::ptr_eq(&fi, &shape(serif, "fi")), "cached");
    }

    #[test]
    fn default_ignorables_draw_nothing() {
        let book = FontBook::new(&Template::default()).unwrap();
        let serif = book.select(FontRole::Body, false, false);
        let plain = shape(serif, "ab");
        for text in ["a\u{FE0F}b", "a\u{200B}b", "a\u{FE0E}b", "a\u{2060}b"] {
            let s = shape(serif, text);
            assert_eq!(s.glyphs.len(), 2, "{text:?}");
            assert_eq!(s.width, plain.width, "{text:?}");
            assert_eq!(s.glyphs[0].text, (0, (text.len() - 1) as u32), "{text:?}");
        }
    }
}
