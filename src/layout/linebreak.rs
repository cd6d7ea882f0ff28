//! Knuth–Plass optimal line breaking over boxes, glue and penalties.
//!
//! The caller guarantees that every unbreakable run of boxes fits the
//! narrowest line (layout splits longer words by force before calling), so
//! the second, unlimited-tolerance pass always finds breaks and no line ever
//! needs to be shrunk beyond its glue's shrinkability: lines never overflow.

use std::borrow::Cow;
use std::sync::{Arc, LazyLock, Mutex, PoisonError};

use rustc_hash::FxHashMap;
use unicode_linebreak::BreakOpportunity;

use super::spare;

/// Characters no line may start with (Chinese and Japanese kinsoku shori):
/// closing brackets and quotes, sentence and clause punctuation, the
/// ellipsis, iteration marks, the prolonged sound mark and small kana.
/// UAX #14 forbids most of these breaks already (classes CL, CP, EX, IS,
/// NS, IN); the set makes the rule explicit and independent of the Unicode
/// version of the tables.
const NO_LINE_START: &str = "。，、；：？！）」』】〕》〉〗〙〛｝］”’…‥・ー々〻ヽヾゝゞ\
    ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ％‰℃｡､･";

/// Characters no line may end with: opening brackets and quotes.
const NO_LINE_END: &str = "（「『【〔《〈〖〘〚｛［“‘";

/// Whether `c` is a character of Chinese, Japanese or Korean text: an
/// ideograph, kana, Hangul, bopomofo, or CJK punctuation and full-width
/// forms (the characters that take two columns in a terminal).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303F | 0x3040..=0x33FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xA960..=0xA97F | 0xAC00..=0xD7AF | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFF)
}

/// The line-break opportunities of `text`: UAX #14 (`unicode-linebreak`),
/// with the tailoring Chinese needs.
///
/// - UAX #14 gives the quotation marks “ ” ‘ ’ the class QU, around which
///   it never breaks: Chinese text, which has no spaces, would be
///   unbreakable around every quotation. As Typst does for Chinese and
///   Japanese, a quotation mark next to a CJK character is treated as an
///   opening (“ ‘) or closing (” ’) bracket: a line may break before “ and
///   after ”, never after “ or before ”. Quotation marks between Latin
///   letters ("UN’s") keep their UAX #14 class.
/// - Kinsoku: no break leaves a line starting with a character of
///   [`NO_LINE_START`] or ending with one of [`NO_LINE_END`].
///
/// Returns (byte offset, kind) pairs as `unicode_linebreak::linebreaks`
/// does, the last at `text.len()`.
///
/// The answer depends on the text alone, and most texts are asked for more
/// than once: every paragraph by the PDF's layout and by the plain-text
/// writer, running heads and feet on every page. Answers are remembered
/// (up to [`MEMO_BYTES`] of texts and answers, then forgotten all at once),
/// so a text is analysed once; on the first 100 White House releases, 5,510
/// requests were for about 1,760 different texts.
pub fn opportunities(text: &str) -> Arc<[(usize, BreakOpportunity)]> {
    let lock = || MEMO.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(known) = lock().texts.get(text) {
        return Arc::clone(known);
    }
    let found: Arc<[(usize, BreakOpportunity)]> = analyse(text).into();
    let mut memo = lock();
    let bytes = text.len() + std::mem::size_of_val(&*found);
    if memo.bytes + bytes > MEMO_BYTES {
        memo.texts.clear();
        memo.bytes = 0;
    }
    memo.bytes += bytes;
    memo.texts.insert(text.into(), Arc::clone(&found));
    found
}

/// How many bytes of texts and answers [`opportunities`] remembers.
const MEMO_BYTES: usize = 4 << 20;

/// Answers of [`opportunities`], by text.
#[derive(Default)]
struct Memo {
    texts: FxHashMap<Box<str>, Arc<[(usize, BreakOpportunity)]>>,
    /// The bytes of the texts and answers in `texts`.
    bytes: usize,
}

static MEMO: LazyLock<Mutex<Memo>> = LazyLock::new(Mutex::default);

/// [`opportunities`], computed.
fn analyse(text: &str) -> Vec<(usize, BreakOpportunity)> {
    let tailored = cjk_quotes_as_brackets(text);
    unicode_linebreak::linebreaks(&tailored)
        .filter(|&(pos, opp)| opp == BreakOpportunity::Mandatory || kinsoku_allows(text, pos))
        .collect()
}

/// `text` with each quotation mark next to a CJK character replaced by a
/// CJK bracket of the same UTF-8 length and the matching UAX #14 class
/// (“ → 「, ” → 」, ‘ → 『, ’ → 』), so byte offsets are unchanged.
fn cjk_quotes_as_brackets(text: &str) -> Cow<'_, str> {
    let mut out: Option<String> = None;
    for (at, bracket) in quotes(text) {
        let before = text[..at].chars().next_back();
        let after = text
            .get(at + bracket.len()..)
            .and_then(|t| t.chars().next());
        if !(before.is_some_and(is_cjk) || after.is_some_and(is_cjk)) {
            continue;
        }
        out.get_or_insert_with(|| text.to_string())
            .replace_range(at..at + bracket.len(), bracket);
    }
    out.map_or(Cow::Borrowed(text), Cow::Owned)
}

/// The quotation marks “ ” ‘ ’ of `text`, each with its byte offset and the
/// CJK bracket that stands for it next to CJK text. All four are
/// `E2 80 xx` in UTF-8: the bytes are searched for their lead byte (with
/// memchr), not the text decoded character by character (this runs on
/// every paragraph).
fn quotes(text: &str) -> impl Iterator<Item = (usize, &'static str)> + '_ {
    let bytes = text.as_bytes();
    memchr::memchr_iter(0xE2, bytes).filter_map(|at| {
        let bracket = match bytes.get(at + 1..at + 3)? {
            [0x80, 0x9C] => "「",
            [0x80, 0x9D] => "」",
            [0x80, 0x98] => "『",
            [0x80, 0x99] => "』",
            _ => return None,
        };
        Some((at, bracket))
    })
}

/// Whether a line may end at byte `pos` of `text` by the kinsoku rules:
/// the next line would not start with a [`NO_LINE_START`] character and
/// this one would not end (before any spaces) with a [`NO_LINE_END`] one.
fn kinsoku_allows(text: &str, pos: usize) -> bool {
    between_ascii(text, pos) || kinsoku_allows_decoded(text, pos)
}

/// True when the break at byte `pos` of `text` has an ASCII character (or
/// nothing) after it and, spaces aside, before it. Both kinsoku sets are
/// of non-ASCII characters, so such a break, nearly every break of a Latin
/// text, is allowed without decoding either side.
fn between_ascii(text: &str, pos: usize) -> bool {
    let bytes = text.as_bytes();
    let next = bytes.get(pos);
    let last = bytes
        .get(..pos)
        .and_then(|head| head.iter().rev().find(|&&b| b != b' '));
    next.is_none_or(u8::is_ascii) && last.is_none_or(u8::is_ascii)
}

/// [`kinsoku_allows`], decoding the characters on either side.
fn kinsoku_allows_decoded(text: &str, pos: usize) -> bool {
    let (Some(head), Some(tail)) = (text.get(..pos), text.get(pos..)) else {
        return true;
    };
    // Both sets are of non-ASCII characters: Latin text is decided at once.
    let starts_badly = tail
        .chars()
        .next()
        .is_some_and(|c| !c.is_ascii() && NO_LINE_START.contains(c));
    let ends_badly = head
        .trim_end_matches([' ', '\u{3000}'])
        .chars()
        .next_back()
        .is_some_and(|c| !c.is_ascii() && NO_LINE_END.contains(c));
    !starts_badly && !ends_badly
}

/// An item of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Item {
    /// Unbreakable material.
    Box {
        /// Width in points.
        width: f32,
    },
    /// A space: a legal break when it follows a box.
    Glue {
        /// Natural width.
        width: f32,
        /// How much it may grow.
        stretch: f32,
        /// How much it may shrink.
        shrink: f32,
    },
    /// A possible break with a cost; `width` is added when the line breaks here
    /// (a hyphen).
    Penalty {
        /// Width when taken.
        width: f32,
        /// Cost; `f32::NEG_INFINITY` forces a break, `INFINITY` forbids one.
        cost: f32,
        /// Hyphen-like: two in a row cost extra.
        flagged: bool,
    },
}

/// Line-breaking parameters.
#[derive(Debug, Clone, Copy)]
pub struct Params {
    /// Width of the first line.
    pub first_width: f32,
    /// Width of the other lines.
    pub width: f32,
    /// Ragged right: lines are not stretched; `ragged_stretch` is the
    /// imaginary stretch used to judge them.
    pub ragged: bool,
    /// See `ragged`.
    pub ragged_stretch: f32,
}

/// A chosen break: the index of the item broken at, and the adjustment ratio
/// of the line that ends there (0 for ragged lines).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Break {
    /// Item index (a glue or penalty; the last one is the final forced penalty).
    pub at: usize,
    /// Ratio to apply to the line's glue (negative: shrink).
    pub ratio: f32,
}

#[derive(Debug, Clone, Copy)]
struct Node {
    at: usize,
    start: usize,
    line: usize,
    fitness: u8,
    demerits: f32,
    prev: Option<usize>,
}

const LINE_PENALTY: f32 = 10.0;
const FLAGGED_DEMERITS: f32 = 3000.0;
const FITNESS_DEMERITS: f32 = 100.0;
/// A hyphen on the last-but-one line (TeX's \\finalhyphendemerits, raised:
/// a word fragment alone on the last line looks worse than a loose line).
const FINAL_HYPHEN_DEMERITS: f32 = 20_000.0;

/// Finds optimal breaks. `items` must end with a forced penalty.
pub fn break_lines(items: &[Item], params: &Params) -> Vec<Break> {
    let mut scratch = spare::take(&SCRATCH);
    let breaks = break_lines_in(items, params, &mut scratch);
    let largest = scratch.nodes.capacity().max(scratch.sums.capacity());
    spare::give_back(&SCRATCH, scratch, largest);
    breaks
}

/// [`break_lines`] in the thread's scratch buffers.
fn break_lines_in(items: &[Item], params: &Params, scratch: &mut Scratch) -> Vec<Break> {
    prefix_sums(items, &mut scratch.sums);
    // As TeX: first without hyphenation at a tight tolerance, then with it.
    // Hyphenation penalties are the ones with a width (the hyphen's); the
    // first pass skips them.
    for (tolerance, hyphens) in [(1.0, false), (3.0, true), (f32::INFINITY, true)] {
        let pass = Pass { tolerance, hyphens };
        if let Some(b) = run(items, params, pass, scratch) {
            return b;
        }
    }
    greedy(items, &scratch.sums, params)
}

/// The vectors a paragraph is broken in, kept per thread from one
/// paragraph to the next (see [`super::spare`]; breaking a paragraph then
/// allocates only its answer).
#[derive(Default)]
struct Scratch {
    sums: Vec<Sum>,
    nodes: Vec<Node>,
    active: Vec<usize>,
    keep: Vec<usize>,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

/// One pass of the breaker: its tolerance, and whether hyphenation
/// penalties may be taken.
#[derive(Clone, Copy)]
struct Pass {
    tolerance: f32,
    hyphens: bool,
}

#[derive(Clone, Copy, Default)]
struct Sum {
    width: f32,
    stretch: f32,
    shrink: f32,
}

fn prefix_sums(items: &[Item], sums: &mut Vec<Sum>) {
    sums.clear();
    sums.reserve(items.len() + 1);
    let mut s = Sum::default();
    sums.push(s);
    for item in items {
        match *item {
            Item::Box { width } => s.width += width,
            Item::Glue {
                width,
                stretch,
                shrink,
            } => {
                s.width += width;
                s.stretch += stretch;
                s.shrink += shrink;
            }
            Item::Penalty { .. } => {}
        }
        sums.push(s);
    }
}

/// First item of the line that starts after a break at `at`.
fn line_start(items: &[Item], at: usize, first: bool) -> usize {
    if first {
        return 0;
    }
    let mut i = at + 1;
    while i < items.len() {
        match items[i] {
            Item::Box { .. } => break,
            Item::Penalty { cost, .. } if cost == f32::NEG_INFINITY => break,
            _ => i += 1,
        }
    }
    i
}

fn is_legal(items: &[Item], i: usize) -> bool {
    match items[i] {
        Item::Penalty { cost, .. } => cost < f32::INFINITY,
        Item::Glue { .. } => i > 0 && matches!(items[i - 1], Item::Box { .. }),
        Item::Box { .. } => false,
    }
}

fn line_width(params: &Params, line: usize) -> f32 {
    if line == 0 {
        params.first_width
    } else {
        params.width
    }
}

/// Adjustment ratio of the line from `start` to the break at `end`.
fn ratio(
    items: &[Item],
    sums: &[Sum],
    params: &Params,
    start: usize,
    end: usize,
    line: usize,
) -> f32 {
    let mut natural = sums[end].width - sums[start.min(end)].width;
    let last = end + 1 == items.len();
    if let Item::Penalty { width, .. } = items[end] {
        natural += width;
    }
    let target = line_width(params, line);
    if natural < target {
        if last {
            return 0.0;
        }
        let stretch = if params.ragged {
            params.ragged_stretch
        } else {
            sums[end].stretch - sums[start.min(end)].stretch
        };
        if stretch > 0.0 {
            (target - natural) / stretch
        } else {
            f32::INFINITY
        }
    } else if natural > target {
        let shrink = if params.ragged {
            0.0
        } else {
            sums[end].shrink - sums[start.min(end)].shrink
        };
        if shrink > 0.0 {
            (target - natural) / shrink
        } else {
            f32::NEG_INFINITY
        }
    } else {
        0.0
    }
}

fn fitness(r: f32) -> u8 {
    if r < -0.5 {
        0
    } else if r <= 0.5 {
        1
    } else if r <= 1.0 {
        2
    } else {
        3
    }
}

fn run(items: &[Item], params: &Params, pass: Pass, scratch: &mut Scratch) -> Option<Vec<Break>> {
    let Pass { tolerance, hyphens } = pass;
    let Scratch {
        sums,
        nodes,
        active,
        keep,
    } = scratch;
    let sums = &sums[..];
    nodes.clear();
    nodes.push(Node {
        at: 0,
        start: 0,
        line: 0,
        fitness: 1,
        demerits: 0.0,
        prev: None,
    });
    nodes.reserve(items.len() / 4);
    // Two buffers swapped at each break, so no break allocates.
    active.clear();
    active.push(0);
    keep.clear();
    for b in 0..items.len() {
        if !is_legal(items, b)
            || (!hyphens && matches!(items[b], Item::Penalty { width, .. } if width > 0.0))
        {
            continue;
        }
        let (cost, flagged) = match items[b] {
            Item::Penalty { cost, flagged, .. } => (cost, flagged),
            _ => (0.0, false),
        };
        let forced = cost == f32::NEG_INFINITY;
        let mut best: [Option<(f32, usize, f32)>; 4] = [None; 4];
        keep.clear();
        // Active nodes are in break order; past the first line all lines
        // have the same width, so once a line is too loose, lines from later
        // nodes are looser still and can be skipped (kept active).
        for (k, &a) in active.iter().enumerate() {
            let node = nodes[a];
            let start = node.start;
            if start > b {
                keep.push(a);
                continue;
            }
            let r = ratio(items, sums, params, start, b, node.line);
            if r > tolerance && node.line > 0 && !forced {
                keep.extend_from_slice(&active[k..]);
                break;
            }
            if r < -1.0 || forced {
                // This node cannot start a line reaching further.
            } else {
                keep.push(a);
            }
            if r >= -1.0 && r <= tolerance {
                let badness = if r.is_finite() {
                    (100.0 * r.abs().powi(3)).min(10_000.0)
                } else {
                    10_000.0
                };
                let base = (LINE_PENALTY + badness).powi(2);
                let mut d = if cost >= 0.0 {
                    base + cost * cost
                } else if cost > f32::NEG_INFINITY {
                    base - cost * cost
                } else {
                    base
                };
                let prev_flagged = matches!(items[node.at], Item::Penalty { flagged: true, .. })
                    && node.prev.is_some();
                if flagged && prev_flagged {
                    d += FLAGGED_DEMERITS;
                }
                if prev_flagged && b + 1 == items.len() {
                    d += FINAL_HYPHEN_DEMERITS;
                }
                let fit = fitness(r);
                if node.prev.is_some() && fit.abs_diff(node.fitness) > 1 {
                    d += FITNESS_DEMERITS;
                }
                let total = node.demerits + d;
                let slot = &mut best[fit as usize];
                if slot.is_none_or(|(t, _, _)| total < t) {
                    *slot = Some((total, a, r));
                }
            }
        }
        std::mem::swap(active, keep);
        if best.iter().all(Option::is_none) {
            if active.is_empty() {
                return None;
            }
            continue;
        }
        let least = best
            .iter()
            .flatten()
            .map(|(t, _, _)| *t)
            .fold(f32::INFINITY, f32::min);
        let start = line_start(items, b, false);
        for (fit, slot) in best.iter().enumerate() {
            if let Some((total, a, _)) = *slot {
                // Like TeX: classes worse than the best by more than the
                // fitness demerits can never win.
                if total > least + FITNESS_DEMERITS {
                    continue;
                }
                nodes.push(Node {
                    at: b,
                    start,
                    line: nodes[a].line + 1,
                    fitness: fit as u8,
                    demerits: total,
                    prev: Some(a),
                });
                active.push(nodes.len() - 1);
            }
        }
        if active.is_empty() {
            return None;
        }
    }
    let last = items.len().checked_sub(1)?;
    let end = active
        .iter()
        .copied()
        .filter(|&i| nodes[i].at == last && nodes[i].prev.is_some())
        .min_by(|&x, &y| nodes[x].demerits.total_cmp(&nodes[y].demerits))?;
    let mut breaks = Vec::new();
    let mut cur = Some(end);
    while let Some(i) = cur {
        let node = nodes[i];
        if let Some(p) = node.prev {
            let prev = nodes[p];
            let r = ratio(items, sums, params, prev.start, node.at, prev.line);
            breaks.push(Break {
                at: node.at,
                ratio: if params.ragged {
                    0.0
                } else {
                    r.clamp(-1.0, 1e6)
                },
            });
        }
        cur = node.prev;
    }
    breaks.reverse();
    Some(breaks)
}

/// First fit at every legal break: the last resort, never overflowing as
/// long as each unbreakable run fits.
fn greedy(items: &[Item], sums: &[Sum], params: &Params) -> Vec<Break> {
    let mut breaks = Vec::new();
    let mut start = 0;
    let mut last_fit: Option<usize> = None;
    let mut b = 0;
    while b < items.len() {
        if is_legal(items, b) {
            let r = ratio(items, sums, params, start, b, breaks.len());
            let forced =
                matches!(items[b], Item::Penalty { cost, .. } if cost == f32::NEG_INFINITY);
            if r < -1.0
                && let Some(f) = last_fit.take()
            {
                breaks.push(Break { at: f, ratio: 0.0 });
                start = line_start(items, f, false);
                b = f + 1;
                continue;
            }
            if forced {
                breaks.push(Break { at: b, ratio: 0.0 });
                start = line_start(items, b, false);
                last_fit = None;
            } else {
                last_fit = Some(b);
            }
        }
        b += 1;
    }
    breaks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(ws: &[f32]) -> Vec<Item> {
        let mut items = Vec::new();
        for (i, w) in ws.iter().enumerate() {
            if i > 0 {
                items.push(Item::Glue {
                    width: 3.0,
                    stretch: 1.5,
                    shrink: 1.0,
                });
            }
            items.push(Item::Box { width: *w });
        }
        items.push(Item::Glue {
            width: 0.0,
            stretch: 1e9,
            shrink: 0.0,
        });
        items.push(Item::Penalty {
            width: 0.0,
            cost: f32::NEG_INFINITY,
            flagged: false,
        });
        items
    }

    /// The characters on either side of each break `opportunities` finds
    /// inside `text` (not the final one).
    fn sides(text: &str) -> Vec<(char, char)> {
        opportunities(text)
            .iter()
            .copied()
            .filter(|&(pos, _)| pos < text.len())
            .filter_map(|(pos, _)| {
                let before = text[..pos].trim_end().chars().next_back()?;
                let after = text[pos..].chars().next()?;
                Some((before, after))
            })
            .collect()
    }

    #[test]
    fn chinese_breaks_between_ideographs_with_kinsoku() {
        let text = "联合国秘书长古特雷斯说：“和平是全人类的最大奖。”他指出，\
                    （维持和平）行动《宪章》「原则」……各国应当合作；谁反对？没有！";
        let sides = sides(text);
        assert!(sides.contains(&('联', '合')), "{sides:?}");
        for (before, after) in &sides {
            assert!(
                !NO_LINE_START.contains(*after),
                "a line starts with {after}"
            );
            assert!(!NO_LINE_END.contains(*before), "a line ends with {before}");
        }
        for c in "。，、；：？！）」》”…".chars() {
            if let Some(i) = text.find(c).filter(|&i| i > 0) {
                assert!(!opportunities(text).iter().any(|&(p, _)| p == i), "{c}");
            }
        }
    }

    #[test]
    fn chinese_quotation_marks_open_and_close() {
        // UAX #14 alone never breaks around “ ” (class QU): here a line may
        // break before “ and after ”, as before ( and after ).
        let chinese = sides("他说“和平”我们");
        assert!(chinese.contains(&('说', '“')), "{chinese:?}");
        assert!(chinese.contains(&('”', '我')), "{chinese:?}");
        assert!(!chinese.iter().any(|&(b, a)| b == '“' || a == '”'));
        // Between Latin letters, ’ stays an apostrophe with no break.
        let latin = sides("the UN’s “work” goes on");
        assert!(
            !latin.iter().any(|&(b, a)| b == 'N' && a == '’'),
            "{latin:?}"
        );
        assert!(
            !latin.iter().any(|&(b, a)| b == '’' && a == 's'),
            "{latin:?}"
        );
    }

    /// Texts mixing Latin, CJK and the quotation marks, for the fast paths.
    const MIXED: [&str; 6] = [
        "the UN’s “work” goes on — 联合国“和平”。 ‘quoted’ （维持和平） end",
        "“  x and （  y",
        "他说“和平”我们 “ ” ‘’ e\u{2019}s",
        "   “lead  （x）  ”  ",
        "ASCII only, with (brackets) and numbers 1,234.5",
        "\u{3000}“\u{3000}中\u{3000}”\u{3000}‘文’",
    ];

    #[test]
    fn quotes_are_found_by_their_bytes_as_by_their_characters() {
        for text in MIXED {
            let by_bytes: Vec<(usize, &str)> = quotes(text).collect();
            let by_chars: Vec<(usize, &str)> = text
                .match_indices(['“', '”', '‘', '’'])
                .map(|(at, q)| {
                    let bracket = match q {
                        "“" => "「",
                        "”" => "」",
                        "‘" => "『",
                        _ => "』",
                    };
                    (at, bracket)
                })
                .collect();
            assert_eq!(by_bytes, by_chars, "{text}");
        }
    }

    #[test]
    fn a_break_between_ascii_characters_is_one_kinsoku_allows() {
        let mut refused = 0;
        for text in MIXED {
            for pos in (0..=text.len()).filter(|&p| text.is_char_boundary(p)) {
                let allowed = kinsoku_allows_decoded(text, pos);
                if between_ascii(text, pos) {
                    assert!(allowed, "{text:?} at {pos}");
                }
                refused += usize::from(!allowed);
            }
        }
        // "“  x": spaces after “ do not make the break before x allowed.
        assert!(!between_ascii(MIXED[1], MIXED[1].find('x').unwrap_or(0)));
        assert!(refused > 0, "the texts include breaks kinsoku refuses");
    }

    #[test]
    fn lines_fit_the_measure() {
        let items = words(&[20.0, 35.0, 12.0, 40.0, 18.0, 22.0, 30.0, 25.0, 10.0, 33.0]);
        let params = Params {
            first_width: 80.0,
            width: 80.0,
            ragged: false,
            ragged_stretch: 0.0,
        };
        let breaks = break_lines(&items, &params);
        assert!(breaks.len() >= 3);
        assert!(breaks.iter().all(|b| b.ratio >= -1.0));
        assert_eq!(breaks.last().map(|b| b.at), Some(items.len() - 1));
    }
}
