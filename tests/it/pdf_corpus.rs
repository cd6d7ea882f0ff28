//! A sample of the shared corpus (every 20th file of each folder, or every
//! `PRESSROOM_CORPUS_STEP`th: 1 renders all of it) through
//! the PDF writer: no errors, every model word in the text layer. The PDFs
//! are kept in target/pdf-tests/corpus for tests/conformance/pdf.sh.

use crate::common::corpus_or_skip;
use crate::render_common::{out_dir, reader_text};
use pressroom::render::RenderOptions;

#[test]
fn corpus_sample_renders_without_losing_words() {
    let Some(root) = corpus_or_skip("pdf_corpus::corpus_sample_renders_without_losing_words")
    else {
        return;
    };
    let folders = std::fs::read_dir(&root).expect("the corpus folder is readable");
    let dir = out_dir().join("corpus");
    std::fs::create_dir_all(&dir).unwrap();
    let mut folders: Vec<_> = folders
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    folders.sort();
    let t = pressroom::template::resolve("un").unwrap();
    let step: usize = std::env::var("PRESSROOM_CORPUS_STEP")
        .ok()
        .and_then(|s| s.parse().ok())
        .filter(|s| *s > 0)
        .unwrap_or(20);
    let mut checked = 0;
    for folder in folders {
        let mut files: Vec<_> = std::fs::read_dir(&folder)
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        for path in files.iter().step_by(step) {
            let bytes = std::fs::read(path).unwrap();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            // A corpus release that cannot be read is a failure, never skipped.
            let source = pressroom::read_source(&bytes, &name, &Default::default())
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            let doc = &source.document;
            let r = pressroom::render::pdf::render(doc, &t, &RenderOptions::default())
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            let stem = name.trim_end_matches(".txt");
            let text = reader_text(&r.bytes, &format!("corpus/{stem}.pdf"));
            let coverage = source.expected().check(&text);
            assert!(
                coverage.is_complete(),
                "{name}: missing {:?}, out of order {:?}",
                &coverage.missing[..coverage.missing.len().min(10)],
                coverage.out_of_order
            );
            checked += 1;
        }
    }
    assert!(checked > 10, "checked {checked} files");
}
