//! The writers. Each reads the model (and the template); the PDF writer reads
//! the layout engine's frames.

pub mod docx;
pub mod info;
pub mod json;
pub mod pdf;
pub mod stamp;
pub mod text;

/// Options shared by the writers. Nothing here is read from the environment
/// by the library: the CLI fills `timestamp` from `SOURCE_DATE_EPOCH`.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Creation/modification time (seconds since the Unix epoch) when the
    /// document has no date; documents with a date use their release date.
    pub timestamp: Option<i64>,
    /// Plain text: wrap width in columns (default: the template's).
    pub width: Option<usize>,
    /// Plain text: map typographic characters to ASCII.
    pub ascii: bool,
}

/// A rendered binary document and what the writer noticed on the way.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Number of pages, where the writer knows it (PDF).
    pub pages: Option<usize>,
    /// Warnings (e.g. characters no font can draw), with their positions.
    pub diagnostics: Vec<crate::error::Diagnostic>,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// PDF.
    Pdf,
    /// Word document.
    Docx,
    /// Plain text.
    Txt,
    /// The model as JSON.
    Json,
}

impl Format {
    /// All formats, in the order they are written.
    pub const ALL: [Format; 4] = [Format::Pdf, Format::Docx, Format::Txt, Format::Json];

    /// File extension (also the `--to` name).
    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Txt => "txt",
            Format::Json => "json",
        }
    }

    /// Parses a `--to` name.
    pub fn from_name(name: &str) -> Option<Format> {
        match name.trim().to_ascii_lowercase().as_str() {
            "pdf" => Some(Format::Pdf),
            "docx" => Some(Format::Docx),
            "txt" | "text" => Some(Format::Txt),
            "json" => Some(Format::Json),
            _ => None,
        }
    }
}
