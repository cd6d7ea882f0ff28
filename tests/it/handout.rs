//! Handouts: page arithmetic on real packs, contents page numbers against the
//! pages where each headline is printed, bookmarks and links, every word of
//! every release, booklet imposition, the DOCX pack and the command line.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::render_common::docx::{elements, reader_text, text_of, unzip, unzip_media};
use lopdf::{Object, ObjectId};
use pressroom::handout::{self, Options, Order, Pack};
use pressroom::model::Document;
use pressroom::template::{self, Template};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The four files of `input/` and the test fixtures, parsed.
/// The inputs, read: their normalized text (the words every rendition
/// must hold) and their documents.
fn sources() -> Vec<pressroom::Source> {
    let mut files: Vec<PathBuf> = Vec::new();
    for dir in ["input", "tests/fixtures"] {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
            .expect("folder")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        entries.sort();
        files.extend(entries);
    }
    files
        .iter()
        .map(|p| {
            let bytes = std::fs::read(p).expect("read");
            pressroom::read_source(&bytes, &p.display().to_string(), &Default::default())
                .expect("parses")
        })
        .collect()
}

fn releases() -> Vec<Document> {
    sources().into_iter().map(|s| s.document).collect()
}

/// What each release's rendition must hold, measured from its input.
fn expected() -> Vec<pressroom::coverage::Expected> {
    sources().iter().map(pressroom::Source::expected).collect()
}

fn out_dir() -> PathBuf {
    let dir = root().join("target/handout-tests");
    std::fs::create_dir_all(&dir).expect("create target/handout-tests");
    dir
}

/// Whether pdftotext runs; without it the test fails unless
/// `PRESSROOM_SKIP_TOOLS=1` (see `common::tool_or_skip`).
fn pdftotext_available(what: &str) -> bool {
    crate::common::tool_or_skip("pdftotext", what)
}

/// Text of pages `first..=last` (1-based): pdftotext, else (only with
/// `PRESSROOM_SKIP_TOOLS=1`) lopdf.
fn page_text(pdf: &Path, doc: &lopdf::Document, first: usize, last: usize) -> String {
    if pdftotext_available("handout page text as a reader sees it (lopdf used)") {
        let out = Command::new("pdftotext")
            .args([
                "-enc",
                "UTF-8",
                "-f",
                &first.to_string(),
                "-l",
                &last.to_string(),
            ])
            .arg(pdf)
            .arg("-")
            .output()
            .expect("pdftotext runs");
        assert!(
            out.status.success(),
            "pdftotext failed on {}",
            pdf.display()
        );
        return String::from_utf8_lossy(&out.stdout).replace("\u{AD}\n", "");
    }
    let pages: Vec<u32> = (first as u32..=last as u32).collect();
    doc.extract_text(&pages).expect("lopdf extracts text")
}

/// Text of page `page` between the top and bottom margins (no running
/// head or foot), from pdftotext; `None` without pdftotext (only with
/// `PRESSROOM_SKIP_TOOLS=1`).
fn text_area(pdf: &Path, page: usize, template: &Template) -> Option<String> {
    if !pdftotext_available("handout text areas (whole pages used)") {
        return None;
    }
    let (_, height) = template.page.dimensions();
    let top = template.page.margins.top.pt();
    let body = height.pt() - top - template.page.margins.bottom.pt();
    let out = Command::new("pdftotext")
        .args([
            "-enc",
            "UTF-8",
            "-f",
            &page.to_string(),
            "-l",
            &page.to_string(),
        ])
        .args([
            "-x",
            "0",
            "-y",
            &(top as i32).to_string(),
            "-W",
            "10000",
            "-H",
        ])
        .arg((body as i32).to_string())
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn contains_words(haystack: &str, needle: &str) -> bool {
    let hay = words(haystack).join(" ");
    let needle: Vec<String> = words(needle).into_iter().take(6).collect();
    hay.contains(&needle.join(" "))
}

struct Built {
    pack: Pack,
    path: PathBuf,
    pdf: lopdf::Document,
}

fn build(docs: &[Document], template: &Template, options: &Options, name: &str) -> Built {
    let pack = handout::build(docs, template, options).expect("builds");
    let bytes = handout::pdf(&pack, None).expect("writes");
    let path = out_dir().join(name);
    std::fs::write(&path, &bytes).expect("write pack");
    let pdf = lopdf::Document::load_mem(&bytes).expect("lopdf parses the pack");
    Built { pack, path, pdf }
}

fn handout_template() -> Template {
    template::resolve("handout").expect("bundled template")
}

/// Page object id → 1-based page number.
fn page_numbers(pdf: &lopdf::Document) -> BTreeMap<ObjectId, usize> {
    pdf.get_pages()
        .into_iter()
        .map(|(n, id)| (id, n as usize))
        .collect()
}

fn dest_page(pdf: &lopdf::Document, dict: &lopdf::Dictionary) -> usize {
    let dest = dict
        .get(b"Dest")
        .and_then(Object::as_array)
        .expect("an explicit destination");
    let id = dest[0].as_reference().expect("a page reference");
    page_numbers(pdf)[&id]
}

/// Top-level outline entries: (title, page), then the number of all entries.
fn outline(pdf: &lopdf::Document) -> (Vec<(String, usize)>, usize) {
    let catalog = pdf.catalog().expect("catalog");
    let root_id = catalog
        .get(b"Outlines")
        .and_then(Object::as_reference)
        .expect("an outline");
    let root = pdf.get_dictionary(root_id).expect("outline root");
    let mut top = Vec::new();
    let mut all = 0;
    let mut stack = vec![root.get(b"First").and_then(Object::as_reference).ok()];
    let mut depth = 0;
    while let Some(next) = stack.pop() {
        let Some(id) = next else {
            depth -= 1;
            continue;
        };
        let d = pdf.get_dictionary(id).expect("outline item");
        all += 1;
        if depth == 0 {
            let title = match d.get(b"Title").expect("title") {
                Object::String(bytes, _) => decode_text_string(bytes),
                _ => String::new(),
            };
            top.push((title, dest_page(pdf, d)));
        }
        stack.push(d.get(b"Next").and_then(Object::as_reference).ok());
        if let Ok(child) = d.get(b"First").and_then(Object::as_reference) {
            stack.push(Some(child));
            depth += 1;
        }
    }
    (top, all)
}

fn decode_text_string(bytes: &[u8]) -> String {
    if bytes.starts_with(&[0xFE, 0xFF]) {
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        String::from_utf8_lossy(bytes).into_owned()
    }
}

#[test]
fn pages_are_cover_contents_then_each_release_in_date_order() {
    let docs = releases();
    let template = handout_template();
    let built = build(&docs, &template, &Options::default(), "pack.pdf");
    let plan = &built.pack.plan;
    // Each release takes as many pages in the pack as alone.
    let order = handout::plan::release_order(&docs, Order::Date);
    let alone: Vec<usize> = order
        .iter()
        .map(|&i| {
            pressroom::layout::layout(&docs[i], &template)
                .expect("lays out")
                .pages
                .len()
        })
        .collect();
    let contents_pages = plan.front_pages - 1;
    assert!(contents_pages >= 1);
    assert_eq!(
        built.pdf.get_pages().len(),
        1 + contents_pages + alone.iter().sum::<usize>()
    );
    assert_eq!(built.pdf.get_pages().len(), plan.total);
    let mut expected_start = plan.front_pages + 1;
    for (start, pages) in plan.release_starts.iter().zip(&alone) {
        assert_eq!(*start, expected_start);
        expected_start += pages;
    }
    // Date order: dates never decrease along the contents (undated last).
    let dates: Vec<Option<&str>> = built
        .pack
        .contents
        .iter()
        .map(|e| docs[e.input].meta.date.as_deref())
        .collect();
    let dated: Vec<&str> = dates.iter().map_while(|d| *d).collect();
    assert!(dated.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
    assert!(
        dates[dated.len()..].iter().all(Option::is_none),
        "{dates:?}"
    );
}

#[test]
fn contents_page_numbers_are_where_the_headlines_are_printed() {
    let docs = releases();
    let template = handout_template();
    let built = build(&docs, &template, &Options::default(), "pack-contents.pdf");
    let front = built.pack.plan.front_pages;
    let total = built.pack.plan.total;
    let pages: Vec<String> = (1..=total)
        .map(|p| page_text(&built.path, &built.pdf, p, p))
        .collect();
    let contents = pages[1..front].join("\n");
    let contents_words = words(&contents);
    // The top of each page's text area, where a release's headline stands
    // (its source address at the foot of its last page repeats its words).
    let bodies: Vec<String> = (1..=total)
        .map(|p| text_area(&built.path, p, &template).unwrap_or_else(|| pages[p - 1].clone()))
        .map(|text| text.lines().take(15).collect::<Vec<_>>().join("\n"))
        .collect();
    let mut previous = front;
    for entry in &built.pack.contents {
        // The first page after the previous release's start showing the
        // headline in its text area (two fixtures share a headline).
        // (A release listed by its label has no headline to find.)
        if entry.own_headline {
            let printed = (previous..total)
                .find(|&i| contains_words(&bodies[i], &entry.headline))
                .map(|i| i + 1);
            assert_eq!(printed, Some(entry.page), "{}", entry.headline);
        }
        previous = entry.page;
        // The contents print that number after the headline's last word.
        let last = words(&entry.headline).pop().expect("a headline word");
        let after: Vec<&String> = contents_words
            .iter()
            .enumerate()
            .filter(|(_, w)| **w == last)
            .filter_map(|(i, _)| contents_words.get(i + 1))
            .collect();
        assert!(
            after.iter().any(|w| **w == entry.page.to_string()),
            "contents show {after:?} after '{last}', expected {}",
            entry.page
        );
    }
    // Page numbers run through the pack: page N's footer shows N (a line of
    // its own: on even pages it stands at the left edge, where a reader may
    // take it before a list's text).
    for (i, text) in pages.iter().enumerate().skip(1) {
        let number = (i + 1).to_string();
        assert!(
            text.lines().any(|l| l.trim() == number),
            "footer of page {number}: {:?}",
            text.lines().rev().take(8).collect::<Vec<_>>()
        );
    }
}

#[test]
fn bookmarks_and_contents_links_point_at_release_starts() {
    let docs = releases();
    let built = build(
        &docs,
        &handout_template(),
        &Options::default(),
        "pack-links.pdf",
    );
    let (top, all) = outline(&built.pdf);
    let starts = &built.pack.plan.release_starts;
    assert_eq!(top.len(), docs.len() + 1, "Contents plus one per release");
    assert_eq!(top[0].1, 2, "Contents bookmark");
    for ((title, page), entry) in top[1..].iter().zip(&built.pack.contents) {
        assert_eq!(*page, entry.page, "{title}");
        assert!(title.contains(&entry.headline), "{title}");
    }
    let headings: usize = docs
        .iter()
        .map(|d| {
            d.body
                .iter()
                .filter(|b| matches!(b, pressroom::model::Block::Heading { .. }))
                .count()
        })
        .sum();
    assert!(headings > 0, "the fixtures have headings");
    assert_eq!(all, top.len() + headings, "releases nest their headings");

    // Contents links: one per release, to its first page.
    let numbers = page_numbers(&built.pdf);
    let mut targets = Vec::new();
    for (n, id) in built.pdf.get_pages() {
        if n as usize > built.pack.plan.front_pages {
            continue;
        }
        let page = built.pdf.get_dictionary(id).expect("page");
        let Ok(annots) = page.get(b"Annots").and_then(Object::as_array) else {
            continue;
        };
        for a in annots {
            let d = built
                .pdf
                .get_dictionary(a.as_reference().expect("annotation reference"))
                .expect("annotation");
            if d.has(b"Dest") {
                targets.push(dest_page(&built.pdf, d));
            }
        }
    }
    assert!(!numbers.is_empty());
    assert_eq!(&targets, starts);
}

#[test]
fn every_word_of_every_release_is_in_its_pages() {
    let docs = releases();
    let expected = expected();
    let built = build(
        &docs,
        &handout_template(),
        &Options::default(),
        "pack-words.pdf",
    );
    let plan = &built.pack.plan;
    for (k, entry) in built.pack.contents.iter().enumerate() {
        let start = plan.release_starts[k];
        let end = plan
            .release_starts
            .get(k + 1)
            .map_or(plan.total, |next| next - 1);
        let text = page_text(&built.path, &built.pdf, start, end);
        let coverage = expected[entry.input].check(&text);
        assert!(
            coverage.is_complete(),
            "{}: missing {:?}, out of order {:?}",
            entry.headline,
            coverage.missing,
            coverage.out_of_order
        );
    }
}

#[test]
fn fonts_are_embedded_once_and_the_pack_is_smaller_than_separate_files() {
    let docs = releases();
    let template = handout_template();
    let pack = handout::build(&docs, &template, &Options::default()).expect("builds");
    let bytes = handout::pdf(&pack, None).expect("writes");
    let pdf = lopdf::Document::load_mem(&bytes).expect("parses");
    let mut names: Vec<String> = pdf
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Type").and_then(Object::as_name).ok() == Some(b"FontDescriptor"))
        .filter_map(|d| d.get(b"FontName").and_then(Object::as_name).ok())
        .map(|n| {
            let n = String::from_utf8_lossy(n).into_owned();
            n.split_once('+').map_or(n.clone(), |(_, f)| f.to_string())
        })
        .collect();
    let count = names.len();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), count, "one subset per face: {names:?}");
    let separate: usize = docs
        .iter()
        .map(|d| {
            pressroom::render::pdf::render(d, &template, &Default::default())
                .expect("renders")
                .bytes
                .len()
        })
        .sum();
    assert!(
        bytes.len() * 10 < separate * 7,
        "pack {} bytes, separate files {separate}",
        bytes.len()
    );
}

#[test]
fn duplex_starts_releases_on_right_hand_pages_with_blank_versos() {
    let docs = releases();
    let options = Options {
        duplex: true,
        ..Options::default()
    };
    let built = build(&docs, &handout_template(), &options, "pack-duplex.pdf");
    let plan = &built.pack.plan;
    assert_eq!(built.pdf.get_pages().len(), plan.total);
    assert_eq!(plan.total % 2, 0);
    assert!(plan.release_starts.iter().all(|p| p % 2 == 1));
    assert!(plan.front_pages >= 3, "cover, blank verso, contents");
    for blank in plan.blanks.iter().chain([&2]) {
        let text = page_text(&built.path, &built.pdf, *blank, *blank);
        assert!(words(&text).is_empty(), "page {blank} is blank: {text:?}");
    }
    let alone = Options::default();
    let simplex = handout::build(&docs, &handout_template(), &alone).expect("builds");
    assert_eq!(
        plan.total,
        simplex.plan.total + 1 + plan.blanks.len(),
        "duplex adds the cover's verso and the blanks"
    );
}

#[test]
fn booklet_sheets_fold_into_reading_order() {
    let docs: Vec<Document> = releases().into_iter().take(5).collect();
    let built = build(
        &docs,
        &handout_template(),
        &Options::default(),
        "pack-flat.pdf",
    );
    let imposed = handout::impose::impose(&built.pack.layout);
    let bytes = handout::pdf_of(&imposed, None, built.pack.standard).expect("writes");
    let path = out_dir().join("pack-booklet.pdf");
    std::fs::write(&path, &bytes).expect("write");
    let pdf = lopdf::Document::load_mem(&bytes).expect("parses");
    let pages = built.pack.plan.total;
    let padded = pages.div_ceil(4) * 4;
    assert_eq!(pdf.get_pages().len(), padded / 2);
    let (w, h) = (
        built.pack.layout.pages[0].width,
        built.pack.layout.pages[0].height,
    );
    for (_, id) in pdf.get_pages() {
        let page = pdf.get_dictionary(id).expect("page");
        let media = page
            .get(b"MediaBox")
            .and_then(Object::as_array)
            .expect("MediaBox");
        let num = |o: &Object| o.as_float().expect("number");
        let (mw, mh) = (num(&media[2]), num(&media[3]));
        assert!((mw - 2.0 * w).abs() < 0.01 && (mh - h).abs() < 0.01);
        assert!(mw > mh, "landscape");
    }
    if !pdftotext_available("the booklet halves' text") {
        return;
    }
    // Each half of each side shows the page booklet_sides puts there.
    let sides = handout::plan::booklet_sides(pages);
    for (s, side) in sides.iter().enumerate() {
        for (half, page) in side.iter().enumerate() {
            let out = Command::new("pdftotext")
                .args(["-enc", "UTF-8", "-f", &(s + 1).to_string()])
                .args(["-l", &(s + 1).to_string(), "-x"])
                .arg(((half as f32 * w) as i32).to_string())
                .args(["-y", "0", "-W"])
                .arg((w as i32).to_string())
                .args(["-H", &(h as i32).to_string()])
                .arg(&path)
                .arg("-")
                .output()
                .expect("pdftotext");
            let half_text = words(&String::from_utf8_lossy(&out.stdout));
            let expected = match page {
                Some(p) => words(&page_text(&built.path, &built.pdf, *p, *p)),
                None => Vec::new(),
            };
            assert_eq!(half_text, expected, "sheet side {} half {half}", s + 1);
        }
    }
}

#[test]
fn docx_pack_has_a_toc_field_a_section_per_release_and_every_word() {
    let docs = releases();
    let template = handout_template();
    let pack = handout::build(&docs, &template, &Options::default()).expect("builds");
    let rendered = handout::docx(&pack, &docs, &template, &Default::default()).expect("docx");
    let parts = unzip(&rendered.bytes);
    let xml = &parts["word/document.xml"];
    assert!(xml.contains(" TOC \\h \\z \\t &quot;Title,1"), "TOC field");
    assert_eq!(
        xml.matches("<w:sectPr>").count(),
        docs.len() + 2,
        "cover and contents sections plus one per release"
    );
    let own = docs.iter().filter_map(handout::own_headline).count();
    assert!(
        own < docs.len(),
        "some fixtures have no headline of their own"
    );
    assert_eq!(xml.matches("<w:pStyle w:val=\"Title\"/>").count(), own);
    let text = reader_text(&parts);
    for expected in expected() {
        let coverage = expected.check(&text);
        assert!(coverage.is_complete(), "{:?}", coverage.missing);
    }
}

/// One section of a DOCX body: its running-part references (`("header",
/// "first")` → relationship id), whether its first page differs, how it starts.
#[derive(Debug, Default)]
struct Section {
    refs: BTreeMap<(String, String), String>,
    title_page: bool,
    start: Option<String>,
}

/// The sections of `document.xml`, in order.
fn sections(document: &str) -> Vec<Section> {
    let mut out: Vec<Section> = Vec::new();
    for (name, attrs) in elements(document) {
        if name == "w:sectPr" {
            out.push(Section::default());
            continue;
        }
        let Some(section) = out.last_mut() else {
            continue;
        };
        match name.as_str() {
            "w:headerReference" | "w:footerReference" => {
                let kind = name["w:".len()..name.len() - "Reference".len()].to_string();
                section
                    .refs
                    .insert((kind, attrs["w:type"].clone()), attrs["r:id"].clone());
            }
            "w:titlePg" => section.title_page = true,
            "w:type" => section.start = Some(attrs["w:val"].clone()),
            _ => {}
        }
    }
    out
}

/// The part that relationship `rid` of the main document names, checked: a
/// `kind` (header or footer) relationship to a part in the package with
/// the `kind` content type.
fn running_part(parts: &BTreeMap<String, String>, rid: &str, kind: &str) -> String {
    let rels = elements(&parts["word/_rels/document.xml.rels"]);
    let (_, rel) = rels
        .iter()
        .find(|(n, a)| n == "Relationship" && a.get("Id").is_some_and(|id| id == rid))
        .unwrap_or_else(|| panic!("{rid} is not in document.xml.rels"));
    assert!(
        rel["Type"].ends_with(&format!("/relationships/{kind}")),
        "{rel:?}"
    );
    let name = format!("word/{}", rel["Target"]);
    assert!(parts.contains_key(&name), "{name} is missing");
    let types = elements(&parts["[Content_Types].xml"]);
    let expected =
        format!("application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}+xml");
    assert!(
        types.iter().any(|(n, a)| n == "Override"
            && a.get("PartName").is_some_and(|p| *p == format!("/{name}"))
            && a.get("ContentType") == Some(&expected)),
        "{name} has no {kind} content type"
    );
    name
}

/// A section's four running parts (default and first header and footer),
/// resolved to part names.
fn section_parts(parts: &BTreeMap<String, String>, section: &Section) -> [String; 4] {
    let part = |kind: &str, ty: &str| {
        let rid = section
            .refs
            .get(&(kind.to_string(), ty.to_string()))
            .unwrap_or_else(|| panic!("no {ty} {kind} reference"));
        running_part(parts, rid, kind)
    };
    [
        part("header", "default"),
        part("header", "first"),
        part("footer", "default"),
        part("footer", "first"),
    ]
}

#[test]
fn docx_pack_gives_every_release_section_its_own_running_heads() {
    let docs = releases();
    let template = handout_template();
    let pack = handout::build(&docs, &template, &Options::default()).expect("builds");
    let render = || {
        handout::docx(&pack, &docs, &template, &Default::default())
            .expect("docx")
            .bytes
    };
    let bytes = render();
    assert_eq!(bytes, render(), "byte-identical across runs");
    let parts = unzip(&bytes);
    let sections = sections(&parts["word/document.xml"]);
    assert_eq!(sections.len(), docs.len() + 2);
    // The cover keeps the headers of a single document (the letterhead
    // first) and a footer of its own; the contents show the continuation
    // parts on every page.
    let cover = section_parts(&parts, &sections[0]);
    assert_eq!(
        cover[..3],
        ["word/header1.xml", "word/header2.xml", "word/footer1.xml"]
    );
    assert!(sections[0].title_page);
    let contents = section_parts(&parts, &sections[1]);
    assert_eq!(
        contents,
        [
            "word/header1.xml",
            "word/header1.xml",
            "word/footer1.xml",
            "word/footer1.xml"
        ]
    );

    // What the handout template's continuation header prints: symbol, headline.
    let heads: Vec<[String; 2]> = pack
        .contents
        .iter()
        .map(|e| {
            let doc = &docs[e.input];
            [
                doc.symbol_line().unwrap_or_default(),
                doc.headline_text().unwrap_or_default().trim().to_string(),
            ]
        })
        .collect();
    let distinct: BTreeSet<&[String; 2]> = heads.iter().filter(|h| !h[1].is_empty()).collect();
    assert!(
        distinct.len() >= 4,
        "releases with their own headlines: {heads:?}"
    );

    let text = |name: &str| text_of(&parts[name]);
    for ((entry, section), head) in pack.contents.iter().zip(&sections[2..]).zip(&heads) {
        let doc = &docs[entry.input];
        assert!(section.title_page, "the letterhead opens each release");
        assert_eq!(section.start.as_deref(), Some("nextPage"));
        let names = section_parts(&parts, section);
        // Each part reads as the single-release DOCX's own.
        let single = unzip(
            &pressroom::render::docx::render(doc, &template, &Default::default())
                .expect("single docx")
                .bytes,
        );
        let single_names = [
            "word/header1.xml",
            "word/header2.xml",
            "word/footer1.xml",
            "word/footer2.xml",
        ];
        for (name, single_name) in names.iter().zip(single_names) {
            assert_eq!(
                text(name),
                text_of(&single[single_name]),
                "{} {name}",
                entry.headline
            );
        }
        let header = text(&names[0]);
        for value in head.iter().filter(|v| !v.is_empty()) {
            // Whole, or shortened at a word boundary and marked as the PDF does.
            let marked = header.lines().any(|line| {
                line.strip_suffix('…').is_some_and(|kept| {
                    !kept.is_empty() && value.starts_with(kept.trim_end_matches([',', ':', ';']))
                })
            });
            assert!(
                header.contains(value.as_str()) || marked,
                "{header:?} lacks {value:?}"
            );
        }
        for other in heads.iter().flatten() {
            if !other.is_empty() && !head.iter().any(|v| v.contains(other.as_str())) {
                assert!(
                    !header.contains(other.as_str()),
                    "{header:?} shows another release's {other:?}"
                );
            }
        }
    }
    // Identical parts are shared: the footers print only the page number,
    // on the right (footer1, footer2) or, on even pages, the left (footer3);
    // the cover's shows none (footer4).
    assert!(parts.contains_key("word/footer4.xml"));
    assert!(!parts.contains_key("word/footer5.xml"));
    let document = &parts["word/document.xml"];
    let even = "<w:footerReference w:type=\"even\" r:id=\"rIdFooter3\"/>";
    assert_eq!(document.matches(even).count(), sections.len());
    let text = reader_text(&parts);
    for expected in expected() {
        let coverage = expected.check(&text);
        assert!(coverage.is_complete(), "{:?}", coverage.missing);
    }
}

#[test]
fn docx_pack_relates_the_logo_from_every_letterhead_header() {
    let mut template = handout_template();
    let logo = template::Image::load(&root().join("tests/fixtures/logo.jpg")).expect("logo");
    template.letterhead.logo_image = Some(logo);
    let docs = releases();
    let options = Options {
        duplex: true,
        ..Options::default()
    };
    let pack = handout::build(&docs, &template, &options).expect("builds");
    let bytes = handout::docx(&pack, &docs, &template, &Default::default())
        .expect("docx")
        .bytes;
    let parts = unzip(&bytes);
    let sections = sections(&parts["word/document.xml"]);
    assert!(
        sections[1..]
            .iter()
            .all(|s| s.start.as_deref() == Some("oddPage"))
    );
    // Every section but the contents opens with a letterhead.
    let letterheads: BTreeSet<String> = sections
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != 1)
        .map(|(_, s)| section_parts(&parts, s)[1].clone())
        .collect();
    assert!(
        letterheads.len() >= 2,
        "the releases' issuers differ from the cover's: {letterheads:?}"
    );
    let mut drawing_ids = BTreeSet::new();
    for (name, xml) in parts.iter().filter(|(n, _)| n.starts_with("word/header")) {
        assert_eq!(
            xml.contains("<w:drawing>"),
            letterheads.contains(name),
            "{name}"
        );
        if !letterheads.contains(name) {
            continue;
        }
        let rels = &parts[&format!("word/_rels/{}.rels", &name["word/".len()..])];
        assert!(rels.contains("Target=\"media/logo.jpeg\""), "{rels}");
        for (_, attrs) in elements(xml).iter().filter(|(n, _)| n == "wp:docPr") {
            assert!(
                drawing_ids.insert(attrs["id"].clone()),
                "drawing ids unique"
            );
        }
    }
    assert!(parts["[Content_Types].xml"].contains("<Default Extension=\"jpeg\""));
    assert!(unzip_media(&bytes).contains_key("word/media/logo.jpeg"));
}

/// The paragraphs of `document.xml` in order: their style id (if any), their
/// text (tabs kept) and their XML.
fn paragraphs(document: &str) -> Vec<(Option<String>, String, String)> {
    let mut out = Vec::new();
    let mut rest = document;
    while let Some(start) = ["<w:p>", "<w:p "]
        .iter()
        .filter_map(|open| rest.find(open))
        .min()
    {
        let end = rest[start..].find("</w:p>").expect("a closed paragraph") + start + 6;
        let xml = &rest[start..end];
        let style = elements(xml)
            .into_iter()
            .find(|(n, _)| n == "w:pStyle")
            .map(|(_, a)| a["w:val"].clone());
        out.push((style, text_of(xml).trim_end().to_string(), xml.to_string()));
        rest = &rest[end..];
    }
    out
}

/// The paragraphs of each section of `document.xml` (the paragraph holding
/// a section's properties ends it).
fn section_paragraphs(document: &str) -> Vec<Vec<(Option<String>, String, String)>> {
    let mut out = vec![Vec::new()];
    for paragraph in paragraphs(document) {
        let ends = paragraph.2.contains("<w:sectPr>");
        if let Some(last) = out.last_mut() {
            last.push(paragraph);
        }
        if ends {
            out.push(Vec::new());
        }
    }
    out
}

fn docx_parts(pack: &Pack, docs: &[Document], template: &Template) -> BTreeMap<String, String> {
    let rendered = handout::docx(pack, docs, template, &Default::default()).expect("docx");
    unzip(&rendered.bytes)
}

#[test]
fn a_release_without_a_headline_is_listed_by_its_label_and_none_is_invented() {
    let docs = releases();
    let template = handout_template();
    let built = build(&docs, &template, &Options::default(), "pack-labels.pdf");
    let pack = &built.pack;
    let parts = docx_parts(pack, &docs, &template);
    let paragraphs = paragraphs(&parts["word/document.xml"]);
    let styled = |style: &str| -> Vec<&str> {
        paragraphs
            .iter()
            .filter(|(s, _, _)| s.as_deref() == Some(style))
            .map(|(_, text, _)| text.as_str())
            .collect()
    };
    // Title paragraphs: exactly the headlines the inputs give.
    let own: Vec<&str> = pack
        .contents
        .iter()
        .filter_map(|e| handout::own_headline(&docs[e.input]))
        .collect();
    assert_eq!(styled("Title"), own);
    // The parser's derived headline of the seed looks like a Title but is
    // not one, and the contents give the seed's label.
    let seed = pack
        .contents
        .iter()
        .find(|e| docs[e.input].symbol_line().as_deref() == Some("SG/SM/20447"))
        .expect("the seed");
    let derived = docs[seed.input]
        .headline_text()
        .expect("a derived headline");
    assert!(!seed.own_headline);
    assert_eq!(seed.headline, "SG/SM/20447 · Message · 24 November 2020");
    // Headline-like paragraphs: only those the model holds.
    let derived_all: Vec<&str> = pack
        .contents
        .iter()
        .filter_map(|e| docs[e.input].meta.headline.as_ref())
        .filter(|h| h.derived)
        .map(|h| h.text.as_str())
        .collect();
    assert!(derived_all.contains(&derived));
    assert_eq!(styled("DerivedHeadline"), derived_all);
    // A release without a headline: symbol or file name, kind, date; never
    // the first words of its text.
    let sc = pack
        .contents
        .iter()
        .find(|e| e.symbol == "SC/13399-PKO/741")
        .expect("the Security Council statement");
    assert_eq!(sc.headline, "SC/13399-PKO/741 · Statement · 27 June 2018");
    let labelled: Vec<_> = pack.contents.iter().filter(|e| !e.own_headline).collect();
    assert!(labelled.len() >= 4, "{labelled:?}");
    let toc = styled("TOC1").join("\n");
    let contents_text = page_text(&built.path, &built.pdf, 2, pack.plan.front_pages);
    for entry in &labelled {
        let doc = &docs[entry.input];
        assert!(entry.headline.contains(doc.meta.kind.label()), "{entry:?}");
        let invented = handout::headline(doc);
        if doc.headline_text().is_none() {
            for (what, text) in [("DOCX", toc.as_str()), ("PDF", contents_text.as_str())] {
                assert!(
                    !contains_words(text, &invented),
                    "{what} contents invent {invented:?}"
                );
            }
        }
        // The same entry in both contents; in the DOCX a TC field keeps it
        // when Word updates the field.
        assert!(contains_words(&contents_text, &entry.headline), "{entry:?}");
        assert!(toc.contains(&entry.headline), "{entry:?}");
        let tc = format!("TC &quot;{}&quot; \\l 1", entry.headline);
        assert!(parts["word/document.xml"].contains(&tc), "{tc}");
    }
}

#[test]
fn docx_contents_field_stores_the_pdf_pack_page_numbers() {
    let docs = releases();
    let template = handout_template();
    for duplex in [false, true] {
        let options = Options {
            duplex,
            ..Options::default()
        };
        let name = format!("pack-toc-{duplex}.pdf");
        let built = build(&docs, &template, &options, &name);
        let pack = &built.pack;
        let parts = docx_parts(pack, &docs, &template);
        let document = &parts["word/document.xml"];
        let sections = section_paragraphs(document);
        // Cover, contents (field begin to end), one section per release.
        let contents = &sections[1];
        let field = contents.iter().map(|p| p.2.as_str()).collect::<String>();
        assert!(field.contains(" TOC \\h \\z \\t &quot;Title,1"), "{field}");
        assert!(field.contains("<w:fldChar w:fldCharType=\"end\"/>"));
        let entries: Vec<&(Option<String>, String, String)> = contents
            .iter()
            .filter(|p| p.0.as_deref() == Some("TOC1"))
            .collect();
        assert_eq!(entries.len(), pack.contents.len());
        let (outline, _) = outline(&built.pdf);
        for (n, ((entry, paragraph), (_, pdf_page))) in pack
            .contents
            .iter()
            .zip(&entries)
            .zip(&outline[1..])
            .enumerate()
        {
            // "Headline<TAB>page", the page where the PDF starts the release.
            assert_eq!(paragraph.1, format!("{}\t{}", entry.headline, entry.page));
            assert_eq!(entry.page, *pdf_page, "{}", entry.headline);
            assert_eq!(entry.page, pack.plan.release_starts[n]);
            if entry.own_headline
                && let Some(area) = text_area(&built.path, entry.page, &template)
            {
                let top = area.lines().take(15).collect::<Vec<_>>().join("\n");
                assert!(contains_words(&top, &entry.headline), "{}", entry.headline);
            }
            // A link to a bookmark on the release's first paragraph, whose
            // page the PAGEREF field shows.
            let bookmark = pressroom::render::docx::bookmark_name(n + 1);
            assert!(
                paragraph
                    .2
                    .contains(&format!("<w:hyperlink w:anchor=\"{bookmark}\"")),
                "{}",
                paragraph.2
            );
            assert!(paragraph.2.contains(&format!(" PAGEREF {bookmark} \\h ")));
            let release = &sections[n + 2];
            let first = release.first().expect("a first paragraph");
            assert!(
                first.2.contains(&format!(
                    "<w:bookmarkStart w:id=\"{}\" w:name=\"{bookmark}\"/>",
                    n + 1
                )),
                "{}",
                first.2
            );
        }
    }
}

#[test]
fn docx_cover_and_contents_use_named_styles_and_the_cover_shows_no_page_number() {
    let docs = releases();
    let template = handout_template();
    let pack = handout::build(&docs, &template, &Options::default()).expect("builds");
    let parts = docx_parts(&pack, &docs, &template);
    let styles = &parts["word/styles.xml"];
    // style id → (type, name, based on, paragraph properties XML)
    let mut defined: BTreeMap<String, (String, String, String)> = BTreeMap::new();
    let mut current = None;
    for (name, attrs) in elements(styles) {
        match name.as_str() {
            "w:style" => {
                let id = attrs["w:styleId"].clone();
                defined.insert(
                    id.clone(),
                    (attrs["w:type"].clone(), String::new(), String::new()),
                );
                current = Some(id);
            }
            "w:name" | "w:basedOn" => {
                if let Some(style) = current.as_ref().and_then(|c| defined.get_mut(c)) {
                    let slot = if name == "w:name" {
                        &mut style.1
                    } else {
                        &mut style.2
                    };
                    *slot = attrs["w:val"].clone();
                }
            }
            _ => {}
        }
    }
    let style = |id: &str| defined.get(id).unwrap_or_else(|| panic!("no style {id}"));
    assert_eq!(
        style("TOCHeading"),
        &("paragraph".into(), "TOC Heading".into(), "Heading1".into())
    );
    for level in 1..=3 {
        let (kind, name, _) = style(&format!("TOC{level}"));
        assert_eq!(
            (kind.as_str(), name.as_str()),
            ("paragraph", format!("toc {level}").as_str())
        );
    }
    let toc1 = &styles[styles.find("w:styleId=\"TOC1\"").expect("TOC1")..];
    let toc1 = &toc1[..toc1.find("</w:style>").expect("end of TOC1")];
    assert!(toc1.contains("w:val=\"right\" w:leader=\"dot\""), "{toc1}");

    let document = &parts["word/document.xml"];
    let sections = section_paragraphs(document);
    let (cover, contents) = (&sections[0], &sections[1]);
    let styled = |ps: &[(Option<String>, String, String)]| -> Vec<(Option<String>, String)> {
        ps.iter()
            .filter(|p| !p.1.is_empty())
            .map(|p| (p.0.clone(), p.1.clone()))
            .collect()
    };
    assert_eq!(
        styled(cover),
        [
            (Some("CoverTitle".to_string()), pack.title.clone()),
            (Some("CoverSubtitle".to_string()), pack.date_range.clone()),
            (
                Some("CoverNote".to_string()),
                handout::count_label(docs.len())
            ),
        ]
    );
    let contents_styled = styled(contents);
    assert_eq!(
        contents_styled[0],
        (Some("TOCHeading".to_string()), "Contents".to_string())
    );
    assert!(
        contents_styled[1..]
            .iter()
            .all(|(s, _)| s.as_deref() == Some("TOC1"))
    );
    for (_, text, xml) in cover.iter().chain(contents) {
        assert!(
            !xml.contains("<w:rPr>"),
            "direct formatting on {text:?}: {xml}"
        );
        let ppr: Vec<String> = elements(xml)
            .into_iter()
            .map(|(n, _)| n)
            .filter(|n| {
                ["w:spacing", "w:jc", "w:ind", "w:tabs", "w:sz", "w:b"].contains(&n.as_str())
            })
            .collect();
        assert!(ppr.is_empty(), "{text:?}: {ppr:?}");
    }

    // The cover's first (and only) page has a footer without PAGE; the
    // contents' footers number their pages.
    let sections = self::sections(document);
    assert!(sections[0].title_page);
    let [_, _, _, cover_footer] = section_parts(&parts, &sections[0]);
    assert!(
        !parts[&cover_footer].contains("PAGE"),
        "{}",
        parts[&cover_footer]
    );
    for footer in &section_parts(&parts, &sections[1])[2..] {
        assert!(parts[footer].contains(">PAGE<"), "{footer}");
    }
}

fn pressroom() -> Command {
    Command::new(env!("CARGO_BIN_EXE_pressroom"))
}

#[test]
fn cli_writes_the_pack_and_refuses_a_bad_input_without_writing() {
    let dir = out_dir().join("cli");
    let _ = std::fs::remove_dir_all(&dir);
    let pack = dir.join("pack.pdf");
    let ok = pressroom()
        .arg("handout")
        .arg(root().join("input"))
        .arg("-o")
        .arg(&pack)
        .args(["--title", "Week 47", "--booklet", "--docx", "-q"])
        .output()
        .expect("runs");
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let pdf = lopdf::Document::load(&pack).expect("a PDF");
    assert_eq!(pdf.get_pages().len() % 2, 0, "booklet sides come in pairs");
    assert!(dir.join("pack.docx").exists());

    let bad = dir.join("bad.pdf");
    let missing = root().join("input/no-such-release.txt");
    let out = pressroom()
        .arg("handout")
        .arg(root().join("input"))
        .arg(&missing)
        .arg("-o")
        .arg(&bad)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert!(
        lines[0].starts_with(&format!("{}: error: cannot read: ", missing.display())),
        "{stderr}"
    );
    assert!(
        lines[1].starts_with(&format!(
            "{}: error: handout not written: 1 of ",
            bad.display()
        )),
        "{stderr}"
    );
    assert!(!bad.exists(), "no pack written");
}

#[test]
fn cli_writes_a_bare_file_name_and_refuses_a_docx_named_pdf() {
    let dir = out_dir().join("cli-bare");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("folder");
    let run = |args: &[&str]| {
        pressroom()
            .current_dir(&dir)
            .arg("handout")
            .arg(root().join("input"))
            .args(args)
            .output()
            .expect("runs")
    };
    let ok = run(&["-o", "pack.pdf", "-q"]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(lopdf::Document::load(dir.join("pack.pdf")).is_ok());

    let clash = run(&["-o", "twin.docx", "--docx"]);
    assert_eq!(clash.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&clash.stderr).trim(),
        "twin.docx: error: the PDF and its --docx twin would have the same name; name the PDF (-o pack.pdf)"
    );
    assert!(!dir.join("twin.docx").exists());
}

/// The pack's structure tree: the cover (title as H1), the contents as
/// TOC with one TOCI (holding a Link) per release, then one Part per
/// release in pack order, each with its language and its own headline.
#[test]
fn the_pack_has_one_structure_tree_with_a_part_per_release() {
    use crate::render_common::tagged::{Tagged, decode_text};
    let docs: Vec<Document> = releases().into_iter().take(4).collect();
    let built = build(
        &docs,
        &handout_template(),
        &Options::default(),
        "pack-tagged.pdf",
    );
    let tagged = Tagged::load(&std::fs::read(&built.path).expect("read pack"));
    let elements = tagged.elements();
    let top: Vec<&str> = elements
        .iter()
        .filter(|e| e.depth == 0)
        .map(|e| e.kind.as_str())
        .collect();
    let parts = top.iter().filter(|k| **k == "Part").count();
    assert_eq!(parts, docs.len(), "one Part per release: {top:?}");
    let toc = top.iter().position(|k| *k == "TOC").expect("a TOC");
    let first_part = top.iter().position(|k| *k == "Part").expect("a Part");
    assert!(toc < first_part, "contents before the releases: {top:?}");
    assert_eq!(top.first(), Some(&"Sect"), "the cover's letterhead first");
    let tocis = elements.iter().filter(|e| e.kind == "TOCI").count();
    assert_eq!(tocis, docs.len());
    let toc_links = elements
        .windows(2)
        .filter(|w| w[0].kind == "TOCI" && w[1].kind == "Link" && w[1].objrs >= 1)
        .count();
    assert_eq!(toc_links, docs.len(), "each contents item is a link");
    // Parts in pack order: each Part's H1 is that release's headline.
    let part_h1s: Vec<String> = elements
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == "Part")
        .filter_map(|(i, e)| {
            elements[i + 1..]
                .iter()
                .take_while(|c| c.depth > e.depth)
                .find(|c| c.kind == "H1")
                .map(|h| h.text.trim().to_string())
        })
        .collect();
    let expected: Vec<String> = built
        .pack
        .contents
        .iter()
        .filter_map(|c| docs[c.input].headline_text())
        .map(str::to_string)
        .collect();
    assert_eq!(part_h1s, expected);
    for part in elements.iter().filter(|e| e.kind == "Part") {
        let lang = part
            .dict
            .get(b"Lang")
            .and_then(|l| l.as_str())
            .expect("Part /Lang");
        assert!(!decode_text(lang).is_empty());
    }
}

/// A handout of the whole White House corpus folder, plain and duplex:
/// no two text boxes intersect on any page (cover, contents, releases), and
/// every continuation head holds its headline whole or marked "…".
#[test]
fn a_handout_of_the_whole_white_house_folder_prints_nothing_over_anything() {
    let Some(corpus) = crate::common::corpus_or_skip("handout collisions") else {
        return;
    };
    let folder = corpus.join("whitehouse-briefing-room");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .expect("the White House folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    assert!(files.len() > 400, "{} files", files.len());
    let docs: Vec<Document> = files
        .iter()
        .map(|p| {
            let bytes = std::fs::read(p).expect("read");
            pressroom::read_source(&bytes, &p.display().to_string(), &Default::default())
                .expect("parses")
                .document
        })
        .collect();
    let template = handout_template();
    for duplex in [false, true] {
        let options = Options {
            duplex,
            ..Options::default()
        };
        let pack = handout::build(&docs, &template, &options).expect("pack");
        let overprints: Vec<String> = pack
            .layout
            .pages
            .iter()
            .enumerate()
            .filter_map(|(n, page)| {
                page.overlapping_text()
                    .map(|pair| format!("page {}: {pair:?}", n + 1))
            })
            .collect();
        assert!(
            overprints.is_empty(),
            "duplex {duplex}: {} page(s) with text over text, first: {:?}",
            overprints.len(),
            &overprints[..overprints.len().min(5)]
        );
        assert!(
            pack.layout.pages.len() > files.len(),
            "{} pages",
            pack.layout.pages.len()
        );
    }
}
