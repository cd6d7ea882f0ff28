//! A template's fixed strings per language: `[locale.CODE]` tables (CODE an
//! ISO 639-1 code: `fr`, `es`, `ru`, `zh`, `ar`, …) that override any
//! printed string of the template for a release in that language.
//!
//! A locale table mirrors the template's own keys, holding strings only:
//!
//! ```toml
//! [locale.fr]
//! letterhead.lines = ["NATIONS UNIES", "Couverture des réunions et communiqués de presse"]
//! letterhead.label = "Communiqué de presse"
//! letterhead.masthead = ["Département de la communication globale · New York"]
//! disclaimer.text = "À l’intention des organes d’information. Document non officiel."
//! end_mark.text = "*   ***   *"
//! header.rest.left = "Communiqué de presse {symbol} — {date}"
//! footer.rest.right = "Page {page} sur {pages}"
//! ```
//!
//! Keys left out keep the template's own string; `letterhead.lines` and
//! `letterhead.masthead` replace the texts of the template's lines in order
//! (their styles stay). Applying a table also sets the template's
//! [`language`](Template::language), so dates are written in it
//! ("24 novembre 2020"); an empty `[locale.fr]` gives French dates and the
//! template's own strings.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::dates::{self, primary_language};
use super::types::{Band, DateFormat, LetterheadLine, Running, Template};
use crate::model::Metadata;

/// The strings of one language. Every key is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Locale {
    /// `more`: the marker at the foot of non-final pages.
    pub more: Option<String>,
    /// Letterhead texts.
    pub letterhead: LetterheadText,
    /// The date format.
    pub symbol_date: SymbolDateText,
    /// Release-line texts.
    pub release_line: ReleaseLineText,
    /// The end mark.
    pub end_mark: TextOnly,
    /// The disclaimer.
    pub disclaimer: TextOnly,
    /// Running heads.
    pub header: RunningText,
    /// Running feet.
    pub footer: RunningText,
    /// The strings of a handout pack (cover and contents).
    pub pack: PackText,
}

/// Letterhead texts of a locale.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LetterheadText {
    /// Texts of `letterhead.lines`, in order.
    pub lines: Option<Vec<String>>,
    /// Text of `letterhead.label`.
    pub label: Option<String>,
    /// Texts of `letterhead.masthead`, in order.
    pub masthead: Option<Vec<String>>,
    /// `letterhead.logo_alt`.
    pub logo_alt: Option<String>,
}

/// The date format of a locale.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SymbolDateText {
    /// `symbol_date.date_format`.
    pub date_format: Option<DateFormat>,
}

/// Release-line texts of a locale.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReleaseLineText {
    /// `release_line.immediate`.
    pub immediate: Option<String>,
    /// `release_line.embargoed` (`{until}` is replaced).
    pub embargoed: Option<String>,
}

/// A table whose only string is `text` (`end_mark`, `disclaimer`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TextOnly {
    /// The text.
    pub text: Option<String>,
}

/// Running-head or -foot texts of a locale.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RunningText {
    /// On the first page.
    pub first: BandText,
    /// On every later page.
    pub rest: BandText,
}

/// The three slots of a band; a slot left out keeps the template's.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BandText {
    /// Flush-left text.
    pub left: Option<String>,
    /// Centred text.
    pub center: Option<String>,
    /// Flush-right text.
    pub right: Option<String>,
}

/// The fixed strings of a handout pack: its cover and contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PackStrings {
    /// The pack's title when none is given ("Press Releases").
    pub title: String,
    /// The contents heading and bookmark ("Contents").
    pub contents: String,
    /// The count of one release on the cover ("1 press release").
    pub count_one: String,
    /// The count of several ("{count} press releases").
    pub count: String,
}

impl Default for PackStrings {
    fn default() -> Self {
        PackStrings {
            title: "Press Releases".to_string(),
            contents: "Contents".to_string(),
            count_one: "1 press release".to_string(),
            count: "{count} press releases".to_string(),
        }
    }
}

impl PackStrings {
    /// "1 press release", "4 press releases": `count_one` for one, else
    /// `count` with `{count}` filled.
    pub fn count_label(&self, n: usize) -> String {
        if n == 1 {
            self.count_one.replace("{count}", "1")
        } else {
            self.count.replace("{count}", &n.to_string())
        }
    }
}

/// The pack strings of a locale.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PackText {
    /// `pack.title`.
    pub title: Option<String>,
    /// `pack.contents`.
    pub contents: Option<String>,
    /// `pack.count_one`.
    pub count_one: Option<String>,
    /// `pack.count`.
    pub count: Option<String>,
}

fn set(target: &mut String, value: &Option<String>) {
    if let Some(value) = value {
        target.clone_from(value);
    }
}

fn set_lines(lines: &mut [LetterheadLine], texts: &Option<Vec<String>>) {
    for (line, text) in lines.iter_mut().zip(texts.iter().flatten()) {
        line.text.clone_from(text);
    }
}

fn set_band(band: &mut Band, text: &BandText) {
    set(&mut band.left, &text.left);
    set(&mut band.center, &text.center);
    set(&mut band.right, &text.right);
}

fn set_running(running: &mut Running, text: &RunningText) {
    set_band(&mut running.first, &text.first);
    set_band(&mut running.rest, &text.rest);
}

impl Locale {
    /// Writes this locale's strings over `t`'s.
    fn apply(&self, t: &mut Template) {
        set(&mut t.more, &self.more);
        let lh = &self.letterhead;
        set_lines(&mut t.letterhead.lines, &lh.lines);
        set_lines(&mut t.letterhead.masthead, &lh.masthead);
        if let Some(text) = &lh.label {
            let label = t
                .letterhead
                .label
                .get_or_insert_with(LetterheadLine::default);
            label.text.clone_from(text);
        }
        set(&mut t.letterhead.logo_alt, &lh.logo_alt);
        if let Some(format) = self.symbol_date.date_format {
            t.symbol_date.date_format = format;
        }
        set(&mut t.release_line.immediate, &self.release_line.immediate);
        set(&mut t.release_line.embargoed, &self.release_line.embargoed);
        set(&mut t.end_mark.text, &self.end_mark.text);
        set(&mut t.disclaimer.text, &self.disclaimer.text);
        set_running(&mut t.header, &self.header);
        set_running(&mut t.footer, &self.footer);
        set(&mut t.pack.title, &self.pack.title);
        set(&mut t.pack.contents, &self.pack.contents);
        set(&mut t.pack.count_one, &self.pack.count_one);
        set(&mut t.pack.count, &self.pack.count);
    }
}

impl Template {
    /// The template for a release in `code` (an ISO 639-1 code as
    /// `doc.meta.language.code` holds it; a region or script subtag is
    /// ignored): this template with its `[locale.CODE]` strings applied and
    /// its [`language`](Template::language) set to CODE. The template
    /// itself when it is in that language already or has no table for it.
    pub fn for_language(&self, code: &str) -> Cow<'_, Template> {
        let code = primary_language(code);
        match self.locale.get(&code) {
            Some(locale) if code != self.language => {
                let mut t = self.clone();
                locale.apply(&mut t);
                t.language = code;
                Cow::Owned(t)
            }
            _ => Cow::Borrowed(self),
        }
    }

    /// The languages the template has strings for: its own and those of
    /// its locale tables.
    pub fn languages(&self) -> Vec<&str> {
        let mut out = vec![self.language.as_str()];
        out.extend(
            self.locale
                .keys()
                .map(String::as_str)
                .filter(|c| *c != self.language),
        );
        out
    }

    /// Writes the ISO date `iso` (`YYYY-MM-DD` or `YYYY-MM`) in the
    /// template's date format and language; `None` when it is no such date.
    pub fn format_date(&self, iso: &str) -> Option<String> {
        dates::format_date(self.symbol_date.date_format, &self.language, iso)
    }

    /// The release date of `meta` as every rendition prints it: formatted
    /// by [`Template::format_date`], else as the input wrote it; `None` for
    /// an undated release.
    pub fn release_date(&self, meta: &Metadata) -> Option<String> {
        dates::release_date(meta, self.symbol_date.date_format, &self.language)
    }
}

/// Sets the language of a release as stated (`--lang`, the project's
/// `lang`): its primary subtag, lower-cased, over the detected one.
pub fn state_language(meta: &mut Metadata, code: &str) {
    meta.language = crate::model::Language {
        code: primary_language(code),
        source: crate::model::LanguageSource::Stated,
    };
    if meta.issuer_derived {
        crate::issuer::derive(meta);
    }
}

/// Templates per language, each made once: what a batch or a handout keeps
/// so that a template's DOCX parts and fonts are built once per language,
/// not once per document.
#[derive(Debug, Clone, Default)]
pub struct ByLanguage {
    made: BTreeMap<String, std::sync::Arc<Template>>,
}

impl ByLanguage {
    /// `base` in every language it has strings for.
    pub fn new(base: &Template) -> Self {
        let made = base
            .languages()
            .into_iter()
            .map(|code| {
                let t = base.for_language(code).into_owned();
                (code.to_string(), std::sync::Arc::new(t))
            })
            .collect();
        ByLanguage { made }
    }

    /// The template for `code`: the one made for its language, else the
    /// base (in its own language).
    pub fn get(&self, code: &str, base_language: &str) -> Option<&std::sync::Arc<Template>> {
        self.made
            .get(&primary_language(code))
            .or_else(|| self.made.get(base_language))
    }

    /// Every template made.
    pub fn all(&self) -> impl Iterator<Item = &std::sync::Arc<Template>> {
        self.made.values()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_french() -> Template {
        let src = "[letterhead]\nlines = [{ text = \"UNITED NATIONS\" }, { text = \"Press\" }]\n\
                   label = { text = \"Press Release\" }\n\
                   [footer]\nrest = { left = \"{disclaimer}\", right = \"Page {page} of {pages}\" }\n\
                   [locale.fr]\nletterhead.lines = [\"NATIONS UNIES\"]\n\
                   letterhead.label = \"Communiqué de presse\"\n\
                   footer.rest.right = \"Page {page} sur {pages}\"\n";
        super::super::load_from_str(src, "t.toml", None).expect("loads")
    }

    #[test]
    fn a_locale_overrides_only_the_strings_it_names() {
        let base = with_french();
        let fr = base.for_language("fr");
        assert_eq!(fr.language, "fr");
        assert_eq!(fr.letterhead.lines[0].text, "NATIONS UNIES");
        assert_eq!(fr.letterhead.lines[1].text, "Press", "not named: kept");
        assert_eq!(fr.letterhead.lines[0].style, base.letterhead.lines[0].style);
        let label = fr.letterhead.label.as_ref().map(|l| l.text.as_str());
        assert_eq!(label, Some("Communiqué de presse"));
        assert_eq!(fr.footer.rest.right, "Page {page} sur {pages}");
        assert_eq!(fr.footer.rest.left, "{disclaimer}");
        assert_eq!(fr.format_date("2020-11-24").unwrap(), "24 novembre 2020");
    }

    #[test]
    fn a_language_without_a_table_keeps_the_template() {
        let base = with_french();
        assert!(matches!(base.for_language("de"), Cow::Borrowed(_)));
        assert!(matches!(base.for_language("en"), Cow::Borrowed(_)));
        assert!(matches!(base.for_language("FR-ca"), Cow::Owned(_)));
        assert_eq!(
            base.for_language("de").format_date("2020-11-24").unwrap(),
            "24 November 2020"
        );
    }

    #[test]
    fn by_language_makes_each_language_once() {
        let base = with_french();
        let made = ByLanguage::new(&base);
        assert_eq!(made.all().count(), 2);
        let fr = made.get("fr", "en").expect("fr");
        assert!(std::sync::Arc::ptr_eq(
            fr,
            made.get("fr-FR", "en").expect("fr")
        ));
        assert_eq!(made.get("de", "en").expect("base").language, "en");
    }

    #[test]
    fn pack_counts_fill_the_number() {
        let pack = PackStrings::default();
        assert_eq!(pack.count_label(1), "1 press release");
        assert_eq!(pack.count_label(4), "4 press releases");
    }
}
