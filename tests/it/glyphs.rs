//! No character is drawn as a box: the glyphs a PDF actually shows, read
//! from its content streams, are never .notdef (glyph 0) and never the
//! replacement glyph drawn for a character no font has (its ToUnicode text
//! is U+FFFD), unless the input itself holds U+FFFD. The text layer alone
//! cannot tell: it keeps the characters even when the page shows boxes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use lopdf::{Dictionary, Document, Object};
use pressroom::batch::{self, Options};
use pressroom::render::Format;
use pressroom::template;

fn options() -> Options {
    Options::in_memory(
        batch::Templates::fixed(template::resolve("un").expect("bundled"), "un"),
        &[Format::Pdf],
    )
}

/// One Type0 font of the PDF: CID → glyph id and CID → text.
struct FontMap {
    name: String,
    /// `None` for /Identity.
    cid_to_gid: Option<Vec<u16>>,
    to_unicode: BTreeMap<u16, String>,
}

impl FontMap {
    fn read(doc: &Document, font: &Dictionary) -> FontMap {
        let name = font
            .get(b"BaseFont")
            .and_then(Object::as_name)
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .unwrap_or_default();
        let descendant = font
            .get(b"DescendantFonts")
            .and_then(Object::as_array)
            .ok()
            .and_then(|a| a.first())
            .and_then(|o| doc.dereference(o).ok())
            .and_then(|(_, o)| o.as_dict().ok());
        let cid_to_gid = descendant
            .and_then(|d| d.get(b"CIDToGIDMap").ok())
            .and_then(|o| doc.dereference(o).ok())
            .and_then(|(_, o)| o.as_stream().ok())
            .map(|s| {
                let data = s
                    .decompressed_content()
                    .unwrap_or_else(|_| s.content.clone());
                data.chunks(2)
                    .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                    .collect()
            });
        let to_unicode = font
            .get(b"ToUnicode")
            .ok()
            .and_then(|o| doc.dereference(o).ok())
            .and_then(|(_, o)| o.as_stream().ok())
            .map(|s| {
                let data = s
                    .decompressed_content()
                    .unwrap_or_else(|_| s.content.clone());
                parse_cmap(&String::from_utf8_lossy(&data))
            })
            .unwrap_or_default();
        FontMap {
            name,
            cid_to_gid,
            to_unicode,
        }
    }

    fn gid(&self, cid: u16) -> u16 {
        match &self.cid_to_gid {
            None => cid,
            Some(map) => map.get(cid as usize).copied().unwrap_or(0),
        }
    }
}

fn hex_utf16(hex: &str) -> String {
    let units: Vec<u16> = hex
        .as_bytes()
        .chunks(4)
        .filter_map(|c| u16::from_str_radix(std::str::from_utf8(c).ok()?, 16).ok())
        .collect();
    String::from_utf16_lossy(&units)
}

/// The bfchar entries of a ToUnicode CMap (bfrange too, single-destination).
fn parse_cmap(text: &str) -> BTreeMap<u16, String> {
    let mut out = BTreeMap::new();
    let mut mode = "";
    for line in text.lines() {
        let line = line.trim();
        if line.ends_with("beginbfchar") {
            mode = "char";
            continue;
        }
        if line.ends_with("beginbfrange") {
            mode = "range";
            continue;
        }
        if line.starts_with("end") {
            mode = "";
            continue;
        }
        let hexes: Vec<&str> = line
            .split(['<', '>'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        match (mode, hexes.as_slice()) {
            ("char", [code, dst]) => {
                if let Ok(code) = u16::from_str_radix(code, 16) {
                    out.insert(code, hex_utf16(dst));
                }
            }
            ("range", [lo, hi, dst]) => {
                let (Ok(lo), Ok(hi)) = (u16::from_str_radix(lo, 16), u16::from_str_radix(hi, 16))
                else {
                    continue;
                };
                let base: Vec<u16> = hex_utf16(dst).encode_utf16().collect();
                for (k, code) in (lo..=hi).enumerate() {
                    let mut units = base.clone();
                    if let Some(last) = units.last_mut() {
                        *last = last.wrapping_add(k as u16);
                    }
                    out.insert(code, String::from_utf16_lossy(&units));
                }
            }
            _ => {}
        }
    }
    out
}

/// A glyph a page shows that it should not, described for the failure.
fn bad_glyphs(pdf: &[u8], allow_replacement: bool) -> Vec<String> {
    let doc = Document::load_mem(pdf).expect("PDF loads");
    let mut bad = Vec::new();
    for (number, page) in doc.get_pages() {
        let fonts: BTreeMap<Vec<u8>, FontMap> = doc
            .get_page_fonts(page)
            .unwrap_or_default()
            .into_iter()
            .map(|(n, f)| (n, FontMap::read(&doc, f)))
            .collect();
        let content =
            lopdf::content::Content::decode(&doc.get_page_content(page)).expect("content decodes");
        let mut current: Option<&FontMap> = None;
        for op in &content.operations {
            match op.operator.as_str() {
                "Tf" => {
                    current = op
                        .operands
                        .first()
                        .and_then(|o| o.as_name().ok())
                        .and_then(|n| fonts.get(n));
                }
                "Tj" | "TJ" | "'" | "\"" => {
                    let Some(font) = current else {
                        bad.push(format!("page {number}: text shown with no font"));
                        continue;
                    };
                    for cid in shown_cids(&op.operands) {
                        let text = font.to_unicode.get(&cid).cloned().unwrap_or_default();
                        if font.gid(cid) == 0 {
                            bad.push(format!(
                                "page {number}: .notdef in {} ({text:?})",
                                font.name
                            ));
                        } else if text.contains('\u{FFFD}') && !allow_replacement {
                            bad.push(format!(
                                "page {number}: replacement glyph (a box) in {}",
                                font.name
                            ));
                        } else if text.is_empty() {
                            bad.push(format!(
                                "page {number}: glyph {cid} of {} has no ToUnicode text",
                                font.name
                            ));
                        }
                    }
                }
                _ => {}
            }
        }
    }
    bad.sort();
    bad.dedup();
    bad
}

/// The two-byte codes (Identity-H CIDs) of a text-showing operation.
fn shown_cids(operands: &[Object]) -> Vec<u16> {
    let mut bytes = Vec::new();
    for o in operands {
        match o {
            Object::String(s, _) => bytes.extend_from_slice(s),
            Object::Array(items) => {
                for i in items {
                    if let Object::String(s, _) = i {
                        bytes.extend_from_slice(s);
                    }
                }
            }
            _ => {}
        }
    }
    bytes
        .chunks(2)
        .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
        .collect()
}

/// Converts `text` to PDF; the bytes and the missing-glyph warnings.
fn pdf_of(text: &str, name: &str) -> (Vec<u8>, Vec<String>) {
    let converted = batch::convert_bytes(text.as_bytes(), name, &options()).expect("converts");
    let warnings = converted
        .document
        .diagnostics
        .iter()
        .chain(
            converted
                .renditions
                .iter()
                .flat_map(|(_, r)| r.diagnostics.iter()),
        )
        .filter(|d| d.code == "missing-glyph")
        .map(|d| d.message.clone())
        .collect();
    let pdf = converted
        .renditions
        .into_iter()
        .find(|(f, _)| matches!(f, Format::Pdf))
        .expect("a PDF")
        .1
        .bytes;
    (pdf, warnings)
}

fn assert_no_boxes(text: &str, name: &str) -> Vec<String> {
    let (pdf, warnings) = pdf_of(text, name);
    let bad = bad_glyphs(&pdf, text.contains('\u{FFFD}'));
    assert!(bad.is_empty(), "{name}: {bad:#?}\nwarnings: {warnings:#?}");
    warnings
}

#[test]
fn arabic_is_drawn_not_boxed() {
    let text = "الأمم المتحدة\n\nنيويورك، 24 تشرين الثاني/نوفمبر 2020 — قال الأمين العام \
                إن السلام والأمن الدوليين مسؤولية مشتركة لا تتجزأ.\n";
    let warnings = assert_no_boxes(text, "arabic.txt");
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn chinese_is_drawn_not_boxed() {
    let text = "联合国新闻稿\n\n2019年09月24日，纽约——秘书长今天表示，气候变化是我们这个时代\
                的决定性问题，各国必须立即采取行动。破旧立新。\n";
    let warnings = assert_no_boxes(text, "chinese.txt");
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn white_house_symbols_and_emoji_are_drawn_without_warnings() {
    let text = "The President's Plan\n\n\u{25E6} Lower costs \u{2705} at the pump \u{26FD}, \
                fly \u{2708}\u{FE0F} home \u{1F3E1}, growth \u{1F4C8}, savings \u{1F4B0}, \
                and \u{221A}2 is irrational.\n";
    let warnings = assert_no_boxes(text, "symbols.txt");
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn a_replacement_character_in_the_input_may_be_drawn() {
    assert_no_boxes("Broken byte: \u{FFFD} here.\n", "fffd.txt");
}

use crate::common::i18n_corpus_or_skip;

#[test]
fn no_file_of_the_i18n_corpus_draws_a_box() {
    let Some(dir) = i18n_corpus_or_skip("no_file_of_the_i18n_corpus_draws_a_box") else {
        return;
    };
    let mut files: Vec<PathBuf> = walk(&dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no .txt files in {}", dir.display());
    let mut failures = Vec::new();
    for path in &files {
        let bytes = std::fs::read(path).expect("reads");
        let text = String::from_utf8_lossy(&bytes);
        let converted = match batch::convert_bytes(&bytes, &path.to_string_lossy(), &options()) {
            Ok(c) => c,
            Err(e) => {
                failures.push(format!("{}: {e}", path.display()));
                continue;
            }
        };
        for (format, rendered) in &converted.renditions {
            if matches!(format, Format::Pdf) {
                let bad = bad_glyphs(&rendered.bytes, text.contains('\u{FFFD}'));
                if let Some(first) = bad.first() {
                    failures.push(format!(
                        "{}: {first} (and {} more)",
                        path.display(),
                        bad.len() - 1
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
