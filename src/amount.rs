//! What an amount is: a table cell holding only a number, with an optional
//! sign, currency, percent sign or scale word ("$1,200", "45%", "3.5",
//! "(12)", "−4", "€2.5 million"). Renditions set such cells flush right, so
//! the digits of a column line up.

/// Currency signs and codes that may open or close an amount.
const CURRENCIES: &[&str] = &[
    "US$", "$", "€", "£", "¥", "₹", "CHF", "USD", "EUR", "GBP", "JPY",
];

/// Scale words that may close an amount.
const SCALES: &[&str] = &["million", "billion", "trillion", "thousand", "bn", "m", "k"];

/// Whether `text` (a cell's plain text) is an amount (see the module doc).
pub fn is_amount(text: &str) -> bool {
    let mut s = text.trim();
    if let Some(inner) = s.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        s = inner.trim();
    }
    s = s.trim_start_matches(['+', '-', '−', '–']).trim_start();
    for word in SCALES {
        if let Some(rest) = s.strip_suffix(word)
            && rest.ends_with(|c: char| c.is_ascii_digit() || c == ' ')
        {
            s = rest.trim_end();
            break;
        }
    }
    s = s.strip_suffix('%').unwrap_or(s).trim_end();
    for code in CURRENCIES {
        if let Some(rest) = s.strip_prefix(code) {
            s = rest.trim_start();
            break;
        }
        if let Some(rest) = s.strip_suffix(code) {
            s = rest.trim_end();
            break;
        }
    }
    s = s.trim_start_matches(['+', '-', '−', '–']);
    let digits = s.chars().filter(char::is_ascii_digit).count();
    digits > 0
        && s.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        && s.ends_with(|c: char| c.is_ascii_digit())
        && s.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '\u{A0}' | '\u{202F}' | ' '))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_amounts_are_amounts_and_words_are_not() {
        for yes in [
            "$1,200",
            "45%",
            "3.5",
            "(12)",
            "-4",
            "−4.25",
            "€2.5 million",
            "US$ 300",
            "1\u{A0}200",
            "12 bn",
            ".5",
        ] {
            assert!(is_amount(yes), "{yes}");
        }
        for no in [
            "",
            "Tents",
            "$",
            "%",
            "2020–2021 plan",
            "Resolution 2532 (2020)",
            "1.",
            "A4",
            "1st",
            "12 months",
        ] {
            assert!(!is_amount(no), "{no}");
        }
    }
}
