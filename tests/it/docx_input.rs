//! Word drafts in (issue #17): a DOCX built here with each feature a press
//! officer's draft uses reads into the model a text input would give; the
//! command line takes `.docx` like `.txt`; hostile packages fail alone in one
//! line, within seconds, writing nothing; every DOCX pressroom writes for the
//! corpus reads back with all its words, its headline, headings and list
//! items.

use std::io::{Cursor, Write};
use std::path::Path;
use std::process::Output;
use std::time::{Duration, Instant};

use crate::common::pressroom;
use crate::render_common::docx::{body_text as docx_body_text, unzip};
use pressroom::batch::{self, Options, Templates};
use pressroom::model::{Block, Document, Inline, List, MarkerStyle, plain_text};
use pressroom::render::Format;
use pressroom::words::{missing_words_split_allowed, words};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// Zips `parts` (deflated).
fn zip_parts(parts: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in parts {
        writer.start_file(*name, options).expect("entry");
        writer.write_all(data).expect("written");
    }
    writer.finish().expect("zipped").into_inner()
}

/// The parts of a minimal Word package around `body` (the children of
/// `w:body`), with styles, numbering, hyperlink targets and core
/// properties.
struct Package {
    body: String,
    styles: String,
    numbering: String,
    links: Vec<(&'static str, &'static str)>,
    core: String,
}

impl Package {
    fn new(body: &str) -> Package {
        Package {
            body: body.to_string(),
            styles: STYLES.to_string(),
            numbering: NUMBERING.to_string(),
            links: Vec::new(),
            core: String::new(),
        }
    }

    fn parts(&self) -> Vec<(&'static str, Vec<u8>)> {
        let mut rels = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
             <Relationship Id=\"rIdS\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
             <Relationship Id=\"rIdN\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" Target=\"numbering.xml\"/>",
        );
        for (id, url) in &self.links {
            rels.push_str(&format!(
                "<Relationship Id=\"{id}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink\" Target=\"{url}\" TargetMode=\"External\"/>"
            ));
        }
        rels.push_str("</Relationships>");
        let document = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"{W}\" xmlns:r=\"{R}\"><w:body>{}<w:sectPr/></w:body></w:document>",
            self.body
        );
        let mut parts = vec![
            ("[Content_Types].xml", CONTENT_TYPES.as_bytes().to_vec()),
            ("_rels/.rels", PACKAGE_RELS.as_bytes().to_vec()),
            ("word/_rels/document.xml.rels", rels.into_bytes()),
            ("word/document.xml", document.into_bytes()),
            ("word/styles.xml", self.styles.clone().into_bytes()),
            ("word/numbering.xml", self.numbering.clone().into_bytes()),
        ];
        if !self.core.is_empty() {
            parts.push(("docProps/core.xml", self.core.clone().into_bytes()));
        }
        parts
    }

    fn bytes(&self) -> Vec<u8> {
        zip_parts(&self.parts())
    }
}

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
</Types>";

const PACKAGE_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
</Relationships>";

const STYLES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:outlineLvl w:val=\"0\"/></w:pPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/><w:basedOn w:val=\"Heading1\"/><w:pPr><w:outlineLvl w:val=\"1\"/></w:pPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"ListParagraph\"><w:name w:val=\"List Paragraph\"/><w:basedOn w:val=\"Normal\"/></w:style>\
<w:style w:type=\"character\" w:styleId=\"Strong\"><w:name w:val=\"Strong\"/><w:rPr><w:b/></w:rPr></w:style>\
</w:styles>";

/// numId 1: Word's Symbol-font bullet U+F0B7, then "o" in Courier New;
/// numId 2: 1. then (a).
const NUMBERING: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:numbering xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"\u{F0B7}\"/><w:rPr><w:rFonts w:ascii=\"Symbol\" w:hAnsi=\"Symbol\"/></w:rPr></w:lvl>\
<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"o\"/><w:rPr><w:rFonts w:ascii=\"Courier New\"/></w:rPr></w:lvl></w:abstractNum>\
<w:abstractNum w:abstractNumId=\"1\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.\"/></w:lvl>\
<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"lowerLetter\"/><w:lvlText w:val=\"(%2)\"/></w:lvl></w:abstractNum>\
<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num><w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/></w:num>\
</w:numbering>";

fn p(style: Option<&str>, runs: &str) -> String {
    match style {
        Some(s) => format!("<w:p><w:pPr><w:pStyle w:val=\"{s}\"/></w:pPr>{runs}</w:p>"),
        None => format!("<w:p>{runs}</w:p>"),
    }
}

fn r(text: &str) -> String {
    format!("<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r>")
}

fn r_with(props: &str, text: &str) -> String {
    format!("<w:r><w:rPr>{props}</w:rPr><w:t xml:space=\"preserve\">{text}</w:t></w:r>")
}

fn item(num: u32, level: u32, text: &str) -> String {
    format!(
        "<w:p><w:pPr><w:pStyle w:val=\"ListParagraph\"/><w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"{num}\"/></w:numPr></w:pPr>{}</w:p>",
        r(text)
    )
}

fn cell(text: &str) -> String {
    format!("<w:tc><w:p>{}</w:p></w:tc>", r(text))
}

/// A draft with every feature: title, dateline, heading, emphasis (and
/// bold switched off), a link, Symbol bullets nested, numbered items
/// nested, a table, a comment, a footnote mark, a picture, tracked changes,
/// an end mark, core properties.
fn rich_draft() -> Package {
    let body = [
        p(Some("Title"), &r("Ministers agree on an ocean plan")),
        p(None, &r("GENEVA, 12 March 2024")),
        p(
            None,
            &format!(
                "{}{}{}{}{}{}{}",
                r("Ministers met today and agreed on a "),
                r_with("<w:b/>", "binding"),
                r(" plan; "),
                r_with("<w:b w:val=\"0\"/>", "plainly"),
                r(" said, its "),
                r_with("<w:i/>", "scope"),
                r(" is wide.")
            ),
        ),
        p(Some("Heading1"), &r("Talks in Geneva")),
        p(
            None,
            &format!(
                "{}<w:hyperlink r:id=\"rIdL1\">{}</w:hyperlink>{}{}{}",
                r("Read the "),
                r_with("<w:rStyle w:val=\"Hyperlink\"/>", "full text"),
                r(" and the "),
                r_with("<w:u w:val=\"single\"/>", "annex"),
                r(" online.")
            ),
        ),
        p(None, &r("The plan covers:")),
        item(1, 0, "Fisheries quotas"),
        item(1, 1, "Coastal states first"),
        item(1, 0, "Marine reserves"),
        p(None, &r("The steps are:")),
        item(2, 0, "Sign the accord"),
        item(2, 1, "Ratify it at home"),
        item(2, 1, "Report each year"),
        item(2, 0, "Review in 2030"),
        format!(
            "<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"dxa\"/></w:tblPr><w:tblGrid><w:gridCol w:w=\"2500\"/><w:gridCol w:w=\"2500\"/></w:tblGrid><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
            cell("Country"),
            cell("Pledge"),
            cell("Norway"),
            cell("12 million")
        ),
        p(
            None,
            &format!(
                "<w:commentRangeStart w:id=\"0\"/>{}<w:commentRangeEnd w:id=\"0\"/><w:r><w:footnoteReference w:id=\"1\"/></w:r>{}<w:ins w:id=\"5\" w:author=\"A\" w:date=\"2024-03-01T00:00:00Z\">{}</w:ins><w:del w:id=\"6\" w:author=\"A\" w:date=\"2024-03-01T00:00:00Z\"><w:r><w:delText>rejected</w:delText></w:r></w:del>{}",
                r("Delegates welcomed the result"),
                r(" with "),
                r("accepted"),
                r(" wording.")
            ),
        ),
        p(
            None,
            &format!(
                "{}<w:r><w:drawing><wp:inline xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\"><wp:extent cx=\"100\" cy=\"100\"/><wp:docPr id=\"1\" name=\"Picture 1\"/></wp:inline></w:drawing></w:r>",
                r("A photograph follows.")
            ),
        ),
        p(None, &r("###")),
    ]
    .concat();
    let mut package = Package::new(&body);
    package
        .links
        .push(("rIdL1", "https://example.org/ocean plan"));
    package.core = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\"><dc:title>Ocean plan draft</dc:title><dc:creator>Press Office</dc:creator><dcterms:created>2024-03-10T09:00:00Z</dcterms:created></cp:coreProperties>".to_string();
    package
}

fn read(bytes: &[u8]) -> pressroom::Source {
    pressroom::read_source(bytes, "draft.docx", &Default::default()).expect("the draft reads")
}

fn headings(doc: &Document) -> Vec<(u8, String)> {
    doc.body
        .iter()
        .filter_map(|b| match b {
            Block::Heading { level, content } => Some((*level, squash(&plain_text(content)))),
            _ => None,
        })
        .collect()
}

/// White space collapsed, zero-width characters (the normalizer removes
/// them; the DOCX writer adds word joiners after hyphens) dropped.
fn squash(s: &str) -> String {
    s.replace(['\u{2060}', '\u{200B}', '\u{AD}'], "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every list item as (depth, ordered, text), in reading order.
fn items(doc: &Document) -> Vec<(usize, bool, String)> {
    fn walk(list: &List, depth: usize, out: &mut Vec<(usize, bool, String)>) {
        for item in &list.items {
            out.push((depth, list.ordered(), squash(&plain_text(&item.content))));
            for child in &item.children {
                walk(child, depth + 1, out);
            }
        }
    }
    let mut out = Vec::new();
    for block in &doc.body {
        if let Block::List(list) = block {
            walk(list, 0, &mut out);
        }
    }
    out
}

/// The plain text of every inline `pick` selects, and its link target.
fn inlines_of(doc: &Document, pick: fn(&Inline) -> bool) -> Vec<(String, Option<String>)> {
    let mut out = Vec::new();
    for block in &doc.body {
        pressroom::model::for_each_inline(block, &mut |inline| {
            if pick(inline) {
                let url = match inline {
                    Inline::Link { url, .. } => Some(url.clone()),
                    _ => None,
                };
                out.push((plain_text(std::slice::from_ref(inline)), url));
            }
        });
    }
    out
}

#[test]
fn a_rich_draft_reads_into_the_model_a_text_would_give() {
    // `PRESSROOM_DOCX_FIXTURES=DIR` keeps the draft (for the README's picture).
    if let Some(dir) = std::env::var_os("PRESSROOM_DOCX_FIXTURES") {
        std::fs::write(
            Path::new(&dir).join("rich-draft.docx"),
            rich_draft().bytes(),
        )
        .expect("fixture written");
    }
    let source = read(&rich_draft().bytes());
    let doc = &source.document;
    assert_eq!(source.encoding, "DOCX");
    assert_eq!(
        doc.headline_text(),
        Some("Ministers agree on an ocean plan")
    );
    assert_eq!(
        doc.meta.date.as_deref(),
        Some("2024-03-12"),
        "the dateline's date"
    );
    assert_eq!(
        doc.meta.dateline.as_ref().map(|d| d.place.as_str()),
        Some("GENEVA")
    );
    assert_eq!(
        doc.meta.extra.get("creator").map(String::as_str),
        Some("Press Office")
    );
    assert_eq!(headings(doc), [(1, "Talks in Geneva".to_string())]);
    assert_eq!(
        items(doc),
        [
            (0, false, "Fisheries quotas".into()),
            (1, false, "Coastal states first".into()),
            (0, false, "Marine reserves".into()),
            (0, true, "Sign the accord".into()),
            (1, true, "Ratify it at home".into()),
            (1, true, "Report each year".into()),
            (0, true, "Review in 2030".into()),
        ]
    );
    let lists: Vec<&List> = doc
        .body
        .iter()
        .filter_map(|b| match b {
            Block::List(l) => Some(l),
            _ => None,
        })
        .collect();
    assert_eq!(
        lists[0].marker.bullet.as_deref(),
        Some("•"),
        "Symbol U+F0B7 is a real bullet"
    );
    assert_eq!(
        lists[0].items[0].children[0].marker.bullet.as_deref(),
        Some("◦")
    );
    assert_eq!(lists[1].marker.style, MarkerStyle::Decimal);
    assert_eq!(
        lists[1].items[0].children[0].marker.style,
        MarkerStyle::LowerAlpha
    );
    let rows = doc.body.iter().find_map(|b| match b {
        Block::Table { rows } => Some(rows),
        _ => None,
    });
    let rows: Vec<Vec<String>> = rows
        .expect("a table")
        .iter()
        .map(|row| row.iter().map(|c| squash(&plain_text(c))).collect())
        .collect();
    assert_eq!(rows, [["Country", "Pledge"], ["Norway", "12 million"]]);
    let texts =
        |pick| -> Vec<String> { inlines_of(doc, pick).into_iter().map(|(t, _)| t).collect() };
    assert_eq!(
        texts(|i| matches!(i, Inline::Strong { .. })),
        ["binding"],
        "w:b w:val=\"0\" is not bold"
    );
    assert_eq!(
        texts(|i| matches!(i, Inline::Emphasis { .. })),
        ["scope", "annex"],
        "italic, and underline read as emphasis"
    );
    assert_eq!(
        inlines_of(doc, |i| matches!(i, Inline::Link { .. })),
        [(
            "full text".to_string(),
            Some("https://example.org/ocean%20plan".to_string())
        )]
    );
    assert_eq!(doc.meta.end_mark.as_deref(), Some("###"));
    let text = doc.body_text();
    assert!(
        text.contains("accepted wording"),
        "insertions are kept: {text}"
    );
    assert!(!text.contains("rejected"), "deletions are dropped");
    let codes: Vec<&str> = doc.diagnostics.iter().map(|d| d.code.as_str()).collect();
    for code in [
        "docx-pictures-skipped",
        "docx-comments-skipped",
        "docx-notes-skipped",
        "docx-deletions-dropped",
    ] {
        assert!(codes.contains(&code), "{code} missing from {codes:?}");
    }
    // Nothing lost: every word of the body is in the text measured from,
    // and that text's words are all in the model.
    // (The text of document.xml: Word draws the level-2 bullet as a Courier
    // "o", which the reader maps to "◦".)
    let docx_words = words(&crate::render_common::docx::text_of(
        &unzip(&rich_draft().bytes())["word/document.xml"],
    ));
    let missing = missing_words_split_allowed(
        &docx_words
            .iter()
            .filter(|w| *w != "rejected")
            .cloned()
            .collect::<Vec<_>>(),
        &words(&source.text),
    );
    assert!(missing.is_empty(), "{missing:?}");
    let coverage = source
        .expected()
        .check(&crate::common::json_model_text(doc));
    assert!(coverage.is_complete(), "{coverage:?}");
    // The text route: the same text given as a .txt gives the same body,
    // headline, date and dateline, so every rendition looks the same.
    let text_route =
        pressroom::read_source(source.text.as_bytes(), "draft.txt", &Default::default())
            .expect("the text reads")
            .document;
    assert_eq!(text_route.body, doc.body);
    assert_eq!(text_route.meta.headline, doc.meta.headline);
    assert_eq!(text_route.meta.dateline, doc.meta.dateline);
    assert_eq!(text_route.meta.date, doc.meta.date);
}

#[test]
fn core_title_is_the_headline_only_when_the_text_gives_none() {
    let mut package = Package::new(&p(
        None,
        &r("Ministers met today in Geneva and agreed on a plan."),
    ));
    package.core = rich_draft().core;
    let doc = read(&package.bytes()).document;
    assert_eq!(doc.headline_text(), Some("Ocean plan draft"));
    assert_eq!(
        doc.meta.date.as_deref(),
        Some("2024-03-10"),
        "the created date"
    );
}

/// [`pressroom`], killed after `limit` (a hang fails the test, not the run).
fn pressroom_within(dir: &Path, args: &[&str], limit: Duration) -> Output {
    let mut child = crate::common::pressroom_command(dir, args)
        .spawn()
        .expect("pressroom starts");
    let start = Instant::now();
    while child.try_wait().expect("waits").is_none() {
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("pressroom {args:?} still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("pressroom finishes")
}

#[test]
fn the_command_line_takes_docx_like_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("in")).expect("in");
    std::fs::write(dir.path().join("in/draft.docx"), rich_draft().bytes()).expect("draft");
    std::fs::write(
        dir.path().join("in/note.txt"),
        "A note.\n\nIt has two paragraphs.\n",
    )
    .expect("note");
    let parsed = pressroom(dir.path(), &["parse", "in/draft.docx"]);
    assert!(
        parsed.status.success(),
        "{}",
        String::from_utf8_lossy(&parsed.stderr)
    );
    let doc: Document = serde_json::from_slice(&parsed.stdout).expect("the model as JSON");
    assert_eq!(
        doc.headline_text(),
        Some("Ministers agree on an ocean plan")
    );
    // A folder walk without --glob takes *.docx beside *.txt.
    let out = pressroom(
        dir.path(),
        &["convert", "in", "-o", "out", "--to", "pdf,txt"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for name in ["draft.pdf", "draft.txt", "note.txt"] {
        assert!(
            dir.path().join("out").join(name).is_file(),
            "{name} written"
        );
    }
    let txt = std::fs::read_to_string(dir.path().join("out/draft.txt")).expect("txt");
    assert!(
        txt.contains("Fisheries quotas") && txt.contains("Norway"),
        "{txt}"
    );
    let checked = pressroom(dir.path(), &["check", "in/draft.docx", "out/draft.txt"]);
    assert!(
        checked.status.success(),
        "{}",
        String::from_utf8_lossy(&checked.stderr)
    );
}

/// Hostile packages: each a one-line error or a conversion, never a panic,
/// a hang or a partial file.
fn hostile_cases() -> Vec<(&'static str, Vec<u8>)> {
    let good = rich_draft().bytes();
    let with_document = |xml: &str| {
        let mut parts = rich_draft().parts();
        for (name, data) in &mut parts {
            if *name == "word/document.xml" {
                *data = xml.as_bytes().to_vec();
            }
        }
        zip_parts(&parts)
    };
    let with_numbering = |xml: &str| {
        let mut package = Package::new(&(p(None, &r("Items follow:")) + &item(1, 0, "One item")))
            .clone_with_numbering(xml);
        package.core.clear();
        package.bytes()
    };
    let document = |body: &str| {
        format!(
            "<?xml version=\"1.0\"?><w:document xmlns:w=\"{W}\" xmlns:r=\"{R}\"><w:body>{body}</w:body></w:document>"
        )
    };
    let mut cases: Vec<(&'static str, Vec<u8>)> = Vec::new();
    cases.push(("truncated", good[..good.len() / 2].to_vec()));
    cases.push(("cut-central-directory", good[..good.len() - 10].to_vec()));
    let mut parts = rich_draft().parts();
    parts.push(("word/media/bomb.bin", vec![b' '; 64 * 1024 * 1024]));
    cases.push(("zip-bomb", zip_parts(&parts)));
    let mut parts = rich_draft().parts();
    for i in 0..10_001 {
        let name: &'static str = Box::leak(format!("customXml/item{i}.txt").into_boxed_str());
        parts.push((name, Vec::new()));
    }
    cases.push(("too-many-entries", zip_parts(&parts)));
    let laughs = format!(
        "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\"><!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\"><!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]><w:document xmlns:w=\"{W}\"><w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>"
    );
    cases.push(("xml-bomb", with_document(&laughs)));
    let parts: Vec<(&str, Vec<u8>)> = rich_draft()
        .parts()
        .into_iter()
        .filter(|(name, _)| *name != "word/document.xml")
        .collect();
    cases.push(("missing-document", zip_parts(&parts)));
    let mut ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1".to_vec();
    ole.extend(vec![0u8; 4096]);
    cases.push(("encrypted-ole", ole));
    cases.push((
        "empty-lvltext",
        with_numbering("<?xml version=\"1.0\"?><w:numbering xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"\"/></w:lvl></w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>"),
    ));
    cases.push((
        "no-lvltext-value",
        with_numbering("<?xml version=\"1.0\"?><w:numbering xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:lvlText/></w:lvl></w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>"),
    ));
    let many: String = (0..100_000)
        .map(|i| format!("<w:p><w:r><w:t>Paragraph {i} says little.</w:t></w:r></w:p>"))
        .collect();
    cases.push(("100000-paragraphs", with_document(&document(&many))));
    cases.push((
        "float-width",
        with_document(&document(&format!(
            "<w:tbl><w:tblPr><w:tblW w:w=\"12.5.3\" w:type=\"dxa\"/></w:tblPr><w:tr>{}</w:tr></w:tbl>",
            cell("A cell")
        ))),
    ));
    cases.push((
        "underline-without-value",
        with_document(&document(
            "<w:p><w:r><w:rPr><w:u/></w:rPr><w:t>Underlined words.</w:t></w:r></w:p>",
        )),
    ));
    let deep = "<w:tbl><w:tr><w:tc>".repeat(400)
        + "<w:p><w:r><w:t>deep</w:t></w:r></w:p>"
        + &"</w:tc></w:tr></w:tbl>".repeat(400);
    cases.push(("nested-tables", with_document(&document(&deep))));
    cases.push((
        "not-well-formed",
        with_document("<w:document><w:body><w:p><w:r><w:t>cut"),
    ));
    cases.push(("empty-body", with_document(&document(""))));
    cases.push((
        "binary-document",
        with_document(&String::from_utf8_lossy(&[0xff, 0xfe, 0, 1, 2, 3])),
    ));
    let parts: Vec<(&str, Vec<u8>)> = rich_draft()
        .parts()
        .into_iter()
        .filter(|(name, _)| *name != "[Content_Types].xml" && *name != "_rels/.rels")
        .collect();
    cases.push(("no-content-types", zip_parts(&parts)));
    let mut zip64 = good.clone();
    let eocd = zip64
        .windows(4)
        .rposition(|w| w == b"PK\x05\x06")
        .expect("eocd");
    zip64[eocd + 10] = 0xff;
    zip64[eocd + 11] = 0xff;
    cases.push(("zip64-count", zip64));
    cases.push((
        "dangling-references",
        with_document(&document(
            "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"12\"/><w:numId w:val=\"99\"/></w:numPr></w:pPr><w:hyperlink r:id=\"rIdNone\"><w:r><w:t>Linked nowhere.</w:t></w:r></w:hyperlink></w:p>",
        )),
    ));
    let mut garbage = b"PK\x03\x04".to_vec();
    garbage.extend((0..20_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    cases.push(("zip-magic-then-garbage", garbage));
    cases.push((
        "one-huge-paragraph",
        with_document(&document(&format!(
            "<w:p><w:r><w:t>{}</w:t></w:r></w:p>",
            "word ".repeat(1_000_000)
        ))),
    ));
    cases
}

impl Package {
    fn clone_with_numbering(mut self, numbering: &str) -> Package {
        self.numbering = numbering.to_string();
        self
    }
}

#[test]
fn hostile_drafts_fail_alone_in_one_line_or_convert() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cases = hostile_cases();
    assert!(cases.len() >= 20, "{} cases", cases.len());
    let mut failed = 0;
    for (name, bytes) in &cases {
        let file = format!("{name}.docx");
        std::fs::write(dir.path().join(&file), bytes).expect("written");
        let out_dir = format!("out-{name}");
        let start = Instant::now();
        let out = pressroom_within(
            dir.path(),
            &["convert", &file, "-o", &out_dir, "--to", "txt,json"],
            Duration::from_secs(60),
        );
        let took = start.elapsed();
        let stderr = String::from_utf8_lossy(&out.stderr);
        // Ten seconds for the release build (CI); a debug build on a
        // shared machine gets three times as long.
        let limit = Duration::from_secs(if cfg!(debug_assertions) { 30 } else { 10 });
        assert!(took < limit, "{name}: {took:?}");
        assert!(
            !stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"),
            "{name}: {stderr}"
        );
        assert_ne!(out.status.code(), Some(101), "{name}: {stderr}");
        let written: Vec<_> = std::fs::read_dir(dir.path().join(&out_dir))
            .map(|d| d.flatten().map(|e| e.file_name()).collect())
            .unwrap_or_default();
        let first_line = stderr
            .lines()
            .find(|l| l.contains(&file))
            .unwrap_or("converted");
        eprintln!("{name} ({took:.1?}): {first_line}");
        if out.status.success() {
            assert_eq!(written.len(), 2, "{name}: both renditions: {written:?}");
        } else {
            failed += 1;
            let lines: Vec<&str> = stderr.lines().filter(|l| l.contains(&file)).collect();
            assert_eq!(lines.len(), 1, "{name}: one line naming the file: {stderr}");
            assert!(
                written
                    .iter()
                    .all(|f| !f.to_string_lossy().starts_with(name)),
                "{name}: nothing partial: {written:?}"
            );
        }
    }
    assert!(failed >= 10, "most hostile drafts are refused ({failed})");
}

/// The corpus, rendered to DOCX by pressroom, reads back with every word, the
/// same headline, headings and list items.
#[test]
fn every_docx_pressroom_writes_for_the_corpus_reads_back() {
    let Some(corpus) = crate::common::corpus_or_skip("docx round trip") else {
        return;
    };
    let mut files: Vec<_> = walkdir::WalkDir::new(&corpus)
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    // Debug builds may sample every k-th file (`PRESSROOM_DOCX_ROUNDTRIP_STEP`);
    // CI runs the release build over all of them.
    let step: usize = std::env::var("PRESSROOM_DOCX_ROUNDTRIP_STEP")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let options = Options::in_memory(
        Templates::fixed(pressroom::template::resolve("un").expect("un"), "un"),
        &[Format::Docx],
    );
    let (mut checked, mut words_checked) = (0, 0);
    let mut failures = Vec::new();
    for path in files.iter().step_by(step.max(1)) {
        let name = path.display().to_string();
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        let Ok(converted) = batch::convert_bytes(&bytes, &name, &options) else {
            continue;
        };
        let docx = &converted.renditions[0].1.bytes;
        let back = match pressroom::read_source(docx, "back.docx", &Default::default()) {
            Ok(back) => back,
            Err(e) => {
                failures.push(format!("{name}: {e}"));
                continue;
            }
        };
        let original = &converted.document;
        let doc = &back.document;
        // Every word of the DOCX body (the template's document-information
        // lines, printed from metadata, aside) is in the text read.
        let body = without_document_information(&unzip(docx));
        let docx_words: Vec<String> = words(&docx_body_text(&body))
            .iter()
            .map(|w| w.to_lowercase())
            .collect();
        let printed = pressroom::parse::markup::word_source(&back.text);
        let read_words: Vec<String> = words(&format!(
            "{}\n{}",
            printed.front_matter.join("\n"),
            printed.printed
        ))
        .iter()
        .map(|w| w.to_lowercase())
        .collect();
        let missing = missing_words_split_allowed(&docx_words, &read_words);
        let coverage = back.expected().check(&crate::common::json_model_text(doc));
        words_checked += docx_words.len();
        if !missing.is_empty() {
            failures.push(format!(
                "{name}: {} DOCX word(s) not read: {:?}",
                missing.len(),
                &missing[..missing.len().min(8)]
            ));
        }
        if !coverage.is_complete() {
            failures.push(format!(
                "{name}: read text not all in the model: {:?}",
                &coverage.missing[..coverage.missing.len().min(8)]
            ));
        }
        let headline = |d: &Document| d.headline_text().map(squash);
        if headline(original) != headline(doc) {
            failures.push(format!(
                "{name}: headline {:?} read as {:?}",
                headline(original),
                headline(doc)
            ));
        }
        // The writer never skips a heading level (a level 3 after a level 1
        // is written as a level 2): compared as written.
        if as_written(&headings(original)) != headings(doc) {
            failures.push(format!(
                "{name}: headings {:?} read as {:?}",
                headings(original),
                headings(doc)
            ));
        }
        let texts = |d: &Document| {
            items(d)
                .into_iter()
                .map(|(depth, _, t)| (depth, t))
                .collect::<Vec<_>>()
        };
        if texts(original) != texts(doc) {
            failures.push(format!(
                "{name}: list items {:?} read as {:?}",
                texts(original),
                texts(doc)
            ));
        }
        checked += 1;
    }
    eprintln!(
        "docx round trip: {checked} files, {words_checked} words, {} failures",
        failures.len()
    );
    if let Some(path) = std::env::var_os("PRESSROOM_DOCX_ROUNDTRIP_LOG") {
        std::fs::write(path, failures.join("\n")).expect("log written");
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} failed:\n{}",
        failures.len(),
        failures[..failures.len().min(20)].join("\n")
    );
    assert!(checked * step.max(1) >= 900, "{checked} files checked");
}

/// Heading levels as the DOCX writer writes them: none skipped.
fn as_written(headings: &[(u8, String)]) -> Vec<(u8, String)> {
    let mut last = 0;
    headings
        .iter()
        .map(|(level, text)| {
            let level = (*level).clamp(1, 3).min(last + 1);
            last = level;
            (level, text.clone())
        })
        .collect()
}

/// The package's parts with the document-information paragraphs removed
/// from `word/document.xml`.
fn without_document_information(
    parts: &std::collections::BTreeMap<String, String>,
) -> std::collections::BTreeMap<String, String> {
    let mut parts = parts.clone();
    if let Some(xml) = parts.get_mut("word/document.xml") {
        let mut out = String::with_capacity(xml.len());
        let mut rest = xml.as_str();
        while let Some(start) = rest.find("<w:p>").or_else(|| rest.find("<w:p ")) {
            let start = [rest.find("<w:p>"), rest.find("<w:p ")]
                .into_iter()
                .flatten()
                .min()
                .unwrap_or(start);
            let Some(len) = rest[start..].find("</w:p>") else {
                break;
            };
            let end = start + len + "</w:p>".len();
            out.push_str(&rest[..start]);
            let paragraph = &rest[start..end];
            if !paragraph.contains("w:val=\"DocumentInformation\"") {
                out.push_str(paragraph);
            }
            rest = &rest[end..];
        }
        out.push_str(rest);
        *xml = out;
    }
    parts
}
