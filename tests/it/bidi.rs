//! Right-to-left text in every rendition: an Arabic release with a mixed
//! Arabic/Latin/digit line read back in logical order from the PDF, marked
//! `w:bidi`/`w:rtl` in the DOCX, right-aligned in logical order in the TXT.

use crate::render_common::docx::unzip;
use crate::render_common::reader_text;
use crate::render_common::tagged::Tagged;
use pressroom::render::{RenderOptions, docx, pdf, text};
use pressroom::template;
use pressroom::words::{first_missing_in_order, words};

/// A mixed Arabic/Latin/digit line.
const MIXED: &str = "بغداد، 28 تموز/ يوليو 2020 – UNAMI";

/// The dateline the UN's Iraq mission opens its statements with.
const DATELINE: &str = "بغداد، 28 تموز/ يوليو 2020 –";

/// A paragraph of Arabic body text (an Arabic page is mostly Arabic: pdftotext
/// then reads its lines right to left).
const BODY: &str = "تؤكد بعثة الأمم المتحدة لمساعدة العراق أن الممثلة الأممية الخاصة لم تقدم أي تقرير أو بيان لمجلس الأمن بشأن هذه المظاهرات. إن البعثة تراقب الوضع وتقف إلى جانب حق المتظاهرين بالتعبير السلمي عن مطالبهم المشروعة. ونحن ندعو الآن، كما دعونا دائماً، إلى حماية المتظاهرين السلميين.";

fn arabic_release() -> pressroom::Document {
    let input = format!(
        "بيان صحفي\n\nبيان صادر عن بعثة الأمم المتحدة لمساعدة العراق (يونامي)\n\n{DATELINE} رداً على ادعاءات متداولة عن إدلاء الممثلة الخاصة للأمين العام.\n\n{BODY}\n\nبيان {MIXED} للصحافة.\n\nSamir Ghattas\n"
    );
    let mut doc = pressroom::read_document(input.as_bytes(), "ar.txt").expect("reads");
    doc.meta.language.code = "ar".into();
    doc
}

fn un() -> template::Template {
    template::resolve("un").expect("bundled un template")
}

/// Text with runs of spaces made one (extractors space words differently).
fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The PDF's content holds a line with right-to-left text in logical order
/// (what the structure tree and copy and paste read); pdftotext, which sorts
/// characters by position and reverses right-to-left stretches itself,
/// gives the dateline's words in logical order. (Its own reordering treats
/// digits, Latin and the neutrals between them as one left-to-right
/// stretch, so "2020 – UNAMI" comes out "UNAMI – 2020", and neutral
/// punctuation next to digits goes with the digits: not tested.)
#[test]
fn the_pdf_text_layer_gives_a_mixed_line_in_logical_order() {
    let doc = arabic_release();
    let bytes = pdf::render(&doc, &un(), &RenderOptions::default())
        .expect("renders")
        .bytes;
    let elements = Tagged::load(&bytes).elements();
    let texts: Vec<String> = elements.iter().map(|e| squeeze(&e.text)).collect();
    assert!(
        texts.iter().any(|t| t.contains(MIXED)),
        "{MIXED:?} not in {texts:?}"
    );
    assert!(texts.iter().any(|t| t == "Samir Ghattas"), "{texts:?}");
    let reader = reader_text(&bytes, "bidi-mixed.pdf");
    let expected = words(DATELINE);
    let actual = words(&reader);
    assert_eq!(
        first_missing_in_order(&expected, &actual),
        None,
        "{expected:?} in order in {reader:?}"
    );
}

#[test]
fn docx_marks_right_to_left_paragraphs_and_runs() {
    let doc = arabic_release();
    let bytes = docx::render(&doc, &un(), &RenderOptions::default())
        .expect("renders")
        .bytes;
    let document = &unzip(&bytes)["word/document.xml"];
    let paragraphs: Vec<&str> = document.split("<w:p>").skip(1).collect();
    let mixed = paragraphs
        .iter()
        .find(|p| p.contains("UNAMI"))
        .expect("the mixed paragraph");
    assert!(mixed.contains("<w:bidi/>"), "{mixed}");
    assert!(mixed.contains("<w:rtl/>"), "{mixed}");
    let english = paragraphs
        .iter()
        .find(|p| p.contains("Samir Ghattas"))
        .expect("the signature");
    assert!(
        !english.contains("<w:bidi/>"),
        "English stays left to right"
    );
    assert!(!english.contains("<w:rtl/>"), "{english}");
    let styles = &unzip(&bytes)["word/styles.xml"];
    assert!(
        styles.contains("w:bidi=\"ar-SA\""),
        "complex-script language"
    );
}

#[test]
fn txt_keeps_logical_order_and_sets_arabic_flush_right() {
    let doc = arabic_release();
    let options = RenderOptions {
        width: Some(60),
        ..RenderOptions::default()
    };
    let out = text::render(&doc, &un(), &options);
    assert!(squeeze(&out).contains(MIXED), "{out}");
    let arabic: Vec<&str> = out
        .lines()
        // Body lines (the second paragraph is the parsed headline: centred).
        .filter(|l| l.contains("بغداد") || l.contains("ادعاءات"))
        .collect();
    assert!(!arabic.is_empty(), "{out}");
    for line in &arabic {
        assert_eq!(unicode_width::UnicodeWidthStr::width(*line), 60, "{line:?}");
    }
    assert!(arabic.iter().any(|l| l.starts_with(' ')), "{arabic:?}");
    let english = out
        .lines()
        .find(|l| l.contains("Samir"))
        .expect("signature");
    assert!(english.starts_with("Samir"), "{english:?}");
}

/// An Arabic list keeps its measure (its label column is measured by width,
/// not by where a right-aligned label lands) and has its labels on the
/// right: no word is broken by force.
#[test]
fn an_arabic_list_has_its_labels_on_the_right() {
    let mut doc = pressroom::read_document(
        format!("بيان صحفي\n\n{BODY}\n\n- يخضع الفرد في ممارسته حقوقه لتلك القيود التي يقررها القانون فقط.\n- لا يصح بحال من الأحوال أن تمارس هذه الحقوق ممارسة تتناقض مع أغراض الأمم المتحدة ومبادئها.\n").as_bytes(),
        "list.txt",
    )
    .expect("reads");
    doc.meta.language.code = "ar".into();
    let rendered = pdf::render(&doc, &un(), &RenderOptions::default()).expect("renders");
    let broken: Vec<_> = rendered
        .diagnostics
        .iter()
        .filter(|d| d.code == "word-broken")
        .collect();
    assert!(broken.is_empty(), "{broken:?}");
    let layout = pressroom::layout::layout(&doc, &un()).expect("lays out");
    let page = &layout.pages[0];
    let label = page
        .items
        .iter()
        .find_map(|i| match i {
            pressroom::layout::frame::Item::Text(r) if r.text.contains('•') => Some(r.x),
            _ => None,
        })
        .expect("a bullet");
    assert!(
        label > page.width / 2.0,
        "the bullet sits right: x = {label}"
    );
}

/// Words with shadda and a vowel (which Noto Naskh sets as one mark glyph
/// over a contextual letter form, neither reached by the cmap) read back
/// from the glyphs alone, as poppler's structure text reads them (it
/// ignores /ActualText), and the mixed line too.
#[test]
fn marks_and_contextual_forms_read_back_from_the_glyphs() {
    if !crate::common::tool_or_skip("pdfinfo", "reading the structure text as poppler does") {
        return;
    }
    const MARKED: &str =
        "الذي مثَّل بالنسبة إليَّ راية للأمل، ومع طلوع كل صبح توفِّر الأمم المتحدة الطعام ويتحدَّى دائماً.";
    let input = format!("بيان صحفي\n\n{DATELINE} {MARKED}\n\n{MIXED}\n");
    let mut doc = pressroom::read_document(input.as_bytes(), "ar-marks.txt").expect("reads");
    doc.meta.language.code = "ar".into();
    let bytes = pdf::render(&doc, &un(), &RenderOptions::default())
        .expect("renders")
        .bytes;
    let path = crate::render_common::out_dir().join("bidi-marks.pdf");
    std::fs::write(&path, &bytes).expect("write PDF");
    let out = std::process::Command::new("pdfinfo")
        .arg("-struct-text")
        .arg(&path)
        .output()
        .expect("pdfinfo runs");
    let tree = String::from_utf8_lossy(&out.stdout);
    let expected = words(&format!("{MARKED} {MIXED}"));
    assert_eq!(
        first_missing_in_order(&expected, &words(&tree)),
        None,
        "{tree}"
    );
}
