//! Page arithmetic of a handout: release order, where each release starts
//! (on any page, or on a right-hand page for duplex printing), and booklet
//! imposition for saddle stitching.

use crate::model::Document;

/// The order releases appear in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Order {
    /// By release date, oldest first; undated releases last, in input order.
    #[default]
    Date,
    /// As given on the command line.
    Input,
}

/// Indices of `docs` in handout order (stable: equal dates keep input order).
pub fn release_order(docs: &[Document], order: Order) -> Vec<usize> {
    let mut indices: Vec<usize> = (0..docs.len()).collect();
    if order == Order::Date {
        indices.sort_by(|&a, &b| {
            let key = |i: usize| (docs[i].meta.date.is_none(), docs[i].meta.date.clone());
            key(a).cmp(&key(b))
        });
    }
    indices
}

/// Where each part of the pack sits, in 1-based page numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PagePlan {
    /// Pages of the front matter (cover and contents), from page 1.
    pub front_pages: usize,
    /// First page of each release, in handout order.
    pub release_starts: Vec<usize>,
    /// Blank pages inserted before a release (or at the end) so that it starts on a right-hand page.
    pub blanks: Vec<usize>,
    /// Total pages of the pack (before booklet padding).
    pub total: usize,
}

/// Plans the pages: `front_pages` of cover and contents, then releases of
/// `release_pages` pages each. With `duplex`, every release starts on an
/// odd (right-hand) page and the pack ends on an even page, blank versos
/// inserted where needed.
pub fn plan_pages(front_pages: usize, release_pages: &[usize], duplex: bool) -> PagePlan {
    let mut page = front_pages;
    let mut starts = Vec::with_capacity(release_pages.len());
    let mut blanks = Vec::new();
    for &pages in release_pages {
        if duplex && page % 2 == 1 {
            page += 1;
            blanks.push(page);
        }
        starts.push(page + 1);
        page += pages.max(1);
    }
    if duplex && page % 2 == 1 {
        page += 1;
        blanks.push(page);
    }
    PagePlan {
        front_pages,
        release_starts: starts,
        blanks,
        total: page,
    }
}

/// One printed sheet side of a booklet: the page on the left half and the
/// page on the right half (1-based; `None` is a blank padding page).
pub type SheetSide = [Option<usize>; 2];

/// Imposition for saddle stitching: `pages` padded with blanks to a multiple
/// of four, two pages per side of a landscape sheet. Returns the sides in
/// printing order (sheet 1 front, sheet 1 back, sheet 2 front, …). Folded
/// and stacked, the sheets read 1, 2, 3, … in order.
pub fn booklet_sides(pages: usize) -> Vec<SheetSide> {
    let padded = pages.div_ceil(4) * 4;
    let real = |p: usize| (p <= pages).then_some(p);
    let mut sides = Vec::with_capacity(padded / 2);
    for sheet in 0..padded / 4 {
        let outer_left = padded - 2 * sheet;
        let outer_right = 2 * sheet + 1;
        sides.push([real(outer_left), real(outer_right)]);
        sides.push([real(outer_right + 1), real(outer_left - 1)]);
    }
    sides
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn releases_start_after_the_front_matter() {
        let plan = plan_pages(2, &[1, 3, 2], false);
        assert_eq!(plan.release_starts, vec![3, 4, 7]);
        assert_eq!(plan.total, 8);
        assert!(plan.blanks.is_empty());
    }

    #[test]
    fn duplex_starts_every_release_on_a_right_hand_page() {
        let plan = plan_pages(1, &[1, 3, 2], true);
        assert_eq!(plan.release_starts, vec![3, 5, 9]);
        assert!(plan.release_starts.iter().all(|p| p % 2 == 1));
        assert_eq!(plan.blanks, vec![2, 4, 8]);
        assert_eq!(plan.total, 10);
        assert_eq!(plan.total % 2, 0);
    }

    #[test]
    fn booklet_of_eight_pages_is_two_sheets() {
        let sides = booklet_sides(8);
        assert_eq!(
            sides,
            vec![
                [Some(8), Some(1)],
                [Some(2), Some(7)],
                [Some(6), Some(3)],
                [Some(4), Some(5)]
            ]
        );
    }

    #[test]
    fn booklet_pads_to_a_multiple_of_four_and_reads_in_order_when_folded() {
        for pages in 1..=41 {
            let sides = booklet_sides(pages);
            let padded = pages.div_ceil(4) * 4;
            assert_eq!(sides.len() * 2, padded);
            // Folding the stack: reading order is, for each sheet from the outside in, the
            // front's right half, the back's left half; then sheets from the inside out, the
            // back's right half, the front's left half.
            let sheets: Vec<(SheetSide, SheetSide)> =
                sides.chunks(2).map(|c| (c[0], c[1])).collect();
            let mut reading: Vec<Option<usize>> = Vec::new();
            for (front, back) in &sheets {
                reading.push(front[1]);
                reading.push(back[0]);
            }
            for (front, back) in sheets.iter().rev() {
                reading.push(back[1]);
                reading.push(front[0]);
            }
            let expected: Vec<Option<usize>> =
                (1..=padded).map(|p| (p <= pages).then_some(p)).collect();
            assert_eq!(reading, expected, "{pages} pages");
        }
    }

    #[test]
    fn date_order_is_stable_and_puts_undated_last() {
        let mut docs = vec![Document::default(); 4];
        docs[0].meta.date = Some("2021-05-01".into());
        docs[2].meta.date = Some("2020-01-01".into());
        docs[3].meta.date = Some("2021-05-01".into());
        assert_eq!(release_order(&docs, Order::Date), vec![2, 0, 3, 1]);
        assert_eq!(release_order(&docs, Order::Input), vec![0, 1, 2, 3]);
    }
}
