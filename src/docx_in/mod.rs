//! Word drafts in: a DOCX file → the same [`crate::model::Document`] a text
//! input gives.
//!
//! Steps: [`sniff`] tells a Word draft by its content (a ZIP archive
//! holding `word/document.xml`; an OLE compound document is a legacy or
//! encrypted Word file and refused); [`guard`] checks the archive against
//! its budget before docx-rs sees it; docx-rs's `read_docx` runs behind
//! `catch_unwind` with its panic message kept quiet ([`contain`]);
//! [`blocks`] turns its tree into paragraphs with roles (styles and
//! outline levels, numbering from [`numbering`], tables, links, emphasis);
//! [`read`] writes them as the marked-up text the text parser reads
//! (`# ` headings, list markers, `**bold**`, `[text](url)`, HTML tables),
//! so that symbols, dates, datelines, lead-ins and end marks are
//! recognized exactly as in a text input, and that text is what "the
//! input's words" are measured from ([`crate::coverage`]). [`finish`]
//! then takes what the text could not say from the package: the Title
//! paragraph as the headline when the parser did not take it, and the core
//! properties ([`core`]) where the text gave none.
//!
//! Skipped, one warning each: pictures, shapes and text boxes; comments;
//! footnote and endnote marks and text; tracked deletions (insertions are
//! kept: the text reads as if every change were accepted). Headers and
//! footers are not the release and are skipped silently, as are the
//! document-information lines pressroom's own DOCX prints from metadata.

mod blocks;
pub mod contain;
pub mod core;
pub mod guard;
mod numbering;

use crate::error::{Diagnostic, Error};
use crate::model::{Block, Document, Headline, plain_text};
use blocks::Role;

pub use self::core::CoreProperties;
pub use guard::Limits;

/// Reader options.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The archive's budget.
    pub limits: Limits,
    /// How long docx-rs may take (default [`contain::DEADLINE`]).
    pub deadline: Option<std::time::Duration>,
}

impl Options {
    /// Options for the input size limit `max_input_size` (see
    /// [`Limits::for_input_limit`]).
    pub fn for_input_limit(max_input_size: u64) -> Options {
        Options {
            limits: Limits::for_input_limit(max_input_size),
            deadline: None,
        }
    }
}

/// What an input's bytes are, by content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    /// A ZIP archive holding `word/document.xml`, or any ZIP archive the
    /// caller named as a Word file.
    Docx,
    /// An OLE compound document: a legacy `.doc` or an encrypted `.docx`.
    Ole,
    /// Anything else (text, or binary the normalizer refuses).
    Other,
}

/// Tells a Word draft by its content; `name` (the input's file name) only
/// decides for a ZIP archive whose `word/document.xml` is missing or
/// unreadable, so that a damaged `.docx` gets the reader's error.
pub fn sniff(bytes: &[u8], name: &str) -> Sniffed {
    if bytes.starts_with(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") {
        return Sniffed::Ole;
    }
    if !bytes.starts_with(b"PK\x03\x04") {
        return Sniffed::Other;
    }
    let lower = name.to_ascii_lowercase();
    let named = [".docx", ".docm", ".dotx", ".dotm"]
        .iter()
        .any(|ext| lower.ends_with(ext));
    let holds_document = bytes
        .windows(b"word/document.xml".len())
        .any(|w| w == b"word/document.xml");
    if named || holds_document {
        Sniffed::Docx
    } else {
        Sniffed::Other
    }
}

/// The one-line refusal of an OLE compound document.
pub fn ole_error() -> Error {
    Error::Docx(
        "an OLE compound document (a legacy .doc or .xls, or an encrypted .docx): save it as .docx without a password"
            .to_string(),
    )
}

/// A Word draft read: its body as marked-up text for the text parser, and
/// what the package says besides.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    /// The body in the text parser's markup.
    pub text: String,
    /// What [`finish`] needs after parsing.
    pub extras: Extras,
    /// One warning per kind of content skipped.
    pub diagnostics: Vec<Diagnostic>,
}

/// What the package says besides the body text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extras {
    /// The core properties.
    pub core: CoreProperties,
    /// The plain text of the first Title paragraph.
    pub title: Option<String>,
    /// The markup of the first paragraph whose style says prose.
    pub first_prose: Option<String>,
}

/// Reads a Word draft. Every failure is one line ([`Error::Docx`]).
pub fn read(bytes: &[u8], options: &Options) -> Result<Draft, Error> {
    let package = guard::check(bytes, &options.limits)?;
    let docx = contain::read_docx(bytes, options.deadline.unwrap_or(contain::DEADLINE))?;
    let mut reader = blocks::Reader::new(&docx);
    reader.read(&docx.document);
    let mut diagnostics = Vec::new();
    let skipped = &reader.skipped;
    let document_xml = package
        .parts
        .get("word/document.xml")
        .map_or(&[][..], Vec::as_slice);
    let notes =
        count(document_xml, b"<w:footnoteReference") + count(document_xml, b"<w:endnoteReference");
    let warnings = [
        (
            skipped.pictures,
            "docx-pictures-skipped",
            "picture(s), shape(s) or text box(es) of the Word draft skipped: only its text is read",
        ),
        (
            skipped.comments.max(docx.comments.inner().len()),
            "docx-comments-skipped",
            "comment(s) of the Word draft skipped",
        ),
        (
            notes,
            "docx-notes-skipped",
            "footnote or endnote mark(s) of the Word draft skipped, with their notes",
        ),
        (
            skipped.deletions,
            "docx-deletions-dropped",
            "tracked deletion(s) or move(s) of the Word draft dropped: changes read as accepted",
        ),
    ];
    for (n, code, what) in warnings {
        if n > 0 {
            diagnostics.push(Diagnostic::warning(code, format!("{n} {what}"), None));
        }
    }
    let core = package
        .parts
        .get("docProps/core.xml")
        .map(|xml| CoreProperties::read(xml))
        .unwrap_or_default();
    let title = reader
        .paras
        .iter()
        .find(|p| p.role == Role::Title)
        .map(|p| plain(&p.text));
    let first_prose = reader
        .paras
        .iter()
        .find(|p| p.role == Role::Prose)
        .map(|p| p.text.clone());
    Ok(Draft {
        text: assemble(&reader.paras),
        extras: Extras {
            core,
            title,
            first_prose,
        },
        diagnostics,
    })
}

fn count(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .filter(|w| *w == needle)
        .count()
}

/// The plain text of one line of markup.
fn plain(markup: &str) -> String {
    let text = crate::normalize::unwrap_lines(markup.lines());
    plain_text(&crate::parse::inline::parse_inlines(&text))
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Writes the paragraphs as the text parser's input: one paragraph per
/// line, a blank line between (list items too, so the layout always reads
/// as blank-line separated); headings as `#` lines with the highest
/// outline level used at level 1; subheadlines in a front-matter block.
fn assemble(paras: &[blocks::Para]) -> String {
    let base = paras
        .iter()
        .filter_map(|p| match p.role {
            Role::Heading(level) => Some(level),
            _ => None,
        })
        .min()
        .unwrap_or(0);
    let mut out = String::new();
    let subtitles: Vec<String> = paras
        .iter()
        .filter(|p| p.role == Role::Subtitle)
        .map(|p| plain(&p.text))
        .filter(|s| !s.is_empty())
        .collect();
    if !subtitles.is_empty() {
        out.push_str("---\nsubtitle:\n");
        for s in &subtitles {
            out.push_str("  - ");
            out.push_str(&serde_json::to_string(s).unwrap_or_default());
            out.push('\n');
        }
        out.push_str("---\n\n");
    }
    let one_line = |t: &str| t.replace("  \n", " ");
    for p in paras {
        let line = match &p.role {
            Role::Subtitle => continue,
            Role::Title => format!("# {}", one_line(&p.text)),
            Role::Heading(level) => {
                let level = (level.saturating_sub(base) + 1).min(3);
                let text = one_line(&p.text);
                // A heading of punctuation alone ("###") is bold, so that it
                // is not read as an end mark.
                if text.chars().any(char::is_alphanumeric) {
                    format!("{} {text}", "#".repeat(level))
                } else {
                    format!("{} **{text}**", "#".repeat(level))
                }
            }
            Role::Item { marker, depth } => {
                // Indented, as Word draws it: a numbered list is a list, not
                // the text parser's numbered paragraphs (`30. The delegation`).
                let indent = format!("  {}", "    ".repeat((*depth).min(8)));
                match marker {
                    Some(m) => format!("{indent}{m} {}", p.text),
                    None => format!("{indent}{}", p.text),
                }
            }
            Role::Quote => format!("> {}", p.text.replace("  \n", "  \n> ")),
            Role::Table => p.text.clone(),
            Role::Body => guard_start(&p.text, out.is_empty()),
            Role::Prose => prose(&guard_start(&p.text, out.is_empty())),
        };
        out.push_str(&line);
        out.push_str("\n\n");
    }
    out
}

/// A body paragraph whose start the parser would read as markup (`# `,
/// `>`, front matter's `---` on the first line) gets a backslash.
fn guard_start(text: &str, first: bool) -> String {
    let t = text.trim_start();
    let markup = crate::parse::segment::atx_heading(t).is_some()
        || t.starts_with('>')
        || (first && t.starts_with("---") && t.chars().any(char::is_alphanumeric));
    if markup {
        format!("\\{t}")
    } else {
        t.to_string()
    }
}

/// True when `title` says nothing the text does not: a truncation (it ends
/// in an ellipsis), a file name (`COL_26_1971`), or words the text holds in
/// the same order (pressroom's own `dc:title` for a release without a
/// headline is such a run).
fn derived_title(text: &str, title: &str) -> bool {
    let t = title.trim();
    if t.ends_with('…') || (!t.contains(char::is_whitespace) && t.contains(['_', '.'])) {
        return true;
    }
    let title: Vec<String> = crate::words::words(t)
        .iter()
        .map(|w| w.to_lowercase())
        .collect();
    if title.is_empty() {
        return true;
    }
    let text: Vec<String> = crate::words::words(&crate::parse::markup::word_source(text).printed)
        .iter()
        .map(|w| w.to_lowercase())
        .collect();
    text.windows(title.len()).any(|w| w == title.as_slice())
}

/// A headline the parser took from a paragraph whose style says prose
/// (the draft has no Title): back into the body, as the paragraph it was.
fn demote_prose_headline(doc: &mut Document, extras: &Extras) {
    let Some(headline) = doc.meta.headline.as_ref().filter(|h| !h.derived) else {
        return;
    };
    let Some(markup) = extras.first_prose.as_ref() else {
        return;
    };
    let plain_prose = plain(markup);
    if extras.title.is_some() || plain_prose.trim_end_matches(':') != headline.text {
        return;
    }
    let content =
        crate::parse::inline::parse_inlines(&crate::normalize::unwrap_lines(markup.lines()));
    doc.meta.headline = None;
    doc.body.insert(0, Block::Paragraph { content });
}

/// A paragraph its style calls prose, kept from the parser's heading and
/// list readings: a list marker's punctuation escaped (`268\\.`), and a
/// wholly bold line split in two bold runs (a bold line alone reads as a
/// heading).
fn prose(text: &str) -> String {
    use crate::parse::lists::{MarkerKind, marker};
    let mut t = text.to_string();
    if let Some(m) = marker(&t) {
        let head = &t[..m.content_start];
        let at = match m.kind {
            MarkerKind::Bullet(b) if b.len() == 1 => Some(m.indent),
            MarkerKind::Bullet(_) => None,
            _ => head.find(['.', ')', '(']),
        };
        if let Some(at) = at {
            t.insert(at, '\\');
        }
    }
    if let Some(inner) = t.strip_prefix("**").and_then(|i| i.strip_suffix("**"))
        && !inner.starts_with('*')
        && !inner.contains("**")
    {
        let split = match inner.find(' ') {
            Some(at) if !inner[..at].contains(['[', '\\']) => Some(at),
            _ => inner
                .chars()
                .next()
                .map(char::len_utf8)
                .filter(|&n| n < inner.len()),
        };
        if let Some(at) = split {
            let (a, b) = inner.split_at(at);
            let gap = if b.starts_with(' ') { " " } else { "" };
            t = format!("**{a}**{gap}**{}**", b.trim_start());
        }
    }
    t
}

/// Completes a document parsed from a draft's text (`text`, as normalized) with what the package
/// says: the Title paragraph as the headline when the parser did not take
/// it (a level-1 heading of the same text is moved there), else the core
/// title unless it only repeats the text's opening words or is a file name; the core creator (`meta.extra["creator"]`) and created date
/// where the text gave none.
pub fn finish(doc: &mut Document, extras: &Extras, text: &str) {
    demote_prose_headline(doc, extras);
    if doc.meta.headline.is_none()
        && let Some(title) = &extras.title
    {
        let at = doc.body.iter().position(|b| {
            matches!(b, Block::Heading { level: 1, content } if plain(&plain_text(content)) == *title)
        });
        if let Some(at) = at {
            doc.body.remove(at);
            doc.meta.headline = Some(Headline {
                text: title.clone(),
                derived: false,
            });
        }
    }
    if doc.meta.headline.is_none()
        && let Some(title) = &extras.core.title
        && !derived_title(text, title)
    {
        doc.meta.headline = Some(Headline {
            text: title.clone(),
            derived: false,
        });
    }
    if let Some(creator) = &extras.core.creator {
        doc.meta
            .extra
            .entry("creator".to_string())
            .or_insert_with(|| creator.clone());
    }
    if doc.meta.date.is_none()
        && let Some(created) = &extras.core.created
        && let Some(day) = created.get(..10)
        && let Some(iso) =
            crate::parse::date::parse_date(day, crate::parse::NumericDateOrder::DayFirst)
    {
        doc.meta.date = Some(iso);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing_by_content() {
        assert_eq!(
            sniff(b"PK\x03\x04....word/document.xml", "a.bin"),
            Sniffed::Docx
        );
        assert_eq!(sniff(b"PK\x03\x04....content.xml", "a.odt"), Sniffed::Other);
        assert_eq!(sniff(b"PK\x03\x04", "draft.DOCX"), Sniffed::Docx);
        assert_eq!(
            sniff(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0", "a.docx"),
            Sniffed::Ole
        );
        assert_eq!(sniff(b"Hello", "a.docx"), Sniffed::Other);
    }

    #[test]
    fn body_starts_that_read_as_markup_are_escaped() {
        assert_eq!(guard_start("# 1 priority", false), "\\# 1 priority");
        assert_eq!(guard_start("> quoted", false), "\\> quoted");
        assert_eq!(guard_start("#hashtag", false), "#hashtag");
        assert_eq!(guard_start("--- draft", true), "\\--- draft");
        assert_eq!(prose("268. At the same time"), "268\\. At the same time");
        assert_eq!(prose("(a) first"), "\\(a) first");
        assert_eq!(prose("- item"), "\\- item");
        assert_eq!(prose("**Today, the plan**"), "**Today,** **the plan**");
        assert_eq!(prose("**Background**"), "**B****ackground**");
    }
}
