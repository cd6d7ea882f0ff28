//! The PDF rendition of the seed release: words in order (read back with a
//! real PDF reader), exact characters, page size and count, geometry from
//! the layout model, determinism across runs and threads, missing glyphs,
//! links and outline.

mod render_common;

use pressroom::layout::frame::Item;
use pressroom::model::{Block, Document, Inline};
use pressroom::render::RenderOptions;
use pressroom::template::{self, Template};
use pressroom::words::{first_missing_in_order, words};
use render_common::{extract_text, model_text, reader_text, seed};

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
        content: vec![Inline::text("The character \u{4E2D} means middle.")],
    });
    let r = render(&doc, &un());
    let warning = r
        .diagnostics
        .iter()
        .find(|d| d.code == "missing-glyph")
        .expect("missing-glyph warning");
    assert!(warning.message.contains("U+4E2D"), "{}", warning.message);
    assert!(warning.message.contains("paragraph"), "{}", warning.message);
    let text = reader_text(&r.bytes, "missing-glyph.pdf");
    assert!(
        text.contains('\u{4E2D}'),
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
/// long release from the corpus, in every bundled template.
#[test]
fn pictures_sources_render() {
    let dir = render_common::out_dir().join("pictures");
    std::fs::create_dir_all(&dir).unwrap();
    let long_path = render_common::corpus()
        .join("whitehouse-briefing-room/2021-01-22-fact-sheet-president-bidens-new-executive-actions-deliver-economic-relief-for-american-fa-91abe4f3.txt");
    let long = std::fs::read(&long_path)
        .ok()
        .and_then(|b| pressroom::read_document(&b, "long.txt").ok());
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
