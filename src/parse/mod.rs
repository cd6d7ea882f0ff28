//! Parser: clean text → document model.
//!
//! Order of work: YAML front matter ([`frontmatter`]); the web archive's
//! ` date YYYY-MM-DD ` prefix (or ` date YYYY-MM `, kept as the month); header lines at the top (web chrome, symbols,
//! dates, release timing, mastheads, notes, the headline) and tail lines at
//! the bottom (end mark, disclaimer, time, page artefacts) via [`meta`];
//! the body in between ([`segment`]); then the lead-in formula
//! ([`leadin`]), dateline, boilerplate and contact blocks, the kind, a
//! derived headline ([`headline`]) and the language.
//!
//! The parser never fails and never drops text: what is not recognized as
//! metadata stays in the body, and removed artefacts are kept in
//! `meta.artefacts`. See [`markup`] for the exact list of markup tokens.

mod caseless;
pub mod date;
pub mod frontmatter;
pub mod headline;
mod html;
pub mod inline;
mod language;
pub mod leadin;
mod leadin_fr;
pub mod lists;
pub mod markup;
pub mod meta;
pub mod repeat;
pub mod segment;
pub mod symbol;
mod tail;

pub use date::NumericDateOrder;

use crate::error::Diagnostic;
use crate::model::{
    Block, DocKind, Document, Headline, Inline, Language, LanguageSource, Metadata, plain_text,
};
use crate::normalize::Normalized;

/// Parser options.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// How to read ambiguous all-numeric dates such as `03/04/2020`.
    pub numeric_dates: NumericDateOrder,
}

/// Records where `doc` came from (`meta.source_file`) and, when the input
/// names no symbol, takes one from a UN slug file name (`sgsm20447.txt`);
/// such a symbol makes the release the UN's, so a missing issuer is then
/// derived ([`crate::issuer::derive`]).
pub fn set_source_name(doc: &mut Document, source_name: &str) {
    doc.meta.source_file = Some(source_name.to_string());
    if doc.meta.symbols.is_empty()
        && let Some(symbol) = symbol::symbol_from_file_name(source_name)
    {
        doc.meta.symbols.push(symbol);
    }
    crate::issuer::derive(&mut doc.meta);
}

/// Lines at the top that may hold metadata.
const HEADER_LINES: usize = 40;

/// Parses normalized text into a document. Never fails: text the parser does
/// not recognize as metadata stays in the body.
pub fn parse(input: &Normalized, options: &Options) -> Document {
    let mut doc = Document::default();
    doc.diagnostics.extend(input.diagnostics.iter().cloned());
    let text = input.text.as_str();
    let mut body = text;
    let mut first_line = 1u32;
    let mut markdown = false;
    if let Some(fm) = frontmatter::split(text) {
        match frontmatter::entries(fm.yaml) {
            Some(entries) => {
                apply_front_matter(&mut doc.meta, entries, options);
                body = &text[fm.body_start..];
                first_line = fm.lines + 1;
                markdown = true;
            }
            None => doc.diagnostics.push(Diagnostic::warning(
                "front-matter-invalid",
                "the `---` block at the top is not valid YAML; kept as body text",
                Some(1),
            )),
        }
    }
    if let Some((iso, rest)) = archive_prefix(body) {
        doc.meta.date = Some(iso.to_string());
        doc.meta.date_raw = Some(iso.to_string());
        body = rest;
    }
    let lines: Vec<&str> = body
        .strip_suffix('\n')
        .unwrap_or(body)
        .split('\n')
        .collect();
    let mut skip = vec![false; lines.len()];
    let french =
        options.numeric_dates == NumericDateOrder::MonthFirst && language::reads_as_french(body);
    let options = &Options {
        numeric_dates: if french {
            NumericDateOrder::DayFirst
        } else {
            options.numeric_dates
        },
    };
    let mut header = Header {
        meta: &mut doc.meta,
        options,
        diagnostics: &mut doc.diagnostics,
        first_line,
    };
    let body_start = header.scan(&lines, &mut skip);
    if let Some(h) = doc.meta.headline.as_ref().filter(|h| !h.derived)
        && let Some(again) = repeat::take(&lines, &mut skip, body_start, &h.text)
    {
        doc.meta.artefacts.push(again);
    }
    tail::scan(&lines, &mut skip, body_start, &mut doc.meta);

    let mut segmenter = segment::Segmenter::new(&lines, &skip, markdown);
    let mut blocks = segmenter.blocks();
    let layout = segmenter.layout();
    doc.meta.artefacts.append(&mut segmenter.artefacts);
    post_process(&mut doc.meta, &mut blocks);
    doc.body = blocks;
    finish_kind(&mut doc, layout);
    crate::issuer::derive(&mut doc.meta);
    language::detect(&mut doc);
    doc
}

/// The web archive's ` date YYYY-MM-DD ` prefix (or its month-only form
/// ` date YYYY-MM `): the ISO date (or month) and the rest.
pub fn archive_prefix(text: &str) -> Option<(&str, &str)> {
    let rest = text
        .strip_prefix(' ')
        .unwrap_or(text)
        .strip_prefix("date ")?;
    let end = rest.find([' ', '\n'])?;
    let iso = &rest[..end];
    let day = iso.len() == 10
        && iso.as_bytes()[4] == b'-'
        && date::parse_date(iso, NumericDateOrder::DayFirst).is_some();
    let ok = day || date::parse_month(iso).is_some();
    ok.then_some((iso, &rest[end + 1..]))
}

fn apply_front_matter(meta: &mut Metadata, entries: Vec<(String, Vec<String>)>, options: &Options) {
    for (key, values) in entries {
        let joined = values.join(", ");
        let one_line = joined
            .split([' ', '\n', '\t', '\r'])
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        match key.to_lowercase().as_str() {
            "title" | "headline" if !one_line.is_empty() => {
                meta.headline = Some(Headline {
                    text: one_line,
                    derived: false,
                });
            }
            "date" if !one_line.is_empty() => {
                meta.date = date::parse_date(&one_line, options.numeric_dates).or_else(|| {
                    date::parse_date(one_line.get(..10).unwrap_or(""), options.numeric_dates)
                });
                meta.date_raw = Some(one_line);
            }
            "source_url" | "url" | "link" => meta.source_url = Some(one_line),
            "issuer" | "organization" | "organisation" | "agency" | "publisher"
                if !one_line.is_empty() =>
            {
                meta.issuer = Some(one_line);
            }
            "tags" | "category" | "categories" => meta.categories.extend(values),
            "topics" | "topic" => meta.topics.extend(values),
            "subtitle" | "subheadline" | "subhead" => meta.subheadlines.extend(values),
            "lang" | "language" if !one_line.is_empty() => {
                meta.language = Language {
                    code: one_line.to_lowercase(),
                    source: LanguageSource::Stated,
                };
            }
            "symbol" | "symbols" => match symbol::parse_symbol_line(&one_line) {
                Some(symbols) => meta.symbols.extend(symbols),
                None => {
                    meta.extra.insert(key, joined);
                }
            },
            _ => {
                meta.extra.insert(key, joined);
            }
        }
    }
    meta.kind = kind_from_categories(
        &meta.categories,
        meta.headline.as_ref().map(|h| h.text.as_str()),
    );
    if meta.issuer.is_none() {
        meta.issuer = meta.source_url.as_deref().and_then(issuer_from_url);
        meta.issuer_derived = meta.issuer.is_some();
    }
}

/// The issuing office of a release published at `url`, for the sites whose
/// releases the corpus holds: the White House (current and archived
/// administrations) and the United Nations.
fn issuer_from_url(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = rest
        .split(['/', '?', '#', ':'])
        .next()?
        .to_ascii_lowercase();
    let under = |domain: &str| host == domain || host.ends_with(&format!(".{domain}"));
    let archived_white_house = host.ends_with("whitehouse.archives.gov");
    if under("whitehouse.gov") || archived_white_house {
        Some("The White House".to_string())
    } else if under("un.org") {
        Some("United Nations".to_string())
    } else {
        None
    }
}

/// Kind from White House categories and the title.
fn kind_from_categories(categories: &[String], title: Option<&str>) -> DocKind {
    let title = title.unwrap_or("").to_lowercase();
    let by_title = if title.starts_with("readout") {
        Some(DocKind::Readout)
    } else if title.starts_with("fact sheet") {
        Some(DocKind::FactSheet)
    } else if title.starts_with("press briefing")
        || title.starts_with("press gaggle")
        || title.contains("background press call")
    {
        Some(DocKind::Briefing)
    } else if title.starts_with("remarks") {
        Some(DocKind::Remarks)
    } else if title.starts_with("statement") || title.contains(" statement ") {
        Some(DocKind::Statement)
    } else if title.contains("message") {
        Some(DocKind::Message)
    } else {
        None
    };
    for category in categories {
        let kind = match category.to_lowercase().as_str() {
            "fact-sheets" | "fact sheets" => DocKind::FactSheet,
            "press-briefings" | "briefings" => DocKind::Briefing,
            "speeches-remarks" | "remarks" => by_title.unwrap_or(DocKind::Remarks),
            "statements-releases" | "releases" | "presidential-actions" | "press releases" => {
                by_title.unwrap_or(DocKind::PressRelease)
            }
            "briefings-statements" => by_title.unwrap_or(DocKind::Statement),
            _ => continue,
        };
        return kind;
    }
    by_title.unwrap_or(DocKind::Unknown)
}

struct Header<'m> {
    meta: &'m mut Metadata,
    options: &'m Options,
    diagnostics: &'m mut Vec<Diagnostic>,
    first_line: u32,
}

impl Header<'_> {
    /// Takes metadata lines from the top; returns the index of the first
    /// body line.
    fn scan(&mut self, lines: &[&str], skip: &mut [bool]) -> usize {
        let mut i = self.meta_lines(lines, skip, 0);
        if self.meta.headline.is_none()
            && let Some(next) = self.headline(lines, skip, i)
        {
            i = self.meta_lines(lines, skip, next);
        }
        i
    }

    fn meta_lines(&mut self, lines: &[&str], skip: &mut [bool], start: usize) -> usize {
        let mut i = start;
        while i < lines.len().min(HEADER_LINES) {
            let t = lines[i].trim();
            if t.is_empty() {
                i += 1;
                continue;
            }
            if !self.meta_line(t, i) {
                break;
            }
            skip[i] = true;
            i += 1;
        }
        i
    }

    /// Takes one header line into the metadata; false if it is not one.
    fn meta_line(&mut self, t: &str, i: usize) -> bool {
        let meta = &mut *self.meta;
        if meta::web_chrome(t) || meta::page_artefact(t) {
            meta.artefacts.push(t.to_string());
        } else if let Some(symbols) = symbol::parse_symbol_line(t) {
            add_symbols(meta, symbols, t);
        } else if let Some((organ, symbols)) = symbol::organ_and_symbols(t) {
            // "Secrétaire généralSG/SM/10633": the organ is a category, the
            // symbols are the release's; the line as written (its glued
            // word) is kept as an artefact.
            meta.categories.push(organ);
            let before = meta.artefacts.len();
            add_symbols(meta, symbols, t);
            if meta.artefacts.len() == before {
                meta.artefacts.push(t.to_string());
            }
        } else if let Some(iso) = date::parse_date(t, self.options.numeric_dates) {
            self.set_date(iso, t, i);
        } else if let Some(release) = meta::release_timing(t) {
            meta.release = Some(release);
        } else if meta::disclaimer(t) {
            meta.disclaimer = Some(t.to_string());
        } else if let Some(kind) = meta::masthead(t) {
            let t = t.trim_end_matches([' ', '|']);
            match kind {
                meta::Masthead::Issuer => meta.issuer = Some(t.to_string()),
                meta::Masthead::Office => meta.issuing_office = Some(t.to_string()),
                meta::Masthead::Category => meta.categories.push(t.to_string()),
            }
        } else if let Some(note) = meta::delivery_note(t) {
            if meta.delivery_note.is_some() {
                meta.editorial_notes.push(t.to_string());
            } else {
                meta.delivery_note = Some(note);
            }
        } else if meta::editorial_note(t) {
            meta.editorial_notes.push(t.to_string());
        } else if meta::time_line(t) && meta.time.is_none() {
            meta.time = Some(t.to_string());
        } else if let Some(dateline) = place_date_line(t) {
            if meta.date.is_none() {
                let d = dateline.date_text.clone().unwrap_or_default();
                meta.date = date::parse_date(&d, self.options.numeric_dates);
            }
            meta.dateline = Some(dateline);
        } else {
            return false;
        }
        true
    }

    fn set_date(&mut self, iso: String, raw: &str, i: usize) {
        let meta = &mut *self.meta;
        // The same date line twice (OHCHR pages): the repeat is an artefact.
        if meta.date.as_deref() == Some(iso.as_str()) && meta.date_raw.as_deref() == Some(raw) {
            meta.artefacts.push(raw.to_string());
            return;
        }
        match &meta.date {
            // The archive's month, made precise by the text's day.
            Some(month) if month.len() == 7 && iso.starts_with(month.as_str()) => {
                meta.extra.insert("archive_date".to_string(), month.clone());
            }
            Some(existing) if *existing != iso => {
                self.diagnostics.push(Diagnostic::warning(
                    "date-conflict",
                    format!("the text is dated {iso} but the archive prefix says {existing}; using the text's date"),
                    Some(self.first_line + i as u32),
                ));
                meta.extra
                    .insert("archive_date".to_string(), existing.clone());
            }
            Some(_) if meta.date_raw.as_deref() != Some(raw) && meta.date_raw.is_some() => {
                meta.extra.insert(
                    "archive_date".to_string(),
                    meta.date_raw.clone().unwrap_or_default(),
                );
            }
            _ => {}
        }
        meta.date = Some(iso);
        meta.date_raw = Some(raw.to_string());
    }

    /// A title line at `i` (one line standing alone, followed by more text).
    fn headline(&mut self, lines: &[&str], skip: &mut [bool], i: usize) -> Option<usize> {
        let line = *lines.get(i)?;
        // A title stands alone: a blank line, a rule row, a lead-in
        // formula or a date line follows it.
        let next_blank = lines.get(i + 1).is_none_or(|l| {
            let l = l.trim();
            l.is_empty()
                || meta::web_chrome(l)
                || leadin::analyze(l).is_some()
                || date::parse_date(l, self.options.numeric_dates).is_some()
        });
        let more = lines[i + 1..].iter().any(|l| !l.trim().is_empty());
        if !next_blank || !more {
            return None;
        }
        let t = line.trim();
        let (t, atx) = match segment::atx_heading(t) {
            Some((1, text)) => (text, true),
            Some(_) => return None,
            None => (t, false),
        };
        let t = t
            .strip_prefix("**")
            .and_then(|s| s.strip_suffix("**"))
            .unwrap_or(t);
        let text = inline::spaced_text(&inline::parse_inlines(t));
        let text = text.trim();
        if !atx
            && (!headline::looks_like_title(text)
                || leadin::analyze(text).is_some()
                || lists::marker(line).is_some()
                || segment::speaker_label(text).is_some()
                || meta::end_mark(text).is_some())
        {
            return None;
        }
        let text = text.strip_suffix(':').unwrap_or(text).trim();
        self.meta.headline = Some(Headline {
            text: text.to_string(),
            derived: false,
        });
        skip[i] = true;
        Some(i + 1)
    }
}

/// Adds a header line's symbols; a line repeating symbols already taken
/// (UN pages give the symbol above the title and again beside the organ)
/// adds only the new ones and is recorded as an artefact.
fn add_symbols(meta: &mut Metadata, symbols: Vec<crate::model::Symbol>, line: &str) {
    let (known, new): (Vec<_>, Vec<_>) = symbols
        .into_iter()
        .partition(|s| meta.symbols.iter().any(|k| k.raw == s.raw));
    if !known.is_empty() {
        meta.artefacts.push(line.to_string());
    }
    meta.symbols.extend(new);
}

/// "Brussels, 16 July 2021" on a line of its own.
fn place_date_line(t: &str) -> Option<crate::model::Dateline> {
    let (place, rest) = t.split_once(", ").or_else(|| t.split_once("، "))?;
    let place_ok = place.len() <= 40
        && place.split_whitespace().count() <= 4
        && place
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || (c.is_alphabetic() && !c.is_lowercase()));
    let rest = rest.trim().trim_end_matches(['—', '–', '-']).trim();
    (place_ok && date::parse_date(rest, NumericDateOrder::DayFirst).is_some()).then(|| {
        crate::model::Dateline {
            raw: t.to_string(),
            place: place.to_string(),
            date_text: Some(rest.to_string()),
            originator: None,
        }
    })
}

/// Lead-in, dateline, time line, boilerplate and contacts.
fn post_process(meta: &mut Metadata, blocks: &mut Vec<Block>) {
    // A time line among the first blocks ("1:29 P.M. EDT").
    if meta.time.is_none()
        && let Some(pos) = blocks.iter().take(4).position(|b| {
            matches!(b, Block::Paragraph { content } if meta::time_line(plain_text(content).trim()))
        }) {
            meta.time = Some(plain_text(block_content(&blocks[pos])).trim().to_string());
            blocks.remove(pos);
        }
    take_opening_date_lines(meta, blocks);
    // The lead-in: the first paragraph, if it is a formula.
    if let Some(pos) = blocks
        .iter()
        .take(3)
        .position(|b| matches!(b, Block::Paragraph { .. }))
    {
        let text = plain_text(block_content(&blocks[pos]));
        if let Some(lead) = leadin::analyze(&text) {
            if meta.kind == DocKind::Unknown {
                meta.kind = lead.kind;
            }
            if meta.speaker.is_none() {
                meta.speaker = lead.speaker.clone().filter(|s| !s.name.is_empty());
            }
            if meta.occasion.is_none() {
                meta.occasion = lead.occasion.clone();
            }
            if meta.delivery_note.is_none() {
                meta.delivery_note = lead.delivery_note.clone();
            }
            let curly = matches!(&blocks[pos], Block::Paragraph { content }
                if crate::model::plain_text(content).contains(['’', '‘', '“', '”']));
            if meta.headline.is_none()
                && let Some(text) = headline::derive(&lead, curly)
            {
                meta.headline = Some(Headline {
                    text,
                    derived: true,
                });
            }
            if let Block::Paragraph { content } = &mut blocks[pos] {
                let content = std::mem::take(content);
                blocks[pos] = Block::LeadIn { content };
            }
        } else if meta.dateline.is_none() {
            take_dateline(meta, &mut blocks[pos]);
        }
    }
    tail::boilerplate_and_contacts(meta, blocks);
}

/// Blocks near the top that open a body yet belong to the header: a
/// date alone ("13 июня 2016") when the header gave none, and a place
/// and date alone ("Женева, 13 июня 2016 г.") when there is no dateline.
fn take_opening_date_lines(meta: &mut Metadata, blocks: &mut Vec<Block>) {
    let mut i = 0;
    while i < blocks.len().min(OPENING_BLOCKS) {
        let Block::Paragraph { content } = &blocks[i] else {
            i += 1;
            continue;
        };
        let text = plain_text(content);
        let t = text.trim();
        if meta.date.is_none()
            && let Some(iso) = date::parse_date(t, NumericDateOrder::DayFirst)
        {
            meta.date = Some(iso);
            meta.date_raw = Some(t.to_string());
        } else if meta.dateline.is_none()
            && let Some(dateline) = place_date_line(t)
        {
            date_from_dateline(meta, &dateline);
            meta.dateline = Some(dateline);
        } else {
            i += 1;
            continue;
        }
        blocks.remove(i);
    }
}

/// Blocks looked at by [`take_opening_date_lines`].
const OPENING_BLOCKS: usize = 4;

/// The release date from a dateline's full date, when the header gave none.
fn date_from_dateline(meta: &mut Metadata, dateline: &crate::model::Dateline) {
    if meta.date.is_none()
        && let Some(text) = &dateline.date_text
        && let Some(iso) = date::parse_date(text, NumericDateOrder::DayFirst)
    {
        meta.date = Some(iso);
        meta.date_raw = Some(text.clone());
    }
}

fn block_content(block: &Block) -> &[Inline] {
    match block {
        Block::Paragraph { content }
        | Block::LeadIn { content }
        | Block::Heading { content, .. } => content,
        _ => &[],
    }
}

/// Moves a dateline opening the paragraph into the metadata.
fn take_dateline(meta: &mut Metadata, block: &mut Block) {
    let Block::Paragraph { content } = block else {
        return;
    };
    let Some(Inline::Text { text }) = content.first_mut() else {
        return;
    };
    if let Some((dateline, end)) = meta::dateline(text) {
        *text = text[end..].trim_start().to_string();
        date_from_dateline(meta, &dateline);
        meta.dateline = Some(dateline);
        if text.is_empty() {
            content.remove(0);
        }
    }
}

/// A speech (UN General Debate) only on a real signal: an opening salutation
/// or the customary congratulation of the President of the Assembly.
fn finish_kind(doc: &mut Document, _layout: segment::Layout) {
    if doc.meta.kind != DocKind::Unknown {
        return;
    }
    let mut opening = String::new();
    for block in doc.body.iter().take(6) {
        opening.push_str(&plain_text(block_content(block)));
        opening.push('\n');
        if opening.len() > 3000 {
            break;
        }
    }
    let lower = opening.to_lowercase();
    let salutation = [
        "mr. president",
        "mr president",
        "madam president",
        "madame la présidente",
        "monsieur le président",
        "president of the general assembly",
        "excellencies",
        "distinguished delegates",
    ]
    .iter()
    .any(|s| lower.contains(s));
    let assembly = lower.contains("general assembly")
        || lower.contains("this assembly")
        || lower.contains("assemblée générale");
    let address = [
        "congratulat",
        "on your election",
        "i have the honour",
        "my delegation",
        "this august",
    ]
    .iter()
    .any(|s| lower.contains(s));
    if salutation || (assembly && address) {
        doc.meta.kind = DocKind::Speech;
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_i18n;
