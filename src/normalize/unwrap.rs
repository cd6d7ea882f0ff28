//! Re-joining hard-wrapped lines into one paragraph string.
//!
//! The normalizer keeps line structure (the parser needs it for lists,
//! headings and front matter); the parser calls [`unwrap_lines`] on the
//! lines of each block once it knows they belong together.

/// Joins the lines of one block: each line is trimmed, lines are joined with
/// one space, and a Markdown hard break (two trailing spaces or a trailing
/// backslash) becomes `\n` in the result. A hard break on the last line is
/// dropped. Words split by a line-end hyphen were already rejoined by the
/// normalizer, so a plain space is always right here.
pub fn unwrap_lines<'a, I>(lines: I) -> String
where
    I: IntoIterator<Item = &'a str>,
{
    let mut out = String::new();
    let mut pending_break = false;
    for line in lines {
        let hard = line.ends_with("  ") || (line.ends_with('\\') && !line.ends_with("\\\\"));
        let mut text = line.trim();
        if hard {
            text = text.strip_suffix('\\').unwrap_or(text).trim_end();
        }
        if text.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(if pending_break { '\n' } else { ' ' });
        }
        out.push_str(text);
        pending_break = hard;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_lines_join_with_one_space() {
        assert_eq!(
            unwrap_lines(["  The President spoke", "today with Israeli ", "leaders."]),
            "The President spoke today with Israeli leaders."
        );
    }

    #[test]
    fn hard_breaks_survive_as_newlines() {
        assert_eq!(
            unwrap_lines(["THE WHITE HOUSE,  ", "January 20, 2021.  "]),
            "THE WHITE HOUSE,\nJanuary 20, 2021."
        );
        assert_eq!(unwrap_lines(["a\\", "b"]), "a\nb");
    }
}
