//! PDF rendition: paints the layout engine's frames.
//!
//! [`render`] lays the document out and hands its pages to a [`PdfWriter`],
//! which can also take the pages of several documents (handouts) and embeds
//! each font once as a subset shared by all of them.
//!
//! # Why the objects are streamed with pdf-writer, not built with printpdf or lopdf
//!
//! The design names printpdf (=0.12.8, lean build) for the document skeleton
//! (pages, fonts, metadata, outline, links) with our own content streams
//! inserted into the `lopdf::Document` that `PdfDocument::to_lopdf_document`
//! returns. Its 0.12.8 source was read for that and the skeleton measured
//! (`cargo bench --bench pdf` prints "printpdf skeleton"); it is not used:
//!
//! - Outline: `serialize.rs` writes bookmarks as one flat list sorted by
//!   (page, title), with `[page /XYZ null null null]` destinations. Headings
//!   on one page would come out alphabetised, without levels, and jump to
//!   the page top. The outline here keeps reading order, nesting (headline,
//!   heading levels 1–3) and the heading's position.
//! - Metadata: `docinfo_to_dict` always writes `CreationDate`/`ModDate`
//!   (1970-01-01 when the release has no date and no `SOURCE_DATE_EPOCH`, a
//!   false date where we write none) and empty `Trapped`, `GTS_PDFXVersion`
//!   and `Identifier` keys; every one would have to be edited afterwards.
//! - Pages: one `Resources` object per page plus four empty shared resource
//!   dictionaries, `TrimBox`/`CropBox` copies and an empty content stream per
//!   page that would be replaced by ours; fonts would be spliced into its
//!   font dictionary by hand. What printpdf would still own is the page list
//!   and the link annotations, a few lines here.
//! - Cost: building that skeleton (pages, links, info; no fonts, no content)
//!   and saving it costs ~0.31 M instructions per White House release
//!   (to_lopdf_document 94 k, save 219 k; callgrind, 100 releases), on top
//!   of, not instead of, the object model below.
//!
//! Until issue #16 the writer built the same lopdf object model printpdf
//! hands back and saved it. Building, writing and dropping those objects
//! cost about 1.3 M instructions per White House release. pdf-writer
//! writes each object once, straight to bytes: the PDF stage of 100 White
//! House releases went from 1,232 M to 1,132 M instructions (callgrind, one
//! thread), with the same objects under the same numbers in every file of
//! both corpora (compared object by object after decoding every stream).
//! lopdf remains a dev-dependency: the tests read PDFs with it.

mod content;
mod image;
mod subset;
mod tagging;
mod writer;
mod xmp;

pub use writer::{PdfWriter, Timings};

use super::{RenderOptions, Rendered};
use crate::error::Error;
use crate::layout;
use crate::layout::fonts::FontId;
use crate::model::Document;
use crate::template::Template;

/// Renders the document as PDF bytes.
pub fn render(
    doc: &Document,
    template: &Template,
    options: &RenderOptions,
) -> Result<Rendered, Error> {
    let laid = layout::layout(doc, template)?;
    let mut writer = PdfWriter::new().standard(template.pdf.standard);
    writer.add(&laid);
    let date = pdf_date(doc, options);
    let bytes = writer.finish(&laid.info, date.as_deref())?;
    Ok(Rendered {
        bytes,
        pages: Some(laid.pages.len()),
        diagnostics: laid.diagnostics,
    })
}

/// Builds the core font subsets (program deflated at level 9, widths,
/// ToUnicode map) of the faces every release set in `template` draws: its
/// body text, headline and letterhead. A batch runs it on one worker beside
/// its first documents, which find the subsets ready or wait for the one
/// being built (see [`subset::subset`]) instead of building it again; faces
/// only some documents use (italic, a bold heading) are left to them.
/// Errors are left for the documents to report.
pub fn warm(template: &Template) {
    if let Ok(book) = layout::fonts::FontBook::new(template) {
        subset::warm(&faces_every_release_draws(template, &book));
    }
}

/// The faces of the text every release has in `template`, in this order:
/// body text, headline, letterhead lines, label and masthead.
fn faces_every_release_draws(template: &Template, book: &layout::fonts::FontBook) -> Vec<FontId> {
    let letterhead = &template.letterhead;
    let styles = [&template.styles.body, &template.styles.headline]
        .into_iter()
        .chain(letterhead.lines.iter().map(|line| &line.style))
        .chain(letterhead.label.iter().map(|line| &line.style))
        .chain(letterhead.masthead.iter().map(|line| &line.style));
    let mut faces = Vec::new();
    for style in styles {
        let id = book.select(style.font, style.bold, style.italic);
        if !faces.contains(&id) {
            faces.push(id);
        }
    }
    faces
}

/// The creation date: the release date, else `options.timestamp`, else
/// none (see [`super::stamp::Stamp`], which the DOCX writer uses too).
pub fn pdf_date(doc: &Document, options: &RenderOptions) -> Option<String> {
    super::stamp::Stamp::of(doc, options.timestamp).map(super::stamp::Stamp::pdf)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::frame::Item;

    /// Warming builds nothing a document would not: each face warmed is
    /// drawn by a release that has only a headline and one paragraph.
    #[test]
    fn the_faces_warmed_are_drawn_by_the_smallest_release() {
        let text =
            "Council Extends Mission\n\nThe Council met today and decided to extend the mission.\n";
        let normalized =
            crate::normalize::normalize(text.as_bytes(), &Default::default()).expect("normalizes");
        let doc = crate::parse::parse(&normalized, &Default::default());
        for name in ["un", "release"] {
            let template = crate::template::resolve(name).expect("bundled template");
            let book = layout::fonts::FontBook::new(&template).expect("faces load");
            let warmed = faces_every_release_draws(&template, &book);
            let laid = layout::layout(&doc, &template).expect("lays out");
            let drawn: Vec<FontId> = laid
                .pages
                .iter()
                .flat_map(|page| &page.items)
                .filter_map(|item| match item {
                    Item::Text(run) => Some(run.font),
                    _ => None,
                })
                .collect();
            assert!(warmed.len() >= 2, "{name}: {warmed:?}");
            for face in &warmed {
                assert!(
                    drawn.contains(face),
                    "{name}: {face:?} warmed, drawn {drawn:?}"
                );
            }
        }
    }

    #[test]
    fn dates_come_from_the_document_or_the_timestamp() {
        let mut doc = Document::default();
        let opts = RenderOptions {
            timestamp: Some(1_606_176_000),
            ..RenderOptions::default()
        };
        assert_eq!(pdf_date(&doc, &opts).as_deref(), Some("D:20201124000000Z"));
        doc.meta.date = Some("2021-01-20".into());
        assert_eq!(pdf_date(&doc, &opts).as_deref(), Some("D:20210120000000Z"));
        assert_eq!(
            pdf_date(&Document::default(), &RenderOptions::default()),
            None
        );
    }
}
