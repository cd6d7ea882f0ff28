//! The DOCX rendition read back as a DOCX reader would: unzip the package,
//! parse its XML parts and check styles, numbering, fields, properties, the
//! words of the model and determinism.

use std::collections::BTreeSet;

use crate::render_common::docx::{
    check_heading_order, element_text, paragraph_outline_levels, picture_descriptions, text_of,
    unzip,
};
use crate::render_common::seed;
use pressroom::model::{
    Block, Contact, DocKind, Document, Inline, List, ListItem, ListMarker, MarkerDelimiter,
    MarkerStyle, ReleaseKind, ReleaseTiming,
};
use pressroom::render::RenderOptions;
use pressroom::render::docx;
use pressroom::template::{self, Template};
use pressroom::words::{first_missing_in_order, words};
use quick_xml::events::Event;

fn marker(style: MarkerStyle, delimiter: MarkerDelimiter) -> ListMarker {
    ListMarker {
        style,
        delimiter,
        bullet: None,
    }
}

fn item(text: &str, children: Vec<List>) -> ListItem {
    ListItem {
        label: None,
        content: vec![Inline::text(text)],
        children,
    }
}

/// A document with every block type, links, breaks, tabs and hostile characters.
fn rich() -> Document {
    let mut doc = seed();
    doc.meta
        .subheadlines
        .push("Peacekeepers Praised for Courage".into());
    doc.meta.release = Some(ReleaseTiming {
        kind: ReleaseKind::Embargoed,
        until: Some("8:30 a.m. Friday".into()),
        raw: "EMBARGOED UNTIL 8:30 a.m. Friday".into(),
    });
    doc.meta
        .editorial_notes
        .push("(Reissued as received.)".into());
    doc.meta.contacts.push(Contact {
        raw: "Jane Doe, spokesperson, +1 212 555 0100".into(),
        ..Contact::default()
    });
    doc.meta.disclaimer = Some("For information media only. Not an official record.".into());
    doc.body.push(Block::Heading {
        level: 1,
        content: vec![Inline::text("Operational priorities")],
    });
    doc.body.push(Block::List(List {
        marker: marker(MarkerStyle::LowerAlpha, MarkerDelimiter::Parens),
        start: 1,
        items: vec![
            item(
                "protect civilians",
                vec![List {
                    marker: marker(MarkerStyle::LowerRoman, MarkerDelimiter::Parens),
                    start: 1,
                    items: vec![item("early warning", vec![]), item("patrols", vec![])],
                }],
            ),
            item("support political processes", vec![]),
        ],
    }));
    doc.body.push(Block::List(List {
        marker: ListMarker::bullet("*"),
        start: 1,
        items: vec![item("bulleted point", vec![])],
    }));
    doc.body.push(Block::Quote {
        content: vec![
            Inline::text("Together, we can "),
            Inline::Emphasis {
                content: vec![Inline::text("and must")],
            },
            Inline::text(" end it."),
        ],
    });
    doc.body.push(Block::SpeakerTurn {
        speaker: "MS. JEAN-PIERRE".into(),
        content: vec![Inline::text("Good afternoon.")],
    });
    doc.body.push(Block::Paragraph {
        content: vec![
            Inline::text("Line one"),
            Inline::LineBreak,
            Inline::text("line two\nline three\tafter tab \u{0}nul \u{b}vtab \u{c}formfeed \u{1b}escape \u{fffe}end"),
            Inline::text(" see "),
            Inline::Link {
                content: vec![Inline::Strong {
                    content: vec![Inline::text("the website")],
                }],
                url: "https://press.un.org/en?a=1&b=<2>".into(),
            },
            Inline::text("."),
        ],
    });
    doc.body.push(Block::Boilerplate {
        title: "About UNDP".into(),
        content: vec![vec![Inline::text("UNDP works in 170 countries.")]],
    });
    doc.body.push(Block::ContactBlock {
        lines: vec!["Media contact: John Roe".into(), "john@example.org".into()],
    });
    doc.body.push(Block::Table {
        rows: vec![
            vec![vec![Inline::text("Country")], vec![Inline::text("Troops")]],
            vec![vec![Inline::text("Nepal")]],
        ],
    });
    doc
}

fn un() -> Template {
    template::resolve("un").expect("bundled un template")
}

fn render(doc: &Document, template: &Template) -> Vec<u8> {
    docx::render(doc, template, &RenderOptions::default())
        .expect("renders")
        .bytes
}

/// Values of attribute `attr` on elements named `element`.
fn attr_values(xml: &str, element: &str, attr: &str) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == element.as_bytes() => {
                for a in e.attributes() {
                    let a = a.expect("attribute");
                    if a.key.as_ref() == attr.as_bytes() {
                        out.push(String::from_utf8_lossy(&a.value).into_owned());
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

#[test]
fn exactly_one_normal_style_and_every_used_style_exists() {
    for doc in [seed(), rich()] {
        let parts = unzip(&render(&doc, &un()));
        let styles = &parts["word/styles.xml"];
        assert_eq!(count(styles, "w:styleId=\"Normal\""), 1);
        assert_eq!(count(styles, "<w:name w:val=\"Normal\"/>"), 1);
        let defined: BTreeSet<String> = attr_values(styles, "w:style", "w:styleId")
            .into_iter()
            .collect();
        for (name, xml) in &parts {
            if !name.starts_with("word/") || !name.ends_with(".xml") || name.contains("styles") {
                continue;
            }
            for used in attr_values(xml, "w:pStyle", "w:val")
                .into_iter()
                .chain(attr_values(xml, "w:rStyle", "w:val"))
                .chain(attr_values(xml, "w:tblStyle", "w:val"))
            {
                assert!(
                    defined.contains(&used),
                    "{name} uses undefined style {used}"
                );
            }
        }
        let document = &parts["word/document.xml"];
        let paragraphs = count(document, "<w:p ") + count(document, "<w:p>");
        assert_eq!(
            paragraphs,
            count(document, "<w:pStyle "),
            "every paragraph names its style"
        );
    }
}

#[test]
fn body_styles_inherit_from_body_text() {
    let parts = unzip(&render(&rich(), &un()));
    let styles = &parts["word/styles.xml"];
    for derived in ["LeadIn", "Quote", "ListBullet", "ListNumber", "Boilerplate"] {
        let start = styles
            .find(&format!("w:styleId=\"{derived}\""))
            .expect("style defined");
        let end = start + styles[start..].find("</w:style>").expect("closed");
        assert!(
            styles[start..end].contains("<w:basedOn w:val=\"BodyText\"/>"),
            "{derived} is based on Body Text"
        );
        assert!(
            !styles[start..end].contains("w:rFonts"),
            "{derived} takes its font from Body Text"
        );
    }
    let used: BTreeSet<String> = attr_values(&parts["word/document.xml"], "w:pStyle", "w:val")
        .into_iter()
        .collect();
    for style in [
        "Title",
        "Subtitle",
        "Heading2",
        "LeadIn",
        "BodyText",
        "Symbol",
        "Date",
        "ListNumber",
        "ListBullet",
        "Quote",
        "Contact",
        "Boilerplate",
        "EndMark",
        "ReleaseLine",
        "Note",
        "SpeakerTurn",
        "TableText",
    ] {
        assert!(used.contains(style), "{style} used");
    }
}

#[test]
fn page_setup_first_page_header_and_page_fields() {
    for (name, width, height) in [("un", "11906", "16838"), ("release", "12240", "15840")] {
        let template = template::resolve(name).expect("bundled template");
        let parts = unzip(&render(&seed(), &template));
        let document = &parts["word/document.xml"];
        assert_eq!(attr_values(document, "w:pgSz", "w:w"), [width], "{name}");
        assert_eq!(attr_values(document, "w:pgSz", "w:h"), [height], "{name}");
        assert!(document.contains("<w:titlePg"), "{name}: w:titlePg");
        let kinds = attr_values(document, "w:headerReference", "w:type");
        assert!(kinds.contains(&"first".to_string()) && kinds.contains(&"default".to_string()));
        let footers: String = parts
            .iter()
            .filter(|(n, _)| n.starts_with("word/footer"))
            .map(|(_, x)| x.as_str())
            .collect();
        assert!(footers.contains(">PAGE<"), "{name}: PAGE field");
        if name == "un" {
            assert!(footers.contains(">NUMPAGES<"), "un: NUMPAGES field");
            let first_header = parts
                .iter()
                .filter(|(n, _)| n.starts_with("word/header"))
                .map(|(_, x)| text_of(x))
                .collect::<String>();
            assert!(first_header.contains("UNITED NATIONS"));
            assert!(first_header.contains("Press Release"));
            assert!(first_header.contains("Press Release SG/SM/20447 — 24 November 2020"));
            assert!(text_of(&footers).contains("For information media. Not an official record."));
        }
    }
}

#[test]
fn core_properties_come_from_the_model() {
    let mut doc = seed();
    doc.meta.kind = DocKind::Message;
    doc.meta.topics.push("Peacekeeping".into());
    let parts = unzip(&render(&doc, &un()));
    let core = &parts["docProps/core.xml"];
    assert!(core.contains("<dc:title>Secretary-General’s Message to the Eighteenth Conference of the Heads of Military Components</dc:title>"));
    assert!(core.contains("<dc:creator>United Nations</dc:creator>"));
    assert!(core.contains("<cp:keywords>SG/SM/20447, Peacekeeping</cp:keywords>"));
    assert!(core.contains("<dc:subject>Message</dc:subject>"));
    assert!(core.contains("<dc:language>en-GB</dc:language>"));
    assert!(core.contains(">2020-11-24T00:00:00Z</dcterms:created>"));
    assert!(core.contains(">2020-11-24T00:00:00Z</dcterms:modified>"));

    doc.meta.date = None;
    let options = RenderOptions {
        timestamp: Some(1_700_000_000),
        ..RenderOptions::default()
    };
    let bytes = docx::render(&doc, &un(), &options).expect("renders").bytes;
    assert!(unzip(&bytes)["docProps/core.xml"].contains(">2023-11-14T22:13:20Z</dcterms:created>"));
}

/// PDF and DOCX date a document from the same conversion: a model date
/// with a time part (the model documents `YYYY-MM-DD`; a library user may
/// pass more) gives both the release day, not a PDF date alone.
#[test]
fn a_model_date_with_a_time_dates_the_docx_as_the_pdf() {
    let mut doc = seed();
    doc.meta.date = Some("2020-11-24T09:30:00Z".into());
    let pdf =
        pressroom::render::pdf::render(&doc, &un(), &RenderOptions::default()).expect("renders");
    let info = crate::render_common::tagged::Tagged::load(&pdf.bytes);
    assert_eq!(
        info.info("CreationDate").as_deref(),
        Some("D:20201124000000Z")
    );
    let core = &unzip(&render(&doc, &un()))["docProps/core.xml"];
    assert!(
        core.contains(">2020-11-24T00:00:00Z</dcterms:created>"),
        "{core}"
    );
    assert!(core.contains(">2020-11-24T00:00:00Z</dcterms:modified>"));
}

#[test]
fn every_model_word_appears_in_order() {
    let doc = rich();
    let template = un();
    let parts = unzip(&render(&doc, &template));
    let text = text_of(&parts["word/document.xml"]);
    let mut expected = String::new();
    for s in &doc.meta.symbols {
        expected.push_str(&s.raw);
        expected.push('\n');
    }
    expected.push_str("24 November 2020\n");
    expected.push_str("EMBARGOED UNTIL 8:30 a.m. Friday\n");
    expected.push_str(doc.headline_text().unwrap_or_default());
    expected.push('\n');
    for s in &doc.meta.subheadlines {
        expected.push_str(s);
        expected.push('\n');
    }
    for n in &doc.meta.editorial_notes {
        expected.push_str(n);
        expected.push('\n');
    }
    expected.push_str(&doc.body_text());
    expected.push_str("* *** *\n");
    for c in &doc.meta.contacts {
        expected.push('\n');
        expected.push_str(&c.raw);
    }
    let expected = words(&expected);
    let actual = words(&text);
    assert_eq!(
        first_missing_in_order(&expected, &actual),
        None,
        "document text: {text}"
    );
    assert!(text.contains("Line one\nline two\nline three\tafter tab"));
    assert!(text.contains("vtab \nformfeed"));
    // The un template puts the document's own disclaimer in the footers.
    let footer = text_of(&parts["word/footer1.xml"]);
    assert!(footer.contains("For information media only. Not an official record."));
}

#[test]
fn control_characters_give_valid_xml_and_a_warning() {
    let rendered = docx::render(&rich(), &un(), &RenderOptions::default()).expect("renders");
    let parts = unzip(&rendered.bytes);
    for (name, xml) in &parts {
        assert!(
            !xml.chars()
                .any(|c| (c < ' ' && !matches!(c, '\t' | '\n' | '\r'))
                    || c == '\u{fffe}'
                    || c == '\u{ffff}'),
            "{name} holds a character XML 1.0 forbids"
        );
        if name.ends_with(".xml") || name.ends_with(".rels") {
            text_of(xml);
        }
    }
    let warning = rendered
        .diagnostics
        .iter()
        .find(|d| d.code == docx::INVALID_CHAR_CODE)
        .expect("a warning for removed characters");
    assert!(warning.message.contains("removed 3"), "{}", warning.message);
}

#[test]
fn lists_use_real_numbering_with_the_documents_markers() {
    let parts = unzip(&render(&rich(), &un()));
    let numbering = &parts["word/numbering.xml"];
    assert!(numbering.contains("<w:numFmt w:val=\"lowerLetter\"/><w:lvlText w:val=\"(%1)\"/>"));
    assert!(numbering.contains(
        "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"lowerRoman\"/><w:lvlText w:val=\"(%2)\"/>"
    ));
    assert!(numbering.contains("<w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"•\"/>"));
    assert_eq!(
        count(numbering, "<w:num w:numId="),
        2,
        "one instance per list"
    );
    let document = &parts["word/document.xml"];
    assert!(
        document.contains("<w:ilvl w:val=\"1\" />") || document.contains("<w:ilvl w:val=\"1\"/>")
    );
    let text = text_of(document);
    assert!(
        !text.contains("(a)"),
        "markers come from numbering, not typed text"
    );
    assert!(parts["[Content_Types].xml"].contains("/word/numbering.xml"));
    assert!(parts["word/_rels/document.xml.rels"].contains("numbering.xml"));
}

#[test]
fn links_are_hyperlinks_with_external_relationships() {
    let parts = unzip(&render(&rich(), &un()));
    let document = &parts["word/document.xml"];
    assert_eq!(attr_values(document, "w:hyperlink", "r:id"), ["rIdLink1"]);
    let rels = &parts["word/_rels/document.xml.rels"];
    assert!(rels.contains(
        "Id=\"rIdLink1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink\" Target=\"https://press.un.org/en?a=1&amp;b=&lt;2&gt;\" TargetMode=\"External\""
    ));
    assert!(document.contains("<w:tbl>"), "tables are real tables");
}

#[test]
fn output_is_byte_identical_across_runs_and_threads() {
    let doc = rich();
    let template = un();
    let first = render(&doc, &template);
    assert_eq!(first, render(&doc, &template));
    let threaded: Vec<Vec<u8>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..2)
            .map(|_| {
                s.spawn(|| {
                    // Other documents first, so per-thread counters differ.
                    for _ in 0..3 {
                        render(&seed(), &template);
                    }
                    render(&doc, &template)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("thread"))
            .collect()
    });
    assert!(threaded.iter().all(|bytes| *bytes == first));
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&first)).expect("zip");
    let deflated = (0..archive.len())
        .filter(|&i| {
            archive.by_index(i).expect("entry").compression() == zip::CompressionMethod::Deflated
        })
        .count();
    assert!(deflated >= 3, "package entries are compressed");
}

#[test]
fn template_parts_are_cached_per_template_value_and_language() {
    let un = un();
    let release = template::resolve("release").expect("release template");
    let first = render(&seed(), &un);
    let styles = |bytes: &[u8]| unzip(bytes)["word/styles.xml"].clone();
    assert_ne!(styles(&first), styles(&render(&seed(), &release)));
    // The same template in another allocation: the very same package.
    assert_eq!(first, render(&seed(), &un.clone()));
    // A changed template under the same name never meets stale styles.
    let mut bigger = un.clone();
    bigger.styles.body.size += 1.0;
    let half_points = ((bigger.styles.body.size * 2.0).round() as u32).to_string();
    let changed = styles(&render(&seed(), &bigger));
    assert!(attr_values(&changed, "w:sz", "w:val").contains(&half_points));
    assert_ne!(changed, styles(&first));
    // The language is part of the key.
    let mut french = seed();
    french.meta.language.code = "fr".into();
    let fr = styles(&render(&french, &un));
    assert_eq!(attr_values(&fr, "w:lang", "w:val"), ["fr"]);
    assert_eq!(styles(&render(&seed(), &un)), styles(&first));
    // Running parts naming no document value are shared; the rest follow the document.
    let mut other = seed();
    other.meta.symbols[0].raw = "SG/SM/1".into();
    let (a, b) = (unzip(&first), unzip(&render(&other, &un)));
    assert_eq!(a["word/footer1.xml"], b["word/footer1.xml"]);
    assert!(a["word/footer1.xml"].contains(">NUMPAGES<"));
    assert_eq!(a["word/header2.xml"], b["word/header2.xml"]);
    assert!(text_of(&a["word/header1.xml"]).contains("SG/SM/20447"));
    assert!(text_of(&b["word/header1.xml"]).contains("SG/SM/1"));
    // A document's own footer disclaimer is written, not the cached one.
    let own = unzip(&render(&rich(), &un));
    let own_footer = text_of(&own["word/footer1.xml"]);
    let disclaimer = rich().meta.disclaimer.expect("rich has a disclaimer");
    assert!(own_footer.contains(disclaimer.trim()), "{own_footer}");
}

/// Writes the seed and the rich sample as DOCX files (and model JSON) into
/// `$PRESSROOM_DOCX_OUT` (used by scripts/docx-picture.sh; ignored by default).
#[test]
#[ignore]
fn write_samples() {
    let Some(dir) = std::env::var_os("PRESSROOM_DOCX_OUT") else {
        return;
    };
    let dir = std::path::PathBuf::from(dir);
    std::fs::create_dir_all(&dir).expect("output directory");
    for (name, template) in ["un", "release"].map(|n| (n, template::resolve(n).expect("template")))
    {
        std::fs::write(
            dir.join(format!("seed-{name}.docx")),
            render(&seed(), &template),
        )
        .expect("write");
        std::fs::write(
            dir.join(format!("rich-{name}.docx")),
            render(&rich(), &template),
        )
        .expect("write");
    }
    // The seed under its corpus name with its model, for tests/conformance/docx.sh.
    std::fs::write(dir.join("sgsm20447.docx"), render(&seed(), &un())).expect("write");
    let json = serde_json::to_string(&seed()).expect("model JSON");
    std::fs::write(dir.join("sgsm20447.json"), json).expect("write");
    std::fs::write(dir.join("rich.docx"), render(&rich(), &un())).expect("write");
    let json = serde_json::to_string(&rich()).expect("model JSON");
    std::fs::write(dir.join("rich.json"), json).expect("write");
}

/// The seed with body headings of levels 1, 3 (a skipped level), 2 and 1,
/// and a table.
fn headings_and_table() -> Document {
    let mut doc = seed();
    let heading = |level: u8, text: &str| Block::Heading {
        level,
        content: vec![Inline::text(text)],
    };
    let para = |text: &str| Block::Paragraph {
        content: vec![Inline::text(text)],
    };
    doc.body.insert(1, heading(1, "Priorities"));
    doc.body.insert(2, heading(3, "Protection of civilians"));
    doc.body.insert(3, para("Patrols and early warning."));
    doc.body.insert(4, heading(2, "Partnerships"));
    doc.body.push(heading(1, "Figures"));
    doc.body.push(Block::Table {
        rows: vec![
            vec![vec![Inline::text("Country")], vec![Inline::text("Troops")]],
            vec![vec![Inline::text("Nepal")], vec![Inline::text("5,000")]],
            vec![vec![Inline::text("Rwanda")], vec![Inline::text("4,000")]],
        ],
    });
    doc
}

/// Outline levels of the body paragraphs, in document order.
fn outline_levels(parts: &std::collections::BTreeMap<String, String>) -> Vec<u8> {
    paragraph_outline_levels(&parts["word/document.xml"], &parts["word/styles.xml"])
}

#[test]
fn headline_is_level_one_and_heading_levels_never_skip() {
    // The seed: its headline only.
    let parts = unzip(&render(&seed(), &un()));
    assert_eq!(outline_levels(&parts), [0]);
    // Model levels 1, 3, 2, 1 under the headline: 1, 2, 2, 1 under it.
    let parts = unzip(&render(&headings_and_table(), &un()));
    let levels = outline_levels(&parts);
    assert_eq!(levels, [0, 1, 2, 2, 1], "Title, then headings");
    check_heading_order(&levels).expect("heading order");
    let styles = attr_values(&parts["word/document.xml"], "w:pStyle", "w:val");
    let headings: Vec<&str> = styles
        .iter()
        .map(String::as_str)
        .filter(|s| *s == "Title" || s.starts_with("Heading"))
        .collect();
    assert_eq!(
        headings,
        ["Title", "Heading2", "Heading3", "Heading3", "Heading2"]
    );
    // Without a headline the first heading is level 1 itself.
    let mut untitled = headings_and_table();
    untitled.meta.headline = None;
    let parts = unzip(&render(&untitled, &un()));
    assert_eq!(outline_levels(&parts), [0, 1, 1, 0]);
    // The checker itself catches both faults.
    assert!(check_heading_order(&[1]).is_err());
    assert!(check_heading_order(&[0, 2]).is_err());
    assert!(check_heading_order(&[0, 1, 2, 0, 1]).is_ok());
}

#[test]
fn language_has_its_region_in_styles_and_core_properties() {
    let parts = unzip(&render(&seed(), &un()));
    let styles = &parts["word/styles.xml"];
    assert_eq!(attr_values(styles, "w:lang", "w:val"), ["en-GB"]);
    assert!(attr_values(styles, "w:lang", "w:eastAsia").is_empty());
    assert!(attr_values(styles, "w:lang", "w:bidi").is_empty());
    assert_eq!(
        element_text(&parts["docProps/core.xml"], "dc:language").as_deref(),
        Some("en-GB")
    );
    let mut us = seed();
    us.meta.symbols.clear();
    us.meta.issuer = Some("The White House".into());
    let styles = &unzip(&render(&us, &un()))["word/styles.xml"];
    assert_eq!(attr_values(styles, "w:lang", "w:val"), ["en-US"]);
    for (code, attr, value) in [("zh", "w:eastAsia", "zh-CN"), ("ar", "w:bidi", "ar-SA")] {
        let mut doc = seed();
        doc.meta.language.code = code.into();
        let parts = unzip(&render(&doc, &un()));
        let styles = &parts["word/styles.xml"];
        assert_eq!(attr_values(styles, "w:lang", "w:val"), [code]);
        assert_eq!(attr_values(styles, "w:lang", attr), [value], "{code}");
        let other = if attr == "w:bidi" {
            "w:eastAsia"
        } else {
            "w:bidi"
        };
        assert!(attr_values(styles, "w:lang", other).is_empty(), "{code}");
        assert_eq!(
            element_text(&parts["docProps/core.xml"], "dc:language").as_deref(),
            Some(code)
        );
    }
}

#[test]
fn title_is_never_missing_from_core_properties() {
    let core = |doc: &Document| unzip(&render(doc, &un()))["docProps/core.xml"].clone();
    let title = |doc: &Document| element_text(&core(doc), "dc:title").unwrap_or_default();
    assert_eq!(title(&seed()), seed().headline_text().unwrap_or_default());
    let mut untitled = seed();
    untitled.meta.headline = None;
    let derived = title(&untitled);
    assert!(!derived.trim().is_empty());
    assert_eq!(derived, pressroom::handout::headline(&untitled));
    assert_eq!(
        element_text(&core(&untitled), "dc:creator").as_deref(),
        Some("United Nations")
    );
    let mut blank = Document::default();
    blank.meta.headline = Some(pressroom::model::Headline {
        text: " \u{1} ".into(),
        derived: false,
    });
    assert!(
        !title(&blank).trim().is_empty(),
        "a blank document has a title"
    );
}

#[test]
fn first_table_row_is_a_bold_repeating_header() {
    let parts = unzip(&render(&headings_and_table(), &un()));
    let document = &parts["word/document.xml"];
    let table = &document[document.find("<w:tbl>").expect("a table")..];
    let rows: Vec<&str> = table.split("<w:tr>").skip(1).collect();
    assert_eq!(rows.len(), 3);
    assert!(rows[0].starts_with("<w:trPr><w:tblHeader/></w:trPr>"));
    assert!(rows[1..].iter().all(|r| !r.contains("w:tblHeader")));
    assert_eq!(count(rows[0], "<w:pStyle w:val=\"TableHeading\"/>"), 2);
    assert_eq!(count(rows[1], "<w:pStyle w:val=\"TableText\"/>"), 2);
    let styles = &parts["word/styles.xml"];
    let start = styles
        .find("w:styleId=\"TableHeading\"")
        .expect("Table Heading style");
    let style = &styles[start..start + styles[start..].find("</w:style>").expect("closed")];
    assert!(style.contains("<w:basedOn w:val=\"TableText\"/>"));
    assert!(style.contains("<w:b/>"), "{style}");
}

/// The un template with the JPEG fixture as its logo, described by `alt`.
fn un_with_logo(alt: &str) -> Template {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/logo.jpg");
    let file = std::fs::read(path).expect("tests/fixtures/logo.jpg");
    let mut t = un();
    t.letterhead.logo_image = Some(template::Image::from_bytes(file).expect("a JPEG"));
    t.letterhead.logo_alt = alt.into();
    t
}

#[test]
fn logo_has_the_templates_alt_text_or_is_decorative() {
    let alt = "Emblem of the United Nations";
    let parts = unzip(&render(&seed(), &un_with_logo(alt)));
    assert_eq!(picture_descriptions(&parts), [Ok(alt.to_string())]);
    assert_eq!(
        attr_values(&parts["word/header2.xml"], "pic:cNvPr", "descr"),
        [alt]
    );
    let parts = unzip(&render(&seed(), &un_with_logo("  ")));
    assert_eq!(picture_descriptions(&parts), [Err(())]);
    assert!(attr_values(&parts["word/header2.xml"], "wp:docPr", "descr").is_empty());
    assert!(picture_descriptions(&unzip(&render(&seed(), &un()))).is_empty());
}

/// Every release of the shared corpus (`../shared/corpus`) rendered with a
/// logo, alternately described and decorative: heading order, a language
/// tag, a title and a described or decorative picture in every package.
/// Fails when the corpus is missing unless `PRESSROOM_SKIP_CORPUS=1`.
#[test]
fn corpus_packages_are_accessible() {
    use rayon::prelude::*;
    let Some(root) = crate::common::corpus_or_skip("docx_render::corpus_packages_are_accessible")
    else {
        return;
    };
    let files: Vec<_> = walk_txt(&root);
    let templates = [
        un_with_logo("Emblem of the United Nations"),
        un_with_logo(""),
    ];
    let checked: Vec<(bool, bool)> = files
        .par_iter()
        .enumerate()
        .map(|(i, path)| {
            let name = path.display().to_string();
            let bytes = std::fs::read(path).expect("corpus file");
            let doc =
                pressroom::read_document(&bytes, &name).unwrap_or_else(|e| panic!("{name}: {e}"));
            let parts = unzip(&render(&doc, &templates[i % 2]));
            let levels = outline_levels(&parts);
            check_heading_order(&levels).unwrap_or_else(|e| panic!("{name}: {e}"));
            let lang = attr_values(&parts["word/styles.xml"], "w:lang", "w:val");
            assert!(
                lang.len() == 1 && is_language_tag(&lang[0]),
                "{name}: w:lang {lang:?}"
            );
            let core = &parts["docProps/core.xml"];
            assert_eq!(
                element_text(core, "dc:language").as_ref(),
                lang.first(),
                "{name}"
            );
            let title = element_text(core, "dc:title").unwrap_or_default();
            assert!(!title.trim().is_empty(), "{name}: no dc:title");
            let pictures = picture_descriptions(&parts);
            assert_eq!(pictures.len(), 1, "{name}: one logo");
            assert_eq!(pictures[0].is_err(), i % 2 == 1, "{name}: {pictures:?}");
            (levels.len() > 1, lang[0].contains('-'))
        })
        .collect();
    let with_headings = checked.iter().filter(|(h, _)| *h).count();
    let with_region = checked.iter().filter(|(_, r)| *r).count();
    eprintln!(
        "corpus_packages_are_accessible: {} files, {with_headings} with body headings, {with_region} with a region",
        checked.len()
    );
    assert!(checked.len() >= 900, "only {} corpus files", checked.len());
}

/// `.txt` files under `dir`, sorted.
fn walk_txt(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out: Vec<_> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .map(walkdir::DirEntry::into_path)
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    out.sort();
    out
}

/// A BCP 47 language tag of the forms pressroom writes: `en`, `en-GB`.
fn is_language_tag(tag: &str) -> bool {
    let (primary, region) = tag.split_once('-').unwrap_or((tag, ""));
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && (region.is_empty()
            || (region.len() == 2 && region.bytes().all(|b| b.is_ascii_uppercase())))
}

#[test]
fn handout_pack_has_the_same_accessible_properties() {
    let mut untitled = headings_and_table();
    untitled.meta.headline = None;
    let docs = vec![headings_and_table(), seed(), untitled];
    let template = template::resolve("handout").expect("bundled handout template");
    let options = pressroom::handout::Options {
        title: Some("Week 47".into()),
        ..Default::default()
    };
    let pack = pressroom::handout::build(&docs, &template, &options).expect("pack");
    let bytes = pressroom::handout::docx(&pack, &docs, &template, &RenderOptions::default())
        .expect("DOCX pack")
        .bytes;
    let parts = unzip(&bytes);
    let levels = outline_levels(&parts);
    check_heading_order(&levels).expect("heading order across the pack");
    // Each release's outline as in its own DOCX: a headline at level 1 (the
    // seed's derived one too, in the Derived Headline style); a release
    // without a headline gets none invented, its headings start at level 1.
    let own: Vec<u8> = pack
        .contents
        .iter()
        .flat_map(|e| outline_levels(&unzip(&render(&docs[e.input], &template))))
        .collect();
    assert_eq!(levels, own);
    assert_eq!(
        levels.iter().filter(|l| **l == 0).count(),
        docs.len() + 1,
        "a headline for the two releases with one, two top headings for the untitled: {levels:?}"
    );
    let core = &parts["docProps/core.xml"];
    assert_eq!(element_text(core, "dc:title").as_deref(), Some("Week 47"));
    assert_eq!(element_text(core, "dc:language").as_deref(), Some("en-GB"));
    assert_eq!(
        element_text(core, "dc:creator").as_deref(),
        Some("United Nations")
    );
    let styles = &parts["word/styles.xml"];
    assert_eq!(attr_values(styles, "w:lang", "w:val"), ["en-GB"]);
    let document = &parts["word/document.xml"];
    assert_eq!(count(document, "<w:tblHeader/>"), 2, "one per table");
    assert!(document.contains(&pressroom::render::docx::TOC_INSTRUCTION.replace('"', "&quot;")));
}

#[test]
fn table_amounts_are_right_aligned() {
    let mut doc = seed();
    let row = |cells: [&str; 3]| {
        cells
            .iter()
            .map(|c| vec![Inline::text(*c)])
            .collect::<Vec<_>>()
    };
    doc.body.push(Block::Table {
        rows: vec![
            row(["Item", "Cost", "Share"]),
            row(["Tents", "$1,200", "45%"]),
            row(["Water purification", "3.5", "(12)"]),
        ],
    });
    let parts = unzip(&render(&doc, &un()));
    let document = &parts["word/document.xml"];
    let table = &document[document.find("<w:tbl>").expect("a table")..];
    // Each cell's paragraph, with the text it holds.
    let paragraphs: Vec<&str> = table.split("<w:p>").skip(1).collect();
    let cell = |s: &str| {
        paragraphs
            .iter()
            .find(|p| p.contains(&format!(">{s}</w:t>")))
            .unwrap_or_else(|| panic!("a cell holding {s}"))
    };
    for amount in ["$1,200", "45%", "3.5", "(12)"] {
        assert!(
            cell(amount).contains("<w:jc w:val=\"right\"/>"),
            "{amount}: {}",
            cell(amount)
        );
    }
    for words in ["Tents", "Water purification", "Cost"] {
        assert!(!cell(words).contains("<w:jc "), "{words}");
    }
}

/// The relationship target of the `w:footerReference` of `kind` in the
/// body's closing section properties.
fn footer_target(parts: &std::collections::BTreeMap<String, String>, kind: &str) -> Option<String> {
    let document = &parts["word/document.xml"];
    let section = &document[document.rfind("<w:sectPr>")?..];
    let at = section.find(&format!("<w:footerReference w:type=\"{kind}\" r:id=\""))?;
    let rest = &section[at..];
    let id_start = rest.find("r:id=\"")? + 6;
    let id = &rest[id_start..id_start + rest[id_start..].find('"')?];
    let rels = &parts["word/_rels/document.xml.rels"];
    let rel = &rels[rels.find(&format!("Id=\"{id}\""))?..];
    let target_start = rel.find("Target=\"")? + 8;
    Some(format!(
        "word/{}",
        &rel[target_start..target_start + rel[target_start..].find('"')?]
    ))
}

#[test]
fn handout_page_numbers_sit_on_the_outside_edge() {
    let t = template::resolve("handout").expect("bundled handout template");
    let parts = unzip(&render(&seed(), &t));
    assert!(
        parts["word/settings.xml"].contains("<w:evenAndOddHeaders/>"),
        "different odd and even running parts"
    );
    // Where the page number stands: after the tabs (right) or before them
    // (left).
    let page_at_right = |name: &str| {
        let footer = &parts[name];
        let page = footer.find("PAGE").expect("a PAGE field");
        footer[..page].contains("<w:tab/>")
    };
    let odd = footer_target(&parts, "default").expect("a default footer");
    let even = footer_target(&parts, "even").expect("an even-page footer");
    assert_ne!(odd, even);
    assert!(page_at_right(&odd), "odd pages: right");
    assert!(!page_at_right(&even), "even pages: left");
    // Even pages keep their running head: the even header is the default one.
    let document = &parts["word/document.xml"];
    assert!(document.contains("<w:headerReference w:type=\"even\""));
    // A template that does not mirror writes neither.
    let un = unzip(&render(&seed(), &un()));
    assert!(!un["word/settings.xml"].contains("evenAndOddHeaders"));
    assert!(footer_target(&un, "even").is_none());
}

#[test]
fn word_hyphenates_no_word_in_capitals() {
    // Word's automatic hyphenation (the un template hyphenates) leaves
    // acronyms ("UNMISS") whole, as the PDF does.
    let parts = unzip(&render(&seed(), &un()));
    let settings = &parts["word/settings.xml"];
    assert!(
        settings.contains("<w:autoHyphenation/><w:doNotHyphenateCaps/>"),
        "{settings}"
    );
    let release = template::resolve("release").expect("bundled template");
    let parts = unzip(&render(&seed(), &release));
    assert!(!parts["word/settings.xml"].contains("Hyphenat"));
}

/// The embedded faces of a package, de-obfuscated as a reader does it
/// (ECMA-376 §17.8.1: the `w:fontKey` GUID's bytes, last hex pair first,
/// XORed over the first 32 bytes): (family, `w:embed…` element, font file).
fn embedded_faces(bytes: &[u8]) -> Vec<(String, String, Vec<u8>)> {
    use std::io::Read;
    let parts = unzip(bytes);
    let table = &parts["word/fontTable.xml"];
    let rels = &parts["word/_rels/fontTable.xml.rels"];
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut faces = Vec::new();
    for font in table.split("<w:font ").skip(1) {
        let family = font.split('"').nth(1).expect("w:name").to_string();
        for embed in font.split("<w:embed").skip(1) {
            let kind = format!("embed{}", embed.split(' ').next().expect("kind"));
            let rid = embed
                .split("r:id=\"")
                .nth(1)
                .and_then(|s| s.split('"').next());
            let key = embed
                .split("w:fontKey=\"{")
                .nth(1)
                .and_then(|s| s.split('}').next());
            let (rid, key) = (rid.expect("r:id"), key.expect("fontKey"));
            let target = rels
                .split(&format!("Id=\"{rid}\""))
                .nth(1)
                .and_then(|s| s.split("Target=\"").nth(1))
                .and_then(|s| s.split('"').next())
                .expect("relationship");
            let mut data = Vec::new();
            archive
                .by_name(&format!("word/{target}"))
                .expect("font part")
                .read_to_end(&mut data)
                .expect("read");
            let hex: Vec<u8> = key.bytes().filter(u8::is_ascii_hexdigit).collect();
            let guid: Vec<u8> = hex
                .chunks(2)
                .rev()
                .map(|p| u8::from_str_radix(std::str::from_utf8(p).unwrap(), 16).unwrap())
                .collect();
            for (i, b) in data.iter_mut().take(32).enumerate() {
                *b ^= guid[i % 16];
            }
            faces.push((family.clone(), kind, data));
        }
    }
    faces
}

#[test]
fn the_docx_embeds_the_faces_it_names_with_every_character_it_uses() {
    let doc = seed();
    let bytes = render(&doc, &un());
    let parts = unzip(&bytes);
    assert!(parts["[Content_Types].xml"].contains("Extension=\"odttf\""));
    assert!(parts["word/_rels/document.xml.rels"].contains("Target=\"fontTable.xml\""));
    assert!(parts["word/settings.xml"].contains("<w:embedTrueTypeFonts/>"));
    let table = &parts["word/fontTable.xml"];
    for family in ["Noto Serif", "Noto Sans"] {
        assert!(
            table.contains(&format!("<w:font w:name=\"{family}\"><w:panose1")),
            "{table}"
        );
    }
    assert!(
        table.contains("<w:family w:val=\"roman\"/>")
            && table.contains("<w:family w:val=\"swiss\"/>")
    );
    let faces = embedded_faces(&bytes);
    assert_eq!(faces.len(), 8, "four faces of each family");
    let text = text_of(&parts["word/document.xml"]) + &text_of(&parts["word/header2.xml"]);
    for (family, kind, data) in &faces {
        let face = ttf_parser::Face::parse(data, 0)
            .unwrap_or_else(|e| panic!("{family} {kind}: not a font after de-obfuscation: {e}"));
        let name = face
            .names()
            .into_iter()
            .find(|n| n.name_id == ttf_parser::name_id::FAMILY)
            .and_then(|n| n.to_string())
            .unwrap_or_default();
        assert_eq!(&name, family, "{kind}");
        let missing: String = text
            .chars()
            .filter(|c| !c.is_control() && face.glyph_index(*c).is_none())
            .collect();
        assert!(missing.is_empty(), "{family} {kind} lacks {missing:?}");
    }
    // Subsets, not whole faces: the eight files together are a fraction of the fonts.
    let total: usize = faces.iter().map(|(_, _, d)| d.len()).sum();
    assert!(total < 600_000, "{total} bytes of fonts");
}

#[test]
fn characters_beyond_the_repertoire_get_the_documents_own_subsets() {
    let mut doc = seed();
    doc.body.push(Block::Paragraph {
        content: vec![Inline::text(
            "Заявление Генерального секретаря — Łódź, Ελλάδα",
        )],
    });
    let bytes = render(&doc, &un());
    let faces = embedded_faces(&bytes);
    let (_, _, regular) = faces
        .iter()
        .find(|(family, kind, _)| family == "Noto Serif" && kind == "embedRegular")
        .expect("serif regular embedded");
    let face = ttf_parser::Face::parse(regular, 0).expect("a font");
    for c in "ЗаявлениеŁódźΕλλάδα".chars() {
        assert!(face.glyph_index(c).is_some(), "{c} not embedded");
    }
    // The seed alone carries no Cyrillic.
    let plain = embedded_faces(&render(&seed(), &un()));
    let face = ttf_parser::Face::parse(&plain[0].2, 0).expect("a font");
    assert!(face.glyph_index('З').is_none());
}

/// The template's own strings in a language beyond the repertoire (the
/// Chinese masthead "全球传播部 · 纽约", letterhead "会议报道和新闻稿") are in
/// the embedded subsets even when the body never uses those characters.
#[cfg(feature = "cjk")]
#[test]
fn the_templates_own_chinese_strings_are_in_the_embedded_subsets() {
    let input = "联合国秘书长说，和平是全人类的共同愿望。";
    let mut doc = pressroom::read_document(input.as_bytes(), "zh.txt").expect("reads");
    doc.meta.language.code = "zh".into();
    let template = un().for_language("zh").into_owned();
    let faces = embedded_faces(&render(&doc, &template));
    let drawn = |c: char| {
        faces.iter().any(|(family, _, data)| {
            family == "Noto Sans SC"
                && ttf_parser::Face::parse(data, 0).is_ok_and(|f| f.glyph_index(c).is_some())
        })
    };
    for c in "全球传播部纽约会议报道新闻稿".chars() {
        assert!(drawn(c), "{c} not embedded");
    }
}

#[test]
fn running_heads_follow_the_headline_and_never_wrap_into_the_date() {
    let template = template::resolve("release").expect("bundled");
    let mut doc = seed();
    let long = "Fact Sheet: President Protects Civil Rights and Merit-Based Opportunity by Ending Illegal Discrimination in Every Federal Agency";
    doc.meta.headline.as_mut().expect("headline").text = long.to_string();
    let parts = unzip(&render(&doc, &template));
    let header = &parts["word/header1.xml"];
    // The headline is a field that follows the Title paragraph…
    assert!(header.contains(" STYLEREF \"Title\" "), "{header}");
    // …in a one-row table of fixed widths whose row cannot grow.
    assert!(header.contains("<w:tblLayout w:type=\"fixed\"/>"));
    assert!(header.contains("w:hRule=\"exact\""));
    let text = text_of(header);
    let shown = text.lines().next().expect("headline cell");
    let kept = shown.strip_suffix('…').expect("a marked shortening");
    assert!(long.starts_with(kept), "{shown:?}");
    assert!(
        text.contains("24 November 2020") || text.contains("November 24, 2020"),
        "{text}"
    );
    // A short headline is left whole.
    let parts = unzip(&render(&seed(), &template));
    let text = text_of(&parts["word/header1.xml"]);
    assert!(
        text.contains(seed().headline_text().expect("headline")),
        "{text}"
    );
}

#[test]
fn more_marks_every_page_but_the_last_where_the_template_has_it() {
    let release = template::resolve("release").expect("bundled");
    let parts = unzip(&render(&seed(), &release));
    for footer in ["word/footer1.xml", "word/footer2.xml"] {
        let xml = &parts[footer];
        let at = xml
            .find(" IF ")
            .unwrap_or_else(|| panic!("{footer}: {xml}"));
        let field = &xml[at..];
        assert!(
            field.contains(" PAGE ") && field.contains(" NUMPAGES "),
            "{field}"
        );
        assert!(
            field.contains("&quot;- more -&quot;") || field.contains("\"- more -\""),
            "{field}"
        );
        assert!(xml.contains("<w:pStyle w:val=\"More\"/>"));
    }
    let parts = unzip(&render(&seed(), &un()));
    assert!(
        !parts["word/footer1.xml"].contains(" IF "),
        "un has no more marker"
    );
}
