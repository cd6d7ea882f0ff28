//! The running heads and feet of a body with many sections (the handout
//! pack): each section's header and footer parts are filled with its own
//! document's values, parts with the same content are shared, and new parts
//! are numbered in the order sections first use them, after the four of the
//! opening section, so the package is byte-identical for identical input.

use std::collections::BTreeMap;

use super::body::Runs;
use super::drawing;
use super::package::SectionRefs;
use super::running::{self, DisclaimerPlan};
use super::styles::id;
use crate::model::Document;
use crate::template::Template;

/// One header or footer part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The part's XML.
    pub xml: String,
    /// It shows the letterhead logo (and needs the logo relationship).
    pub logo: bool,
}

/// The running parts of a section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionParts {
    /// In package order: continuation header, first-page header,
    /// continuation footer, first-page footer.
    pub parts: [String; 4],
    /// The even-page header and footer of a mirrored head or foot (`None`:
    /// even pages show the continuation part).
    pub even: [Option<String>; 2],
}

/// The running parts of a section showing `doc`, filled with its values
/// (symbol, date, headline, issuer, footer disclaimer) the way the single
/// document's parts are; `{page}` and `{pages}` stay fields.
pub fn section_parts(runs: &mut Runs, doc: &Document, template: &Template) -> SectionParts {
    let plan = DisclaimerPlan::new(doc, template);
    let values = running::placeholders(doc, template, &plan);
    SectionParts {
        parts: [
            running::header_part(runs, &template.header.rest, &values, template),
            running::first_header(runs, template, &values),
            running::footer_part(runs, &template.footer.rest, &values, &template.more),
            running::footer_part(runs, &template.footer.first, &values, &template.more),
        ],
        even: running::even_parts(runs, template, &values),
    }
}

/// A footer part with one empty Footer paragraph: no page number, no
/// "- more -" (a handout's cover).
pub fn blank_footer() -> String {
    let mut out = String::with_capacity(256);
    super::wml::open_root(&mut out, "w:ftr");
    super::wml::open_paragraph(&mut out, id::FOOTER, false, None);
    super::wml::close_paragraph(&mut out);
    out.push_str("</w:ftr>");
    out
}

/// Header and footer parts deduplicated by content; part `n` (1-based) is
/// `headers[n - 1]` / `footers[n - 1]`.
#[derive(Debug)]
pub struct RunningTable {
    headers: Vec<Part>,
    footers: Vec<Part>,
    header_numbers: BTreeMap<String, usize>,
    footer_numbers: BTreeMap<String, usize>,
    logo: bool,
    first: SectionRefs,
}

impl RunningTable {
    /// A table opening with the first section's parts as header1, header2,
    /// footer1 and footer2 (the single document's numbering), then its
    /// even-page parts; `template` says whether first-page headers hold the
    /// logo.
    pub fn new(first: SectionParts, template: &Template) -> Self {
        let logo = drawing::logo(template).is_some();
        let SectionParts {
            parts: [header, first_header, footer, first_footer],
            even: [even_header, even_footer],
        } = first;
        let mut table = RunningTable {
            headers: Vec::new(),
            footers: Vec::new(),
            header_numbers: BTreeMap::new(),
            footer_numbers: BTreeMap::new(),
            logo,
            first: SectionRefs {
                header: 1,
                first_header: 2,
                footer: 1,
                first_footer: 2,
                even_header: 1,
                even_footer: 1,
            },
        };
        for (xml, logo) in [(header, false), (first_header, logo)] {
            table.headers.push(Part {
                xml: xml.clone(),
                logo,
            });
            let n = table.headers.len();
            table.header_numbers.entry(xml).or_insert(n);
        }
        for xml in [footer, first_footer] {
            table.footers.push(Part {
                xml: xml.clone(),
                logo: false,
            });
            let n = table.footers.len();
            table.footer_numbers.entry(xml).or_insert(n);
        }
        if let Some(xml) = even_header {
            table.first.even_header =
                number(&mut table.headers, &mut table.header_numbers, xml, false);
        }
        if let Some(xml) = even_footer {
            table.first.even_footer =
                number(&mut table.footers, &mut table.footer_numbers, xml, false);
        }
        table
    }

    /// The parts the first section shows.
    pub fn first_refs(&self) -> SectionRefs {
        self.first
    }

    /// Numbers a section's parts, adding those not seen before.
    pub fn add(&mut self, parts: SectionParts) -> SectionRefs {
        let SectionParts {
            parts: [header, first_header, footer, first_footer],
            even: [even_header, even_footer],
        } = parts;
        let logo = self.logo;
        let header = number(&mut self.headers, &mut self.header_numbers, header, false);
        let footer = number(&mut self.footers, &mut self.footer_numbers, footer, false);
        let even_header = match even_header {
            Some(xml) => number(&mut self.headers, &mut self.header_numbers, xml, false),
            None => header,
        };
        let even_footer = match even_footer {
            Some(xml) => number(&mut self.footers, &mut self.footer_numbers, xml, false),
            None => footer,
        };
        SectionRefs {
            header,
            first_header: number(
                &mut self.headers,
                &mut self.header_numbers,
                first_header,
                logo,
            ),
            footer,
            first_footer: number(
                &mut self.footers,
                &mut self.footer_numbers,
                first_footer,
                false,
            ),
            even_header,
            even_footer,
        }
    }

    /// The number of a footer part of the pack's own (the cover's, which
    /// shows no page number), added when not seen before.
    pub fn add_footer(&mut self, xml: String) -> usize {
        number(&mut self.footers, &mut self.footer_numbers, xml, false)
    }

    /// Number of header parts.
    pub fn header_count(&self) -> usize {
        self.headers.len()
    }

    /// Number of footer parts.
    pub fn footer_count(&self) -> usize {
        self.footers.len()
    }

    /// Header parts after the first section's two, with their numbers.
    pub fn extra_headers(&self) -> impl Iterator<Item = (usize, &Part)> {
        self.headers
            .iter()
            .enumerate()
            .skip(2)
            .map(|(i, p)| (i + 1, p))
    }

    /// Footer parts after the first section's two, with their numbers.
    pub fn extra_footers(&self) -> impl Iterator<Item = (usize, &Part)> {
        self.footers
            .iter()
            .enumerate()
            .skip(2)
            .map(|(i, p)| (i + 1, p))
    }
}

/// The number of the part with content `xml`, appended when new. A new part
/// holding the logo gets its own drawing id (Word wants them unique).
fn number(
    parts: &mut Vec<Part>,
    numbers: &mut BTreeMap<String, usize>,
    xml: String,
    logo: bool,
) -> usize {
    if let Some(&n) = numbers.get(&xml) {
        return n;
    }
    let n = parts.len() + 1;
    let stored = if logo {
        drawing::with_drawing_id(&xml, n)
    } else {
        xml.clone()
    };
    parts.push(Part { xml: stored, logo });
    numbers.insert(xml, n);
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(tag: &str) -> SectionParts {
        SectionParts {
            parts: [
                format!("<w:hdr>{tag}</w:hdr>"),
                "<w:hdr>letterhead</w:hdr>".to_string(),
                "<w:ftr>page</w:ftr>".to_string(),
                "<w:ftr>page</w:ftr>".to_string(),
            ],
            even: [None, None],
        }
    }

    #[test]
    fn equal_parts_are_shared_and_new_ones_numbered_in_order() {
        let template = Template::default();
        let mut table = RunningTable::new(parts("cover"), &template);
        let a = table.add(parts("A"));
        let b = table.add(parts("B"));
        let a2 = table.add(parts("A"));
        assert_eq!(a.header, 3);
        assert_eq!(b.header, 4);
        assert_eq!(a2, a);
        assert_eq!(a.first_header, 2, "same letterhead as the cover");
        assert_eq!((a.footer, a.first_footer), (1, 1));
        assert_eq!((table.header_count(), table.footer_count()), (4, 2));
        let extra: Vec<usize> = table.extra_headers().map(|(n, _)| n).collect();
        assert_eq!(extra, [3, 4]);
        assert_eq!(table.extra_footers().count(), 0);
        assert!(
            table
                .extra_headers()
                .all(|(_, p)| p.xml.contains("<w:hdr>"))
        );
    }
}
