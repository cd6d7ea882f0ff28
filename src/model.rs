//! The document model: the single representation every backend reads.
//!
//! The parser produces a [`Document`]; the layout engine, the PDF, DOCX, text
//! and JSON writers only ever read it. The model knows nothing about readers
//! or writers, does no I/O and no formatting.
//!
//! Its JSON form (see `docs/model.md`) is the public interface for scripts:
//! every document carries `"schema": SCHEMA_VERSION`, and any change that
//! would make an old consumer misread a document bumps that number.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use crate::error::Diagnostic;

/// Version of the JSON schema written in [`Document::schema`].
pub const SCHEMA_VERSION: u32 = 1;

/// One press release: metadata, body blocks and the diagnostics gathered
/// while reading it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Schema version of this representation ([`SCHEMA_VERSION`]).
    pub schema: u32,
    /// Everything known about the release apart from its body.
    pub meta: Metadata,
    /// The body, in input order.
    pub body: Vec<Block>,
    /// Warnings (and recovered errors) found while normalizing and parsing.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub diagnostics: Vec<Diagnostic>,
}

impl Default for Document {
    fn default() -> Self {
        Document {
            schema: SCHEMA_VERSION,
            meta: Metadata::default(),
            body: Vec::new(),
            diagnostics: Vec::new(),
        }
    }
}

/// Metadata of a release. Optional fields are absent from the JSON when unknown.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Metadata {
    /// What sort of document this is.
    pub kind: DocKind,
    /// The input file this document was read from, as given on the command line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_file: Option<String>,
    /// Issuing organization ("United Nations", "The White House").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// True when pressroom supplied the issuer, the input's text naming none:
    /// taken from the source address's site, or "United Nations" for a
    /// release that shows it is the UN's (see [`crate::issuer`]).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub issuer_derived: bool,
    /// Issuing office ("Department of Global Communications").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuing_office: Option<String>,
    /// Category tags ("Secretary-General", "Statements and Messages", "fact-sheets").
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    /// Document symbols in input order; the first is the primary one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub symbols: Vec<Symbol>,
    /// Release date, ISO 8601 (`YYYY-MM-DD`; `YYYY-MM` when the source
    /// gives only the month, as a web archive's ` date 2022-10 ` prefix).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The date exactly as the input wrote it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_raw: Option<String>,
    /// Time of issue as written ("2:01 P.M. EDT", "Issued at HKT 17:47").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    /// The headline (title).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub headline: Option<Headline>,
    /// Second-deck headlines, in order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub subheadlines: Vec<String>,
    /// Who speaks (messages, remarks, statements).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker: Option<Speaker>,
    /// The event or observance the text was written for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub occasion: Option<Occasion>,
    /// Place/date/originator line opening the body ("GENEVA, 22 April (UN Information Service) --").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dateline: Option<Dateline>,
    /// Release timing (for immediate release, embargoed until …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub release: Option<ReleaseTiming>,
    /// Language of the text.
    pub language: Language,
    /// "as prepared for delivery", "as delivered", "check against delivery".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delivery_note: Option<String>,
    /// Editorial notes before the body: "(Reissued as received.)", "[scroll down for French version]".
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub editorial_notes: Vec<String>,
    /// The end mark exactly as the input wrote it (`* *** *`, `###`, `-30-`, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_mark: Option<String>,
    /// Disclaimer line ("For information media. Not an official record.").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disclaimer: Option<String>,
    /// Media contacts.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<Contact>,
    /// Topic tags ("Afghanistan").
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<String>,
    /// Where the release was published.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
    /// Lines removed from the body as print or web artefacts ("(more)", "- 2 -",
    /// lone page numbers, "Skip to main content"), as written, in input order.
    /// Kept so that no word of the input is lost; renderers ignore them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub artefacts: Vec<String>,
    /// Front-matter keys not mapped to a field above, as text (sorted by key).
    /// The parser also records `archive_date` here when a web archive's date
    /// prefix disagrees with the date the text itself gives.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, String>,
}

/// The kind of document, from the lead-in formula, the symbol series or the front matter.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    /// A written or video message ("Following is … message to …").
    Message,
    /// A statement ("The following statement was issued …").
    Statement,
    /// Remarks or a speech as prepared or delivered.
    Remarks,
    /// A press release proper.
    PressRelease,
    /// A press briefing (often a transcript).
    Briefing,
    /// A readout of a call or meeting.
    Readout,
    /// A fact sheet.
    FactSheet,
    /// A speech (e.g. a General Debate statement).
    Speech,
    /// Not recognized.
    #[default]
    Unknown,
}

impl DocKind {
    /// A human label ("Message", "Fact Sheet").
    pub fn label(self) -> &'static str {
        match self {
            DocKind::Message => "Message",
            DocKind::Statement => "Statement",
            DocKind::Remarks => "Remarks",
            DocKind::PressRelease => "Press Release",
            DocKind::Briefing => "Briefing",
            DocKind::Readout => "Readout",
            DocKind::FactSheet => "Fact Sheet",
            DocKind::Speech => "Speech",
            DocKind::Unknown => "Document",
        }
    }
}

/// A document symbol such as `SG/SM/20447`, `SC/13399`, `SG/SM/8888/Rev.1` or `SG/SM/6541*`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Symbol {
    /// The symbol exactly as written (one part of a hyphen-joined compound).
    pub raw: String,
    /// Series ("SG/SM", "SC", "PKO", "IP/20").
    pub series: String,
    /// Number within the series ("20447"), as text to keep leading zeros.
    pub number: String,
    /// Suffixes in order ("Rev.1", "Corr.1", "Add.1").
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suffixes: Vec<String>,
    /// A trailing `*`: reissued for technical reasons.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub reissue: bool,
    /// True when pressroom derived the symbol from the input's file name
    /// (`sgsm20447.txt`), the input itself naming none.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub derived: bool,
}

/// The headline and whether pressroom derived it (the input gave none).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Headline {
    /// Headline text, one line.
    pub text: String,
    /// True when the text is pressroom's, not the input's.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub derived: bool,
}

/// A speaker: "António Guterres", "Secretary-General", "United Nations".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Speaker {
    /// Personal name.
    pub name: String,
    /// Role or title ("Secretary-General", "Press Secretary").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Organization ("United Nations").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
}

/// The occasion a text was written for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Occasion {
    /// The event as named in the lead-in ("eighteenth Conference of the Heads of Military Components").
    pub event: String,
    /// "observed on 1 December", as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub observed_on: Option<String>,
    /// Venue ("New York").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub venue: Option<String>,
    /// Vehicle: "message", "video message", "remarks", "statement".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
}

/// A dateline: "GENEVA, 22 April (UN Information Service) --".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Dateline {
    /// The whole line as written.
    pub raw: String,
    /// Place ("GENEVA", "PULLMAN, Wash.").
    pub place: String,
    /// Date as written in the dateline ("22 April").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_text: Option<String>,
    /// Originator in parentheses ("UN Information Service").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub originator: Option<String>,
}

/// Release timing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReleaseTiming {
    /// Immediate, embargoed or held.
    pub kind: ReleaseKind,
    /// Until when, as written ("8:30 a.m. (ET) Friday, March 6, 2026").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    /// The line as written.
    pub raw: String,
}

/// Kinds of release timing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReleaseKind {
    /// FOR IMMEDIATE RELEASE.
    #[default]
    Immediate,
    /// EMBARGOED UNTIL …; not for publication before ….
    Embargoed,
    /// HOLD FOR RELEASE UNTIL ….
    HoldForRelease,
}

/// Language of the document (ISO 639-1 code) and how it was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Language {
    /// ISO 639-1 code: "en", "fr", "es", …
    pub code: String,
    /// Where the code came from.
    pub source: LanguageSource,
}

impl Default for Language {
    fn default() -> Self {
        Language {
            code: "en".to_string(),
            source: LanguageSource::Default,
        }
    }
}

/// Where the language code came from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LanguageSource {
    /// The input said so (front matter `lang`/`language`).
    Stated,
    /// Detected from the text.
    Detected,
    /// Nothing to go by: the default ("en").
    #[default]
    Default,
}

/// A media contact.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Contact {
    /// The contact as written (one line).
    pub raw: String,
    /// Name, when recognizable.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Role or title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Organization.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    /// Telephone number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// E-mail address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// A body block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// The opening formula ("Following is … message to …:").
    LeadIn {
        /// Inline content.
        content: Vec<Inline>,
    },
    /// An ordinary paragraph.
    Paragraph {
        /// Inline content.
        content: Vec<Inline>,
    },
    /// A section heading, level 1 (highest) to 3.
    Heading {
        /// 1, 2 or 3.
        level: u8,
        /// Inline content.
        content: Vec<Inline>,
    },
    /// A list, possibly nested.
    List(List),
    /// A block quotation.
    Quote {
        /// Inline content.
        content: Vec<Inline>,
    },
    /// A turn in a transcript ("MS. JEAN-PIERRE:", "Q").
    SpeakerTurn {
        /// The label as written, without the colon ("MS. JEAN-PIERRE", "Q").
        speaker: String,
        /// What was said.
        content: Vec<Inline>,
    },
    /// Boilerplate: "About …", "Notes to editors", "Background".
    Boilerplate {
        /// The section title as written ("About UNDP", "Note to editors").
        title: String,
        /// Its paragraphs.
        content: Vec<Vec<Inline>>,
    },
    /// A contact block ("Media contact: …"), its lines as written.
    ContactBlock {
        /// The lines of the block.
        lines: Vec<String>,
    },
    /// A table (HTML remnants): rows of cells.
    Table {
        /// Rows, each a list of cells.
        rows: Vec<Vec<Vec<Inline>>>,
    },
}

impl Block {
    /// A short name of the block type ("paragraph", "lead_in", …) used in diagnostics.
    pub fn type_name(&self) -> &'static str {
        match self {
            Block::LeadIn { .. } => "lead_in",
            Block::Paragraph { .. } => "paragraph",
            Block::Heading { .. } => "heading",
            Block::List(_) => "list",
            Block::Quote { .. } => "quote",
            Block::SpeakerTurn { .. } => "speaker_turn",
            Block::Boilerplate { .. } => "boilerplate",
            Block::ContactBlock { .. } => "contact_block",
            Block::Table { .. } => "table",
        }
    }
}

/// A list: ordered or not, with its marker style and items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct List {
    /// Marker style of this level.
    pub marker: ListMarker,
    /// First number of an ordered list (1 for `(a)`, `1.`).
    #[serde(default = "one")]
    pub start: u32,
    /// The items.
    pub items: Vec<ListItem>,
}

fn one() -> u32 {
    1
}

impl List {
    /// True for numbered/lettered lists.
    pub fn ordered(&self) -> bool {
        !matches!(self.marker.style, MarkerStyle::Bullet)
    }

    /// True when numbering from [`List::start`] gives every item the label
    /// the input wrote: no number skipped, repeated or out of order.
    pub fn numbered_in_sequence(&self) -> bool {
        self.items.iter().enumerate().all(|(i, item)| {
            item.label.as_deref().is_none_or(|label| {
                label.trim() == self.marker.format(self.start.saturating_add(i as u32))
            })
        })
    }

    /// The labels of an ordered list's items: numbers from [`List::start`]
    /// when the list is [numbered in sequence](List::numbered_in_sequence),
    /// else each label as written (numbered where the input wrote none).
    pub fn ordered_labels(&self) -> Vec<String> {
        let in_sequence = self.numbered_in_sequence();
        let numbered = |n: usize| self.marker.format(self.start.saturating_add(n as u32));
        self.items
            .iter()
            .enumerate()
            .map(|(n, item)| match item.label.as_deref() {
                Some(label) if !in_sequence => label.trim().to_string(),
                _ => numbered(n),
            })
            .collect()
    }
}

/// How list items are marked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListMarker {
    /// Bullet, decimal, letters or roman numerals.
    pub style: MarkerStyle,
    /// Punctuation around an ordered marker.
    #[serde(default)]
    pub delimiter: MarkerDelimiter,
    /// The bullet as typed ("•", "-", "*", "□"), for bullet lists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bullet: Option<String>,
}

impl ListMarker {
    /// A bullet list marked with `bullet`.
    pub fn bullet(bullet: &str) -> Self {
        ListMarker {
            style: MarkerStyle::Bullet,
            delimiter: MarkerDelimiter::None,
            bullet: Some(bullet.to_string()),
        }
    }

    /// The marker text of the item with ordinal `n` (1-based): "(a)", "iv.", "3)", "•".
    pub fn format(&self, n: u32) -> String {
        let core = match self.style {
            MarkerStyle::Bullet => return self.bullet.clone().unwrap_or_else(|| "•".into()),
            MarkerStyle::Decimal => n.to_string(),
            MarkerStyle::LowerAlpha => alpha(n, false),
            MarkerStyle::UpperAlpha => alpha(n, true),
            MarkerStyle::LowerRoman => roman(n).to_lowercase(),
            MarkerStyle::UpperRoman => roman(n),
        };
        match self.delimiter {
            MarkerDelimiter::Parens => format!("({core})"),
            MarkerDelimiter::Paren => format!("{core})"),
            MarkerDelimiter::Period => format!("{core}."),
            MarkerDelimiter::None => core,
        }
    }
}

/// Letters for list ordinals: 1 → a, 26 → z, 27 → aa.
fn alpha(mut n: u32, upper: bool) -> String {
    let mut out = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        out.push(if upper { b'A' + rem } else { b'a' + rem });
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Roman numerals for list ordinals (upper case); 0 gives an empty string.
fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, numeral) in TABLE {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

/// Marker styles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MarkerStyle {
    /// •, -, *, □ …
    Bullet,
    /// 1, 2, 3
    Decimal,
    /// a, b, c
    LowerAlpha,
    /// A, B, C
    UpperAlpha,
    /// i, ii, iii
    LowerRoman,
    /// I, II, III
    UpperRoman,
}

/// Punctuation around an ordered marker.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MarkerDelimiter {
    /// `(a)`
    Parens,
    /// `a)`
    Paren,
    /// `a.`
    Period,
    /// No punctuation (bullets).
    #[default]
    None,
}

/// A list item: its own text and optional nested lists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListItem {
    /// The marker exactly as the input wrote it ("(b)", "3.", "iv)") for
    /// ordered items; absent for bullets. Renderers may renumber from
    /// [`List::start`] instead, but this keeps skipped or repeated numbers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Inline content of the item.
    pub content: Vec<Inline>,
    /// Nested lists (usually zero or one).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<List>,
}

/// Inline content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Inline {
    /// Plain text.
    Text {
        /// The text.
        text: String,
    },
    /// Emphasis (italic).
    Emphasis {
        /// Emphasized content.
        content: Vec<Inline>,
    },
    /// Strong (bold).
    Strong {
        /// Strong content.
        content: Vec<Inline>,
    },
    /// A hyperlink.
    Link {
        /// Link text.
        content: Vec<Inline>,
        /// Target URL.
        url: String,
    },
    /// A hard line break inside a block.
    LineBreak,
}

impl Inline {
    /// A plain text run.
    pub fn text(s: impl Into<String>) -> Self {
        Inline::Text { text: s.into() }
    }
}

/// The plain text of a run of inlines (line breaks become `\n`).
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    push_plain_text(inlines, &mut out);
    out
}

fn push_plain_text(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text { text } => out.push_str(text),
            Inline::Emphasis { content } | Inline::Strong { content } => {
                push_plain_text(content, out)
            }
            Inline::Link { content, .. } => push_plain_text(content, out),
            Inline::LineBreak => out.push('\n'),
        }
    }
}

impl Document {
    /// The headline text, if any.
    pub fn headline_text(&self) -> Option<&str> {
        self.meta.headline.as_ref().map(|h| h.text.as_str())
    }

    /// The language as a BCP 47 tag with a region where the issuer settles
    /// it: UN English is British (`en-GB`), a US government release
    /// American (`en-US`); otherwise the bare code (`fr`, `en`). Written as
    /// the PDF's `/Lang`, XMP `dc:language` and the DOCX `w:lang`.
    pub fn language_tag(&self) -> String {
        let code = self.meta.language.code.trim();
        if code.is_empty() {
            return "en".to_string();
        }
        if code.contains('-') || code != "en" {
            return code.to_string();
        }
        let issuer = self
            .meta
            .issuer
            .as_deref()
            .unwrap_or("")
            .to_ascii_lowercase();
        let url = self
            .meta
            .source_url
            .as_deref()
            .unwrap_or("")
            .to_ascii_lowercase();
        let host = url.split("://").nth(1).unwrap_or(&url);
        let host = host.split('/').next().unwrap_or("");
        let un = issuer.contains("united nations")
            || !self.meta.symbols.is_empty()
            || host == "un.org"
            || host.ends_with(".un.org");
        let us = issuer.contains("white house")
            || host.ends_with(".gov")
            || issuer.starts_with("u.s. ")
            || issuer.starts_with("us ");
        match (un, us) {
            (true, _) => "en-GB".to_string(),
            (false, true) => "en-US".to_string(),
            _ => "en".to_string(),
        }
    }

    /// The document symbols joined as UN practice writes them on one line
    /// (`SG/SM/19876-OBV/1938-WOM/2202`).
    pub fn symbol_line(&self) -> Option<String> {
        if self.meta.symbols.is_empty() {
            return None;
        }
        Some(
            self.meta
                .symbols
                .iter()
                .map(|s| s.raw.as_str())
                .collect::<Vec<_>>()
                .join("-"),
        )
    }

    /// The labels the renditions print before ordered list items, in
    /// reading order ([`List::ordered_labels`]).
    pub fn list_labels(&self) -> Vec<String> {
        fn collect(list: &List, out: &mut Vec<String>) {
            if list.ordered() {
                out.extend(list.ordered_labels());
            }
            for item in &list.items {
                item.children.iter().for_each(|child| collect(child, out));
            }
        }
        let mut out = Vec::new();
        for block in &self.body {
            if let Block::List(list) = block {
                collect(list, &mut out);
            }
        }
        out
    }

    /// All text of the body in reading order, blocks separated by blank lines
    /// (list labels are not text of the body; see [`Document::list_labels`]).
    /// Used by word-coverage checks and language detection.
    pub fn body_text(&self) -> String {
        let mut out = String::new();
        for block in &self.body {
            block_text(block, &mut out);
            out.push_str("\n\n");
        }
        out
    }
}

fn block_text(block: &Block, out: &mut String) {
    match block {
        Block::LeadIn { content }
        | Block::Paragraph { content }
        | Block::Heading { content, .. }
        | Block::Quote { content } => push_plain_text(content, out),
        Block::SpeakerTurn { speaker, content } => {
            out.push_str(speaker);
            out.push_str(": ");
            push_plain_text(content, out);
        }
        Block::List(list) => list_text(list, out),
        Block::Boilerplate { title, content } => {
            out.push_str(title);
            for para in content {
                out.push('\n');
                push_plain_text(para, out);
            }
        }
        Block::ContactBlock { lines } => out.push_str(&lines.join("\n")),
        Block::Table { rows } => {
            for row in rows {
                for cell in row {
                    push_plain_text(cell, out);
                    out.push('\t');
                }
                out.push('\n');
            }
        }
    }
}

/// Calls `f` on every inline of `block`, nested ones (a link's content,
/// emphasis, list children) included, in reading order.
pub fn for_each_inline(block: &Block, f: &mut dyn FnMut(&Inline)) {
    match block {
        Block::LeadIn { content }
        | Block::Paragraph { content }
        | Block::Heading { content, .. }
        | Block::Quote { content }
        | Block::SpeakerTurn { content, .. } => visit_inlines(content, f),
        Block::List(list) => visit_list(list, f),
        Block::Boilerplate { content, .. } => content.iter().for_each(|p| visit_inlines(p, f)),
        Block::ContactBlock { .. } => {}
        Block::Table { rows } => rows.iter().flatten().for_each(|c| visit_inlines(c, f)),
    }
}

fn visit_list(list: &List, f: &mut dyn FnMut(&Inline)) {
    for item in &list.items {
        visit_inlines(&item.content, f);
        item.children.iter().for_each(|child| visit_list(child, f));
    }
}

fn visit_inlines(inlines: &[Inline], f: &mut dyn FnMut(&Inline)) {
    for inline in inlines {
        f(inline);
        match inline {
            Inline::Emphasis { content }
            | Inline::Strong { content }
            | Inline::Link { content, .. } => visit_inlines(content, f),
            Inline::Text { .. } | Inline::LineBreak => {}
        }
    }
}

fn list_text(list: &List, out: &mut String) {
    for item in &list.items {
        push_plain_text(&item.content, out);
        out.push('\n');
        for child in &item.children {
            list_text(child, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_format_like_the_un_editorial_manual() {
        let m = ListMarker {
            style: MarkerStyle::LowerAlpha,
            delimiter: MarkerDelimiter::Parens,
            bullet: None,
        };
        assert_eq!(m.format(1), "(a)");
        assert_eq!(m.format(27), "(aa)");
        let r = ListMarker {
            style: MarkerStyle::LowerRoman,
            delimiter: MarkerDelimiter::Parens,
            bullet: None,
        };
        assert_eq!(r.format(4), "(iv)");
        assert_eq!(ListMarker::bullet("•").format(3), "•");
    }

    #[test]
    fn json_round_trip_keeps_the_document() {
        let mut doc = Document::default();
        doc.meta.kind = DocKind::Message;
        doc.meta.symbols.push(Symbol {
            raw: "SG/SM/20447".into(),
            series: "SG/SM".into(),
            number: "20447".into(),
            ..Symbol::default()
        });
        doc.body.push(Block::Paragraph {
            content: vec![
                Inline::text("Hello "),
                Inline::Strong {
                    content: vec![Inline::text("world")],
                },
            ],
        });
        let json = serde_json::to_string(&doc).expect("serializes");
        assert!(json.contains("\"schema\":1"));
        let back: Document = serde_json::from_str(&json).expect("deserializes");
        assert_eq!(back, doc);
    }
}
