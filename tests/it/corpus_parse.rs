//! Every corpus file normalizes and parses without error or panic, and
//! every word of the input is in the model (see `tests/it/common`).
//!
//! The corpus is `$PRESSROOM_CORPUS`, else `../shared/corpus`; without it
//! the test fails unless `PRESSROOM_SKIP_CORPUS=1` (see `common::corpus_or_skip`).

use crate::common;

use std::path::{Path, PathBuf};

use pressroom::model::DocKind;
use pressroom::normalize::{self, normalize};
use pressroom::parse::{self, parse};

fn text_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            text_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "txt") {
            out.push(path);
        }
    }
}

#[test]
fn every_corpus_file_parses_and_keeps_every_word() {
    let Some(dir) =
        common::corpus_or_skip("corpus_parse::every_corpus_file_parses_and_keeps_every_word")
    else {
        return;
    };
    let mut files = Vec::new();
    text_files(&dir, &mut files);
    assert!(
        files.len() >= 900,
        "expected the 929-file corpus, found {}",
        files.len()
    );
    let mut failures = Vec::new();
    let (mut dated, mut headline, mut derived, mut kind) = (0, 0, 0, 0);
    for path in &files {
        let bytes = std::fs::read(path).expect("readable");
        let name = path
            .strip_prefix(&dir)
            .unwrap_or(path)
            .display()
            .to_string();
        let normalized = match normalize(&bytes, &normalize::Options::default()) {
            Ok(n) => n,
            Err(e) => {
                failures.push(format!("{name}: {e}"));
                continue;
            }
        };
        let doc = parse(&normalized, &parse::Options::default());
        if let Err(problem) = common::check_words(&normalized.text, &doc) {
            failures.push(format!("{name}: {problem}"));
        }
        dated += usize::from(doc.meta.date.is_some());
        match &doc.meta.headline {
            Some(h) if h.derived => derived += 1,
            Some(_) => headline += 1,
            None => {}
        }
        kind += usize::from(doc.meta.kind != DocKind::Unknown);
    }
    eprintln!(
        "{} files: {dated} with a date, {headline} with a headline from the input, {derived} derived, {kind} with a known kind",
        files.len()
    );
    // Floors, measured on the shared corpus (930 files, November 2026: 516
    // dated, 513 + 2 headlines, 826 kinds; the 402 UN General Debate
    // speeches carry no date): a parser change that finds fewer fails here.
    assert!(
        dated >= 516,
        "{dated} dated releases, fewer than the 516 measured"
    );
    assert!(
        headline + derived >= 515,
        "{} headlines, fewer than the 515 measured",
        headline + derived
    );
    assert!(
        derived <= 2,
        "{derived} derived headlines, more than the 2 measured"
    );
    assert!(
        kind >= 826,
        "{kind} known kinds, fewer than the 826 measured"
    );
    assert!(
        failures.is_empty(),
        "{} failure(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The front matter of every corpus file that has one reads the same with
/// the reader for flat string mappings as with serde-saphyr, and that reader
/// takes nearly all of it (else its speed-up would be a fiction).
#[test]
fn corpus_front_matter_reads_the_same_without_a_yaml_parser() {
    let Some(dir) = common::corpus_or_skip(
        "corpus_parse::corpus_front_matter_reads_the_same_without_a_yaml_parser",
    ) else {
        return;
    };
    let mut files = Vec::new();
    text_files(&dir, &mut files);
    let (mut with_front_matter, mut read) = (0, 0);
    for path in &files {
        let bytes = std::fs::read(path).expect("readable");
        let Ok(normalized) = normalize(&bytes, &normalize::Options::default()) else {
            continue;
        };
        let Some(fm) = parse::frontmatter::split(&normalized.text) else {
            continue;
        };
        with_front_matter += 1;
        if let Some(fast) = parse::frontmatter::simple::entries(fm.yaml) {
            read += 1;
            assert_eq!(
                Some(fast),
                parse::frontmatter::parsed_entries(fm.yaml),
                "{}",
                path.display()
            );
        }
    }
    eprintln!("{with_front_matter} files with front matter, {read} read without a YAML parser");
    assert!(
        with_front_matter >= 500,
        "{with_front_matter} files with front matter"
    );
    assert!(
        read * 100 >= with_front_matter * 95,
        "only {read} of {with_front_matter} read"
    );
}
