//! Running heads and feet: the first-page header with the letterhead, the
//! continuation header and the footers, with `{page}` / `{pages}` as PAGE and
//! NUMPAGES fields.

use super::body::{RunFormat, Runs, formatted_date};
use super::drawing;
use super::headband;
use super::styles::id;
use super::wml::{close_paragraph, open_paragraph, open_root, page_field, pages_field};
use std::fmt::Write as _;

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

/// Placeholders that take their value from the document.
const DOCUMENT_VALUES: [&str; 5] = [
    "{symbol}",
    "{date}",
    "{headline}",
    "{issuer}",
    "{disclaimer}",
];

fn uses_document_values(pattern: &str) -> bool {
    pattern.contains('{') && DOCUMENT_VALUES.iter().any(|v| pattern.contains(v))
}

fn band_uses_document_values(band: &Band) -> bool {
    [&band.left, &band.center, &band.right]
        .iter()
        .any(|s| uses_document_values(s))
}

/// The running parts (header1 = continuation header, header2 = first-page
/// header, footer1 = continuation footer, footer2 = first-page footer) that
/// are the same for every document under `template`: none of their patterns
/// names a document value. `None` where the part depends on the document.
/// They hold the template's footer disclaimer (returned too): a document
/// with its own disclaimer renders its running parts itself.
pub fn template_constant_parts(template: &Template) -> ([Option<String>; 4], String) {
    let plan = DisclaimerPlan::new(&Document::default(), template);
    let values = Placeholders {
        disclaimer: placeholders(&Document::default(), template, &plan).disclaimer,
        ..Placeholders::default()
    };
    let lh = &template.letterhead;
    let first_header_varies = band_uses_document_values(&template.header.first)
        || lh.lines.iter().any(|l| uses_document_values(&l.text))
        || lh
            .label
            .as_ref()
            .is_some_and(|l| uses_document_values(&l.text))
        || lh.masthead.iter().any(|l| uses_document_values(&l.text));
    let constant = |part: String, runs: Runs, varies: bool| {
        // Characters dropped from template text are reported per document,
        // so such a part is rendered every time.
        (!varies && !runs.dropped_any()).then_some(part)
    };
    let header = |band: &Band| {
        let mut runs = Runs::default();
        let part = header_part(&mut runs, band, &values, template);
        constant(part, runs, band_uses_document_values(band))
    };
    let footer = |band: &Band| {
        let mut runs = Runs::default();
        let part = footer_part(&mut runs, band, &values, &template.more);
        constant(part, runs, band_uses_document_values(band))
    };
    let mut runs = Runs::default();
    let first = first_header(&mut runs, template, &values);
    let parts = [
        header(&template.header.rest),
        constant(first, runs, first_header_varies),
        footer(&template.footer.rest),
        footer(&template.footer.first),
    ];
    (parts, values.disclaimer)
}

/// The even-page header and footer of a template that mirrors its running
/// head or foot (the continuation band, left and right exchanged); `None`
/// for one it does not mirror.
pub fn even_parts(
    runs: &mut Runs,
    template: &Template,
    values: &Placeholders,
) -> [Option<String>; 2] {
    [
        template
            .header
            .mirror
            .then(|| header_part(runs, &template.header.rest.mirrored(), values, template)),
        template.footer.mirror.then(|| {
            footer_part(
                runs,
                &template.footer.rest.mirrored(),
                values,
                &template.more,
            )
        }),
    ]
}

/// Appends a band slot: placeholders filled, `{page}`/`{pages}` as fields.
fn push_slot(
    runs: &mut Runs,
    out: &mut String,
    pattern: &str,
    values: &Placeholders,
    fmt: RunFormat,
) {
    if let Some((before, after)) = pattern.split_once("{headline}") {
        // The headline follows the document: a STYLEREF field of the
        // headline's style, its stored result the headline as written.
        push_slot(runs, out, before, values, fmt);
        out.push_str(STYLEREF_BEGIN);
        runs.push_text(out, &values.headline, fmt);
        out.push_str(FIELD_END);
        push_slot(runs, out, after, values, fmt);
        return;
    }
    if !pattern.contains("{page") {
        let text = values.fill(pattern, 1, 1);
        runs.push_text(out, &text, fmt);
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
        if text.contains('{') {
            let filled = text
                .replace("{symbol}", &values.symbol)
                .replace("{date}", &values.date)
                .replace("{headline}", &values.headline)
                .replace("{issuer}", &values.issuer)
                .replace("{disclaimer}", &values.disclaimer);
            runs.push_text(out, &filled, fmt);
        } else {
            runs.push_text(out, text, fmt);
        }
        match field {
            Some(true) => out.push_str(pages_field()),
            Some(false) => out.push_str(page_field()),
            None => {}
        }
        rest = after;
    }
}

/// A slot in the running style's own formatting.
fn push_plain_slot(runs: &mut Runs, out: &mut String, pattern: &str, values: &Placeholders) {
    push_slot(runs, out, pattern, values, RunFormat::default());
}

/// One band as a paragraph: left ⇥ centre ⇥ right on the style's tab stops.
fn band_paragraph(
    runs: &mut Runs,
    out: &mut String,
    band: &Band,
    values: &Placeholders,
    style: &str,
) {
    open_paragraph(out, style, false, None);
    let fmt = RunFormat::default();
    push_slot(runs, out, &band.left, values, fmt);
    if !band.center.is_empty() || !band.right.is_empty() {
        runs.push_text(out, "\t", fmt);
        push_slot(runs, out, &band.center, values, fmt);
    }
    if !band.right.is_empty() {
        runs.push_text(out, "\t", fmt);
        push_slot(runs, out, &band.right, values, fmt);
    }
    close_paragraph(out);
}

/// A field's opening runs: STYLEREF of the headline's style ("Title").
const STYLEREF_BEGIN: &str = "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> STYLEREF \"Title\" \\* MERGEFORMAT </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>";

/// A field's closing run.
const FIELD_END: &str = "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>";

/// A paragraph in the template's "more" style holding `more` ("- more -") on
/// every page but the last: `IF PAGE < NUMPAGES "- more -" ""`, its stored
/// result the marker (a reader that does not evaluate fields shows it).
fn push_more(runs: &mut Runs, out: &mut String, more: &str) {
    if more.trim().is_empty() {
        return;
    }
    open_paragraph(out, id::MORE, false, None);
    let instr = |out: &mut String, text: &str| {
        out.push_str("<w:r><w:instrText xml:space=\"preserve\">");
        super::xml::escape_into(out, text);
        out.push_str("</w:instrText></w:r>");
    };
    let nested = |out: &mut String, name: &str, result: &str| {
        out.push_str("<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>");
        instr(out, &format!(" {name} "));
        out.push_str("<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>");
        out.push_str(result);
        out.push_str("</w:t></w:r>");
        out.push_str(FIELD_END);
    };
    out.push_str("<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>");
    instr(out, " IF ");
    nested(out, "PAGE", "1");
    instr(out, " < ");
    nested(out, "NUMPAGES", "2");
    let quoted = more.replace('"', "\u{201D}");
    instr(out, &format!(" \"{quoted}\" \"\" "));
    out.push_str("<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>");
    runs.push_text(out, more, RunFormat::default());
    out.push_str(FIELD_END);
    close_paragraph(out);
}

/// A footer part: the "more" marker (if the template has one), then the band.
pub fn footer_part(runs: &mut Runs, band: &Band, values: &Placeholders, more: &str) -> String {
    let mut out = String::with_capacity(1024);
    open_root(&mut out, "w:ftr");
    push_more(runs, &mut out, more);
    band_paragraph(runs, &mut out, band, values, id::FOOTER);
    out.push_str("</w:ftr>");
    out
}

/// The continuation header part: its band, as a table when it holds the
/// headline ([`headband`]), else as one paragraph on the style's tabs.
pub fn header_part(
    runs: &mut Runs,
    band: &Band,
    values: &Placeholders,
    template: &Template,
) -> String {
    let mut out = String::with_capacity(1024);
    open_root(&mut out, "w:hdr");
    if headband::holds_headline(band) {
        headband::push_band_table(runs, &mut out, band, values, template, push_plain_slot);
    } else {
        band_paragraph(runs, &mut out, band, values, id::HEADER);
    }
    out.push_str("</w:hdr>");
    out
}

/// The first-page header part: the first band (if any), then the letterhead
/// lines (the logo opening the first, the label on a right tab), the rule
/// and the masthead.
pub fn first_header(runs: &mut Runs, template: &Template, values: &Placeholders) -> String {
    let mut out = String::with_capacity(2048);
    open_root(&mut out, "w:hdr");
    let lh = &template.letterhead;
    if !template.header.first.is_empty() {
        band_paragraph(runs, &mut out, &template.header.first, values, id::HEADER);
    }
    let count = lh.lines.len().max(1);
    for i in 0..count {
        if i + 1 == count {
            push_label(runs, &mut out, template, values);
        }
        match drawing::logo(template).filter(|_| i == 0) {
            Some(image) => {
                drawing::open_logo_paragraph(&mut out, &id::letterhead(i));
                drawing::push_logo_run(&mut out, template, image);
            }
            None => open_paragraph(&mut out, &id::letterhead(i), false, None),
        }
        if let Some(line) = lh.lines.get(i) {
            push_slot(runs, &mut out, &line.text, values, RunFormat::default());
        }
        close_paragraph(&mut out);
    }
    for (i, line) in lh.masthead.iter().enumerate() {
        open_paragraph(&mut out, &id::masthead(i), false, None);
        push_slot(runs, &mut out, &line.text, values, RunFormat::default());
        close_paragraph(&mut out);
    }
    out.push_str("</w:hdr>");
    out
}

/// The letterhead label ("Press Release") as a frame flush right whose
/// baseline is the last letterhead line's, as in the PDF: a frame anchored
/// to that line's paragraph, raised by the difference of the two ascents
/// (the label is larger), so that it never changes the height of a line.
fn push_label(runs: &mut Runs, out: &mut String, template: &Template, values: &Placeholders) {
    let lh = &template.letterhead;
    let Some(label) = &lh.label else {
        return;
    };
    let text = values.fill(&label.text, 1, 1);
    if text.is_empty() {
        return;
    }
    let line_size = lh
        .lines
        .last()
        .map_or(template.styles.running.size, |l| l.style.size);
    let ascent = ascent_ratio(template, label.style.font, label.style.bold);
    let line_ascent = ascent_ratio(
        template,
        lh.lines.last().map_or(label.style.font, |l| l.style.font),
        lh.lines.last().is_some_and(|l| l.style.bold),
    );
    let raise = label.style.size * ascent - line_size * line_ascent;
    out.push_str("<w:p><w:pPr><w:pStyle w:val=\"");
    out.push_str(&id::letterhead(lh.lines.len().max(1) - 1));
    let _ = write!(
        out,
        "\"/><w:framePr w:wrap=\"around\" w:vAnchor=\"text\" w:hAnchor=\"margin\" w:xAlign=\"right\" w:y=\"{}\"/><w:pBdr><w:bottom w:val=\"nil\"/></w:pBdr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/><w:jc w:val=\"right\"/></w:pPr>",
        -(raise * 20.0).round() as i32
    );
    runs.push_text(out, &text, RunFormat::styled(id::LETTERHEAD_LABEL));
    close_paragraph(out);
}

/// Ascent of a template family's face as a multiple of its size (the
/// `hhea` ascender, which Word and LibreOffice place the baseline by).
fn ascent_ratio(template: &Template, role: crate::template::FontRole, bold: bool) -> f32 {
    crate::layout::fonts::FontBook::new(template)
        .ok()
        .map(|book| {
            let face = crate::layout::fonts::font(book.select(role, bold, false));
            f32::from(face.ttf().ascender()) / face.upem
        })
        .unwrap_or(1.069)
}
