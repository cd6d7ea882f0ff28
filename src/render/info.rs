//! The document-information block: what the input said about the release that
//! no other part of a rendition prints, so that nothing of the input is lost
//! (see [`crate::coverage`]). Every rendition (PDF, DOCX, plain text) sets it
//! after the contacts, one "Label: value" line per entry, in this order:
//!
//! 1. the issuer and the issuing office, unless the letterhead already shows
//!    them (a `release` letterhead prints `{issuer}`; the `un` letterhead its
//!    own lines);
//! 2. categories and topics (each left out when the letterhead shows it);
//! 3. the source address;
//! 4. every other front-matter key, by key ("Modified time: …").

use crate::model::Document;
use crate::template::Template;

/// One line of the block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InfoLine {
    /// What the value is ("Source", "Categories").
    pub label: String,
    /// The value as the input gave it.
    pub value: String,
}

impl InfoLine {
    /// The line as printed: "Label: value".
    pub fn text(&self) -> String {
        format!("{}: {}", self.label, self.value)
    }
}

/// The block's lines for `doc` in `template` (empty when there is nothing
/// left to print).
pub fn lines(doc: &Document, template: &Template) -> Vec<InfoLine> {
    let meta = &doc.meta;
    let letterhead = letterhead_text(doc, template);
    let shown = |value: &str| letterhead.contains(&word_key(value));
    let mut out = Vec::new();
    let mut push = |label: &str, value: &str| {
        if !value.trim().is_empty() {
            out.push(InfoLine {
                label: label.to_string(),
                value: value.trim().to_string(),
            });
        }
    };
    let label = Labels::for_language(&meta.language.code);
    if let Some(issuer) = meta.issuer.as_deref().filter(|i| !shown(i)) {
        push(label.issued_by, issuer);
    }
    if let Some(office) = meta.issuing_office.as_deref().filter(|o| !shown(o)) {
        push(label.office, office);
    }
    let unshown = |values: &[String]| -> String {
        let kept: Vec<&str> = values
            .iter()
            .map(String::as_str)
            .filter(|v| !shown(v))
            .collect();
        kept.join(", ")
    };
    push(label.categories, &unshown(&meta.categories));
    push(label.topics, &unshown(&meta.topics));
    if let Some(url) = &meta.source_url {
        push(label.source, url);
    }
    for (key, value) in &meta.extra {
        push(&key_label(key), value);
    }
    out
}

/// The letterhead's words (lines, label, masthead, placeholders filled), as
/// a [`word_key`] per line.
fn letterhead_text(doc: &Document, template: &Template) -> String {
    let fields = super::text::placeholders(doc, template);
    let lh = &template.letterhead;
    lh.lines
        .iter()
        .chain(lh.label.iter())
        .chain(lh.masthead.iter())
        .map(|line| word_key(&fields.fill(&line.text, 1, 1)))
        .collect()
}

/// `text`'s words, lower-cased, each followed by a space and the whole
/// preceded by one: " meetings coverage and press releases ", so that a
/// value is shown when its key is a substring of the letterhead's.
fn word_key(text: &str) -> String {
    let mut key = String::from(" ");
    for word in crate::words::words(text) {
        key.push_str(&word.to_lowercase());
        key.push(' ');
    }
    key
}

/// The block's labels in a release's language (ISO 639-1); English for
/// any language without its own. Front-matter keys are printed as written.
struct Labels {
    issued_by: &'static str,
    office: &'static str,
    categories: &'static str,
    topics: &'static str,
    source: &'static str,
}

impl Labels {
    fn for_language(code: &str) -> Labels {
        let [issued_by, office, categories, topics, source] = match code {
            "fr" => ["Publié par", "Bureau", "Catégories", "Thèmes", "Source"],
            "es" => ["Publicado por", "Oficina", "Categorías", "Temas", "Fuente"],
            "ru" => ["Издано", "Отделение", "Категории", "Темы", "Источник"],
            "zh" => ["发布机构", "办事处", "类别", "主题", "来源"],
            "ar" => ["صادر عن", "المكتب", "الفئات", "المواضيع", "المصدر"],
            _ => ["Issued by", "Office", "Categories", "Topics", "Source"],
        };
        Labels {
            issued_by,
            office,
            categories,
            topics,
            source,
        }
    }
}

/// A front-matter key as a label: `modified_time` → "Modified time".
fn key_label(key: &str) -> String {
    let spaced = key.replace(['_', '-'], " ");
    let mut chars = spaced.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "Note".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_keys_read_as_labels() {
        assert_eq!(key_label("modified_time"), "Modified time");
        assert_eq!(key_label("og-type"), "Og type");
    }

    #[test]
    fn what_the_letterhead_shows_is_not_repeated() {
        let mut doc = Document::default();
        doc.meta.issuer = Some("The White House".into());
        doc.meta.issuing_office = Some("UN Information Service Vienna".into());
        doc.meta.categories = vec!["Daily News".into(), "Press Release".into()];
        doc.meta.source_url = Some("https://example.org/a".into());
        doc.meta
            .extra
            .insert("modified_time".into(), "2021-01-20 22:30:05-05:00".into());
        let un = crate::template::resolve("un").expect("bundled template");
        let texts: Vec<String> = lines(&doc, &un).iter().map(InfoLine::text).collect();
        assert_eq!(
            texts,
            [
                "Issued by: The White House",
                "Office: UN Information Service Vienna",
                "Categories: Daily News",
                "Source: https://example.org/a",
                "Modified time: 2021-01-20 22:30:05-05:00",
            ]
        );
        let release = crate::template::resolve("release").expect("bundled template");
        assert!(!lines(&doc, &release).iter().any(|l| l.label == "Issued by"));
    }

    #[test]
    fn a_french_un_release_names_the_un_in_french_and_labels_in_french() {
        let input = "SG/SM/9909\n\nCommuniqué de presse\n\nLe Secrétaire général a fait la \
                     déclaration suivante sur la paix et la sécurité internationales.\n";
        let doc = crate::read_document(input.as_bytes(), "sgsm9909-fr.txt").expect("reads");
        assert_eq!(doc.meta.language.code, "fr");
        assert_eq!(doc.meta.issuer.as_deref(), Some("Nations Unies"));
        assert!(doc.meta.issuer_derived);
        let un = crate::template::resolve("un").expect("bundled template");
        let french = un.for_language("fr");
        // NATIONS UNIES heads the letterhead: the issuer is not repeated.
        assert!(lines(&doc, &french).iter().all(|l| l.label != "Publié par"));
        let mut other = doc.clone();
        other.meta.categories = vec!["Paix et sécurité".into()];
        let texts: Vec<String> = lines(&other, &french).iter().map(InfoLine::text).collect();
        assert!(
            texts.contains(&"Catégories: Paix et sécurité".to_string()),
            "{texts:?}"
        );
    }
}
