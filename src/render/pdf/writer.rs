//! The PDF file: pages from one or more laid-out documents, fonts embedded
//! once as subsets shared by all pages, images embedded once, links,
//! outline, metadata and a trailer `/ID` derived from the content. Objects
//! are streamed straight to bytes with `pdf-writer`, each written once,
//! numbered in the order they are made (so output is byte-identical for
//! identical input on any thread); page content streams are written by
//! [`super::content`] and deflated at level 1.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::hash::Hasher;
use std::sync::Arc;

use pdf_writer::writers::DocumentInfo;
use pdf_writer::{Dict, Filter, Finish, Name, Null, Pdf, Ref, Settings, Str, TextStr};
use rustc_hash::FxHasher;

use super::content::{FontRef, Marking, page_content};
use super::image::{self, Images};
use super::subset::{self, Subset, deflate};
use super::tagging::Tagging;
use super::xmp::{self, XmpFacts};
use crate::error::Error;
use crate::layout::fonts::{FontId, font};
use crate::layout::frame::{
    DocInfo, Item, Layout, Link, NodeId, OutlineEntry, Page, StructTree, Tag,
};
use crate::template::PdfStandard;

/// The sRGB colour space of every colour the pages paint (a compact ICC v4
/// profile, CC0, from saucecontrol's Compact-ICC-Profiles), the PDF/A
/// output intent.
const SRGB_ICC: &[u8] = include_bytes!("../../../templates/icc/sRGB-v4.icc");

/// The Info dictionary's `Creator` (XMP `xmp:CreatorTool`).
const CREATOR: &str = "pressroom";
/// The Info dictionary's `Producer` (XMP `pdf:Producer`).
const PRODUCER: &str = concat!("pressroom ", env!("CARGO_PKG_VERSION"));

/// Collects pages (from one or several documents) and writes one PDF.
#[derive(Debug, Default)]
pub struct PdfWriter<'a> {
    pages: Vec<&'a Page>,
    /// Index of the first page of the layout each page came from (internal
    /// links name pages of their own layout).
    bases: Vec<usize>,
    outline: Vec<OutlineEntry>,
    /// The structure of every layout added, one tree.
    structure: StructTree,
    /// Per page, the offset of its layout's elements in `structure`.
    node_offsets: Vec<u32>,
    standard: PdfStandard,
}

/// Time spent in the writer's stages (for the benchmark).
#[derive(Debug, Clone, Copy, Default)]
pub struct Timings {
    /// Choosing and building font subsets.
    pub subset: std::time::Duration,
    /// Content streams, compression and serialization.
    pub write: std::time::Duration,
}

impl<'a> PdfWriter<'a> {
    /// An empty writer.
    pub fn new() -> Self {
        PdfWriter::default()
    }

    /// Chooses the standards the file claims (PDF/UA-1 and PDF/A-2a by default).
    pub fn standard(mut self, standard: PdfStandard) -> Self {
        self.standard = standard;
        self
    }

    /// Appends the pages, outline and structure of a laid-out document.
    pub fn add(&mut self, layout: &'a Layout) {
        let offset = self.pages.len();
        self.pages.extend(layout.pages.iter());
        self.bases.resize(self.pages.len(), offset);
        let nodes = self.structure.append(&layout.structure, None);
        self.node_offsets.resize(self.pages.len(), nodes);
        self.outline
            .extend(layout.outline.iter().map(|e| OutlineEntry {
                page: e.page + offset,
                ..e.clone()
            }));
    }

    /// Number of pages so far.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// Writes the file. `date` is a PDF date string (`D:20201124000000Z`).
    pub fn finish(self, info: &DocInfo, date: Option<&str>) -> Result<Vec<u8>, Error> {
        self.finish_timed(info, date, &mut Timings::default())
    }

    /// [`Self::finish`], recording stage timings.
    pub fn finish_timed(
        self,
        info: &DocInfo,
        date: Option<&str>,
        timings: &mut Timings,
    ) -> Result<Vec<u8>, Error> {
        let t0 = std::time::Instant::now();
        let fonts = self.subsets()?;
        let t1 = std::time::Instant::now();
        timings.subset += t1 - t0;
        let bytes = self.serialize(info, date, &fonts);
        timings.write += t1.elapsed();
        bytes
    }

    /// Fonts in order of first use, each with its subset.
    fn subsets(&self) -> Result<Vec<(FontId, Arc<Subset>)>, Error> {
        // Per font: its core, and the glyphs outside it seen so far (a
        // bitmap, so the cost is linear in the glyphs drawn).
        let mut order: Vec<(FontId, Arc<subset::Core>, Vec<u64>, bool)> = Vec::new();
        // Per font: the text each extra glyph stood for (the least, so the
        // choice does not depend on the order of the pages).
        let mut hints: Vec<BTreeMap<u16, String>> = Vec::new();
        let mut last: Option<usize> = None;
        for page in &self.pages {
            for item in &page.items {
                let Item::Text(run) = item else { continue };
                let slot = match last {
                    Some(i) if order[i].0 == run.font => i,
                    _ => match order.iter().position(|f| f.0 == run.font) {
                        Some(i) => i,
                        None => {
                            let core = subset::core(run.font);
                            let words = core.member.len().div_ceil(64);
                            order.push((run.font, core, vec![0u64; words], false));
                            hints.push(BTreeMap::new());
                            order.len() - 1
                        }
                    },
                };
                last = Some(slot);
                let (_, core, extra, any) = &mut order[slot];
                // Nearly every run draws only core glyphs: its hints are
                // not needed, and computing them would cost a pass and an
                // allocation per run.
                if run.glyphs.iter().all(|g| in_core(core, g.id)) {
                    continue;
                }
                for (g, text) in glyph_hints(run) {
                    let i = g.id as usize;
                    if !in_core(core, g.id) {
                        extra[i / 64] |= 1 << (i % 64);
                        *any = true;
                        let text = text.as_ref();
                        if !text.is_empty() {
                            hints[slot]
                                .entry(g.id)
                                .and_modify(|t| {
                                    if text < t.as_str() {
                                        *t = text.to_string();
                                    }
                                })
                                .or_insert_with(|| text.to_string());
                        }
                    }
                }
            }
        }
        let mut out = Vec::with_capacity(order.len());
        for ((id, _, extra, any), hints) in order.into_iter().zip(&hints) {
            let mut glyphs: Vec<u16> = Vec::new();
            if any {
                for (w, bits) in extra.iter().enumerate() {
                    let mut bits = *bits;
                    while bits != 0 {
                        glyphs.push((w * 64 + bits.trailing_zeros() as usize) as u16);
                        bits &= bits - 1;
                    }
                }
            }
            let sub = subset::subset(id, &glyphs, hints).map_err(|message| Error::Render {
                format: "pdf",
                message,
            })?;
            out.push((id, sub));
        }
        Ok(out)
    }

    fn serialize(
        &self,
        info: &DocInfo,
        date: Option<&str>,
        fonts: &[(FontId, Arc<Subset>)],
    ) -> Result<Vec<u8>, Error> {
        let mut pdf = Pdf::with_settings_and_capacity(Settings { pretty: false }, 64 * 1024);
        pdf.set_version(1, 7);
        let mut ids = Ids::default();
        let catalog_id = ids.next();
        let pages_id = ids.next();
        let resources_id = ids.next();
        let mut hasher = FxHasher::default();

        let font_ids: Vec<Ref> = fonts
            .iter()
            .map(|(id, sub)| {
                hasher.write(sub.tag.as_bytes());
                embed_font(&mut pdf, &mut ids, *id, sub)
            })
            .collect();
        // Images: each embedded once, however many pages draw it.
        let mut images = Images::default();
        for page in &self.pages {
            for item in &page.items {
                if let Item::Image(image) = item {
                    images.add(&image.image);
                }
            }
        }
        let image_ids: Vec<Ref> = images
            .iter()
            .map(|image| {
                hasher.write_u64(image.data().digest);
                image::embed(&mut pdf, &mut ids, image)
            })
            .collect();
        write_resources(&mut pdf, resources_id, &font_ids, &image_ids);

        let lookup = |fid: FontId| {
            fonts
                .iter()
                .position(|(f, _)| *f == fid)
                .map(|index| FontRef {
                    index,
                    subset: &fonts[index].1,
                })
        };
        let mut pages = PageState {
            tagging: Tagging::new(&self.structure, self.pages.len()),
            page_ids: Vec::with_capacity(self.pages.len()),
            internal: Vec::new(),
            buf: Vec::with_capacity(16 * 1024),
        };
        let paint = |page: &Page, marking: &Marking<'_>, buf: &mut Vec<u8>| {
            page_content(page, &lookup, &|i| images.index(i), marking, buf)
        };
        for index in 0..self.pages.len() {
            self.write_page(
                &mut pdf,
                &mut ids,
                (index, pages_id, resources_id),
                &paint,
                &mut pages,
                &mut hasher,
            );
        }
        let PageState {
            tagging,
            page_ids,
            internal,
            ..
        } = pages;
        for link in internal {
            let top = self.pages[link.target].height;
            let mut a = pdf.indirect(link.id).dict();
            annotation(&mut a, link.link, link.height);
            destination(a.insert(Name(b"Dest")), page_ids[link.target], top);
            if let Some(key) = link.key {
                a.pair(Name(b"StructParent"), key);
            }
        }
        let mut tree = pdf.pages(pages_id);
        tree.count(page_ids.len() as i32);
        tree.kids(page_ids.iter().copied());
        tree.finish();

        let struct_root = tagging.write(&mut pdf, &mut ids, &page_ids);
        self.catalog(
            &mut pdf,
            &mut ids,
            (info, date),
            (catalog_id, pages_id, struct_root),
            &page_ids,
        );
        let info_id = ids.next();
        info_dict(pdf.document_info(info_id), info, date, &mut hasher);

        let h1 = Hasher::finish(&hasher);
        let mut h2 = FxHasher::default();
        h2.write_u64(h1 ^ 0x9E37_79B9_7F4A_7C15);
        h2.write_usize(self.pages.len());
        let mut id = Vec::with_capacity(16);
        id.extend_from_slice(&h1.to_be_bytes());
        id.extend_from_slice(&Hasher::finish(&h2).to_be_bytes());
        pdf.set_file_id((id.clone(), id));
        Ok(pdf.finish())
    }

    /// Writes page `index`: its content stream, its link annotations (those
    /// to pages of this file are reserved until every page has its id) and
    /// the page dictionary.
    fn write_page(
        &self,
        pdf: &mut Pdf,
        ids: &mut Ids,
        (index, pages_id, resources_id): (usize, Ref, Ref),
        paint: &Painter<'_>,
        state: &mut PageState<'_, 'a>,
        hasher: &mut FxHasher,
    ) {
        let page = self.pages[index];
        let offset = self.node_offsets.get(index).copied().unwrap_or(0);
        let global = |tag: Tag| match tag {
            Tag::Content(NodeId(n)) => Tag::Content(NodeId(n + offset)),
            artifact => artifact,
        };
        state.buf.clear();
        let mcids = {
            let tagging = &state.tagging;
            let role = |n: NodeId| tagging.role_of(NodeId(n.0 + offset));
            paint(page, &Marking { role: &role }, &mut state.buf)
        };
        state
            .tagging
            .page(mcids.into_iter().map(|n| NodeId(n.0 + offset)).collect());
        hasher.write(&state.buf);
        let content_id = ids.next();
        pdf.stream(content_id, &deflate(&state.buf, 1))
            .filter(Filter::FlateDecode);
        let page_id = ids.next();
        let mut annots = Vec::new();
        for item in &page.items {
            match item {
                Item::Link(link) => {
                    let Some(target) = self.link_target(link, index) else {
                        continue;
                    };
                    let id = ids.next();
                    hasher.write(link.url.as_bytes());
                    let key = match global(link.tag) {
                        Tag::Content(node) => Some(state.tagging.annotation(id, node)),
                        Tag::Artifact(_) => None,
                    };
                    match target {
                        LinkTarget::Page(target) => {
                            hasher.write_usize(target);
                            state.internal.push(Internal {
                                id,
                                link,
                                height: page.height,
                                target,
                                key,
                            });
                        }
                        LinkTarget::Url => {
                            let mut a = pdf.indirect(id).dict();
                            annotation(&mut a, link, page.height);
                            let mut action = a.insert(Name(b"A")).dict();
                            action.pair(Name(b"S"), Name(b"URI"));
                            action.pair(Name(b"URI"), Str(link.url.as_bytes()));
                            action.finish();
                            if let Some(key) = key {
                                a.pair(Name(b"StructParent"), key);
                            }
                        }
                    }
                    annots.push(id);
                }
                Item::Image(image) => {
                    if let Tag::Content(node) = global(image.tag) {
                        let bottom = page.height - image.y - image.height;
                        state.tagging.figure_box(
                            node,
                            [
                                image.x,
                                bottom,
                                image.x + image.width,
                                bottom + image.height,
                            ],
                        );
                    }
                }
                Item::Text(_) | Item::Rule(_) => {}
            }
        }
        let mut p = pdf.indirect(page_id).dict();
        p.pair(Name(b"Type"), Name(b"Page"));
        p.pair(Name(b"Parent"), pages_id);
        p.insert(Name(b"MediaBox")).array().items([
            0.0,
            0.0,
            round3(page.width),
            round3(page.height),
        ]);
        p.pair(Name(b"Resources"), resources_id);
        p.pair(Name(b"Contents"), content_id);
        p.pair(Name(b"StructParents"), index as i32);
        p.pair(Name(b"Tabs"), Name(b"S"));
        if !annots.is_empty() {
            p.insert(Name(b"Annots")).array().items(annots);
        }
        p.finish();
        state.page_ids.push(page_id);
    }

    /// Where `link` on page `index` goes; `None` for a link that goes
    /// nowhere (an empty URL, a page past the end).
    fn link_target(&self, link: &Link, index: usize) -> Option<LinkTarget> {
        if let Some(target) = link.page {
            let target = self.bases[index] + target;
            return (target < self.pages.len()).then_some(LinkTarget::Page(target));
        }
        (!link.url.is_empty()).then_some(LinkTarget::Url)
    }

    /// Writes the document catalog: pages, structure, language, metadata,
    /// output intent, outline.
    fn catalog(
        &self,
        pdf: &mut Pdf,
        ids: &mut Ids,
        (info, date): (&DocInfo, Option<&str>),
        (catalog_id, pages_id, struct_root): (Ref, Ref, Ref),
        page_ids: &[Ref],
    ) {
        let packet = xmp::packet(&XmpFacts {
            info,
            date,
            creator_tool: CREATOR,
            producer: PRODUCER,
            standard: self.standard,
        });
        let metadata = ids.next();
        pdf.stream(metadata, &packet)
            .pair(Name(b"Type"), Name(b"Metadata"))
            .pair(Name(b"Subtype"), Name(b"XML"));
        let intent = (self.standard != PdfStandard::None).then(|| output_intent(pdf, ids));
        let outlines = self.write_outline(pdf, ids, page_ids);
        let mut catalog = pdf.catalog(catalog_id);
        catalog.pair(Name(b"Pages"), pages_id);
        if !info.language.is_empty() {
            catalog.pair(Name(b"Lang"), TextStr(&info.language));
        }
        catalog.pair(Name(b"StructTreeRoot"), struct_root);
        catalog
            .insert(Name(b"MarkInfo"))
            .dict()
            .pair(Name(b"Marked"), true);
        catalog
            .insert(Name(b"ViewerPreferences"))
            .dict()
            .pair(Name(b"DisplayDocTitle"), true);
        catalog.pair(Name(b"Metadata"), metadata);
        if let Some(intent) = intent {
            catalog.insert(Name(b"OutputIntents")).array().item(intent);
        }
        if let Some(outlines) = outlines {
            catalog.pair(Name(b"Outlines"), outlines);
            catalog.pair(Name(b"PageMode"), Name(b"UseOutlines"));
        }
    }

    /// Writes the outline tree; returns the outline root.
    fn write_outline(&self, pdf: &mut Pdf, ids: &mut Ids, page_ids: &[Ref]) -> Option<Ref> {
        let entries: Vec<&OutlineEntry> = self
            .outline
            .iter()
            .filter(|e| e.page < page_ids.len() && !e.title.trim().is_empty())
            .collect();
        if entries.is_empty() {
            return None;
        }
        let root = ids.next();
        let refs: Vec<Ref> = entries.iter().map(|_| ids.next()).collect();
        // Parent of each entry: the nearest earlier entry of a lower level.
        let mut parent: Vec<Option<usize>> = Vec::with_capacity(entries.len());
        let mut stack: Vec<usize> = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            while stack.last().is_some_and(|&j| entries[j].level >= e.level) {
                stack.pop();
            }
            parent.push(stack.last().copied());
            stack.push(i);
        }
        let children = |p: Option<usize>| -> Vec<usize> {
            (0..entries.len()).filter(|&i| parent[i] == p).collect()
        };
        let top = children(None);
        for (i, e) in entries.iter().enumerate() {
            let siblings = children(parent[i]);
            let pos = siblings.iter().position(|&s| s == i).unwrap_or(0);
            let kids = children(Some(i));
            let mut d = pdf.indirect(refs[i]).dict();
            d.pair(Name(b"Title"), TextStr(&e.title));
            d.pair(Name(b"Parent"), parent[i].map(|p| refs[p]).unwrap_or(root));
            if pos > 0 {
                d.pair(Name(b"Prev"), refs[siblings[pos - 1]]);
            }
            if let Some(next) = siblings.get(pos + 1) {
                d.pair(Name(b"Next"), refs[*next]);
            }
            if let (Some(first), Some(last)) = (kids.first(), kids.last()) {
                d.pair(Name(b"First"), refs[*first]);
                d.pair(Name(b"Last"), refs[*last]);
                // Open items count every visible descendant (ISO 32000-1,
                // table 153), not only their children: in preorder, the
                // entries after this one until one at its level or above.
                let descendants = entries[i + 1..]
                    .iter()
                    .take_while(|d| d.level > e.level)
                    .count();
                d.pair(Name(b"Count"), descendants as i32);
            }
            let height = self.pages.get(e.page).map(|p| p.height).unwrap_or(0.0);
            destination(
                d.insert(Name(b"Dest")),
                page_ids[e.page],
                height - e.y + 4.0,
            );
        }
        let mut r = pdf.indirect(root).dict();
        r.pair(Name(b"Type"), Name(b"Outlines"));
        if let (Some(first), Some(last)) = (top.first(), top.last()) {
            r.pair(Name(b"First"), refs[*first]);
            r.pair(Name(b"Last"), refs[*last]);
        }
        r.pair(Name(b"Count"), entries.len() as i32);
        Some(root)
    }
}

/// Object numbers, handed out in the order objects are made (so a file's
/// numbering depends only on its content).
#[derive(Debug)]
pub(super) struct Ids(Ref);

impl Default for Ids {
    fn default() -> Self {
        Ids(Ref::new(1))
    }
}

impl Ids {
    /// The next unused object number.
    pub(super) fn next(&mut self) -> Ref {
        self.0.bump()
    }
}

/// Paints a page's content stream into the buffer; returns the structure
/// element of each marked-content id, in order.
type Painter<'p> = dyn Fn(&Page, &Marking<'_>, &mut Vec<u8>) -> Vec<NodeId> + 'p;

/// What [`PdfWriter::write_page`] carries from page to page.
struct PageState<'t, 'l> {
    tagging: Tagging<'t>,
    page_ids: Vec<Ref>,
    /// Links to pages of this file, written once every page has its id.
    internal: Vec<Internal<'l>>,
    /// The content stream being painted (reused).
    buf: Vec<u8>,
}

/// Where a link annotation goes.
enum LinkTarget {
    /// Its URL.
    Url,
    /// A page of this file.
    Page(usize),
}

/// A link to a page of this file, waiting for the target page's id.
struct Internal<'l> {
    id: Ref,
    link: &'l Link,
    height: f32,
    target: usize,
    key: Option<i32>,
}

/// The shared resources: every font and image, and the procedure sets.
fn write_resources(pdf: &mut Pdf, id: Ref, fonts: &[Ref], images: &[Ref]) {
    let mut resources = pdf.indirect(id).dict();
    let mut font_dict = resources.insert(Name(b"Font")).dict();
    let mut name = String::new();
    for (i, font) in fonts.iter().enumerate() {
        name.clear();
        let _ = write!(name, "F{i}");
        font_dict.pair(Name(name.as_bytes()), *font);
    }
    font_dict.finish();
    if !images.is_empty() {
        let mut xobjects = resources.insert(Name(b"XObject")).dict();
        for (i, image) in images.iter().enumerate() {
            name.clear();
            let _ = write!(name, "Im{i}");
            xobjects.pair(Name(name.as_bytes()), *image);
        }
    }
    let mut procset = resources.insert(Name(b"ProcSet")).array();
    procset.items([Name(b"PDF"), Name(b"Text")]);
    if !images.is_empty() {
        procset.items([Name(b"ImageB"), Name(b"ImageC")]);
    }
}

/// A destination at the top-left corner `top` of `page`, keeping the zoom.
fn destination(obj: pdf_writer::Obj<'_>, page: Ref, top: f32) {
    let mut dest = obj.array();
    dest.item(page);
    dest.item(Name(b"XYZ"));
    dest.item(0);
    dest.item(round3(top));
    dest.item(Null);
}

/// A link annotation's common entries: rectangle, no border, printed
/// (PDF/A), and its text as the alternate description (PDF/UA).
fn annotation(a: &mut Dict<'_>, link: &Link, height: f32) {
    let (x0, y0, x1, y1) = link.rect;
    a.pair(Name(b"Type"), Name(b"Annot"));
    a.pair(Name(b"Subtype"), Name(b"Link"));
    a.insert(Name(b"Rect")).array().items([
        round3(x0),
        round3(height - y1),
        round3(x1),
        round3(height - y0),
    ]);
    a.insert(Name(b"Border")).array().items([0, 0, 0]);
    a.pair(Name(b"F"), 4);
    let alt = if link.alt.trim().is_empty() {
        &link.url
    } else {
        &link.alt
    };
    if !alt.is_empty() {
        a.pair(Name(b"Contents"), TextStr(alt));
    }
}

/// The sRGB output intent (PDF/A): the ICC profile every colour is in.
fn output_intent(pdf: &mut Pdf, ids: &mut Ids) -> Ref {
    let profile = ids.next();
    pdf.stream(profile, SRGB_ICC).pair(Name(b"N"), 3);
    let id = ids.next();
    let mut oi = pdf.indirect(id).dict();
    oi.pair(Name(b"Type"), Name(b"OutputIntent"));
    oi.pair(Name(b"S"), Name(b"GTS_PDFA1"));
    oi.pair(Name(b"OutputConditionIdentifier"), TextStr("sRGB"));
    oi.pair(Name(b"Info"), TextStr("sRGB IEC61966-2.1"));
    oi.pair(Name(b"DestOutputProfile"), profile);
    id
}

/// The Info dictionary (kept in step with the XMP packet).
fn info_dict(mut inf: DocumentInfo<'_>, info: &DocInfo, date: Option<&str>, hasher: &mut FxHasher) {
    for (key, value) in [
        (&b"Title"[..], &info.title),
        (b"Author", &info.author),
        (b"Subject", &info.subject),
        (b"Keywords", &info.keywords),
    ] {
        if let Some(v) = value.as_deref().filter(|v| !v.trim().is_empty()) {
            inf.pair(Name(key), TextStr(v));
            hasher.write(v.as_bytes());
        }
    }
    inf.pair(Name(b"Creator"), TextStr(CREATOR));
    inf.pair(Name(b"Producer"), TextStr(PRODUCER));
    if let Some(d) = date {
        inf.pair(Name(b"CreationDate"), TextStr(d));
        inf.pair(Name(b"ModDate"), TextStr(d));
        hasher.write(d.as_bytes());
    }
}

/// A number rounded to 3 decimals (written as an integer when it is one).
pub(super) fn round3(v: f32) -> f32 {
    (v * 1000.0).round() / 1000.0
}

/// Embeds one subset as a Type0/CIDFontType2 (or CIDFontType0 for CFF)
/// font with Identity-H encoding and a ToUnicode map; returns the Type0 font.
fn embed_font(pdf: &mut Pdf, ids: &mut Ids, id: FontId, sub: &Subset) -> Ref {
    let f = font(id);
    let ttf = f.ttf();
    let scale = 1000.0 / f.upem;
    let scaled = |v: i16| (f32::from(v) * scale).round() as i32;
    let base = format!("{}+{}", sub.tag, f.name);
    let cff = f.is_cff();

    let file_id = ids.next();
    let mut file = pdf.stream(file_id, &sub.program);
    file.pair(Name(b"Length1"), sub.program_len as i32);
    file.filter(Filter::FlateDecode);
    if cff {
        file.pair(Name(b"Subtype"), Name(b"OpenType"));
    }
    file.finish();

    let bbox = ttf.global_bounding_box();
    let italic = ttf.italic_angle();
    let desc_id = ids.next();
    let mut desc = pdf.indirect(desc_id).dict();
    desc.pair(Name(b"Type"), Name(b"FontDescriptor"));
    desc.pair(Name(b"FontName"), Name(base.as_bytes()));
    desc.pair(Name(b"Flags"), 4 + if italic != 0.0 { 64 } else { 0 });
    desc.insert(Name(b"FontBBox")).array().items([
        scaled(bbox.x_min),
        scaled(bbox.y_min),
        scaled(bbox.x_max),
        scaled(bbox.y_max),
    ]);
    desc.pair(Name(b"ItalicAngle"), round3(italic));
    desc.pair(Name(b"Ascent"), scaled(ttf.ascender()));
    desc.pair(Name(b"Descent"), scaled(ttf.descender()));
    desc.pair(
        Name(b"CapHeight"),
        scaled(ttf.capital_height().unwrap_or(ttf.ascender())),
    );
    desc.pair(Name(b"StemV"), 80);
    desc.pair(Name(if cff { b"FontFile3" } else { b"FontFile2" }), file_id);
    desc.finish();

    let cid_id = ids.next();
    let mut cid = pdf.indirect(cid_id).dict();
    cid.pair(Name(b"Type"), Name(b"Font"));
    cid.pair(
        Name(b"Subtype"),
        Name(if cff {
            b"CIDFontType0"
        } else {
            b"CIDFontType2"
        }),
    );
    cid.pair(Name(b"BaseFont"), Name(base.as_bytes()));
    let mut sysinfo = cid.insert(Name(b"CIDSystemInfo")).dict();
    sysinfo.pair(Name(b"Registry"), Str(b"Adobe"));
    sysinfo.pair(Name(b"Ordering"), Str(b"Identity"));
    sysinfo.pair(Name(b"Supplement"), 0);
    sysinfo.finish();
    cid.pair(Name(b"FontDescriptor"), desc_id);
    let mut w = cid.insert(Name(b"W")).array();
    w.item(0);
    w.push().array().items(sub.widths.iter().copied());
    w.finish();
    if !cff {
        cid.pair(Name(b"CIDToGIDMap"), Name(b"Identity"));
    }
    cid.finish();

    let tu_id = ids.next();
    pdf.stream(tu_id, &sub.to_unicode)
        .filter(Filter::FlateDecode);

    let type0 = ids.next();
    let mut t0 = pdf.indirect(type0).dict();
    t0.pair(Name(b"Type"), Name(b"Font"));
    t0.pair(Name(b"Subtype"), Name(b"Type0"));
    t0.pair(Name(b"BaseFont"), Name(base.as_bytes()));
    t0.pair(Name(b"Encoding"), Name(b"Identity-H"));
    t0.insert(Name(b"DescendantFonts")).array().item(cid_id);
    t0.pair(Name(b"ToUnicode"), tu_id);
    type0
}

/// True when glyph `id` is in the subset's core (ids past the font's glyph
/// count count as core: they are dropped).
fn in_core(core: &subset::Core, id: u16) -> bool {
    core.member.get(id as usize).copied().unwrap_or(true)
}

/// Each glyph of `run` with the text it stands for, the hint the subset's
/// ToUnicode map uses for a glyph no cmap entry reaches. A cluster of one
/// glyph stands for the cluster's text. A cluster of one base glyph and
/// mark glyphs (GDEF class 3; shadda and fatha are often one glyph) gives
/// the base its letters and the first mark its marks, so the glyphs,
/// written base first, spell the cluster and need no /ActualText. Other
/// clusters give each glyph the character the cmap reaches it from, and
/// the glyphs it does not reach the characters left over.
/// A cluster of one glyph (nearly every glyph of a Latin text) borrows its
/// text, so the common case allocates nothing.
fn glyph_hints(
    run: &crate::layout::frame::TextRun,
) -> Vec<(&crate::layout::frame::Glyph, Cow<'_, str>)> {
    let glyphs = &run.glyphs;
    let face = crate::layout::fonts::font(run.font);
    let mut out = Vec::with_capacity(glyphs.len());
    for (i, j) in super::content::clusters(glyphs) {
        let text = run.glyph_text(&glyphs[i]);
        if j == i + 1 {
            out.push((&glyphs[i], Cow::Borrowed(text)));
        } else {
            out.extend(
                cluster_hints(face, &glyphs[i..j], text)
                    .into_iter()
                    .map(|(g, hint)| (g, Cow::Owned(hint))),
            );
        }
    }
    out
}

/// The hints of a cluster of several glyphs (see [`glyph_hints`]).
fn cluster_hints<'g>(
    face: &crate::layout::fonts::Font,
    members: &'g [crate::layout::frame::Glyph],
    text: &str,
) -> Vec<(&'g crate::layout::frame::Glyph, String)> {
    use unicode_normalization::char::is_combining_mark;
    let gdef = face.ttf().tables().gdef;
    let is_mark = |id: u16| {
        gdef.and_then(|t| t.glyph_class(ttf_parser::GlyphId(id)))
            == Some(ttf_parser::gdef::GlyphClass::Mark)
    };
    let bases = members.iter().filter(|g| !is_mark(g.id)).count();
    if bases == 1 {
        let letters: String = text.chars().filter(|c| !is_combining_mark(*c)).collect();
        let marks: String = text.chars().filter(|c| is_combining_mark(*c)).collect();
        let mut first_mark = true;
        return members
            .iter()
            .map(|g| {
                let hint = if !is_mark(g.id) {
                    letters.clone()
                } else if std::mem::take(&mut first_mark) {
                    marks.clone()
                } else {
                    String::new()
                };
                (g, hint)
            })
            .collect();
    }
    let reached = |c: char| face.glyph(c).filter(|g| members.iter().any(|m| m.id == *g));
    let left: String = text.chars().filter(|c| reached(*c).is_none()).collect();
    members
        .iter()
        .map(|g| {
            let own = text.chars().find(|c| reached(*c) == Some(g.id));
            (g, own.map_or_else(|| left.clone(), String::from))
        })
        .collect()
}
