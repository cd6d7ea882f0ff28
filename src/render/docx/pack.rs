//! A handout as one DOCX: a cover section, a contents section holding a
//! table of contents field, then every release in its own section
//! (starting on a new page, or on an odd page for duplex printing), with
//! the house styles of a single release.
//!
//! The cover and contents are set in named styles (Cover Title, Cover
//! Subtitle, Cover Note, TOC Heading, toc 1), never with direct
//! formatting. The TOC field carries a stored result: one "toc 1"
//! paragraph per release, a link to a bookmark on the release's first
//! paragraph, its text, a dot-leader tab and a PAGEREF field showing the
//! page where the PDF pack of the same plan starts the release; so the
//! contents read right before anyone updates fields, and updating them in
//! Word gives the same entries with Word's own page numbers.
//!
//! No headline is invented. A release's own headline is its Title
//! paragraph, which the field lists at level 1. A release whose input gives
//! none is listed by its label (symbol or file name, kind, date:
//! `handout::release_label`) through a TC field on its first paragraph; a
//! headline the parser derived is printed in the Derived Headline style
//! (looking like the Title, not listed), as the PDF pack prints it.
//!
//! Running heads and feet follow the PDF handout: the cover shows the
//! letterhead and a footer without a page number; the contents the front
//! document's continuation parts; every release section shows its own
//! first-page header (the letterhead) and footer on its first page and its
//! own continuation header and footer after it, filled with the release's
//! symbol, date, headline and disclaimer. Page numbers run across the whole
//! pack (PAGE and NUMPAGES fields, no restart), as in the PDF. Identical
//! parts are shared ([`sections`]).

use super::body::RunFormat;
use super::package::{self, SectionRefs};
use super::sections::{self, RunningTable};
use super::styles::id;
use super::wml::{close_paragraph, escape_text, open_paragraph, push_usize};
use super::xml::one_line;
use super::{PackSections, RenderOptions, Rendered, assemble, body, doc_size_hint, running};
use crate::error::Error;
use crate::model::Document;
use crate::template::Template;

/// The TOC field's instruction: Titles (the releases' own headlines) at
/// level 1 and TC fields (`\f`: the entries of releases without a headline
/// of their own) — the entries the PDF's contents and the stored result
/// list, so that updating the field in Word gives the same contents.
pub const TOC_INSTRUCTION: &str = r#" TOC \h \z \t "Title,1" \f "#;

/// One entry of the contents, in pack order.
#[derive(Debug, Clone, Copy)]
pub struct TocEntry<'a> {
    /// What the entry says: the release's own headline or its label.
    pub text: &'a str,
    /// True when `text` is the release's own headline (its Title
    /// paragraph); false for a label, entered by a TC field.
    pub own_headline: bool,
    /// The page where the release starts in the pack's page plan.
    pub page: usize,
}

/// What the pack's DOCX holds besides the releases.
#[derive(Debug, Clone, Copy)]
pub struct PackText<'a> {
    /// Title on the cover.
    pub title: &'a str,
    /// Date range line ("" for none).
    pub date_range: &'a str,
    /// Number-of-releases line.
    pub count: &'a str,
    /// Start each release (and the contents) on an odd page.
    pub duplex: bool,
    /// The contents, one entry per release in pack order.
    pub contents: &'a [TocEntry<'a>],
}

/// The name of the bookmark on release `n`'s first paragraph (1-based;
/// hidden, as Word's own `_Toc` bookmarks are).
pub fn bookmark_name(n: usize) -> String {
    format!("_TocRelease{n}")
}

/// The stored result of the contents field: one "toc 1" paragraph per
/// entry, the field's begin and instruction opening the first, its end in
/// a paragraph after the last.
fn contents_field(out: &mut String, runs: &mut body::Runs, entries: &[TocEntry<'_>]) {
    let open_field = |out: &mut String| {
        out.push_str("<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\">");
        out.push_str(&TOC_INSTRUCTION.replace('"', "&quot;"));
        out.push_str("</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>");
    };
    if entries.is_empty() {
        out.push_str("<w:p>");
        open_field(out);
        out.push_str("</w:p>");
    }
    for (i, entry) in entries.iter().enumerate() {
        let bookmark = bookmark_name(i + 1);
        open_paragraph(out, id::TOC[0], false, None);
        if i == 0 {
            open_field(out);
        }
        out.push_str("<w:hyperlink w:anchor=\"");
        out.push_str(&bookmark);
        out.push_str("\" w:history=\"1\">");
        runs.push_text(out, &one_line(entry.text), RunFormat::default());
        out.push_str("<w:r><w:tab/></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> PAGEREF ");
        out.push_str(&bookmark);
        out.push_str(
            " \\h </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>",
        );
        push_usize(out, entry.page);
        out.push_str("</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:hyperlink>");
        close_paragraph(out);
    }
    out.push_str("<w:p><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>");
}

/// What opens release `n`'s first paragraph: its bookmark (the contents
/// link and PAGEREF target) and, for an entry that is not the release's
/// own headline, the TC field that enters it in the contents.
fn release_mark(n: usize, entry: Option<&TocEntry<'_>>) -> String {
    let mut xml = String::with_capacity(256);
    xml.push_str("<w:bookmarkStart w:id=\"");
    push_usize(&mut xml, n);
    xml.push_str("\" w:name=\"");
    xml.push_str(&bookmark_name(n));
    xml.push_str("\"/><w:bookmarkEnd w:id=\"");
    push_usize(&mut xml, n);
    xml.push_str("\"/>");
    if let Some(entry) = entry.filter(|e| !e.own_headline) {
        // A TC entry's text is quoted: its own quotes cannot stay.
        let text: String = one_line(entry.text)
            .chars()
            .map(|c| if c == '"' { '\u{201D}' } else { c })
            .collect();
        xml.push_str("<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> TC &quot;");
        escape_text(&mut xml, &text);
        xml.push_str(
            "&quot; \\l 1 </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>",
        );
    }
    xml
}

/// The section properties closing a section in an empty paragraph.
fn section_break(out: &mut String, section: &str) {
    out.push_str("<w:p><w:pPr>");
    out.push_str(section);
    out.push_str("</w:pPr></w:p>");
}

/// Writes `docs` (in pack order) as one DOCX package. `front` supplies the
/// letterhead of the cover and the document properties.
pub fn render_pack(
    front: &Document,
    text: &PackText<'_>,
    docs: &[&Document],
    template: &Template,
    options: &RenderOptions,
) -> Result<Rendered, Error> {
    let size = docs.iter().map(|d| 4096 + doc_size_hint(d)).sum::<usize>();
    let disclaimer = running::DisclaimerPlan::new(front, template);
    let mut writer = body::Writer::new(template, size);
    writer.set_derived_headline_style(id::DERIVED_HEADLINE);
    writer.add_text(id::COVER_TITLE, text.title);
    if !text.date_range.is_empty() {
        writer.add_text(id::COVER_SUBTITLE, text.date_range);
    }
    if !text.count.is_empty() {
        writer.add_text(id::COVER_NOTE, text.count);
    }
    let mut table = RunningTable::new(
        sections::section_parts(&mut body::Runs::default(), front, template),
        template,
    );
    let front_refs = table.first_refs();
    let cover_refs = SectionRefs {
        first_footer: table.add_footer(sections::blank_footer()),
        ..front_refs
    };
    // The contents pages show the continuation parts, not the letterhead.
    let contents_refs = SectionRefs {
        first_header: front_refs.header,
        first_footer: front_refs.footer,
        ..front_refs
    };
    let kind = if text.duplex { "oddPage" } else { "nextPage" };
    let mut xml = String::with_capacity(2048 + 512 * text.contents.len());
    section_break(
        &mut xml,
        &package::section_properties_with(template, cover_refs, None),
    );
    open_paragraph(&mut xml, id::TOC_HEADING, false, None);
    xml.push_str("<w:r><w:t>");
    xml.push_str(&super::xml::escape(&template.pack.contents));
    xml.push_str("</w:t></w:r>");
    close_paragraph(&mut xml);
    contents_field(&mut xml, &mut writer.runs, text.contents);
    section_break(
        &mut xml,
        &package::section_properties_with(template, contents_refs, Some(kind)),
    );
    writer.push_raw(&xml);
    let release_section =
        |refs: SectionRefs| package::section_properties_with(template, refs, Some(kind));

    let mut last = None;
    for (i, doc) in docs.iter().enumerate() {
        // The running parts show the release's own values, as the PDF
        // handout's do.
        let refs = table.add(sections::section_parts(&mut writer.runs, doc, template));
        let mark = writer.body_len();
        let plan = running::DisclaimerPlan::new(doc, template);
        writer.front_matter(doc);
        writer.blocks(&doc.body);
        writer.back_matter(doc, template, &plan);
        writer.mark_paragraph_at(mark, &release_mark(i + 1, text.contents.get(i)));
        let section = release_section(refs);
        if i + 1 < docs.len() {
            xml.clear();
            section_break(&mut xml, &section);
            writer.push_raw(&xml);
        } else {
            last = Some(section);
        }
    }
    let body = writer.take_body();
    let pack = last.as_deref().map(|last| PackSections {
        last,
        running: &table,
    });
    assemble(
        front,
        &disclaimer,
        body,
        pack.as_ref(),
        writer,
        template,
        options,
    )
}
