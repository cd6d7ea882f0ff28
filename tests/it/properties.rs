//! Property tests: the normalizer and parser never panic, never lose a
//! word, and the model survives a JSON round trip.

use crate::common;

use pressroom::Document;
use pressroom::normalize::{self, normalize};
use pressroom::parse::{self, parse};
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

/// Text made of the pieces releases are made of: words, markup, list
/// markers, end marks, dates, tags, entities, odd whitespace and controls.
/// `<` only comes as part of whole tags or followed by a space: a raw HTML
/// tag broken across a heading or list line is a known limitation
/// (docs/model.md).
fn release_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[A-Za-z]{1,12}",
        "[0-9]{1,4}",
        Just(" ".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("  \n".to_string()),
        Just("\t".to_string()),
        Just("\r\n".to_string()),
        Just("\u{0C}".to_string()),
        Just("**".to_string()),
        Just("*".to_string()),
        Just("#".to_string()),
        Just("### ".to_string()),
        Just("\\###".to_string()),
        Just("-   ".to_string()),
        Just("    - ".to_string()),
        Just("(a) ".to_string()),
        Just("(iv) ".to_string()),
        Just("1. ".to_string()),
        Just("[".to_string()),
        Just("](".to_string()),
        Just(")".to_string()),
        Just("<td>".to_string()),
        Just("<table>".to_string()),
        Just("</span>".to_string()),
        Just("&amp;".to_string()),
        Just("&nbsp;".to_string()),
        Just("-".to_string()),
        Just(":".to_string()),
        Just(".".to_string()),
        Just("---\n".to_string()),
        Just("title: ".to_string()),
        Just(" date 2020-11-24 ".to_string()),
        Just("Following is UN Secretary-General António Guterres’ message to ".to_string()),
        Just("MS. JEAN-PIERRE: ".to_string()),
        Just("Q ".to_string()),
        Just("* *** *".to_string()),
        Just("SG/SM/20447".to_string()),
        Just("24 November 2020".to_string()),
        Just("\u{A0}".to_string()),
        Just("\u{2011}".to_string()),
        Just("\u{AD}".to_string()),
        Just("\u{200B}".to_string()),
        Just("\u{1}".to_string()),
        Just("é".to_string()),
        Just("e\u{301}".to_string()),
        Just("ම".to_string()),
        Just("\\".to_string()),
        Just(">".to_string()),
        Just("a < b".to_string()),
    ];
    prop::collection::vec(piece, 0..80).prop_map(|v| v.concat())
}

fn letters(text: &str) -> String {
    text.nfc().filter(|c| c.is_alphanumeric()).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        if let Ok(n) = normalize(&bytes, &normalize::Options::default()) {
            let _ = parse(&n, &parse::Options::default());
        }
    }

    #[test]
    fn arbitrary_text_never_panics_and_never_loses_a_word(text in release_like()) {
        let Ok(n) = normalize(text.as_bytes(), &normalize::Options::default()) else {
            let invisible = text
                .chars()
                .all(|c| c.is_whitespace() || c.is_control() || matches!(c, '\u{AD}' | '\u{200B}'));
            prop_assert!(invisible, "refused a text with visible characters");
            return Ok(());
        };
        // The normalizer keeps every letter and digit (hyphens and
        // controls are not word characters).
        prop_assert_eq!(letters(&text), letters(&n.text));
        let doc = parse(&n, &parse::Options::default());
        if let Err(problem) = common::check_words(&n.text, &doc) {
            prop_assert!(false, "{}\ninput: {:?}", problem, n.text);
        }
    }

    #[test]
    fn json_round_trip_keeps_the_model(text in release_like()) {
        if let Ok(n) = normalize(text.as_bytes(), &normalize::Options::default()) {
            let doc = parse(&n, &parse::Options::default());
            let json = serde_json::to_string(&doc).expect("serializes");
            let back: Document = serde_json::from_str(&json).expect("deserializes");
            prop_assert_eq!(back, doc);
        }
    }
}
