//! Hostile and broken input: every case converts to every format or fails
//! with a one-line error; none panics; none loses a word silently; none takes
//! more than linear time.

use pressroom::batch::{self, Options};
use pressroom::render::Format;
use pressroom::template;

fn options() -> Options {
    Options::in_memory(
        pressroom::batch::Templates::fixed(
            template::resolve("un").expect("bundled template"),
            "un",
        ),
        &Format::ALL,
    )
}

/// Converts in memory; on success checks every rendition's text holds the words.
fn convert(bytes: &[u8]) -> Result<batch::Converted, String> {
    let converted =
        batch::convert_bytes(bytes, "hostile.txt", &options()).map_err(|e| e.to_string())?;
    for (format, rendered) in &converted.renditions {
        assert!(!rendered.bytes.is_empty(), "{format:?} rendition is empty");
        if matches!(format, Format::Txt) {
            let text = String::from_utf8(rendered.bytes.clone()).expect("text rendition is UTF-8");
            let expected = pressroom::coverage::Expected::from_input(
                &converted.normalized_text,
                &converted.document,
            );
            let coverage = expected.check(&text);
            assert!(
                coverage.is_complete(),
                "text rendition lost words: {coverage:?}"
            );
        }
    }
    Ok(converted)
}

fn error_of(bytes: &[u8]) -> String {
    match convert(bytes) {
        Ok(_) => panic!("expected an error"),
        Err(e) => {
            assert_eq!(e.lines().count(), 1, "one-line error: {e}");
            e
        }
    }
}

fn warning_codes(c: &batch::Converted) -> Vec<String> {
    c.document
        .diagnostics
        .iter()
        .chain(c.renditions.iter().flat_map(|(_, r)| r.diagnostics.iter()))
        .map(|d| d.code.clone())
        .collect()
}

#[test]
fn empty_and_whitespace_only_files_are_refused() {
    assert!(error_of(b"").contains("empty"));
    assert!(error_of(b"  \n\t\r\n  \n").contains("empty"));
}

#[test]
fn binary_files_are_refused_as_not_text() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0\x1f\xf3\xffa";
    let pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\nstream\n\x00\x01\x02\x03\x9c\x00\x00endstream";
    let mut elf = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0>\0\x01\0\0\0".to_vec();
    elf.extend(std::iter::repeat_n(0u8, 64));
    for bytes in [&png[..], &pdf[..], &elf[..]] {
        assert!(error_of(bytes).contains("not a text file"));
    }
}

#[test]
fn stray_nul_bytes_are_removed_with_a_warning() {
    let c = convert(b"Peace\0keeping matters.\n\nSecond\0 paragraph.\n").expect("converts");
    assert!(!warning_codes(&c).is_empty(), "removal is reported");
    let text = String::from_utf8(c.renditions[2].1.bytes.clone()).unwrap();
    assert!(!text.contains('\0'));
}

#[test]
fn invalid_utf8_mixed_with_valid_converts_without_losing_words() {
    let mut bytes = "Café society: ".as_bytes().to_vec();
    bytes.extend_from_slice(b"na\xefve \x93quoted\x94 words.\n");
    let c = convert(&bytes).expect("converts");
    let text = String::from_utf8(c.renditions[2].1.bytes.clone()).unwrap();
    assert!(text.contains("quoted"), "{text}");
    assert!(text.contains("words"), "{text}");
}

#[test]
fn utf16_without_bom_is_decoded() {
    let text = "Statement by the Spokesperson.\n\nThe Secretary-General welcomes the agreement.\n";
    let bytes: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    let c = convert(&bytes).expect("converts");
    let out = String::from_utf8(c.renditions[2].1.bytes.clone()).unwrap();
    assert!(out.contains("welcomes the agreement"), "{out}");
}

#[test]
fn inputs_above_the_size_limit_are_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.txt");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(200 * 1024 * 1024).unwrap();
    let err = batch::read_input(
        &path,
        pressroom::normalize::Options::default().max_input_size,
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("above the limit"), "{err}");
    assert!(err.contains("--max-input-size"), "{err}");
}

#[test]
fn a_million_character_word_converts() {
    let word = "a".repeat(1_000_000);
    let c = convert(format!("Headline\n\n{word}\n").as_bytes()).expect("converts");
    assert!(
        c.renditions
            .iter()
            .any(|(f, r)| *f == Format::Pdf && r.pages.unwrap_or(0) >= 1)
    );
}

#[test]
fn a_hundred_thousand_word_paragraph_converts() {
    let para: String = (0..100_000).map(|i| format!("word{} ", i % 97)).collect();
    convert(para.as_bytes()).expect("converts");
}

#[test]
fn ten_thousand_list_items_convert() {
    let list: String = (0..10_000)
        .map(|i| format!("- item number {i}\n"))
        .collect();
    convert(format!("Intro paragraph.\n\n{list}").as_bytes()).expect("converts");
}

#[test]
fn lists_nested_fifty_deep_convert() {
    let list: String = (0..50)
        .map(|d| format!("{}- level {d}\n", "  ".repeat(d)))
        .collect();
    convert(format!("Intro.\n\n{list}").as_bytes()).expect("converts");
}

#[test]
fn scripts_the_fonts_cannot_draw_are_warned_about_not_dropped() {
    let text =
        "Arabic: السلام عليكم. Hebrew: שלום. Chinese: 中文. Emoji: 🙂. Combining: e\u{301}.\n";
    let c = convert(text.as_bytes()).expect("converts");
    let codes = warning_codes(&c);
    assert!(
        codes.iter().any(|code| code == "missing-glyph"),
        "{codes:?}"
    );
}

#[test]
fn a_yaml_front_matter_bomb_does_not_explode() {
    let mut yaml = String::from(
        "---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names = ["b", "c", "d", "e", "f", "g", "h", "i"];
    let mut prev = "a";
    for name in names {
        yaml.push_str(&format!("{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
        prev = name;
    }
    yaml.push_str(&format!("title: {}\n", "[".repeat(10_000)));
    yaml.push_str("---\n\nBody text survives.\n");
    let result = convert(yaml.as_bytes());
    if let Ok(c) = result {
        let text = String::from_utf8(c.renditions[2].1.bytes.clone()).unwrap();
        assert!(text.contains("Body text survives."));
    }
}

#[test]
fn html_with_scripts_and_unclosed_tags_converts() {
    let html = "<html><head><script>alert('x')</script></head><body><p>First <b>bold\n\n<p>Second <i>para\n<table><tr><td>cell</td>";
    let c = convert(html.as_bytes()).expect("converts");
    let text = String::from_utf8(c.renditions[2].1.bytes.clone()).unwrap();
    assert!(text.contains("First"));
    assert!(text.contains("cell"));
    assert!(!text.contains("<script"));
}

/// Time of converting `n` copies of `unit`, best of three.
fn time_for(unit: &str, n: usize) -> f64 {
    let input = unit.repeat(n);
    (0..3)
        .map(|_| {
            let start = std::time::Instant::now();
            let _ = convert(input.as_bytes());
            start.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

#[test]
fn time_grows_linearly_with_input_size() {
    let cases = [
        "A paragraph of ordinary words, with punctuation; and more words.\n\n",
        "- an item\n  - a nested item\n",
        "word ",
        "<b>x</b> ",
        "a",
    ];
    for unit in cases {
        let small = time_for(unit, 2_000);
        let large = time_for(unit, 16_000);
        let ratio = large / small.max(1e-6);
        assert!(
            ratio < 8.0 * 3.0,
            "8× the input took {ratio:.1}× the time for {unit:?}: superlinear"
        );
    }
}

/// Inputs the fuzzers found (`fuzz/`, see SECURITY.md): the crashes they
/// reported (`pipeline-*`) and, from their corpora, the smallest input for
/// each distinct outcome (error, or set of warning codes; `corpus-*`). Each
/// converts to every format without losing a word, and its model survives
/// the JSON round trip, or it fails with a one-line error.
#[test]
fn fuzzer_findings_stay_fixed() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/fuzz")
        .map(|entry| entry.expect("directory entry").path())
        .collect();
    files.sort();
    assert!(files.len() > 100, "fuzzer findings in {}", dir.display());
    let (mut converted, mut refused) = (0, 0);
    for file in files {
        let bytes = std::fs::read(&file).expect("fixture is readable");
        match convert(&bytes) {
            Ok(c) => {
                let json = pressroom::render::json::render(&c.document);
                let back: pressroom::Document =
                    serde_json::from_str(&json).expect("model JSON reads back");
                assert_eq!(back, c.document, "{}: JSON round trip", file.display());
                converted += 1;
            }
            Err(e) => {
                assert_eq!(e.lines().count(), 1, "{}: {e}", file.display());
                refused += 1;
            }
        }
    }
    assert!(
        converted > 0 && refused > 0,
        "{converted} converted, {refused} refused"
    );
}
