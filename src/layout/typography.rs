//! Spacing rules of a language, applied to a document's text before it is
//! rendered (PDF, DOCX and TXT read the same result; JSON keeps the model
//! as parsed).
//!
//! French puts a narrow no-break space (U+202F) before `;` `:` `!` `?` and
//! `»`, and after `«` (Lexique des règles typographiques en usage à
//! l'Imprimerie nationale; Canadian French before `:` and `»` and after `«`
//! only). Texts taken from web pages have usually lost these spaces
//! ("Kofi Annan:", "« LES PLUS »" with ordinary spaces): an ordinary space
//! there becomes U+202F, a missing one is inserted. A no-break space the
//! text already has (U+00A0, U+202F) is kept as written. Left alone: URLs
//! and e-mail addresses, and a colon or mark followed by a letter or digit
//! (times "10:30", ratios "3:1", "a:b"), so symbols keep their form.
//!
//! Nothing is lost: U+202F separates words as a space does for the word
//! checks ([`crate::words`]), so "Annan :" still has the word "Annan".

use std::borrow::Cow;

use crate::model::{Block, Document, Inline, List};

/// Narrow no-break space.
const NNBSP: char = '\u{202F}';

/// The document with its language's spacing rules applied to its
/// headline, subheadlines, editorial notes and body; borrowed unchanged
/// when its language has none (every language but French today).
pub fn localize(doc: &Document) -> Cow<'_, Document> {
    let Some(rules) = FrenchRules::for_tag(&doc.meta.language.code) else {
        return Cow::Borrowed(doc);
    };
    let mut doc = doc.clone();
    let meta = &mut doc.meta;
    if let Some(h) = meta.headline.as_mut() {
        h.text = rules.apply(&h.text, None, None);
    }
    for s in meta
        .subheadlines
        .iter_mut()
        .chain(&mut meta.editorial_notes)
    {
        *s = rules.apply(s, None, None);
    }
    for block in &mut doc.body {
        for content in block_contents(block) {
            rules.apply_inlines(content);
        }
    }
    Cow::Owned(doc)
}

/// The inline contents of a block (list items and table cells each one).
fn block_contents(block: &mut Block) -> Vec<&mut Vec<Inline>> {
    match block {
        Block::LeadIn { content }
        | Block::Paragraph { content }
        | Block::Heading { content, .. }
        | Block::Quote { content }
        | Block::SpeakerTurn { content, .. } => vec![content],
        Block::Boilerplate { content, .. } => content.iter_mut().collect(),
        Block::Table { rows } => rows.iter_mut().flatten().collect(),
        Block::List(list) => {
            let mut out = Vec::new();
            list_contents(list, &mut out);
            out
        }
        Block::ContactBlock { .. } => Vec::new(),
    }
}

fn list_contents<'a>(list: &'a mut List, out: &mut Vec<&'a mut Vec<Inline>>) {
    for item in &mut list.items {
        out.push(&mut item.content);
        for child in &mut item.children {
            list_contents(child, out);
        }
    }
}

/// The marks French spaces, by variety.
#[derive(Debug, Clone, Copy)]
struct FrenchRules {
    /// The marks that take a space before them (`»` always does).
    before: &'static [char],
}

impl FrenchRules {
    /// The rules for a BCP 47 tag: French, Canadian French, or none.
    fn for_tag(tag: &str) -> Option<FrenchRules> {
        let mut parts = tag.split(['-', '_']);
        if !parts.next()?.eq_ignore_ascii_case("fr") {
            return None;
        }
        let canadian = parts.any(|p| p.eq_ignore_ascii_case("ca"));
        Some(FrenchRules {
            before: if canadian {
                &[':', '»']
            } else {
                &[';', ':', '!', '?', '»']
            },
        })
    }

    /// Applies the rules to the texts of `inlines` in reading order, each
    /// seeing the characters its neighbours end and start with.
    fn apply_inlines(&self, inlines: &mut [Inline]) {
        let mut texts: Vec<&mut String> = Vec::new();
        collect_texts(inlines, &mut texts);
        let mut prev: Option<char> = None;
        for i in 0..texts.len() {
            let next = texts.get(i + 1).and_then(|t| t.chars().next());
            let spaced = self.apply(texts[i], prev, next);
            *texts[i] = spaced;
            prev = texts[i].chars().next_back().or(prev);
        }
    }

    /// `text` with French spacing; `prev` and `next` are the characters
    /// just before and after it (in neighbouring inlines), if any.
    fn apply(&self, text: &str, prev: Option<char>, next: Option<char>) -> String {
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::with_capacity(text.len() + 8);
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            let following = chars.get(i + 1).copied().or(next);
            if self.before.contains(&c) && !in_address(&chars, i) {
                let before = out.chars().next_back().or(prev);
                if out.ends_with(' ') {
                    out.pop();
                    out.push(NNBSP);
                } else if before.is_some_and(|b| wants_space_between(b, c, following)) {
                    out.push(NNBSP);
                }
                out.push(c);
            } else if c == '«' && !in_address(&chars, i) {
                out.push(c);
                match chars.get(i + 1) {
                    Some(' ') => {
                        out.push(NNBSP);
                        i += 1;
                    }
                    Some(&n) if !n.is_whitespace() => out.push(NNBSP),
                    _ => {}
                }
            } else {
                out.push(c);
            }
            i += 1;
        }
        out
    }
}

/// Whether a space is missing between `before` and the mark `c`, which is
/// followed by `after`: after a word, a number or a closing mark, not
/// after another mark ("?!" stays together), and (for `;` `:` `!` `?`)
/// only where the mark ends something: before a space, a closing mark or
/// the end, never before a letter or digit ("10:30", "3:1").
fn wants_space_between(before: char, c: char, after: Option<char>) -> bool {
    if before.is_whitespace() || matches!(before, ';' | ':' | '!' | '?' | '«' | '(' | '[') {
        return false;
    }
    if c == '»' {
        return true;
    }
    let word_end = before.is_alphanumeric() || matches!(before, ')' | ']' | '»' | '”' | '’' | '"');
    let mark_ends = after.is_none_or(|a| {
        a.is_whitespace() || matches!(a, ')' | ']' | '»' | '”' | '’' | '"' | '.' | ',' | '!' | '?')
    });
    word_end && mark_ends
}

/// Whether the character at `i` is inside a URL or an e-mail address (its
/// whitespace-delimited token holds "://", "www." or "@").
fn in_address(chars: &[char], i: usize) -> bool {
    let start = chars[..i]
        .iter()
        .rposition(|c| c.is_whitespace())
        .map_or(0, |p| p + 1);
    let end = chars[i..]
        .iter()
        .position(|c| c.is_whitespace())
        .map_or(chars.len(), |p| i + p);
    let token: String = chars[start..end].iter().collect();
    token.contains("://") || token.contains("www.") || token.contains('@')
}

/// The text strings of `inlines`, in reading order.
fn collect_texts<'a>(inlines: &'a mut [Inline], out: &mut Vec<&'a mut String>) {
    for inline in inlines {
        match inline {
            Inline::Text { text } => out.push(text),
            Inline::Emphasis { content }
            | Inline::Strong { content }
            | Inline::Link { content, .. } => collect_texts(content, out),
            Inline::LineBreak => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::words;

    fn fr(text: &str) -> String {
        FrenchRules::for_tag("fr").unwrap().apply(text, None, None)
    }

    #[test]
    fn narrow_no_break_spaces_replace_or_are_inserted() {
        assert_eq!(
            fr("Kofi Annan: « oui »"),
            "Kofi Annan\u{202F}: «\u{202F}oui\u{202F}»"
        );
        assert_eq!(
            fr("«LES PLUS» ; vraiment? Oui! Non ?!"),
            "«\u{202F}LES PLUS\u{202F}»\u{202F}; vraiment\u{202F}? Oui\u{202F}! Non\u{202F}?!"
        );
        // Already right: kept as written.
        assert_eq!(fr("Annan\u{A0}: oui"), "Annan\u{A0}: oui");
    }

    #[test]
    fn times_ratios_symbols_and_addresses_are_left_alone() {
        for text in [
            "à 10:30 heures",
            "un rapport de 3:1",
            "SG/SM/10633",
            "voir https://www.un.org/fr/?q=1! et http://x.org/a:b",
            "écrire à presse@un.org:",
            "www.un.org/press?",
        ] {
            assert_eq!(fr(text), text);
        }
        assert_eq!(fr("SG/SM/10633: texte"), "SG/SM/10633\u{202F}: texte");
    }

    #[test]
    fn canadian_french_spaces_only_colons_and_guillemets() {
        let rules = FrenchRules::for_tag("fr-CA").unwrap();
        assert_eq!(
            rules.apply("Oui? Non: «x»", None, None),
            "Oui? Non\u{202F}: «\u{202F}x\u{202F}»"
        );
        assert!(FrenchRules::for_tag("en").is_none());
        assert!(FrenchRules::for_tag("es").is_none());
    }

    #[test]
    fn every_word_survives() {
        let text = "Kofi Annan: « LES PLUS » ; le Secrétaire général?";
        assert_eq!(words(&fr(text)), words(text));
        assert!(words(&fr(text)).contains(&"Annan".to_string()));
    }

    fn french_seed() -> Document {
        let mut doc = Document::default();
        doc.meta.language.code = "fr".into();
        doc.body.push(Block::Paragraph {
            content: vec![Inline::text("Kofi Annan: « oui »")],
        });
        doc
    }

    #[test]
    fn pdf_layout_text_has_the_narrow_spaces() {
        let template = crate::template::resolve("un").unwrap();
        let laid = crate::layout::layout(&french_seed(), &template).unwrap();
        let mut text = String::new();
        for item in laid.pages.iter().flat_map(|p| &p.items) {
            if let crate::layout::frame::Item::Text(run) = item {
                text.push_str(&run.text);
            }
        }
        assert!(
            text.contains("Annan\u{202F}: «\u{202F}oui\u{202F}»"),
            "{text}"
        );
    }

    #[test]
    fn docx_text_has_the_narrow_spaces() {
        use std::io::Read;
        let template = crate::template::resolve("un").unwrap();
        let options = crate::render::RenderOptions::default();
        let docx = crate::render::docx::render(&french_seed(), &template, &options).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx.bytes)).unwrap();
        let mut xml = String::new();
        zip.by_name("word/document.xml")
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        assert!(
            xml.contains("Annan\u{202F}: «\u{202F}oui\u{202F}»"),
            "{xml}"
        );
    }

    #[test]
    fn documents_in_french_only_and_across_inlines() {
        let mut doc = Document::default();
        doc.meta.language.code = "fr".into();
        doc.body.push(Block::Paragraph {
            content: vec![
                Inline::Strong {
                    content: vec![Inline::text("Kofi Annan")],
                },
                Inline::text(": « oui"),
                Inline::Emphasis {
                    content: vec![Inline::text("!")],
                },
                Inline::text(" »"),
            ],
        });
        let out = localize(&doc);
        let Block::Paragraph { content } = &out.body[0] else {
            panic!()
        };
        let text = crate::model::plain_text(content);
        assert_eq!(text, "Kofi Annan\u{202F}: «\u{202F}oui\u{202F}!\u{202F}»");
        doc.meta.language.code = "en".into();
        assert!(matches!(localize(&doc), Cow::Borrowed(_)));
    }
}
