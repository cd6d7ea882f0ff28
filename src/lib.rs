//! pressroom turns raw press-release text into official, print-ready
//! renditions.
//!
//! Data flows one way through one module per stage:
//!
//! 1. [`normalize`]: raw bytes → clean text (encoding, line endings, control
//!    characters, mojibake), reporting what it changed.
//! 2. [`parse`]: clean text → [`model::Document`] (metadata, body blocks,
//!    diagnostics).
//! 3. [`model`]: the one representation every backend reads.
//! 4. [`layout`]: model + [`template::Template`] → positioned pages (frames),
//!    read by the PDF writer.
//! 5. [`render`]: the writers: PDF (from layout frames), DOCX, plain text and
//!    JSON (from the model).
//!
//! [`batch`] drives many documents in parallel; [`cli`] is the command line on
//! top. Nothing below `cli` reads the clock or the environment: dates come from
//! the document or from [`render::RenderOptions`].
//!
//! ```
//! let doc = pressroom::read_document(b"Hello.\n\nSecond paragraph.\n", "hello.txt").unwrap();
//! let text = pressroom::render::text::render(&doc, &pressroom::template::resolve("un").unwrap(),
//!     &pressroom::render::RenderOptions::default());
//! assert!(text.contains("Second paragraph."));
//! ```

pub mod amount;
pub mod batch;
pub mod bounded;
pub mod cli;
pub mod coverage;
pub mod error;
pub mod handout;
pub mod issuer;
pub mod layout;
pub mod model;
pub mod normalize;
pub mod parse;
pub mod project;
pub mod render;
pub mod template;
pub mod words;

pub use error::{Diagnostic, Error, Result, Severity};
pub use model::Document;

/// Reads one input: normalizes the bytes and parses the text into a document
/// whose `meta.source_file` is `source_name` (see [`parse::set_source_name`]).
/// Normalizer warnings travel with the document.
pub fn read_document(bytes: &[u8], source_name: &str) -> Result<Document> {
    read_document_with(bytes, source_name, &normalize::Options::default())
}

/// [`read_document`] with normalizer options (the input size limit).
pub fn read_document_with(
    bytes: &[u8],
    source_name: &str,
    options: &normalize::Options,
) -> Result<Document> {
    read_source(bytes, source_name, options).map(|source| source.document)
}

/// An input read for checking: its normalized text (what "the input's
/// words" are measured from, see [`coverage`]) and its document.
#[derive(Debug, Clone)]
pub struct Source {
    /// The normalized text.
    pub text: String,
    /// The parsed document.
    pub document: Document,
}

impl Source {
    /// The words every rendition of this input must hold.
    pub fn expected(&self) -> coverage::Expected {
        coverage::Expected::from_input(&self.text, &self.document)
    }
}

/// [`read_document_with`], keeping the normalized text.
pub fn read_source(
    bytes: &[u8],
    source_name: &str,
    options: &normalize::Options,
) -> Result<Source> {
    let normalized = normalize::normalize(bytes, options)?;
    let mut document = parse::parse(&normalized, &parse::Options::default());
    parse::set_source_name(&mut document, source_name);
    Ok(Source {
        text: normalized.text,
        document,
    })
}
