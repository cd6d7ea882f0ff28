//! Fonts as data: the process-wide font registry (bundled Noto faces and
//! template fonts loaded by path, each parsed once) and the [`FontBook`] a
//! template selects faces from, with its fallback chain and glyph coverage.

pub mod missing;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, OnceLock, RwLock};

use crate::error::Error;
use crate::template::{FontFiles, FontRole, Template, font_path, read_font};

/// A face in the process-wide registry. Ids are stable for the life of the
/// process; the PDF writer never writes them (it numbers fonts per file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FontId(pub u16);

/// One parsed font face, loaded once per process.
pub struct Font {
    /// PostScript-style name used in the PDF (`NotoSerif-Regular`).
    pub name: String,
    /// The font file.
    pub data: &'static [u8],
    /// The face read with ttf-parser (cmap, metrics, tables).
    pub face: ttf_parser::Face<'static>,
    /// The face as the shaper (harfrust, through read-fonts) reads it.
    pub shaping: harfrust::Font,
    /// Units per em.
    pub upem: f32,
    /// The space glyph and its advance, if any.
    pub space: Option<(u16, u16)>,
    /// The glyph drawn for a hyphen added at a line break, and its advance:
    /// the face's soft hyphen (U+00AD) when it has a visible one of its own,
    /// so that text taken from the glyphs reads "mit\u{AD}igating" as one
    /// word; else the hyphen (U+002D).
    pub hyphen: Option<(u16, u16)>,
    /// The replacement character's glyph (U+FFFD) and advance, drawn for a
    /// character no face has.
    pub replacement: Option<(u16, u16)>,
    /// Coverage of the Basic Multilingual Plane, one bit per code point.
    bmp: OnceLock<Box<[u64]>>,
    /// The glyph of each ASCII character (`NO_GLYPH` when none): most text
    /// measured glyph by glyph is ASCII, and the cmap's search is not free.
    ascii: OnceLock<[u32; 128]>,
    /// Whether the face covers every printable ASCII character.
    printable_ascii: OnceLock<bool>,
}

/// No glyph, in [`Font`]'s ASCII table.
const NO_GLYPH: u32 = u32::MAX;

impl std::fmt::Debug for Font {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Font").field("name", &self.name).finish()
    }
}

impl Font {
    fn parse(name: String, data: &'static [u8]) -> Option<Font> {
        let face = ttf_parser::Face::parse(data, 0).ok()?;
        let shaping = harfrust::Font::new(data, 0)?;
        let upem = face.units_per_em() as f32;
        let glyph = |c: char| {
            let g = face.glyph_index(c)?;
            Some((g.0, face.glyph_hor_advance(g).unwrap_or(0)))
        };
        let space = glyph(' ');
        let minus = glyph('-');
        let hyphen = glyph('\u{00AD}')
            .filter(|(id, advance)| *advance > 0 && minus.is_none_or(|(m, _)| m != *id))
            .or(minus);
        let replacement = glyph('\u{FFFD}').or_else(|| glyph('?'));
        Some(Font {
            name,
            data,
            face,
            shaping,
            upem,
            space,
            hyphen,
            replacement,
            bmp: OnceLock::new(),
            ascii: OnceLock::new(),
            printable_ascii: OnceLock::new(),
        })
    }

    /// The underlying OpenType face.
    pub fn ttf(&self) -> &ttf_parser::Face<'static> {
        &self.face
    }

    /// True when the font maps `c` to a glyph.
    pub fn covers(&self, c: char) -> bool {
        let cp = c as u32;
        if cp < 0x10000 {
            let bits = self.bmp.get_or_init(|| self.bmp_coverage());
            bits[(cp / 64) as usize] & (1u64 << (cp % 64)) != 0
        } else {
            self.face.glyph_index(c).is_some()
        }
    }

    /// True when the font covers every printable ASCII character (U+0021
    /// to U+007E): a word of them needs no look-up of its own.
    pub fn covers_printable_ascii(&self) -> bool {
        *self
            .printable_ascii
            .get_or_init(|| ('!'..='~').all(|c| self.covers(c)))
    }

    fn bmp_coverage(&self) -> Box<[u64]> {
        let mut bits = vec![0u64; 1024].into_boxed_slice();
        if let Some(cmap) = self.face.tables().cmap {
            for sub in cmap.subtables {
                if !sub.is_unicode() {
                    continue;
                }
                // A code point an earlier subtable mapped is not looked up
                // again (a CJK face maps its BMP in two subtables).
                sub.codepoints(|cp| {
                    let (word, bit) = ((cp / 64) as usize, 1u64 << (cp % 64));
                    if cp < 0x10000
                        && bits[word] & bit == 0
                        && sub.glyph_index(cp).is_some_and(|g| g.0 != 0)
                    {
                        bits[word] |= bit;
                    }
                });
            }
        }
        bits
    }

    /// The glyph for `c`, if any.
    pub fn glyph(&self, c: char) -> Option<u16> {
        if let Some(&g) = self.ascii_glyphs().get(c as usize) {
            return (g != NO_GLYPH).then_some(g as u16);
        }
        self.face.glyph_index(c).map(|g| g.0)
    }

    fn ascii_glyphs(&self) -> &[u32; 128] {
        self.ascii.get_or_init(|| {
            std::array::from_fn(|i| {
                char::from_u32(i as u32)
                    .and_then(|c| self.face.glyph_index(c))
                    .map_or(NO_GLYPH, |g| u32::from(g.0))
            })
        })
    }

    /// Horizontal advance of a glyph in font units.
    pub fn advance(&self, glyph: u16) -> u16 {
        self.face
            .glyph_hor_advance(ttf_parser::GlyphId(glyph))
            .unwrap_or(0)
    }

    /// True for CFF-flavoured OpenType (otherwise TrueType outlines).
    pub fn is_cff(&self) -> bool {
        self.face.tables().cff.is_some()
    }
}

macro_rules! bundled {
    ($($(#[$attr:meta])* $name:literal),* $(,)?) => {
        &[$($(#[$attr])* ($name, include_bytes!(concat!("../../templates/fonts/", $name, ".ttf")))),*]
    };
}

/// The fonts compiled into the binary (SIL OFL, see `templates/fonts/OFL.txt`
/// and `templates/fonts/FONTS.md`): the two template families, then the
/// default fallback chain. Noto Sans SC only with the `cjk` feature (on by
/// default). Each is parsed the first time a document needs it.
pub const BUNDLED_FONTS: &[(&str, &[u8])] = bundled!(
    "NotoSerif-Regular",
    "NotoSerif-Bold",
    "NotoSerif-Italic",
    "NotoSerif-BoldItalic",
    "NotoSans-Regular",
    "NotoSans-Bold",
    "NotoSans-Italic",
    "NotoSans-BoldItalic",
    "NotoNaskhArabic-Regular",
    "NotoNaskhArabic-Bold",
    #[cfg(feature = "cjk")]
    "NotoSansSC-Regular",
    #[cfg(feature = "cjk")]
    "NotoSansSC-Bold",
    "NotoSansSymbols2-Regular",
    "NotoSansMath-Regular",
    "NotoEmoji-Regular",
);

/// The bundled fallback chain after the template's own faces, as
/// (regular, bold) names: Arabic, Chinese, symbols, mathematics, emoji.
const DEFAULT_CHAIN: &[(&str, &str)] = &[
    ("NotoNaskhArabic-Regular", "NotoNaskhArabic-Bold"),
    ("NotoSansSC-Regular", "NotoSansSC-Bold"),
    ("NotoSansSymbols2-Regular", "NotoSansSymbols2-Regular"),
    ("NotoSansMath-Regular", "NotoSansMath-Regular"),
    ("NotoEmoji-Regular", "NotoEmoji-Regular"),
];

/// The id of a bundled face by name (ids of bundled faces are their index);
/// `None` for a face this build leaves out (Noto Sans SC without `cjk`).
pub fn bundled_id(name: &str) -> Option<FontId> {
    BUNDLED_FONTS
        .iter()
        .position(|(n, _)| *n == name)
        .map(|i| FontId(i as u16))
}

/// The default chain for regular (`[0]`) and bold (`[1]`) text, in ids.
static DEFAULT_IDS: LazyLock<[Vec<FontId>; 2]> = LazyLock::new(|| {
    let pick = |bold: bool| {
        DEFAULT_CHAIN
            .iter()
            .filter_map(|(r, b)| bundled_id(if bold { b } else { r }))
            .collect()
    };
    [pick(false), pick(true)]
});

/// Most faces one process can load (bundled plus template fonts).
const MAX_FONTS: usize = 1024;

struct Registry {
    by_key: BTreeMap<String, FontId>,
    len: usize,
}

/// Lock-free slots read by [`font`]: a bundled face's slot is filled when it
/// is first used, a template face's when it is loaded.
static SLOTS: [OnceLock<&'static Font>; MAX_FONTS] = [const { OnceLock::new() }; MAX_FONTS];

/// Names and ids only: bundled faces are parsed on first use (see [`font`]).
static REGISTRY: LazyLock<RwLock<Registry>> = LazyLock::new(|| {
    let mut reg = Registry {
        by_key: BTreeMap::new(),
        len: BUNDLED_FONTS.len(),
    };
    for (i, (name, _)) in BUNDLED_FONTS.iter().enumerate() {
        reg.by_key.insert((*name).to_string(), FontId(i as u16));
    }
    RwLock::new(reg)
});

impl Registry {
    fn push(&mut self, font: Font) -> FontId {
        let id = FontId(self.len as u16);
        let _ = SLOTS[self.len].set(Box::leak(Box::new(font)));
        self.len += 1;
        id
    }
}

/// Parses bundled face `i` (once per process).
fn bundled(i: usize) -> &'static Font {
    SLOTS[i].get_or_init(|| {
        let (name, data) = BUNDLED_FONTS[i];
        Box::leak(Box::new(
            Font::parse(name.to_string(), data).expect("bundled fonts parse"),
        ))
    })
}

/// The font with id `id`. Ids come from [`FontBook`], so they always exist.
pub fn font(id: FontId) -> &'static Font {
    let i = id.0 as usize % MAX_FONTS;
    match SLOTS[i].get() {
        Some(f) => f,
        None if i < BUNDLED_FONTS.len() => bundled(i),
        None => bundled(0),
    }
}

/// Looks a face up by bundled name, or takes the file the template loaded
/// (`files`; read and checked when the template loaded), or else reads it
/// from `path` with the same checks. Once per process per path and content.
fn resolve_face(spec: &str, base_dir: Option<&Path>, files: &FontFiles) -> Result<FontId, Error> {
    let spec = spec.trim();
    let key = if let Some(stem) = spec.strip_suffix(".ttf").filter(|s| !s.contains('/')) {
        stem.to_string()
    } else {
        spec.to_string()
    };
    {
        let reg = REGISTRY.read().unwrap_or_else(|e| e.into_inner());
        if let Some(id) = reg.by_key.get(&key) {
            return Ok(*id);
        }
    }
    let read;
    let file = match files.get(spec) {
        Some(file) => file,
        None => {
            read = read_font(&font_path(spec, base_dir))
                .map_err(|m| Error::Template(format!("font '{spec}': {m}")))?;
            &read
        }
    };
    register_file(&file.path, &file.data, &file.sha256)
}

/// The PostScript name of a font file, restricted to characters allowed in a PDF name.
fn ps_name(data: &[u8]) -> Option<String> {
    let face = ttf_parser::Face::parse(data, 0).ok()?;
    let name = face
        .names()
        .into_iter()
        .find(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME && n.is_unicode())?
        .to_string()?;
    let clean: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    (!clean.is_empty()).then_some(clean)
}

/// Where faces beyond the bundled ones come from when a character is still
/// missing after the bundled chain: font folders (`--font-dir`) and, when
/// `system` is set, the fonts installed on the machine (found with
/// `fontdb`). Set once per process by the command line ([`set_font_sources`]);
/// the library alone never looks at the machine's fonts, so its output does
/// not depend on it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FontSources {
    /// Look in the system's font folders.
    pub system: bool,
    /// Extra folders, searched before the system's.
    pub dirs: Vec<PathBuf>,
}

static SOURCES: OnceLock<FontSources> = OnceLock::new();

/// Sets the process's extra font sources; only the first call counts.
pub fn set_font_sources(sources: FontSources) {
    let _ = SOURCES.set(sources);
}

/// Most faces loaded from one folder or from the system.
const MAX_FOUND_FACES: usize = 400;

/// Faces loaded from the folders and the system, keyed by folder ("" for
/// the system); each loaded once per process, when first needed.
static FOUND: LazyLock<RwLock<BTreeMap<PathBuf, Arc<[FontId]>>>> =
    LazyLock::new(|| RwLock::new(BTreeMap::new()));

/// The faces in `dir` (`None`: the system's), loaded on first call.
fn found_faces(dir: Option<&Path>) -> Arc<[FontId]> {
    let key = dir.map(Path::to_path_buf).unwrap_or_default();
    if let Some(hit) = FOUND.read().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return hit.clone();
    }
    let mut db = fontdb::Database::new();
    match dir {
        Some(d) => db.load_fonts_dir(d),
        None => db.load_system_fonts(),
    }
    let mut files: Vec<(PathBuf, u32)> = db
        .faces()
        .filter_map(|f| match &f.source {
            fontdb::Source::File(p) => Some((p.clone(), f.index)),
            _ => None,
        })
        .collect();
    files.sort();
    files.dedup();
    let ids: Arc<[FontId]> = files
        .iter()
        .filter(|(_, index)| *index == 0)
        .take(MAX_FOUND_FACES)
        .filter_map(|(path, _)| load_path(path).ok())
        .collect();
    FOUND
        .write()
        .unwrap_or_else(|e| e.into_inner())
        .entry(key)
        .or_insert(ids)
        .clone()
}

/// Loads a font file into the registry (once per path and content).
fn load_path(path: &Path) -> Result<FontId, Error> {
    let file = read_font(path).map_err(Error::Template)?;
    register_file(&file.path, &file.data, &file.sha256)
}

/// Adds a font file's bytes to the registry unless already there.
fn register_file(path: &Path, data: &[u8], sha256: &str) -> Result<FontId, Error> {
    let path_key = format!("{}#{}", path.to_string_lossy(), sha256);
    let mut reg = REGISTRY.write().unwrap_or_else(|e| e.into_inner());
    if let Some(id) = reg.by_key.get(&path_key) {
        return Ok(*id);
    }
    if reg.len >= MAX_FONTS {
        return Err(Error::Template("too many fonts loaded".into()));
    }
    let data: &'static [u8] = Box::leak(data.to_vec().into_boxed_slice());
    let name = ps_name(data).unwrap_or_else(|| {
        path.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "Font".into())
    });
    let font = Font::parse(name, data).ok_or_else(|| {
        Error::Template(format!(
            "{} is not a TrueType/OpenType font",
            path.display()
        ))
    })?;
    let id = reg.push(font);
    reg.by_key.insert(path_key, id);
    Ok(id)
}

/// The faces one template uses: two families of four faces, the fallbacks
/// and the template's font folders.
#[derive(Debug, Clone)]
pub struct FontBook {
    body: [FontId; 4],
    heading: [FontId; 4],
    fallback: Vec<FontId>,
    dirs: Vec<PathBuf>,
}

fn face_index(bold: bool, italic: bool) -> usize {
    (bold as usize) | ((italic as usize) << 1)
}

impl FontBook {
    /// Resolves the template's faces (bundled names or paths relative to
    /// `template.base_dir`).
    pub fn new(template: &Template) -> Result<FontBook, Error> {
        let base = template.base_dir.as_deref();
        let files = &template.font_files;
        let family = |role: FontRole| -> Result<[FontId; 4], Error> {
            let fam = template.family(role);
            Ok([
                resolve_face(&fam.regular, base, files)?,
                resolve_face(&fam.bold, base, files)?,
                resolve_face(&fam.italic, base, files)?,
                resolve_face(&fam.bold_italic, base, files)?,
            ])
        };
        let fallback = template
            .fonts
            .fallback
            .iter()
            .map(|f| resolve_face(f, base, files))
            .collect::<Result<Vec<_>, _>>()?;
        let dirs = template
            .fonts
            .dirs
            .iter()
            .map(|d| font_path(d, base))
            .collect();
        Ok(FontBook {
            body: family(FontRole::Body)?,
            heading: family(FontRole::Heading)?,
            fallback,
            dirs,
        })
    }

    /// The face for a role, weight and slant.
    pub fn select(&self, role: FontRole, bold: bool, italic: bool) -> FontId {
        let fam = match role {
            FontRole::Body => &self.body,
            FontRole::Heading => &self.heading,
        };
        fam[face_index(bold, italic)]
    }

    /// The first face that draws `c`, the way Typst falls back per run: the
    /// primary face, the template's `fonts.fallback`, the other family in the
    /// same style, the bundled chain (Noto Naskh Arabic, Noto Sans SC, Noto
    /// Sans Symbols 2, Noto Sans Math, Noto Emoji; bold faces for bold text
    /// where there are some), then the template's `fonts.dirs`, the
    /// `--font-dir` folders and the system's fonts (each loaded once per
    /// process, the first time a character is still missing).
    pub fn face_for(&self, primary: FontId, c: char) -> Option<FontId> {
        if font(primary).covers(c) {
            return Some(primary);
        }
        let slot = self
            .body
            .iter()
            .chain(self.heading.iter())
            .position(|f| *f == primary)
            .map(|i| i % 4)
            .unwrap_or(0);
        let others = [self.body[slot], self.heading[slot]];
        let bundled = &DEFAULT_IDS[slot & 1];
        if let Some(f) = self
            .fallback
            .iter()
            .chain(others.iter())
            .chain(bundled.iter())
            .copied()
            .find(|f| font(*f).covers(c))
        {
            return Some(f);
        }
        self.found_face_for(c)
    }

    /// A face from the font folders or the system that draws `c`.
    fn found_face_for(&self, c: char) -> Option<FontId> {
        let sources = SOURCES.get();
        let dirs = self
            .dirs
            .iter()
            .chain(sources.iter().flat_map(|s| s.dirs.iter()));
        for dir in dirs {
            if let Some(f) = found_faces(Some(dir)).iter().find(|f| font(**f).covers(c)) {
                return Some(*f);
            }
        }
        if sources.is_some_and(|s| s.system) {
            return found_faces(None)
                .iter()
                .copied()
                .find(|f| font(*f).covers(c));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_glyphs_come_from_the_table_and_equal_the_cmap_s() {
        let book = FontBook::new(&Template::default()).expect("bundled fonts");
        for role in [FontRole::Body, FontRole::Heading] {
            let f = font(book.select(role, false, false));
            for c in (0u8..128)
                .map(char::from)
                .chain(['é', '\u{2019}', '\u{4E2D}'])
            {
                let cmap = f.ttf().glyph_index(c).map(|g| g.0);
                assert_eq!(f.glyph(c), cmap, "{c:?} in {}", f.name);
            }
            assert!(f.glyph('a').is_some() && f.glyph('\u{0007}').is_none());
        }
    }

    #[test]
    fn bmp_coverage_is_every_unicode_subtable_s_mapping() {
        for i in 0..BUNDLED_FONTS.len() {
            let f = bundled(i);
            let bits = f.bmp_coverage();
            let cmap = f.ttf().tables().cmap.expect("a cmap");
            let mut covered = 0;
            for cp in 0..0x10000u32 {
                let mapped = cmap
                    .subtables
                    .into_iter()
                    .any(|sub| sub.is_unicode() && sub.glyph_index(cp).is_some_and(|g| g.0 != 0));
                let bit = bits[(cp / 64) as usize] & (1u64 << (cp % 64)) != 0;
                assert_eq!(bit, mapped, "U+{cp:04X} in {}", f.name);
                covered += usize::from(bit);
            }
            assert!(covered > 90, "{} covers {covered} BMP code points", f.name);
        }
    }

    #[test]
    fn bundled_faces_cover_latin_and_not_han() {
        let book = FontBook::new(&Template::default()).expect("bundled fonts");
        let serif = book.select(FontRole::Body, false, false);
        assert!(font(serif).covers('ó'));
        assert!(font(serif).covers('\u{2011}'));
        assert!(!font(serif).covers('\u{4E2D}'));
        assert_eq!(font(serif).name, "NotoSerif-Regular");
    }
}
