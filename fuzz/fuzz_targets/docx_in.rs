//! The Word-draft reader on arbitrary bytes: as a whole file (the archive
//! guard and docx-rs behind it), and, to reach docx-rs's XML reader at once,
//! as `word/document.xml` (or `word/numbering.xml`) of an otherwise valid
//! package. Never a panic out of the reader; an accepted draft's text words
//! all reach the model.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::io::{Cursor, Write};

const CONTENT_TYPES: &str = "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>";
const RELS: &str = "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>";
const DOC_RELS: &str = "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rIdN\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" Target=\"numbering.xml\"/></Relationships>";
const DOCUMENT: &str = "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t>Item</w:t></w:r></w:p></w:body></w:document>";

fn package(document: &[u8], numbering: &[u8]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    let parts: [(&str, &[u8]); 5] = [
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", RELS.as_bytes()),
        ("word/_rels/document.xml.rels", DOC_RELS.as_bytes()),
        ("word/document.xml", document),
        ("word/numbering.xml", numbering),
    ];
    for (name, data) in parts {
        if writer.start_file(name, options).is_err() || writer.write_all(data).is_err() {
            return Vec::new();
        }
    }
    writer.finish().map(Cursor::into_inner).unwrap_or_default()
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let bytes = match mode % 3 {
        0 => rest.to_vec(),
        1 => package(rest, b"<w:numbering xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>"),
        _ => package(DOCUMENT.as_bytes(), rest),
    };
    let options = pressroom::docx_in::Options::default();
    let _ = pressroom::docx_in::read(&bytes, &options);
    let Ok(source) = pressroom::read_source(&bytes, "fuzz.docx", &Default::default()) else {
        return;
    };
    let json = pressroom::render::json::render(&source.document);
    let coverage = source.expected().check(&json);
    assert!(coverage.missing.is_empty(), "{coverage:?}");
});
