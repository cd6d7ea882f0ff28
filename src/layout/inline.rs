//! Paragraph layout: styled text → shaped items → optimal breaks → lines of
//! positioned glyph runs.
//!
//! Stages, in order: collect the inlines into one string with style spans;
//! find break opportunities (unicode-linebreak, which refuses to break at
//! NBSP and U+2011); shape each word piece in the face that covers it (the
//! fallback chain), hyphenate long words by the document's language; split
//! words wider than the measure by force; break with Knuth–Plass; build runs.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::{Arc, LazyLock, Mutex, RwLock};

use hyphenation::{Hyphenator, Language as HyphLang, Load, Standard};
use rustc_hash::FxBuildHasher;
use unicode_linebreak::BreakOpportunity;

use super::bidi::{self, Levels};
use super::fonts::{Font, FontBook, FontId, font};
use super::frame::{Glyph, Item, Link, Tag, TextRun};
use super::linebreak::{self, Break, Params};
use super::shape::{Glyphs, Shaper, with_shaper};
use super::spare;
use crate::error::Diagnostic;
use crate::model::Inline;
use crate::template::{Align, Case, Color, FontRole, TextStyle};

/// Text with style spans, ready for layout.
#[derive(Debug, Clone, Default)]
pub struct StyledText {
    /// The characters (whitespace collapsed; `\n` is a forced break).
    pub text: String,
    spans: Vec<Span>,
    links: Vec<String>,
    /// The direction of a paragraph with no strong character (the
    /// document's): right to left when set.
    pub neutral_rtl: bool,
    /// Whether left and right alignment swap: `None` when the paragraph
    /// runs right to left (alignment relative to the paragraph's own
    /// direction), `Some` for the letterhead and page furniture, which
    /// mirror with the document's direction whatever their text.
    pub mirror: Option<bool>,
    /// Embedding levels, set when the paragraph is laid out.
    levels: Levels,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    end: u32,
    bold: bool,
    italic: bool,
    link: Option<u16>,
}

fn is_collapsible(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{00A0}' | '\u{2007}' | '\u{202F}')
}

impl StyledText {
    /// Styled text from plain text.
    pub fn plain(s: &str, bold: bool, italic: bool, case: Case) -> StyledText {
        let mut st = StyledText::default();
        st.push(s, bold, italic, None, case);
        st
    }

    /// Styled text from model inlines.
    pub fn from_inlines(inlines: &[Inline], bold: bool, italic: bool, case: Case) -> StyledText {
        let mut st = StyledText::default();
        st.push_inlines(inlines, bold, italic, None, case);
        st
    }

    /// Appends model inlines.
    pub fn push_inlines(
        &mut self,
        inlines: &[Inline],
        bold: bool,
        italic: bool,
        link: Option<u16>,
        case: Case,
    ) {
        for inline in inlines {
            match inline {
                Inline::Text { text } => self.push(text, bold, italic, link, case),
                Inline::Emphasis { content } => self.push_inlines(content, bold, true, link, case),
                Inline::Strong { content } => self.push_inlines(content, true, italic, link, case),
                Inline::Link { content, url } => {
                    let id = if self.links.len() < u16::MAX as usize {
                        self.links.push(url.clone());
                        Some((self.links.len() - 1) as u16)
                    } else {
                        link
                    };
                    self.push_inlines(content, bold, italic, id, case)
                }
                Inline::LineBreak => {
                    while self.text.ends_with(' ') {
                        self.text.pop();
                    }
                    self.push_raw("\n", bold, italic, link);
                }
            }
        }
    }

    /// Appends text, collapsing whitespace runs to one space.
    pub fn push(&mut self, s: &str, bold: bool, italic: bool, link: Option<u16>, case: Case) {
        let mut out = String::with_capacity(s.len());
        let mut space = self.text.is_empty() || self.text.ends_with([' ', '\n']);
        let mut rest = s;
        while let Some(c) = rest.chars().next() {
            // A stretch of printable ASCII other than the space is taken as
            // it is (upper-cased when asked): nothing in it collapses.
            let plain = rest.bytes().take_while(u8::is_ascii_graphic).count();
            if plain > 0 {
                match case {
                    Case::Upper => {
                        out.extend(rest[..plain].chars().map(|c| c.to_ascii_uppercase()))
                    }
                    Case::AsIs => out.push_str(&rest[..plain]),
                }
                space = false;
                rest = &rest[plain..];
                continue;
            }
            rest = &rest[c.len_utf8()..];
            if is_collapsible(c) {
                if !space {
                    out.push(' ');
                    space = true;
                }
            } else if c.is_control() || c == '\u{FEFF}' {
                continue;
            } else {
                match case {
                    Case::Upper => out.extend(c.to_uppercase()),
                    Case::AsIs => out.push(c),
                }
                space = false;
            }
        }
        self.push_raw(&out, bold, italic, link);
    }

    fn push_raw(&mut self, s: &str, bold: bool, italic: bool, link: Option<u16>) {
        if s.is_empty() {
            return;
        }
        self.text.push_str(s);
        let end = self.text.len() as u32;
        match self.spans.last_mut() {
            Some(last) if last.bold == bold && last.italic == italic && last.link == link => {
                last.end = end
            }
            _ => self.spans.push(Span {
                end,
                bold,
                italic,
                link,
            }),
        }
    }

    /// The whole text of link `id` (all its spans), for the link's
    /// alternate description.
    fn link_text(&self, id: u16) -> String {
        let mut out = String::new();
        let mut start = 0u32;
        for span in &self.spans {
            if span.link == Some(id)
                && let Some(t) = self.text.get(start as usize..span.end as usize)
            {
                out.push_str(t);
            }
            start = span.end;
        }
        let out = out.split_whitespace().collect::<Vec<_>>().join(" ");
        if out.is_empty() {
            self.links.get(id as usize).cloned().unwrap_or_default()
        } else {
            out
        }
    }

    fn trim_end(&mut self) {
        while self.text.ends_with([' ', '\n']) {
            self.text.pop();
        }
        let len = self.text.len() as u32;
        self.spans.retain(|s| s.end > 0);
        for s in &mut self.spans {
            s.end = s.end.min(len);
        }
        while self.spans.len() > 1 && self.spans[self.spans.len() - 2].end >= len {
            self.spans.pop();
        }
    }

    fn span_at(&self, pos: u32) -> (usize, Span) {
        let i = self.spans.partition_point(|s| s.end <= pos);
        let i = i.min(self.spans.len().saturating_sub(1));
        (
            i,
            self.spans.get(i).copied().unwrap_or(Span {
                end: u32::MAX,
                bold: false,
                italic: false,
                link: None,
            }),
        )
    }
}

/// What a paragraph is laid out with.
pub struct Context<'a> {
    /// Faces.
    pub book: &'a FontBook,
    /// Hyphenation patterns, when hyphenation is on.
    pub hyphenator: Option<&'static Standard>,
    /// Where warnings go.
    pub diagnostics: &'a mut Vec<Diagnostic>,
}

/// One laid-out line: its height and items with y relative to the line's top.
#[derive(Debug, Clone)]
pub struct LineBox {
    /// Line height.
    pub height: f32,
    /// Items (baseline y relative to the top of the line).
    pub items: Vec<Item>,
}

/// Paragraph geometry.
#[derive(Debug, Clone, Copy)]
pub struct Measure {
    /// Left edge of the lines.
    pub x: f32,
    /// Width of the lines.
    pub width: f32,
    /// Extra indent of the first line (may be negative for hanging indents).
    pub first_indent: f32,
}

#[derive(Debug, Clone, Copy)]
struct PGlyph {
    face: FontId,
    id: u16,
    advance: f32,
    dx: f32,
    dy: f32,
    text: (u32, u32),
    link: Option<u16>,
}

/// Underfull justified lines are stretched at most this much and left
/// short of the measure rather than torn apart.
const MAX_STRETCH_RATIO: f32 = 2.0;

/// Marker for a glyph that stands for U+00AD (a hyphen added at a break).
const SOFT_HYPHEN: (u32, u32) = (u32::MAX, u32::MAX);

/// Marker for the zero-width space glyph drawn at a forced line break: it
/// stands for a space, the text its glyph maps to (a newline there would
/// need /ActualText, which text extractors read as a request to join the
/// two lines).
const BREAK_SPACE: (u32, u32) = (u32::MAX - 1, u32::MAX - 1);

#[derive(Debug, Clone, Copy)]
enum Extra {
    Glyphs(u32, u32),
    Space(Option<u32>),
    Hyphen(Option<u32>),
    /// A break inside a word forced by its width: no visible hyphen, but the
    /// text layer gets U+00AD so the word can be rejoined.
    Forced,
    /// A forced line break (`\n`): a space glyph with no width is drawn at
    /// the end of the line, standing for the newline, so that readers which
    /// take text from the glyphs alone (the structure tree's text) do not
    /// glue the two lines' words together.
    Newline(Option<u32>),
    /// A break after a hyphen character: the text layer gets U+200B after
    /// it, so readers do not mistake the hyphen for a line-end hyphenation
    /// and glue the two words together.
    AfterHyphen,
    None,
}

struct Builder<'t> {
    st: &'t StyledText,
    size: f32,
    glyphs: Vec<PGlyph>,
    items: Vec<linebreak::Item>,
    extras: Vec<Extra>,
}

impl Builder<'_> {
    fn push(&mut self, item: linebreak::Item, extra: Extra) {
        self.items.push(item);
        self.extras.push(extra);
    }

    fn scale(&self, face: FontId) -> f32 {
        self.size / font(face).upem
    }

    /// Appends the glyphs of `text[start..end]` shaped in `face`, each
    /// bidi level run in its direction (glyphs in visual order within a
    /// run).
    fn shape_piece(
        &mut self,
        sh: &mut Shaper,
        face: FontId,
        start: usize,
        end: usize,
        link: Option<u16>,
    ) {
        let levels = &self.st.levels.bytes;
        if levels.is_empty() {
            return self.shape_run(sh, face, (start, end), link, None);
        }
        let mut from = start;
        while from < end {
            let level = levels.get(from).copied().unwrap_or(0);
            let mut to = from + 1;
            while to < end && levels.get(to) == Some(&level) {
                to += 1;
            }
            while !self.st.text.is_char_boundary(to) {
                to += 1;
            }
            self.shape_run(sh, face, (from, to), link, Some(level % 2 == 1));
            from = to;
        }
    }

    fn shape_run(
        &mut self,
        sh: &mut Shaper,
        face: FontId,
        (start, end): (usize, usize),
        link: Option<u16>,
        rtl: Option<bool>,
    ) {
        let piece = &self.st.text[start..end];
        let glyphs = sh.shape_directed(face, piece, rtl);
        let scaled = ScaledGlyphs {
            face,
            k: self.scale(face),
            replacement: font(face).replacement,
            link,
        };
        let base = start as u32;
        match glyphs {
            Glyphs::Simple(glyphs) => {
                self.glyphs.reserve(glyphs.len());
                for (&(id, advance), i) in glyphs.iter().zip(base..) {
                    self.glyphs
                        .push(scaled.glyph(id, advance, (0, 0), (i, i + 1)));
                }
            }
            Glyphs::General(glyphs) => {
                self.glyphs.reserve(glyphs.len());
                for g in glyphs.iter() {
                    let text = if g.text.1 > g.text.0 {
                        (base + g.text.0, base + g.text.1)
                    } else {
                        (0, 0)
                    };
                    self.glyphs
                        .push(scaled.glyph(g.id, g.advance, (g.dx, g.dy), text));
                }
            }
        }
    }
}

/// What turns a shaped word's glyphs (font units) into a paragraph's.
struct ScaledGlyphs {
    face: FontId,
    /// Font units to points.
    k: f32,
    /// The face's replacement character: glyph and advance.
    replacement: Option<(u16, u16)>,
    link: Option<u16>,
}

impl ScaledGlyphs {
    #[inline(always)]
    fn glyph(&self, id: u16, advance: i32, (dx, dy): (i32, i32), text: (u32, u32)) -> PGlyph {
        // A character no face has is drawn as the replacement character
        // (its text kept), never as .notdef, which PDF/A and PDF/UA forbid.
        let (id, advance) = match (id, self.replacement) {
            (0, Some((id, advance))) => (id, advance as i32),
            _ => (id, advance),
        };
        PGlyph {
            face: self.face,
            id,
            advance: advance as f32 * self.k,
            dx: dx as f32 * self.k,
            dy: dy as f32 * self.k,
            text,
            link: self.link,
        }
    }
}

/// Hyphenation points by word.
type PointsByWord = hashbrown::HashMap<Box<str>, Arc<[u32]>, FxBuildHasher>;

/// Words kept per pattern set before a cache is emptied.
const HYPH_CACHE_LIMIT: usize = 200_000;

/// Cache of hyphenation points by word, one map per pattern set (keyed by
/// its address: patterns are loaded once and never freed). Each thread has
/// one, borrowed once per paragraph, backed by a process-wide one consulted
/// on a miss (as the shaping cache: a pure function, so the order documents
/// come in never changes a result).
#[derive(Default)]
struct HyphCache {
    by_language: Vec<(usize, PointsByWord)>,
}

static SHARED_HYPH: LazyLock<RwLock<HyphCache>> =
    LazyLock::new(|| RwLock::new(HyphCache::default()));

impl HyphCache {
    fn map(&mut self, key: usize) -> &mut PointsByWord {
        let i = match self.by_language.iter().position(|(k, _)| *k == key) {
            Some(i) => i,
            None => {
                self.by_language.push((key, PointsByWord::default()));
                self.by_language.len() - 1
            }
        };
        &mut self.by_language[i].1
    }

    fn points(&mut self, h: &'static Standard, word: &str) -> &[u32] {
        let key = h as *const Standard as usize;
        let map = self.map(key);
        if map.len() >= HYPH_CACHE_LIMIT && !map.contains_key(word) {
            map.clear();
        }
        // One lookup for a word seen before (nearly every word).
        map.entry_ref(word)
            .or_insert_with(|| shared_points(h, key, word))
    }
}

fn shared_points(h: &'static Standard, key: usize, word: &str) -> Arc<[u32]> {
    {
        let shared = SHARED_HYPH.read().unwrap_or_else(|e| e.into_inner());
        let hit = shared
            .by_language
            .iter()
            .find(|(k, _)| *k == key)
            .and_then(|(_, m)| m.get(word));
        if let Some(p) = hit {
            return p.clone();
        }
    }
    let points: Arc<[u32]> = h.hyphenate(word).breaks.iter().map(|b| *b as u32).collect();
    let mut shared = SHARED_HYPH.write().unwrap_or_else(|e| e.into_inner());
    let map = shared.map(key);
    if map.len() >= HYPH_CACHE_LIMIT {
        map.clear();
    }
    map.insert(word.into(), points.clone());
    points
}

/// The buffers a paragraph's glyphs and items are built in, kept per
/// thread from one paragraph to the next (see [`super::spare`]).
#[derive(Default)]
struct ItemBuffers {
    glyphs: Vec<PGlyph>,
    items: Vec<linebreak::Item>,
    extras: Vec<Extra>,
}

impl ItemBuffers {
    /// The thread's buffers, emptied, with room for `len` glyphs.
    fn take(len: usize) -> ItemBuffers {
        let mut bufs = spare::take(&ITEM_BUFFERS);
        bufs.glyphs.clear();
        bufs.items.clear();
        bufs.extras.clear();
        bufs.glyphs.reserve(len);
        bufs.items.reserve(len / 3);
        bufs.extras.reserve(len / 3);
        bufs
    }

    /// Gives the buffers back for the thread's next paragraph.
    fn keep(self) {
        let largest = self.glyphs.capacity().max(self.items.capacity());
        spare::give_back(&ITEM_BUFFERS, self, largest);
    }
}

/// The caches a paragraph is built with, borrowed once per paragraph.
struct Caches<'c> {
    shaper: &'c mut Shaper,
    hyph: &'c mut HyphCache,
}

thread_local! {
    static HYPH_CACHE: RefCell<HyphCache> = RefCell::new(HyphCache::default());
    static ITEM_BUFFERS: RefCell<ItemBuffers> = RefCell::new(ItemBuffers::default());
}

static HYPHENATORS: LazyLock<Mutex<BTreeMap<String, Option<&'static Standard>>>> =
    LazyLock::new(|| Mutex::new(BTreeMap::new()));

/// Hyphenation patterns for an ISO 639-1 code (English and French at least;
/// every language the `hyphenation` crate embeds), loaded once per process.
pub fn hyphenator(code: &str) -> Option<&'static Standard> {
    let code = code.trim().to_ascii_lowercase();
    let lang = match code.as_str() {
        "en" | "en-us" => HyphLang::EnglishUS,
        "en-gb" => HyphLang::EnglishGB,
        "de" => HyphLang::German1996,
        "el" => HyphLang::GreekMono,
        "sr" => HyphLang::SerbianCyrillic,
        "mn" => HyphLang::Mongolian,
        "no" => HyphLang::NorwegianBokmal,
        other => HyphLang::try_from_code(other)?,
    };
    let mut map = HYPHENATORS.lock().unwrap_or_else(|e| e.into_inner());
    *map.entry(code).or_insert_with(|| {
        Standard::from_embedded(lang)
            .ok()
            .map(|s| &*Box::leak(Box::new(s)))
    })
}

/// Whether a word may be broken at its hyphenation points: five letters
/// or more, none of them CJK (Chinese is never hyphenated), and not an
/// acronym ("UNMISS", "ЮНИСЕФ") or a proper name ("Vassily", "Мун"), in any
/// script: as in Typst and LaTeX practice, a word with a capital anywhere is
/// never hyphenated.
fn may_hyphenate(word: &str) -> bool {
    word.chars().count() >= 5
        && word
            .chars()
            .all(|c| c.is_alphabetic() && !c.is_uppercase() && !linebreak::is_cjk(c))
}

/// The part of `word` hyphenation looks at, and its byte offset: the word
/// without leading and trailing punctuation, and after an elision
/// apostrophe ("d’importance" → "importance", "l’Organisation" →
/// "Organisation", which is then left whole as a name).
fn hyphenation_core(word: &str) -> (usize, &str) {
    let lead = word.len() - word.trim_start_matches(|c: char| !c.is_alphabetic()).len();
    let core = word[lead..].trim_end_matches(|c: char| !c.is_alphabetic());
    match core.rfind(['’', '\'']) {
        Some(at) => {
            let skip = at + core[at..].chars().next().map_or(1, char::len_utf8);
            (lead + skip, &core[skip..])
        }
        None => (lead, core),
    }
}

#[cfg(test)]
fn hyphen_points(h: &'static Standard, word: &str) -> Box<[u32]> {
    HYPH_CACHE.with(|c| c.borrow_mut().points(h, word).into())
}

/// Lays out one paragraph. `label` names it in warnings ("paragraph 3").
pub fn layout_paragraph(
    st: &mut StyledText,
    style: &TextStyle,
    color: Color,
    measure: Measure,
    ctx: &mut Context<'_>,
    label: &str,
    tag: Tag,
) -> Vec<LineBox> {
    st.trim_end();
    st.levels = bidi::levels(&st.text, st.neutral_rtl);
    let st = &*st;
    let size = style.size.max(1.0);
    let line_height = style.line_height().max(size);
    if st.text.is_empty() {
        return Vec::new();
    }
    let first_width = (measure.width - measure.first_indent).max(size);
    let width = measure.width.max(size);
    let narrowest = first_width.min(width);
    let justify = style.align == Align::Justify;
    let params = Params {
        first_width,
        width,
        ragged: !justify,
        ragged_stretch: size * 3.0,
    };
    // The items carry the hyphenation points from the start; the first
    // pass of the breaker ignores them (as TeX, it tries without
    // hyphenation first), so a paragraph is shaped once, not once per pass.
    let (b, missing, forced_words) = with_shaper(|shaper| {
        HYPH_CACHE.with(|hyph| {
            let mut caches = Caches {
                shaper,
                hyph: &mut hyph.borrow_mut(),
            };
            build_items(st, style, ctx, &mut caches, size, narrowest, justify)
        })
    });
    let breaks = linebreak::break_lines(&b.items, &params);
    for c in missing {
        ctx.diagnostics
            .push(super::fonts::missing::diagnostic(label, c));
    }
    for w in forced_words {
        ctx.diagnostics.push(Diagnostic::warning(
            "word-broken",
            format!("{label}: '{w}' is wider than the line and was broken by force"),
            None,
        ));
    }
    let paint = Paint { color, tag };
    let lines = build_lines(&b, &breaks, style, paint, measure, line_height);
    ItemBuffers {
        glyphs: b.glyphs,
        items: b.items,
        extras: b.extras,
    }
    .keep();
    lines
}

/// How a paragraph's runs are painted and what they belong to.
#[derive(Debug, Clone, Copy)]
struct Paint {
    color: Color,
    tag: Tag,
}

/// Shapes the paragraph into Knuth–Plass items (see [`add_content`]).
fn build_items<'t>(
    st: &'t StyledText,
    style: &TextStyle,
    ctx: &mut Context<'_>,
    caches: &mut Caches<'_>,
    size: f32,
    narrowest: f32,
    justify: bool,
) -> (Builder<'t>, Vec<char>, Vec<String>) {
    let bufs = ItemBuffers::take(st.text.len());
    let mut b = Builder {
        st,
        size,
        glyphs: bufs.glyphs,
        items: bufs.items,
        extras: bufs.extras,
    };
    let mut missing: Vec<char> = Vec::new();
    let mut forced_words: Vec<String> = Vec::new();
    let mut prev = 0usize;
    for &(pos, opp) in linebreak::opportunities(&st.text).iter() {
        let seg = &st.text[prev..pos];
        let content_len = seg.trim_end_matches([' ', '\n']).len();
        let content_end = prev + content_len;
        let has_space = seg[content_len..].contains(' ');
        let mandatory = opp == BreakOpportunity::Mandatory;
        let last_face = add_content(
            &mut b,
            ctx,
            caches,
            prev,
            content_end,
            style,
            &mut missing,
            narrowest,
            &mut forced_words,
            justify,
        );
        let is_end = pos >= st.text.len();
        let newline = (mandatory && !is_end && seg[content_len..].contains('\n'))
            .then_some(())
            .and_then(|()| {
                let face = last_face
                    .unwrap_or_else(|| ctx.book.select(style.font, style.bold, style.italic));
                let (id, _) = font(face).space?;
                b.glyphs.push(PGlyph {
                    face,
                    id,
                    advance: 0.0,
                    dx: 0.0,
                    dy: 0.0,
                    text: BREAK_SPACE,
                    link: None,
                });
                Some((b.glyphs.len() - 1) as u32)
            });
        if is_end || mandatory {
            b.push(
                linebreak::Item::Penalty {
                    width: 0.0,
                    cost: f32::INFINITY,
                    flagged: false,
                },
                Extra::None,
            );
            b.push(
                linebreak::Item::Glue {
                    width: 0.0,
                    stretch: 1e6,
                    shrink: 0.0,
                },
                Extra::None,
            );
            b.push(
                linebreak::Item::Penalty {
                    width: 0.0,
                    cost: f32::NEG_INFINITY,
                    flagged: false,
                },
                match newline {
                    Some(g) => Extra::Newline(Some(g)),
                    None => Extra::None,
                },
            );
        } else if has_space {
            let face =
                last_face.unwrap_or_else(|| ctx.book.select(style.font, style.bold, style.italic));
            let f = font(face);
            let space_gid = f.space.map(|(g, _)| g);
            let w = f.space.map(|(_, a)| a as f32).unwrap_or(f.upem * 0.25) * b.scale(face);
            let glyph = space_gid.map(|id| {
                b.glyphs.push(PGlyph {
                    face,
                    id,
                    advance: w,
                    dx: 0.0,
                    dy: 0.0,
                    text: (content_end as u32, content_end as u32 + 1),
                    link: st.span_at(content_end as u32).1.link,
                });
                (b.glyphs.len() - 1) as u32
            });
            let (stretch, shrink) = if justify {
                (w * 0.6, w * 0.3)
            } else {
                (0.0, 0.0)
            };
            b.push(
                linebreak::Item::Glue {
                    width: w,
                    stretch,
                    shrink,
                },
                Extra::Space(glyph),
            );
        } else if is_cjk_break(&st.text, pos) {
            // Between CJK characters: a break with no space, and the glue
            // a justified line's slack is spread over (no natural width).
            b.push(
                linebreak::Item::Glue {
                    width: 0.0,
                    stretch: if justify { size * CJK_STRETCH_EM } else { 0.0 },
                    shrink: 0.0,
                },
                Extra::Space(None),
            );
        } else {
            let hyphen_end = st.text[prev..content_end].ends_with(['-', '\u{2010}']);
            let after_dash =
                st.text[prev..content_end].ends_with(['-', '\u{2010}', '\u{2013}', '\u{2014}']);
            b.push(
                linebreak::Item::Penalty {
                    width: 0.0,
                    cost: if after_dash { 50.0 } else { 100.0 },
                    flagged: after_dash,
                },
                if hyphen_end {
                    Extra::AfterHyphen
                } else {
                    Extra::None
                },
            );
        }
        prev = pos;
    }
    (b, missing, forced_words)
}

/// How far the glue between two CJK characters of a justified line may
/// stretch, in ems: the slack of a Chinese line (less than a character, or
/// two where kinsoku moved one over) is spread between its ideographs. A
/// quarter em lets a line of a dozen characters absorb two characters'
/// slack within the breaker's tolerance; a space stretches 0.15 em.
const CJK_STRETCH_EM: f32 = 0.25;

/// Whether the break opportunity at byte `pos` (with no space before it) is
/// one between CJK characters, or between a CJK character and another:
/// Chinese lines break there at no cost and justify by spreading there.
fn is_cjk_break(text: &str, pos: usize) -> bool {
    let before = text.get(..pos).and_then(|t| t.chars().next_back());
    let after = text.get(pos..).and_then(|t| t.chars().next());
    before.is_some_and(linebreak::is_cjk) || after.is_some_and(linebreak::is_cjk)
}

/// Shapes `text[start..end]` (one word between break opportunities) into
/// boxes, with hyphenation penalties and forced splits. Returns the face of
/// the last piece.
#[allow(clippy::too_many_arguments)]
fn add_content(
    b: &mut Builder<'_>,
    ctx: &mut Context<'_>,
    caches: &mut Caches<'_>,
    start: usize,
    end: usize,
    style: &TextStyle,
    missing: &mut Vec<char>,
    narrowest: f32,
    forced_words: &mut Vec<String>,
    justify: bool,
) -> Option<FontId> {
    if start >= end {
        return None;
    }
    let st = b.st;
    let first_glyph = b.glyphs.len();
    let mut last_face = None;
    // Split by style spans, then by font coverage.
    let mut pos = start;
    while pos < end {
        let (_, span) = st.span_at(pos as u32);
        let span_end = (span.end as usize).min(end).max(pos + 1);
        let primary = ctx.book.select(
            style.font,
            style.bold || span.bold,
            style.italic || span.italic,
        );
        let piece = &st.text[pos..span_end];
        // Fast path: the primary face covers the whole piece.
        if covers_piece(font(primary), piece) {
            b.shape_piece(caches.shaper, primary, pos, span_end, span.link);
            last_face = Some(primary);
        } else {
            let mut run_start = pos;
            let mut run_face: Option<FontId> = None;
            for (off, c) in piece.char_indices() {
                let at = pos + off;
                let face = if is_invisible(c) {
                    run_face.unwrap_or(primary)
                } else {
                    match ctx.book.face_for(primary, c) {
                        Some(f) => f,
                        None => {
                            if !missing.contains(&c) {
                                missing.push(c);
                            }
                            primary
                        }
                    }
                };
                if run_face.is_some_and(|f| f != face) {
                    if let Some(f) = run_face {
                        b.shape_piece(caches.shaper, f, run_start, at, span.link);
                    }
                    run_start = at;
                }
                run_face = Some(face);
            }
            if let Some(f) = run_face {
                b.shape_piece(caches.shaper, f, run_start, span_end, span.link);
                last_face = Some(f);
            }
        }
        pos = span_end;
    }
    let last_glyph = b.glyphs.len();
    let width: f32 = b.glyphs[first_glyph..last_glyph]
        .iter()
        .map(|g| g.advance)
        .sum();
    if width > narrowest {
        forced_words.push(st.text[start..end].to_string());
        let mut chunk_start = first_glyph;
        let mut acc = 0.0;
        for i in first_glyph..last_glyph {
            let w = b.glyphs[i].advance;
            let boundary = b.glyphs[i].text != (0, 0);
            if acc + w > narrowest && i > chunk_start && boundary {
                push_box(b, chunk_start, i);
                b.push(
                    linebreak::Item::Penalty {
                        width: 0.0,
                        cost: 0.0,
                        flagged: false,
                    },
                    Extra::Forced,
                );
                chunk_start = i;
                acc = 0.0;
            }
            acc += w;
        }
        push_box(b, chunk_start, last_glyph);
        return last_face;
    }
    // Hyphenation of the alphabetic core of a word in a single face.
    let single_face = b.glyphs[first_glyph..last_glyph]
        .iter()
        .all(|g| Some(g.face) == last_face);
    if let (Some(h), true, true) = (ctx.hyphenator, justify, single_face) {
        let (lead, core) = hyphenation_core(&st.text[start..end]);
        if may_hyphenate(core) {
            let points = caches.hyph.points(h, core);
            let face = last_face.unwrap_or(b.glyphs[first_glyph].face);
            let f = font(face);
            // The breaker's first pass tells hyphenation penalties by their
            // width: a face without a hyphen glyph is not hyphenated.
            if let (false, Some((hyphen, hw))) = (points.is_empty(), f.hyphen) {
                let hyphen = Some(hyphen);
                let hw = hw as f32 * b.scale(face);
                let mut from = first_glyph;
                for p in points.iter() {
                    let at = (start + lead) as u32 + p;
                    if let Some(k) = (from + 1..last_glyph)
                        .find(|&k| b.glyphs[k].text.0 == at && b.glyphs[k].text != (0, 0))
                    {
                        push_box(b, from, k);
                        let glyph = hyphen.map(|id| {
                            b.glyphs.push(PGlyph {
                                face,
                                id,
                                advance: hw,
                                dx: 0.0,
                                dy: 0.0,
                                text: SOFT_HYPHEN,
                                link: b.glyphs[first_glyph].link,
                            });
                            (b.glyphs.len() - 1) as u32
                        });
                        b.push(
                            linebreak::Item::Penalty {
                                width: hw,
                                cost: 50.0,
                                flagged: true,
                            },
                            Extra::Hyphen(glyph),
                        );
                        from = k;
                    }
                }
                push_box(b, from, last_glyph);
                return last_face;
            }
        }
    }
    push_box(b, first_glyph, last_glyph);
    last_face
}

/// Whether face `f` draws every character of `piece` that draws anything;
/// a piece of printable ASCII, spaces and line breaks is answered without
/// a look-up per character when the face has all of printable ASCII.
fn covers_piece(f: &Font, piece: &str) -> bool {
    let printable_ascii = piece
        .bytes()
        .all(|b| (b' '..=b'~').contains(&b) || b == b'\n');
    (printable_ascii && f.covers_printable_ascii())
        || piece.chars().all(|c| f.covers(c) || is_invisible(c))
}

fn push_box(b: &mut Builder<'_>, from: usize, to: usize) {
    let width = b.glyphs[from..to].iter().map(|g| g.advance).sum();
    b.push(
        linebreak::Item::Box { width },
        Extra::Glyphs(from as u32, to as u32),
    );
}

/// Characters that draw nothing and need no glyph of their own.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{FE00}'..='\u{FE0F}'
    ) || c == ' '
        || c == '\n'
}

fn build_lines(
    b: &Builder<'_>,
    breaks: &[Break],
    style: &TextStyle,
    paint: Paint,
    measure: Measure,
    line_height: f32,
) -> Vec<LineBox> {
    let mut lines = Vec::with_capacity(breaks.len());
    let mut start = 0usize;
    let size = b.size;
    let baseline = (line_height - size) / 2.0 + size * 0.8;
    let mut glyphs: Vec<PGlyph> = Vec::with_capacity(128);
    let mut levels: Vec<u8> = Vec::new();
    for (li, brk) in breaks.iter().enumerate() {
        glyphs.clear();
        // Skip discardable items at the start of a line.
        let mut i = start;
        if li > 0 {
            while i < brk.at && !matches!(b.items[i], linebreak::Item::Box { .. }) {
                i += 1;
            }
        }
        while i < brk.at {
            match (b.items[i], b.extras[i]) {
                (linebreak::Item::Box { .. }, Extra::Glyphs(from, to)) => {
                    glyphs.extend_from_slice(&b.glyphs[from as usize..to as usize])
                }
                (
                    linebreak::Item::Glue {
                        width,
                        stretch,
                        shrink,
                    },
                    extra,
                ) => {
                    let w = if brk.ratio >= 0.0 {
                        width + brk.ratio.min(MAX_STRETCH_RATIO) * stretch
                    } else {
                        width + brk.ratio * shrink
                    };
                    if let Extra::Space(Some(g)) = extra {
                        let mut g = b.glyphs[g as usize];
                        g.advance = w;
                        glyphs.push(g);
                    } else if let (Extra::Space(None), Some(last)) = (extra, glyphs.last_mut()) {
                        last.advance += w;
                    }
                }
                _ => {}
            }
            i += 1;
        }
        let mut soft_end = None;
        match (b.items[brk.at], b.extras[brk.at]) {
            (linebreak::Item::Penalty { .. }, Extra::Hyphen(Some(g))) => {
                glyphs.push(b.glyphs[g as usize])
            }
            (linebreak::Item::Penalty { .. }, Extra::Forced) => soft_end = Some('\u{00AD}'),
            (linebreak::Item::Penalty { .. }, Extra::Newline(Some(g))) => {
                glyphs.push(b.glyphs[g as usize])
            }
            (linebreak::Item::Penalty { .. }, Extra::AfterHyphen) => soft_end = Some('\u{200B}'),
            _ => {}
        }
        if soft_end.is_none()
            && glyphs.last().is_some_and(|g| {
                g.text != SOFT_HYPHEN
                    && b.st
                        .text
                        .get(g.text.0 as usize..g.text.1 as usize)
                        .is_some_and(|t| t.ends_with(['-', '\u{2010}']))
            })
        {
            soft_end = Some('\u{200B}');
        }
        // A line that ends at a space keeps it, with no width: a reader that
        // joins the lines of a paragraph (the structure tree's text) sees
        // the words apart. (A line ending in a hyphen has its U+200B instead,
        // which keeps extractors from joining "lower-" to the next word.)
        if let (None, linebreak::Item::Glue { .. }, Extra::Space(Some(g))) =
            (soft_end, b.items[brk.at], b.extras[brk.at])
            && brk.at + 1 < b.items.len()
        {
            let mut g = b.glyphs[g as usize];
            g.advance = 0.0;
            glyphs.push(g);
        }
        reorder_line(b, &mut glyphs, &mut levels);
        let indent = if li == 0 { measure.first_indent } else { 0.0 };
        let avail = if li == 0 {
            measure.width - measure.first_indent
        } else {
            measure.width
        };
        let natural: f32 = glyphs.iter().map(|g| g.advance).sum();
        let x0 = measure.x + line_offset(style.align, b.st, indent, avail - natural);
        let at = (x0, baseline);
        let line = LineGlyphs {
            glyphs: &glyphs,
            levels: &levels,
        };
        lines.push(LineBox {
            height: line_height,
            items: runs_from_glyphs(b, line, at, size, paint, soft_end),
        });
        start = brk.at + 1;
    }
    // In order, so a word broken over several lines is gathered whole.
    for i in 1..lines.len() {
        let (head, tail) = lines.split_at_mut(i);
        if let (Some(last), Some(next)) = (head.last_mut(), tail.first_mut()) {
            carry_hyphenated_word(last, next);
        }
    }
    lines
}

/// A line's glyphs in visual order and the level of each (empty when the
/// paragraph is all left to right).
#[derive(Clone, Copy)]
struct LineGlyphs<'g> {
    glyphs: &'g [PGlyph],
    levels: &'g [u8],
}

/// Where a line starts, from the measure's left edge: `indent` is the first
/// line's indent (at the right of a right-to-left paragraph), `slack` the
/// room the line leaves. Left and right swap when the paragraph runs right
/// to left (or as [`StyledText::mirror`] says); a justified right-to-left
/// paragraph's last line (and any line left short) sits flush right.
fn line_offset(align: Align, st: &StyledText, indent: f32, slack: f32) -> f32 {
    let rtl = st.levels.rtl;
    let align = match (align, st.mirror.unwrap_or(rtl)) {
        (Align::Left, true) => Align::Right,
        (Align::Right, true) => Align::Left,
        (Align::Justify, true) => Align::Right,
        (a, _) => a,
    };
    let lead = if rtl { 0.0 } else { indent };
    lead + match align {
        Align::Center => (slack / 2.0).max(0.0),
        Align::Right => slack.max(0.0),
        Align::Left | Align::Justify => 0.0,
    }
}

/// Puts a line's glyphs — pieces in logical order, each piece's glyphs in
/// visual order — in visual order (UAX #9 rule L2 over the pieces), and
/// sets `levels` to each glyph's level. Trailing spaces take the
/// paragraph's level (rule L1). Nothing to do in a left-to-right paragraph
/// with no right-to-left text.
fn reorder_line(b: &Builder<'_>, glyphs: &mut Vec<PGlyph>, levels: &mut Vec<u8>) {
    levels.clear();
    let para = &b.st.levels;
    if para.bytes.is_empty() {
        return;
    }
    let base = para.base();
    let mut prev = base;
    for g in glyphs.iter() {
        let level = match g.text {
            BREAK_SPACE => base,
            SOFT_HYPHEN | (0, 0) => prev,
            (a, _) => para.at(a as usize),
        };
        levels.push(level);
        prev = level;
    }
    let is_space = |g: &PGlyph| {
        g.text == BREAK_SPACE
            || b.st
                .text
                .get(g.text.0 as usize..g.text.1 as usize)
                .is_some_and(|t| !t.is_empty() && t.chars().all(char::is_whitespace))
    };
    for (g, level) in glyphs.iter().zip(levels.iter_mut()).rev() {
        if !is_space(g) {
            break;
        }
        *level = base;
    }
    // Pieces: a glyph with the glyphs of its cluster; at an odd level, a
    // run of glyphs whose text goes backwards (one right-to-left piece).
    let mut pieces: Vec<(usize, usize)> = Vec::new();
    let mut piece_levels: Vec<u8> = Vec::new();
    let mut i = 0;
    while i < glyphs.len() {
        let level = levels[i];
        let mut last = glyphs[i].text.0;
        let mut j = i + 1;
        while j < glyphs.len() && levels[j] == level {
            let t = glyphs[j].text;
            if t == (0, 0) {
                j += 1;
            } else if level % 2 == 1 && t != SOFT_HYPHEN && t != BREAK_SPACE && t.0 < last {
                last = t.0;
                j += 1;
            } else {
                break;
            }
        }
        pieces.push((i, j));
        piece_levels.push(level);
        i = j;
    }
    let order = bidi::visual_order(&piece_levels);
    let (logical, logical_levels) = (glyphs.clone(), levels.clone());
    glyphs.clear();
    levels.clear();
    for k in order {
        let (from, to) = pieces[k];
        glyphs.extend_from_slice(&logical[from..to]);
        levels.extend_from_slice(&logical_levels[from..to]);
    }
}

/// A right-to-left run's text in logical order: its glyphs are in visual
/// order and its text was gathered glyph by glyph, so the text is put back
/// cluster by cluster, last glyph first (each glyph keeps its slice).
fn finish_run(mut run: TextRun) -> TextRun {
    if !run.rtl {
        return run;
    }
    let mut text = String::with_capacity(run.text.len());
    let mut i = run.glyphs.len();
    while i > 0 {
        i -= 1;
        let (a, e) = run.glyphs[i].text;
        if e > a {
            let at = text.len() as u32;
            text.push_str(run.text.get(a as usize..e as usize).unwrap_or(""));
            run.glyphs[i].text = (at, text.len() as u32);
        } else {
            run.glyphs[i].text = (text.len() as u32, text.len() as u32);
        }
    }
    run.text = text;
    run
}

/// Longest word (in bytes of text) carried whole to the line where it ends.
/// A longer one — only a word broken by force over many lines, which is
/// warned about — keeps its pieces on their lines: carrying it line after
/// line would copy it once per line, quadratic in its length.
const MAX_CARRIED_WORD: usize = 1024;

/// A word hyphenated at a line end reaches a reader's text layer in two
/// pieces, which readers rejoin only when the lines come out adjacent (not
/// across a page break, not always at the head of a page). So the first
/// glyph of the next line takes the whole word as its text
/// ("machine\u{AD}guns") and the fragment before the break stands for
/// nothing: the text layer shows the word once, where it ends.
fn carry_hyphenated_word(last: &mut LineBox, next: &mut LineBox) {
    let Some(Item::Text(end_run)) = last
        .items
        .iter_mut()
        .rev()
        .find(|i| matches!(i, Item::Text(_)))
    else {
        return;
    };
    let Some(hyphen) = end_run.glyphs.last().copied() else {
        return;
    };
    if !end_run.glyph_text(&hyphen).ends_with('\u{00AD}') {
        return;
    }
    let Some(Item::Text(start_run)) = next.items.iter_mut().find(|i| matches!(i, Item::Text(_)))
    else {
        return;
    };
    // The word's beginning: glyphs back from the break to the last space.
    let mut from = end_run.glyphs.len();
    while from > 0 {
        let g = end_run.glyphs[from - 1];
        if end_run.glyph_text(&g).contains(char::is_whitespace) {
            break;
        }
        from -= 1;
    }
    let head_len: usize = end_run.glyphs[from..]
        .iter()
        .map(|g| (g.text.1 - g.text.0) as usize)
        .sum();
    if head_len > MAX_CARRIED_WORD {
        return;
    }
    let mut head = String::new();
    for g in &mut end_run.glyphs[from..] {
        head.push_str(
            end_run
                .text
                .get(g.text.0 as usize..g.text.1 as usize)
                .unwrap_or(""),
        );
        g.text = (g.text.0, g.text.0);
    }
    let Some(first) = start_run.glyphs.first().copied() else {
        return;
    };
    let tail = start_run.glyph_text(&first).to_string();
    let at = start_run.text.len() as u32;
    start_run.text.push_str(&head);
    start_run.text.push_str(&tail);
    if let Some(g) = start_run.glyphs.first_mut() {
        g.text = (at, start_run.text.len() as u32);
    }
}

fn runs_from_glyphs(
    b: &Builder<'_>,
    line: LineGlyphs<'_>,
    (x0, baseline): (f32, f32),
    size: f32,
    paint: Paint,
    soft_end: Option<char>,
) -> Vec<Item> {
    let glyphs = line.glyphs;
    let mut items = Vec::new();
    let mut x = x0;
    let mut run: Option<TextRun> = None;
    let mut link: Option<(u16, f32, f32)> = None;
    let mut links: Vec<Item> = Vec::new();
    // The run's text is copied from the paragraph in contiguous stretches
    // (one copy per stretch, not per glyph); `pending` is the stretch not
    // yet copied, `len` the run's text length counting it.
    let source = &b.st.text;
    let mut pending: (usize, usize) = (0, 0);
    let mut len = 0usize;
    // Where each run starts in the paragraph's text, gathered only for a
    // line with right-to-left text, to put its runs in logical (reading)
    // order.
    let reorder = !line.levels.is_empty();
    let mut starts: Vec<u32> = Vec::new();
    let mut start = u32::MAX;
    let flush = |r: &mut TextRun, pending: &mut (usize, usize)| {
        if pending.1 > pending.0 {
            r.text.push_str(&source[pending.0..pending.1]);
        }
        *pending = (0, 0);
    };
    for (gi, g) in glyphs.iter().enumerate() {
        let rtl = line.levels.get(gi).is_some_and(|l| l % 2 == 1);
        // A run has one face, one direction and belongs to one link (or
        // none), so that a link's text can be content of its link element.
        if run
            .as_ref()
            .is_some_and(|r| r.font != g.face || r.link != g.link || r.rtl != rtl)
        {
            if let Some(r) = run.as_mut() {
                flush(r, &mut pending);
            }
            items.extend(run.take().map(finish_run).map(Item::Text));
            if reorder {
                starts.push(start);
            }
            start = u32::MAX;
            len = 0;
        }
        let r = run.get_or_insert_with(|| TextRun {
            font: g.face,
            size,
            color: paint.color,
            x,
            y: baseline,
            glyphs: Vec::with_capacity(glyphs.len()),
            text: String::with_capacity(glyphs.len() + 8),
            tag: paint.tag,
            link: g.link,
            rtl,
        });
        let ts = len;
        if reorder && g.text.1 > g.text.0 && g.text != SOFT_HYPHEN && g.text != BREAK_SPACE {
            start = start.min(g.text.0);
        }
        let (a, e) = (g.text.0 as usize, g.text.1 as usize);
        if g.text == SOFT_HYPHEN || g.text == BREAK_SPACE {
            flush(r, &mut pending);
            r.text.push(if g.text == SOFT_HYPHEN {
                '\u{00AD}'
            } else {
                ' '
            });
            len = r.text.len();
        } else if e > a && source.get(a..e).is_some() {
            if pending.1 != a || pending.1 == pending.0 {
                flush(r, &mut pending);
                pending.0 = a;
            }
            pending.1 = e;
            len += e - a;
        }
        if let Some(c) = soft_end
            && std::ptr::eq(g, glyphs.last().unwrap_or(g))
        {
            flush(r, &mut pending);
            r.text.push(c);
            len = r.text.len();
        }
        r.glyphs.push(Glyph {
            id: g.id,
            advance: g.advance,
            dx: g.dx,
            dy: g.dy,
            text: (ts as u32, len as u32),
        });
        // Links.
        match (link, g.link) {
            (Some((id, _, _)), Some(l)) if id == l => {
                if let Some(lk) = link.as_mut() {
                    lk.2 = x + g.advance;
                }
            }
            (cur, new) => {
                if let Some((id, from, to)) = cur {
                    links.push(link_item(b, id, (from, to), (baseline, size), paint.tag));
                }
                link = new.map(|l| (l, x, x + g.advance));
            }
        }
        x += g.advance;
    }
    if let Some(r) = run.as_mut() {
        flush(r, &mut pending);
    }
    items.extend(run.map(finish_run).map(Item::Text));
    if reorder {
        starts.push(start);
        // Painted in reading order: the content stream (and so the
        // structure tree's text) reads the line as written.
        let mut keyed: Vec<(u32, Item)> = starts.into_iter().zip(items).collect();
        keyed.sort_by_key(|(k, _)| *k);
        items = keyed.into_iter().map(|(_, i)| i).collect();
    }
    if let Some((id, from, to)) = link {
        links.push(link_item(b, id, (from, to), (baseline, size), paint.tag));
    }
    items.extend(links);
    items
}

fn link_item(
    b: &Builder<'_>,
    id: u16,
    (from, to): (f32, f32),
    (baseline, size): (f32, f32),
    tag: Tag,
) -> Item {
    Item::Link(Link {
        rect: (from, baseline - size * 0.85, to, baseline + size * 0.25),
        url: b.st.links.get(id as usize).cloned().unwrap_or_default(),
        page: None,
        alt: b.st.link_text(id),
        tag,
        local: Some(id),
    })
}

/// The face a style starts with (used for markers and bands).
pub fn style_face(book: &FontBook, style: &TextStyle) -> FontId {
    book.select(style.font, style.bold, style.italic)
}

/// Role helper: the face of a role with explicit weight/slant.
pub fn role_face(book: &FontBook, role: FontRole, bold: bool, italic: bool) -> FontId {
    book.select(role, bold, italic)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::Template;

    #[test]
    fn styled_text_collapses_white_space_drops_controls_and_upper_cases() {
        let text = |s: &str, case| StyledText::plain(s, false, false, case).text;
        assert_eq!(text("  a \t\n b\u{0007}c\u{FEFF}d  ", Case::AsIs), "a bcd ");
        assert_eq!(
            text("no\u{00A0}break\u{202F}here", Case::AsIs),
            "no\u{00A0}break\u{202F}here"
        );
        assert_eq!(text("Straße é-x 3½ ŋ", Case::Upper), "STRASSE É-X 3½ Ŋ");
        let mut st = StyledText::plain("one ", false, false, Case::AsIs);
        st.push("  two", true, false, None, Case::AsIs);
        assert_eq!(
            st.text, "one two",
            "no second space where one text ends with one"
        );
    }

    #[test]
    fn a_piece_is_covered_as_its_characters_are() {
        let book = FontBook::new(&Template::default()).expect("bundled fonts");
        let serif = book.select(FontRole::Body, false, false);
        let arabic = book.face_for(serif, '\u{0628}').expect("an Arabic face");
        let pieces = [
            "word",
            "Secretary-General,",
            "a b\nc",
            "",
            " ",
            "tab\there",
            "caf\u{e9}",
            "\u{2019}s",
            "\u{4E2D}\u{6587}",
            "\u{0628}\u{062A}",
            "~!@#$%^&*()_+{}|:<>?",
        ];
        for face in [serif, arabic] {
            let f = font(face);
            for piece in pieces {
                let general = piece.chars().all(|c| f.covers(c) || is_invisible(c));
                assert_eq!(covers_piece(f, piece), general, "{piece:?} in {}", f.name);
            }
        }
        assert!(font(serif).covers_printable_ascii());
    }

    #[test]
    fn english_and_french_patterns_load() {
        for (code, word) in [("en", "peacekeeping"), ("fr", "gouvernement")] {
            let h = hyphenator(code).unwrap_or_else(|| panic!("{code} patterns"));
            assert!(!hyphen_points(h, word).is_empty(), "{code}: {word}");
        }
        assert!(hyphenator("xx").is_none());
    }

    /// The text of each line of a justified `text` set `width` points wide
    /// with English hyphenation.
    fn justified_line_texts(text: &str, width: f32) -> Vec<String> {
        justified_lines(text, width, "en")
            .iter()
            .map(|(s, _)| s.clone())
            .collect()
    }

    /// The text and width of each line of a justified `text` set `width`
    /// points wide with the hyphenation patterns of language `lang`.
    fn justified_lines(text: &str, width: f32, lang: &str) -> Vec<(String, f32)> {
        let t = Template::default();
        let book = FontBook::new(&t).unwrap();
        let mut diags = Vec::new();
        let style = TextStyle {
            align: Align::Justify,
            ..TextStyle::default()
        };
        let mut ctx = Context {
            book: &book,
            hyphenator: hyphenator(lang),
            diagnostics: &mut diags,
        };
        let measure = Measure {
            x: 0.0,
            width,
            first_indent: 0.0,
        };
        let mut st = StyledText::plain(text, false, false, Case::AsIs);
        let tag = Tag::Artifact(crate::layout::frame::Artifact::Layout);
        let lines = layout_paragraph(&mut st, &style, Color::BLACK, measure, &mut ctx, "t", tag);
        lines
            .iter()
            .map(|line| {
                let mut s = String::new();
                let mut w = 0.0;
                for item in &line.items {
                    if let Item::Text(run) = item {
                        w += run.width();
                        for g in &run.glyphs {
                            s.push_str(run.glyph_text(g));
                        }
                    }
                }
                (s, w)
            })
            .collect()
    }

    /// The words of `lines` a line end hyphenated (they reach the text
    /// layer whole, with U+00AD where they were broken).
    fn hyphenated_words(lines: &[(String, f32)]) -> Vec<String> {
        lines
            .iter()
            .flat_map(|(l, _)| l.split_whitespace())
            .filter(|w| w.contains('\u{AD}'))
            .map(str::to_string)
            .collect()
    }

    const CHINESE: &str = "联合国秘书长古特雷斯说：“和平是全人类的最大奖。”他指出，各国应当\
        加强合作，共同应对气候变化、冲突和贫困等全球性挑战。（新闻稿）他还表示，联合国将继续\
        支持各国实现可持续发展目标；我们必须团结一致！";

    #[test]
    fn chinese_lines_break_between_ideographs_and_never_start_with_closing_punctuation() {
        for width in [60.0, 75.0, 100.0, 137.0, 200.0] {
            let lines = justified_lines(CHINESE, width, "zh");
            assert!(lines.len() > 2, "{width}: {lines:?}");
            for (text, _) in &lines[1..] {
                let first = text.chars().next().unwrap_or(' ');
                assert!(
                    !"。，、；：？！）」』】〕》〉”’…".contains(first),
                    "{width}: {text}"
                );
            }
            for (text, _) in &lines {
                let last = text.trim_end().chars().next_back().unwrap_or(' ');
                assert!(!"（「『【〔《〈“‘".contains(last), "{width}: {text}");
                assert!(!text.contains('\u{AD}'), "Chinese hyphenated: {text}");
            }
            let all: String = lines.iter().map(|(t, _)| t.as_str()).collect();
            assert_eq!(all, CHINESE, "every character, in order, once");
        }
    }

    #[test]
    fn justified_chinese_lines_fill_the_measure_by_inter_character_spacing() {
        for width in [137.0, 200.0, 251.0] {
            let lines = justified_lines(CHINESE, width, "zh");
            let (last, body) = lines.split_last().unwrap();
            for (text, w) in body {
                // No spaces: the slack went between the characters.
                assert!(!text.contains(' '), "{text}");
                assert!((w - width).abs() < 0.05, "{width}: {w}pt: {text}");
            }
            assert!(last.1 <= width + 0.01);
        }
        // The last line is not stretched: set alone, it is as wide.
        let lines = justified_lines("联合国秘书长", 200.0, "zh");
        assert_eq!(lines.len(), 1);
        let natural = lines[0].1;
        assert!(natural < 100.0, "{natural}");
    }

    #[test]
    fn french_spanish_and_russian_words_are_hyphenated_with_their_own_patterns() {
        for (code, word) in [
            ("fr", "gouvernement"),
            ("es", "organización"),
            ("ru", "безопасности"),
        ] {
            let h = hyphenator(code).unwrap_or_else(|| panic!("{code} patterns"));
            assert!(!hyphen_points(h, word).is_empty(), "{code}: {word}");
        }
        // Each language's own patterns: Spanish breaks "organización" as
        // "or-ga-ni-za-ción", between syllables English patterns miss.
        let es: Vec<u32> = hyphen_points(hyphenator("es").unwrap(), "organización").into();
        let en: Vec<u32> = hyphen_points(hyphenator("en").unwrap(), "organización").into();
        assert_ne!(es, en);
        for (code, text) in [
            (
                "fr",
                "la sécurité internationale et le développement durable des populations ",
            ),
            (
                "es",
                "la seguridad internacional y el desarrollo sostenible de las poblaciones ",
            ),
            (
                "ru",
                "международного сотрудничества и устойчивого развития всех государств ",
            ),
        ] {
            let text = text.repeat(8);
            let words: Vec<String> = [90.0, 110.0, 130.0]
                .iter()
                .flat_map(|&w| hyphenated_words(&justified_lines(&text, w, code)))
                .collect();
            assert!(!words.is_empty(), "{code}: nothing hyphenated");
        }
    }

    #[test]
    fn capitals_are_never_hyphenated_in_any_script() {
        for word in [
            "ООН",
            "ЮНИСЕФ",
            "Организации",
            "UNMISS",
            "Vassily",
            "ONUSIDA",
            "iPhone",
            "联合国秘书长",
        ] {
            assert!(!may_hyphenate(word), "{word}");
        }
        assert!(may_hyphenate("безопасности"));
        assert_eq!(hyphenation_core("d’importance,"), (4, "importance"));
        assert_eq!(hyphenation_core("«l’Organisation»").1, "Organisation");
        let text = "Генеральный секретарь ООН Пан Ги Мун и Организации Объединенных Наций \
                    ЮНИСЕФ Константинопольский сотрудничество "
            .repeat(6);
        // Measures wider than any word, so no break is forced.
        for width in [130.0, 150.0, 170.0, 190.0] {
            for word in hyphenated_words(&justified_lines(&text, width, "ru")) {
                assert!(
                    !word.chars().any(char::is_uppercase),
                    "{width}: hyphenated {word}"
                );
            }
        }
    }

    /// Lines of `text` laid out `width` points wide in `align`.
    fn lines_of(text: &str, align: Align, width: f32) -> Vec<LineBox> {
        let t = Template::default();
        let book = FontBook::new(&t).unwrap();
        let mut diags = Vec::new();
        let style = TextStyle {
            align,
            ..TextStyle::default()
        };
        let mut ctx = Context {
            book: &book,
            hyphenator: None,
            diagnostics: &mut diags,
        };
        let measure = Measure {
            x: 50.0,
            width,
            first_indent: 0.0,
        };
        let mut st = StyledText::plain(text, false, false, Case::AsIs);
        let tag = Tag::Artifact(crate::layout::frame::Artifact::Layout);
        layout_paragraph(&mut st, &style, Color::BLACK, measure, &mut ctx, "t", tag)
    }

    /// Each glyph's text and left edge, left to right (a line's runs come
    /// in reading order).
    fn glyph_xs(line: &LineBox) -> Vec<(String, f32)> {
        let mut out = Vec::new();
        for item in &line.items {
            if let Item::Text(run) = item {
                let mut x = run.x;
                for g in &run.glyphs {
                    out.push((run.glyph_text(g).to_string(), x));
                    x += g.advance;
                }
            }
        }
        out.sort_by(|a, b| a.1.total_cmp(&b.1));
        out
    }

    fn x_of(xs: &[(String, f32)], text: &str, nth: usize) -> f32 {
        xs.iter()
            .filter(|(t, _)| t == text)
            .nth(nth)
            .unwrap_or_else(|| panic!("no glyph {text:?} #{nth} in {xs:?}"))
            .1
    }

    #[test]
    fn a_mixed_arabic_latin_digit_line_is_in_visual_order() {
        let lines = lines_of("بغداد، 28 تموز/ يوليو 2020 – UNAMI", Align::Justify, 400.0);
        assert_eq!(lines.len(), 1);
        let xs = glyph_xs(&lines[0]);
        // Right to left: Baghdad, 28, the months, 2020, the dash, UNAMI.
        let (ba, eight, ta, dash, u) = (
            x_of(&xs, "ب", 0),
            x_of(&xs, "8", 0),
            x_of(&xs, "ت", 0),
            x_of(&xs, "–", 0),
            x_of(&xs, "U", 0),
        );
        assert!(ba > eight && eight > ta && ta > dash && dash > u, "{xs:?}");
        // Within a left-to-right piece, left to right.
        // 2020 (left of 28): 2, 0, 2, 0; then 28: 2, 8.
        let digits = [
            x_of(&xs, "2", 0),
            x_of(&xs, "0", 0),
            x_of(&xs, "2", 1),
            x_of(&xs, "0", 1),
            x_of(&xs, "2", 2),
            eight,
        ];
        assert!(digits.windows(2).all(|w| w[0] < w[1]), "{xs:?}");
        assert!(u < x_of(&xs, "N", 0) && x_of(&xs, "M", 0) < x_of(&xs, "I", 0));
        assert!(
            x_of(&xs, "ب", 0) > x_of(&xs, "غ", 0),
            "an Arabic word runs right to left"
        );
        // The text each run carries is in logical order.
        let texts: Vec<String> = lines[0]
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text(r) => Some(r.text.clone()),
                _ => None,
            })
            .collect();
        assert!(texts.iter().any(|t| t.contains("بغداد")), "{texts:?}");
    }

    #[test]
    fn right_to_left_paragraphs_end_at_the_right_margin() {
        let text =
            "تؤكد بعثة الأمم المتحدة لمساعدة العراق أن الممثلة الأممية الخاصة لم تقدم أي تقرير. "
                .repeat(5);
        for align in [Align::Justify, Align::Left] {
            let lines = lines_of(&text, align, 300.0);
            assert!(lines.len() > 3);
            for (i, line) in lines.iter().enumerate() {
                let (mut left, mut right) = (f32::MAX, f32::MIN);
                for item in &line.items {
                    if let Item::Text(r) = item {
                        assert!(r.rtl || r.text.trim().is_empty(), "{:?}", r.text);
                        left = left.min(r.x);
                        right = right.max(r.x + r.width());
                    }
                }
                assert!(
                    (right - 350.0).abs() < 0.5,
                    "{align:?} line {i} ends at {right}"
                );
                assert!(left >= 49.99, "{align:?} line {i} starts at {left}");
            }
        }
        // An English line keeps its own direction: flush left.
        let lines = lines_of("Samir Ghattas", Align::Left, 300.0);
        assert!(lines[0].items.iter().all(|i| match i {
            Item::Text(r) => !r.rtl && (r.x - 50.0).abs() < 0.01,
            _ => true,
        }));
    }

    #[test]
    fn acronyms_and_proper_names_are_not_hyphenated() {
        let text = "the mission UNMISS and MONUSCO reported that Ambassador Vassily \
                    Nebenzia of Konstantinopolous and Administrator Washington spoke \
                    about peacekeeping implementation and international responsibilities "
            .repeat(6);
        let mut hyphenated = Vec::new();
        // Measures wider than any word, so no break is forced.
        for width in [120.0, 140.0, 160.0, 180.0] {
            // A hyphenated word reaches the text layer whole, with U+00AD
            // where it was broken ("peace\u{AD}keeping").
            let lines = justified_line_texts(&text, width);
            for word in lines.iter().flat_map(|l| l.split_whitespace()) {
                if word.contains('\u{AD}') {
                    hyphenated.push(word.to_string());
                }
            }
        }
        assert!(
            hyphenated
                .iter()
                .any(|w| w.chars().next().is_some_and(char::is_lowercase)),
            "lower-case words are still hyphenated: {hyphenated:?}"
        );
        let capitalized: Vec<&String> = hyphenated
            .iter()
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .collect();
        assert!(capitalized.is_empty(), "hyphenated: {capitalized:?}");
    }

    #[test]
    fn justified_lines_fill_the_measure_and_ragged_ones_do_not_exceed_it() {
        let t = Template::default();
        let book = FontBook::new(&t).unwrap();
        let mut diags = Vec::new();
        let text = "The women and men who serve with honour in peacekeeping operations make \
                    personal sacrifices every day for international peace and security. "
            .repeat(4);
        for align in [Align::Justify, Align::Left] {
            let style = TextStyle {
                align,
                ..TextStyle::default()
            };
            let mut ctx = Context {
                book: &book,
                hyphenator: hyphenator("en"),
                diagnostics: &mut diags,
            };
            let measure = Measure {
                x: 0.0,
                width: 300.0,
                first_indent: 0.0,
            };
            let mut st = StyledText::plain(&text, false, false, Case::AsIs);
            let tag = Tag::Artifact(crate::layout::frame::Artifact::Layout);
            let lines = layout_paragraph(
                &mut st,
                &style,
                Color::BLACK,
                measure,
                &mut ctx,
                "test",
                tag,
            );
            assert!(lines.len() > 4);
            for (i, line) in lines.iter().enumerate() {
                let width: f32 = line
                    .items
                    .iter()
                    .filter_map(|it| match it {
                        Item::Text(r) => Some(r.width()),
                        _ => None,
                    })
                    .sum();
                assert!(width <= 300.01, "line {i} is {width}pt wide");
                if align == Align::Justify && i + 1 < lines.len() {
                    assert!(width > 299.0, "justified line {i} is {width}pt wide");
                }
            }
        }
    }
}
