//! HTML table remnants (`<table>…<tr><td>…</td></tr>…</table>`) as rows of
//! cells. Text outside cells (captions, stray text) becomes a row of its own,
//! so nothing is lost.

use super::inline::parse_inlines;
use super::markup::tag_at;
use crate::model::Inline;

type Row = Vec<Vec<Inline>>;

/// Reads the rows of an HTML table.
pub fn table(html: &str) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    let mut row: Row = Vec::new();
    let mut cell_start: Option<usize> = None;
    let mut loose = String::new();
    let mut pos = 0;
    while let Some(offset) = html[pos..].find('<') {
        let at = pos + offset;
        let escaped = at > 0 && html.as_bytes()[at - 1] == b'\\';
        let Some((len, name)) = tag_at(&html[at..]).filter(|_| !escaped) else {
            if cell_start.is_none() {
                loose.push_str(&html[pos..at + 1]);
            }
            pos = at + 1;
            continue;
        };
        if cell_start.is_none() {
            loose.push_str(&html[pos..at]);
            if super::markup::is_block_tag(&name) {
                loose.push(' ');
            }
        }
        let after = at + len;
        match name.as_str() {
            "td" | "th" => {
                close_cell(html, &mut cell_start, at, &mut row);
                flush_loose(&mut loose, &mut rows);
                cell_start = Some(after);
            }
            "/td" | "/th" => close_cell(html, &mut cell_start, at, &mut row),
            "tr" | "/tr" | "/table" | "tbody" | "/tbody" | "thead" | "/thead" => {
                close_cell(html, &mut cell_start, at, &mut row);
                if !row.is_empty() {
                    rows.push(std::mem::take(&mut row));
                }
                flush_loose(&mut loose, &mut rows);
            }
            _ => {}
        }
        pos = after;
    }
    match cell_start {
        Some(start) => row.push(cell(&html[start..])),
        None => loose.push_str(&html[pos..]),
    }
    if !row.is_empty() {
        rows.push(row);
    }
    flush_loose(&mut loose, &mut rows);
    rows
}

/// A cell's inlines: white space collapsed, except that a blank line stays a
/// blank line, so that markup never spans one (as in the input, where a `<`
/// before a blank line is text, not the start of a tag).
fn cell(raw: &str) -> Vec<Inline> {
    let mut paragraphs: Vec<String> = vec![String::new()];
    for line in raw.lines() {
        if line.trim().is_empty() {
            if !paragraphs.last().is_some_and(String::is_empty) {
                paragraphs.push(String::new());
            }
            continue;
        }
        let current = paragraphs.last_mut().expect("never empty");
        for word in line.split_whitespace() {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
        }
    }
    paragraphs.retain(|p| !p.is_empty());
    parse_inlines(&paragraphs.join("\n\n"))
}

fn close_cell(html: &str, start: &mut Option<usize>, end: usize, row: &mut Row) {
    if let Some(s) = start.take() {
        row.push(cell(&html[s..end]));
    }
}

fn flush_loose(loose: &mut String, rows: &mut Vec<Row>) {
    if loose.chars().any(char::is_alphanumeric) {
        rows.push(vec![cell(loose)]);
    }
    loose.clear();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::plain_text;

    #[test]
    fn rows_and_cells() {
        let rows = table(
            "<table>\n<caption>Revenue</caption><thead><tr class=\"header\">\n<th>Item</th>\n<th>Billions</th></tr></thead>\n<tbody><tr><td>AGI Surcharge on the Top 0.02%</td>\n<td>230</td>\n</tr>\n<tr><td><strong>Up to a Total of:</strong></td><td><strong>1995</strong></td></tr></tbody></table>",
        );
        let text: Vec<Vec<String>> = rows
            .iter()
            .map(|r| r.iter().map(|c| plain_text(c)).collect())
            .collect();
        assert_eq!(
            text,
            [
                vec!["Revenue"],
                vec!["Item", "Billions"],
                vec!["AGI Surcharge on the Top 0.02%", "230"],
                vec!["Up to a Total of:", "1995"],
            ]
        );
    }

    #[test]
    fn a_less_than_sign_before_a_blank_line_is_text() {
        let rows =
            table("<table><tr><td>a</td>\n<tdld like to extend\n\n>he members</td></tr></table>");
        let text: Vec<String> = rows.iter().flatten().map(|c| plain_text(c)).collect();
        assert!(
            text.iter().any(|t| t.contains("like to extend")),
            "{text:?}"
        );
    }
}
