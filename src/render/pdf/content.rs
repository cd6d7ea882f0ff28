//! Content streams written byte by byte: text as binary two-byte glyph
//! strings in TJ arrays whose numbers carry kerning and justification (per
//! glyph offsets: `Tw` does not act on two-byte fonts), rules as paths,
//! images as XObjects painted first.
//! Everything painted is marked content: tagged with an MCID for its
//! structure element, or an artifact (running heads and feet, rules).
//! Glyphs whose text differs from the font's ToUnicode entry (U+2011 drawn
//! with the hyphen glyph, a hyphen added at a line break, a missing glyph)
//! are wrapped in an `/ActualText` span so text extraction stays exact.
//! A right-to-left run is written in logical order, each cluster moved to
//! its place, so that copying and searching read what was written.

use std::io::Write;

use crate::layout::frame::{Artifact, Item, NodeId, Page, Rule, Tag, TextRun};
use crate::template::{Color, Image};

use super::subset::Subset;

/// What the content writer needs to know about a font.
pub struct FontRef<'a> {
    /// Resource name number (`/F{n}`).
    pub index: usize,
    /// The embedded subset.
    pub subset: &'a Subset,
}

/// Rounds half away from zero (as `f64::round`, without the libm call).
fn round(v: f64) -> i64 {
    (v + 0.5f64.copysign(v)) as i64
}

/// Appends a decimal integer.
fn int(out: &mut Vec<u8>, n: i64) {
    if n < 0 {
        out.push(b'-');
    }
    let mut a = n.unsigned_abs();
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (a % 10) as u8;
        a /= 10;
        if a == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[i..]);
}

/// Appends a number with at most 3 decimals.
pub fn num(out: &mut Vec<u8>, v: f32) {
    let v = if v.is_finite() { v } else { 0.0 };
    let scaled = round(v as f64 * 1000.0);
    if scaled < 0 {
        out.push(b'-');
    }
    let a = scaled.unsigned_abs();
    let int_part = a / 1000;
    let frac = a % 1000;
    int(out, int_part as i64);
    if frac != 0 {
        let mut digits = [b'0'; 3];
        digits[0] = b'0' + (frac / 100) as u8;
        digits[1] = b'0' + ((frac / 10) % 10) as u8;
        digits[2] = b'0' + (frac % 10) as u8;
        let mut len = 3;
        while len > 0 && digits[len - 1] == b'0' {
            len -= 1;
        }
        out.push(b'.');
        out.extend_from_slice(&digits[..len]);
    }
}

fn color(out: &mut Vec<u8>, c: Color, op: &[u8]) {
    let (r, g, b) = c.unit();
    num(out, r);
    out.push(b' ');
    num(out, g);
    out.push(b' ');
    num(out, b);
    out.push(b' ');
    out.extend_from_slice(op);
    out.push(b'\n');
}

/// True for the bytes a literal string escapes: `(`, `)`, `\\` and CR.
/// A table (one load a byte): it runs for both bytes of every glyph drawn,
/// and a shifted 128-bit mask cost ten times as many instructions.
const fn needs_escape(b: u8) -> bool {
    const ESCAPED: [bool; 256] = {
        let mut table = [false; 256];
        table[b'(' as usize] = true;
        table[b')' as usize] = true;
        table[b'\\' as usize] = true;
        table[b'\r' as usize] = true;
        table
    };
    ESCAPED[b as usize]
}

struct Tj<'a> {
    out: &'a mut Vec<u8>,
    in_array: bool,
    in_str: bool,
    /// Where the text matrix's pen stands, in text space units from the
    /// run's start.
    pen: i64,
}

impl Tj<'_> {
    /// Writes glyph `new` of `subset` at `at` (text space units from the
    /// run's start), moving the pen there first when it is elsewhere.
    // Called for every glyph drawn: inlined (an outlined call cost 0.6% of a PDF).
    #[inline(always)]
    fn place(&mut self, subset: &Subset, new: u16, at: f64) {
        let adj = round(at - self.pen as f64);
        if adj != 0 {
            self.number(-adj);
            self.pen += adj;
        }
        self.glyph(new);
        self.pen += subset.widths.get(new as usize).copied().unwrap_or(0) as i64;
    }

    fn open_array(&mut self) {
        if !self.in_array {
            self.out.push(b'[');
            self.in_array = true;
        }
    }

    fn number(&mut self, n: i64) {
        self.open_array();
        if self.in_str {
            self.out.push(b')');
            self.in_str = false;
        }
        int(self.out, n);
    }

    // Called for every glyph drawn: inlined, and its two bytes appended
    // at once when neither needs an escape.
    #[inline(always)]
    fn glyph(&mut self, id: u16) {
        self.open_array();
        if !self.in_str {
            self.out.push(b'(');
            self.in_str = true;
        }
        let bytes = id.to_be_bytes();
        if !needs_escape(bytes[0]) && !needs_escape(bytes[1]) {
            self.out.extend_from_slice(&bytes);
            return;
        }
        for b in bytes {
            match b {
                b'(' | b')' | b'\\' => {
                    self.out.push(b'\\');
                    self.out.push(b);
                }
                b'\r' => self.out.extend_from_slice(b"\\r"),
                _ => self.out.push(b),
            }
        }
    }

    fn flush(&mut self) {
        if self.in_str {
            self.out.push(b')');
            self.in_str = false;
        }
        if self.in_array {
            self.out.extend_from_slice(b"]TJ\n");
            self.in_array = false;
        }
    }
}

/// How the content writer names and tags what it paints.
pub struct Marking<'a> {
    /// The structure type of an element (the marked-content tag, `/P`).
    pub role: &'a dyn Fn(NodeId) -> &'static [u8],
}

/// The painting state of one content stream: which marked-content
/// sequence is open, whether a text object is open, and the graphics state
/// already set.
#[derive(Default)]
struct State {
    sequence: Option<Tag>,
    /// The open sequence was opened inside the open text object.
    sequence_in_text: bool,
    in_text: bool,
    font: Option<(usize, f32)>,
    fill: Option<Color>,
    stroke: Option<Color>,
    width: Option<f32>,
}

impl State {
    /// Closes the text object (and a sequence opened inside it).
    fn end_text(&mut self, out: &mut Vec<u8>) {
        if self.in_text {
            if self.sequence_in_text {
                self.end_sequence(out);
            }
            out.extend_from_slice(b"ET\n");
            self.in_text = false;
        }
    }

    /// Opens a text object (closing a sequence opened outside one, so that
    /// sequences and text objects nest).
    fn begin_text(&mut self, out: &mut Vec<u8>) {
        if !self.in_text {
            self.end_sequence(out);
            out.extend_from_slice(b"BT\n");
            self.in_text = true;
        }
    }

    /// Closes the open sequence, if any.
    fn end_sequence(&mut self, out: &mut Vec<u8>) {
        if self.sequence.take().is_some() {
            out.extend_from_slice(b"EMC\n");
        }
    }

    /// Makes `tag` the open sequence; content of an element gets the next
    /// MCID, recorded in `mcids`.
    fn sequence(
        &mut self,
        tag: Tag,
        marking: &Marking<'_>,
        mcids: &mut Vec<NodeId>,
        out: &mut Vec<u8>,
    ) {
        if self.sequence == Some(tag) {
            return;
        }
        self.end_sequence(out);
        match tag {
            Tag::Content(node) => {
                out.push(b'/');
                out.extend_from_slice((marking.role)(node));
                out.extend_from_slice(b"<</MCID ");
                int(out, mcids.len() as i64);
                out.extend_from_slice(b">>BDC\n");
                mcids.push(node);
            }
            Tag::Artifact(kind) => out.extend_from_slice(artifact(kind)),
        }
        self.sequence = Some(tag);
        self.sequence_in_text = self.in_text;
    }
}

/// The opening of an artifact sequence of `kind`.
fn artifact(kind: Artifact) -> &'static [u8] {
    match kind {
        Artifact::Header => b"/Artifact<</Type/Pagination/Subtype/Header/Attached[/Top]>>BDC\n",
        Artifact::Footer => b"/Artifact<</Type/Pagination/Subtype/Footer/Attached[/Bottom]>>BDC\n",
        Artifact::Pagination => b"/Artifact<</Type/Pagination>>BDC\n",
        Artifact::Layout => b"/Artifact<</Type/Layout>>BDC\n",
    }
}

/// Writes the content stream of one page: every painted item inside a
/// marked-content sequence, tagged content or artifact, never nested.
/// `fonts` maps a layout font id to its resource, `images` an image to its
/// resource number (`/Im{n}`). Returns the element of each MCID, in order.
// Kept out of line so that profiles (scripts/instructions.sh) show the
// content streams as a stage of their own.
#[inline(never)]
pub fn page_content<'a>(
    page: &Page,
    fonts: &dyn Fn(crate::layout::fonts::FontId) -> Option<FontRef<'a>>,
    images: &dyn Fn(&Image) -> Option<usize>,
    marking: &Marking<'_>,
    out: &mut Vec<u8>,
) -> Vec<NodeId> {
    let h = page.height;
    let mut st = State::default();
    let mut mcids = Vec::new();
    let mut pens = Pens(Vec::new());
    for item in &page.items {
        match item {
            Item::Image(image) => {
                let Some(n) = images(&image.image) else {
                    continue;
                };
                st.end_text(out);
                st.sequence(image.tag, marking, &mut mcids, out);
                out.extend_from_slice(b"q\n");
                num(out, image.width);
                out.extend_from_slice(b" 0 0 ");
                num(out, image.height);
                out.push(b' ');
                num(out, image.x);
                out.push(b' ');
                num(out, h - image.y - image.height);
                out.extend_from_slice(b" cm\n/Im");
                int(out, n as i64);
                out.extend_from_slice(b" Do\nQ\n");
            }
            Item::Rule(rule) => {
                st.end_text(out);
                st.sequence(rule.tag, marking, &mut mcids, out);
                paint_rule(rule, h, &mut st, out);
            }
            Item::Text(run) => {
                let Some(f) = fonts(run.font) else { continue };
                st.begin_text(out);
                st.sequence(run.tag, marking, &mut mcids, out);
                if st.font != Some((f.index, run.size)) {
                    out.extend_from_slice(b"/F");
                    int(out, f.index as i64);
                    out.push(b' ');
                    num(out, run.size);
                    out.extend_from_slice(b" Tf\n");
                    st.font = Some((f.index, run.size));
                }
                if st.fill != Some(run.color) {
                    color(out, run.color, b"rg");
                    st.fill = Some(run.color);
                }
                out.extend_from_slice(b"1 0 0 1 ");
                num(out, run.x);
                out.push(b' ');
                num(out, h - run.y);
                out.extend_from_slice(b" Tm\n");
                let mut marks = Marks {
                    st: &mut st,
                    mcids: &mut mcids,
                    marking,
                };
                write_run(run, f.subset, (&mut marks, &mut pens), out);
            }
            // Annotations, not painted: the writer makes them.
            Item::Link(_) => {}
        }
    }
    st.end_text(out);
    st.end_sequence(out);
    mcids
}

/// The marked-content state a run is written in, for glyphs that need an
/// `/ActualText` of their own.
struct Marks<'s, 'm> {
    st: &'s mut State,
    mcids: &'s mut Vec<NodeId>,
    marking: &'s Marking<'m>,
}

impl Marks<'_, '_> {
    /// Opens a sequence whose text is `text` whatever the glyphs say: for
    /// content, a sequence of its own with the next MCID (so that tagged
    /// sequences never nest); inside an artifact, a nested span.
    fn begin_actual_text(&mut self, tag: Tag, text: &str, out: &mut Vec<u8>) {
        match tag {
            Tag::Content(node) => {
                self.st.end_sequence(out);
                out.extend_from_slice(b"/Span<</MCID ");
                int(out, self.mcids.len() as i64);
                self.mcids.push(node);
                out.extend_from_slice(b"/ActualText");
                utf16_hex(out, text);
                out.extend_from_slice(b">>BDC\n");
            }
            Tag::Artifact(_) => {
                out.extend_from_slice(b"/Span<</ActualText");
                utf16_hex(out, text);
                out.extend_from_slice(b">>BDC\n");
            }
        }
    }

    /// Closes the span and, for content, reopens the run's own sequence.
    fn end_actual_text(&mut self, tag: Tag, out: &mut Vec<u8>) {
        out.extend_from_slice(b"EMC\n");
        if let Tag::Content(_) = tag {
            self.st.sequence(tag, self.marking, self.mcids, out);
        }
    }
}

/// A UTF-16BE hex string with a byte-order mark.
fn utf16_hex(out: &mut Vec<u8>, text: &str) {
    out.extend_from_slice(b"<FEFF");
    for u in text.encode_utf16() {
        let _ = write!(out, "{u:04X}");
    }
    out.push(b'>');
}

fn paint_rule(rule: &Rule, h: f32, st: &mut State, out: &mut Vec<u8>) {
    if st.stroke != Some(rule.color) {
        color(out, rule.color, b"RG");
        st.stroke = Some(rule.color);
    }
    if st.width != Some(rule.width) {
        num(out, rule.width);
        out.extend_from_slice(b" w\n");
        st.width = Some(rule.width);
    }
    num(out, rule.from.0);
    out.push(b' ');
    num(out, h - rule.from.1);
    out.extend_from_slice(b" m ");
    num(out, rule.to.0);
    out.push(b' ');
    num(out, h - rule.to.1);
    out.extend_from_slice(b" l S\n");
}

/// A run's clusters as index ranges: a glyph and the following glyphs that
/// carry no text (`slice::chunk_by`, so it iterates from either end without
/// allocating). A cluster's start is its offset in `glyphs`.
pub(super) fn clusters(
    glyphs: &[crate::layout::frame::Glyph],
) -> impl DoubleEndedIterator<Item = (usize, usize)> + '_ {
    let base = glyphs.as_ptr() as usize;
    let size = std::mem::size_of::<crate::layout::frame::Glyph>().max(1);
    glyphs
        .chunk_by(|_, next| next.text.0 == next.text.1)
        .map(move |cluster| {
            let i = (cluster.as_ptr() as usize - base) / size;
            (i, i + cluster.len())
        })
}

/// Where each glyph of a run is drawn (its pen position plus its offset),
/// in text space units (one buffer reused for every run of a page).
struct Pens(Vec<f64>);

impl Pens {
    fn of(&mut self, glyphs: &[crate::layout::frame::Glyph], k: f64) -> &[f64] {
        self.0.clear();
        let mut pen = 0.0f64;
        for g in glyphs {
            self.0.push(pen + g.dx as f64 * k);
            pen += g.advance as f64 * k;
        }
        &self.0
    }
}

fn write_run(
    run: &TextRun,
    subset: &Subset,
    (marks, pens): (&mut Marks<'_, '_>, &mut Pens),
    out: &mut Vec<u8>,
) {
    let k = 1000.0 / run.size as f64;
    let glyphs = &run.glyphs;
    let pens = pens.of(glyphs, k);
    // A right-to-left run is written in logical order (its last cluster,
    // the rightmost, first), each cluster moved to its place: readers that
    // take the content in stream order (the structure tree, copy and
    // paste) get the text as written, readers that sort by position
    // (pdftotext) put it in visual order and reverse it themselves.
    let mut tj = Tj {
        out,
        in_array: false,
        in_str: false,
        pen: 0,
    };
    if run.rtl {
        for cluster in clusters(glyphs).rev() {
            write_cluster(run, subset, (cluster, pens), (marks, &mut tj));
        }
    } else {
        // The clusters of a left-to-right run, found in place (the common
        // case, without an iterator adapter per cluster).
        let mut i = 0;
        while i < glyphs.len() {
            let mut j = i + 1;
            while glyphs.get(j).is_some_and(|g| g.text.0 == g.text.1) {
                j += 1;
            }
            if j > i + 1 || !write_plain_glyph(run, subset, (i, pens[i]), &mut tj) {
                write_cluster(run, subset, ((i, j), pens), (marks, &mut tj));
            }
            i = j;
        }
    }
    tj.flush();
}

/// Writes glyph `n` of `run` when it is a cluster of its own standing for
/// one ASCII character that its ToUnicode entry spells, on the baseline
/// (nearly every glyph of a Latin text): what [`write_cluster`] would
/// write, without its general cases. Returns false, having written
/// nothing, for any other glyph.
fn write_plain_glyph(
    run: &TextRun,
    subset: &Subset,
    (n, at): (usize, f64),
    tj: &mut Tj<'_>,
) -> bool {
    let g = &run.glyphs[n];
    let new = subset.map.get(g.id as usize).copied().unwrap_or(0);
    let plain = g.dy == 0.0
        && matches!(run.glyph_text(g).as_bytes(), [b] if b.is_ascii()
            && subset.single.get(new as usize) == Some(&u32::from(*b)));
    if plain {
        tj.place(subset, new, at);
    }
    plain
}

/// Writes cluster `i..j` of `run`: its glyphs in logical order, each moved
/// to its pen position, inside an `/ActualText` span when its glyphs'
/// ToUnicode entries do not spell its text.
fn write_cluster(
    run: &TextRun,
    subset: &Subset,
    ((i, j), pens): ((usize, usize), &[f64]),
    (marks, tj): (&mut Marks<'_, '_>, &mut Tj<'_>),
) {
    let glyphs = &run.glyphs;
    let actual_text = unfaithful(run, subset, (i, j));
    if let Some(text) = actual_text {
        tj.flush();
        marks.begin_actual_text(run.tag, text, tj.out);
    }
    for n in logical(run, i, j) {
        let g = &glyphs[n];
        let new = subset.map.get(g.id as usize).copied().unwrap_or(0);
        if g.dy != 0.0 {
            tj.flush();
            num(tj.out, g.dy);
            tj.out.extend_from_slice(b" Ts\n");
        }
        tj.place(subset, new, pens[n]);
        if g.dy != 0.0 {
            tj.flush();
            tj.out.extend_from_slice(b"0 Ts\n");
        }
    }
    if actual_text.is_some() {
        tj.flush();
        marks.end_actual_text(run.tag, tj.out);
    }
}

/// The glyphs of cluster `i..j` in the order their text is read: a
/// right-to-left run's glyphs come in visual order, so its marks stand
/// before their base; written base first, the cluster's ToUnicode entries
/// spell its text and no `/ActualText` is needed.
fn logical(run: &TextRun, i: usize, j: usize) -> impl Iterator<Item = usize> {
    let rtl = run.rtl;
    (i..j).map(move |n| if rtl { i + j - 1 - n } else { n })
}

/// The text of cluster `glyphs[i..j]` when the glyphs' ToUnicode entries
/// do not spell it (it then needs an `/ActualText` of its own).
fn unfaithful<'r>(run: &'r TextRun, subset: &Subset, (i, j): (usize, usize)) -> Option<&'r str> {
    let glyphs = &run.glyphs;
    let mapped =
        |g: &crate::layout::frame::Glyph| subset.map.get(g.id as usize).copied().unwrap_or(0);
    let text = run.glyph_text(&glyphs[i]);
    let faithful = if j == i + 1 {
        // One glyph (the common case): its ToUnicode entry must be the text.
        let new = mapped(&glyphs[i]) as usize;
        let mut cs = text.chars();
        match (cs.next(), cs.next()) {
            (Some(c), None) => subset.single.get(new) == Some(&(c as u32)),
            (None, _) => subset.unicode.get(new).is_none_or(String::is_empty),
            _ => subset.unicode.get(new).is_some_and(|u| u == text),
        }
    } else {
        let mut rest = text;
        logical(run, i, j).all(|n| {
            let new = mapped(&glyphs[n]);
            let u = subset
                .unicode
                .get(new as usize)
                .map(String::as_str)
                .unwrap_or("");
            match rest.strip_prefix(u) {
                Some(r) if new != 0 || u == rest => {
                    rest = r;
                    true
                }
                _ => false,
            }
        }) && rest.is_empty()
    };
    (!faithful).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_exact() {
        let mut out = Vec::new();
        for v in [0.0, 1.5, -2.25, 595.276, 12.0001, -0.0004] {
            num(&mut out, v);
            out.push(b' ');
        }
        assert_eq!(String::from_utf8(out).unwrap(), "0 1.5 -2.25 595.276 12 0 ");
    }
}
