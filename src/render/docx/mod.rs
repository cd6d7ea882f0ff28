//! DOCX rendition: an editable Word document with real styles, numbering,
//! fields and properties.
//!
//! What docx-rs writes well is used (the PAGE / NUMPAGES field runs); the
//! body, headers and footers are written as WordprocessingML strings by
//! [`wml`] (measured: docx-rs's value tree and event writer were 30% of the
//! rendition time, and put some elements out of schema order); the parts
//! docx-rs cannot write the way a careful Word user would (styles with
//! `basedOn` inheritance and exactly one Normal, numbering from the
//! document's own markers, core properties, ordered relationships) are
//! written by the submodules. Parts that depend only on the template are
//! built and compressed once per process ([`shared`]), and the package is
//! zipped deterministically.
//!
//! Cost per White House release (callgrind over `cargo bench --bench docx`,
//! 502 releases): 2.69 M instructions with docx-rs building every part and
//! styles regenerated per document; 1.00 M with the direct writer and the
//! template cache; 0.80 M with the cached running parts and byte-scanning
//! sanitizer, of which about 70% is deflating `word/document.xml`.
//!
//! Reading order (shared with the PDF and plain-text renditions): letterhead
//! (in the first-page header, `w:titlePg`), symbol and date, release line,
//! headline (Title), subheadlines (Subtitle), dateline, editorial notes, body
//! blocks, end mark, disclaimer, contacts.
//!
//! Accessibility (issue #12): the headline is the one `Title` paragraph,
//! at outline level 0 (heading level 1 in Word's navigation pane and to
//! screen readers); body headings follow without skipping a level, in the
//! built-in "heading 2"–"heading 4" styles ([`body::HeadingLevels`]). The
//! language is the document's BCP 47 tag with its region where known
//! (`w:lang`, `dc:language`; East Asian and complex-script slots only when
//! they apply, [`lang`]). The logo has the template's alt text or is marked
//! decorative ([`drawing`]); a table's first row is a repeating header row;
//! `dc:title` is never empty ([`package::title`]).

mod body;
mod drawing;
mod fonts;
mod headband;
mod lang;
mod numbering;
mod pack;
mod package;
mod running;
mod sections;
mod shared;
mod styles;
mod wml;
mod xml;
mod zip;

use super::{RenderOptions, Rendered};
use crate::error::{Diagnostic, Error};
use crate::model::Document;
use crate::template::Template;

pub use pack::{PackText, TOC_INSTRUCTION, TocEntry, bookmark_name, render_pack};
pub use shared::warm;
pub use styles::id as style_id;

/// libdeflate level for the per-document entries. On the White House corpus
/// level 1 gives 9.0 KiB per DOCX against 8.7 KiB at level 6, at about 35%
/// less time per document, so throughput wins. Template parts are
/// compressed once at the best level (see [`shared`]).
const DEFLATE_LEVEL: i32 = 1;

/// The running parts in package order (see `shared::TemplateParts::running`).
const RUNNING_PARTS: [&str; 4] = [
    "word/header1.xml",
    "word/header2.xml",
    "word/footer1.xml",
    "word/footer2.xml",
];

/// Renders the document as DOCX bytes.
pub fn render(
    doc: &Document,
    template: &Template,
    options: &RenderOptions,
) -> Result<Rendered, Error> {
    let doc = &*crate::layout::typography::localize(doc);
    let disclaimer = running::DisclaimerPlan::new(doc, template);
    let mut writer = body::Writer::new(template, 4096 + doc_size_hint(doc));
    writer.front_matter(doc);
    writer.blocks(&doc.body);
    writer.back_matter(doc, template, &disclaimer);
    let body = writer.take_body();
    assemble(doc, &disclaimer, body, None, writer, template, options)
}

/// What a body of many sections (the handout pack) adds to the package.
struct PackSections<'a> {
    /// The section properties closing the body (the last section's).
    last: &'a str,
    /// Every section's header and footer parts; the first four are the
    /// opening section's, which the package writes as for one document.
    running: &'a sections::RunningTable,
}

fn too_large(_: zip::TooLarge) -> Error {
    Error::Render {
        format: "docx",
        message: "package larger than 4 GiB".into(),
    }
}

/// The document's language tag (`en-GB`, `fr`), one line of valid XML
/// characters: `w:lang` in styles.xml and `dc:language` in core.xml.
fn language(doc: &Document) -> String {
    let tag = xml::one_line(&doc.language_tag());
    let tag = tag.trim();
    if tag.is_empty() {
        "en".to_string()
    } else {
        tag.to_string()
    }
}

/// Packages a written body: `doc` gives the (first section's) running parts'
/// values and the document properties; `pack`, for a body of many sections,
/// closes the body and brings the other sections' running parts (default:
/// the template's section properties, four running parts).
fn assemble(
    doc: &Document,
    disclaimer: &running::DisclaimerPlan,
    body: String,
    pack: Option<&PackSections<'_>>,
    mut writer: body::Writer<'_>,
    template: &Template,
    options: &RenderOptions,
) -> Result<Rendered, Error> {
    let lang = language(doc);
    let shared = shared::template_parts(template, &lang).map_err(too_large)?;
    let constants = shared::constants().map_err(too_large)?;
    let placeholders = running::placeholders(doc, template, disclaimer);
    let section = pack.map_or(shared.section.as_str(), |p| p.last);
    let extra = pack
        .map(|p| p.running)
        .filter(|r| r.header_count() > 2 || r.footer_count() > 2);

    let mut document_xml = String::with_capacity(body.len() + section.len() + 512);
    wml::open_root(&mut document_xml, "w:document");
    document_xml.push_str("<w:body>");
    document_xml.push_str(&body);
    document_xml.push_str(section);
    document_xml.push_str("</w:body></w:document>");
    drop(body);
    // Same order as the reader meets them, so the first dropped character
    // reported is the first in reading order. Parts the template fixes
    // entirely come compressed from the cache.
    let cached = |i: usize| {
        placeholders.disclaimer == shared.running_disclaimer && shared.running[i].is_some()
    };
    let runs = &mut writer.runs;
    let first_header = (!cached(1)).then(|| running::first_header(runs, template, &placeholders));
    let header = (!cached(0))
        .then(|| running::header_part(runs, &template.header.rest, &placeholders, template));
    let mut footer_of = |i: usize, band: &crate::template::Band| {
        (!cached(i)).then(|| running::footer_part(runs, band, &placeholders, &template.more))
    };
    let first_footer = footer_of(3, &template.footer.first);
    let footer = footer_of(2, &template.footer.rest);
    let running_parts = [header, first_header, footer, first_footer];
    // A mirrored head or foot: the even-page parts (header3, footer3) of a
    // single document; a pack numbers its own in its running table.
    let [even_header, even_footer] = if extra.is_none() {
        running::even_parts(runs, template, &placeholders)
    } else {
        [None, None]
    };
    let mirrored = package::mirrored(template);

    let (links, numbering, diagnostics) = writer.finish();
    let has_numbering = !numbering.is_empty();
    let variant = usize::from(has_numbering);

    // Room for the package at once: the embedded fonts (the template's, or a
    // document's own of about the same size) are most of it.
    let capacity = document_xml.len() / 3 + 8 * 1024 + shared.fonts.len();
    let mut zip = zip::ZipWriter::new(DEFLATE_LEVEL, capacity);
    let single = (
        2 + usize::from(template.header.mirror),
        2 + usize::from(template.footer.mirror),
    );
    let (headers, footers) = extra.map_or(single, |r| (r.header_count(), r.footer_count()));
    let parts = package::Parts {
        headers,
        footers,
        numbering: has_numbering,
        links: &links,
        logo: drawing::logo(template).map(|image| image.data().format),
    };
    match (extra.is_some() || mirrored, &shared.logo) {
        (true, _) => zip.add(
            "[Content_Types].xml",
            package::content_types(&parts).as_bytes(),
        ),
        (false, Some(logo)) => {
            zip.add_compressed("[Content_Types].xml", &logo.content_types[variant])
        }
        (false, None) => {
            zip.add_compressed("[Content_Types].xml", &constants.content_types[variant])
        }
    }
    .map_err(too_large)?;
    zip.add_compressed("_rels/.rels", &constants.root_rels)
        .map_err(too_large)?;
    zip.add(
        "docProps/core.xml",
        package::core(doc, &lang, options.timestamp).as_bytes(),
    )
    .map_err(too_large)?;
    zip.add_compressed("docProps/app.xml", &constants.app)
        .map_err(too_large)?;
    zip.add("word/document.xml", document_xml.as_bytes())
        .map_err(too_large)?;
    if extra.is_none() && !mirrored && links.is_empty() {
        zip.add_compressed(
            "word/_rels/document.xml.rels",
            &constants.document_rels[variant],
        )
    } else {
        zip.add(
            "word/_rels/document.xml.rels",
            package::document_rels(&parts).as_bytes(),
        )
    }
    .map_err(too_large)?;
    zip.add_compressed("word/styles.xml", &shared.styles)
        .map_err(too_large)?;
    zip.add_compressed("word/settings.xml", &shared.settings)
        .map_err(too_large)?;
    add_fonts(
        &mut zip,
        &shared,
        &[&document_xml, &running_text(&running_parts)],
    )?;
    if has_numbering {
        zip.add("word/numbering.xml", numbering.xml().as_bytes())
            .map_err(too_large)?;
    }
    for (i, (&name, part)) in RUNNING_PARTS.iter().zip(&running_parts).enumerate() {
        match (part, &shared.running[i]) {
            (Some(xml), _) => zip.add(name, xml.as_bytes()),
            (None, Some(cached)) => zip.add_compressed(name, cached),
            (None, None) => Ok(()),
        }
        .map_err(too_large)?;
    }
    if let Some(xml) = &even_header {
        zip.add("word/header3.xml", xml.as_bytes())
            .map_err(too_large)?;
    }
    if let Some(xml) = &even_footer {
        zip.add("word/footer3.xml", xml.as_bytes())
            .map_err(too_large)?;
    }
    if let Some(running) = extra {
        for (n, part) in running.extra_headers() {
            zip.add(format!("word/header{n}.xml"), part.xml.as_bytes())
                .map_err(too_large)?;
        }
        for (n, part) in running.extra_footers() {
            zip.add(format!("word/footer{n}.xml"), part.xml.as_bytes())
                .map_err(too_large)?;
        }
    }
    if let Some(logo) = &shared.logo {
        zip.add_compressed("word/_rels/header2.xml.rels", &logo.header_rels)
            .map_err(too_large)?;
        for (n, _) in extra
            .into_iter()
            .flat_map(|r| r.extra_headers())
            .filter(|(_, part)| part.logo)
        {
            zip.add_compressed(format!("word/_rels/header{n}.xml.rels"), &logo.header_rels)
                .map_err(too_large)?;
        }
        zip.add_compressed(logo.media_name, &logo.media)
            .map_err(too_large)?;
    }
    let bytes = zip.finish().map_err(too_large)?;
    Ok(Rendered {
        bytes,
        pages: None,
        diagnostics,
    })
}

/// The running parts this document renders itself, as one text to scan for
/// characters (the cached ones hold template text only).
fn running_text(parts: &[Option<String>; 4]) -> String {
    parts.iter().flatten().map(String::as_str).collect()
}

/// `word/fontTable.xml`, its relationships and the embedded faces: the
/// template's repertoire subsets, or this document's own when it uses
/// characters beyond them.
fn add_fonts(
    zip: &mut zip::ZipWriter,
    shared: &shared::TemplateParts,
    texts: &[&str],
) -> Result<(), Error> {
    let extra = shared.embedder.as_ref().map(|embedder| {
        let mut extra = shared.running_chars.clone();
        for text in texts {
            extra.extend(embedder.extra_chars(text));
        }
        (embedder, extra)
    });
    let own = match extra {
        Some((embedder, extra)) if !extra.is_empty() => Some(
            embedder
                .parts_for(&extra, DEFLATE_LEVEL)
                .map_err(too_large)?,
        ),
        _ => None,
    };
    let fonts = own.as_deref().unwrap_or(&*shared.fonts);
    zip.add_compressed("word/fontTable.xml", &fonts.table)
        .map_err(too_large)?;
    zip.add_compressed("word/_rels/fontTable.xml.rels", &fonts.rels)
        .map_err(too_large)?;
    for (name, file) in &fonts.files {
        zip.add_compressed(name.clone(), file).map_err(too_large)?;
    }
    Ok(())
}

/// A rough size of the body XML: text plus markup per block.
fn doc_size_hint(doc: &Document) -> usize {
    doc.body.len() * 160 + doc.meta.headline.as_ref().map_or(0, |h| h.text.len())
}

/// Diagnostic code for characters removed because XML 1.0 forbids them.
pub const INVALID_CHAR_CODE: &str = "docx-invalid-xml-char";

fn invalid_chars_diagnostic(count: usize, first: char) -> Diagnostic {
    Diagnostic::warning(
        INVALID_CHAR_CODE,
        format!(
            "DOCX: removed {count} character(s) that XML 1.0 cannot hold (first: U+{:04X})",
            first as u32
        ),
        None,
    )
}
