//! Parser tests: the seed and the input variations of
//! `press-release-formats.md` section 7.

use super::*;
use crate::model::{Block, ReleaseKind, plain_text};
use crate::normalize::{Options as NormalizeOptions, normalize};

fn doc(text: &str) -> Document {
    let n = normalize(text.as_bytes(), &NormalizeOptions::default()).expect("normalizes");
    parse(&n, &Options::default())
}

fn types(d: &Document) -> Vec<&'static str> {
    d.body.iter().map(Block::type_name).collect()
}

const SEED: &str = include_str!("../../tests/fixtures/sgsm20447.txt");

#[test]
fn seed_is_a_message_with_speaker_occasion_lead_in_and_six_paragraphs() {
    let d = doc(SEED);
    assert_eq!(d.meta.kind, DocKind::Message);
    assert_eq!(d.meta.date.as_deref(), Some("2020-11-24"));
    let speaker = d.meta.speaker.as_ref().expect("speaker");
    assert_eq!(speaker.name, "António Guterres");
    assert_eq!(speaker.role.as_deref(), Some("Secretary-General"));
    assert_eq!(
        d.meta.occasion.as_ref().map(|o| o.event.as_str()),
        Some("eighteenth Conference of the Heads of Military Components")
    );
    assert_eq!(
        types(&d),
        [
            "lead_in",
            "paragraph",
            "paragraph",
            "paragraph",
            "paragraph",
            "paragraph",
            "paragraph"
        ]
    );
    let headline = d.meta.headline.as_ref().expect("derived headline");
    assert!(headline.derived);
    assert_eq!(
        headline.text,
        "Secretary-General’s Message to the Eighteenth Conference of the Heads of Military Components"
    );
    assert!(d.body_text().contains("COVID\u{2011}19 pandemic"));
    assert_eq!(d.meta.language.code, "en");
    assert_eq!(d.meta.language.source, LanguageSource::Detected);
}

#[test]
fn symbol_line_caps_date_and_press_statement() {
    let d = doc(include_str!(
        "../../tests/fixtures/sc-press-statement__joint-symbol__caps-date-line__reliefweb-sc13399.txt"
    ));
    let raws: Vec<_> = d.meta.symbols.iter().map(|s| s.raw.as_str()).collect();
    assert_eq!(raws, ["SC/13399", "PKO/741"]);
    assert_eq!(d.meta.date.as_deref(), Some("2018-06-27"));
    assert_eq!(d.meta.date_raw.as_deref(), Some("27 JUNE 2018"));
    assert_eq!(
        d.meta.extra.get("archive_date").map(String::as_str),
        Some("2018-06-28")
    );
    assert!(d.diagnostics.iter().any(|x| x.code == "date-conflict"));
    assert_eq!(d.meta.kind, DocKind::Statement);
    assert_eq!(d.body[0].type_name(), "lead_in");
    assert_eq!(d.meta.speaker.as_ref().unwrap().name, "Vassily A. Nebenzia");
}

#[test]
fn noon_briefing_headline_transcript_lead_in_and_star_headings() {
    let d = doc(include_str!(
        "../../tests/fixtures/noon-briefing__star-headings__no-date-prefix__press-un-org-db210521.txt"
    ));
    assert_eq!(
        d.headline_text(),
        Some("Daily Press Briefing by the Office of the Spokesperson for the Secretary-General")
    );
    assert_eq!(d.meta.kind, DocKind::Briefing);
    assert!(d.body.iter().any(
        |b| matches!(b, Block::Heading { content, .. } if plain_text(content) == "Middle East")
    ));
}

#[test]
fn white_house_front_matter_transcript_and_time() {
    let d = doc(include_str!(
        "../../tests/fixtures/press-briefing-transcript.txt"
    ));
    assert_eq!(d.meta.kind, DocKind::Briefing);
    assert_eq!(d.meta.date.as_deref(), Some("2022-09-16"));
    assert!(
        d.headline_text()
            .unwrap()
            .ends_with("September 16,\u{A0}2022")
    );
    assert_eq!(d.meta.time.as_deref(), Some("1:29 P.M. EDT"));
    assert_eq!(
        d.meta.end_mark, None,
        "a closing time is text, not an end mark"
    );
    assert!(
        d.body.last().is_some_and(
            |b| matches!(b, Block::Paragraph { content } if plain_text(content) == "2:19 P.M. EDT")
        ),
        "the closing time stays the last paragraph: {:?}",
        d.body.last()
    );
    assert!(d.meta.extra.contains_key("published_time"));
    let turns = d
        .body
        .iter()
        .filter(|b| matches!(b, Block::SpeakerTurn { speaker, .. } if speaker == "Q"))
        .count();
    assert!(turns > 5);
}

#[test]
fn fact_sheet_nested_bullets_and_kind() {
    let d = doc(include_str!(
        "../../tests/fixtures/fact-sheet-nested-bullets.txt"
    ));
    assert_eq!(d.meta.kind, DocKind::FactSheet);
    let Some(Block::List(list)) = d.body.iter().find(|b| matches!(b, Block::List(_))) else {
        panic!("no list");
    };
    assert_eq!(list.items[0].children[0].items.len(), 1);
    assert_eq!(list.items[1].children[0].items.len(), 3);
}

#[test]
fn html_table_and_escaped_end_mark() {
    let d = doc(include_str!("../../tests/fixtures/html-table-remnant.txt"));
    assert!(
        d.body
            .iter()
            .any(|b| matches!(b, Block::Table { rows } if rows.len() > 5))
    );
    assert_eq!(d.meta.end_mark.as_deref(), Some("###"));
}

#[test]
fn links_and_headings_from_markdown() {
    let d = doc(include_str!(
        "../../tests/fixtures/release-md-links-headings.txt"
    ));
    assert_eq!(d.meta.kind, DocKind::PressRelease);
    assert_eq!(
        d.headline_text(),
        Some("President Trump’s ‘Memphis Safe Task Force’ Delivers Crushing Blow to Crime")
    );
    let json = serde_json::to_string(&d).unwrap();
    assert!(json.contains("\"url\":\"https://www.whitehouse.gov/fact-sheets/2025/09/fact-sheet-president-donald-j-trump-restores-law-and-order-in-memphis/\""));
    assert!(
        d.body
            .iter()
            .any(|b| matches!(b, Block::Heading { level: 3, .. }))
    );
}

#[test]
fn ungdc_speeches() {
    let d = doc(include_str!(
        "../../tests/fixtures/crlf-line-endings__ALB_20_1965.txt"
    ));
    assert!(
        d.body.len() > 20,
        "one paragraph per numbered line: {}",
        d.body.len()
    );
    assert!(d.body.iter().all(|b| b.type_name() == "paragraph"));
    let d = doc(include_str!(
        "../../tests/fixtures/mojibake-cp1252__AUS_53_1998.txt"
    ));
    assert!(d.body_text().contains("Australia’s support"));
    assert!(d.meta.artefacts.iter().any(|a| a == "23"));
    assert!(d.body.len() > 10);
}

#[test]
fn header_variations() {
    let d = doc(
        "Press Release\nSG/SM/6541*\nAFR/53\n\nSECRETARY-GENERAL URGES PEACE\n\n19971024\n\n(Reissued as received.)\n\nFOR IMMEDIATE RELEASE\n\nGENEVA, 22 April (UN Information Service) -- The Committee met today.\n\nSecond paragraph.\n\n- more -\n\n# # #\n\nFor information media. Not an official record.\n",
    );
    assert_eq!(d.meta.symbols.len(), 2);
    assert!(d.meta.symbols[0].reissue);
    assert_eq!(d.headline_text(), Some("SECRETARY-GENERAL URGES PEACE"));
    assert_eq!(d.meta.date.as_deref(), Some("1997-10-24"));
    assert_eq!(d.meta.editorial_notes, ["(Reissued as received.)"]);
    assert_eq!(
        d.meta.release.as_ref().map(|r| r.kind),
        Some(ReleaseKind::Immediate)
    );
    let dl = d.meta.dateline.as_ref().expect("dateline");
    assert_eq!(dl.place, "GENEVA");
    assert_eq!(d.meta.end_mark.as_deref(), Some("# # #"));
    assert_eq!(d.meta.artefacts, ["- more -"]);
    assert_eq!(d.meta.categories, ["Press Release"]);
    assert_eq!(
        plain_text(block_content(&d.body[0])),
        "The Committee met today."
    );
}

#[test]
fn embargo_boilerplate_contacts_and_other_end_marks() {
    let d = doc(
        "EMBARGOED UNTIL 8:30 a.m. (ET) Friday, March 6, 2026\n\nHeadline Here\n\nBrussels, 16 July 2021\n\nText of the release.\n\nAbout UNDP\n\nUNDP works in 170 countries.\n\nMedia contact: Jane Doe, +1 212 963 1234, doe@undp.org\n\n-30-\n",
    );
    assert_eq!(
        d.meta.release.as_ref().map(|r| r.kind),
        Some(ReleaseKind::Embargoed)
    );
    assert_eq!(d.headline_text(), Some("Headline Here"));
    assert_eq!(d.meta.date.as_deref(), Some("2021-07-16"));
    assert_eq!(
        d.meta.dateline.as_ref().map(|x| x.place.as_str()),
        Some("Brussels")
    );
    assert_eq!(types(&d), ["paragraph", "boilerplate", "contact_block"]);
    assert_eq!(d.meta.contacts[0].email.as_deref(), Some("doe@undp.org"));
    assert_eq!(d.meta.end_mark.as_deref(), Some("-30-"));
    for mark in ["ENDS", "[Ends]", "NNNN", "- end -", "* *** *"] {
        let d = doc(&format!("Some text here.\n\n{mark}\n"));
        assert_eq!(d.meta.end_mark.as_deref(), Some(mark));
    }
}

#[test]
fn front_matter_bomb_or_garbage_stays_text() {
    let d = doc("---\na: [unclosed\n---\nBody.\n");
    assert!(
        d.diagnostics
            .iter()
            .any(|x| x.code == "front-matter-invalid")
    );
    assert!(d.body_text().contains("unclosed"));
}

#[test]
fn speech_kind_needs_a_signal() {
    let d =
        doc("Mr. President,\n\nI congratulate you on your election.\n\nWe meet at a hard time.\n");
    assert_eq!(d.meta.kind, DocKind::Speech);
    let d = doc("The weather was fine.\n\nWe walked home.\n");
    assert_eq!(d.meta.kind, DocKind::Unknown);
}

#[test]
fn huge_inputs_stay_linear_and_deep_lists_do_not_overflow() {
    let big = "word ".repeat(100_000);
    assert_eq!(doc(&big).body.len(), 1);
    let items: String = (0..10_000).map(|i| format!("- item {i}\n")).collect();
    let d = doc(&format!("Intro:\n{items}"));
    assert!(matches!(&d.body[1], Block::List(l) if l.items.len() == 10_000));
    let nested: String = (0..50)
        .map(|i| format!("{}- level {i}\n", "  ".repeat(i)))
        .collect();
    let d = doc(&format!("Intro:\n{nested}"));
    let json = serde_json::to_string(&d).unwrap();
    let back: Document = serde_json::from_str(&json).unwrap();
    assert_eq!(back, d);
    let word = "x".repeat(1_000_000);
    assert_eq!(doc(&word).body_text().trim().len(), 1_000_000);
}

#[test]
fn issuer_from_front_matter_or_the_source_url() {
    let issuer = |front: &str| doc(&format!("---\n{front}\n---\nBody text.\n")).meta.issuer;
    assert_eq!(
        issuer("issuer: Ministry of Health"),
        Some("Ministry of Health".into())
    );
    assert_eq!(
        issuer("source_url: https://bidenwhitehouse.archives.gov/briefing-room/x/"),
        Some("The White House".into())
    );
    assert_eq!(
        issuer("source_url: https://www.whitehouse.gov/briefings-statements/y/"),
        Some("The White House".into())
    );
    assert_eq!(
        issuer("source_url: https://press.un.org/en/2020/sgsm20447.doc.htm"),
        Some("United Nations".into())
    );
    assert_eq!(
        issuer("source_url: https://notwhitehouse.gov.example.com/"),
        None
    );
    assert_eq!(issuer("source_url: https://example.org/un.org"), None);
}

#[test]
fn a_page_marker_between_paragraphs_is_an_artefact_not_a_list() {
    let d = doc(
        "HEADLINE HERE\n\nFirst paragraph of the release text.\n\n- 2 -\n\nSecond paragraph of the release text.\n",
    );
    assert_eq!(types(&d), ["paragraph", "paragraph"]);
    assert_eq!(d.meta.artefacts, ["- 2 -"]);
    let list = doc("Items:\n\n- 2 apples\n- 3 pears\n");
    assert!(types(&list).contains(&"list"), "{:?}", types(&list));
}

/// The plain text of each body paragraph of `d`.
fn paragraph_texts(d: &Document) -> Vec<String> {
    d.body
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph { content } => Some(plain_text(content)),
            _ => None,
        })
        .collect()
}

#[test]
fn a_no_break_space_beside_a_space_between_sentences_is_one_space() {
    let d = doc(concat!(
        "Talks Resume in Geneva\n\n",
        "The talks ended.\u{A0} Both sides agreed.&nbsp; They meet again. \u{A0}Next week.",
        " The fee is 10\u{A0}dollars.\n",
    ));
    let texts = paragraph_texts(&d);
    assert_eq!(
        texts.last().map(String::as_str),
        Some(
            "The talks ended. Both sides agreed. They meet again. Next week. The fee is 10\u{A0}dollars."
        ),
        "{texts:?}"
    );
}

#[test]
fn adjacent_links_stay_separate_words() {
    let d = doc(concat!(
        "Archives Open to the Public\n\n",
        "See [Saving America’s Story](https://a.example/story)[Download](https://a.example/d) today.\n\n",
        "Or <a href=\"https://a.example/s\">Saving America’s Story</a><a href=\"https://a.example/d\">Download</a> now.\n",
    ));
    let texts = paragraph_texts(&d);
    assert!(
        texts
            .iter()
            .any(|t| t == "See Saving America’s Story Download today."),
        "{texts:?}"
    );
    assert!(
        texts
            .iter()
            .any(|t| t == "Or Saving America’s Story Download now."),
        "{texts:?}"
    );
    // A link on part of a word still joins it ("enroll" + "ed").
    let d = doc("Title Line Here\n\nThey [enroll](https://a.example/e)ed early.\n");
    assert!(d.body_text().contains("enrolled"), "{}", d.body_text());
}

#[test]
fn a_plain_text_numbered_list_with_blank_lines_is_a_list() {
    let items = [
        "Expand access to affordable child care for working families in every state, including rural communities where providers are scarce and waiting lists are long;",
        "Lower the cost of prescription drugs for seniors by capping monthly insulin payments and letting the program negotiate prices with manufacturers directly; and",
        "Invest in the training of nurses and community health workers so that clinics in underserved counties can stay open on evenings and weekends for families.",
    ];
    let list = |text: &str| -> Option<usize> {
        let d = doc(text);
        d.body.iter().find_map(|b| match b {
            Block::List(l) => Some(l.items.len()),
            _ => None,
        })
    };
    // After a line ending in a colon, blank lines between the items.
    let mut text = String::from(
        "Administration Announces Health Plan\n\nThe plan has three parts that take effect next year:\n\n",
    );
    for (i, item) in items.iter().enumerate() {
        text.push_str(&format!("{}. {item}\n\n", i + 1));
    }
    assert_eq!(list(&text), Some(3), "{text}");
    // Markdown items: continuation lines indented under the text, links.
    let mut text = String::from("Administration Announces Health Plan\n\nIts record\n\n");
    for (i, item) in items.iter().enumerate() {
        let (head, tail) = item.split_at(40);
        text.push_str(&format!(
            "{}.  [**{head}**](https://www.example.gov/briefing-room/2024/01/26/a-very-long-address-{i}/)\n    {tail}\n",
            i + 1
        ));
    }
    assert_eq!(list(&text), Some(3), "{text}");
}
