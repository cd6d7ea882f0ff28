//! The XMP metadata packet (ISO 16684-1) of a PDF: the same title, author,
//! subject, keywords, dates and producer as the Info dictionary, the
//! language, and the PDF/A and PDF/UA identification the file claims.

use crate::layout::frame::DocInfo;
use crate::template::PdfStandard;

/// What the packet says besides the document information.
pub struct XmpFacts<'a> {
    /// Document information (title, author, subject, keywords, language).
    pub info: &'a DocInfo,
    /// PDF date (`D:20201124000000Z`), written as an XMP date.
    pub date: Option<&'a str>,
    /// The `Creator` of the Info dictionary (`xmp:CreatorTool`).
    pub creator_tool: &'a str,
    /// The `Producer` of the Info dictionary (`pdf:Producer`).
    pub producer: &'a str,
    /// The standards claimed.
    pub standard: PdfStandard,
}

/// The PDF/UA identification schema, declared as PDF/A requires for any
/// schema outside XMP's predefined ones.
const PDFUA_EXTENSION: &str = r#"<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource"><pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema><pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI><pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix><pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource"><pdfaProperty:name>part</pdfaProperty:name><pdfaProperty:valueType>Integer</pdfaProperty:valueType><pdfaProperty:category>internal</pdfaProperty:category><pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description></rdf:li></rdf:Seq></pdfaSchema:property></rdf:li></rdf:Bag></pdfaExtension:schemas>"#;

/// The packet's bytes (UTF-8, uncompressed).
pub fn packet(facts: &XmpFacts<'_>) -> Vec<u8> {
    let info = facts.info;
    let mut x = String::with_capacity(2048);
    x.push_str("<?xpacket begin=\"\u{FEFF}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n");
    x.push_str("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n");
    x.push_str("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n");
    x.push_str(concat!(
        "<rdf:Description rdf:about=\"\"",
        " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"",
        " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"",
        " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"",
        " xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"",
        " xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"",
        " xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"",
        " xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"",
        " xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
    ));
    x.push_str("<dc:format>application/pdf</dc:format>\n");
    if let Some(title) = nonempty(&info.title) {
        alt(&mut x, "dc:title", title);
    }
    if let Some(author) = nonempty(&info.author) {
        x.push_str("<dc:creator><rdf:Seq><rdf:li>");
        escape(&mut x, author);
        x.push_str("</rdf:li></rdf:Seq></dc:creator>\n");
    }
    if let Some(subject) = nonempty(&info.subject) {
        alt(&mut x, "dc:description", subject);
    }
    if !info.language.is_empty() {
        x.push_str("<dc:language><rdf:Bag><rdf:li>");
        escape(&mut x, &info.language);
        x.push_str("</rdf:li></rdf:Bag></dc:language>\n");
    }
    simple(&mut x, "pdf:Producer", facts.producer);
    if let Some(keywords) = nonempty(&info.keywords) {
        simple(&mut x, "pdf:Keywords", keywords);
    }
    simple(&mut x, "xmp:CreatorTool", facts.creator_tool);
    if let Some(date) = facts.date.and_then(xmp_date) {
        simple(&mut x, "xmp:CreateDate", &date);
        simple(&mut x, "xmp:ModifyDate", &date);
    }
    if let Some(level) = facts.standard.pdfa_level() {
        simple(&mut x, "pdfaid:part", "2");
        simple(&mut x, "pdfaid:conformance", &level.to_string());
    }
    if facts.standard.ua1() {
        simple(&mut x, "pdfuaid:part", "1");
        if facts.standard.pdfa_level().is_some() {
            x.push_str(PDFUA_EXTENSION);
            x.push('\n');
        }
    }
    x.push_str("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
    x.into_bytes()
}

fn nonempty(value: &Option<String>) -> Option<&str> {
    value.as_deref().filter(|v| !v.trim().is_empty())
}

fn simple(x: &mut String, name: &str, value: &str) {
    x.push('<');
    x.push_str(name);
    x.push('>');
    escape(x, value);
    x.push_str("</");
    x.push_str(name);
    x.push_str(">\n");
}

fn alt(x: &mut String, name: &str, value: &str) {
    x.push('<');
    x.push_str(name);
    x.push_str("><rdf:Alt><rdf:li xml:lang=\"x-default\">");
    escape(x, value);
    x.push_str("</rdf:li></rdf:Alt></");
    x.push_str(name);
    x.push_str(">\n");
}

/// XML character data: markup characters escaped, characters XML 1.0
/// forbids dropped.
fn escape(x: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '<' => x.push_str("&lt;"),
            '>' => x.push_str("&gt;"),
            '&' => x.push_str("&amp;"),
            '"' => x.push_str("&quot;"),
            '\t' | '\n' | '\r' => x.push(c),
            c if (c as u32) < 0x20 || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
            c => x.push(c),
        }
    }
}

/// `D:20201124093000Z` → `2020-11-24T09:30:00Z`.
pub fn xmp_date(pdf: &str) -> Option<String> {
    let d = pdf.strip_prefix("D:")?;
    let digits = d.get(..14)?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(format!(
        "{}-{}-{}T{}:{}:{}Z",
        &digits[0..4],
        &digits[4..6],
        &digits[6..8],
        &digits[8..10],
        &digits[10..12],
        &digits[12..14]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_packet_claims_what_the_standard_says_and_escapes_text() {
        let info = DocInfo {
            title: Some("Peace & <security>".into()),
            author: Some("United Nations".into()),
            language: "en-GB".into(),
            ..DocInfo::default()
        };
        let facts = |standard| XmpFacts {
            info: &info,
            date: Some("D:20201124000000Z"),
            creator_tool: "pressroom",
            producer: "pressroom 0",
            standard,
        };
        let both = String::from_utf8(packet(&facts(PdfStandard::Ua1A2a))).unwrap();
        assert!(both.contains("<pdfaid:part>2</pdfaid:part>"));
        assert!(both.contains("<pdfaid:conformance>A</pdfaid:conformance>"));
        assert!(both.contains("<pdfuaid:part>1</pdfuaid:part>"));
        assert!(both.contains("<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>"));
        assert!(both.contains("Peace &amp; &lt;security&gt;"));
        assert!(both.contains("<xmp:CreateDate>2020-11-24T00:00:00Z</xmp:CreateDate>"));
        assert!(both.contains("<rdf:li>en-GB</rdf:li>"));
        let b = String::from_utf8(packet(&facts(PdfStandard::A2b))).unwrap();
        assert!(b.contains("<pdfaid:conformance>B</pdfaid:conformance>"));
        assert!(!b.contains("<pdfuaid:part>"));
        let none = String::from_utf8(packet(&facts(PdfStandard::None))).unwrap();
        assert!(!none.contains("<pdfaid:part>") && !none.contains("<pdfuaid:part>"));
    }
}
