//! Printable handouts: many releases in one pack, with a cover, a table of
//! contents, continuous page numbers, nested bookmarks and fonts embedded
//! once; optionally imposed as a saddle-stitched booklet.
//!
//! Releases are laid out first ([`crate::layout::prepare`]) so their page
//! counts are known; then the contents are set and paginated, the page plan
//! fixed ([`plan::plan_pages`]), and the releases' running heads and feet
//! painted with the pack's page numbers.

mod front;
pub mod impose;
pub mod plan;

use rayon::prelude::*;

use crate::error::{Diagnostic, Error};
use crate::layout::frame::{DocInfo, Layout, OutlineEntry, Page, Role};
use crate::layout::{self, PageNumbering, compose::Composer};
use crate::model::{Block, Document};
use crate::template::{PdfStandard, Template};
pub use plan::{Order, PagePlan};

/// The title of a pack when none is given and the template's `pack.title`
/// is blank.
pub const DEFAULT_TITLE: &str = "Press Releases";

/// How the pack is made.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Title on the cover (default [`DEFAULT_TITLE`]).
    pub title: Option<String>,
    /// Release order.
    pub order: Order,
    /// Start every release on a right-hand page (blank versos inserted).
    pub duplex: bool,
    /// The language of the cover and contents (ISO 639-1); without it,
    /// the language most releases are in (see [`pack_language`]).
    pub language: Option<String>,
}

/// The language of a pack's own strings (cover, contents): the one most
/// releases are in (the first in code order on a tie), "en" for none.
pub fn pack_language(docs: &[Document]) -> String {
    let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
    for doc in docs {
        let code = crate::template::primary_language(&doc.meta.language.code);
        *counts.entry(code).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
        .map_or_else(|| "en".to_string(), |(code, _)| code)
}

/// One line of the table of contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentsEntry {
    /// Index of the release in the input.
    pub input: usize,
    /// Document symbol(s), possibly empty.
    pub symbol: String,
    /// The formatted date, possibly empty.
    pub date: String,
    /// What the contents print for the release: its headline, or, for a
    /// release whose input gives none (no headline, or one the parser
    /// derived), its label ([`release_label`]).
    pub headline: String,
    /// True when `headline` is the input's own headline; false when it is
    /// the release's label.
    pub own_headline: bool,
    /// 1-based page number where the release starts.
    pub page: usize,
}

/// A laid-out pack.
#[derive(Debug, Clone)]
pub struct Pack {
    /// Every page in reading order, its outline and metadata.
    pub layout: Layout,
    /// Where each part sits.
    pub plan: PagePlan,
    /// The table of contents, in pack order.
    pub contents: Vec<ContentsEntry>,
    /// The pack's title.
    pub title: String,
    /// The date range of the releases ("" when none is dated).
    pub date_range: String,
    /// The stand-in document of the front matter (issuer, title).
    pub front: Document,
    /// Whether releases start on right-hand pages.
    pub duplex: bool,
    /// The standards the pack's PDF claims (the template's).
    pub standard: PdfStandard,
    /// Layout warnings, each with the source name of the release it concerns
    /// (the pack's title for the front matter).
    pub warnings: Vec<(String, Diagnostic)>,
}

/// The headline of a release, or one derived from its first paragraph, or
/// its file name.
pub fn headline(doc: &Document) -> String {
    if let Some(h) = doc.headline_text().filter(|h| !h.trim().is_empty()) {
        return h.trim().to_string();
    }
    let first = doc.body.iter().find_map(|b| match b {
        Block::LeadIn { content } | Block::Paragraph { content } => {
            Some(crate::model::plain_text(content))
        }
        _ => None,
    });
    if let Some(text) = first.filter(|t| !t.trim().is_empty()) {
        let words: Vec<&str> = text.split_whitespace().collect();
        let mut out = words.iter().take(14).copied().collect::<Vec<_>>().join(" ");
        if words.len() > 14 {
            out.push('…');
        }
        return out;
    }
    doc.meta
        .source_file
        .as_deref()
        .map(|f| {
            std::path::Path::new(f)
                .file_stem()
                .map_or(f.to_string(), |s| s.to_string_lossy().into_owned())
        })
        .unwrap_or_else(|| "Untitled release".to_string())
}

/// The input's own headline: `None` when the input gives none (the model
/// holds no headline, a blank one, or one the parser derived).
pub fn own_headline(doc: &Document) -> Option<&str> {
    doc.meta
        .headline
        .as_ref()
        .filter(|h| !h.derived)
        .map(|h| h.text.trim())
        .filter(|h| !h.is_empty())
}

/// How the contents name a release whose input gives no headline: its
/// symbol (or, without one, its file name), kind and formatted `date`,
/// joined by " · " ("SG/SM/20447 · Message · 24 November 2020"). Nothing
/// in it is invented: each part is the input's or its file's.
pub fn release_label(doc: &Document, date: &str) -> String {
    let name = doc.symbol_line().or_else(|| {
        doc.meta.source_file.as_deref().map(|f| {
            std::path::Path::new(f)
                .file_stem()
                .map_or(f.to_string(), |s| s.to_string_lossy().into_owned())
        })
    });
    [
        name.unwrap_or_default().as_str(),
        doc.meta.kind.label(),
        date,
    ]
    .into_iter()
    .map(str::trim)
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(" · ")
}

/// The contents entry's text of `doc` and whether it is the input's own
/// headline (see [`ContentsEntry::headline`]).
pub fn entry_text(doc: &Document, date: &str) -> (String, bool) {
    match own_headline(doc) {
        Some(h) => (h.to_string(), true),
        None => (release_label(doc, date), false),
    }
}

/// Lays out the pack of `docs` (in input order; `options.order` decides the
/// pack order).
pub fn build(docs: &[Document], template: &Template, options: &Options) -> Result<Pack, Error> {
    let order = plan::release_order(docs, options.order);
    // Each release in its own language's strings, the cover and contents in
    // the pack's.
    let localized = crate::template::ByLanguage::new(template);
    let of = |doc: &Document| {
        localized
            .get(&doc.meta.language.code, &template.language)
            .map_or(template, |t| t.as_ref())
    };
    let language = options
        .language
        .clone()
        .unwrap_or_else(|| pack_language(docs));
    let pack_template = template.for_language(&language);
    // Each release with its language's spacing (French « » ; : ! ?), as a
    // single release's layout gets it.
    let spaced: Vec<_> = docs.iter().map(layout::typography::localize).collect();
    let prepared: Vec<layout::Prepared<'_>> = order
        .par_iter()
        .map(|&i| layout::prepare(&spaced[i], of(&docs[i])))
        .collect::<Result<_, _>>()?;
    let template: &Template = &pack_template;
    let release_pages: Vec<usize> = prepared.iter().map(|p| p.page_count().max(1)).collect();

    let mut composer = Composer::new(template)?;
    let title = options
        .title
        .clone()
        .filter(|t| !t.trim().is_empty())
        .or_else(|| Some(template.pack.title.clone()).filter(|t| !t.trim().is_empty()))
        .unwrap_or_else(|| DEFAULT_TITLE.to_string());
    let mut contents: Vec<ContentsEntry> = order
        .iter()
        .map(|&i| {
            let doc = &docs[i];
            let date = format_date(doc, of(doc));
            let (headline, own_headline) = entry_text(doc, &date);
            ContentsEntry {
                input: i,
                symbol: doc.symbol_line().unwrap_or_default(),
                date,
                headline,
                own_headline,
                page: 0,
            }
        })
        .collect();
    let front_doc = front::front_document(docs, &title, &language);
    let toc = front::Contents::set(&mut composer, template, &contents);
    let cover_pages = if options.duplex { 2 } else { 1 };
    let plan = plan::plan_pages(
        cover_pages + toc.page_count(),
        &release_pages,
        options.duplex,
    );
    for (entry, start) in contents.iter_mut().zip(&plan.release_starts) {
        entry.page = *start;
    }
    let date_range = date_range(docs, template);

    let (width, height) = template.page.dimensions();
    let blank = || Page {
        width: width.pt(),
        height: height.pt(),
        items: Vec::new(),
    };
    let mut pages = Vec::with_capacity(plan.total);
    pages.push(front::cover(
        &mut composer,
        template,
        &front_doc,
        &front::CoverText {
            title: &title,
            date_range: &date_range,
            count: docs.len(),
        },
    ));
    if options.duplex {
        pages.push(blank());
    }
    let toc_first = pages.len();
    pages.extend(toc.paint(
        &mut composer,
        template,
        &front_doc,
        &contents,
        (toc_first, plan.total),
    ));

    let total = plan.total;
    let releases: Vec<Layout> = prepared
        .into_par_iter()
        .zip(plan.release_starts.par_iter())
        .map(|(p, &first)| p.finish(PageNumbering { first, total }))
        .collect();

    let mut outline = vec![OutlineEntry {
        title: template.pack.contents.clone(),
        level: 0,
        page: toc_first,
        y: 0.0,
    }];
    // One structure tree for the pack: the cover and contents, then one
    // Part per release holding that release's own tree.
    let mut structure = composer.take_structure();
    let mut warnings: Vec<(String, Diagnostic)> = composer
        .take_diagnostics()
        .into_iter()
        .map(|d| (title.clone(), d))
        .collect();
    for ((release, entry), &start) in releases
        .into_iter()
        .zip(&contents)
        .zip(&plan.release_starts)
    {
        while pages.len() + 1 < start {
            pages.push(blank());
        }
        let base = pages.len();
        let title = match entry.symbol.as_str() {
            symbol if symbol.is_empty() || !entry.own_headline => entry.headline.clone(),
            symbol => format!("{symbol} — {}", entry.headline),
        };
        outline.push(OutlineEntry {
            title,
            level: 0,
            page: base,
            y: 0.0,
        });
        outline.extend(
            release
                .outline
                .into_iter()
                .filter(|e| e.level > 0)
                .map(|e| OutlineEntry {
                    page: e.page + base,
                    ..e
                }),
        );
        let source = docs[entry.input]
            .meta
            .source_file
            .clone()
            .unwrap_or_else(|| entry.headline.clone());
        warnings.extend(release.diagnostics.into_iter().map(|d| (source.clone(), d)));
        let part = structure.push(Role::Part, None);
        structure.nodes[part.index()].lang = Some(release.info.language.clone());
        let offset = structure.append(&release.structure, Some(part));
        if release.pages.is_empty() {
            pages.push(blank());
        }
        pages.extend(release.pages.into_iter().map(|mut page| {
            for item in &mut page.items {
                item.renumber(offset);
            }
            page
        }));
    }
    while pages.len() < plan.total {
        pages.push(blank());
    }
    let issuer = front_doc.meta.issuer.clone();
    let info = DocInfo {
        title: Some(title.clone()),
        author: issuer,
        subject: Some(match date_range.as_str() {
            "" => template.pack.count_label(docs.len()),
            range => format!("{}, {range}", template.pack.count_label(docs.len())),
        }),
        keywords: None,
        language: front_doc.language_tag(),
    };
    Ok(Pack {
        layout: Layout {
            pages,
            outline,
            info,
            diagnostics: Vec::new(),
            structure,
        },
        plan,
        contents,
        title,
        date_range,
        front: front_doc,
        duplex: options.duplex,
        standard: template.pdf.standard,
        warnings,
    })
}

/// "1 press release", "4 press releases" (the English default of the
/// template's `pack.count_one` and `pack.count`).
pub fn count_label(n: usize) -> String {
    crate::template::PackStrings::default().count_label(n)
}

fn format_date(doc: &Document, template: &Template) -> String {
    template.release_date(&doc.meta).unwrap_or_default()
}

/// "20 January 2021 – 24 January 2021" over the dated releases.
fn date_range(docs: &[Document], template: &Template) -> String {
    let dates = docs.iter().filter_map(|d| d.meta.date.as_deref());
    let (Some(first), Some(last)) = (dates.clone().min(), dates.max()) else {
        return String::new();
    };
    let fmt = |iso: &str| template.format_date(iso).unwrap_or_else(|| iso.to_string());
    if first == last {
        fmt(first)
    } else {
        format!("{} – {}", fmt(first), fmt(last))
    }
}

/// The latest release date as a PDF date, if any release is dated.
pub fn pdf_date(docs: &[Document]) -> Option<String> {
    let latest = docs.iter().filter_map(|d| d.meta.date.as_deref()).max()?;
    let doc = Document {
        meta: crate::model::Metadata {
            date: Some(latest.to_string()),
            ..Default::default()
        },
        ..Default::default()
    };
    crate::render::pdf::pdf_date(&doc, &crate::render::RenderOptions::default())
}

/// Writes the pack as one PDF (fonts embedded once for all releases).
pub fn pdf(pack: &Pack, date: Option<&str>) -> Result<Vec<u8>, Error> {
    pdf_of(&pack.layout, date, pack.standard)
}

/// Writes a laid-out pack (or its imposition) as one PDF claiming `standard`.
pub fn pdf_of(
    layout: &Layout,
    date: Option<&str>,
    standard: PdfStandard,
) -> Result<Vec<u8>, Error> {
    let mut writer = crate::render::pdf::PdfWriter::new().standard(standard);
    writer.add(layout);
    writer.finish(&layout.info, date)
}

/// Writes the pack as one DOCX: cover, a TOC field whose stored result is
/// the pack's contents with the page plan's numbers (those of the PDF), a
/// section per release.
pub fn docx(
    pack: &Pack,
    docs: &[Document],
    template: &Template,
    options: &crate::render::RenderOptions,
) -> Result<crate::render::Rendered, Error> {
    let ordered: Vec<&Document> = pack.contents.iter().map(|e| &docs[e.input]).collect();
    let template = template.for_language(&pack.front.meta.language.code);
    let template: &Template = &template;
    let count = template.pack.count_label(ordered.len());
    let contents: Vec<crate::render::docx::TocEntry<'_>> = pack
        .contents
        .iter()
        .map(|e| crate::render::docx::TocEntry {
            text: &e.headline,
            own_headline: e.own_headline,
            page: e.page,
        })
        .collect();
    let text = crate::render::docx::PackText {
        title: &pack.title,
        date_range: &pack.date_range,
        count: &count,
        duplex: pack.duplex,
        contents: &contents,
    };
    crate::render::docx::render_pack(&pack.front, &text, &ordered, template, options)
}
