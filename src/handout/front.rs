//! The front matter of a handout: the cover and the table of contents,
//! set with the template's faces through [`Composer`].

use std::collections::BTreeMap;

use super::ContentsEntry;
use crate::layout::compose::Composer;
use crate::layout::frame::{Artifact, Item, Link, NodeId, Page, Role, Rule, Tag};
use crate::model::{Document, Headline};
use crate::template::{Align, Case, FontRole, Template, TextStyle};

/// Width kept for page numbers at the right of the contents.
const NUMBER_COLUMN: f32 = 36.0;
/// Space between two contents entries.
const ENTRY_GAP: f32 = 9.0;

/// A stand-in document for the front matter's letterhead and running
/// bands: the most frequent issuer of the releases, the pack's title and
/// the pack's language (`language`).
pub fn front_document(docs: &[Document], title: &str, language: &str) -> Document {
    let mut issuers: BTreeMap<&str, usize> = BTreeMap::new();
    for doc in docs {
        if let Some(issuer) = doc.meta.issuer.as_deref().filter(|i| !i.trim().is_empty()) {
            *issuers.entry(issuer).or_default() += 1;
        }
    }
    let issuer = issuers
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(i, _)| i.to_string());
    let mut doc = Document::default();
    doc.meta.issuer = issuer;
    doc.meta.headline = Some(Headline {
        text: title.to_string(),
        derived: true,
    });
    crate::template::state_language(&mut doc.meta, language);
    doc
}

fn style(template: &Template, font: FontRole, size: f32, bold: bool) -> TextStyle {
    TextStyle {
        font,
        size,
        leading: 1.25,
        bold,
        italic: false,
        align: Align::Left,
        case: Case::AsIs,
        color: Some(template.colors.text),
        ..template.styles.body.clone()
    }
}

/// What the cover says.
pub struct CoverText<'a> {
    /// The pack's title.
    pub title: &'a str,
    /// The releases' date range.
    pub date_range: &'a str,
    /// How many releases.
    pub count: usize,
}

/// The cover: letterhead, title, date range, number of releases.
pub fn cover(
    composer: &mut Composer<'_>,
    template: &Template,
    front: &Document,
    text: &CoverText<'_>,
) -> Page {
    let (width, height) = template.page.dimensions();
    let (width, height) = (width.pt(), height.pt());
    let m = &template.page.margins;
    let (left, measure) = (m.left.pt(), template.page.text_width().max(72.0));
    let (mut items, _) = composer.letterhead(front);
    let mut y = height * 0.34;
    let mut title_style = style(template, FontRole::Heading, 30.0, true);
    title_style.leading = 1.15;
    title_style.color = Some(template.colors.accent);
    let title = Tag::Content(composer.node(Role::Heading(1), None));
    if let Some(p) = composer.place(
        &mut items,
        text.title,
        &title_style,
        (left, measure, y),
        title,
    ) {
        y = p.bottom + 10.0;
    }
    items.push(Item::Rule(Rule {
        from: (left, y),
        to: (left + measure * 0.4, y),
        width: 2.0,
        color: template.colors.rule,
        tag: Tag::Artifact(Artifact::Layout),
    }));
    y += 16.0;
    let sub = style(template, FontRole::Heading, 15.0, false);
    let range = Tag::Content(composer.node(Role::P, None));
    if let Some(p) = composer.place(&mut items, text.date_range, &sub, (left, measure, y), range) {
        y = p.bottom + 4.0;
    }
    let mut count = style(template, FontRole::Heading, 12.0, false);
    count.color = Some(template.colors.muted);
    let count_tag = Tag::Content(composer.node(Role::P, None));
    composer.place(
        &mut items,
        &template.pack.count_label(text.count),
        &count,
        (left, measure, y),
        count_tag,
    );
    Page {
        width,
        height,
        items,
    }
}

/// One entry set but not yet placed: its lines and their heights.
struct EntryBox {
    items: Vec<Item>,
    height: f32,
    /// Baseline and right end of the headline's last line, from the entry's top.
    last: (f32, f32),
    /// The entry's link element (inside its contents item).
    link: NodeId,
}

/// The table of contents, set and paginated before the page numbers are known.
pub struct Contents {
    /// Per page: entry indices with their tops.
    pages: Vec<Vec<(usize, f32)>>,
    entries: Vec<EntryBox>,
    heading: Vec<Item>,
}

impl Contents {
    /// Sets every entry and paginates the contents.
    pub fn set(
        composer: &mut Composer<'_>,
        template: &Template,
        entries: &[ContentsEntry],
    ) -> Contents {
        let (_, height) = template.page.dimensions();
        let m = &template.page.margins;
        let (left, measure) = (m.left.pt(), template.page.text_width().max(120.0));
        let top = m.top.pt();
        let bottom = height.pt() - m.bottom.pt();
        let mut heading = Vec::new();
        let mut hstyle = style(template, FontRole::Heading, 20.0, true);
        hstyle.color = Some(template.colors.accent);
        let heading_tag = Tag::Content(composer.node(Role::Heading(2), None));
        let first_top = composer
            .place(
                &mut heading,
                &template.pack.contents,
                &hstyle,
                (left, measure, top),
                heading_tag,
            )
            .map_or(top, |p| p.bottom + 14.0);
        let toc = composer.node(Role::Toc, None);
        let mut meta = style(template, FontRole::Heading, 8.5, false);
        meta.color = Some(template.colors.muted);
        let head = style(template, FontRole::Body, 11.0, false);
        let mut boxes = Vec::with_capacity(entries.len());
        for e in entries {
            let item = composer.node(Role::TocItem, Some(toc));
            let link = composer.node(Role::Link, Some(item));
            let tag = Tag::Content(link);
            let mut items = Vec::new();
            let mut y = 0.0;
            // A release listed by its label (symbol, kind, date) needs no
            // symbol and date line above it.
            let label: Vec<&str> = [e.symbol.as_str(), e.date.as_str()]
                .into_iter()
                .filter(|s| !s.is_empty() && e.own_headline)
                .collect();
            if let Some(p) = composer.place(
                &mut items,
                &label.join("  ·  "),
                &meta,
                (left, measure, y),
                tag,
            ) {
                y = p.bottom + 1.0;
            }
            let width = measure - NUMBER_COLUMN;
            let last = match composer.place(&mut items, &e.headline, &head, (left, width, y), tag) {
                Some(p) => {
                    y = p.bottom;
                    (p.baseline, p.right)
                }
                None => (y, left),
            };
            boxes.push(EntryBox {
                items,
                height: y,
                last,
                link,
            });
        }
        let mut pages: Vec<Vec<(usize, f32)>> = vec![Vec::new()];
        let mut y = first_top;
        for (i, b) in boxes.iter().enumerate() {
            let on_page = pages.last().is_some_and(|p| !p.is_empty());
            if on_page && y + b.height > bottom {
                pages.push(Vec::new());
                y = top;
            }
            if let Some(page) = pages.last_mut() {
                page.push((i, y));
            }
            y += b.height + ENTRY_GAP;
        }
        Contents {
            pages,
            entries: boxes,
            heading,
        }
    }

    /// Pages the contents take.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// Paints the pages with page numbers, dotted leaders and links;
    /// `first` is the index of the first contents page in the pack, `total`
    /// the pack's page count.
    pub fn paint(
        self,
        composer: &mut Composer<'_>,
        template: &Template,
        front: &Document,
        entries: &[ContentsEntry],
        (first, total): (usize, usize),
    ) -> Vec<Page> {
        let (width, height) = template.page.dimensions();
        let (width, height) = (width.pt(), height.pt());
        let m = &template.page.margins;
        let (left, measure) = (m.left.pt(), template.page.text_width().max(120.0));
        let right = left + measure;
        let number_style = style(template, FontRole::Body, 11.0, false);
        let mut leader_style = number_style.clone();
        leader_style.color = Some(template.colors.muted);
        let dot =
            (composer.width(". .", &leader_style) - composer.width(".", &leader_style)).max(1.0);
        let mut out = Vec::with_capacity(self.pages.len());
        let mut heading = Some(self.heading);
        for (n, page) in self.pages.into_iter().enumerate() {
            let mut items = heading.take().unwrap_or_default();
            for (i, top) in page {
                let b = &self.entries[i];
                let e = &entries[i];
                items.extend(b.items.iter().map(|item| item.translated(0.0, top)));
                let number = e.page.to_string();
                let nw = composer.width(&number, &number_style);
                let baseline = top + b.last.0;
                let mut lines = Vec::new();
                let line_top = baseline - number_style.size;
                composer.place(
                    &mut lines,
                    &number,
                    &number_style,
                    (right - nw - 0.5, nw + 1.0, line_top),
                    Tag::Content(b.link),
                );
                // Align the number's baseline with the headline's last line.
                items.extend(on_baseline(&lines, baseline));
                let from = b.last.1 + dot * 0.5;
                let to = right - nw - dot * 0.5;
                let count = ((to - from) / dot).floor();
                if count >= 2.0 {
                    let dots = ". ".repeat(count as usize);
                    let mut leader = Vec::new();
                    let start = to - count * dot;
                    composer.place(
                        &mut leader,
                        dots.trim_end(),
                        &leader_style,
                        (start, count * dot + 4.0 * dot, line_top),
                        Tag::Artifact(Artifact::Layout),
                    );
                    items.extend(on_baseline(&leader, baseline));
                }
                if e.page > 0 {
                    items.push(Item::Link(Link {
                        rect: (left, top, right, top + b.height),
                        url: String::new(),
                        page: Some(e.page - 1),
                        alt: format!("{}, page {}", e.headline, e.page),
                        tag: Tag::Content(b.link),
                        local: None,
                    }));
                }
            }
            composer.bands(front, &mut items, (1, 1), (first + n + 1, total));
            out.push(Page {
                width,
                height,
                items,
            });
        }
        out
    }
}

/// `items` moved up or down so that their first text run sits on `baseline`.
fn on_baseline(items: &[Item], baseline: f32) -> impl Iterator<Item = Item> + '_ {
    let drift = items
        .iter()
        .find_map(|i| match i {
            Item::Text(r) => Some(baseline - r.y),
            _ => None,
        })
        .unwrap_or(0.0);
    items.iter().map(move |i| i.translated(0.0, drift))
}
