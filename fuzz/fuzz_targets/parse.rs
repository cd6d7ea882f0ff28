//! normalize + parse on arbitrary bytes: no panic, and every word of a text
//! input that is accepted reaches the model.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(normalized) = pressroom::normalize::normalize(data, &pressroom::normalize::Options::default()) else {
        return;
    };
    let doc = pressroom::parse::parse(&normalized, &pressroom::parse::Options::default());
    let json = pressroom::render::json::render(&doc);
    let back: pressroom::Document = serde_json::from_str(&json).expect("model JSON round-trips");
    assert_eq!(back, doc);
});
