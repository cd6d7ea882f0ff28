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
/// running text in the language scores 0.35–0.45 (0.2–0.25 for name-heavy
/// announcements), other languages written in the Latin script 0.17 at
/// most (Catalan read as Spanish; whatlang also calls that unreliable).
const MIN_FUNCTION_WORD_SHARE: f64 = 0.2;

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

/// True when `text` (its first [`SAMPLE_CHARS`] characters) reads as
/// French: UN French pages write all-numeric dates day first
/// ("3/05/2012"), whatever the caller's default order.
pub(super) fn reads_as_french(text: &str) -> bool {
    let cut = text
        .char_indices()
        .nth(SAMPLE_CHARS)
        .map_or(text.len(), |(i, _)| i);
    detect_sample(&text[..cut]).is_some_and(|info| info.lang() == Lang::Fra)
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
            "this", "from", "have", "has", "had", "will", "would", "which", "who", "their", "its",
            "be", "been", "it", "we", "our", "they", "not", "on", "by", "as", "an", "at", "or",
            "he", "his", "she", "her", "also", "more", "all", "but", "can", "these", "than",
            "into", "about", "after", "other", "you", "your",
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

#[cfg(test)]
mod tests {
    use super::*;

    fn code(sample: &str) -> Option<&'static str> {
        detect_sample(sample).and_then(|info| iso639_1(info.lang().code()))
    }

    #[test]
    fn likely_languages_take_the_fast_path() {
        let english = "The Secretary-General welcomes the agreement reached yesterday by the parties to the conflict and calls for its full implementation. He commends the mediators for their tireless efforts.";
        let french = "Le Secrétaire général se félicite de l'accord conclu hier par les parties au conflit et demande sa pleine mise en œuvre. Il salue les médiateurs pour leurs efforts inlassables.";
        assert!(function_word_share(english, Lang::Eng) >= MIN_FUNCTION_WORD_SHARE);
        assert!(function_word_share(french, Lang::Fra) >= MIN_FUNCTION_WORD_SHARE);
        assert_eq!(code(english), Some("en"));
        assert_eq!(code(french), Some("fr"));
    }

    #[test]
    fn other_languages_are_not_forced_into_the_likely_ones() {
        // Over English, French and Spanish only, whatlang calls these
        // reliably Spanish, Italian and Spanish.
        let swedish = "Alla människor är födda fria och lika i värde och rättigheter. De är utrustade med förnuft och samvete och bör handla gentemot varandra i en anda av broderskap. Generalsekreteraren välkomnar överenskommelsen som parterna nådde i går och uppmanar till ett fullständigt genomförande.";
        let polish = "Wszyscy ludzie rodzą się wolni i równi pod względem swej godności i swych praw. Są oni obdarzeni rozumem i sumieniem i powinni postępować wobec innych w duchu braterstwa. Sekretarz Generalny z zadowoleniem przyjmuje porozumienie osiągnięte wczoraj przez strony konfliktu i wzywa do jego pełnego wdrożenia.";
        let czech = "Všichni lidé rodí se svobodní a sobě rovní co do důstojnosti a práv. Jsou nadáni rozumem a svědomím a mají spolu jednat v duchu bratrství.";
        assert_eq!(code(swedish), Some("sv"));
        assert_eq!(code(polish), Some("pl"));
        assert_eq!(code(czech), Some("cs"));
    }

    #[test]
    fn the_sample_is_bounded_and_cut_between_words() {
        let long = "word ".repeat(400);
        let body = vec![Block::Paragraph {
            content: vec![crate::model::Inline::text(&long)],
        }];
        let sample = body_sample(&body);
        assert!(sample.chars().count() <= SAMPLE_CHARS + 1);
        assert!(sample.trim_end().ends_with("word"));
    }
}
