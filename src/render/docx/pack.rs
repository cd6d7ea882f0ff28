//! A handout as one DOCX: a cover, a table of contents field, then every
//! release in its own section (starting on a new page, or on an odd page
//! for duplex printing), with the house styles of a single release. Each
//! release's headline is a Title paragraph; the TOC field lists Titles at
//! level 1 and the releases' headings below them. Word fills the field when
//! the document is opened (it is marked dirty); until then it shows the
//! headlines.
//!
//! Running heads and feet follow the PDF handout: the front matter keeps
//! the document's own parts (filled from the stand-in front document); every
//! release section shows its own first-page header (the letterhead) and
//! footer on its first page and its own continuation header and footer after
//! it, filled with the release's symbol, date, headline and disclaimer.
//! Page numbers run across the whole pack (PAGE and NUMPAGES fields, no
//! restart), as in the PDF. Identical parts are shared ([`sections`]).

use super::package::{self, SectionRefs};
use super::sections::{self, RunningTable};
use super::wml::escape_text;
use super::{PackSections, RenderOptions, Rendered, assemble, body, doc_size_hint, running};
use crate::error::Error;
use crate::model::{Document, Headline};
use crate::template::Template;

/// The TOC field's instruction: Titles (the releases' headlines) at level
/// 1, the releases' first two heading levels below them (written as
/// "heading 2" and "heading 3" under a headline, see `body::HeadingLevels`).
pub const TOC_INSTRUCTION: &str = r#" TOC \h \z \t "Title,1,heading 2,2,heading 3,3" "#;

/// What the pack's DOCX holds besides the releases.
#[derive(Debug, Clone, Copy)]
pub struct PackText<'a> {
    /// Title on the cover.
    pub title: &'a str,
    /// Date range line ("" for none).
    pub date_range: &'a str,
    /// Number-of-releases line.
    pub count: &'a str,
    /// Start each release on an odd page.
    pub duplex: bool,
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
    let mut xml = String::with_capacity(2048);
    xml.push_str("<w:p><w:pPr><w:spacing w:before=\"4000\" w:after=\"240\"/></w:pPr><w:r><w:rPr><w:b/><w:sz w:val=\"60\"/></w:rPr><w:t xml:space=\"preserve\">");
    escape_text(&mut xml, text.title);
    xml.push_str("</w:t></w:r></w:p>");
    writer.push_raw(&xml);
    for line in [text.date_range, text.count] {
        if !line.is_empty() {
            writer.add_text(super::style_id::SUBTITLE, line);
        }
    }
    xml.clear();
    xml.push_str("<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>");
    xml.push_str("<w:p><w:pPr><w:spacing w:after=\"240\"/></w:pPr><w:r><w:rPr><w:b/><w:sz w:val=\"40\"/></w:rPr><w:t>Contents</w:t></w:r></w:p>");
    xml.push_str("<w:p><w:r><w:fldChar w:fldCharType=\"begin\" w:dirty=\"true\"/></w:r><w:r><w:instrText xml:space=\"preserve\">");
    xml.push_str(&TOC_INSTRUCTION.replace('"', "&quot;"));
    xml.push_str("</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r></w:p>");
    for doc in docs {
        xml.push_str("<w:p><w:r><w:t xml:space=\"preserve\">");
        escape_text(&mut xml, &crate::handout::headline(doc));
        xml.push_str("</w:t></w:r></w:p>");
    }
    xml.push_str("<w:p><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>");
    let kind = if text.duplex { "oddPage" } else { "nextPage" };
    let release_section =
        |refs: SectionRefs| package::section_properties_with(template, refs, Some(kind));
    let mut table = RunningTable::new(
        sections::section_parts(&mut body::Runs::default(), front, template),
        template,
    );
    let cover_section = package::section_properties_with(template, table.first_refs(), None);
    xml.push_str("<w:p><w:pPr>");
    xml.push_str(&cover_section);
    xml.push_str("</w:pPr></w:p>");
    writer.push_raw(&xml);

    let mut last = None;
    for (i, doc) in docs.iter().enumerate() {
        let derived;
        // The running parts show the release's own values, as the PDF
        // handout's do: a derived headline is not printed there.
        let refs = table.add(sections::section_parts(&mut writer.runs, doc, template));
        let doc = if doc.headline_text().is_some_and(|h| !h.trim().is_empty()) {
            *doc
        } else {
            let mut d = (*doc).clone();
            d.meta.headline = Some(Headline {
                text: crate::handout::headline(doc),
                derived: true,
            });
            derived = d;
            &derived
        };
        let plan = running::DisclaimerPlan::new(doc, template);
        writer.front_matter(doc);
        writer.blocks(&doc.body);
        writer.back_matter(doc, template, &plan);
        let section = release_section(refs);
        if i + 1 < docs.len() {
            xml.clear();
            xml.push_str("<w:p><w:pPr>");
            xml.push_str(&section);
            xml.push_str("</w:pPr></w:p>");
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
