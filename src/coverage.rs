//! "Nothing is lost", measured from the input: the words every rendition
//! must hold, and the check of a rendition's extracted text against them.
//!
//! The expected words are the **input's** words (the normalized text, so a
//! repaired encoding or a rejoined line-end hyphen counts as the input),
//! less what may legitimately not be printed. This module is the one list of
//! what that is ([`Omission`]); each kind is recorded in the model where it
//! comes from, so a reader of the JSON can see what was left out and why:
//!
//! | kind | where it is recorded |
//! |------|----------------------|
//! | markup: HTML tags, entity names, YAML keys and syntax | [`crate::parse::markup`] (the tokens themselves) |
//! | print and web artefacts: "- 2 -", "(more)", "Skip to main content", … | `meta.artefacts`, each with its kind and text |
//! | link targets | `Inline::Link::url` (the link carries them) |
//! | the date as written | `meta.date_raw` (printed in the house's date format) |
//! | the end mark as written | `meta.end_mark` (a house may print its own mark) |
//!
//! Words compare without case (a house style may set capitals).
//! Everything else of the input (front-matter values, issuing office,
//! categories, source URL, …) must be in every rendition. The body must also
//! keep its order.

use crate::model::{Block, Document, Inline};
use crate::parse::markup;
use crate::words::{first_missing_in_order, missing_words, missing_words_split_allowed, words};

/// What of the input a rendition may leave out (see the module doc).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Omission {
    /// Markup tokens: never words of the text.
    Markup,
    /// A print or web artefact recorded in `meta.artefacts`.
    Artefact,
    /// A link's target address.
    LinkTarget,
    /// The release date as the input wrote it.
    DateAsWritten,
    /// The input's end mark.
    EndMark,
}

/// The words a rendition of one input must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Expected {
    /// Every word of the input less the omissions, as a multiset.
    pub all: Vec<String>,
    /// The body's words in reading order.
    pub body: Vec<String>,
}

/// How well an extracted text covers its input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    /// How many words were expected.
    pub expected: usize,
    /// Expected words missing from the text (multiset).
    pub missing: Vec<String>,
    /// The first body word not found in order after its predecessors, with a
    /// few words of context.
    pub out_of_order: Option<String>,
}

impl Coverage {
    /// True when nothing is missing and the body is in order.
    pub fn is_complete(&self) -> bool {
        self.missing.is_empty() && self.out_of_order.is_none()
    }
}

impl Expected {
    /// The words a rendition of `doc` must hold, `doc` having been parsed
    /// from the normalized text `input`.
    pub fn from_input(input: &str, doc: &Document) -> Expected {
        let source = markup::word_source(input);
        let mut all = words(&source.front_matter.join("\n"));
        all.extend(words(&source.printed));
        let omitted = omitted_words(doc);
        Expected {
            // The input's words less the omitted ones (a multiset difference).
            all: missing_words(&folded(all), &folded(omitted)),
            body: folded(words(&doc.body_text())),
        }
    }

    /// Checks that `text`, a rendition's extracted text, holds every
    /// expected word, the body in order.
    pub fn check(&self, text: &str) -> Coverage {
        let actual = folded(words(text));
        let out_of_order = first_missing_in_order(&self.body, &actual).map(|i| {
            let context = &self.body[i.saturating_sub(3)..(i + 3).min(self.body.len())];
            format!(
                "word {} '{}' (…{}…)",
                i + 1,
                self.body[i],
                context.join(" ")
            )
        });
        Coverage {
            expected: self.all.len(),
            missing: missing_words_split_allowed(&self.all, &actual),
            out_of_order,
        }
    }
}

/// The words of `doc`'s omissions, each with its kind (markup is already
/// gone from [`markup::word_source`]).
pub fn omissions(doc: &Document) -> Vec<(Omission, String)> {
    let meta = &doc.meta;
    let mut out: Vec<(Omission, String)> = meta
        .artefacts
        .iter()
        .map(|a| (Omission::Artefact, a.clone()))
        .collect();
    let mut urls = Vec::new();
    for block in &doc.body {
        block_links(block, &mut urls);
    }
    out.extend(urls.into_iter().map(|u| (Omission::LinkTarget, u)));
    if let Some(date) = &meta.date_raw {
        out.push((Omission::DateAsWritten, date.clone()));
    }
    if let Some(mark) = &meta.end_mark {
        out.push((Omission::EndMark, mark.clone()));
    }
    out
}

fn omitted_words(doc: &Document) -> Vec<String> {
    omissions(doc)
        .iter()
        .flat_map(|(_, text)| words(text))
        .collect()
}

/// Words compare without case: a house style may set a line in capitals.
fn folded(words: Vec<String>) -> Vec<String> {
    words.into_iter().map(|w| w.to_lowercase()).collect()
}

fn block_links(block: &Block, urls: &mut Vec<String>) {
    crate::model::for_each_inline(block, &mut |inline| {
        if let Inline::Link { url, .. } = inline {
            urls.push(url.clone());
        }
    });
}
