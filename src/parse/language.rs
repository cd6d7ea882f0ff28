//! Language detection with `whatlang` when the input does not state it.
//!
//! whatlang's cost grows with the sample (script and alphabet scores per
//! character, a trigram table per sample) and with the number of candidate
//! languages (one trigram profile each), so detection reads a bounded
//! sample of the body's opening text ([`SAMPLE_CHARS`] characters) and
//! first tries the languages press offices mostly issue in ([`LIKELY`]:
//! English, French, Spanish). whatlang's confidence only compares the
//! candidates it was given, so that fast answer is kept only when at least
//! [`MIN_FUNCTION_WORD_SHARE`] of the sample's words are common function
//! words of the language found; otherwise (Polish, Swedish, Catalan …) all
//! of whatlang's languages are tried.

use whatlang::{Detector, Info, Lang};

use super::block_content;
use crate::model::{Block, Document, Language, LanguageSource, plain_text};

/// Characters of body text given to whatlang.
const SAMPLE_CHARS: usize = 600;

/// The languages tried first.
const LIKELY: [Lang; 3] = [Lang::Eng, Lang::Fra, Lang::Spa];

/// Share of function words a sample needs for the fast answer to stand:
/// running text in the language scores 0.35–0.45, other languages written
/// in the Latin script at most about 0.17.
const MIN_FUNCTION_WORD_SHARE: f64 = 0.25;

/// Sets `doc.meta.language` from the body (or the headline when the body
/// has no text), unless the input stated the language.
pub(super) fn detect(doc: &mut Document) {
    if doc.meta.language.source == LanguageSource::Stated {
        return;
    }
    let mut sample = body_sample(&doc.body);
    if sample.trim().is_empty()
        && let Some(h) = &doc.meta.headline
    {
        sample = h.text.clone();
    }
    if let Some(info) = detect_sample(&sample)
        && let Some(code) = iso639_1(info.lang().code())
        && (info.is_reliable() || info.confidence() >= 0.5)
    {
        doc.meta.language = Language {
            code: code.to_string(),
            source: LanguageSource::Detected,
        };
    }
}

/// whatlang over [`LIKELY`] languages when the function words confirm its
/// answer, else over all of its languages.
fn detect_sample(sample: &str) -> Option<Info> {
    let likely = Detector::with_allowlist(LIKELY.to_vec()).detect(sample);
    match likely {
        Some(info)
            if info.is_reliable()
                && function_word_share(sample, info.lang()) >= MIN_FUNCTION_WORD_SHARE =>
        {
            Some(info)
        }
        _ => whatlang::detect(sample),
    }
}

/// The most frequent short words of each [`LIKELY`] language, leaving out
/// those as common in its Latin-script neighbours (`a`, `i`, `e`, `o`).
fn function_words(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Eng => &[
            "the", "of", "and", "to", "in", "that", "for", "with", "is", "are", "was", "were",
            "this", "from", "have", "has", "will", "which", "their", "its", "be", "it", "we",
            "our", "they", "not", "on", "by", "as",
        ],
        Lang::Fra => &[
            "le", "les", "des", "du", "et", "est", "qui", "dans", "pour", "par", "sur", "au",
            "aux", "pas", "une", "il", "nous", "cette", "sont", "avec", "ces", "son", "sa", "ses",
            "leur", "de", "la", "que", "en", "un", "à",
        ],
        Lang::Spa => &[
            "el", "los", "las", "del", "y", "es", "por", "para", "con", "se", "no", "al", "su",
            "sus", "lo", "como", "más", "una", "de", "la", "que", "en", "un",
        ],
        _ => &[],
    }
}

/// The share of `sample`'s words that are function words of `lang`.
fn function_word_share(sample: &str, lang: Lang) -> f64 {
    let list = function_words(lang);
    let (mut words, mut hits) = (0usize, 0usize);
    for word in sample
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        words += 1;
        hits += usize::from(list.iter().any(|f| f.eq_ignore_ascii_case(word)));
    }
    if words == 0 {
        0.0
    } else {
        hits as f64 / words as f64
    }
}

/// The first [`SAMPLE_CHARS`] characters of the body's text, one line per
/// block, cut at a word boundary when there is one.
fn body_sample(body: &[Block]) -> String {
    let mut sample = String::new();
    let mut chars = 0;
    for block in body {
        let text = block_text(block);
        let room = SAMPLE_CHARS - chars;
        let cut = text.char_indices().nth(room).map_or(text.len(), |(i, _)| i);
        let part = if cut < text.len() {
            text[..cut]
                .rsplit_once(' ')
                .map_or(&text[..cut], |(head, _)| head)
        } else {
            &text
        };
        sample.push_str(part);
        sample.push('\n');
        chars += part.chars().count() + 1;
        if chars >= SAMPLE_CHARS || cut < text.len() {
            break;
        }
    }
    sample
}

/// The plain text of one body block (list items and boilerplate
/// paragraphs joined with spaces).
fn block_text(block: &Block) -> String {
    match block {
        Block::SpeakerTurn { content, .. } => plain_text(content),
        Block::List(list) => list
            .items
            .iter()
            .map(|i| plain_text(&i.content))
            .collect::<Vec<_>>()
            .join(" "),
        Block::Boilerplate { content, .. } => content
            .iter()
            .map(|p| plain_text(p))
            .collect::<Vec<_>>()
            .join(" "),
        other => plain_text(block_content(other)),
    }
}

/// ISO 639-1 code for whatlang's ISO 639-3 code.
fn iso639_1(code: &str) -> Option<&'static str> {
    Some(match code {
        "eng" => "en",
        "fra" => "fr",
        "spa" => "es",
        "rus" => "ru",
        "ara" => "ar",
        "cmn" => "zh",
        "por" => "pt",
        "deu" => "de",
        "ita" => "it",
        "nld" => "nl",
        "pol" => "pl",
        "ukr" => "uk",
        "tur" => "tr",
        "jpn" => "ja",
        "kor" => "ko",
        "hin" => "hi",
        "ben" => "bn",
        "swe" => "sv",
        "dan" => "da",
        "fin" => "fi",
        "nob" => "nb",
        "ces" => "cs",
        "slk" => "sk",
        "hun" => "hu",
        "ron" => "ro",
        "bul" => "bg",
        "ell" => "el",
        "heb" => "he",
        "pes" => "fa",
        "urd" => "ur",
        "ind" => "id",
        "vie" => "vi",
        "tha" => "th",
        "sin" => "si",
        "tam" => "ta",
        "hrv" => "hr",
        "srp" => "sr",
        "slv" => "sl",
        "lit" => "lt",
        "lav" => "lv",
        "est" => "et",
        "cat" => "ca",
        "afr" => "af",
        "epo" => "eo",
        "lat" => "la",
        "bel" => "be",
        "mkd" => "mk",
        "kat" => "ka",
        "hye" => "hy",
        "aze" => "az",
        "uzb" => "uz",
        "amh" => "am",
        "nep" => "ne",
        "mar" => "mr",
        "tel" => "te",
        "kan" => "kn",
        "mal" => "ml",
        "guj" => "gu",
        "pan" => "pa",
        "ori" => "or",
        "mya" => "my",
        "khm" => "km",
        "tgl" => "tl",
        "jav" => "jv",
        "zul" => "zu",
        "sna" => "sn",
        "aka" => "ak",
        "cym" => "cy",
        "tuk" => "tk",
        "yid" => "yi",
        _ => return None,
    })
}
