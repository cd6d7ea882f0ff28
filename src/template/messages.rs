//! Template errors in the user's words: `FILE:LINE: KEY: message`, with the
//! nearest valid key, value or placeholder suggested. serde's wording
//! (`invalid type: string "big", expected f32`) becomes
//! `styles.body.size: expected a number, found the string "big"`.

use super::spans::Spans;

/// Turns a TOML/serde error into `origin:LINE: KEY: message` (the key and
/// line where the error's span finds them; a syntax error keeps toml's
/// message).
pub(crate) fn describe(error: &toml::de::Error, spans: &Spans<'_>, origin: &str) -> String {
    let message = error.message().trim();
    let Some(offset) = error.span().map(|span| span.start) else {
        return format!("{origin}: {message}");
    };
    let line = spans.line(offset);
    match spans.at(offset) {
        Some(entry) => format!(
            "{origin}:{line}: {}: {}",
            entry.path,
            plain(message, &entry.found)
        ),
        None => format!("{origin}:{line}: {message}"),
    }
}

/// serde's message about a value (`found` names it) in plain words.
fn plain(message: &str, found: &str) -> String {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        return unknown("key", rest);
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        return unknown("value", rest);
    }
    if let Some(field) = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.strip_suffix('`'))
    {
        return format!("missing key `{field}`");
    }
    let wrong = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "));
    match wrong.and_then(|rest| rest.rsplit_once(", expected ")) {
        Some((_, expected)) => format!("expected {}, found {found}", expected_words(expected)),
        None => message.to_string(),
    }
}

/// `unknown key; did you mean `margins`? (expected one of: …)` from the
/// rest of serde's `unknown field `margn`, expected one of `size`, …`.
fn unknown(what: &str, rest: &str) -> String {
    let Some((given, expected)) = rest.split_once('`') else {
        return format!("unknown {what}");
    };
    let mut choices: Vec<&str> = Vec::new();
    for (i, choice) in expected.split('`').enumerate() {
        // serde lists aliases too (`A4`, `a4`); show each name once.
        if i % 2 == 1 && !choices.iter().any(|c| c.eq_ignore_ascii_case(choice)) {
            choices.push(choice);
        }
    }
    let mut line = match what {
        "key" => "unknown key".to_string(),
        _ => format!("unknown {what} `{given}`"),
    };
    if let Some(near) = nearest(given, &choices) {
        line.push_str(&format!("; did you mean `{near}`?"));
    }
    if choices.is_empty() {
        line.push_str(" (this table takes no keys)");
    } else {
        line.push_str(&format!(" (expected one of: {})", choices.join(", ")));
    }
    line
}

/// serde's name of an expected type as a template author says it.
fn expected_words(expected: &str) -> &str {
    match expected {
        "f32" | "f64" | "a float" => "a number",
        "u8" | "u16" | "u32" | "u64" | "usize" => "a whole number (0 or more)",
        "i8" | "i16" | "i32" | "i64" | "isize" | "an integer" => "a whole number",
        "a boolean" => "true or false",
        "a string" | "a borrowed string" => "a string in quotes",
        "a sequence" => "a list",
        "a map" => "a table",
        e if e.starts_with("struct ") => "a table",
        e if e.starts_with("enum ") => "a name in quotes",
        e => e,
    }
}

/// The candidate closest to `given` (case ignored) within a few edits,
/// for "did you mean" suggestions.
pub(crate) fn nearest<'a>(given: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let given = given.to_lowercase();
    candidates
        .iter()
        .map(|c| (edit_distance(&given, &c.to_lowercase()), *c))
        .filter(|(d, c)| {
            let len = c.chars().count();
            *d <= 2.max(len / 3) && *d < len
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance, for suggestions.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_edits() {
        assert_eq!(edit_distance("margn", "margin"), 1);
        assert_eq!(edit_distance("abc", "abc"), 0);
        assert_eq!(edit_distance("", "abc"), 3);
    }

    #[test]
    fn suggestions_ignore_case_and_stay_near() {
        assert_eq!(nearest("Leter", &["A4", "Letter"]), Some("Letter"));
        assert_eq!(nearest("LETTER", &["A4", "Letter"]), Some("Letter"));
        assert_eq!(nearest("x", &["A4", "A5"]), None);
        assert_eq!(nearest("dat", &["symbol", "date"]), Some("date"));
    }

    #[test]
    fn serde_words_become_plain_ones() {
        assert_eq!(
            plain(
                "invalid type: string \"big\", expected f32",
                "the string \"big\""
            ),
            "expected a number, found the string \"big\""
        );
        assert_eq!(
            plain(
                "unknown variant `Leter`, expected one of `A4`, `a4`, `Letter`, `letter`",
                "the string \"Leter\""
            ),
            "unknown value `Leter`; did you mean `Letter`? (expected one of: A4, Letter)"
        );
        assert_eq!(
            plain(
                "unknown field `margn`, expected `size` or `margins`",
                "the number 1"
            ),
            "unknown key; did you mean `margins`? (expected one of: size, margins)"
        );
        assert_eq!(
            plain("missing field `bold`", "a table"),
            "missing key `bold`"
        );
    }
}
