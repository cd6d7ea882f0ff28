//! Running heads and feet: the first-page header with the letterhead, the
//! continuation header and the footers, with `{page}` / `{pages}` as PAGE and
//! NUMPAGES fields.

use docx_rs::{Header, NumPages, PageNum, Paragraph, ParagraphChild};

use super::body::{RunFormat, Writer, formatted_date};
use super::styles::id;
use crate::model::Document;
use crate::template::{Band, DisclaimerPosition, Placeholders, Template};

/// Where the disclaimer goes for one document.
pub struct DisclaimerPlan {
    /// The text (the document's own wins over the template's).
    pub text: Option<String>,
    /// Shown in the footers (`{disclaimer}` in a footer band, position footer).
    pub in_footer: bool,
    /// Shown after the end mark.
    pub at_end: bool,
}

impl DisclaimerPlan {
    /// Decides for `doc` under `template`. A document's own disclaimer is
    /// input text and is never dropped: with position `hidden`, or `footer`
    /// without a `{disclaimer}` slot, it goes to the end.
    pub fn new(doc: &Document, template: &Template) -> Self {
        let own = doc.meta.disclaimer.clone().filter(|d| !d.trim().is_empty());
        let has_own = own.is_some();
        let text =
            own.or_else(|| Some(template.disclaimer.text.clone()).filter(|d| !d.trim().is_empty()));
        let slot = [&template.footer.first, &template.footer.rest]
            .iter()
            .any(|b| {
                [&b.left, &b.center, &b.right]
                    .iter()
                    .any(|s| s.contains("{disclaimer}"))
            });
        let position = template.disclaimer.position;
        let in_footer = text.is_some() && position == DisclaimerPosition::Footer && slot;
        let at_end = text.is_some()
            && match position {
                DisclaimerPosition::End => true,
                DisclaimerPosition::Footer => !slot,
                DisclaimerPosition::Hidden => has_own,
            };
        DisclaimerPlan {
            text,
            in_footer,
            at_end,
        }
    }
}

/// Placeholder values for this document.
pub fn placeholders(doc: &Document, template: &Template, plan: &DisclaimerPlan) -> Placeholders {
    Placeholders {
        symbol: doc.symbol_line().unwrap_or_default(),
        date: formatted_date(doc, template).unwrap_or_default(),
        headline: doc.headline_text().unwrap_or_default().to_string(),
        issuer: doc.meta.issuer.clone().unwrap_or_default(),
        disclaimer: if plan.in_footer {
            plan.text.clone().unwrap_or_default()
        } else {
            String::new()
        },
    }
}

/// Appends a band slot: placeholders filled, `{page}`/`{pages}` as fields.
fn push_slot(
    writer: &mut Writer,
    children: &mut Vec<ParagraphChild>,
    pattern: &str,
    values: &Placeholders,
    fmt: RunFormat,
) {
    if !pattern.contains("{page") {
        let text = values.fill(pattern, 1, 1);
        writer.push_text(children, &text, fmt);
        return;
    }
    let mut rest = pattern;
    while !rest.is_empty() {
        let (text, field, after) = match (rest.find("{page}"), rest.find("{pages}")) {
            (Some(a), Some(b)) if b < a => (&rest[..b], Some(true), &rest[b + 7..]),
            (Some(a), _) => (&rest[..a], Some(false), &rest[a + 6..]),
            (None, Some(b)) => (&rest[..b], Some(true), &rest[b + 7..]),
            (None, None) => (rest, None, ""),
        };
        let filled = text
            .replace("{symbol}", &values.symbol)
            .replace("{date}", &values.date)
            .replace("{headline}", &values.headline)
            .replace("{issuer}", &values.issuer)
            .replace("{disclaimer}", &values.disclaimer);
        writer.push_text(children, &filled, fmt);
        match field {
            Some(true) => children.push(ParagraphChild::NumPages(Box::new(NumPages::new()))),
            Some(false) => children.push(ParagraphChild::PageNum(Box::new(PageNum::new()))),
            None => {}
        }
        rest = after;
    }
}

/// One band as a paragraph: left ⇥ centre ⇥ right on the style's tab stops.
pub fn band_paragraph(
    writer: &mut Writer,
    band: &Band,
    values: &Placeholders,
    style: &str,
) -> Paragraph {
    let mut p = writer.para(style);
    let fmt = RunFormat::default();
    push_slot(writer, &mut p.children, &band.left, values, fmt);
    if !band.center.is_empty() || !band.right.is_empty() {
        writer.push_text(&mut p.children, "\t", fmt);
        push_slot(writer, &mut p.children, &band.center, values, fmt);
    }
    if !band.right.is_empty() {
        writer.push_text(&mut p.children, "\t", fmt);
        push_slot(writer, &mut p.children, &band.right, values, fmt);
    }
    p
}

/// The first-page header: the first band (if any), then the letterhead
/// lines (label on a right tab), the rule and the masthead.
pub fn first_header(writer: &mut Writer, template: &Template, values: &Placeholders) -> Header {
    let mut header = Header::new();
    let lh = &template.letterhead;
    if !template.header.first.is_empty() {
        header = header.add_paragraph(band_paragraph(
            writer,
            &template.header.first,
            values,
            id::HEADER,
        ));
    }
    let count = lh.lines.len().max(1);
    for i in 0..count {
        let mut p = writer.para(&id::letterhead(i));
        if let Some(line) = lh.lines.get(i) {
            push_slot(
                writer,
                &mut p.children,
                &line.text,
                values,
                RunFormat::default(),
            );
        }
        if i == 0
            && let Some(label) = &lh.label
        {
            let text = values.fill(&label.text, 1, 1);
            if !text.is_empty() {
                writer.push_text(&mut p.children, "\t", RunFormat::default());
                writer.push_text(
                    &mut p.children,
                    &text,
                    RunFormat::styled(id::LETTERHEAD_LABEL),
                );
            }
        }
        header = header.add_paragraph(p);
    }
    for (i, line) in lh.masthead.iter().enumerate() {
        let mut p = writer.para(&id::masthead(i));
        push_slot(
            writer,
            &mut p.children,
            &line.text,
            values,
            RunFormat::default(),
        );
        header = header.add_paragraph(p);
    }
    header
}
