//! Shared helpers for the rendering tests: the seed release as a model
//! document, PDF text extraction (lopdf, pdftotext), DOCX reading ([`docx`])
//! and an output folder under target/.

#![allow(dead_code)]

pub mod docx;
pub mod tagged;

use pressroom::model::{Block, Document, Headline, Inline};
use std::path::PathBuf;

/// The seed release (SG/SM/20447) built by hand from its fixture
/// (`tests/fixtures/sgsm20447.txt`, a copy of the corpus's seed file).
pub fn seed() -> Document {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sgsm20447.txt");
    let raw = std::fs::read_to_string(&path).expect("tests/fixtures/sgsm20447.txt");
    let mut paras: Vec<String> = raw
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect();
    // The first block starts with a "date YYYY-MM-DD" stamp.
    let first = paras.remove(0);
    let lead = first
        .strip_prefix("date 2020-11-24 ")
        .unwrap_or(&first)
        .to_string();
    let mut doc = Document::default();
    doc.meta.headline = Some(Headline {
        text: "Secretary-General’s Message to the Eighteenth Conference of the Heads of Military Components".into(),
        derived: false,
    });
    doc.meta.issuer = Some("United Nations".into());
    doc.meta.symbols = pressroom::parse::symbol::parse_symbols("SG/SM/20447").expect("a symbol");
    doc.meta.date = Some("2020-11-24".into());
    doc.body.push(Block::LeadIn {
        content: vec![Inline::text(lead)],
    });
    for p in paras {
        doc.body.push(Block::Paragraph {
            content: vec![Inline::text(p)],
        });
    }
    doc
}

/// Every text field of the seed in reading order.
pub fn model_text(doc: &Document) -> String {
    let mut s = String::new();
    if let Some(h) = doc.headline_text() {
        s.push_str(h);
        s.push('\n');
    }
    s.push_str(&doc.body_text());
    s
}

/// A folder for test outputs (kept for inspection).
pub fn out_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/pdf-tests");
    std::fs::create_dir_all(&dir).expect("create target/pdf-tests");
    dir
}

/// The text of every page, extracted with lopdf (ToUnicode maps applied).
pub fn extract_text(pdf: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(pdf).expect("lopdf parses the PDF");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages).expect("lopdf extracts text")
}

/// The text layer as a real PDF reader sees it: `pdftotext` (it honours
/// ActualText spans). Without pdftotext the test fails, unless
/// `PRESSROOM_SKIP_TOOLS=1`: then lopdf's extraction, said on stderr.
pub fn reader_text(pdf: &[u8], name: &str) -> String {
    let path = out_dir().join(name);
    std::fs::write(&path, pdf).expect("write PDF");
    if !crate::common::tool_or_skip("pdftotext", "reading PDFs as a reader does (lopdf used)") {
        return extract_text(pdf);
    }
    let out = std::process::Command::new("pdftotext")
        .arg("-enc")
        .arg("UTF-8")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        path.display()
    );
    // A word hyphenated at a line end ends in U+00AD: rejoin it.
    String::from_utf8_lossy(&out.stdout).replace("\u{AD}\n", "")
}
