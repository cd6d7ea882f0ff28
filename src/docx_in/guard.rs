//! The budget a Word draft's archive must keep before docx-rs sees it.
//!
//! docx-rs inflates every part it reads whole and parses XML recursively,
//! so an archive is checked first, with the `zip` crate, by inflating each
//! entry under a cap: the number of entries, each entry's declared and
//! actual size, the ratio of inflated to stored size of a large entry (zip
//! bombs), the total inflated size, `word/document.xml` present, and each
//! XML part well formed (docx-rs loops forever on some truncated XML), with
//! no DTD (entity bombs: OOXML never declares one) and bounded element
//! nesting (docx-rs recurses into nested tables; a deep
//! nest would overflow the stack, which no `catch_unwind` can catch).

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use crate::error::Error;

/// What an archive may hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Entries in the archive.
    pub max_entries: usize,
    /// Inflated bytes over all entries.
    pub max_total: u64,
    /// Inflated size over stored size, for an entry larger than
    /// [`Limits::ratio_from`] bytes.
    pub max_ratio: u64,
    /// Entries at least this large are held to [`Limits::max_ratio`].
    pub ratio_from: u64,
    /// Element nesting in an XML part.
    pub max_depth: usize,
}

impl Limits {
    /// The limits for an input size limit of `max_input_size` bytes: at most
    /// 10,000 entries, 256 MB inflated (and at most four times the input
    /// limit), 100:1 for an entry over 1 MiB, nesting 100 deep.
    pub fn for_input_limit(max_input_size: u64) -> Limits {
        Limits {
            max_entries: 10_000,
            max_total: (256 * 1024 * 1024).min(max_input_size.saturating_mul(4)),
            max_ratio: 100,
            ratio_from: 1024 * 1024,
            max_depth: 100,
        }
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits::for_input_limit(crate::normalize::Options::default().max_input_size)
    }
}

/// The parts the reader looks at besides docx-rs's tree, inflated.
#[derive(Debug, Default)]
pub struct Package {
    /// Entry name → inflated bytes, for the XML parts listed in [`KEPT`].
    pub parts: BTreeMap<String, Vec<u8>>,
    /// Every entry name.
    pub names: Vec<String>,
}

/// Parts kept in [`Package::parts`].
const KEPT: &[&str] = &[
    "docProps/core.xml",
    "word/document.xml",
    "word/footnotes.xml",
    "word/endnotes.xml",
];

fn refuse(what: impl std::fmt::Display) -> Error {
    Error::Docx(what.to_string())
}

/// Checks `bytes`, a ZIP archive, against `limits`; returns the parts the
/// reader needs. Every refusal is one line saying which limit was passed.
pub fn check(bytes: &[u8], limits: &Limits) -> Result<Package, Error> {
    let declared = declared_entries(bytes)?;
    if declared > limits.max_entries {
        return Err(refuse(format!(
            "the archive has {declared} entries, above the limit of {}",
            limits.max_entries
        )));
    }
    let mut archive = ::zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| refuse(format!("not a readable ZIP archive: {e}")))?;
    if archive.len() > limits.max_entries {
        return Err(refuse(format!(
            "the archive has {} entries, above the limit of {}",
            archive.len(),
            limits.max_entries
        )));
    }
    if archive.index_for_name("word/document.xml").is_none() {
        return Err(refuse(
            "no word/document.xml in the archive: not a Word document",
        ));
    }
    let mut package = Package::default();
    let mut total: u64 = 0;
    let mut buffer = Vec::new();
    for i in 0..archive.len() {
        let mut entry = archive
            .by_index(i)
            .map_err(|e| refuse(format!("entry {i} cannot be read: {e}")))?;
        let name = entry.name().to_string();
        if entry.encrypted() {
            return Err(refuse(format!("entry {name} is encrypted")));
        }
        let size = entry.size();
        let stored = entry.compressed_size().max(1);
        if size >= limits.ratio_from && size / stored > limits.max_ratio {
            return Err(refuse(format!(
                "entry {name} inflates {}:1, above the limit of {}:1 (a zip bomb?)",
                size / stored,
                limits.max_ratio
            )));
        }
        let room = limits.max_total.saturating_sub(total);
        if size > room {
            return Err(over_total(limits));
        }
        buffer.clear();
        let read = (&mut entry)
            .take(size.saturating_add(1))
            .read_to_end(&mut buffer)
            .map_err(|e| refuse(format!("entry {name} cannot be inflated: {e}")))?;
        if read as u64 != size {
            return Err(refuse(format!(
                "entry {name} inflates to another size than the archive declares"
            )));
        }
        total += size;
        let xml = name.ends_with(".xml") || name.ends_with(".rels");
        if xml {
            check_xml(&name, &buffer, limits)?;
        }
        if KEPT.contains(&name.as_str()) {
            package.parts.insert(name.clone(), buffer.clone());
        }
        package.names.push(name);
    }
    Ok(package)
}

fn over_total(limits: &Limits) -> Error {
    refuse(format!(
        "the archive inflates to more than {} bytes (a zip bomb?)",
        limits.max_total
    ))
}

/// The entry count the end-of-central-directory record declares, read
/// before the `zip` crate sizes anything by it. A ZIP64 record (a count or
/// offset at its maximum) is refused: no Word draft within the input limit
/// needs one.
fn declared_entries(bytes: &[u8]) -> Result<usize, Error> {
    const EOCD: &[u8] = b"PK\x05\x06";
    let window = bytes.len().saturating_sub(22 + 65_535);
    let at = bytes[window..]
        .windows(4)
        .rposition(|w| w == EOCD)
        .map(|p| window + p)
        .ok_or_else(|| {
            refuse("a truncated or damaged ZIP archive (no end of central directory)")
        })?;
    let record = bytes
        .get(at..at + 22)
        .ok_or_else(|| refuse("a truncated ZIP archive (end of central directory cut short)"))?;
    let u16_at = |i: usize| usize::from(u16::from_le_bytes([record[i], record[i + 1]]));
    let entries = u16_at(10);
    let offset = u32::from_le_bytes([record[16], record[17], record[18], record[19]]);
    if entries == 0xFFFF || offset == u32::MAX {
        return Err(refuse("a ZIP64 archive: not a Word draft"));
    }
    Ok(entries)
}

/// Well formed (docx-rs loops forever on some truncated XML), no DTD, and
/// nesting within [`Limits::max_depth`]. quick-xml reads the part without
/// expanding any entity.
fn check_xml(name: &str, xml: &[u8], limits: &Limits) -> Result<(), Error> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut depth = 0usize;
    let mut roots = 0usize;
    loop {
        match reader.read_event() {
            Ok(Event::Start(_)) => {
                roots += usize::from(depth == 0);
                depth += 1;
                if depth > limits.max_depth {
                    return Err(refuse(format!(
                        "{name} nests elements more than {} deep",
                        limits.max_depth
                    )));
                }
            }
            Ok(Event::End(_)) => depth = depth.saturating_sub(1),
            Ok(Event::Empty(_)) => roots += usize::from(depth == 0),
            Ok(Event::DocType(_)) => {
                return Err(refuse(format!(
                    "{name} declares a DTD, which Word never writes (an XML entity bomb?)"
                )));
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => {
                let message = e.to_string();
                return Err(refuse(format!(
                    "{name} is not well-formed XML at byte {}: {}",
                    reader.error_position(),
                    message.split_whitespace().collect::<Vec<_>>().join(" ")
                )));
            }
        }
    }
    if depth != 0 || roots != 1 {
        return Err(refuse(format!(
            "{name} is not well-formed XML (cut short, or not one root element)"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_and_dtd_are_measured() {
        let limits = Limits {
            max_depth: 3,
            ..Limits::default()
        };
        assert!(
            check_xml(
                "a.xml",
                b"<?xml version=\"1.0\"?><a><b x=\"/>\"><c/></b></a>",
                &limits
            )
            .is_ok()
        );
        assert!(check_xml("a.xml", b"<a><b><t>cut", &limits).is_err());
        assert!(check_xml("a.xml", b"<a></b>", &limits).is_err());
        assert!(check_xml("a.xml", b"<a><b><c><d/></c></b></a>", &limits).is_ok());
        assert!(check_xml("a.xml", b"<a><b><c><d></d></c></b></a>", &limits).is_err());
        let dtd = check_xml("a.xml", b"<!DOCTYPE x [<!ENTITY a \"b\">]><a/>", &limits);
        assert!(dtd.unwrap_err().to_string().contains("DTD"));
    }

    #[test]
    fn no_archive_is_one_line() {
        let err = check(b"PK\x03\x04 truncated", &Limits::default()).unwrap_err();
        assert!(err.to_string().contains("truncated"), "{err}");
        assert!(!err.to_string().contains('\n'));
    }
}
