//! Reading a DOCX package back as a DOCX reader would: its parts, and the
//! text of a part's XML.

use quick_xml::events::Event;
use std::collections::BTreeMap;
use std::io::{Cursor, Read};

/// All XML entries of the package, by name (media parts are left out: see
/// [`unzip_media`]).
pub fn unzip(bytes: &[u8]) -> BTreeMap<String, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip archive");
    let mut parts = BTreeMap::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).expect("entry");
        if file.name().starts_with("word/media/") {
            continue;
        }
        let mut text = String::new();
        file.read_to_string(&mut text).expect("UTF-8 entry");
        parts.insert(file.name().to_string(), text);
    }
    parts
}

/// The media parts of the package (`word/media/…`), by name.
pub fn unzip_media(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip archive");
    let mut parts = BTreeMap::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).expect("entry");
        if file.name().starts_with("word/media/") {
            let mut data = Vec::new();
            file.read_to_end(&mut data).expect("media entry");
            parts.insert(file.name().to_string(), data);
        }
    }
    parts
}

/// Parses `xml` fully (panics on malformed XML) and returns its text the way
/// a DOCX reader sees it: w:t content, tabs, breaks, paragraph ends.
pub fn text_of(xml: &str) -> String {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = String::new();
    let mut in_t = false;
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) if e.name().as_ref() == b"w:t" => in_t = true,
            Event::End(e) if e.name().as_ref() == b"w:t" => in_t = false,
            Event::End(e) if e.name().as_ref() == b"w:p" => out.push('\n'),
            Event::Empty(e) if e.name().as_ref() == b"w:tab" => out.push('\t'),
            Event::Empty(e) if e.name().as_ref() == b"w:br" => out.push('\n'),
            Event::Text(t) if in_t => {
                out.push_str(&t.decode().expect("text"));
            }
            Event::GeneralRef(r) if in_t => {
                let name = String::from_utf8_lossy(&r).into_owned();
                out.push(match name.as_str() {
                    "amp" => '&',
                    "lt" => '<',
                    "gt" => '>',
                    "quot" => '"',
                    _ => '\'',
                });
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// Every element of `xml` (start or empty tag) in document order: its name
/// and attributes.
pub fn elements(xml: &str) -> Vec<(String, BTreeMap<String, String>)> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) | Event::Empty(e) => {
                let attrs = e
                    .attributes()
                    .map(|a| {
                        let a = a.expect("attribute");
                        (
                            String::from_utf8_lossy(a.key.as_ref()).into_owned(),
                            String::from_utf8_lossy(&a.value).into_owned(),
                        )
                    })
                    .collect();
                out.push((
                    String::from_utf8_lossy(e.name().as_ref()).into_owned(),
                    attrs,
                ));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}
