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
pub mod docx_in;
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
    /// The normalized text (for a Word draft, its body written in the
    /// text parser's markup, see [`docx_in`]).
    pub text: String,
    /// The encoding the bytes were read as ("UTF-8", …; "DOCX" for a Word
    /// draft).
    pub encoding: String,
    /// The parsed document.
    pub document: Document,
}

impl Source {
    /// The words every rendition of this input must hold.
    pub fn expected(&self) -> coverage::Expected {
        coverage::Expected::from_input(&self.text, &self.document)
    }
}

/// An input's text ready for the parser: the normalized text and, for a
/// Word draft, what its package says besides the text.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The normalized text.
    pub normalized: normalize::Normalized,
    /// A Word draft's core properties and title ([`docx_in::finish`]).
    pub docx: Option<docx_in::Extras>,
}

/// The first stage of every input: a Word draft (told by its content, see
/// [`docx_in::sniff`]) is read into marked-up text, then the text (or a
/// text input's bytes) is normalized. `source_name` only helps to tell a
/// damaged `.docx`.
pub fn prepare(bytes: &[u8], source_name: &str, options: &normalize::Options) -> Result<Prepared> {
    match docx_in::sniff(bytes, source_name) {
        docx_in::Sniffed::Ole => Err(docx_in::ole_error()),
        docx_in::Sniffed::Docx => {
            if bytes.len() as u64 > options.max_input_size {
                return Err(Error::TooLarge {
                    size: bytes.len() as u64,
                    limit: options.max_input_size,
                });
            }
            let draft = docx_in::read(
                bytes,
                &docx_in::Options::for_input_limit(options.max_input_size),
            )?;
            let mut normalized = normalize::normalize(draft.text.as_bytes(), options)?;
            normalized.encoding = "DOCX".to_string();
            normalized.diagnostics.extend(draft.diagnostics);
            Ok(Prepared {
                normalized,
                docx: Some(draft.extras),
            })
        }
        docx_in::Sniffed::Other => Ok(Prepared {
            normalized: normalize::normalize(bytes, options)?,
            docx: None,
        }),
    }
}

/// The second stage: parses prepared text into a document whose
/// `meta.source_file` is `source_name`.
pub fn parse_prepared(prepared: &Prepared, source_name: &str) -> Document {
    let mut document = parse::parse(&prepared.normalized, &parse::Options::default());
    if let Some(extras) = &prepared.docx {
        docx_in::finish(&mut document, extras, &prepared.normalized.text);
    }
    parse::set_source_name(&mut document, source_name);
    document
}

/// [`read_document_with`], keeping the normalized text.
pub fn read_source(
    bytes: &[u8],
    source_name: &str,
    options: &normalize::Options,
) -> Result<Source> {
    let prepared = prepare(bytes, source_name, options)?;
    let document = parse_prepared(&prepared, source_name);
    Ok(Source {
        text: prepared.normalized.text,
        encoding: prepared.normalized.encoding,
        document,
    })
}
