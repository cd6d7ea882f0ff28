//! Golden renditions: the sample inputs' TXT and JSON renditions, the PDF's
//! text positions (from the layout the PDF writer draws, one line per text
//! run: page, x, y, size, text) and the DOCX's `word/document.xml`, compared
//! byte for byte with the files in `tests/golden/`. The README's "Before and
//! after" sample is the seed's golden TXT, so it cannot drift either.
//!
//! After an intended change: `PRESSROOM_BLESS=1 cargo test --release --test it
//! golden::` rewrites the golden files and the README sample; review the diff.

use std::path::{Path, PathBuf};

use crate::render_common::docx::unzip;
use pressroom::render::RenderOptions;
use pressroom::template::Template;

/// The inputs with golden renditions (in `input/`), and their template.
const SAMPLES: [(&str, &str); 3] = [
    ("sgsm20447", "un"),
    ("readout", "release"),
    ("fact-sheet-nested-bullets", "release"),
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn bless() -> bool {
    std::env::var_os("PRESSROOM_BLESS").is_some_and(|v| v == "1")
}

/// Compares `actual` with the golden file `name`, or writes it when blessing.
/// Returns a description of the difference.
fn compare(name: &str, actual: &str) -> Option<String> {
    let path = root().join("tests/golden").join(name);
    if bless() {
        std::fs::create_dir_all(path.parent().expect("folder")).expect("create tests/golden");
        std::fs::write(&path, actual).expect("write golden file");
        return None;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if expected == actual {
        return None;
    }
    let line = expected
        .lines()
        .zip(actual.lines())
        .position(|(a, b)| a != b)
        .unwrap_or(expected.lines().count().min(actual.lines().count()));
    Some(format!(
        "{}: differs from line {} (expected {:?}, got {:?}); after an intended change, \
         PRESSROOM_BLESS=1 rewrites it",
        path.display(),
        line + 1,
        expected.lines().nth(line),
        actual.lines().nth(line)
    ))
}

/// One line per text run of every page: page, x, y, size (0.01 pt), text.
fn pdf_positions(doc: &pressroom::Document, template: &Template) -> String {
    let layout = pressroom::layout::layout(doc, template).expect("lays out");
    let mut out = String::new();
    for (n, page) in layout.pages.iter().enumerate() {
        for item in &page.items {
            if let pressroom::layout::frame::Item::Text(run) = item {
                out.push_str(&format!(
                    "{} {:.2} {:.2} {:.2} {}\n",
                    n + 1,
                    run.x,
                    run.y,
                    run.size,
                    run.text
                ));
            }
        }
    }
    out
}

fn renditions(stem: &str, template_name: &str) -> Vec<(String, String)> {
    let path = root().join("input").join(format!("{stem}.txt"));
    let bytes = std::fs::read(&path).expect("sample input");
    let doc = pressroom::read_document(&bytes, &format!("input/{stem}.txt")).expect("parses");
    let template = pressroom::template::resolve(template_name).expect("bundled template");
    let options = RenderOptions::default();
    let docx = pressroom::render::docx::render(&doc, &template, &options).expect("DOCX");
    vec![
        (
            format!("{stem}.txt"),
            pressroom::render::text::render(&doc, &template, &options),
        ),
        (
            format!("{stem}.json"),
            pressroom::render::json::render(&doc),
        ),
        (
            format!("{stem}.pdf-positions.txt"),
            pdf_positions(&doc, &template),
        ),
        (
            format!("{stem}.document.xml"),
            unzip(&docx.bytes)["word/document.xml"].replace("><", ">\n<"),
        ),
    ]
}

#[test]
fn renditions_match_the_golden_files() {
    let mut differences = Vec::new();
    for (stem, template) in SAMPLES {
        for (name, actual) in renditions(stem, template) {
            differences.extend(compare(&name, &actual));
        }
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}

/// The README's sample between its markers.
fn readme_sample(readme: &str) -> Option<(usize, usize)> {
    let start = readme.find(README_START)? + README_START.len();
    let end = start + readme[start..].find(README_END)?;
    Some((start, end))
}

const README_START: &str = "<!-- golden: tests/golden/sgsm20447.txt -->\n```text\n";
const README_END: &str = "```\n<!-- /golden -->";

#[test]
fn the_readme_sample_is_the_golden_text_rendition() {
    let readme_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&readme_path).expect("README.md");
    let (start, end) = readme_sample(&readme).expect("README has the golden sample markers");
    let golden = std::fs::read_to_string(root().join("tests/golden/sgsm20447.txt"))
        .expect("golden seed text");
    if bless() {
        let updated = format!("{}{}{}", &readme[..start], golden, &readme[end..]);
        std::fs::write(&readme_path, updated).expect("write README.md");
        return;
    }
    assert_eq!(
        &readme[start..end],
        golden,
        "README sample differs from tests/golden/sgsm20447.txt; PRESSROOM_BLESS=1 rewrites it"
    );
}
