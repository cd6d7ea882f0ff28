//! Pagination: stacks blocks of lines into pages with widow and orphan
//! control, keep-with-next chains and unsplittable blocks. Time is linear in
//! the number of lines (keep-with-next chains are bounded by a page).

use super::frame::{Item, OutlineEntry};
use super::inline::LineBox;

/// A block of lines to paginate.
#[derive(Debug, Clone, Default)]
pub struct FlowBlock {
    /// The lines.
    pub lines: Vec<LineBox>,
    /// Space above (dropped at the top of a page).
    pub space_before: f32,
    /// Space below.
    pub space_after: f32,
    /// Keep on the same page as the start of the next block.
    pub keep_with_next: bool,
    /// Never split across pages.
    pub keep_together: bool,
    /// Outline entry (title, level) pointing at this block.
    pub outline: Option<(String, u8)>,
}

impl FlowBlock {
    fn height(&self) -> f32 {
        self.lines.iter().map(|l| l.height).sum()
    }

    fn head_height(&self, lines: usize) -> f32 {
        self.lines.iter().take(lines).map(|l| l.height).sum()
    }

    /// The fewest lines of this block a page can end with: all of them
    /// when the block is kept whole or too short to split with `min_lines`
    /// on each side (what [`paginate`]'s splitting accepts), else
    /// `min_lines`.
    fn first_lines(&self, min_lines: usize, whole: bool) -> usize {
        let n = self.lines.len();
        if whole || n < 2 * min_lines {
            n
        } else {
            min_lines
        }
    }
}

/// Vertical extent of the text area of the first and following pages.
#[derive(Debug, Clone, Copy)]
pub struct Area {
    /// Top of the text on page 1 (below the letterhead).
    pub first_top: f32,
    /// Top of the text on later pages.
    pub top: f32,
    /// Bottom of the text area.
    pub bottom: f32,
}

/// Pagination switches.
#[derive(Debug, Clone, Copy)]
pub struct Rules {
    /// Minimum lines at the foot or head of a page.
    pub widows_orphans: usize,
    /// Never split paragraphs.
    pub keep_paragraphs_whole: bool,
}

/// Paginated body: items per page and outline entries.
#[derive(Debug, Default)]
pub struct Flowed {
    /// Items of each page.
    pub pages: Vec<Vec<Item>>,
    /// Outline entries.
    pub outline: Vec<OutlineEntry>,
}

struct Cursor {
    pages: Vec<Vec<Item>>,
    y: f32,
    top: f32,
    empty: bool,
}

impl Cursor {
    fn new_page(&mut self, area: &Area) {
        self.pages.push(Vec::new());
        self.y = area.top;
        self.top = area.top;
        self.empty = true;
    }

    fn place(&mut self, line: &mut LineBox) {
        let dy = self.y;
        if let Some(page) = self.pages.last_mut() {
            page.extend(line.items.drain(..).map(|mut item| {
                item.translate(0.0, dy);
                item
            }));
        }
        self.y += line.height;
        self.empty = false;
    }
}

/// Stacks `blocks` into pages.
pub fn paginate(mut blocks: Vec<FlowBlock>, area: Area, rules: Rules) -> Flowed {
    let mut cur = Cursor {
        pages: vec![Vec::new()],
        y: area.first_top,
        top: area.first_top,
        empty: true,
    };
    let mut outline = Vec::new();
    let page_height = (area.bottom - area.top).max(1.0);
    let min_lines = rules.widows_orphans.max(1);
    for i in 0..blocks.len() {
        let block = &blocks[i];
        if block.lines.is_empty() {
            continue;
        }
        let before = if cur.empty { 0.0 } else { block.space_before };
        let avail = area.bottom - cur.y - before;
        let whole = block.keep_together || rules.keep_paragraphs_whole;
        // How much must fit with this block: the chain of keep-with-next
        // blocks and the first lines of the block that ends it.
        let mut need = block.head_height(block.first_lines(min_lines, whole));
        if block.keep_with_next {
            need = block.height();
            let mut j = i;
            let mut after = block.space_after;
            while j + 1 < blocks.len() && blocks[j].keep_with_next {
                j += 1;
                let next = &blocks[j];
                if next.lines.is_empty() {
                    continue;
                }
                need += after + next.space_before;
                // The lines the next block cannot leave at the foot of a
                // page: a heading must not stay behind when they move.
                let next_whole =
                    next.keep_with_next || next.keep_together || rules.keep_paragraphs_whole;
                need += next.head_height(next.first_lines(min_lines, next_whole));
                after = next.space_after;
                if need > page_height {
                    break;
                }
            }
        }
        if need > avail + 0.01 && !cur.empty && need <= page_height + 0.01 {
            cur.new_page(&area);
        } else if !cur.empty {
            cur.y += before;
        }
        if let Some((title, level)) = &block.outline {
            outline.push(OutlineEntry {
                title: title.clone(),
                level: *level,
                page: cur.pages.len() - 1,
                y: cur.y,
            });
        }
        // Place lines, splitting with widow/orphan control.
        let space_after = block.space_after;
        let mut lines = std::mem::take(&mut blocks[i].lines);
        let n = lines.len();
        let mut placed = 0;
        while placed < n {
            let mut fit = 0;
            let mut h = 0.0;
            while placed + fit < n && cur.y + h + lines[placed + fit].height <= area.bottom + 0.01 {
                h += lines[placed + fit].height;
                fit += 1;
            }
            let remaining = n - placed;
            let mut take = fit.min(remaining);
            if take < remaining {
                if whole && !cur.empty {
                    take = 0;
                } else {
                    if remaining - take < min_lines {
                        take = remaining.saturating_sub(min_lines);
                    }
                    if take < min_lines && (placed > 0 || !cur.empty) {
                        take = if cur.empty { fit.max(1) } else { 0 };
                    }
                }
            }
            if take == 0 && cur.empty {
                take = fit.max(1).min(remaining);
            }
            for line in &mut lines[placed..placed + take] {
                cur.place(line);
            }
            placed += take;
            if placed < n {
                cur.new_page(&area);
            }
        }
        cur.y += space_after;
    }
    Flowed {
        pages: cur.pages,
        outline,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(lines: usize) -> FlowBlock {
        FlowBlock {
            lines: (0..lines)
                .map(|_| LineBox {
                    height: 10.0,
                    items: Vec::new(),
                })
                .collect(),
            ..FlowBlock::default()
        }
    }

    #[test]
    fn no_widows_or_orphans() {
        let area = Area {
            first_top: 0.0,
            top: 0.0,
            bottom: 100.0,
        };
        let rules = Rules {
            widows_orphans: 2,
            keep_paragraphs_whole: false,
        };
        // 9 lines then a 3-line paragraph: only one line would fit, so the
        // whole paragraph moves (no orphan).
        let flowed = paginate(vec![block(9), block(3)], area, rules);
        assert_eq!(flowed.pages.len(), 2);
        // 8 lines then 3: two fit, but one would be a widow: one line moves... so
        // the paragraph moves entirely (2 lines minimum on both sides).
        let flowed = paginate(vec![block(8), block(3)], area, rules);
        assert_eq!(flowed.pages.len(), 2);
        // A keep-with-next heading moves with its paragraph.
        let mut heading = block(1);
        heading.keep_with_next = true;
        let flowed = paginate(vec![block(9), heading, block(4)], area, rules);
        assert_eq!(flowed.pages.len(), 2);
    }

    /// A block of `lines` lines whose items are rules of stroke width `id`,
    /// so a test can tell on which page each line landed.
    fn marked(lines: usize, id: f32) -> FlowBlock {
        let rule = Item::Rule(super::super::frame::Rule {
            from: (0.0, 0.0),
            to: (1.0, 0.0),
            width: id,
            color: crate::template::Color::BLACK,
            tag: super::super::frame::Tag::Artifact(super::super::frame::Artifact::Layout),
        });
        let mut b = block(lines);
        for line in &mut b.lines {
            line.items.push(rule.clone());
        }
        b
    }

    /// The pages holding lines of block `id`.
    fn pages_of(flowed: &Flowed, id: f32) -> Vec<usize> {
        let mut pages: Vec<usize> = Vec::new();
        for (p, items) in flowed.pages.iter().enumerate() {
            let here = items
                .iter()
                .any(|it| matches!(it, Item::Rule(r) if r.width == id));
            if here {
                pages.push(p);
            }
        }
        pages
    }

    #[test]
    fn a_heading_is_never_stranded_at_the_foot_of_a_page() {
        let area = Area {
            first_top: 0.0,
            top: 0.0,
            bottom: 100.0,
        };
        let rules = Rules {
            widows_orphans: 2,
            keep_paragraphs_whole: false,
        };
        // After 7 lines, a heading and the first two lines of a paragraph
        // fit, but a paragraph of 2 to 3 lines cannot be split with two lines
        // on each side: it moves, and the heading must move with it.
        for (before, para) in [(7, 3), (7, 2), (6, 3), (5, 5)] {
            let mut heading = marked(1, 2.0);
            heading.keep_with_next = true;
            let flowed = paginate(
                vec![marked(before, 1.0), heading, marked(para, 3.0)],
                area,
                rules,
            );
            let heading_page = pages_of(&flowed, 2.0);
            let para_pages = pages_of(&flowed, 3.0);
            assert_eq!(heading_page.len(), 1, "{before}+{para}");
            assert_eq!(
                Some(&heading_page[0]),
                para_pages.first(),
                "{before} lines, a heading, {para} lines: heading on page {heading_page:?}, \
                 paragraph on {para_pages:?}"
            );
        }
    }
}
