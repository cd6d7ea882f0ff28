//! The PDF rendition of the seed release: words in order (read back with a
//! real PDF reader), exact characters, page size and count, geometry from
//! the layout model, determinism across runs and threads, missing glyphs,
//! links and outline.

use crate::render_common;

use crate::render_common::tagged::Tagged;
use crate::render_common::{extract_text, model_text, reader_text, seed};
use pressroom::layout::frame::Item;
use pressroom::model::{Block, Document, Inline};
use pressroom::render::RenderOptions;
use pressroom::template::{self, Template};
use pressroom::words::{first_missing_in_order, words};

fn un() -> Template {
    template::resolve("un").expect("bundled un template")
}

fn render(doc: &Document, t: &Template) -> pressroom::render::Rendered {
    pressroom::render::pdf::render(doc, t, &RenderOptions::default()).expect("renders")
}

#[test]
fn seed_text_layer_has_every_model_word_in_order() {
    let doc = seed();
    for name in template::bundled_names() {
        let t = template::resolve(name).unwrap();
        let r = render(&doc, &t);
        let text = reader_text(&r.bytes, &format!("seed-{name}.pdf"));
        let expected = words(&model_text(&doc));
        let actual = words(&text);
        if let Some(i) = first_missing_in_order(&expected, &actual) {
            panic!("{name}: word {i} '{}' missing from:\n{text}", expected[i]);
        }
    }
}

#[test]
fn exact_characters_survive_extraction() {
    let r = render(&seed(), &un());
    let text = reader_text(&r.bytes, "seed-chars.pdf");
    for needle in [
        "António",
        "Guterres’",
        "COVID\u{2011}19",
        "Secretary-General’s",
    ] {
        assert!(
            text.contains(needle),
            "'{needle}' not in the text layer:\n{text}"
        );
    }
    // lopdf reads the same ToUnicode maps.
    assert!(extract_text(&r.bytes).contains("António"));
}

#[test]
fn seed_is_one_a4_page() {
    let r = render(&seed(), &un());
    assert_eq!(r.pages, Some(1));
    let pdf = lopdf::Document::load_mem(&r.bytes).unwrap();
    assert_eq!(pdf.get_pages().len(), 1);
    let page = pdf.get_pages()[&1];
    let dict = pdf.get_dictionary(page).unwrap();
    let media = dict.get(b"MediaBox").unwrap().as_array().unwrap();
    let w = media[2].as_float().unwrap();
    let h = media[3].as_float().unwrap();
    assert!(
        (w - 595.276).abs() < 0.01 && (h - 841.89).abs() < 0.01,
        "{w}x{h}"
    );
}

fn long_document(paragraphs: usize) -> Document {
    let mut doc = seed();
    let body = doc.body.clone();
    for i in 0..paragraphs {
        if i % 7 == 3 {
            doc.body.push(Block::Heading {
                level: 1,
                content: vec![Inline::text(format!("Section {i} of the statement"))],
            });
        }
        doc.body.push(body[1 + i % (body.len() - 1)].clone());
    }
    doc.body.push(Block::Paragraph {
        content: vec![
            Inline::text("See "),
            Inline::Link {
                content: vec![Inline::text(
                    "https://press.un.org/en/2020/sgsm20447.doc.htm",
                )],
                url: "https://press.un.org/en/2020/sgsm20447.doc.htm".into(),
            },
            Inline::text(format!(
                " and an unbreakable {} word.",
                "Supercalifragilisticexpialidocious".repeat(5)
            )),
        ],
    });
    doc
}

#[test]
fn no_glyph_leaves_the_text_area() {
    for name in template::bundled_names() {
        let t = template::resolve(name).unwrap();
        let laid = pressroom::layout::layout(&long_document(40), &t).unwrap();
        assert!(laid.pages.len() > 2, "{name}: long document spans pages");
        let (pw, ph) = t.page.dimensions();
        let left = t.page.margins.left.pt() - 0.01;
        let right = pw.pt() - t.page.margins.right.pt() + 0.01;
        for (p, page) in laid.pages.iter().enumerate() {
            for item in &page.items {
                if let Item::Text(run) = item {
                    let end = run.x + run.width();
                    assert!(
                        run.x >= left && end <= right,
                        "{name} page {}: run '{}' spans {:.2}..{:.2}, text area {left:.2}..{right:.2}",
                        p + 1,
                        run.text,
                        run.x,
                        end
                    );
                    assert!(run.y > 0.0 && run.y < ph.pt());
                }
            }
        }
        assert!(laid.diagnostics.iter().any(|d| d.code == "word-broken"));
    }
}

#[test]
fn output_is_byte_identical_across_runs_and_threads() {
    let doc = long_document(12);
    let t = un();
    let a = render(&doc, &t).bytes;
    let b = render(&doc, &t).bytes;
    assert_eq!(a, b);
    let threads: Vec<Vec<u8>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..2).map(|_| s.spawn(|| render(&doc, &t).bytes)).collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert!(threads.iter().all(|x| *x == a));
    // No wall clock: the creation date is the release date.
    let text = String::from_utf8_lossy(&a);
    assert!(text.contains("D:20201124000000Z"));
}

#[test]
fn a_character_no_font_draws_is_a_warning() {
    let mut doc = seed();
    doc.body.push(Block::Paragraph {
        // Hebrew: no bundled face draws it (Chinese and Arabic now have theirs).
        content: vec![Inline::text("The letter \u{05D0} is aleph.")],
    });
    let r = render(&doc, &un());
    let warning = r
        .diagnostics
        .iter()
        .find(|d| d.code == "missing-glyph")
        .expect("missing-glyph warning");
    assert!(warning.message.contains("U+05D0"), "{}", warning.message);
    assert!(warning.message.contains("paragraph"), "{}", warning.message);
    let text = reader_text(&r.bytes, "missing-glyph.pdf");
    assert!(
        text.contains('\u{05D0}'),
        "the text layer keeps the character"
    );
}

#[test]
fn links_and_outline_are_written() {
    let r = render(&long_document(20), &un());
    let pdf = lopdf::Document::load_mem(&r.bytes).unwrap();
    let mut uris = 0;
    for (_, obj) in pdf.objects.iter() {
        if let Ok(d) = obj.as_dict()
            && d.get(b"Subtype").and_then(|s| s.as_name()).ok() == Some(b"Link".as_slice())
        {
            uris += 1;
        }
    }
    assert!(uris >= 1, "a link annotation");
    let catalog = pdf.catalog().unwrap();
    assert!(catalog.get(b"Outlines").is_ok(), "an outline");
    let text = reader_text(&r.bytes, "long-un.pdf");
    let expected = words(&model_text(&long_document(20)));
    assert_eq!(first_missing_in_order(&expected, &words(&text)), None);
    assert!(r.pages.unwrap() >= 3);
    assert!(text.contains("Page 3 of"));
}

/// Writes the PDFs that `scripts/pictures.sh` rasterizes: the seed and a
/// long release from the corpus, in every bundled template (the long one
/// skipped with `PRESSROOM_SKIP_CORPUS=1` and no corpus).
#[test]
fn pictures_sources_render() {
    let dir = render_common::out_dir().join("pictures");
    std::fs::create_dir_all(&dir).unwrap();
    let long = crate::common::corpus_or_skip("pdf_render::pictures_sources_render (long release)")
        .map(|corpus| {
            let path = corpus.join("whitehouse-briefing-room/2021-01-22-fact-sheet-president-bidens-new-executive-actions-deliver-economic-relief-for-american-fa-91abe4f3.txt");
            let bytes = std::fs::read(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            pressroom::read_document(&bytes, "long.txt").expect("the long release parses")
        });
    for name in template::bundled_names() {
        let t = template::resolve(name).unwrap();
        let seed_pdf = render(&seed(), &t);
        std::fs::write(dir.join(format!("seed-{name}.pdf")), &seed_pdf.bytes).unwrap();
        if let Some(doc) = &long {
            let r = render(doc, &t);
            assert!(
                r.pages.unwrap_or(0) >= 2,
                "{name}: the long release spans pages"
            );
            std::fs::write(dir.join(format!("long-{name}.pdf")), &r.bytes).unwrap();
        }
    }
}

/// The seed as the parser reads it from the fixture (no `../shared` needed).
fn seed_from_fixture() -> Document {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/sgsm20447.txt");
    let bytes = std::fs::read(path).expect("the seed fixture");
    pressroom::read_document(&bytes, "sgsm20447.txt").expect("the seed parses")
}

fn text(s: &str) -> Vec<Inline> {
    vec![Inline::text(s)]
}

/// A release with every structure the layout tags: headings (levels 1 and
/// 3: a skip), a paragraph with a link, a numbered list with a nested
/// list, a table with a header row.
fn structured() -> Document {
    use pressroom::model::{Headline, List, ListItem, ListMarker, MarkerDelimiter, MarkerStyle};
    let mut doc = Document::default();
    doc.meta.headline = Some(Headline {
        text: "Structured release".into(),
        derived: false,
    });
    doc.meta.issuer = Some("The White House".into());
    let item = |s: &str, children: Vec<List>| ListItem {
        label: None,
        content: text(s),
        children,
    };
    let nested = List {
        marker: ListMarker::bullet("•"),
        start: 1,
        items: vec![item("Nested point", Vec::new())],
    };
    doc.body = vec![
        Block::Paragraph {
            content: text("Opening paragraph."),
        },
        Block::Heading {
            level: 1,
            content: text("Background"),
        },
        Block::Paragraph {
            content: vec![
                Inline::text("Read "),
                Inline::Link {
                    content: text("the full report"),
                    url: "https://example.org/report".into(),
                },
                Inline::text(" today."),
            ],
        },
        Block::Heading {
            level: 3,
            content: text("Detail"),
        },
        Block::List(List {
            marker: ListMarker {
                style: MarkerStyle::Decimal,
                delimiter: MarkerDelimiter::Period,
                bullet: None,
            },
            start: 1,
            items: vec![
                item("First point", vec![nested]),
                item("Second point", Vec::new()),
            ],
        }),
        Block::Table {
            rows: vec![
                vec![text("Country"), text("Amount")],
                vec![text("Chad"), text("12")],
            ],
        },
    ];
    doc
}

fn name(o: &lopdf::Object) -> String {
    String::from_utf8_lossy(o.as_name().expect("a name")).into_owned()
}

#[test]
fn seed_pdf_is_tagged_with_the_headline_as_its_one_h1() {
    let doc = seed_from_fixture();
    let r = render(&doc, &un());
    let t = Tagged::load(&r.bytes);
    let cat = t.catalog();
    let mark = cat
        .get(b"MarkInfo")
        .and_then(|m| m.as_dict())
        .expect("MarkInfo");
    assert!(
        mark.get(b"Marked")
            .and_then(|m| m.as_bool())
            .expect("Marked")
    );
    let lang = cat.get(b"Lang").and_then(|l| l.as_str()).expect("Lang");
    assert_eq!(lang, b"en-GB");
    let prefs = cat
        .get(b"ViewerPreferences")
        .and_then(|p| p.as_dict())
        .expect("prefs");
    assert!(
        prefs
            .get(b"DisplayDocTitle")
            .and_then(|d| d.as_bool())
            .expect("DisplayDocTitle")
    );
    assert!(cat.get(b"OutputIntents").is_ok(), "an sRGB output intent");
    for (id, _) in &t.pages {
        let page = t.doc.get_dictionary(*id).expect("page");
        assert!(
            page.get(b"StructParents").is_ok(),
            "page without StructParents"
        );
        assert_eq!(name(page.get(b"Tabs").expect("Tabs")), "S");
    }

    let elements = t.elements();
    let top: Vec<&str> = elements
        .iter()
        .filter(|e| e.depth == 0)
        .map(|e| e.kind.as_str())
        .collect();
    assert_eq!(
        top[..2],
        ["Sect", "H1"],
        "letterhead section, then the headline"
    );
    assert!(
        top[2..].iter().all(|k| *k == "P"),
        "then paragraphs: {top:?}"
    );
    let h1: Vec<_> = elements.iter().filter(|e| e.kind == "H1").collect();
    assert_eq!(h1.len(), 1);
    assert_eq!(h1[0].text.trim(), doc.headline_text().expect("a headline"));
    let letterhead: Vec<&str> = elements
        .iter()
        .filter(|e| e.depth == 1)
        .map(|e| e.text.trim())
        .collect();
    assert!(letterhead.contains(&"UNITED NATIONS"), "{letterhead:?}");
    assert!(letterhead.contains(&"SG/SM/20447"), "{letterhead:?}");

    // Every input word is in the tree, in order; the footer is not.
    let tree: String = elements.iter().map(|e| format!("{}\n", e.text)).collect();
    let expected = words(&model_text(&doc));
    if let Some(i) = first_missing_in_order(&expected, &words(&tree)) {
        panic!(
            "word {i} '{}' missing from the structure tree:\n{tree}",
            expected[i]
        );
    }
    assert!(!tree.contains("Page 1 of 1"), "page number in the tree");
    assert!(
        reader_text(&r.bytes, "seed-tagged.pdf").contains("Page 1 of 1"),
        "the page number is still painted"
    );
    // …painted as a footer artifact.
    let footers = t.operations()[0]
        .iter()
        .filter(|op| op.operator == "BDC")
        .filter(|op| name(&op.operands[0]) == "Artifact")
        .filter_map(|op| op.operands.get(1).and_then(|p| p.as_dict().ok()))
        .filter(|p| p.get(b"Subtype").ok().map(name).as_deref() == Some("Footer"))
        .count();
    assert!(footers >= 1, "no footer artifact");
}

#[test]
fn headings_lists_tables_and_links_are_tagged() {
    let r = render(&structured(), &un());
    let t = Tagged::load(&r.bytes);
    let elements = t.elements();
    let kinds: Vec<&str> = elements.iter().map(|e| e.kind.as_str()).collect();
    let headings: Vec<(&str, &str)> = elements
        .iter()
        .filter(|e| e.kind.starts_with('H') && e.kind.len() == 2)
        .map(|e| (e.kind.as_str(), e.text.trim()))
        .collect();
    assert_eq!(
        headings,
        [
            ("H1", "Structured release"),
            ("H2", "Background"),
            ("H3", "Detail")
        ],
        "headings start at H1 and never skip"
    );

    let link = elements
        .iter()
        .find(|e| e.kind == "Link")
        .expect("a Link element");
    assert_eq!(link.text.trim(), "the full report");
    assert_eq!(link.objrs, 1, "the link holds its annotation");
    let at = elements
        .iter()
        .position(|e| e.kind == "Link")
        .expect("link");
    assert_eq!(elements[at - 1].kind, "P", "the link sits in its paragraph");
    let annot = t
        .pages
        .iter()
        .filter_map(|(id, _)| t.doc.get_dictionary(*id).ok())
        .filter_map(|p| p.get(b"Annots").and_then(|a| a.as_array()).ok())
        .flatten()
        .filter_map(|a| a.as_reference().ok())
        .filter_map(|id| t.doc.get_dictionary(id).ok())
        .next()
        .expect("a link annotation");
    assert!(annot.get(b"StructParent").is_ok());
    assert_eq!(annot.get(b"F").and_then(|f| f.as_i64()).expect("/F"), 4);
    let contents = annot
        .get(b"Contents")
        .and_then(|c| c.as_str())
        .expect("/Contents");
    assert_eq!(
        render_common::tagged::decode_text(contents),
        "the full report"
    );

    // L → LI → Lbl + LBody, the nested list inside the first item's body.
    let l = kinds.iter().position(|k| *k == "L").expect("a list");
    assert_eq!(kinds[l..l + 4], ["L", "LI", "Lbl", "LBody"]);
    assert_eq!(elements[l + 2].text.trim(), "1.");
    assert_eq!(elements[l + 3].text.trim(), "First point");
    assert_eq!(kinds[l + 4], "L", "nested list inside the item's body");
    assert_eq!(elements[l + 4].depth, elements[l + 3].depth + 1);

    // Table → TR → TH (scope: column) / TD.
    let table = kinds.iter().position(|k| *k == "Table").expect("a table");
    assert_eq!(kinds[table + 1..table + 4], ["TR", "TH", "TH"]);
    let th = &elements[table + 2];
    let attrs = th
        .dict
        .get(b"A")
        .and_then(|a| a.as_dict())
        .expect("TH attributes");
    assert_eq!(name(attrs.get(b"Scope").expect("Scope")), "Column");
    assert_eq!(th.text.trim(), "Country");
    assert_eq!(kinds[table + 4..table + 7], ["TR", "TD", "TD"]);
}

#[test]
fn xmp_is_in_step_with_info_and_claims_the_chosen_standard() {
    use pressroom::template::PdfStandard;
    let doc = seed_from_fixture();
    let mut t = un();
    let r = render(&doc, &t);
    let tagged = Tagged::load(&r.bytes);
    let xmp = tagged.xmp();
    let title = tagged.info("Title").expect("an Info title");
    assert!(xmp.contains(&format!("<rdf:li xml:lang=\"x-default\">{title}</rdf:li>")));
    assert!(xmp.contains("<pdfaid:part>2</pdfaid:part>"));
    assert!(xmp.contains("<pdfaid:conformance>A</pdfaid:conformance>"));
    assert!(xmp.contains("<pdfuaid:part>1</pdfuaid:part>"));
    assert!(xmp.contains("<rdf:li>en-GB</rdf:li>"));
    assert_eq!(
        tagged.info("CreationDate").as_deref(),
        Some("D:20201124000000Z")
    );
    assert!(xmp.contains("<xmp:CreateDate>2020-11-24T00:00:00Z</xmp:CreateDate>"));
    let producer = tagged.info("Producer").expect("a producer");
    assert!(xmp.contains(&format!("<pdf:Producer>{producer}</pdf:Producer>")));

    t.pdf.standard = PdfStandard::A2b;
    let b = Tagged::load(&render(&doc, &t).bytes).xmp();
    assert!(b.contains("<pdfaid:conformance>B</pdfaid:conformance>"));
    assert!(!b.contains("<pdfuaid:part>"), "no PDF/UA claim");
    t.pdf.standard = PdfStandard::None;
    let none = Tagged::load(&render(&doc, &t).bytes);
    assert!(!none.xmp().contains("<pdfaid:part>") && !none.xmp().contains("<pdfuaid:part>"));
    assert!(none.catalog().get(b"OutputIntents").is_err());
    assert!(
        none.catalog().get(b"StructTreeRoot").is_ok(),
        "still tagged"
    );
}

#[test]
fn outline_counts_every_visible_descendant() {
    let r = render(&structured(), &un());
    let pdf = lopdf::Document::load_mem(&r.bytes).expect("parses");
    let outlines = pdf
        .catalog()
        .and_then(|c| c.get(b"Outlines"))
        .and_then(|o| o.as_reference())
        .and_then(|id| pdf.get_dictionary(id))
        .expect("an outline");
    let item = |d: &lopdf::Dictionary, key: &[u8]| {
        d.get(key)
            .and_then(|o| o.as_reference())
            .and_then(|id| pdf.get_dictionary(id))
            .expect("an outline item")
            .clone()
    };
    let headline = item(outlines, b"First");
    // Headline ▸ Background ▸ Detail: the headline has two visible
    // descendants, Background one.
    assert_eq!(
        headline
            .get(b"Count")
            .and_then(|c| c.as_i64())
            .expect("Count"),
        2
    );
    let background = item(&headline, b"First");
    assert_eq!(
        background
            .get(b"Count")
            .and_then(|c| c.as_i64())
            .expect("Count"),
        1
    );
    assert_eq!(
        outlines
            .get(b"Count")
            .and_then(|c| c.as_i64())
            .expect("Count"),
        3
    );
}

/// A document holding one table of three columns: a header row, then names
/// and amounts.
fn amounts_table() -> Document {
    let mut doc = seed_from_fixture();
    let row = |cells: [&str; 3]| cells.iter().map(|c| text(c)).collect::<Vec<_>>();
    doc.body.push(Block::Table {
        rows: vec![
            row(["Item", "Cost", "Share"]),
            row(["Tents", "$1,200", "45%"]),
            row(["Water purification", "3.5", "(12)"]),
        ],
    });
    doc
}

/// Every text run of `layout` whose text is `s`, trimmed.
fn runs_of<'a>(
    layout: &'a pressroom::layout::frame::Layout,
    s: &str,
) -> Vec<&'a pressroom::layout::frame::TextRun> {
    layout
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|item| match item {
            Item::Text(run) if run.text.trim() == s => Some(run),
            _ => None,
        })
        .collect()
}

#[test]
fn table_amounts_are_right_aligned() {
    let t = un();
    let laid = pressroom::layout::layout(&amounts_table(), &t).expect("lays out");
    let left = t.page.margins.left.pt();
    let width = t.page.text_width();
    let (gap, cols) = (6.0, 3.0);
    let col_w = (width - gap * (cols - 1.0)) / cols;
    let right_edge = |c: f32| left + c * (col_w + gap) + col_w;
    for (cell, col) in [("$1,200", 1.0), ("3.5", 1.0), ("45%", 2.0), ("(12)", 2.0)] {
        let run = runs_of(&laid, cell);
        let run = run.first().unwrap_or_else(|| panic!("{cell} is printed"));
        let end = run.x + run.width();
        assert!(
            (end - right_edge(col)).abs() < 0.5,
            "{cell} ends at {end}, its column at {}",
            right_edge(col)
        );
    }
    let tents = runs_of(&laid, "Tents");
    assert!((tents[0].x - left).abs() < 0.5, "text stays flush left");
}

#[test]
fn a_table_header_row_is_bold() {
    let t = un();
    let laid = pressroom::layout::layout(&amounts_table(), &t).expect("lays out");
    let book = pressroom::layout::fonts::FontBook::new(&t).expect("fonts");
    let face = |s: &str| runs_of(&laid, s)[0].font;
    let bold = book.select(t.styles.table.font, true, false);
    let regular = book.select(t.styles.table.font, false, false);
    assert_ne!(bold, regular);
    assert_eq!(face("Cost"), bold, "the header row is bold");
    assert_eq!(face("Tents"), regular, "the other rows are not");
}

#[test]
fn handout_page_numbers_sit_on_the_outside_edge() {
    use pressroom::layout::frame::{Artifact, Tag};
    let t = template::resolve("handout").expect("bundled handout template");
    let laid = pressroom::layout::layout(&long_document(40), &t).unwrap();
    assert!(laid.pages.len() >= 3, "{} pages", laid.pages.len());
    let left = t.page.margins.left.pt();
    let right = t.page.dimensions().0.pt() - t.page.margins.right.pt();
    for (i, page) in laid.pages.iter().enumerate() {
        let number = (i + 1).to_string();
        let run = page
            .items
            .iter()
            .find_map(|item| match item {
                Item::Text(run)
                    if run.tag == Tag::Artifact(Artifact::Footer) && run.text == number =>
                {
                    Some(run)
                }
                _ => None,
            })
            .unwrap_or_else(|| panic!("page {number} is numbered in its foot"));
        let (from, to) = (run.x, run.x + run.width());
        if (i + 1) % 2 == 1 {
            assert!((to - right).abs() < 0.5, "odd page {number}: {from}..{to}");
        } else {
            assert!(
                (from - left).abs() < 0.5,
                "even page {number}: {from}..{to}"
            );
        }
    }
}
