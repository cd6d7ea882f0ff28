//! Font subsets for embedding, cached per process.
//!
//! Every face has a precomputed "core" subset (ASCII, Latin-1, typographic
//! punctuation and the common ligatures) whose program, widths and ToUnicode
//! map are built and compressed once. A document whose glyphs all fall in
//! the core reuses it as is; otherwise a subset of the core glyphs plus the
//! extra ones is made (core glyph ids are kept, extras appended), and cached
//! by its glyph set. Subset glyph ids double as CIDs (Identity-H).

use std::collections::BTreeMap;
use std::sync::{Arc, LazyLock, Mutex, OnceLock};

use libdeflater::{CompressionLvl, Compressor};
use subsetter::GlyphRemapper;

use crate::layout::fonts::{FontId, font};
use crate::layout::shape::shape;

/// A subset ready to embed.
#[derive(Debug)]
pub struct Subset {
    /// Old glyph id → new glyph id (0 when absent; .notdef stays 0).
    pub map: Vec<u16>,
    /// Widths per new glyph id in thousandths of an em.
    pub widths: Vec<i32>,
    /// The text each new glyph id stands for in the ToUnicode map ("" = none).
    pub unicode: Vec<String>,
    /// Per new glyph id: its ToUnicode text when that is one character,
    /// else `u32::MAX` (a fast path for the content writer).
    pub single: Vec<u32>,
    /// The font program, deflated.
    pub program: Vec<u8>,
    /// Uncompressed program length.
    pub program_len: usize,
    /// The ToUnicode CMap, deflated.
    pub to_unicode: Vec<u8>,
    /// Six-letter subset tag.
    pub tag: String,
}

/// Characters of the core subset, in the order that decides which character
/// a shared glyph maps back to.
fn core_chars() -> Vec<char> {
    let mut chars: Vec<char> = (0x20u8..0x7F).map(char::from).collect();
    chars.extend((0xA0u32..=0xFF).filter_map(char::from_u32));
    chars.extend([
        '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{201A}', '\u{201E}', '\u{2013}',
        '\u{2014}', '\u{2026}', '\u{2022}', '\u{2010}', '\u{2011}', '\u{2032}', '\u{2033}',
        '\u{2039}', '\u{203A}', '\u{20AC}', '\u{2122}', '\u{2212}', '\u{25E6}', '\u{2020}',
        '\u{2021}', '\u{0152}', '\u{0153}', '\u{0160}', '\u{0161}', '\u{017D}', '\u{017E}',
        '\u{0178}', '\u{0131}', '\u{2044}',
    ]);
    chars
}

const LIGATURES: &[&str] = &["fi", "fl", "ff", "ffi", "ffl", "fj", "ft", "Th"];

/// Face, extra glyphs, and the text of the extras no cmap entry names.
type Key = (FontId, Vec<u16>, Vec<(u16, String)>);

/// A subset, or why it could not be made, filled in by the first thread
/// that asks; a thread asking while it is built waits for it instead of
/// building it again.
type Slot = Arc<OnceLock<Result<Arc<Subset>, String>>>;

static CACHE: LazyLock<Mutex<BTreeMap<Key, Slot>>> = LazyLock::new(|| Mutex::new(BTreeMap::new()));
static CORE: LazyLock<Mutex<BTreeMap<FontId, Arc<Core>>>> =
    LazyLock::new(|| Mutex::new(BTreeMap::new()));

/// Extended subsets kept per process before the cache is emptied.
const CACHE_LIMIT: usize = 512;

/// The glyphs of a face's core subset, with the text of each.
#[derive(Debug)]
pub struct Core {
    /// Old glyph ids in new-id order (index 0 is .notdef).
    pub glyphs: Vec<u16>,
    /// Text per entry of `glyphs`.
    pub texts: Vec<String>,
    /// Old id → true when in the core.
    pub member: Vec<bool>,
}

/// The core glyph set of a face (computed once).
pub fn core(id: FontId) -> Arc<Core> {
    let mut cores = CORE.lock().unwrap_or_else(|e| e.into_inner());
    cores
        .entry(id)
        .or_insert_with(|| Arc::new(build_core(id)))
        .clone()
}

fn build_core(id: FontId) -> Core {
    let f = font(id);
    let n = f.ttf().number_of_glyphs() as usize;
    let mut member = vec![false; n.max(1)];
    let mut glyphs = vec![0u16];
    let mut texts = vec![String::new()];
    member[0] = true;
    let mut add = |g: u16, text: String, glyphs: &mut Vec<u16>, texts: &mut Vec<String>| {
        if (g as usize) < member.len() && !member[g as usize] {
            member[g as usize] = true;
            glyphs.push(g);
            texts.push(text);
        }
    };
    for c in core_chars() {
        if let Some(g) = f.glyph(c) {
            add(g, c.to_string(), &mut glyphs, &mut texts);
        }
    }
    for lig in LIGATURES {
        let s = shape(id, lig);
        if s.glyphs.len() == 1 {
            add(s.glyphs[0].id, (*lig).to_string(), &mut glyphs, &mut texts);
        }
    }
    Core {
        glyphs,
        texts,
        member,
    }
}

/// The subset of `id` holding the core and `extras` (sorted, outside the
/// core). `hints` gives the text a glyph stood for in the document, used in
/// the ToUnicode map for glyphs no cmap entry reaches (Arabic contextual
/// forms and ligatures, which PDF/A-2a wants mapped too).
pub fn subset(
    id: FontId,
    extras: &[u16],
    hints: &BTreeMap<u16, String>,
) -> Result<Arc<Subset>, String> {
    let reverse = if extras.is_empty() {
        None
    } else {
        Some(reverse_cmap(id))
    };
    let unmapped: Vec<(u16, String)> = match &reverse {
        None => Vec::new(),
        Some(rev) => extras
            .iter()
            .filter(|g| rev.get(**g as usize).is_none_or(|c| *c == u32::MAX))
            .filter_map(|g| hints.get(g).map(|t| (*g, t.clone())))
            .collect(),
    };
    let key = (id, extras.to_vec(), unmapped);
    let slot = {
        let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
        if cache.len() >= CACHE_LIMIT && !cache.contains_key(&key) {
            cache.clear();
        }
        match cache.get(&key) {
            Some(slot) => slot.clone(),
            None => cache.entry(key.clone()).or_default().clone(),
        }
    };
    slot.get_or_init(|| {
        #[cfg(test)]
        tests::BUILT
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(key.clone());
        build(id, extras, reverse.as_deref(), &key.2).map(Arc::new)
    })
    .clone()
}

/// Builds the core subsets of `faces`, in order (see [`super::warm`]).
/// Errors are left for the documents to report.
pub fn warm(faces: &[FontId]) {
    let none = BTreeMap::new();
    for id in faces {
        let _ = subset(*id, &[], &none);
    }
}

fn build(
    id: FontId,
    extras: &[u16],
    reverse: Option<&[u32]>,
    unmapped: &[(u16, String)],
) -> Result<Subset, String> {
    let f = font(id);
    let core = core(id);
    let mut remapper = GlyphRemapper::new();
    let mut order: Vec<u16> = Vec::with_capacity(core.glyphs.len() + extras.len());
    let mut unicode: Vec<String> = Vec::with_capacity(order.capacity());
    for (g, t) in core.glyphs.iter().zip(&core.texts) {
        remapper.remap(*g);
        order.push(*g);
        unicode.push(t.clone());
    }
    for g in extras {
        remapper.remap(*g);
        order.push(*g);
        let from_cmap = reverse
            .and_then(|r| r.get(*g as usize))
            .and_then(|c| char::from_u32(*c))
            .map(String::from);
        let text = from_cmap.or_else(|| {
            unmapped
                .binary_search_by_key(g, |(g, _)| *g)
                .ok()
                .map(|i| unmapped[i].1.clone())
        });
        unicode.push(text.unwrap_or_default());
    }
    let program = subsetter::subset(f.data, 0, &remapper)
        .map_err(|e| format!("cannot subset font {}: {e}", f.name))?;
    let n = f.ttf().number_of_glyphs() as usize;
    let mut map = vec![0u16; n.max(1)];
    for old in &order {
        if let (Some(new), Some(slot)) = (remapper.get(*old), map.get_mut(*old as usize)) {
            *slot = new;
        }
    }
    let mut widths = vec![0; order.len()];
    let mut texts = vec![String::new(); order.len()];
    for (i, old) in order.iter().enumerate() {
        let new = remapper.get(*old).unwrap_or(0) as usize;
        if new < widths.len() {
            widths[new] = (f.advance(*old) as f32 * 1000.0 / f.upem).round() as i32;
            texts[new] = std::mem::take(&mut unicode[i]);
        }
    }
    let level = if extras.is_empty() { 9 } else { 6 };
    let deflated = deflate(&program, level);
    let cmap = to_unicode_cmap(&texts);
    let tag = subset_tag(id, &order);
    let single = texts
        .iter()
        .map(|t| {
            let mut cs = t.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) => c as u32,
                _ => u32::MAX,
            }
        })
        .collect();
    Ok(Subset {
        map,
        widths,
        unicode: texts,
        single,
        program: deflated,
        program_len: program.len(),
        to_unicode: deflate(cmap.as_bytes(), 9),
        tag,
    })
}

/// Reverse cmaps per face, built once.
static REVERSE: LazyLock<Mutex<BTreeMap<FontId, Arc<[u32]>>>> =
    LazyLock::new(|| Mutex::new(BTreeMap::new()));

/// Compatibility code points a face's cmap also maps to glyphs of ordinary
/// characters: Kangxi and CJK radicals (⼈ U+2F08 draws as 人 U+4EBA), CJK
/// compatibility ideographs, and the Arabic and Hebrew presentation forms
/// (U+FEE3 is the medial meem a shaper picks for م). Text taken from a PDF
/// must give the character the document had, so these never name a glyph
/// in the ToUnicode map; a glyph only they reach gets the text it stood for
/// in the document.
fn is_compatibility(cp: u32) -> bool {
    matches!(cp, 0x2E80..=0x2FDF | 0xF900..=0xFAFF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x2F800..=0x2FA1F)
}

/// Per old glyph id: the first character (lowest code point, compatibility
/// forms left out) that maps to it, `u32::MAX` for none. Built once per face.
fn reverse_cmap(id: FontId) -> Arc<[u32]> {
    if let Some(hit) = REVERSE.lock().unwrap_or_else(|e| e.into_inner()).get(&id) {
        return hit.clone();
    }
    let f = font(id);
    let n = f.ttf().number_of_glyphs() as usize;
    let mut out = vec![u32::MAX; n.max(1)];
    if let Some(cmap) = f.ttf().tables().cmap {
        for sub in cmap.subtables {
            if !sub.is_unicode() {
                continue;
            }
            sub.codepoints(|cp| {
                if let Some(g) = sub.glyph_index(cp)
                    && g.0 != 0
                    && char::from_u32(cp).is_some()
                    && !is_compatibility(cp)
                    && let Some(slot) = out.get_mut(g.0 as usize)
                    && cp < *slot
                {
                    *slot = cp;
                }
            });
        }
    }
    let out: Arc<[u32]> = out.into();
    REVERSE
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .entry(id)
        .or_insert(out)
        .clone()
}

fn subset_tag(id: FontId, glyphs: &[u16]) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in font(id)
        .name
        .bytes()
        .chain(glyphs.iter().flat_map(|g| g.to_be_bytes()))
    {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    (0..6)
        .map(|i| (b'A' + ((h >> (i * 5)) % 26) as u8) as char)
        .collect()
}

thread_local! {
    static COMPRESSORS: std::cell::RefCell<Vec<(i32, Compressor)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// Deflates `data` (zlib format, as PDF's FlateDecode wants) at `level`,
/// with one compressor per level and thread.
pub fn deflate(data: &[u8], level: i32) -> Vec<u8> {
    COMPRESSORS.with(|cs| {
        let mut cs = cs.borrow_mut();
        let i = match cs.iter().position(|(l, _)| *l == level) {
            Some(i) => i,
            None => {
                let lvl = CompressionLvl::new(level).unwrap_or(CompressionLvl::fastest());
                cs.push((level, Compressor::new(lvl)));
                cs.len() - 1
            }
        };
        let c = &mut cs[i].1;
        let mut out = vec![0u8; c.zlib_compress_bound(data.len())];
        match c.zlib_compress(data, &mut out) {
            Ok(n) => {
                out.truncate(n);
                out
            }
            Err(_) => data.to_vec(),
        }
    })
}

fn utf16_hex(s: &str) -> String {
    let mut out = String::new();
    for u in s.encode_utf16() {
        out.push_str(&format!("{u:04X}"));
    }
    out
}

/// A ToUnicode CMap for two-byte codes equal to the new glyph ids.
fn to_unicode_cmap(texts: &[String]) -> String {
    let mut out = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    let entries: Vec<(usize, &String)> = texts
        .iter()
        .enumerate()
        .filter(|(_, t)| !t.is_empty())
        .collect();
    for chunk in entries.chunks(100) {
        out.push_str(&format!("{} beginbfchar\n", chunk.len()));
        for (gid, text) in chunk {
            out.push_str(&format!("<{gid:04X}> <{}>\n", utf16_hex(text)));
        }
        out.push_str("endbfchar\n");
    }
    out.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::fonts::bundled_id;
    use std::sync::Barrier;

    /// Every subset key this process built, in order.
    pub(super) static BUILT: Mutex<Vec<Key>> = Mutex::new(Vec::new());

    fn builds_of(key: &Key) -> usize {
        let built = BUILT.lock().unwrap_or_else(|e| e.into_inner());
        built.iter().filter(|k| *k == key).count()
    }

    #[test]
    fn a_subset_asked_for_by_several_threads_at_once_is_built_once() {
        let id = bundled_id("NotoSerif-Italic").expect("bundled face");
        let f = font(id);
        // Glyphs outside the core, used by no other test: Latin Extended-A.
        let mut extras: Vec<u16> = ['\u{0149}', '\u{014B}', '\u{0167}']
            .iter()
            .filter_map(|c| f.glyph(*c))
            .filter(|g| !core(id).member[*g as usize])
            .collect();
        extras.sort_unstable();
        assert!(!extras.is_empty(), "the face draws the test's letters");
        let hints = BTreeMap::new();
        let barrier = Barrier::new(4);
        let got: Vec<Arc<Subset>> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..4)
                .map(|_| {
                    s.spawn(|| {
                        barrier.wait();
                        subset(id, &extras, &hints).expect("subset")
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("thread"))
                .collect()
        });
        assert!(got.iter().all(|g| Arc::ptr_eq(g, &got[0])));
        assert_eq!(builds_of(&(id, extras.clone(), Vec::new())), 1);
        let program = subsetter::subset(f.data, 0, &{
            let mut r = GlyphRemapper::new();
            core(id).glyphs.iter().chain(&extras).for_each(|g| {
                r.remap(*g);
            });
            r
        })
        .expect("subsetter");
        assert_eq!(got[0].program_len, program.len());
    }

    #[test]
    fn warming_builds_the_core_subset_the_documents_then_share() {
        let id = bundled_id("NotoSans-BoldItalic").expect("bundled face");
        warm(&[id]);
        let none = BTreeMap::new();
        let first = subset(id, &[], &none).expect("core subset");
        let again = subset(id, &[], &none).expect("core subset");
        assert!(Arc::ptr_eq(&first, &again));
        assert_eq!(builds_of(&(id, Vec::new(), Vec::new())), 1);
        assert_eq!(first.widths.len(), core(id).glyphs.len());
    }
}
