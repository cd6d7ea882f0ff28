//! Normalizer: raw bytes → clean text, reporting what it did.
//!
//! Steps, in order: refuse binary input; decode (UTF-8 with or without BOM,
//! UTF-16 with a BOM or recognized by its NUL pattern, Windows-1252 when the
//! bytes are not UTF-8); repair double-encoded UTF-8 (`â€™` → `’`); unify
//! line endings; turn form feeds into paragraph breaks and tabs into spaces;
//! remove C0/C1 control characters, zero-width characters and soft hyphens;
//! collapse runs of spaces inside lines; compose to Unicode NFC; rejoin
//! words split by a line-end hyphen. NBSP and U+2011 are kept.
//!
//! Line structure is kept: re-joining hard-wrapped lines into paragraphs
//! needs to know what is a list or a heading, so the parser does it per
//! block with [`unwrap_lines`]. No step drops a word.

mod clean;
mod decode;
mod dehyphenate;
mod mojibake;
mod unwrap;

pub use unwrap::unwrap_lines;

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

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
    /// The text: valid UTF-8, NFC, `\n` line endings (every line ends with
    /// one), no control characters but `\n`, no tabs, no zero-width
    /// characters (ZWJ/ZWNJ excepted) or soft hyphens, inner runs of spaces
    /// collapsed. Leading indentation and a Markdown hard break (two
    /// trailing spaces) are kept; other trailing whitespace is removed.
    pub text: String,
    /// The encoding the bytes were read as ("UTF-8", "UTF-16LE", "windows-1252").
    pub encoding: String,
    /// What was changed, one diagnostic per kind of change.
    pub diagnostics: Vec<Diagnostic>,
}

/// Normalizes raw input bytes. Refuses inputs above the size limit
/// ([`Error::TooLarge`]), binary data ([`Error::NotText`]) and inputs with
/// no visible text ([`Error::Empty`]).
pub fn normalize(bytes: &[u8], options: &Options) -> Result<Normalized, Error> {
    if bytes.len() as u64 > options.max_input_size {
        return Err(Error::TooLarge {
            size: bytes.len() as u64,
            limit: options.max_input_size,
        });
    }
    let decoded = decode::decode(bytes)?;
    let mut diagnostics = Vec::new();
    if decoded.fell_back {
        diagnostics.push(Diagnostic::warning(
            "encoding-fallback",
            "input is not valid UTF-8; read as Windows-1252",
            None,
        ));
    }
    let (text, repairs) = mojibake::repair(decoded.text);
    if repairs.count > 0 {
        diagnostics.push(Diagnostic::warning(
            "mojibake-repaired",
            format!(
                "repaired {} double-encoded UTF-8 sequence(s) such as `â€™` → `’`",
                repairs.count
            ),
            repairs.first_line,
        ));
    }
    let (text, cleaned) = clean::clean(&text);
    let counters = [
        (
            cleaned.controls,
            "control-chars-removed",
            "control character(s) removed",
        ),
        (
            cleaned.zero_width,
            "zero-width-removed",
            "zero-width character(s) removed",
        ),
        (
            cleaned.soft_hyphens,
            "soft-hyphens-removed",
            "soft hyphen(s) removed",
        ),
        (
            cleaned.form_feeds,
            "form-feeds",
            "form feed(s) (page breaks) read as paragraph breaks",
        ),
    ];
    for (counter, code, what) in counters {
        if counter.count > 0 {
            diagnostics.push(Diagnostic::warning(
                code,
                format!("{} {what}", counter.count),
                counter.first_line,
            ));
        }
    }
    let text = if is_nfc(&text) {
        text
    } else {
        text.nfc().collect()
    };
    let (text, joined, first) = dehyphenate::dehyphenate(text);
    if joined > 0 {
        diagnostics.push(Diagnostic::warning(
            "dehyphenated",
            format!("{joined} word(s) split by a line-end hyphen rejoined"),
            first,
        ));
    }
    if text.chars().all(char::is_whitespace) {
        return Err(Error::Empty);
    }
    Ok(Normalized {
        text,
        encoding: decoded.encoding.to_string(),
        diagnostics,
    })
}

/// Whether `text` is in NFC by the quick check (`Maybe` counts as no).
///
/// Characters below U+0300 are all starters that NFC keeps, and so is a
/// string made only of starters each of which NFC keeps; only when some
/// character is not does the full quick check run.
fn is_nfc(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    // UTF-8 lead bytes from 0xCC on start the characters from U+0300 on.
    while let Some(offset) = bytes[i..].iter().position(|&b| b >= 0xCC) {
        i += offset;
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        if canonical_combining_class(c) != 0
            || is_nfc_quick(std::iter::once(c)) != IsNormalized::Yes
        {
            return is_nfc_quick(text.chars()) == IsNormalized::Yes;
        }
        i += c.len_utf8();
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(bytes: &[u8]) -> Normalized {
        normalize(bytes, &Options::default()).expect("normalizes")
    }

    #[test]
    fn decomposed_text_is_composed_to_nfc() {
        assert_eq!(norm("Anto\u{301}nio".as_bytes()).text, "António\n");
    }

    #[test]
    fn nfc_check_agrees_with_the_quick_check() {
        for text in [
            "plain ASCII",
            "Australia’s “view” — São Paulo",
            "Anto\u{301}nio",
            "e\u{301}\u{323}",
            "\u{344}",
            "한국어 日本語",
            "Ω\u{2126}",
        ] {
            assert_eq!(
                is_nfc(text),
                is_nfc_quick(text.chars()) == IsNormalized::Yes,
                "{text}"
            );
        }
    }

    #[test]
    fn empty_and_whitespace_only_inputs_are_refused() {
        for input in [&b""[..], b"  \n\t\r\n\xc2\xa0\n", b"\xef\xbb\xbf"] {
            assert!(matches!(
                normalize(input, &Options::default()),
                Err(Error::Empty)
            ));
        }
    }

    #[test]
    fn too_large_is_refused() {
        let options = Options { max_input_size: 4 };
        assert!(matches!(
            normalize(b"hello", &options),
            Err(Error::TooLarge { .. })
        ));
    }

    #[test]
    fn mojibake_file_is_repaired_with_a_warning() {
        let n = norm("Australiaâ€™s view â€” ok\u{9d}".as_bytes());
        assert_eq!(n.text, "Australia’s view — ok\n");
        let codes: Vec<_> = n.diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(codes, ["mojibake-repaired", "control-chars-removed"]);
    }

    #[test]
    fn every_step_keeps_the_words() {
        let input = "\u{feff}Peace\u{AD}keeping\r\n\tin\u{200B} the\u{0C}COVID\u{2011}19  era";
        let n = norm(input.as_bytes());
        assert_eq!(
            crate::words::words(&n.text),
            crate::words::words("Peacekeeping in the COVID-19 era")
        );
    }
}
