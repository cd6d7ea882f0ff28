//! Typed errors and diagnostics shared by every stage.
//!
//! A [`Diagnostic`] is a warning (or a recovered error) that travels with the
//! document; an [`Error`] stops the conversion of one input. Both print as one
//! line: `path:line: message`.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::PathBuf;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Something was changed or could not be shown faithfully; output was still written.
    Warning,
    /// Something was wrong; the stage recovered.
    Error,
}

/// A message about one place in the input, carried with the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Warning or error.
    pub severity: Severity,
    /// Stable machine-readable code ("control-chars-removed", "missing-glyph").
    pub code: String,
    /// One-line human message.
    pub message: String,
    /// 1-based line in the input, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
}

impl Diagnostic {
    /// A warning with a code and message, at an optional line.
    pub fn warning(code: &str, message: impl Into<String>, line: Option<u32>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            code: code.to_string(),
            message: message.into(),
            line,
        }
    }

    /// Formats the diagnostic as `path:line: warning: message` (line omitted
    /// when unknown), words of the message longer than [`MAX_QUOTED_WORD`]
    /// characters shortened (see [`shorten_long_words`]).
    pub fn display_for(&self, path: &str) -> String {
        let severity = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        let message = shorten_long_words(&self.message);
        match self.line {
            Some(line) => format!("{path}:{line}: {severity}: {message}"),
            None => format!("{path}: {severity}: {message}"),
        }
    }

    /// The diagnostic with its long words shortened, as the batch report
    /// keeps it.
    pub fn shortened(&self) -> Diagnostic {
        Diagnostic {
            message: shorten_long_words(&self.message).into_owned(),
            ..self.clone()
        }
    }
}

/// Longest word (run of non-space characters) a message quotes whole.
pub const MAX_QUOTED_WORD: usize = 80;

/// Characters kept of a word longer than [`MAX_QUOTED_WORD`], before `…`.
const SHORTENED_WORD: usize = 60;

/// `message` with every word longer than [`MAX_QUOTED_WORD`] characters cut
/// to its first 60 and `…`, so that a message quoting a 3 MB "word" of the
/// input stays one short line.
pub fn shorten_long_words(message: &str) -> std::borrow::Cow<'_, str> {
    let too_long = message
        .split(char::is_whitespace)
        .any(|word| word.chars().nth(MAX_QUOTED_WORD).is_some());
    if !too_long {
        return std::borrow::Cow::Borrowed(message);
    }
    let mut out = String::with_capacity(message.len().min(1024));
    let mut rest = message;
    while !rest.is_empty() {
        let word_len = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let (word, after) = rest.split_at(word_len);
        if word.chars().nth(MAX_QUOTED_WORD).is_some() {
            out.extend(word.chars().take(SHORTENED_WORD));
            out.push('…');
        } else {
            out.push_str(word);
        }
        let space_len = after
            .find(|c: char| !c.is_whitespace())
            .unwrap_or(after.len());
        out.push_str(&after[..space_len]);
        rest = &after[space_len..];
    }
    std::borrow::Cow::Owned(out)
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "line {line}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// Everything that can stop the conversion of one input.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input could not be read.
    #[error("{path}: cannot read: {source}")]
    Read {
        /// The input path.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// An output could not be written.
    #[error("{path}: cannot write: {source}")]
    Write {
        /// The output path.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The input is not text (binary data, an image, a PDF).
    #[error("not a text file ({0})")]
    NotText(String),
    /// A Word draft (DOCX) that cannot be read: a damaged or hostile
    /// archive, a legacy or encrypted Word file, or a package docx-rs
    /// cannot parse.
    #[error("Word draft: {0}")]
    Docx(String),
    /// The input is larger than the configured limit.
    #[error("input is {size} bytes, above the limit of {limit} bytes (--max-input-size)")]
    TooLarge {
        /// Size of the input in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// The input held more than the limit; the read stopped there (its
    /// metadata did not say, as for a device or a pipe).
    #[error("input is larger than the limit of {limit} bytes (--max-input-size)")]
    OverLimit {
        /// The limit in bytes.
        limit: u64,
    },
    /// The input has no text at all.
    #[error("empty input: no text to convert")]
    Empty,
    /// The input could not be parsed (with a line where known).
    #[error("{}{message}", line.map(|l| format!("line {l}: ")).unwrap_or_default())]
    Parse {
        /// 1-based line.
        line: Option<u32>,
        /// What went wrong.
        message: String,
    },
    /// A template is invalid (message already names file, line and key).
    #[error("{0}")]
    Template(String),
    /// The project file (`pressroom.toml`) is invalid (message already
    /// names file, line and key).
    #[error("{0}")]
    Project(String),
    /// A run refused before anything was written, because of one file or
    /// folder (an output that would replace an input).
    #[error("{path}: {message}")]
    Refused {
        /// The file or folder at fault.
        path: PathBuf,
        /// Why, and what to do instead.
        message: String,
    },
    /// The request itself is wrong (bad option value, colliding outputs).
    #[error("{0}")]
    Usage(String),
    /// A renderer failed.
    #[error("{format} rendition failed: {message}")]
    Render {
        /// Output format name.
        format: &'static str,
        /// What went wrong.
        message: String,
    },
}

/// Result alias for the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_words_are_shortened_and_short_ones_kept() {
        assert_eq!(shorten_long_words("a 'word' b"), "a 'word' b");
        let word = "x".repeat(3_000_000);
        let message = format!("p: '{word}' is wide");
        let line = shorten_long_words(&message);
        assert_eq!(line, format!("p: '{}… is wide", "x".repeat(59)));
        let exact = "é".repeat(MAX_QUOTED_WORD);
        assert_eq!(shorten_long_words(&exact), exact);
    }
}
