//! A running head that holds the headline, set so that it never wraps into
//! its neighbours: a one-row table of fixed column widths and exact row
//! height (Word and LibreOffice clip what does not fit the row), the
//! headline's column taking what the other slots leave less the PDF's slot
//! gap. The headline is a STYLEREF field of the Title style; its stored
//! result is shortened at a word boundary and marked "…" when it does not
//! fit, by the PDF's rule ([`shorten_with`]), measured with the template's
//! faces (advances without kerning).

use std::fmt::Write as _;

use super::body::Runs;
use super::styles::id;
use super::wml::close_paragraph;
use crate::layout::fonts::{FontBook, font};
use crate::layout::slots::{SLOT_GAP, shorten_with};
use crate::template::{Align, Band, Placeholders, Template, TextStyle};

/// True when a slot of `band` shows the headline.
pub fn holds_headline(band: &Band) -> bool {
    [&band.left, &band.center, &band.right]
        .iter()
        .any(|s| s.contains("{headline}"))
}

/// Width of `text` on one line in `style`, in points.
fn measure(book: &FontBook, style: &TextStyle, text: &str) -> f32 {
    let primary = book.select(style.font, style.bold, style.italic);
    let units: f32 = text
        .chars()
        .map(|c| {
            let face = font(book.face_for(primary, c).unwrap_or(primary));
            let advance = face
                .glyph(c)
                .map_or(face.upem / 2.0, |g| f32::from(face.advance(g)));
            advance / face.upem
        })
        .sum();
    units * style.size
}

/// Appends the band as a table (see the module comment) and the empty
/// paragraph a part must end with. `push_slot` writes one slot's runs.
pub fn push_band_table(
    runs: &mut Runs,
    out: &mut String,
    band: &Band,
    values: &Placeholders,
    template: &Template,
    push_slot: fn(&mut Runs, &mut String, &str, &Placeholders),
) {
    let style = &template.styles.running;
    let (page_width, _) = template.page.dimensions();
    let m = &template.page.margins;
    let total = (page_width.pt() - m.left.pt() - m.right.pt()).max(72.0);
    let slots: Vec<(&str, Align)> = [
        (band.left.as_str(), Align::Left),
        (band.center.as_str(), Align::Center),
        (band.right.as_str(), Align::Right),
    ]
    .into_iter()
    .filter(|(p, _)| !p.is_empty())
    .collect();
    let book = FontBook::new(template).ok();
    let width_of = |text: &str| {
        book.as_ref()
            .map_or(text.chars().count() as f32 * style.size * 0.5, |b| {
                measure(b, style, text)
            })
    };
    // Each slot but the headline's is as wide as its text (plus 2 pt).
    let own_widths: Vec<Option<f32>> = slots
        .iter()
        .map(|(p, _)| (!p.contains("{headline}")).then(|| width_of(&values.fill(p, 1, 1)) + 2.0))
        .collect();
    let fixed: f32 = own_widths.iter().flatten().sum();
    let others = slots.len().saturating_sub(1) as f32;
    let headline_column = (total - fixed).max(72.0);
    let room = headline_column - SLOT_GAP * others.min(1.0);
    let mut shown = values.clone();
    let pattern = slots
        .iter()
        .find(|(p, _)| p.contains("{headline}"))
        .map_or("", |(p, _)| *p);
    if width_of(&values.fill(pattern, 1, 1)) > room {
        let rest = width_of(&pattern.replace("{headline}", "").replace(['{', '}'], ""));
        shown.headline = shorten_with(&values.headline, |s| width_of(s) + rest <= room);
    }
    let twips = |pt: f32| (pt * 20.0).round() as i32;
    let widths: Vec<i32> = own_widths
        .iter()
        .map(|w| twips(w.unwrap_or(headline_column)))
        .collect();
    let height = twips(style.size.max(style.line_height()) * 1.4);
    let _ = write!(
        out,
        "<w:tbl><w:tblPr><w:tblW w:w=\"{}\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"0\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"0\" w:type=\"dxa\"/></w:tblCellMar><w:tblLook w:val=\"0000\" w:firstRow=\"0\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>",
        widths.iter().sum::<i32>()
    );
    for w in &widths {
        let _ = write!(out, "<w:gridCol w:w=\"{w}\"/>");
    }
    let _ = write!(
        out,
        "</w:tblGrid><w:tr><w:trPr><w:trHeight w:val=\"{height}\" w:hRule=\"exact\"/></w:trPr>"
    );
    for ((pattern, align), width) in slots.iter().zip(&widths) {
        let jc = match align {
            Align::Left | Align::Justify => "left",
            Align::Center => "center",
            Align::Right => "right",
        };
        let _ = write!(
            out,
            "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/></w:tcPr><w:p><w:pPr><w:pStyle w:val=\"{}\"/><w:jc w:val=\"{jc}\"/></w:pPr>",
            id::HEADER
        );
        push_slot(runs, out, pattern, &shown);
        close_paragraph(out);
        out.push_str("</w:tc>");
    }
    out.push_str("</w:tr></w:tbl>");
    let _ = write!(
        out,
        "<w:p><w:pPr><w:pStyle w:val=\"{}\"/><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"20\" w:lineRule=\"exact\"/><w:rPr><w:sz w:val=\"2\"/></w:rPr></w:pPr></w:p>",
        id::HEADER
    );
}
