//! Core properties (`docProps/core.xml`): title, creator, created date.
//!
//! Read by a scan for the three elements rather than a parser: the part is
//! small, its values are plain text, and entities other than the five XML
//! ones and character references are left as written.

/// The core properties the reader uses.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CoreProperties {
    /// `dc:title`.
    pub title: Option<String>,
    /// `dc:creator`.
    pub creator: Option<String>,
    /// `dcterms:created` (W3CDTF, `2024-05-01T09:00:00Z`).
    pub created: Option<String>,
}

impl CoreProperties {
    /// Reads the part's bytes; missing or empty elements are `None`.
    pub fn read(xml: &[u8]) -> CoreProperties {
        let text = String::from_utf8_lossy(xml);
        CoreProperties {
            title: element(&text, "dc:title"),
            creator: element(&text, "dc:creator"),
            created: element(&text, "dcterms:created"),
        }
    }
}

/// The text of the first `<tag …>text</tag>`, entities decoded, white space
/// collapsed.
fn element(xml: &str, tag: &str) -> Option<String> {
    let open = format!("<{tag}");
    let mut from = 0;
    while let Some(at) = xml[from..].find(&open) {
        let start = from + at + open.len();
        from = start;
        let rest = &xml[start..];
        // `<dc:titleX` is another element.
        if !rest.starts_with(['>', ' ', '\t', '\n', '\r', '/']) {
            continue;
        }
        let gt = rest.find('>')?;
        if rest[..gt].ends_with('/') {
            return None;
        }
        let body = &rest[gt + 1..];
        let end = body.find(&format!("</{tag}>"))?;
        let value = crate::parse::markup::decode_entities(&body[..end]);
        let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
        return (!value.is_empty()).then_some(value);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_three_properties() {
        let xml = br#"<?xml version="1.0"?><cp:coreProperties xmlns:dc="d"><dc:title>Aid &amp; trade</dc:title><dc:creator>Jo  Smith</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">2024-05-01T09:00:00Z</dcterms:created><dc:subject/></cp:coreProperties>"#;
        let core = CoreProperties::read(xml);
        assert_eq!(core.title.as_deref(), Some("Aid & trade"));
        assert_eq!(core.creator.as_deref(), Some("Jo Smith"));
        assert_eq!(core.created.as_deref(), Some("2024-05-01T09:00:00Z"));
        assert_eq!(
            CoreProperties::read(b"<dc:title/>"),
            CoreProperties::default()
        );
    }
}
