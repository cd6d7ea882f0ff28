//! The PDF file: pages from one or more laid-out documents, fonts embedded
//! once as subsets shared by all pages, images embedded once, links,
//! outline, metadata and a trailer `/ID` derived from the content. The skeleton is built with lopdf
//! (objects are numbered in a fixed order, so output is byte-identical for
//! identical input on any thread); page content streams are written by
//! [`super::content`] and deflated at level 1.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::hash::Hasher;
use std::sync::Arc;

use lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat};
use rustc_hash::FxHasher;

use super::content::{FontRef, Marking, page_content};
use super::image::{self, Images};
use super::subset::{self, Subset, deflate};
use super::tagging::{Tagging, text_string};
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
        let mut doc = lopdf::Document::with_version("1.7");
        doc.reference_table.cross_reference_type = lopdf::xref::XrefType::CrossReferenceTable;
        let catalog_id = doc.new_object_id();
        let pages_id = doc.new_object_id();
        let resources_id = doc.new_object_id();
        let mut hasher = FxHasher::default();

        // Fonts.
        let mut font_dict = Dictionary::new();
        for (i, (id, sub)) in fonts.iter().enumerate() {
            let type0 = embed_font(&mut doc, *id, sub);
            font_dict.set(format!("F{i}"), type0);
            hasher.write(sub.tag.as_bytes());
        }
        let mut resources = Dictionary::new();
        resources.set("Font", font_dict);

        // Images: each embedded once, however many pages draw it.
        let mut images = Images::default();
        for page in &self.pages {
            for item in &page.items {
                if let Item::Image(image) = item {
                    images.add(&image.image);
                }
            }
        }
        let mut procset = vec![Object::from("PDF"), Object::from("Text")];
        if !images.is_empty() {
            let mut xobjects = Dictionary::new();
            for (i, image) in images.iter().enumerate() {
                xobjects.set(format!("Im{i}"), image::embed(&mut doc, image));
                hasher.write_u64(image.data().digest);
            }
            resources.set("XObject", xobjects);
            procset.extend([Object::from("ImageB"), Object::from("ImageC")]);
        }
        resources.set("ProcSet", procset);
        doc.set_object(resources_id, resources);

        // Pages.
        let lookup = |fid: FontId| {
            fonts
                .iter()
                .position(|(f, _)| *f == fid)
                .map(|index| FontRef {
                    index,
                    subset: &fonts[index].1,
                })
        };
        let mut tagging = Tagging::new(&self.structure, self.pages.len());
        let mut page_ids = Vec::with_capacity(self.pages.len());
        let mut buf = Vec::with_capacity(16 * 1024);
        // Links to pages of this file: annotation ids reserved in page order,
        // written once every page has its id.
        let mut internal: Vec<Internal<'_>> = Vec::new();
        for (index, page) in self.pages.iter().enumerate() {
            let offset = self.node_offsets.get(index).copied().unwrap_or(0);
            let global = |tag: Tag| match tag {
                Tag::Content(NodeId(n)) => Tag::Content(NodeId(n + offset)),
                artifact => artifact,
            };
            buf.clear();
            let mcids = {
                let role = |n: NodeId| tagging.role_of(NodeId(n.0 + offset));
                let marking = Marking { role: &role };
                page_content(page, &lookup, &|i| images.index(i), &marking, &mut buf)
            };
            tagging.page(mcids.into_iter().map(|n| NodeId(n.0 + offset)).collect());
            hasher.write(&buf);
            let mut sd = Dictionary::new();
            sd.set("Filter", "FlateDecode");
            let content_id = doc.add_object(Stream::new(sd, deflate(&buf, 1)));
            let page_id = doc.new_object_id();
            let mut annots = Vec::new();
            for item in &page.items {
                match item {
                    Item::Link(link) => {
                        let key = match global(link.tag) {
                            Tag::Content(node) => Some(node),
                            Tag::Artifact(_) => None,
                        };
                        let Some(annot) = self.link_annotation(&mut doc, link, (page, index))
                        else {
                            continue;
                        };
                        hasher.write(link.url.as_bytes());
                        let key = key.map(|node| tagging.annotation(annot.id, node));
                        match annot.target {
                            Some(target) => {
                                hasher.write_usize(target);
                                internal.push(Internal {
                                    id: annot.id,
                                    link,
                                    height: page.height,
                                    target,
                                    key,
                                });
                            }
                            None => {
                                if let (Some(key), Some(Object::Dictionary(d))) =
                                    (key, doc.objects.get_mut(&annot.id))
                                {
                                    d.set("StructParent", key);
                                }
                            }
                        }
                        annots.push(Object::Reference(annot.id));
                    }
                    Item::Image(image) => {
                        if let Tag::Content(node) = global(image.tag) {
                            let bottom = page.height - image.y - image.height;
                            tagging.figure_box(
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
            let mut p = Dictionary::new();
            p.set("Type", "Page");
            p.set("Parent", pages_id);
            p.set(
                "MediaBox",
                vec![
                    Object::Integer(0),
                    Object::Integer(0),
                    real(page.width),
                    real(page.height),
                ],
            );
            p.set("Resources", resources_id);
            p.set("Contents", content_id);
            p.set("StructParents", index as i64);
            p.set("Tabs", "S");
            if !annots.is_empty() {
                p.set("Annots", annots);
            }
            doc.set_object(page_id, p);
            page_ids.push(page_id);
        }
        for link in internal {
            let mut a = annotation(link.link, link.height);
            let top = self.pages[link.target].height;
            a.set(
                "Dest",
                vec![
                    Object::Reference(page_ids[link.target]),
                    Object::from("XYZ"),
                    Object::Integer(0),
                    real(top),
                    Object::Null,
                ],
            );
            if let Some(key) = link.key {
                a.set("StructParent", key);
            }
            doc.set_object(link.id, a);
        }
        let mut pages = Dictionary::new();
        pages.set("Type", "Pages");
        pages.set("Count", page_ids.len() as i64);
        pages.set(
            "Kids",
            page_ids
                .iter()
                .map(|id| Object::Reference(*id))
                .collect::<Vec<_>>(),
        );
        doc.set_object(pages_id, pages);

        let struct_root = tagging.write(&mut doc, &page_ids);
        let catalog = self.catalog(&mut doc, info, date, (pages_id, struct_root), &page_ids);
        doc.set_object(catalog_id, catalog);
        let info_id = doc.add_object(info_dict(info, date, &mut hasher));

        let h1 = hasher.finish();
        let mut h2 = FxHasher::default();
        h2.write_u64(h1 ^ 0x9E37_79B9_7F4A_7C15);
        h2.write_usize(self.pages.len());
        let mut id = Vec::with_capacity(16);
        id.extend_from_slice(&h1.to_be_bytes());
        id.extend_from_slice(&h2.finish().to_be_bytes());
        doc.trailer.set("Root", catalog_id);
        doc.trailer.set("Info", info_id);
        doc.trailer.set(
            "ID",
            vec![
                Object::String(id.clone(), StringFormat::Hexadecimal),
                Object::String(id, StringFormat::Hexadecimal),
            ],
        );
        let mut out = Vec::with_capacity(64 * 1024);
        doc.save_to(&mut out).map_err(|e| Error::Render {
            format: "pdf",
            message: e.to_string(),
        })?;
        Ok(out)
    }

    /// The link annotation of `link` on page `index`: written now for a URL,
    /// reserved (with its target page) for a page of this file. `None` for
    /// a link that goes nowhere.
    fn link_annotation(
        &self,
        doc: &mut lopdf::Document,
        link: &Link,
        (page, index): (&Page, usize),
    ) -> Option<Annotation> {
        if let Some(target) = link.page {
            let target = self.bases[index] + target;
            if target >= self.pages.len() {
                return None;
            }
            return Some(Annotation {
                id: doc.new_object_id(),
                target: Some(target),
            });
        }
        if link.url.is_empty() {
            return None;
        }
        let mut action = Dictionary::new();
        action.set("S", "URI");
        action.set(
            "URI",
            Object::String(link.url.as_bytes().to_vec(), StringFormat::Literal),
        );
        let mut a = annotation(link, page.height);
        a.set("A", action);
        Some(Annotation {
            id: doc.add_object(a),
            target: None,
        })
    }

    /// The document catalog: pages, structure, language, metadata, output
    /// intent, outline.
    fn catalog(
        &self,
        doc: &mut lopdf::Document,
        info: &DocInfo,
        date: Option<&str>,
        (pages_id, struct_root): (ObjectId, ObjectId),
        page_ids: &[ObjectId],
    ) -> Dictionary {
        let mut catalog = Dictionary::new();
        catalog.set("Type", "Catalog");
        catalog.set("Pages", pages_id);
        if !info.language.is_empty() {
            catalog.set("Lang", text_string(&info.language));
        }
        catalog.set("StructTreeRoot", struct_root);
        let mut mark_info = Dictionary::new();
        mark_info.set("Marked", true);
        catalog.set("MarkInfo", mark_info);
        let mut prefs = Dictionary::new();
        prefs.set("DisplayDocTitle", true);
        catalog.set("ViewerPreferences", prefs);
        let packet = xmp::packet(&XmpFacts {
            info,
            date,
            creator_tool: CREATOR,
            producer: PRODUCER,
            standard: self.standard,
        });
        let mut md = Dictionary::new();
        md.set("Type", "Metadata");
        md.set("Subtype", "XML");
        catalog.set("Metadata", doc.add_object(Stream::new(md, packet)));
        if self.standard != PdfStandard::None {
            catalog.set("OutputIntents", vec![Object::Reference(output_intent(doc))]);
        }
        if let Some(outlines) = self.write_outline(doc, page_ids) {
            catalog.set("Outlines", outlines);
            catalog.set("PageMode", "UseOutlines");
        }
        catalog
    }

    /// Writes the outline tree; returns the outline root.
    fn write_outline(&self, doc: &mut lopdf::Document, page_ids: &[ObjectId]) -> Option<ObjectId> {
        let entries: Vec<&OutlineEntry> = self
            .outline
            .iter()
            .filter(|e| e.page < page_ids.len() && !e.title.trim().is_empty())
            .collect();
        if entries.is_empty() {
            return None;
        }
        let root = doc.new_object_id();
        let ids: Vec<ObjectId> = entries.iter().map(|_| doc.new_object_id()).collect();
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
            let mut d = Dictionary::new();
            d.set("Title", text_string(&e.title));
            d.set("Parent", parent[i].map(|p| ids[p]).unwrap_or(root));
            if pos > 0 {
                d.set("Prev", ids[siblings[pos - 1]]);
            }
            if let Some(next) = siblings.get(pos + 1) {
                d.set("Next", ids[*next]);
            }
            if let (Some(first), Some(last)) = (kids.first(), kids.last()) {
                d.set("First", ids[*first]);
                d.set("Last", ids[*last]);
                // Open items count every visible descendant (ISO 32000-1,
                // table 153), not only their children: in preorder, the
                // entries after this one until one at its level or above.
                let descendants = entries[i + 1..]
                    .iter()
                    .take_while(|d| d.level > e.level)
                    .count();
                d.set("Count", descendants as i64);
            }
            let height = self.pages.get(e.page).map(|p| p.height).unwrap_or(0.0);
            d.set(
                "Dest",
                vec![
                    Object::Reference(page_ids[e.page]),
                    Object::from("XYZ"),
                    Object::Integer(0),
                    real(height - e.y + 4.0),
                    Object::Null,
                ],
            );
            doc.set_object(ids[i], d);
        }
        let mut r = Dictionary::new();
        r.set("Type", "Outlines");
        if let (Some(first), Some(last)) = (top.first(), top.last()) {
            r.set("First", ids[*first]);
            r.set("Last", ids[*last]);
        }
        r.set("Count", entries.len() as i64);
        doc.set_object(root, r);
        Some(root)
    }
}

/// A link annotation made for a page: its object and, for a link to a page
/// of this file, the target page (written once every page has its id).
struct Annotation {
    id: ObjectId,
    target: Option<usize>,
}

/// A link to a page of this file, waiting for the target page's id.
struct Internal<'l> {
    id: ObjectId,
    link: &'l Link,
    height: f32,
    target: usize,
    key: Option<i64>,
}

/// A link annotation's common entries: rectangle, no border, printed
/// (PDF/A), and its text as the alternate description (PDF/UA).
fn annotation(link: &Link, height: f32) -> Dictionary {
    let (x0, y0, x1, y1) = link.rect;
    let mut a = Dictionary::new();
    a.set("Type", "Annot");
    a.set("Subtype", "Link");
    a.set(
        "Rect",
        vec![real(x0), real(height - y1), real(x1), real(height - y0)],
    );
    a.set(
        "Border",
        vec![Object::Integer(0), Object::Integer(0), Object::Integer(0)],
    );
    a.set("F", 4);
    let alt = if link.alt.trim().is_empty() {
        &link.url
    } else {
        &link.alt
    };
    if !alt.is_empty() {
        a.set("Contents", text_string(alt));
    }
    a
}

/// The sRGB output intent (PDF/A): the ICC profile every colour is in.
fn output_intent(doc: &mut lopdf::Document) -> ObjectId {
    let mut icc = Dictionary::new();
    icc.set("N", 3);
    let profile = doc.add_object(Stream::new(icc, SRGB_ICC.to_vec()));
    let mut oi = Dictionary::new();
    oi.set("Type", "OutputIntent");
    oi.set("S", "GTS_PDFA1");
    oi.set("OutputConditionIdentifier", text_string("sRGB"));
    oi.set("Info", text_string("sRGB IEC61966-2.1"));
    oi.set("DestOutputProfile", profile);
    doc.add_object(oi)
}

/// The Info dictionary (kept in step with the XMP packet).
fn info_dict(info: &DocInfo, date: Option<&str>, hasher: &mut FxHasher) -> Dictionary {
    let mut inf = Dictionary::new();
    for (key, value) in [
        ("Title", &info.title),
        ("Author", &info.author),
        ("Subject", &info.subject),
        ("Keywords", &info.keywords),
    ] {
        if let Some(v) = value.as_deref().filter(|v| !v.trim().is_empty()) {
            inf.set(key, text_string(v));
            hasher.write(v.as_bytes());
        }
    }
    inf.set("Creator", text_string(CREATOR));
    inf.set("Producer", text_string(PRODUCER));
    if let Some(d) = date {
        inf.set("CreationDate", text_string(d));
        inf.set("ModDate", text_string(d));
        hasher.write(d.as_bytes());
    }
    inf
}

/// A number rounded to 3 decimals (an integer when it is one).
pub(super) fn real(v: f32) -> Object {
    let r = (v * 1000.0).round() / 1000.0;
    if r.fract() == 0.0 && r.abs() < 1e9 {
        Object::Integer(r as i64)
    } else {
        Object::Real(r)
    }
}

/// Embeds one subset as a Type0/CIDFontType2 (or CIDFontType0 for CFF)
/// font with Identity-H encoding and a ToUnicode map; returns the Type0 font.
fn embed_font(doc: &mut lopdf::Document, id: FontId, sub: &Subset) -> ObjectId {
    let f = font(id);
    let ttf = f.ttf();
    let scale = 1000.0 / f.upem;
    let base = format!("{}+{}", sub.tag, f.name);
    let cff = f.is_cff();

    let mut fd = Dictionary::new();
    fd.set("Length1", sub.program_len as i64);
    fd.set("Filter", "FlateDecode");
    if cff {
        fd.set("Subtype", "OpenType");
    }
    let file_id = doc.add_object(Stream::new(fd, sub.program.clone()));

    let bbox = ttf.global_bounding_box();
    let italic = ttf.italic_angle();
    let mut desc = Dictionary::new();
    desc.set("Type", "FontDescriptor");
    desc.set("FontName", base.as_str());
    desc.set("Flags", 4 + if italic != 0.0 { 64 } else { 0 });
    desc.set(
        "FontBBox",
        vec![
            Object::Integer((bbox.x_min as f32 * scale).round() as i64),
            Object::Integer((bbox.y_min as f32 * scale).round() as i64),
            Object::Integer((bbox.x_max as f32 * scale).round() as i64),
            Object::Integer((bbox.y_max as f32 * scale).round() as i64),
        ],
    );
    desc.set("ItalicAngle", real(italic));
    desc.set(
        "Ascent",
        Object::Integer((ttf.ascender() as f32 * scale).round() as i64),
    );
    desc.set(
        "Descent",
        Object::Integer((ttf.descender() as f32 * scale).round() as i64),
    );
    desc.set(
        "CapHeight",
        Object::Integer(
            (ttf.capital_height().unwrap_or(ttf.ascender()) as f32 * scale).round() as i64,
        ),
    );
    desc.set("StemV", 80);
    desc.set(if cff { "FontFile3" } else { "FontFile2" }, file_id);
    let desc_id = doc.add_object(desc);

    let mut sysinfo = Dictionary::new();
    sysinfo.set(
        "Registry",
        Object::String(b"Adobe".to_vec(), StringFormat::Literal),
    );
    sysinfo.set(
        "Ordering",
        Object::String(b"Identity".to_vec(), StringFormat::Literal),
    );
    sysinfo.set("Supplement", 0);
    let mut cid = Dictionary::new();
    cid.set("Type", "Font");
    cid.set("Subtype", if cff { "CIDFontType0" } else { "CIDFontType2" });
    cid.set("BaseFont", base.as_str());
    cid.set("CIDSystemInfo", sysinfo);
    cid.set("FontDescriptor", desc_id);
    cid.set(
        "W",
        vec![
            Object::Integer(0),
            Object::Array(
                sub.widths
                    .iter()
                    .map(|w| Object::Integer(*w as i64))
                    .collect(),
            ),
        ],
    );
    if !cff {
        cid.set("CIDToGIDMap", "Identity");
    }
    let cid_id = doc.add_object(cid);

    let mut td = Dictionary::new();
    td.set("Filter", "FlateDecode");
    let tu_id = doc.add_object(Stream::new(td, sub.to_unicode.clone()));

    let mut t0 = Dictionary::new();
    t0.set("Type", "Font");
    t0.set("Subtype", "Type0");
    t0.set("BaseFont", base.as_str());
    t0.set("Encoding", "Identity-H");
    t0.set("DescendantFonts", vec![Object::Reference(cid_id)]);
    t0.set("ToUnicode", tu_id);
    doc.add_object(t0)
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
