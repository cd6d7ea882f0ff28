//! The full pipeline on arbitrary bytes: every rendition renders or fails
//! with an error, never a panic; the text rendition holds every model word.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pressroom::render::{Format, RenderOptions};
use std::sync::LazyLock;

static TEMPLATE: LazyLock<pressroom::template::Template> =
    LazyLock::new(|| pressroom::template::resolve("un").expect("bundled template"));

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = pressroom::read_document(data, "fuzz.txt") else {
        return;
    };
    let options = RenderOptions::default();
    for format in Format::ALL {
        let _ = pressroom::batch::render_one(format, &doc, &TEMPLATE, &options);
    }
    let text = pressroom::render::text::render(&doc, &TEMPLATE, &options);
    let coverage = pressroom::words::check(&doc, &text);
    assert!(coverage.is_complete(), "{coverage:?}");
});
