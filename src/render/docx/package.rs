//! The package parts around the document: content types, relationships,
//! core and app properties, settings. Written as strings because docx-rs has
//! no API for title, creator, subject, keywords or language, stamps its own
//! times, and lists relationships from a `HashMap` (unordered output).

use super::xml::{escape, escape_into, one_line};
use crate::model::Document;
use crate::render::stamp::Stamp;
use crate::template::{ImageFormat, Template};

const XML_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// Which optional parts the package holds.
pub struct Parts<'a> {
    /// Number of header parts (header1.xml …).
    pub headers: usize,
    /// Number of footer parts (footer1.xml …).
    pub footers: usize,
    /// numbering.xml is present.
    pub numbering: bool,
    /// External link targets, in order: relationship `rIdLink{n}` is `links[n-1]`.
    pub links: &'a [String],
    /// Format of the letterhead logo (`word/media/logo.*`), if any.
    pub logo: Option<ImageFormat>,
}

impl Parts<'_> {
    /// Two headers, two footers, no numbering, no links, no logo.
    pub fn plain() -> Self {
        Parts {
            headers: 2,
            footers: 2,
            numbering: false,
            links: &[],
            logo: None,
        }
    }
}

/// `[Content_Types].xml`.
pub fn content_types(parts: &Parts) -> String {
    let mut out = String::from(XML_HEAD);
    out.push_str("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Default Extension=\"odttf\" ContentType=\"application/vnd.openxmlformats-officedocument.obfuscatedFont\"/>");
    if let Some(format) = parts.logo {
        out.push_str(&format!(
            "<Default Extension=\"{}\" ContentType=\"{}\"/>",
            format.extension(),
            format.mime()
        ));
    }
    let wml = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    let mut over = |name: &str, ty: &str| {
        out.push_str(&format!(
            "<Override PartName=\"{name}\" ContentType=\"{ty}\"/>"
        ));
    };
    over("/word/document.xml", &format!("{wml}.document.main+xml"));
    over("/word/styles.xml", &format!("{wml}.styles+xml"));
    over("/word/settings.xml", &format!("{wml}.settings+xml"));
    over("/word/fontTable.xml", &format!("{wml}.fontTable+xml"));
    if parts.numbering {
        over("/word/numbering.xml", &format!("{wml}.numbering+xml"));
    }
    for i in 1..=parts.headers {
        over(
            &format!("/word/header{i}.xml"),
            &format!("{wml}.header+xml"),
        );
    }
    for i in 1..=parts.footers {
        over(
            &format!("/word/footer{i}.xml"),
            &format!("{wml}.footer+xml"),
        );
    }
    over(
        "/docProps/core.xml",
        "application/vnd.openxmlformats-package.core-properties+xml",
    );
    over(
        "/docProps/app.xml",
        "application/vnd.openxmlformats-officedocument.extended-properties+xml",
    );
    out.push_str("</Types>");
    out
}

/// `_rels/.rels`.
pub fn root_rels() -> String {
    format!(
        "{XML_HEAD}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"{REL_NS}/officeDocument\" Target=\"word/document.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/><Relationship Id=\"rId3\" Type=\"{REL_NS}/extended-properties\" Target=\"docProps/app.xml\"/></Relationships>"
    )
}

/// Relationship id of header part `n` (1-based).
pub fn header_rid(n: usize) -> String {
    format!("rIdHeader{n}")
}

/// Relationship id of footer part `n` (1-based).
pub fn footer_rid(n: usize) -> String {
    format!("rIdFooter{n}")
}

/// Relationship id of link `n` (1-based).
pub fn link_rid(n: usize) -> String {
    format!("rIdLink{n}")
}

/// `word/_rels/document.xml.rels`.
pub fn document_rels(parts: &Parts) -> String {
    let mut out = String::from(XML_HEAD);
    out.push_str(
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    );
    let mut rel = |id: &str, ty: &str, target: &str, external: bool| {
        out.push_str(&format!(
            "<Relationship Id=\"{id}\" Type=\"{REL_NS}/{ty}\" Target=\"{}\"{}/>",
            escape(target),
            if external {
                " TargetMode=\"External\""
            } else {
                ""
            }
        ));
    };
    rel("rId1", "styles", "styles.xml", false);
    rel("rId2", "settings", "settings.xml", false);
    rel("rIdFontTable", "fontTable", "fontTable.xml", false);
    if parts.numbering {
        rel("rId3", "numbering", "numbering.xml", false);
    }
    for i in 1..=parts.headers {
        rel(&header_rid(i), "header", &format!("header{i}.xml"), false);
    }
    for i in 1..=parts.footers {
        rel(&footer_rid(i), "footer", &format!("footer{i}.xml"), false);
    }
    for (i, url) in parts.links.iter().enumerate() {
        rel(&link_rid(i + 1), "hyperlink", url, true);
    }
    out.push_str("</Relationships>");
    out
}

/// The first-page header's relationships: its logo.
pub fn logo_header_rels(format: ImageFormat) -> String {
    format!(
        "{XML_HEAD}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"{}\" Type=\"{REL_NS}/image\" Target=\"media/logo.{}\"/></Relationships>",
        super::drawing::LOGO_RID,
        format.extension()
    )
}

/// `word/settings.xml`: tab stop, hyphenation (never of words in capitals,
/// as the PDF: Word has no switch for capitalized names), different odd and even
/// running parts when mirrored, compatibility mode.
pub fn settings(template: &Template) -> String {
    format!(
        "{XML_HEAD}<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:embedTrueTypeFonts/><w:saveSubsetFonts/><w:defaultTabStop w:val=\"709\"/>{}<w:characterSpacingControl w:val=\"doNotCompress\"/><w:compat><w:doNotExpandShiftReturn/><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat></w:settings>",
        match (template.typesetting.hyphenate, mirrored(template)) {
            (true, true) => "<w:autoHyphenation/><w:doNotHyphenateCaps/><w:evenAndOddHeaders/>",
            (true, false) => "<w:autoHyphenation/><w:doNotHyphenateCaps/>",
            (false, true) => "<w:evenAndOddHeaders/>",
            (false, false) => "",
        }
    )
}

/// Whether even pages have their own running parts: the template mirrors
/// its running head or foot (`mirror = true`, for duplex printing).
pub fn mirrored(template: &Template) -> bool {
    template.header.mirror || template.footer.mirror
}

/// The header and footer parts a section shows, as 1-based part numbers
/// (`header{n}.xml`, `footer{n}.xml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SectionRefs {
    /// Continuation header (`default`).
    pub header: usize,
    /// First-page header (`first`).
    pub first_header: usize,
    /// Continuation footer (`default`).
    pub footer: usize,
    /// First-page footer (`first`).
    pub first_footer: usize,
    /// Even-page header (`even`; written only when [`mirrored`]).
    pub even_header: usize,
    /// Even-page footer (`even`; written only when [`mirrored`]).
    pub even_footer: usize,
}

impl SectionRefs {
    /// The single document's parts: header1/footer1 continue, header2/footer2
    /// open the first page; a mirrored head or foot has its even-page part
    /// as header3/footer3, else even pages show the continuation part.
    pub fn single(template: &Template) -> SectionRefs {
        SectionRefs {
            header: 1,
            first_header: 2,
            footer: 1,
            first_footer: 2,
            even_header: if template.header.mirror { 3 } else { 1 },
            even_footer: if template.footer.mirror { 3 } else { 1 },
        }
    }
}

/// The section properties closing the body, in schema order: running-head
/// references, page size, margins, one column, different first page.
pub fn section_properties(template: &Template) -> String {
    section_properties_with(template, SectionRefs::single(template), None)
}

/// Section properties showing the running parts `refs`, the section starting
/// as `start` (`nextPage`, `oddPage`; `None`: the default, a new page).
pub fn section_properties_with(
    template: &Template,
    refs: SectionRefs,
    start: Option<&str>,
) -> String {
    let (width, height) = template.page.dimensions();
    let m = &template.page.margins;
    let twips = |v: i32| v.max(0);
    let start = start.map_or(String::new(), |kind| format!("<w:type w:val=\"{kind}\"/>"));
    let even = if mirrored(template) {
        format!(
            "<w:headerReference w:type=\"even\" r:id=\"{}\"/><w:footerReference w:type=\"even\" r:id=\"{}\"/>",
            header_rid(refs.even_header),
            footer_rid(refs.even_footer)
        )
    } else {
        String::new()
    };
    format!(
        "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"{}\"/><w:headerReference w:type=\"first\" r:id=\"{}\"/><w:footerReference w:type=\"default\" r:id=\"{}\"/><w:footerReference w:type=\"first\" r:id=\"{}\"/>{even}{start}<w:pgSz w:w=\"{}\" w:h=\"{}\"/><w:pgMar w:top=\"{}\" w:right=\"{}\" w:bottom=\"{}\" w:left=\"{}\" w:header=\"{}\" w:footer=\"{}\" w:gutter=\"0\"/><w:cols w:space=\"425\" w:num=\"1\"/><w:titlePg/></w:sectPr>",
        header_rid(refs.header),
        header_rid(refs.first_header),
        footer_rid(refs.footer),
        footer_rid(refs.first_footer),
        twips(width.twips()),
        twips(height.twips()),
        twips(m.top.twips()),
        twips(m.right.twips()),
        twips(m.bottom.twips()),
        twips(m.left.twips()),
        header_distance(template),
        footer_distance(template),
    )
}

/// Twips from points, rounded.
fn twips_of(pt: f32) -> i32 {
    (pt * 20.0).round() as i32
}

/// From the top edge to the running head: where the PDF sets it, centred
/// in the top margin on the running style's line.
pub fn header_distance(template: &Template) -> i32 {
    let line = template.styles.running.line_height();
    twips_of(((template.page.margins.top.pt() - line) / 2.0).max(0.0))
}

/// From the bottom edge to the running foot's last line, centred in the
/// bottom margin as in the PDF.
pub fn footer_distance(template: &Template) -> i32 {
    let line = template.styles.running.line_height();
    twips_of(((template.page.margins.bottom.pt() - line) / 2.0).max(0.0))
}

/// Space above the first letterhead line, in twips, so that it starts at the
/// top margin as in the PDF although the first-page header starts at the
/// running head's distance (one section serves both): the margin less that
/// distance and less the first page's own running band, if any.
pub fn letterhead_drop(template: &Template) -> i32 {
    let band = if template.header.first.is_empty() {
        0
    } else {
        twips_of(template.styles.running.line_height())
    };
    (template.page.margins.top.twips() - header_distance(template) - band).max(0)
}

/// `docProps/app.xml`.
pub fn app() -> String {
    format!(
        "{XML_HEAD}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\"><Application>pressroom</Application><AppVersion>{}</AppVersion></Properties>",
        app_version()
    )
}

/// "MM.mmmm" as the extended-properties schema wants it.
fn app_version() -> String {
    let mut parts = env!("CARGO_PKG_VERSION").split('.');
    let major: u32 = parts.next().and_then(|p| p.parse().ok()).unwrap_or(0);
    let minor: u32 = parts.next().and_then(|p| p.parse().ok()).unwrap_or(0);
    format!("{major:02}.{minor:04}")
}

/// `docProps/core.xml`: title, subject, creator, keywords, language (`lang`,
/// the tag styles.xml declares), category and the release date as
/// created/modified time. The title is never missing (see [`title`]).
pub fn core(doc: &Document, lang: &str, timestamp: Option<i64>) -> String {
    let meta = &doc.meta;
    let mut out = String::from(XML_HEAD);
    out.push_str("<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">");
    let mut element = |tag: &str, value: &str| {
        let value = one_line(value);
        let value = value.trim();
        if !value.is_empty() {
            out.push_str(&format!("<{tag}>"));
            escape_into(&mut out, value);
            out.push_str(&format!("</{tag}>"));
        }
    };
    element("dc:title", &title(doc));
    let mut subject = meta.kind.label().to_string();
    if let Some(occasion) = &meta.occasion
        && !occasion.event.is_empty()
    {
        subject = format!("{subject}: {}", occasion.event);
    }
    element("dc:subject", &subject);
    element("dc:creator", meta.issuer.as_deref().unwrap_or(""));
    let keywords: Vec<&str> = meta
        .symbols
        .iter()
        .map(|s| s.raw.as_str())
        .chain(meta.topics.iter().map(String::as_str))
        .collect();
    element("cp:keywords", &keywords.join(", "));
    element("dc:description", meta.source_url.as_deref().unwrap_or(""));
    element("dc:language", lang);
    element("cp:category", &meta.categories.join(", "));
    if let Some(stamp) = Stamp::of(doc, timestamp).map(Stamp::w3c) {
        out.push_str(&format!(
            "<dcterms:created xsi:type=\"dcterms:W3CDTF\">{stamp}</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">{stamp}</dcterms:modified>"
        ));
    }
    out.push_str("</cp:coreProperties>");
    out
}

/// Title shown for an untitled package whose text yields none.
const UNTITLED: &str = "Untitled release";

/// The document title for core properties: the headline, else the one the
/// handout derives ([`crate::handout::headline`]: first words of the first
/// paragraph, or the file name), one line of valid XML characters; never
/// empty, so readers and screen readers announce a title.
pub fn title(doc: &Document) -> String {
    let derived = one_line(&crate::handout::headline(doc));
    let derived = derived.trim();
    if derived.is_empty() {
        UNTITLED.to_string()
    } else {
        derived.to_string()
    }
}
