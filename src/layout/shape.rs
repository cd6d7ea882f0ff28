//! Shaping with harfrust, the HarfBuzz project's port (kerning and ligatures come from GSUB/GPOS), with
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

use harfrust::{Buffer, BufferFlags, Direction, Script, ShapeOptions, ShapePlan, ShaperFont};
use hashbrown::HashMap;
use rustc_hash::FxBuildHasher;

use super::fonts::{FontId, font};
use super::word_key::{Word, WordKey};

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

/// A shaped piece of text in font units. Cloning it shares the glyphs.
///
/// The glyphs are one allocation the cache entry points at directly, so a
/// cached word costs one hash probe and one read of its glyphs (a `Vec`
/// behind an `Arc` cost two more dependent reads, and on a batch's large
/// word caches each was a cache miss).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shaped {
    /// Glyphs in visual order.
    pub glyphs: Arc<[ShapedGlyph]>,
    /// Sum of the advances.
    pub width: i32,
}

/// A word's glyphs as the caches keep them, in the smallest form that says
/// the same (their width, the sum of the advances, is not kept: only
/// [`Glyphs::expanded`] needs it).
///
/// A batch's caches hold tens of thousands of words, read again for every
/// word laid out, and mostly not in the processor's caches: the fewer
/// bytes a word's glyphs take, the fewer cache lines each read misses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Glyphs {
    /// Glyph `i` stands for byte `i` of an ASCII text, with no offset: its
    /// id and advance are all there is to keep (8 bytes a glyph instead of
    /// 28). Most words of Latin text: no ligature, kerning in the advances.
    Simple(Arc<[(u16, i32)]>),
    /// Any other word, glyph by glyph.
    General(Arc<[ShapedGlyph]>),
}

impl Glyphs {
    /// `shaped`, the glyphs of `text`, in its smallest form.
    fn new(shaped: Shaped, text: &str) -> Glyphs {
        let simple = text.is_ascii()
            && shaped.glyphs.len() == text.len()
            && shaped
                .glyphs
                .iter()
                .zip(0u32..)
                .all(|(g, i)| g.cluster == i && g.text == (i, i + 1) && g.dx == 0 && g.dy == 0);
        if simple {
            Glyphs::Simple(shaped.glyphs.iter().map(|g| (g.id, g.advance)).collect())
        } else {
            Glyphs::General(shaped.glyphs)
        }
    }

    /// The word glyph by glyph, with its width.
    pub fn expanded(&self) -> Shaped {
        let glyphs: Arc<[ShapedGlyph]> = match self {
            Glyphs::Simple(glyphs) => glyphs
                .iter()
                .zip(0u32..)
                .map(|(&(id, advance), i)| ShapedGlyph {
                    id,
                    advance,
                    dx: 0,
                    dy: 0,
                    cluster: i,
                    text: (i, i + 1),
                })
                .collect(),
            Glyphs::General(glyphs) => Arc::clone(glyphs),
        };
        let width = glyphs.iter().map(|g| g.advance).sum();
        Shaped { glyphs, width }
    }
}

/// Words cached per thread (and per process) before the cache is emptied.
const WORD_CACHE_LIMIT: usize = 200_000;

/// Shape plans by face, script and direction.
type Plans = Vec<(FontId, Option<Script>, Direction, Arc<ShapePlan>)>;

/// Shaped words by text, for one face and direction (process-wide).
type WordMap = HashMap<Box<str>, Glyphs, FxBuildHasher>;

/// Shaped words by text, for one face and direction (a thread's, looked up
/// for every word: short words are kept in the key).
type LocalWords = HashMap<WordKey, Glyphs, FxBuildHasher>;

/// The thread-local cache: shaped words per face and direction, and shape
/// plans.
#[derive(Default)]
pub struct Shaper {
    plans: Plans,
    words: Vec<LocalWords>,
    /// Words in `words`, all faces together.
    cached: usize,
    /// The shaping buffer, reset and reused for every word shaped.
    buffer: Buffer,
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

/// Shapes `text` in face `face` (cached; see [`Shaper::shape_directed`]).
pub fn shape(face: FontId, text: &str) -> Shaped {
    with_shaper(|s| s.shape_directed(face, text, None).expanded())
}

impl Shaper {
    /// Shapes `text` in face `face` right to left (`Some(true)`), left to
    /// right (`Some(false)`) or in the direction its script suggests
    /// (`None`): a bidi level run is shaped in its level's direction
    /// (Arabic-Indic digits left to right, a lone bracket in Arabic text
    /// mirrored). Glyphs come in visual order.
    pub fn shape_directed(&mut self, face: FontId, text: &str, rtl: Option<bool>) -> &Glyphs {
        let slot = face.0 as usize * 3 + rtl.map_or(0, |r| 1 + r as usize);
        if self.cached >= WORD_CACHE_LIMIT {
            self.words.iter_mut().for_each(|m| m.clear());
            self.cached = 0;
        }
        if self.words.len() <= slot {
            self.words.resize_with(slot + 1, LocalWords::default);
        }
        let Shaper {
            words,
            cached,
            plans,
            buffer,
        } = self;
        words[slot].entry_ref(&Word(text)).or_insert_with(|| {
            *cached += 1;
            shape_shared(plans, buffer, face, text, slot, rtl)
        })
    }
}

/// A word from the process-wide cache, shaped and added on a miss.
fn shape_shared(
    plans: &mut Plans,
    buffer: &mut Buffer,
    face: FontId,
    text: &str,
    slot: usize,
    rtl: Option<bool>,
) -> Glyphs {
    {
        let shared = SHARED.read().unwrap_or_else(|e| e.into_inner());
        if let Some(hit) = shared.words.get(slot).and_then(|m| m.get(text)) {
            return hit.clone();
        }
    }
    let shaped = Glyphs::new(shape_uncached(plans, buffer, face, text, rtl), text);
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

/// Shapes a word with harfrust (a plan per face, script and direction,
/// made once per thread).
fn shape_uncached(
    plans: &mut Plans,
    buffer: &mut Buffer,
    face: FontId,
    text: &str,
    rtl: Option<bool>,
) -> Shaped {
    let f = font(face);
    buffer.reset();
    buffer.push_str(text);
    buffer.guess_segment_properties();
    match rtl {
        Some(true) => buffer.set_direction(Direction::RightToLeft),
        Some(false) => buffer.set_direction(Direction::LeftToRight),
        None => {}
    }
    // Default ignorables (U+FE0F, U+200B, …) take part in shaping (ZWJ
    // and ZWNJ still join and break Arabic and emoji sequences) and are
    // then removed, so none draws a stray glyph; their text stays with
    // the cluster before them.
    buffer.set_flags(BufferFlags::REMOVE_DEFAULT_IGNORABLES);
    let script = buffer.script();
    let direction = buffer.direction();
    let plan = match plans
        .iter()
        .find(|(id, s, d, _)| *id == face && *s == script && *d == direction)
    {
        Some((_, _, _, plan)) => plan.clone(),
        None => {
            let plan = Arc::new(ShapePlan::new(&f.shaping, direction, script, None, &[]));
            plans.push((face, script, direction, plan.clone()));
            plan
        }
    };
    let shaper = ShaperFont::new(&f.shaping);
    let options = ShapeOptions::new().plan(Some(&plan));
    // Collected straight into the shared slice: one allocation per word.
    let mut glyphs: Arc<[ShapedGlyph]> = match harfrust::shape(&shaper, buffer, options) {
        Ok(()) => buffer
            .glyph_infos()
            .iter()
            .zip(buffer.glyph_positions())
            .map(|(info, pos)| ShapedGlyph {
                id: u16::try_from(info.glyph_id).unwrap_or(0),
                advance: pos.x_advance,
                dx: pos.x_offset,
                dy: pos.y_offset,
                cluster: info.cluster,
                text: (0, 0),
            })
            .collect(),
        // A face the shaper refuses (malformed tables) is set glyph by
        // glyph from its cmap, so no text is lost.
        Err(_) => unshaped(face, text).into(),
    };
    let width = glyphs.iter().map(|g| g.advance).sum();
    if let Some(unshared) = Arc::get_mut(&mut glyphs) {
        set_cluster_texts(unshared, text.len() as u32);
    }
    Shaped { glyphs, width }
}

/// One glyph per character, from the cmap, with its advance.
fn unshaped(face: FontId, text: &str) -> Vec<ShapedGlyph> {
    let f = font(face);
    text.char_indices()
        .map(|(at, c)| {
            let id = f.glyph(c).unwrap_or(0);
            ShapedGlyph {
                id,
                advance: f.advance(id) as i32,
                dx: 0,
                dy: 0,
                cluster: at as u32,
                text: (0, 0),
            }
        })
        .collect()
}

/// Gives the first glyph of each cluster the cluster's text: from its start
/// to the next larger cluster start (so right-to-left runs, whose clusters
/// descend in visual order, get their own characters), or the end.
fn set_cluster_texts(glyphs: &mut [ShapedGlyph], len: u32) {
    if glyphs.is_sorted_by_key(|g| g.cluster) {
        set_ascending_cluster_texts(glyphs, len);
    } else {
        set_any_cluster_texts(glyphs, len);
    }
}

/// [`set_cluster_texts`] for clusters in any order.
fn set_any_cluster_texts(glyphs: &mut [ShapedGlyph], len: u32) {
    let mut starts: Vec<u32> = glyphs.iter().map(|g| g.cluster).collect();
    starts.sort_unstable();
    starts.dedup();
    for i in 0..glyphs.len() {
        let g = glyphs[i];
        if i > 0 && glyphs[i - 1].cluster == g.cluster {
            continue;
        }
        let end = match starts.binary_search(&g.cluster) {
            Ok(k) => starts.get(k + 1).copied().unwrap_or(len),
            Err(_) => len,
        };
        glyphs[i].text = (g.cluster, end);
    }
}

/// [`set_cluster_texts`] for glyphs whose clusters never descend (every
/// left-to-right word): a cluster's text ends where the next one starts,
/// found without sorting.
fn set_ascending_cluster_texts(glyphs: &mut [ShapedGlyph], len: u32) {
    let mut i = 0;
    while i < glyphs.len() {
        let cluster = glyphs[i].cluster;
        let mut next = i + 1;
        while glyphs.get(next).is_some_and(|g| g.cluster == cluster) {
            next += 1;
        }
        let end = glyphs.get(next).map_or(len, |g| g.cluster);
        glyphs[i].text = (cluster, end);
        i = next;
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
        assert!(
            Arc::ptr_eq(&fi.glyphs, &shape(serif, "fi").glyphs),
            "cached"
        );
    }

    #[test]
    fn right_to_left_clusters_keep_their_own_text() {
        let book = FontBook::new(&Template::default()).unwrap();
        let serif = book.select(FontRole::Body, false, false);
        let arabic = book.face_for(serif, '\u{0628}').expect("an Arabic face");
        let text = "\u{0628}\u{062A}\u{062B}";
        let s = shape(arabic, text);
        assert_eq!(s.glyphs.len(), 3);
        assert!(s.glyphs.iter().all(|g| g.id != 0));
        let clusters: Vec<u32> = s.glyphs.iter().map(|g| g.cluster).collect();
        assert_eq!(clusters, [4, 2, 0], "visual order");
        let texts: Vec<(u32, u32)> = s.glyphs.iter().map(|g| g.text).collect();
        assert_eq!(texts, [(4, 6), (2, 4), (0, 2)]);
    }

    #[test]
    fn ascending_clusters_get_the_texts_the_general_rule_gives() {
        let glyph = |cluster| ShapedGlyph {
            id: 1,
            advance: 500,
            dx: 0,
            dy: 0,
            cluster,
            text: (0, 0),
        };
        let cases: [&[u32]; 5] = [&[], &[0], &[0, 1, 2], &[0, 0, 3, 4, 4, 4, 9], &[2, 2]];
        for clusters in cases {
            let mut fast: Vec<ShapedGlyph> = clusters.iter().map(|&c| glyph(c)).collect();
            let mut general = fast.clone();
            set_ascending_cluster_texts(&mut fast, 12);
            set_any_cluster_texts(&mut general, 12);
            let texts = |gs: &[ShapedGlyph]| gs.iter().map(|g| g.text).collect::<Vec<_>>();
            assert_eq!(texts(&fast), texts(&general), "{clusters:?}");
        }
    }

    #[test]
    fn cached_words_expand_to_the_glyphs_they_were_shaped_into() {
        let book = FontBook::new(&Template::default()).unwrap();
        let serif = book.select(FontRole::Body, false, false);
        let bold = book.select(FontRole::Heading, true, false);
        let arabic = book.face_for(serif, '\u{0628}').expect("an Arabic face");
        let chinese = book.face_for(serif, '\u{4E2D}').expect("a Chinese face");
        let cases = [
            (serif, "Washington,", true),
            (bold, "AVATAR", true),
            (serif, "office", false),
            (serif, "naïve", false),
            (serif, "a\u{200B}b", false),
            (serif, "", true),
            (arabic, "\u{0628}\u{062A}\u{062B}", false),
            (chinese, "\u{4E2D}\u{6587}", false),
        ];
        let mut plans = Plans::new();
        let mut buffer = Buffer::new();
        for (face, text, simple) in cases {
            let shaped = shape_uncached(&mut plans, &mut buffer, face, text, None);
            let cached = Glyphs::new(shaped.clone(), text);
            assert_eq!(matches!(cached, Glyphs::Simple(_)), simple, "{text:?}");
            assert_eq!(cached.expanded(), shaped, "{text:?}");
        }
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
