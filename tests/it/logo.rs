//! The template's letterhead logo: loading errors that name the file, line
//! and key; the PDF image XObject (PNG with a soft mask, JPEG passed
//! through), drawn on first pages only and embedded once per file (handouts
//! too); the DOCX media part, relationship and picture size; words intact.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::render_common::docx::{text_of, unzip, unzip_media};
use crate::render_common::{model_text, out_dir, reader_text, seed};
use lopdf::{Dictionary, Object, ObjectId};
use pressroom::handout;
use pressroom::layout::frame::Item;
use pressroom::model::{Block, Document};
use pressroom::render::RenderOptions;
use pressroom::template::{self, Template};
use pressroom::words::{first_missing_in_order, words};

/// Width and height of the generated PNG.
const PNG_SIZE: (u32, u32) = (60, 40);
/// Width and height of `tests/fixtures/logo.jpg`.
const JPEG_SIZE: (u32, u32) = (64, 32);
/// The logo height the tests use, in points (15 mm).
const LOGO_HEIGHT: f32 = 15.0 * 72.0 / 25.4;

/// An RGBA PNG: a blue disc on a transparent ground.
fn png_with_alpha() -> Vec<u8> {
    let (w, h) = PNG_SIZE;
    let mut pixels = Vec::with_capacity((w * h * 4) as usize);
    for y in 0..h {
        for x in 0..w {
            let (dx, dy) = (x as f32 - 30.0, y as f32 - 20.0);
            let inside = dx * dx + dy * dy < 18.0 * 18.0;
            pixels.extend_from_slice(&[0, 92, 153, if inside { 255 } else { 0 }]);
        }
    }
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, w, h);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().expect("PNG header");
    writer.write_image_data(&pixels).expect("PNG data");
    writer.finish().expect("PNG end");
    out
}

fn jpeg() -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/logo.jpg");
    std::fs::read(path).expect("tests/fixtures/logo.jpg")
}

/// The bundled `un` template with its commented logo line turned on, written
/// into a fresh folder next to `file` (named `name`). Returns the folder, the
/// template path and the logo key's line.
fn un_with_logo(name: &str, file: &[u8]) -> (tempfile::TempDir, PathBuf, usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    let source = template::bundled("un").expect("un").source;
    let commented = "# logo = \"emblem.png\"";
    let line = source
        .lines()
        .position(|l| l.starts_with(commented))
        .expect("un.toml has a commented logo line")
        + 1;
    let source = source
        .replace(commented, &format!("logo = \"{name}\""))
        .replace("logo_height = \"12mm\"", "logo_height = \"15mm\"");
    let path = dir.path().join("house.toml");
    std::fs::write(&path, source).expect("write template");
    std::fs::write(dir.path().join(name), file).expect("write logo");
    (dir, path, line)
}

fn load(path: &Path) -> Template {
    template::load(path).expect("template with logo loads")
}

fn pdf(doc: &Document, t: &Template) -> Vec<u8> {
    pressroom::render::pdf::render(doc, t, &RenderOptions::default())
        .expect("renders")
        .bytes
}

fn docx(doc: &Document, t: &Template) -> Vec<u8> {
    pressroom::render::docx::render(doc, t, &RenderOptions::default())
        .expect("renders")
        .bytes
}

/// The seed with its body repeated, to run over several pages.
fn long_seed() -> Document {
    let mut doc = seed();
    let body: Vec<Block> = doc.body.clone();
    for _ in 0..6 {
        doc.body.extend(body.iter().cloned());
    }
    doc
}

fn dict<'a>(pdf: &'a lopdf::Document, object: &'a Object) -> &'a Dictionary {
    match object {
        Object::Reference(id) => pdf.get_dictionary(*id).expect("dictionary"),
        Object::Dictionary(d) => d,
        other => panic!("not a dictionary: {other:?}"),
    }
}

/// The image XObjects a page's resources name: (name, object id).
fn page_xobjects(pdf: &lopdf::Document, page: ObjectId) -> Vec<(String, ObjectId)> {
    let page = pdf.get_dictionary(page).expect("page");
    let resources = dict(pdf, page.get(b"Resources").expect("resources"));
    let Ok(xobjects) = resources.get(b"XObject") else {
        return Vec::new();
    };
    dict(pdf, xobjects)
        .iter()
        .map(|(k, v)| {
            (
                String::from_utf8_lossy(k).into_owned(),
                v.as_reference().expect("XObject by reference"),
            )
        })
        .collect()
}

/// Every `/Subtype /Image` stream of the file.
fn image_streams(pdf: &lopdf::Document) -> Vec<ObjectId> {
    pdf.objects
        .iter()
        .filter(|(_, o)| {
            o.as_stream().is_ok_and(|s| {
                s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image")
            })
        })
        .map(|(id, _)| *id)
        .collect()
}

fn int(d: &Dictionary, key: &str) -> i64 {
    d.get(key.as_bytes())
        .and_then(Object::as_i64)
        .unwrap_or_else(|_| panic!("/{key}"))
}

fn name<'a>(d: &'a Dictionary, key: &str) -> &'a str {
    std::str::from_utf8(
        d.get(key.as_bytes())
            .and_then(Object::as_name)
            .unwrap_or_else(|_| panic!("/{key}")),
    )
    .expect("ASCII name")
}

/// The `w h x y` of every `w 0 0 h x y cm /Im… Do` on a page.
fn draws(pdf: &lopdf::Document, page: ObjectId) -> Vec<[f32; 4]> {
    let content = pdf.get_page_content(page);
    let text = String::from_utf8_lossy(&content);
    let mut out = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        if line.starts_with("/Im") && line.ends_with(" Do") {
            let m: Vec<f32> = lines[i - 1]
                .split_whitespace()
                .filter_map(|n| n.parse().ok())
                .collect();
            assert_eq!(m.len(), 6, "matrix before Do: {}", lines[i - 1]);
            out.push([m[0], m[3], m[4], m[5]]);
        }
    }
    out
}

fn qpdf_check(bytes: &[u8], file: &str) {
    let path = out_dir().join(file);
    std::fs::write(&path, bytes).expect("write PDF");
    if crate::common::tool_or_skip("qpdf", &format!("qpdf --check of {file}")) {
        let out = Command::new("qpdf")
            .arg("--check")
            .arg(&path)
            .output()
            .expect("qpdf runs");
        assert!(
            out.status.success(),
            "qpdf --check {file}:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

fn assert_words(doc: &Document, text: &str, what: &str) {
    let expected = words(&model_text(doc));
    let actual = words(text);
    if let Some(i) = first_missing_in_order(&expected, &actual) {
        panic!("{what}: word {i} '{}' missing from:\n{text}", expected[i]);
    }
}

#[test]
fn missing_logo_is_a_template_error_naming_file_line_and_key() {
    let (dir, path, line) = un_with_logo("emblem.png", b"");
    std::fs::remove_file(dir.path().join("emblem.png")).expect("remove");
    let err = template::load(&path).unwrap_err().to_string();
    let prefix = format!("{}:{line}: logo: cannot read ", path.display());
    assert!(err.starts_with(&prefix), "{err}");
    assert!(err.contains("emblem.png"), "{err}");
}

#[test]
fn non_image_logo_is_a_template_error_naming_file_line_and_key() {
    let (_dir, path, line) =
        un_with_logo("emblem.png", b"<svg xmlns='http://www.w3.org/2000/svg'/>");
    let err = template::load(&path).unwrap_err().to_string();
    assert!(
        err.starts_with(&format!("{}:{line}: logo: ", path.display())),
        "{err}"
    );
    assert!(err.ends_with("not a PNG or JPEG image"), "{err}");
    // A PNG signature over broken data is refused when loading, not drawing.
    let (_dir, path, line) = un_with_logo("emblem.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let err = template::load(&path).unwrap_err().to_string();
    assert!(
        err.starts_with(&format!("{}:{line}: logo: ", path.display())) && err.contains("PNG"),
        "{err}"
    );
}

#[test]
fn bad_logo_exits_with_the_template_status() {
    let (dir, path, line) = un_with_logo("emblem.jpg", b"GIF89a");
    let input = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sgsm20447.txt");
    let out = Command::new(env!("CARGO_BIN_EXE_pressroom"))
        .arg("convert")
        .arg(&input)
        .arg("-o")
        .arg(dir.path().join("out"))
        .arg("--template")
        .arg(&path)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with(&format!("{}:{line}: error: logo: ", path.display())),
        "{stderr}"
    );
}

#[test]
fn logo_sits_top_left_and_letterhead_lines_move_beside_it() {
    let (_dir, path, _) = un_with_logo("emblem.png", &png_with_alpha());
    let t = load(&path);
    let laid = pressroom::layout::layout(&seed(), &t).expect("lays out");
    assert!(
        laid.diagnostics.iter().all(|d| d.code != "logo-skipped"),
        "{:?}",
        laid.diagnostics
    );
    let first = &laid.pages[0];
    let images: Vec<_> = first
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Image(b) => Some(b),
            _ => None,
        })
        .collect();
    assert_eq!(images.len(), 1);
    let logo = images[0];
    let margins = &t.page.margins;
    assert!((logo.x - margins.left.pt()).abs() < 0.01);
    assert!((logo.y - margins.top.pt()).abs() < 0.01);
    assert!((logo.height - LOGO_HEIGHT).abs() < 0.01);
    let aspect = PNG_SIZE.0 as f32 / PNG_SIZE.1 as f32;
    assert!((logo.width - LOGO_HEIGHT * aspect).abs() < 0.01);
    let line_x = first
        .items
        .iter()
        .find_map(|i| match i {
            Item::Text(r) if r.text.contains("UNITED") => Some(r.x),
            _ => None,
        })
        .expect("first letterhead line");
    let gap = line_x - (logo.x + logo.width);
    assert!(
        (2.5 * 72.0 / 25.4..=4.0 * 72.0 / 25.4).contains(&gap),
        "gap {gap}"
    );
    // The rule under the letterhead clears the logo.
    let rule_y = first
        .items
        .iter()
        .find_map(|i| match i {
            Item::Rule(r) => Some(r.from.1),
            _ => None,
        })
        .expect("letterhead rule");
    assert!(rule_y > logo.y + logo.height, "rule at {rule_y}");
    // Continuation pages carry no logo.
    let long = pressroom::layout::layout(&long_seed(), &t).expect("lays out");
    assert!(long.pages.len() > 1);
    for page in &long.pages[1..] {
        assert!(!page.items.iter().any(|i| matches!(i, Item::Image(_))));
    }
}

#[test]
fn pdf_embeds_png_logo_once_with_soft_mask_on_the_first_page() {
    let (_dir, path, _) = un_with_logo("emblem.png", &png_with_alpha());
    let t = load(&path);
    let doc = long_seed();
    let bytes = pdf(&doc, &t);
    assert_eq!(bytes, pdf(&doc, &t.clone()), "deterministic");
    qpdf_check(&bytes, "logo-png.pdf");
    let file = lopdf::Document::load_mem(&bytes).expect("parses");
    let pages = file.get_pages();
    assert!(pages.len() > 1);
    let first = pages[&1];
    let xobjects = page_xobjects(&file, first);
    assert_eq!(xobjects.len(), 1, "{xobjects:?}");
    let (ref res_name, id) = xobjects[0];
    let image = &file.get_object(id).unwrap().as_stream().unwrap().dict;
    assert_eq!(name(image, "Subtype"), "Image");
    assert_eq!(int(image, "Width"), i64::from(PNG_SIZE.0));
    assert_eq!(int(image, "Height"), i64::from(PNG_SIZE.1));
    assert_eq!(name(image, "ColorSpace"), "DeviceRGB");
    assert_eq!(int(image, "BitsPerComponent"), 8);
    assert_eq!(name(image, "Filter"), "FlateDecode");
    let mask_id = image.get(b"SMask").unwrap().as_reference().unwrap();
    let mask = file.get_object(mask_id).unwrap().as_stream().unwrap();
    assert_eq!(name(&mask.dict, "ColorSpace"), "DeviceGray");
    assert_eq!(int(&mask.dict, "Width"), i64::from(PNG_SIZE.0));
    // The mask holds the disc: opaque centre, transparent corner.
    let alpha = mask.decompressed_content().expect("inflates");
    assert_eq!(alpha.len(), (PNG_SIZE.0 * PNG_SIZE.1) as usize);
    assert_eq!(alpha[(20 * PNG_SIZE.0 + 30) as usize], 255);
    assert_eq!(alpha[0], 0);
    // Image and mask are the file's only images.
    let mut all = image_streams(&file);
    all.sort();
    let mut expected = vec![id, mask_id];
    expected.sort();
    assert_eq!(all, expected);
    // Drawn once, on page 1 only, at the logo's size.
    let d = draws(&file, first);
    assert_eq!(d.len(), 1);
    let [w, h, _, y] = d[0];
    assert!((h - LOGO_HEIGHT).abs() < 0.01, "{h}");
    assert!((w / h - PNG_SIZE.0 as f32 / PNG_SIZE.1 as f32).abs() < 0.001);
    let top = t.page.dimensions().1.pt() - t.page.margins.top.pt();
    assert!((y + h - top).abs() < 0.01, "top edge {}", y + h);
    let content = file.get_page_content(first);
    assert!(String::from_utf8_lossy(&content).contains(&format!("/{res_name} Do")));
    for (&n, &page) in pages.iter().skip(1) {
        assert!(draws(&file, page).is_empty(), "page {n} draws the logo");
    }
    // The logo adds no text.
    assert_words(&doc, &reader_text(&bytes, "logo-png-text.pdf"), "PDF");
}

#[test]
fn pdf_passes_jpeg_logo_through_as_dct() {
    let logo = jpeg();
    let (_dir, path, _) = un_with_logo("emblem.jpg", &logo);
    let t = load(&path);
    let bytes = pdf(&seed(), &t);
    qpdf_check(&bytes, "logo-jpeg.pdf");
    let file = lopdf::Document::load_mem(&bytes).expect("parses");
    let images = image_streams(&file);
    assert_eq!(images.len(), 1);
    let stream = file.get_object(images[0]).unwrap().as_stream().unwrap();
    assert_eq!(name(&stream.dict, "Filter"), "DCTDecode");
    assert_eq!(name(&stream.dict, "ColorSpace"), "DeviceRGB");
    assert_eq!(int(&stream.dict, "Width"), i64::from(JPEG_SIZE.0));
    assert_eq!(int(&stream.dict, "Height"), i64::from(JPEG_SIZE.1));
    assert!(stream.dict.get(b"SMask").is_err());
    assert_eq!(stream.content, logo, "the JPEG file itself");
    assert_eq!(draws(&file, file.get_pages()[&1]).len(), 1);
}

#[test]
fn handout_of_three_releases_embeds_the_logo_once() {
    let (_dir, path, _) = un_with_logo("emblem.jpg", &jpeg());
    let t = load(&path);
    let mut docs = vec![seed(), long_seed(), seed()];
    docs[2].meta.symbols[0].raw = "SG/SM/3".into();
    let pack = handout::build(&docs, &t, &handout::Options::default()).expect("builds");
    let bytes = handout::pdf(&pack, None).expect("writes");
    qpdf_check(&bytes, "logo-handout.pdf");
    let file = lopdf::Document::load_mem(&bytes).expect("parses");
    assert_eq!(image_streams(&file).len(), 1, "one image XObject");
    let pages = file.get_pages();
    // The cover and each release's first page carry the letterhead.
    let mut expected: Vec<usize> = vec![1];
    expected.extend(pack.contents.iter().map(|e| e.page));
    let drawn: Vec<usize> = pages
        .iter()
        .filter(|(_, id)| {
            let d = draws(&file, **id);
            assert!(d.len() <= 1);
            !d.is_empty()
        })
        .map(|(n, _)| *n as usize)
        .collect();
    assert_eq!(drawn, expected);
    assert_eq!(pack.contents.len(), 3);
}

#[test]
fn docx_holds_the_logo_in_the_first_page_header() {
    let logo = png_with_alpha();
    let (_dir, path, _) = un_with_logo("emblem.png", &logo);
    let t = load(&path);
    let doc = seed();
    let bytes = docx(&doc, &t);
    assert_eq!(bytes, docx(&doc, &t.clone()), "deterministic");
    let media = unzip_media(&bytes);
    assert_eq!(media.keys().collect::<Vec<_>>(), ["word/media/logo.png"]);
    assert_eq!(media["word/media/logo.png"], logo);
    let parts = unzip(&bytes);
    assert!(
        parts["[Content_Types].xml"]
            .contains("<Default Extension=\"png\" ContentType=\"image/png\"/>")
    );
    // The first-page header (w:titlePg → rIdHeader2 → header2.xml) relates the image.
    let document = &parts["word/document.xml"];
    assert!(document.contains("<w:headerReference w:type=\"first\" r:id=\"rIdHeader2\"/>"));
    assert!(document.contains("<w:titlePg/>"));
    assert!(
        parts["word/_rels/document.xml.rels"]
            .contains("Id=\"rIdHeader2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header2.xml\"")
    );
    let rels = &parts["word/_rels/header2.xml.rels"];
    assert!(
        rels.contains("Id=\"rIdLogo\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"media/logo.png\""),
        "{rels}"
    );
    let header = &parts["word/header2.xml"];
    let first_paragraph = &header[header.find("<w:p>").unwrap()..header.find("</w:p>").unwrap()];
    assert!(first_paragraph.contains("<wp:inline"), "{first_paragraph}");
    assert!(first_paragraph.contains("<a:blip r:embed=\"rIdLogo\"/>"));
    // 15 mm tall, the PNG's 3:2 aspect: 540000 × 810000 EMU.
    let cy = (LOGO_HEIGHT * 12_700.0).round() as u64;
    let cx = (LOGO_HEIGHT * 12_700.0 * PNG_SIZE.0 as f32 / PNG_SIZE.1 as f32).round() as u64;
    assert_eq!(cy, 540_000);
    assert_eq!(cx, 810_000);
    assert!(header.contains(&format!("<wp:extent cx=\"{cx}\" cy=\"{cy}\"/>")));
    assert!(header.contains(&format!("<a:ext cx=\"{cx}\" cy=\"{cy}\"/>")));
    // No other part holds a drawing; the header still reads as its letterhead.
    assert!(!parts["word/header1.xml"].contains("<w:drawing>"));
    let text = text_of(header);
    assert!(text.contains("UNITED NATIONS"), "{text}");
    assert!(text.contains("Press Release"), "{text}");
    let body = text_of(document);
    assert_words(&doc, &body, "DOCX");
}

#[test]
fn docx_jpeg_logo_and_template_cache_follow_the_logo() {
    let (_dir, path, _) = un_with_logo("emblem.jpg", &jpeg());
    let with_jpeg = load(&path);
    let (_dir2, path2, _) = un_with_logo("emblem.png", &png_with_alpha());
    let with_png = load(&path2);
    let doc = seed();
    let a = docx(&doc, &with_jpeg);
    let b = docx(&doc, &with_png);
    assert_eq!(
        unzip_media(&a).keys().collect::<Vec<_>>(),
        ["word/media/logo.jpeg"]
    );
    assert!(
        unzip(&a)["[Content_Types].xml"].contains("Extension=\"jpeg\" ContentType=\"image/jpeg\"")
    );
    assert_eq!(
        unzip_media(&b).keys().collect::<Vec<_>>(),
        ["word/media/logo.png"]
    );
    // The bundled template (no logo) writes no media, no header relationships.
    let plain = docx(&doc, &template::resolve("un").unwrap());
    assert!(unzip_media(&plain).is_empty());
    let parts = unzip(&plain);
    assert!(!parts.contains_key("word/_rels/header2.xml.rels"));
    assert!(!parts["[Content_Types].xml"].contains("image/"));
    assert!(!parts["word/header2.xml"].contains("<w:drawing>"));
    // A template value with the same logo read again is the same package.
    assert_eq!(a, docx(&doc, &load(&path)));
}
