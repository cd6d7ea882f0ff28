//! Fonts as data: the process-wide font registry (bundled Noto faces and
//! template fonts loaded by path, each parsed once) and the [`FontBook`] a
//! template selects faces from, with its fallback chain and glyph coverage.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{LazyLock, OnceLock, RwLock};

use rustybuzz::ttf_parser;

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
    /// The shaping face (derefs to a `ttf_parser::Face`).
    pub face: rustybuzz::Face<'static>,
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
}

impl std::fmt::Debug for Font {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Font").field("name", &self.name).finish()
    }
}

impl Font {
    fn parse(name: String, data: &'static [u8]) -> Option<Font> {
        let face = rustybuzz::Face::from_slice(data, 0)?;
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
            upem,
            space,
            hyphen,
            replacement,
            bmp: OnceLock::new(),
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

    fn bmp_coverage(&self) -> Box<[u64]> {
        let mut bits = vec![0u64; 1024].into_boxed_slice();
        if let Some(cmap) = self.face.tables().cmap {
            for sub in cmap.subtables {
                if !sub.is_unicode() {
                    continue;
                }
                sub.codepoints(|cp| {
                    if cp < 0x10000 && sub.glyph_index(cp).is_some_and(|g| g.0 != 0) {
                        bits[(cp / 64) as usize] |= 1u64 << (cp % 64);
                    }
                });
            }
        }
        bits
    }

    /// The glyph for `c`, if any.
    pub fn glyph(&self, c: char) -> Option<u16> {
        self.face.glyph_index(c).map(|g| g.0)
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
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!("../../templates/fonts/", $name, ".ttf")))),*]
    };
}

/// The fonts compiled into the binary (SIL OFL, see `templates/fonts/OFL.txt`).
pub const BUNDLED_FONTS: &[(&str, &[u8])] = bundled!(
    "NotoSerif-Regular",
    "NotoSerif-Bold",
    "NotoSerif-Italic",
    "NotoSerif-BoldItalic",
    "NotoSans-Regular",
    "NotoSans-Bold",
    "NotoSans-Italic",
    "NotoSans-BoldItalic",
);

/// Most faces one process can load (bundled plus template fonts).
const MAX_FONTS: usize = 1024;

struct Registry {
    by_key: BTreeMap<String, FontId>,
    len: usize,
}

/// Lock-free slots read by [`font`]; written once each under the registry lock.
static SLOTS: [OnceLock<&'static Font>; MAX_FONTS] = [const { OnceLock::new() }; MAX_FONTS];

static REGISTRY: LazyLock<RwLock<Registry>> = LazyLock::new(|| {
    let mut reg = Registry {
        by_key: BTreeMap::new(),
        len: 0,
    };
    for (name, data) in BUNDLED_FONTS {
        if let Some(font) = Font::parse((*name).to_string(), data) {
            let id = reg.push(font);
            reg.by_key.insert((*name).to_string(), id);
        }
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

/// The font with id `id`. Ids come from [`FontBook`], so they always exist.
pub fn font(id: FontId) -> &'static Font {
    match SLOTS[id.0 as usize % MAX_FONTS].get() {
        Some(f) => f,
        None => {
            LazyLock::force(&REGISTRY);
            SLOTS[id.0 as usize % MAX_FONTS]
                .get()
                .copied()
                .unwrap_or_else(|| SLOTS[0].get().copied().expect("bundled fonts parse"))
        }
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
    let path = &file.path;
    let path_key = format!("{}#{}", path.to_string_lossy(), file.sha256);
    let mut reg = REGISTRY.write().unwrap_or_else(|e| e.into_inner());
    if let Some(id) = reg.by_key.get(&path_key) {
        return Ok(*id);
    }
    let data: &'static [u8] = Box::leak(file.data.clone().into_boxed_slice());
    let name = ps_name(data).unwrap_or_else(|| {
        path.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "Font".into())
    });
    let font = Font::parse(name, data).ok_or_else(|| {
        Error::Template(format!(
            "font '{spec}': {} is not a TrueType/OpenType font",
            path.display()
        ))
    })?;
    if reg.len >= MAX_FONTS {
        return Err(Error::Template("too many fonts loaded".into()));
    }
    let id = reg.push(font);
    reg.by_key.insert(path_key, id);
    Ok(id)
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

/// The faces one template uses: two families of four faces and the fallbacks.
#[derive(Debug, Clone)]
pub struct FontBook {
    body: [FontId; 4],
    heading: [FontId; 4],
    fallback: Vec<FontId>,
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
        Ok(FontBook {
            body: family(FontRole::Body)?,
            heading: family(FontRole::Heading)?,
            fallback,
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

    /// The first face of the chain (primary, template fallbacks, the other
    /// family in the same style, the bundled faces) that draws `c`.
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
        self.fallback
            .iter()
            .chain(others.iter())
            .copied()
            .find(|f| font(*f).covers(c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_faces_cover_latin_and_not_han() {
        let book = FontBook::new(&Template::default()).expect("bundled fonts");
        let serif = book.select(FontRole::Body, false, false);
        assert!(font(serif).covers('ó'));
        assert!(font(serif).covers('\u{2011}'));
        assert_eq!(book.face_for(serif, '\u{4E2D}'), None);
        assert_eq!(font(serif).name, "NotoSerif-Regular");
    }
}
