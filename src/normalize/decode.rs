//! Bytes → `String`: binary detection, byte-order marks, UTF-16 without a
//! BOM, UTF-8, and Windows-1252 as the fallback for bytes that are not UTF-8.

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};

use crate::error::Error;

/// The decoded text and the name of the encoding it was read as.
pub(crate) struct Decoded {
    pub text: String,
    pub encoding: &'static str,
    /// True when the bytes were not valid UTF-8 and Windows-1252 was used.
    pub fell_back: bool,
}

/// File signatures of common binary formats that are never press-release text.
const SIGNATURES: &[(&[u8], &str)] = &[
    (b"%PDF-", "a PDF file"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\x7fELF", "an ELF executable"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive (DOCX, ODT, XLSX …)"),
    (b"\x1f\x8b", "a gzip archive"),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "an OLE document (DOC, XLS)",
    ),
    (b"MZ", "a Windows executable"),
    (b"{\\rtf", "an RTF document"),
];

/// Decodes `bytes`, refusing binary input with [`Error::NotText`].
pub(crate) fn decode(bytes: &[u8]) -> Result<Decoded, Error> {
    if let Some(rest) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        return Ok(utf8_or_fallback(rest, "UTF-8"));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xff\xfe") {
        return Ok(utf16(rest, true));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xfe\xff") {
        return Ok(utf16(rest, false));
    }
    for (magic, what) in SIGNATURES {
        // "MZ" alone is too short to be a reliable signature on text; require
        // binary bytes as well (checked below) unless the signature is long.
        if bytes.starts_with(magic) && (magic.len() > 2 || has_many_nuls(bytes)) {
            return Err(Error::NotText((*what).to_string()));
        }
    }
    if let Some(little_endian) = utf16_without_bom(bytes) {
        return Ok(utf16(bytes, little_endian));
    }
    if has_many_nuls(bytes) {
        return Err(Error::NotText("binary data: NUL bytes".to_string()));
    }
    Ok(utf8_or_fallback(bytes, "UTF-8"))
}

fn utf8_or_fallback(bytes: &[u8], name: &'static str) -> Decoded {
    match std::str::from_utf8(bytes) {
        Ok(text) => Decoded {
            text: text.to_string(),
            encoding: name,
            fell_back: false,
        },
        Err(_) => {
            let (text, _, _) = WINDOWS_1252.decode(bytes);
            Decoded {
                text: text.into_owned(),
                encoding: "windows-1252",
                fell_back: true,
            }
        }
    }
}

fn utf16(bytes: &[u8], little_endian: bool) -> Decoded {
    let (encoding, name) = if little_endian {
        (UTF_16LE, "UTF-16LE")
    } else {
        (UTF_16BE, "UTF-16BE")
    };
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    Decoded {
        text: text.into_owned(),
        encoding: name,
        fell_back: false,
    }
}

/// Looks at the first 4 KiB: UTF-16 text of a Latin script has a NUL in
/// almost every other byte and (almost) none in the other half.
fn utf16_without_bom(bytes: &[u8]) -> Option<bool> {
    let sample = &bytes[..bytes.len().min(4096)];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let (mut even_nul, mut odd_nul) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        even_nul += usize::from(pair[0] == 0);
        odd_nul += usize::from(pair[1] == 0);
    }
    let many = |n: usize| n * 10 >= pairs * 7;
    let few = |n: usize| n * 20 <= pairs;
    if many(odd_nul) && few(even_nul) {
        Some(true)
    } else if many(even_nul) && few(odd_nul) {
        Some(false)
    } else {
        None
    }
}

/// Binary data: more than a few NUL bytes in the first 8 KiB (text has none).
fn has_many_nuls(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    let nuls = sample.iter().filter(|&&b| b == 0).count();
    nuls > 2 && nuls * 100 >= sample.len().max(1)
        || nuls > 0 && sample.len() < 64 && nuls * 4 >= sample.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_is_stripped() {
        let d = decode(b"\xef\xbb\xbfHello").unwrap();
        assert_eq!(d.text, "Hello");
        assert_eq!(d.encoding, "UTF-8");
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let le: Vec<u8> = "Hé there"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        let mut with_bom = vec![0xff, 0xfe];
        with_bom.extend(&le);
        assert_eq!(decode(&with_bom).unwrap().text, "Hé there");
        let d = decode(&le).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("Hé there", "UTF-16LE"));
        let be: Vec<u8> = "Peace and security"
            .encode_utf16()
            .flat_map(|u| u.to_be_bytes())
            .collect();
        assert_eq!(decode(&be).unwrap().encoding, "UTF-16BE");
    }

    #[test]
    fn windows_1252_when_not_utf8() {
        let d = decode(b"Australia\x92s caf\xe9").unwrap();
        assert_eq!(d.text, "Australia’s café");
        assert!(d.fell_back);
    }

    #[test]
    fn binary_is_refused() {
        for bytes in [
            &b"%PDF-1.7\n..."[..],
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
            b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0",
            b"abc\0\0\0\0\0def\0\0\0\0ghi\0\0\0\0\0\0\0\0\x01\x02",
        ] {
            let err = decode(bytes).err().expect("refused");
            assert!(err.to_string().starts_with("not a text file ("), "{err}");
        }
    }
}
