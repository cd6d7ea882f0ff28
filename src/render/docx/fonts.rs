//! The fonts travel with the document: `word/fontTable.xml` describes every
//! family the styles name (PANOSE, character set, family class, pitch and
//! Unicode/code-page signature, read from the face's own `OS/2` table), and
//! each face is embedded as Word embeds it (ECMA-376 Part 1, §17.8.1):
//! an obfuscated TrueType file (`word/fonts/fontN.odttf`) whose first
//! 32 bytes are XORed with the bytes of its `w:fontKey` GUID.
//!
//! Faces are subset (allsorts, keeping `GSUB`/`GPOS` so that kerning and
//! ligatures survive) to a fixed repertoire — printable ASCII, Latin-1,
//! general punctuation (spaces and joiners included), the euro and a few bullets — so that
//! an editor can still type any Western European letter. The repertoire's
//! subsets are built once per template and process; a document that uses
//! characters beyond it gets its own subsets with those characters added.
//! A face whose `OS/2.fsType` forbids embedding (restricted licence, bitmap
//! only) is described but not embedded, as Word does.
//!
//! Measured on the bundled Noto faces: the eight full faces weigh 4.6 MB;
//! the repertoire subsets of the faces a template names weigh a few tens of
//! kilobytes each once deflated.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::sync::{Arc, LazyLock, Mutex, PoisonError};

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{CmapTarget, SubsetProfile, subset};
use allsorts::tag;
use rayon::prelude::*;
use sha2::{Digest, Sha256};

use super::zip::{Compressed, TooLarge};
use crate::layout::fonts::{FontBook, FontId, font};
use crate::template::{FontRole, Template};

/// `w:embedRegular`, `w:embedBold`, `w:embedItalic`, `w:embedBoldItalic`, in
/// schema order, with the (bold, italic) they stand for.
const STYLES: [(&str, bool, bool); 4] = [
    ("embedRegular", false, false),
    ("embedBold", true, false),
    ("embedItalic", false, true),
    ("embedBoldItalic", true, true),
];

/// The repertoire every subset draws, so that a reader can edit the text.
const REPERTOIRE: [(char, char); 7] = [
    (' ', '~'),
    ('\u{A0}', '\u{FF}'),
    ('\u{2000}', '\u{206F}'),
    ('\u{20AC}', '\u{20AC}'),
    ('\u{2122}', '\u{2122}'),
    ('\u{25AA}', '\u{25AA}'),
    ('\u{25E6}', '\u{25E6}'),
];

/// The bundled families the styles name for scripts the template's families
/// lack (`w:cs` and `w:eastAsia` of the document defaults): family name,
/// regular face, bold face. Described and embedded (subsets of the
/// characters the document gives them) only when a document uses them.
const SCRIPT_FAMILIES: [(&str, &str, &str); 2] = [
    (
        "Noto Naskh Arabic",
        "NotoNaskhArabic-Regular",
        "NotoNaskhArabic-Bold",
    ),
    ("Noto Sans SC", "NotoSansSC-Regular", "NotoSansSC-Bold"),
];

/// The characters of `text` beyond ASCII, in order: the bytes are searched
/// for a lead byte and only those characters decoded (a document's parts
/// are mostly ASCII markup).
fn non_ascii(text: &str) -> impl Iterator<Item = char> + '_ {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        at += bytes.get(at..)?.iter().position(|b| !b.is_ascii())?;
        let c = text.get(at..)?.chars().next()?;
        at += c.len_utf8();
        Some(c)
    })
}

/// True when `c` is in [`REPERTOIRE`].
fn in_repertoire(c: char) -> bool {
    REPERTOIRE.iter().any(|&(lo, hi)| (lo..=hi).contains(&c))
}

/// One face to embed: its file and the slot it fills.
struct Face {
    /// The face in the layout engine's registry.
    id: FontId,
    /// Index into [`STYLES`].
    style: usize,
    /// The face allows embedding.
    embeddable: bool,
}

/// One family the styles name, with its faces.
struct Family {
    name: String,
    /// `w:panose1`, `w:family`, `w:pitch` and `w:sig`, read from the regular face.
    description: String,
    faces: Vec<Face>,
}

/// The font parts of a package.
#[derive(Debug)]
pub struct FontParts {
    /// `word/fontTable.xml`.
    pub table: Compressed,
    /// `word/_rels/fontTable.xml.rels`.
    pub rels: Compressed,
    /// `word/fonts/fontN.odttf`, in order.
    pub files: Vec<(String, Compressed)>,
}

impl FontParts {
    /// The bytes these parts take in an archive, names and headers aside.
    pub fn len(&self) -> usize {
        let files: usize = self.files.iter().map(|(_, file)| file.len()).sum();
        self.table.len() + self.rels.len() + files
    }

    /// An empty font table: nothing described, nothing embedded.
    pub fn empty(level: i32) -> Result<FontParts, TooLarge> {
        let table = format!(
            "{XML_HEAD}<w:fonts xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>"
        );
        let rels = format!(
            "{XML_HEAD}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"/>"
        );
        Ok(FontParts {
            table: Compressed::new(level, table.as_bytes())?,
            rels: Compressed::new(level, rels.as_bytes())?,
            files: Vec::new(),
        })
    }
}

/// Documents' own font parts remembered per embedder (by the characters
/// they add); a batch meets the same few extra characters again and again.
const OWN_CAPACITY: usize = 32;

/// Where a set of faces is subset and compressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Workers {
    /// Face by face on rayon's workers: the template's parts, built before a
    /// batch's documents start (every worker waits for them).
    All,
    /// On this thread: a document's own parts, inside its job, while the
    /// other workers convert other documents.
    This,
}

/// Families by name, with their faces' ids, styles and whether each embeds.
type FacesKey = Vec<(String, Vec<(FontId, usize, bool)>)>;

/// Repertoire parts by faces and compression level.
type RepertoireParts = Vec<((FacesKey, i32), Arc<FontParts>)>;

/// Repertoire parts kept per process.
static REPERTOIRE_PARTS: LazyLock<Mutex<RepertoireParts>> =
    LazyLock::new(|| Mutex::new(Vec::new()));

/// Repertoire parts remembered at once (a batch's templates name one or
/// two sets of families).
const REPERTOIRE_CAPACITY: usize = 8;

/// What the template's families need to build font parts for any text.
pub struct Embedder {
    families: Vec<Family>,
    /// [`SCRIPT_FAMILIES`] this build bundles.
    script_families: Vec<Family>,
    /// Font parts built for documents, by the characters beyond the repertoire.
    own: Mutex<Vec<(BTreeSet<char>, Arc<FontParts>)>>,
}

impl std::fmt::Debug for Embedder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self.families.iter().map(|f| f.name.as_str()).collect();
        f.debug_struct("Embedder")
            .field("families", &names)
            .finish()
    }
}

impl Embedder {
    /// The body and heading families of `template` (one entry when they are
    /// the same family). `None` when the template's faces do not load (the
    /// PDF reports that; the DOCX then names the fonts without embedding).
    pub fn new(template: &Template) -> Option<Embedder> {
        let book = FontBook::new(template).ok()?;
        let mut families: Vec<Family> = Vec::new();
        for role in [FontRole::Body, FontRole::Heading] {
            let name = template.family(role).name.clone();
            if families.iter().any(|f| f.name == name) {
                continue;
            }
            let mut seen = Vec::new();
            let mut faces = Vec::new();
            for (style, &(_, bold, italic)) in STYLES.iter().enumerate() {
                let id = book.select(role, bold, italic);
                if seen.contains(&id) {
                    continue;
                }
                seen.push(id);
                faces.push(Face {
                    id,
                    style,
                    embeddable: Os2::of(font(id).data).is_some_and(|os2| os2.embeddable()),
                });
            }
            let regular = font(book.select(role, false, false)).data;
            families.push(Family {
                description: describe(regular, &name),
                name,
                faces,
            });
        }
        Some(Embedder {
            families,
            script_families: script_families(),
            own: Mutex::new(Vec::new()),
        })
    }

    /// The parts for the repertoire alone, compressed at `level`: built once
    /// per process for the same faces (every bundled template names the
    /// same two families, so one build serves them all, in every language).
    pub fn repertoire_parts(&self, level: i32) -> Result<Arc<FontParts>, TooLarge> {
        let key = (self.faces_key(), level);
        remembered(&REPERTOIRE_PARTS, key, REPERTOIRE_CAPACITY, || {
            self.parts(&BTreeSet::new(), level, Workers::All)
        })
    }

    /// What decides the repertoire parts: each family's name and faces.
    fn faces_key(&self) -> FacesKey {
        self.families
            .iter()
            .map(|f| {
                let faces = f
                    .faces
                    .iter()
                    .map(|face| (face.id, face.style, face.embeddable));
                (f.name.clone(), faces.collect())
            })
            .collect()
    }

    /// Characters of `text` beyond the repertoire that some embedded face
    /// draws: when not empty, the document needs its own subsets.
    pub fn extra_chars(&self, text: &str) -> BTreeSet<char> {
        let mut extra = BTreeSet::new();
        for c in non_ascii(text).filter(|c| !in_repertoire(*c)) {
            if !extra.contains(&c) && self.draws(c) {
                extra.insert(c);
            }
        }
        extra
    }

    fn draws(&self, c: char) -> bool {
        self.families
            .iter()
            .chain(&self.script_families)
            .any(|f| f.faces.iter().any(|face| font(face.id).covers(c)))
    }

    /// The characters of `extra` that `family` draws and no template family does.
    fn left_to(&self, family: &Family, extra: &BTreeSet<char>) -> BTreeSet<char> {
        let primary = |c: char| {
            self.families
                .iter()
                .any(|f| f.faces.iter().any(|face| font(face.id).covers(c)))
        };
        extra
            .iter()
            .copied()
            .filter(|c| family.faces.first().is_some_and(|f| font(f.id).covers(*c)) && !primary(*c))
            .collect()
    }

    /// The parts for the repertoire plus `extra`, compressed at `level`,
    /// built once per set of extra characters (the same bytes either way).
    pub fn parts_for(
        &self,
        extra: &BTreeSet<char>,
        level: i32,
    ) -> Result<Arc<FontParts>, TooLarge> {
        remembered(&self.own, extra.clone(), OWN_CAPACITY, || {
            self.parts(extra, level, Workers::This)
        })
    }

    /// The parts for the repertoire plus `extra`, compressed at `level`.
    pub fn parts(
        &self,
        extra: &BTreeSet<char>,
        level: i32,
        workers: Workers,
    ) -> Result<FontParts, TooLarge> {
        let mut table = String::with_capacity(2048);
        table.push_str(XML_HEAD);
        table.push_str("<w:fonts xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">");
        let mut rels = String::from(XML_HEAD);
        rels.push_str(
            "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
        );
        let mut files = Vec::new();
        let script_chars: Vec<BTreeSet<char>> = self
            .script_families
            .iter()
            .map(|f| self.left_to(f, extra))
            .collect();
        let families = self.families.iter().map(|f| (f, extra, true)).chain(
            self.script_families
                .iter()
                .zip(&script_chars)
                .filter(|(_, chars)| !chars.is_empty())
                .map(|(f, chars)| (f, chars, false)),
        );
        let families: Vec<(&Family, &BTreeSet<char>, bool)> = families.collect();
        let jobs: Vec<(&Face, &BTreeSet<char>, bool)> = families
            .iter()
            .flat_map(|&(family, chars, repertoire)| {
                let faces = family.faces.iter().filter(|f| f.embeddable);
                faces.map(move |face| (face, chars, repertoire))
            })
            .collect();
        // Each face is subset, keyed and compressed on its own, then the
        // parts are written in order.
        let embed = |&(face, chars, repertoire): &(&Face, &BTreeSet<char>, bool)| {
            embed_face(face, chars, repertoire, level)
        };
        let embedded: Vec<Option<(String, Compressed)>> = match workers {
            Workers::All => jobs
                .par_iter()
                .map(embed)
                .collect::<Result<_, TooLarge>>()?,
            Workers::This => jobs.iter().map(embed).collect::<Result<_, TooLarge>>()?,
        };
        let mut embedded = embedded.into_iter();
        for (family, _, _) in families {
            let _ = write!(
                table,
                "<w:font w:name=\"{}\">",
                super::xml::escape(&family.name)
            );
            table.push_str(&family.description);
            for face in family.faces.iter().filter(|f| f.embeddable) {
                let Some((key, file)) = embedded.next().flatten() else {
                    continue;
                };
                let n = files.len() + 1;
                let rid = format!("rIdFont{n}");
                let _ = write!(
                    table,
                    "<w:{} r:id=\"{rid}\" w:fontKey=\"{{{key}}}\"/>",
                    STYLES[face.style].0
                );
                let _ = write!(
                    rels,
                    "<Relationship Id=\"{rid}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/font\" Target=\"fonts/font{n}.odttf\"/>"
                );
                files.push((format!("word/fonts/font{n}.odttf"), file));
            }
            table.push_str("</w:font>");
        }
        table.push_str("</w:fonts>");
        rels.push_str("</Relationships>");
        Ok(FontParts {
            table: Compressed::new(level, table.as_bytes())?,
            rels: Compressed::new(level, rels.as_bytes())?,
            files,
        })
    }
}

/// The parts `cache` holds for `key`, or built by `build` and added (the
/// oldest dropped when it holds `capacity`). Built outside the lock.
fn remembered<K: PartialEq>(
    cache: &Mutex<Vec<(K, Arc<FontParts>)>>,
    key: K,
    capacity: usize,
    build: impl FnOnce() -> Result<FontParts, TooLarge>,
) -> Result<Arc<FontParts>, TooLarge> {
    let lock = || cache.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some((_, parts)) = lock().iter().find(|(k, _)| *k == key) {
        return Ok(Arc::clone(parts));
    }
    let parts = Arc::new(build()?);
    let mut cached = lock();
    if cached.len() >= capacity {
        cached.remove(0);
    }
    cached.push((key, Arc::clone(&parts)));
    Ok(parts)
}

/// One face's embedded file: its subset for `chars` (plus the repertoire
/// when `repertoire` is set), obfuscated with a key derived from the subset
/// and compressed at `level`, with that key. `None` when the face cannot be
/// subset.
fn embed_face(
    face: &Face,
    chars: &BTreeSet<char>,
    repertoire: bool,
    level: i32,
) -> Result<Option<(String, Compressed)>, TooLarge> {
    let Some(sub) = subset_face(font(face.id).data, chars, repertoire) else {
        return Ok(None);
    };
    let key = font_key(&sub);
    let file = Compressed::new(level, &obfuscate(sub, &key))?;
    Ok(Some((key, file)))
}

const XML_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// The bundled [`SCRIPT_FAMILIES`] of this build, regular face first.
fn script_families() -> Vec<Family> {
    use crate::layout::fonts::bundled_id;
    SCRIPT_FAMILIES
        .iter()
        .filter_map(|&(name, regular, bold)| {
            let regular = bundled_id(regular)?;
            let mut faces = vec![Face {
                id: regular,
                style: 0,
                embeddable: Os2::of(font(regular).data).is_some_and(|os2| os2.embeddable()),
            }];
            if let Some(bold) = bundled_id(bold) {
                faces.push(Face {
                    id: bold,
                    style: 1,
                    embeddable: Os2::of(font(bold).data).is_some_and(|os2| os2.embeddable()),
                });
            }
            Some(Family {
                name: name.to_string(),
                description: describe(font(regular).data, name),
                faces,
            })
        })
        .collect()
}

/// Subsets `data` to `extra`, plus the repertoire when `repertoire` is set,
/// keeping the layout tables; `None` when the face cannot be read or subset.
fn subset_face(data: &[u8], extra: &BTreeSet<char>, repertoire: bool) -> Option<Vec<u8>> {
    let face = ttf_parser::Face::parse(data, 0).ok()?;
    let mut glyphs: BTreeSet<u16> = BTreeSet::from([0]);
    let chars = REPERTOIRE
        .iter()
        .filter(|_| repertoire)
        .flat_map(|&(lo, hi)| lo..=hi)
        .chain(extra.iter().copied());
    glyphs.extend(chars.filter_map(|c| face.glyph_index(c).map(|g| g.0)));
    let glyphs: Vec<u16> = glyphs.into_iter().collect();
    let font = ReadScope::new(data).read::<FontData<'_>>().ok()?;
    let provider = font.table_provider(0).ok()?;
    let layout = SubsetProfile::Custom(vec![
        tag::CMAP,
        tag::HEAD,
        tag::HHEA,
        tag::HMTX,
        tag::MAXP,
        tag::NAME,
        tag::OS_2,
        tag::POST,
        tag::GDEF,
        tag::GPOS,
        tag::GSUB,
    ]);
    subset(&provider, &glyphs, &layout, CmapTarget::Unrestricted)
        .or_else(|_| {
            subset(
                &provider,
                &glyphs,
                &SubsetProfile::Minimal,
                CmapTarget::Unrestricted,
            )
        })
        .ok()
}

/// A GUID derived from the subset's bytes (deterministic output), written
/// as Word writes `w:fontKey`: upper-case hex, 8-4-4-4-12.
fn font_key(data: &[u8]) -> String {
    let digest = Sha256::digest(data);
    let hex: String = digest[..16].iter().map(|b| format!("{b:02X}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// ECMA-376 font obfuscation: the GUID's 16 bytes, read from the last hex
/// pair to the first, XORed over the font's first 32 bytes (twice over).
fn obfuscate(mut data: Vec<u8>, key: &str) -> Vec<u8> {
    let hex: Vec<u8> = key.bytes().filter(u8::is_ascii_hexdigit).collect();
    let key: Vec<u8> = hex
        .chunks(2)
        .rev()
        .filter_map(|pair| {
            std::str::from_utf8(pair)
                .ok()
                .and_then(|s| u8::from_str_radix(s, 16).ok())
        })
        .collect();
    if key.len() == 16 {
        for (i, byte) in data.iter_mut().take(32).enumerate() {
            *byte ^= key[i % 16];
        }
    }
    data
}

/// The fields of a face's `OS/2` table the font table needs.
struct Os2<'a>(&'a [u8]);

impl<'a> Os2<'a> {
    fn of(data: &'a [u8]) -> Option<Os2<'a>> {
        let face = ttf_parser::RawFace::parse(data, 0).ok()?;
        face.table(ttf_parser::Tag::from_bytes(b"OS/2"))
            .filter(|t| t.len() >= 58)
            .map(Os2)
    }

    fn u16_at(&self, at: usize) -> u16 {
        u16::from_be_bytes([self.0[at], self.0[at + 1]])
    }

    fn u32_at(&self, at: usize) -> u32 {
        self.0
            .get(at..at + 4)
            .map_or(0, |b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// `fsType` allows embedding: not restricted (bit 1), not bitmap-only (bit 9).
    fn embeddable(&self) -> bool {
        self.u16_at(8) & 0x0202 == 0
    }

    fn panose(&self) -> &[u8] {
        &self.0[32..42]
    }
}

/// `w:panose1`, `w:charset`, `w:family`, `w:pitch` and `w:sig` for a family,
/// from its regular face (schema order).
fn describe(data: &[u8], name: &str) -> String {
    let Some(os2) = Os2::of(data) else {
        return format!(
            "<w:charset w:val=\"00\"/><w:family w:val=\"{}\"/><w:pitch w:val=\"variable\"/>",
            if name.contains("Sans") {
                "swiss"
            } else {
                "roman"
            }
        );
    };
    let panose = os2.panose();
    let panose_hex: String = panose.iter().map(|b| format!("{b:02X}")).collect();
    let class = (os2.u16_at(30) >> 8) as u8;
    let family = match (panose[0], panose[1], class) {
        (2, 11..=13, _) | (_, _, 8) => "swiss",
        (3, ..) | (_, _, 10) => "script",
        (4 | 5, ..) | (_, _, 9 | 12) => "decorative",
        (2, 2..=10 | 14..=15, _) | (_, _, 1..=7) => "roman",
        _ if name.contains("Sans") => "swiss",
        _ => "roman",
    };
    let fixed = ttf_parser::Face::parse(data, 0).is_ok_and(|f| f.is_monospaced());
    format!(
        "<w:panose1 w:val=\"{panose_hex}\"/><w:charset w:val=\"00\"/><w:family w:val=\"{family}\"/><w:pitch w:val=\"{}\"/><w:sig w:usb0=\"{:08X}\" w:usb1=\"{:08X}\" w:usb2=\"{:08X}\" w:usb3=\"{:08X}\" w:csb0=\"{:08X}\" w:csb1=\"{:08X}\"/>",
        if fixed { "fixed" } else { "variable" },
        os2.u32_at(42),
        os2.u32_at(46),
        os2.u32_at(50),
        os2.u32_at(54),
        os2.u32_at(78),
        os2.u32_at(82),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn obfuscation_is_its_own_inverse_and_touches_32_bytes() {
        let data: Vec<u8> = (0..64).collect();
        let key = "0A1B2C3D-4E5F-6071-8293-A4B5C6D7E8F9";
        let once = obfuscate(data.clone(), key);
        assert_ne!(once[..32], data[..32]);
        assert_eq!(once[32..], data[32..]);
        // The last hex pair of the GUID is XORed into byte 0.
        assert_eq!(once[0], data[0] ^ 0xF9);
        assert_eq!(once[15], data[15] ^ 0x0A);
        assert_eq!(obfuscate(once, key), data);
    }

    #[test]
    fn templates_naming_the_same_faces_share_one_build_of_their_subsets() {
        let un = crate::template::resolve("un").expect("bundled");
        let release = crate::template::resolve("release").expect("bundled");
        let a = Embedder::new(&un).expect("fonts load");
        let b = Embedder::new(&release).expect("fonts load");
        let parts = a.repertoire_parts(5).expect("small");
        assert!(Arc::ptr_eq(&parts, &b.repertoire_parts(5).expect("small")));
        let fresh = a.parts(&BTreeSet::new(), 5, Workers::This).expect("small");
        assert_eq!(parts.table, fresh.table);
        assert_eq!(parts.rels, fresh.rels);
        assert_eq!(parts.files, fresh.files, "the same bytes, in order");
    }

    #[test]
    fn the_bundled_families_embed_four_faces_each_with_a_signature() {
        let template = crate::template::resolve("un").expect("bundled");
        let embedder = Embedder::new(&template).expect("fonts load");
        let parts = embedder.repertoire_parts(6).expect("small");
        assert_eq!(parts.files.len(), 8, "{embedder:?}");
        assert_eq!(embedder.families.len(), 2);
        let serif = &embedder.families[0];
        assert!(
            serif.description.contains("w:family w:val=\"roman\""),
            "{}",
            serif.description
        );
        assert!(
            embedder.families[1]
                .description
                .contains("w:family w:val=\"swiss\"")
        );
        assert!(serif.description.contains("<w:sig w:usb0="));
    }

    #[test]
    fn subsets_keep_the_repertoire_and_are_small() {
        let data = crate::layout::fonts::BUNDLED_FONTS[0].1;
        let sub = subset_face(data, &BTreeSet::from(['Ω']), true).expect("subset");
        assert!(
            sub.len() < data.len() / 4,
            "{} of {}",
            sub.len(),
            data.len()
        );
        let face = ttf_parser::Face::parse(&sub, 0).expect("a valid font");
        for c in ['a', 'é', 'ß', '€', '—', '’', 'Ω'] {
            assert!(face.glyph_index(c).is_some(), "{c} lost");
        }
        assert!(face.glyph_index('Ж').is_none());
        assert!(face.glyph_index('Ł').is_none());
    }

    #[test]
    fn non_ascii_characters_are_found_in_order() {
        for text in [
            "",
            "plain",
            "Café — “x” €5 中",
            "é",
            "aé",
            "éa",
            "Москва ① 中 سلام",
        ] {
            let expected: Vec<char> = text.chars().filter(|c| !c.is_ascii()).collect();
            assert_eq!(non_ascii(text).collect::<Vec<char>>(), expected, "{text}");
        }
    }

    #[test]
    fn extra_chars_are_those_beyond_the_repertoire_a_face_draws() {
        let template = crate::template::resolve("un").expect("bundled");
        let embedder = Embedder::new(&template).expect("fonts load");
        assert!(embedder.extra_chars("Café — “quoted” €5").is_empty());
        let extra = embedder.extra_chars("Москва ① 中 سلام א");
        assert!(extra.contains(&'М'));
        assert_eq!(extra.contains(&'中'), cfg!(feature = "cjk"));
        assert!(extra.contains(&'س'), "Noto Naskh Arabic draws it");
        assert!(!extra.contains(&'א'), "no bundled face draws it");
    }

    #[test]
    fn the_script_families_are_described_and_embedded_only_when_used() {
        let template = crate::template::resolve("un").expect("bundled");
        let embedder = Embedder::new(&template).expect("fonts load");
        let plain = embedder.repertoire_parts(6).expect("small");
        assert_eq!(plain.files.len(), 8);
        let extra = embedder.extra_chars("سلام 中文");
        let parts = embedder.parts(&extra, 6, Workers::This).expect("small");
        let script = if cfg!(feature = "cjk") { 4 } else { 2 };
        assert_eq!(parts.files.len(), 8 + script);
    }
}
