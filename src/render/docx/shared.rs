//! Parts that depend only on the template (and the document language), built
//! and compressed once per process instead of once per document.
//!
//! `word/styles.xml` (about 10 KB), `word/settings.xml`, the section
//! properties and the running heads and feet that name no document value
//! (the letterhead, a "Page N of M" footer) are a function of the template; `_rels/.rels`,
//! `docProps/app.xml`, `[Content_Types].xml` and the relationships of a
//! document without links are constants. Generating and deflating them took
//! about a third of every rendition. They are cached here, compressed at
//! libdeflate level 9 (the cost is paid once), in a small process-wide
//! cache keyed by the template's value (`Template: PartialEq`, so a changed
//! template never meets stale parts, whatever its address) and the language.
//! The cached bytes are exactly what the uncached code would write, so output
//! stays byte-identical across runs, threads and cache states.

use std::sync::{Arc, LazyLock, Mutex, PoisonError};

use super::drawing;
use super::fonts::{Embedder, FontParts};
use super::package::{self, Parts};
use super::running;
use super::styles;
use super::zip::{Compressed, TooLarge};
use crate::template::{Image, Template};

/// libdeflate level for parts compressed once and reused. Level 12 (near
/// optimal) made the embedded font subsets 1.4% smaller but cost 218 M
/// instructions at start-up: a one-release DOCX conversion took 297 M
/// instructions at 12 and 80 M at 9.
const SHARED_LEVEL: i32 = 9;

/// Templates remembered at once (a batch uses one or two, each in up to six
/// languages; tests a few).
const CAPACITY: usize = 16;

/// The template-dependent parts of a package.
#[derive(Debug)]
pub struct TemplateParts {
    /// `word/styles.xml`.
    pub styles: Compressed,
    /// `word/settings.xml`.
    pub settings: Compressed,
    /// The body's closing `w:sectPr` (page size, margins, running heads).
    pub section: String,
    /// header1, header2, footer1, footer2 where they do not depend on the
    /// document (a footer with page fields only, a fixed letterhead).
    pub running: [Option<Compressed>; 4],
    /// The footer disclaimer those parts hold; a document whose own differs
    /// renders its running parts itself.
    pub running_disclaimer: String,
    /// The letterhead logo's parts, when the template has a logo.
    pub logo: Option<LogoParts>,
    /// The families the styles name, to embed (`None` when the template's
    /// faces do not load).
    pub embedder: Option<Embedder>,
    /// The font table and the embedded subsets for the repertoire (what a
    /// document without other characters carries).
    pub fonts: Arc<FontParts>,
    /// Characters beyond the repertoire in the template's own running
    /// parts (a masthead in Chinese): every document's subsets hold them.
    pub running_chars: std::collections::BTreeSet<char>,
}

/// What a letterhead logo adds to the package.
#[derive(Debug)]
pub struct LogoParts {
    /// Name of the media part (`word/media/logo.png`).
    pub media_name: &'static str,
    /// The image file, stored (it is compressed already).
    pub media: Compressed,
    /// `word/_rels/header2.xml.rels`: the first-page header's link to it.
    pub header_rels: Compressed,
    /// `[Content_Types].xml` with the image type, without and with a
    /// numbering part.
    pub content_types: [Compressed; 2],
}

impl LogoParts {
    fn build(image: &Image) -> Result<Self, TooLarge> {
        let format = image.data().format;
        let types = |numbering: bool| {
            let parts = Parts {
                numbering,
                logo: Some(format),
                ..Parts::plain()
            };
            Compressed::new(SHARED_LEVEL, package::content_types(&parts).as_bytes())
        };
        Ok(LogoParts {
            media_name: drawing::media_name(format),
            media: Compressed::stored(&image.data().file)?,
            header_rels: Compressed::new(
                SHARED_LEVEL,
                package::logo_header_rels(format).as_bytes(),
            )?,
            content_types: [types(false)?, types(true)?],
        })
    }
}

impl TemplateParts {
    fn build(template: &Template, lang: &str) -> Result<Self, TooLarge> {
        let z = |part: Option<String>| {
            part.map(|xml| Compressed::new(SHARED_LEVEL, xml.as_bytes()))
                .transpose()
        };
        let ([header1, header2, footer1, footer2], running_disclaimer) =
            running::template_constant_parts(template);
        let embedder = Embedder::new(template);
        let running_chars = embedder.as_ref().map_or_else(Default::default, |e| {
            [&header1, &header2, &footer1, &footer2]
                .into_iter()
                .flatten()
                .flat_map(|xml| e.extra_chars(xml))
                .collect()
        });
        let fonts = match &embedder {
            Some(embedder) => embedder.repertoire_parts(SHARED_LEVEL)?,
            None => Arc::new(FontParts::empty(SHARED_LEVEL)?),
        };
        Ok(TemplateParts {
            embedder,
            fonts,
            running_chars,
            styles: Compressed::new(SHARED_LEVEL, styles::styles_xml(template, lang).as_bytes())?,
            settings: Compressed::new(SHARED_LEVEL, package::settings(template).as_bytes())?,
            section: package::section_properties(template),
            running: [z(header1)?, z(header2)?, z(footer1)?, z(footer2)?],
            running_disclaimer,
            logo: drawing::logo(template).map(LogoParts::build).transpose()?,
        })
    }
}

type Cache = Vec<(Template, String, Arc<TemplateParts>)>;

static CACHE: LazyLock<Mutex<Cache>> = LazyLock::new(|| Mutex::new(Vec::new()));

/// The parts for `template` in language `lang`, built on first use.
pub fn template_parts(template: &Template, lang: &str) -> Result<Arc<TemplateParts>, TooLarge> {
    {
        let cache = CACHE.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((_, _, parts)) = cache.iter().find(|(t, l, _)| l == lang && t == template) {
            return Ok(Arc::clone(parts));
        }
    }
    // Built outside the lock: two threads may both build, and both results
    // are identical.
    let parts = Arc::new(TemplateParts::build(template, lang)?);
    let mut cache = CACHE.lock().unwrap_or_else(PoisonError::into_inner);
    if cache.len() >= CAPACITY {
        cache.remove(0);
    }
    cache.push((template.clone(), lang.to_string(), Arc::clone(&parts)));
    Ok(parts)
}

/// Builds the font subsets `template` embeds in every document ahead of
/// the documents, each face on its own rayon worker. A batch calls it once
/// before its workers start: otherwise the first document on every worker
/// builds the same subsets (tens of milliseconds at level 9) while the
/// others wait or do the same. Errors are left for the documents to report.
pub fn warm(template: &Template) {
    if let Some(embedder) = Embedder::new(template) {
        let _ = embedder.repertoire_parts(SHARED_LEVEL);
    }
}

/// Parts that never change.
pub struct Constants {
    /// `_rels/.rels`.
    pub root_rels: Compressed,
    /// `docProps/app.xml`.
    pub app: Compressed,
    /// `[Content_Types].xml` without and with a numbering part.
    pub content_types: [Compressed; 2],
    /// `word/_rels/document.xml.rels` of a document without links, without
    /// and with a numbering part.
    pub document_rels: [Compressed; 2],
}

/// The constant parts, compressed on first use.
pub fn constants() -> Result<&'static Constants, TooLarge> {
    static CONSTANTS: LazyLock<Result<Constants, TooLarge>> = LazyLock::new(|| {
        let variant = |numbering: bool| Parts {
            numbering,
            ..Parts::plain()
        };
        let z = |xml: String| Compressed::new(SHARED_LEVEL, xml.as_bytes());
        Ok(Constants {
            root_rels: z(package::root_rels())?,
            app: z(package::app())?,
            content_types: [
                z(package::content_types(&variant(false)))?,
                z(package::content_types(&variant(true)))?,
            ],
            document_rels: [
                z(package::document_rels(&variant(false)))?,
                z(package::document_rels(&variant(true)))?,
            ],
        })
    });
    CONSTANTS.as_ref().map_err(|_| TooLarge)
}
