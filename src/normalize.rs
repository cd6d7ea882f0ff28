//! Normalizer: raw bytes → clean text, reporting what it did.
//!
//! (Skeleton: decodes UTF-8 lossily and unifies line endings. The full
//! normalizer replaces this.)

use crate::error::{Diagnostic, Error};

/// Normalizer options.
#[derive(Debug, Clone)]
pub struct Options {
    /// Inputs larger than this many bytes are refused.
    pub max_input_size: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_input_size: 64 * 1024 * 1024,
        }
    }
}

/// Clean text plus what the normalizer did to get it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Normalized {
    /// The text: valid UTF-8, NFC, `\n` line endings, no control characters
    /// but `\n` (and `\f` kept as a page-break hint is not allowed: removed).
    pub text: String,
    /// The encoding the bytes were read as ("UTF-8", "UTF-16LE", "windows-1252").
    pub encoding: String,
    /// What was changed, one diagnostic per kind of change.
    pub diagnostics: Vec<Diagnostic>,
}

/// Normalizes raw input bytes.
pub fn normalize(bytes: &[u8], options: &Options) -> Result<Normalized, Error> {
    if bytes.len() as u64 > options.max_input_size {
        return Err(Error::TooLarge {
            size: bytes.len() as u64,
            limit: options.max_input_size,
        });
    }
    let text = String::from_utf8_lossy(bytes)
        .replace("\r\n", "\n")
        .replace('\r', "\n");
    Ok(Normalized {
        text,
        encoding: "UTF-8".to_string(),
        diagnostics: Vec::new(),
    })
}
