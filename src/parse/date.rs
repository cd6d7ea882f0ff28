//! Dates as releases write them: "24 November 2020", "Tuesday, 24 November
//! 2020", "November 24, 2020", "27 JUNE 2018", "2020-11-24", the `19971024`
//! stamp, "24/11/2020" (day first unless told otherwise), "16 / 07 / 2021",
//! "2025. 4. 23(수)", French month names.

/// How to read an all-numeric `a/b/yyyy` date when both parts are ≤ 12.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum NumericDateOrder {
    /// 24/11/2020 (UN, Europe).
    #[default]
    DayFirst,
    /// 11/24/2020 (United States).
    MonthFirst,
}

const MONTHS: [[&str; 2]; 12] = [
    ["january", "janvier"],
    ["february", "février"],
    ["march", "mars"],
    ["april", "avril"],
    ["may", "mai"],
    ["june", "juin"],
    ["july", "juillet"],
    ["august", "août"],
    ["september", "septembre"],
    ["october", "octobre"],
    ["november", "novembre"],
    ["december", "décembre"],
];

const WEEKDAYS: [&str; 14] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
];

/// The month number of an English or French month name or its
/// three-letter abbreviation ("Nov", "Sept.").
pub fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    if w.is_empty() {
        return None;
    }
    for (i, names) in MONTHS.iter().enumerate() {
        if names.contains(&w.as_str()) || (w.len() >= 3 && w.len() <= 4 && names[0].starts_with(&w))
        {
            return Some(i as u32 + 1);
        }
    }
    None
}

fn is_weekday(word: &str) -> bool {
    let w = word.trim_end_matches([',', '.']).to_lowercase();
    WEEKDAYS.contains(&w.as_str())
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// ISO text of a valid date in the years pressroom can meet.
pub fn iso(year: u32, month: u32, day: u32) -> Option<String> {
    let valid = (1900..=2100).contains(&year)
        && (1..=12).contains(&month)
        && day >= 1
        && day <= days_in_month(year, month);
    valid.then(|| format!("{year:04}-{month:02}-{day:02}"))
}

fn number(s: &str, max_len: usize) -> Option<u32> {
    (!s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// Parses `text` when it is a date and nothing else (surrounding spaces,
/// a weekday and final punctuation allowed). Returns the ISO date.
pub fn parse_date(text: &str, order: NumericDateOrder) -> Option<String> {
    let text = text
        .trim()
        .trim_end_matches(['.', ',', ';', ':'])
        .trim_start_matches(['(', '['])
        .trim_end_matches([')', ']']);
    if text.is_empty() || text.len() > 48 {
        return None;
    }
    if let Some(d) = numeric(text, order) {
        return Some(d);
    }
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let words: &[&str] = match words.first() {
        Some(w) if is_weekday(w) => &words[1..],
        _ => &words,
    };
    match words {
        [a, b, y] => {
            let year = number(y, 4)?;
            if let Some(month) = month_number(b) {
                let day = number(a.trim_end_matches('.'), 2)
                    .or_else(|| number(a.strip_suffix("er")?, 2))?;
                return iso(year, month, day);
            }
            iso(year, month_number(a)?, number(b, 2)?)
        }
        _ => None,
    }
}

/// All-digit forms: `2020-11-24`, `19971024`, `24/11/2020`, `16 / 07 / 2021`,
/// `2025. 4. 23(수)`.
fn numeric(text: &str, order: NumericDateOrder) -> Option<String> {
    if let Some(stamp) = number(text, 8).filter(|_| text.len() == 8) {
        return iso(stamp / 10000, stamp / 100 % 100, stamp % 100);
    }
    // Korean "2025. 4. 23(수) 조간용": cut at the weekday parenthesis.
    let text = text.split('(').next().unwrap_or(text).trim();
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    for sep in ['-', '/', '.'] {
        let parts: Vec<&str> = compact.trim_end_matches(sep).split(sep).collect();
        if parts.len() != 3 {
            continue;
        }
        let nums: Option<Vec<u32>> = parts.iter().map(|p| number(p, 4)).collect();
        let nums = nums?;
        if parts[0].len() == 4 {
            return iso(nums[0], nums[1], nums[2]);
        }
        if parts[2].len() != 4 || parts[0].len() > 2 || parts[1].len() > 2 {
            return None;
        }
        let (a, b, year) = (nums[0], nums[1], nums[2]);
        let (day, month) = match order {
            _ if a > 12 => (a, b),
            _ if b > 12 => (b, a),
            NumericDateOrder::DayFirst => (a, b),
            NumericDateOrder::MonthFirst => (b, a),
        };
        return iso(year, month, day);
    }
    None
}

/// Finds a full date ("24 November 2020", "November 24, 2020") inside a
/// longer text; returns the byte range and the ISO date.
pub fn find_date(text: &str) -> Option<(std::ops::Range<usize>, String)> {
    let words: Vec<(usize, &str)> = word_spans(text);
    for i in 0..words.len() {
        for len in [3usize, 4] {
            if i + len > words.len() {
                continue;
            }
            let start = words[i].0;
            let (last_start, last) = words[i + len - 1];
            let end = last_start + last.len();
            if let Some(d) = parse_date(&text[start..end], NumericDateOrder::DayFirst) {
                return Some((start..end, d));
            }
        }
    }
    None
}

fn word_spans(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                out.push((s, &text[s..i]));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

/// A day and month without a year ("22 April", "April 22"), as in datelines.
pub fn is_day_month(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    match words.as_slice() {
        [a, b] => {
            (number(a, 2).is_some() && month_number(b).is_some())
                || (month_number(a).is_some() && number(b, 2).is_some())
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<String> {
        parse_date(s, NumericDateOrder::DayFirst)
    }

    #[test]
    fn written_forms() {
        for s in [
            "24 November 2020",
            "Tuesday, 24 November 2020",
            "November 24, 2020",
            "24 NOVEMBER 2020",
            "2020-11-24",
            "19201124",
            "24/11/2020",
            "24 / 11 / 2020",
            "Nov. 24, 2020.",
            "mardi 24 novembre 2020",
        ] {
            let expected = if s == "19201124" {
                "1920-11-24"
            } else {
                "2020-11-24"
            };
            assert_eq!(d(s).as_deref(), Some(expected), "{s}");
        }
        assert_eq!(d("2025. 4. 23(수) 조간용").as_deref(), Some("2025-04-23"));
        assert_eq!(d("19971024").as_deref(), Some("1997-10-24"));
    }

    #[test]
    fn numeric_order_only_matters_when_ambiguous() {
        assert_eq!(d("11/24/2020").as_deref(), Some("2020-11-24"));
        assert_eq!(d("03/04/2020").as_deref(), Some("2020-04-03"));
        assert_eq!(
            parse_date("03/04/2020", NumericDateOrder::MonthFirst).as_deref(),
            Some("2020-03-04")
        );
    }

    #[test]
    fn non_dates() {
        for s in [
            "22 April",
            "31 February 2020",
            "12345678",
            "The 24 November 2020 event",
            "23",
        ] {
            assert_eq!(d(s), None, "{s}");
        }
        assert!(is_day_month("22 April"));
        let (range, iso) = find_date("Brussels, 16 July 2021 today").unwrap();
        assert_eq!((range, iso.as_str()), (10..22, "2021-07-16"));
    }
}
