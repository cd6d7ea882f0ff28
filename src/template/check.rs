//! What serde cannot check in a template: sizes that make no page, and
//! placeholders that would be printed as typed. Each problem names its key
//! (`styles.body.size`, `header.rest.left`) so the loader can add the line.

use super::messages::nearest;
use super::types::Template;

/// A problem with one key of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Invalid {
    /// Dotted key path (`text.width`, `letterhead.lines[0].text`).
    pub key: String,
    /// What is wrong, without the key.
    pub message: String,
}

fn invalid(key: impl Into<String>, message: impl Into<String>) -> Invalid {
    Invalid {
        key: key.into(),
        message: message.into(),
    }
}

/// The placeholders of letterhead lines, the letterhead label and
/// masthead, and running heads and feet, in the order the README lists them.
pub const PLACEHOLDERS: &[&str] = &[
    "symbol",
    "date",
    "headline",
    "issuer",
    "disclaimer",
    "page",
    "pages",
];

/// The placeholder of `release_line.embargoed`.
pub const EMBARGO_PLACEHOLDERS: &[&str] = &["until"];

/// No placeholder: a text printed as it is.
const NONE: &[&str] = &[];

/// The placeholder of `pack.count` and `pack.count_one`.
pub const COUNT_PLACEHOLDERS: &[&str] = &["count"];

/// Checks sizes: margins that leave a text area, a plain-text width, and
/// every style's size and leading.
pub(super) fn sizes(t: &Template) -> Result<(), Invalid> {
    let (w, h) = t.page.dimensions();
    if t.page.text_width() < 72.0 || t.page.text_height() < 144.0 {
        return Err(invalid(
            "page.margins",
            format!(
                "margins leave no room for text on a {:.0} × {:.0} mm page",
                w.to_mm(),
                h.to_mm()
            ),
        ));
    }
    if t.text.width < 20 || t.text.width > 400 {
        return Err(invalid(
            "text.width",
            format!("{} is out of range (20 to 400 columns)", t.text.width),
        ));
    }
    let styles = &t.styles;
    for (name, style) in [
        ("body", &styles.body),
        ("headline", &styles.headline),
        ("subheadline", &styles.subheadline),
        ("lead_in", &styles.lead_in),
        ("heading1", &styles.heading1),
        ("heading2", &styles.heading2),
        ("heading3", &styles.heading3),
        ("quote", &styles.quote),
        ("list", &styles.list),
        ("symbol", &styles.symbol),
        ("date", &styles.date),
        ("end_mark", &styles.end_mark),
        ("disclaimer", &styles.disclaimer),
        ("running", &styles.running),
    ] {
        if !(4.0..=96.0).contains(&style.size) {
            return Err(invalid(
                format!("styles.{name}.size"),
                format!("{} is out of range (4 to 96 pt)", style.size),
            ));
        }
        if !(0.8..=4.0).contains(&style.leading) {
            return Err(invalid(
                format!("styles.{name}.leading"),
                format!("{} is out of range (0.8 to 4)", style.leading),
            ));
        }
    }
    Ok(())
}

/// Checks that every `{name}` in the template's printed text is a
/// placeholder that text fills: an unknown one (`{dat}`) would be printed
/// as typed. There is no escape: a word in braces is always a placeholder.
pub(super) fn placeholders(t: &Template) -> Result<(), Invalid> {
    for (key, text, known) in printed_text(t) {
        if let Some(name) = unknown_placeholder(text, known) {
            return Err(invalid(key, unknown_message(&name, known)));
        }
    }
    Ok(())
}

/// Checks the `[locale.CODE]` tables: each CODE an ISO 639 code (two or
/// three lower-case letters), no more letterhead or masthead lines than the
/// template has, and in every string only the placeholders its key takes.
pub(super) fn locales(t: &Template) -> Result<(), Invalid> {
    for (code, locale) in &t.locale {
        let at = format!("locale.{code}");
        let letters = code.len() >= 2 && code.len() <= 3;
        if !letters || !code.bytes().all(|b| b.is_ascii_lowercase()) {
            return Err(invalid(
                at,
                format!(
                    "`{code}` is not a language code (write an ISO 639-1 code in lower case: \
                     en, fr, es, ru, zh, ar, …)"
                ),
            ));
        }
        let lh = &locale.letterhead;
        for (key, texts, have) in [
            ("lines", &lh.lines, t.letterhead.lines.len()),
            ("masthead", &lh.masthead, t.letterhead.masthead.len()),
        ] {
            let given = texts.as_ref().map_or(0, Vec::len);
            if given > have {
                return Err(invalid(
                    format!("{at}.letterhead.{key}"),
                    format!(
                        "{given} texts for the template's {have} letterhead.{key} \
                         (a locale replaces the texts of the template's lines in order)"
                    ),
                ));
            }
        }
        for (key, text, known) in locale_text(locale) {
            if let Some(name) = unknown_placeholder(text, known) {
                return Err(invalid(
                    format!("{at}.{key}"),
                    unknown_message(&name, known),
                ));
            }
        }
    }
    Ok(())
}

/// Every string of a locale table: its key (below `locale.CODE`), its text
/// and the placeholders it takes.
fn locale_text(l: &super::Locale) -> Vec<(String, &str, &'static [&'static str])> {
    let mut out: Vec<(String, &str, &'static [&'static str])> = Vec::new();
    let lh = &l.letterhead;
    for (list, texts) in [("lines", &lh.lines), ("masthead", &lh.masthead)] {
        for (i, text) in texts.iter().flatten().enumerate() {
            out.push((format!("letterhead.{list}[{i}]"), text, PLACEHOLDERS));
        }
    }
    if let Some(label) = &lh.label {
        out.push(("letterhead.label".into(), label, PLACEHOLDERS));
    }
    for (part, running) in [("header", &l.header), ("footer", &l.footer)] {
        for (which, band) in [("first", &running.first), ("rest", &running.rest)] {
            for (slot, text) in [
                ("left", &band.left),
                ("center", &band.center),
                ("right", &band.right),
            ] {
                if let Some(text) = text {
                    out.push((format!("{part}.{which}.{slot}"), text, PLACEHOLDERS));
                }
            }
        }
    }
    let rl = &l.release_line;
    let pack = &l.pack;
    for (key, text, known) in [
        (
            "release_line.embargoed",
            &rl.embargoed,
            EMBARGO_PLACEHOLDERS,
        ),
        ("release_line.immediate", &rl.immediate, NONE),
        ("end_mark.text", &l.end_mark.text, NONE),
        ("disclaimer.text", &l.disclaimer.text, NONE),
        ("more", &l.more, NONE),
        ("letterhead.logo_alt", &lh.logo_alt, NONE),
        ("pack.title", &pack.title, NONE),
        ("pack.contents", &pack.contents, NONE),
        ("pack.count_one", &pack.count_one, COUNT_PLACEHOLDERS),
        ("pack.count", &pack.count, COUNT_PLACEHOLDERS),
    ] {
        if let Some(text) = text {
            out.push((key.into(), text, known));
        }
    }
    out
}

/// Every printed text of the template: its key, its text and the
/// placeholders it takes.
fn printed_text(t: &Template) -> Vec<(String, &str, &'static [&'static str])> {
    let mut out: Vec<(String, &str, &'static [&'static str])> = Vec::new();
    let lh = &t.letterhead;
    for (i, line) in lh.lines.iter().enumerate() {
        out.push((
            format!("letterhead.lines[{i}].text"),
            &line.text,
            PLACEHOLDERS,
        ));
    }
    if let Some(label) = &lh.label {
        out.push(("letterhead.label.text".into(), &label.text, PLACEHOLDERS));
    }
    for (i, line) in lh.masthead.iter().enumerate() {
        out.push((
            format!("letterhead.masthead[{i}].text"),
            &line.text,
            PLACEHOLDERS,
        ));
    }
    for (part, running) in [("header", &t.header), ("footer", &t.footer)] {
        for (which, band) in [("first", &running.first), ("rest", &running.rest)] {
            for (slot, text) in [
                ("left", &band.left),
                ("center", &band.center),
                ("right", &band.right),
            ] {
                out.push((format!("{part}.{which}.{slot}"), text, PLACEHOLDERS));
            }
        }
    }
    out.push((
        "release_line.embargoed".into(),
        &t.release_line.embargoed,
        EMBARGO_PLACEHOLDERS,
    ));
    for (key, text) in [
        ("release_line.immediate", &t.release_line.immediate),
        ("end_mark.text", &t.end_mark.text),
        ("disclaimer.text", &t.disclaimer.text),
        ("more", &t.more),
        ("letterhead.logo_alt", &lh.logo_alt),
        ("pack.title", &t.pack.title),
        ("pack.contents", &t.pack.contents),
    ] {
        out.push((key.into(), text, &[]));
    }
    for (key, text) in [
        ("pack.count_one", &t.pack.count_one),
        ("pack.count", &t.pack.count),
    ] {
        out.push((key.into(), text, COUNT_PLACEHOLDERS));
    }
    out
}

/// The first `{word}` of `text` (a word: letters, digits, `_`, with
/// spaces around it allowed) that is not one of `known`, braces included.
fn unknown_placeholder(text: &str, known: &[&str]) -> Option<String> {
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let close = after.find(['{', '}'])?;
        let inner = &after[..close];
        let word = inner.trim();
        let shaped = after[close..].starts_with('}')
            && !word.is_empty()
            && word.chars().all(|c| c.is_alphanumeric() || c == '_');
        if shaped && !known.contains(&inner) {
            return Some(format!("{{{inner}}}"));
        }
        rest = &after[close..];
    }
    None
}

/// `unknown placeholder {dat}; did you mean {date}? (known: {symbol}, …)`.
fn unknown_message(placeholder: &str, known: &[&str]) -> String {
    let mut message = format!("unknown placeholder {placeholder}");
    if known.is_empty() {
        message.push_str(" (this text takes no placeholders)");
        return message;
    }
    let word = placeholder.trim_matches(['{', '}']).trim();
    if let Some(near) = nearest(word, known) {
        message.push_str(&format!("; did you mean {{{near}}}?"));
    }
    let list: Vec<String> = known.iter().map(|k| format!("{{{k}}}")).collect();
    message.push_str(&format!(" (known: {})", list.join(", ")));
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_in_braces_must_be_known_placeholders() {
        assert_eq!(
            unknown_placeholder("Page {page} of {pages}", PLACEHOLDERS),
            None
        );
        assert_eq!(
            unknown_placeholder("Press Release {symbol} — {dat}", PLACEHOLDERS).as_deref(),
            Some("{dat}")
        );
        assert_eq!(
            unknown_placeholder("{ date }", PLACEHOLDERS).as_deref(),
            Some("{ date }")
        );
        assert_eq!(unknown_placeholder("A/RES/{75/1}", PLACEHOLDERS), None);
        assert_eq!(unknown_placeholder("{}", PLACEHOLDERS), None);
        assert_eq!(unknown_placeholder("{{date}", PLACEHOLDERS), None);
        assert_eq!(
            unknown_placeholder("UNTIL {date}", EMBARGO_PLACEHOLDERS).as_deref(),
            Some("{date}")
        );
    }

    #[test]
    fn the_message_suggests_the_nearest_placeholder() {
        assert_eq!(
            unknown_message("{dat}", PLACEHOLDERS),
            "unknown placeholder {dat}; did you mean {date}? (known: {symbol}, {date}, \
             {headline}, {issuer}, {disclaimer}, {page}, {pages})"
        );
        assert_eq!(
            unknown_message("{date}", &[]),
            "unknown placeholder {date} (this text takes no placeholders)"
        );
    }
}
