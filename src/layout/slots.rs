//! Fitting the left, centre and right slots of a running band into one line
//! without overprinting: each slot is measured, and when two would come
//! closer than [`SLOT_GAP`] (or one is wider than the line) the widest slot
//! that may be shortened is cut at a word boundary and marked with "…".
//! Slots that are only a symbol, a date or a page number stay whole.

use super::Layouter;
use super::frame::{Artifact, Item, Tag};
use super::inline::{Context, Measure};
use crate::template::{Align, TextStyle};

/// Least space between two slots of a band, in points.
pub const SLOT_GAP: f32 = 12.0;

/// The ellipsis that marks a shortened slot.
const ELLIPSIS: char = '…';

/// One filled slot of a band.
#[derive(Debug, Clone)]
pub struct Slot {
    /// The text painted.
    pub text: String,
    /// Left, centre or right of the line.
    pub align: Align,
    /// Its width in points when set on one line.
    pub width: f32,
    /// False for a bare symbol, date or page number, which is never cut.
    pub shortenable: bool,
}

impl Slot {
    /// Whether a slot filled from `pattern` may be shortened.
    pub fn may_shorten(pattern: &str) -> bool {
        !matches!(pattern.trim(), "{symbol}" | "{date}" | "{page}" | "{pages}")
    }

    /// Left and right edge of the slot on a line `line` points wide.
    fn span(&self, line: f32) -> (f32, f32) {
        match self.align {
            Align::Right => (line - self.width, line),
            Align::Center | Align::Justify => {
                ((line - self.width) / 2.0, (line + self.width) / 2.0)
            }
            Align::Left => (0.0, self.width),
        }
    }

    /// 0 for the left slot, 1 for the centre one, 2 for the right one.
    fn order(&self) -> u8 {
        match self.align {
            Align::Left => 0,
            Align::Center | Align::Justify => 1,
            Align::Right => 2,
        }
    }
}

/// The first slot (index) that is too wide for the line or comes closer
/// than [`SLOT_GAP`] to a slot on its right, with that neighbour.
fn collision(slots: &[Slot], line: f32) -> Option<(usize, Option<usize>)> {
    if let Some(i) = slots.iter().position(|s| s.width > line + 0.01) {
        return Some((i, None));
    }
    for (i, a) in slots.iter().enumerate() {
        for (j, b) in slots.iter().enumerate() {
            if a.order() < b.order() && a.span(line).1 + SLOT_GAP > b.span(line).0 {
                return Some((i, Some(j)));
            }
        }
    }
    None
}

/// The widest slot `i` may be, keeping [`SLOT_GAP`] from every other slot.
fn room(slots: &[Slot], i: usize, line: f32) -> f32 {
    let me = &slots[i];
    let others = || slots.iter().enumerate().filter(move |(j, _)| *j != i);
    let left_end = others()
        .filter(|(_, s)| s.order() < me.order())
        .map(|(_, s)| s.span(line).1 + SLOT_GAP)
        .fold(0.0_f32, f32::max);
    let right_start = others()
        .filter(|(_, s)| s.order() > me.order())
        .map(|(_, s)| s.span(line).0 - SLOT_GAP)
        .fold(line, f32::min);
    match me.align {
        Align::Left => right_start,
        Align::Right => line - left_end,
        Align::Center | Align::Justify => {
            2.0 * (line / 2.0 - left_end).min(right_start - line / 2.0)
        }
    }
}

/// The slot to shorten for a collision between `a` and `b`: the wider of
/// the two that may be shortened, else the widest that may be.
fn victim(slots: &[Slot], (a, b): (usize, Option<usize>)) -> Option<usize> {
    let widest = |ids: &mut dyn Iterator<Item = usize>| {
        ids.filter(|&i| slots[i].shortenable)
            .max_by(|&x, &y| slots[x].width.total_cmp(&slots[y].width))
    };
    widest(&mut [Some(a), b].into_iter().flatten()).or_else(|| widest(&mut (0..slots.len())))
}

/// `words` joined, without trailing punctuation, and marked with "…".
fn with_ellipsis(words: &[&str]) -> String {
    let mut s = words.join(" ");
    let kept = s
        .trim_end_matches([',', ';', ':', '—', '–', '-', '('])
        .trim_end()
        .len();
    s.truncate(kept);
    s.push(ELLIPSIS);
    s
}

/// `text` cut after the most whole words for which the shortening, marked
/// with "…", still `fits`; empty when not even one word fits. The one rule
/// for shortening a running head, in the PDF and in the DOCX.
pub fn shorten_with(text: &str, fits: impl Fn(&str) -> bool) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let (mut lo, mut hi) = (0, words.len().saturating_sub(1));
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if fits(&with_ellipsis(&words[..mid])) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    if lo == 0 {
        String::new()
    } else {
        with_ellipsis(&words[..lo])
    }
}

impl Layouter<'_> {
    /// Width of `text` set on one line in `style`. Warnings (missing
    /// glyphs) are left to the real setting of the text.
    pub(super) fn line_width(&self, ctx: &Context<'_>, text: &str, style: &TextStyle) -> f32 {
        let mut scratch = Vec::new();
        let mut quiet = Context {
            book: ctx.book,
            hyphenator: None,
            diagnostics: &mut scratch,
        };
        let mut st = style.clone();
        st.align = Align::Left;
        let measure = Measure {
            x: 0.0,
            width: 1.0e6,
            first_indent: 0.0,
        };
        let tag = Tag::Artifact(Artifact::Layout);
        let lines = self.plain_lines(&mut quiet, text, &st, measure, "measure", tag);
        lines
            .first()
            .into_iter()
            .flat_map(|l| l.items.iter())
            .filter_map(|i| match i {
                Item::Text(run) => Some(run.width()),
                _ => None,
            })
            .sum()
    }

    /// [`Self::line_width`] of a running-band text in the band's `style`,
    /// remembered for the document: every page measures the same slots.
    /// Only the running style (whose colour and alignment do not change a
    /// width) may be passed.
    pub(super) fn band_width(&self, ctx: &Context<'_>, text: &str, style: &TextStyle) -> f32 {
        if let Some(&width) = self.band_widths.borrow().get(text) {
            return width;
        }
        let width = self.line_width(ctx, text, style);
        self.band_widths
            .borrow_mut()
            .insert(text.to_string(), width);
        width
    }

    /// The longest word-boundary shortening of `text`, marked with "…",
    /// that is at most `room` points wide in `style`; empty when not even
    /// the first word fits.
    fn shortened(&self, ctx: &Context<'_>, text: &str, style: &TextStyle, room: f32) -> String {
        shorten_with(text, |s| self.band_width(ctx, s, style) <= room)
    }

    /// Shortens slots until none collides (see the module comment); a
    /// slot that cannot keep even one word is dropped. `style` is the
    /// running style (see [`Self::band_width`]).
    pub(super) fn fit_slots(&self, ctx: &Context<'_>, slots: &mut Vec<Slot>, style: &TextStyle) {
        let line = self.width;
        for _ in 0..slots.len() {
            let Some(hit) = collision(slots, line) else {
                return;
            };
            let Some(i) = victim(slots, hit) else { return };
            let text = self.shortened(ctx, &slots[i].text, style, room(slots, i, line));
            slots[i].shortenable = false;
            if text.is_empty() {
                slots.remove(i);
            } else {
                slots[i].width = self.band_width(ctx, &text, style);
                slots[i].text = text;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slot(align: Align, width: f32) -> Slot {
        Slot {
            text: String::new(),
            align,
            width,
            shortenable: true,
        }
    }

    #[test]
    fn slots_far_apart_do_not_collide_and_near_ones_do() {
        let apart = [slot(Align::Left, 200.0), slot(Align::Right, 100.0)];
        assert!(collision(&apart, 400.0).is_none());
        let near = [slot(Align::Left, 300.0), slot(Align::Right, 95.0)];
        assert_eq!(collision(&near, 400.0), Some((0, Some(1))));
        assert!((room(&near, 0, 400.0) - (305.0 - SLOT_GAP)).abs() < 0.01);
    }

    #[test]
    fn the_ellipsis_replaces_trailing_punctuation() {
        assert_eq!(with_ellipsis(&["Combat", "COVID-19,"]), "Combat COVID-19…");
        assert_eq!(with_ellipsis(&["Sheet:"]), "Sheet…");
    }
}
