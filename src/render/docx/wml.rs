//! A small WordprocessingML writer for the parts that change with every
//! document: `word/document.xml`, the headers and the footers.
//!
//! Why not docx-rs for these: on the White House corpus (502 releases,
//! callgrind, `cargo bench --bench docx`) building the body as docx-rs
//! `Paragraph`/`Run` values and serialising them through its event writer
//! cost about 0.8 M instructions per document — 30% of the whole rendition,
//! more than deflating the package — for a few kilobytes of XML. Writing the
//! same markup straight into a `String` (as pandoc's writer does) costs a
//! small fraction of that. It also fixes two schema-order slips of docx-rs
//! 0.4.22 that strict readers reject: an empty `w:rPr` ahead of `w:pStyle`
//! inside every `w:pPr`, and `w:sectPr` children out of order (header and
//! footer references must come first). docx-rs still writes the PAGE and
//! NUMPAGES field runs (built once per process).

use std::sync::LazyLock;

use docx_rs::{BuildXML, NumPages, PageNum};

/// XML declaration of every part.
pub const XML_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// Namespaces of the document, header and footer roots.
const NAMESPACES: &str = " xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";

/// Opens a part's root element `tag` (`w:document`, `w:hdr`, `w:ftr`).
pub fn open_root(out: &mut String, tag: &str) {
    out.push_str(XML_HEAD);
    out.push('<');
    out.push_str(tag);
    out.push_str(NAMESPACES);
    out.push('>');
}

/// The PAGE field as a run, written by docx-rs once.
pub fn page_field() -> &'static str {
    static FIELD: LazyLock<String> =
        LazyLock::new(|| String::from_utf8_lossy(&PageNum::new().build()).into_owned());
    &FIELD
}

/// The NUMPAGES field as a run, written by docx-rs once.
pub fn pages_field() -> &'static str {
    static FIELD: LazyLock<String> =
        LazyLock::new(|| String::from_utf8_lossy(&NumPages::new().build()).into_owned());
    &FIELD
}

/// Appends `text` (valid XML characters only, see [`super::xml::pieces`])
/// escaped for element content.
pub fn escape_text(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let mut start = 0;
    for i in memchr::memchr3_iter(b'&', b'<', b'>', bytes) {
        out.push_str(&text[start..i]);
        out.push_str(match bytes[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            _ => "&gt;",
        });
        start = i + 1;
    }
    out.push_str(&text[start..]);
}

/// Opens a paragraph in `style` with its paragraph properties in schema
/// order (`w:pStyle`, `w:keepNext`, `w:numPr`).
pub fn open_paragraph(
    out: &mut String,
    style: &str,
    keep_next: bool,
    list: Option<(usize, usize)>,
) {
    out.push_str("<w:p><w:pPr><w:pStyle w:val=\"");
    out.push_str(style);
    out.push_str("\"/>");
    if keep_next {
        out.push_str("<w:keepNext/>");
    }
    if let Some((num, level)) = list {
        out.push_str("<w:numPr><w:ilvl w:val=\"");
        push_usize(out, level);
        out.push_str("\"/><w:numId w:val=\"");
        push_usize(out, num);
        out.push_str("\"/></w:numPr>");
    }
    out.push_str("</w:pPr>");
}

/// Closes a paragraph.
pub fn close_paragraph(out: &mut String) {
    out.push_str("</w:p>");
}

/// Appends a decimal number.
pub fn push_usize(out: &mut String, n: usize) {
    use std::fmt::Write;
    // Writing into a String never fails.
    let _ = write!(out, "{n}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_writes_fields() {
        let mut out = String::new();
        escape_text(&mut out, "a<b>&c’");
        assert_eq!(out, "a&lt;b&gt;&amp;c’");
        assert!(page_field().contains("<w:instrText>PAGE</w:instrText>"));
        assert!(pages_field().contains("<w:instrText>NUMPAGES</w:instrText>"));
    }
}
