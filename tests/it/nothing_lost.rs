//! Nothing is lost, measured from the input: every word of every fixture and
//! sample input (less what `pressroom::coverage` lists as legitimately not
//! printed) is in every rendition, in every bundled template, read back the
//! way a reader reads it: the text file as is, the PDF with pdftotext, the
//! DOCX with its list numbering counted as Word draws it, the JSON's strings.
//! The corpus gets the same check in `tests/conformance.sh`.

use std::path::PathBuf;

use crate::render_common::docx::{reader_text as docx_text, unzip};
use crate::render_common::reader_text as pdf_text;
use pressroom::batch::{self, Converted, Options};
use pressroom::coverage::Expected;
use pressroom::render::Format;

fn inputs() -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<PathBuf> = ["input", "tests/fixtures"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(root.join(dir)).expect("folder"))
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

fn convert(path: &PathBuf, template: &str) -> Converted {
    let options = Options::in_memory(
        pressroom::batch::Templates::fixed(
            pressroom::template::resolve(template).expect("bundled template"),
            template,
        ),
        &Format::ALL,
    );
    let bytes = std::fs::read(path).expect("read");
    batch::convert_bytes(&bytes, &path.display().to_string(), &options)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The JSON rendition read back as the model: the metadata's strings, then
/// the body's text (inline runs joined as the renditions print them), the
/// list labels.
fn json_text(bytes: &[u8]) -> String {
    let doc: pressroom::Document = serde_json::from_slice(bytes).expect("JSON reads as the model");
    crate::common::json_model_text(&doc)
}

/// How a reader reads one rendition.
fn read_back(format: Format, bytes: &[u8], name: &str) -> String {
    match format {
        Format::Txt => String::from_utf8(bytes.to_vec()).expect("UTF-8"),
        Format::Pdf => pdf_text(bytes, name),
        Format::Docx => docx_text(&unzip(bytes)),
        Format::Json => json_text(bytes),
    }
}

#[test]
fn every_input_word_is_in_every_rendition_in_every_template() {
    let mut checked = 0;
    for path in inputs() {
        for template in ["un", "release", "handout"] {
            let converted = convert(&path, template);
            let expected = Expected::from_input(&converted.normalized_text, &converted.document);
            let stem = path.file_stem().expect("stem").to_string_lossy();
            for (format, rendered) in &converted.renditions {
                let name = format!("nothing-lost-{stem}-{template}.{}", format.extension());
                let coverage = expected.check(&read_back(*format, &rendered.bytes, &name));
                assert!(
                    coverage.is_complete(),
                    "{name}: {} of {} words missing ({:?}), out of order: {:?}",
                    coverage.missing.len(),
                    coverage.expected,
                    &coverage.missing[..coverage.missing.len().min(10)],
                    coverage.out_of_order
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 14 * 3 * 4, "{checked} renditions checked");
}

#[test]
fn the_vienna_daily_news_header_is_printed_not_dropped() {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/unis-vienna-daily-news.txt");
    let converted = convert(&path, "un");
    let txt = read_back(Format::Txt, &converted.renditions[2].1.bytes, "vienna.txt");
    assert!(
        txt.contains("Office: UN Information Service Vienna"),
        "{txt}"
    );
    assert!(txt.contains("Categories: Daily News"), "{txt}");
    let docx = read_back(
        Format::Docx,
        &converted.renditions[1].1.bytes,
        "vienna.docx",
    );
    assert!(
        docx.contains("Office: UN Information Service Vienna"),
        "{docx}"
    );
}

#[test]
fn front_matter_values_and_irregular_list_numbers_are_kept() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/front-matter-metadata-and-irregular-numbers.txt");
    let converted = convert(&path, "release");
    for (format, rendered) in &converted.renditions {
        let name = format!("front-matter.{}", format.extension());
        let text = read_back(*format, &rendered.bytes, &name);
        for needle in ["116", "175", "statements-releases", "22:30:05"] {
            assert!(text.contains(needle), "{name} lacks {needle:?}:\n{text}");
        }
    }
}

#[test]
fn check_fails_when_a_header_line_of_the_input_is_missing() {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/unis-vienna-daily-news.txt");
    let converted = convert(&path, "un");
    let expected = Expected::from_input(&converted.normalized_text, &converted.document);
    let txt = String::from_utf8(converted.renditions[2].1.bytes.clone()).expect("UTF-8");
    let without = txt.replace("Office: UN Information Service Vienna", "");
    let coverage = expected.check(&without);
    // "Information" and the other "UN … Service" stand elsewhere on the page.
    assert_eq!(
        coverage.missing,
        ["vienna", "un", "service"],
        "{coverage:?}"
    );
}
