//! Dates as releases write them: "24 November 2020", "Tuesday, 24 November
//! 2020", "November 24, 2020", "27 JUNE 2018", "2020-11-24", the `19971024`
//! stamp, "24/11/2020" (day first unless told otherwise), "16 / 07 / 2021",
//! "2025. 4. 23(수)", and the UN's other languages: "8 novembre 2000",
//! "2 de marzo de 2015", "21 сентября 2011 года", "6 июня 2017 г.",
//! "2019年09月24日", Arabic "28 تموز/ يوليو 2020" (Levantine and
//! Egyptian month names, either or both) with Western or Arabic-Indic
//! digits ("٢٨ يوليو ٢٠٢٠").

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

/// Month names of the UN's other languages (lower case), with their number:
/// Spanish, Russian (genitive, as dates write them, and nominative),
/// Arabic (Levantine, Egyptian and Maghrebi names; tatweel removed).
const OTHER_MONTHS: &[(&str, u32)] = &[
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    ("января", 1),
    ("февраля", 2),
    ("марта", 3),
    ("апреля", 4),
    ("мая", 5),
    ("июня", 6),
    ("июля", 7),
    ("августа", 8),
    ("сентября", 9),
    ("октября", 10),
    ("ноября", 11),
    ("декабря", 12),
    ("январь", 1),
    ("февраль", 2),
    ("март", 3),
    ("апрель", 4),
    ("май", 5),
    ("июнь", 6),
    ("июль", 7),
    ("август", 8),
    ("сентябрь", 9),
    ("октябрь", 10),
    ("ноябрь", 11),
    ("декабрь", 12),
    ("كانون الثاني", 1),
    ("شباط", 2),
    ("آذار", 3),
    ("نيسان", 4),
    ("أيار", 5),
    ("حزيران", 6),
    ("تموز", 7),
    ("آب", 8),
    ("أيلول", 9),
    ("تشرين الأول", 10),
    ("تشرين الثاني", 11),
    ("كانون الأول", 12),
    ("يناير", 1),
    ("فبراير", 2),
    ("مارس", 3),
    ("أبريل", 4),
    ("ابريل", 4),
    ("إبريل", 4),
    ("مايو", 5),
    ("يونيو", 6),
    ("يونيه", 6),
    ("يوليو", 7),
    ("يوليه", 7),
    ("أغسطس", 8),
    ("اغسطس", 8),
    ("سبتمبر", 9),
    ("أكتوبر", 10),
    ("اكتوبر", 10),
    ("نوفمبر", 11),
    ("ديسمبر", 12),
    ("جانفي", 1),
    ("فيفري", 2),
    ("أفريل", 4),
    ("ماي", 5),
    ("جوان", 6),
    ("جويلية", 7),
    ("أوت", 8),
];

/// Words a date may carry that say nothing: Spanish "de"/"del", Russian
/// "года"/"г." (year) after the year.
const FILLERS: &[&str] = &["de", "del", "года", "г", "год"];

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
    let w: String = w.chars().filter(|&c| c != TATWEEL).collect();
    OTHER_MONTHS
        .iter()
        .find(|(name, _)| *name == w)
        .map(|(_, n)| *n)
}

/// The Arabic tatweel (kashida), a stretching stroke inside words.
const TATWEEL: char = '\u{640}';

/// The month a phrase names: one name ("juin", "تشرين الأول") or two
/// naming the same month side by side ("تموز/ يوليو").
fn month_phrase(words: &[&str]) -> Option<u32> {
    let phrase = words.join(" ");
    let mut month = None;
    for part in phrase.split('/') {
        let part = part.split_whitespace().collect::<Vec<_>>().join(" ");
        let m = month_number(&part)?;
        if month.is_some_and(|x| x != m) {
            return None;
        }
        month = Some(m);
    }
    month
}

/// `text` with Arabic-Indic, extended Arabic-Indic and full-width digits
/// as ASCII digits, and the Arabic comma as a comma.
fn ascii_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{660}'..='\u{669}' => char::from(b'0' + (c as u32 - 0x660) as u8),
            '\u{6F0}'..='\u{6F9}' => char::from(b'0' + (c as u32 - 0x6F0) as u8),
            '\u{FF10}'..='\u{FF19}' => char::from(b'0' + (c as u32 - 0xFF10) as u8),
            '،' => ',',
            _ => c,
        })
        .collect()
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
    if text.len() > 96 {
        return None;
    }
    let text = ascii_digits(text);
    let text = text
        .trim()
        .trim_end_matches(['.', ',', ';', ':'])
        .trim_start_matches(['(', '['])
        .trim_end_matches([')', ']']);
    if text.is_empty() || text.chars().count() > 48 {
        return None;
    }
    if let Some(d) = numeric(text, order).or_else(|| ideographic(text)) {
        return Some(d);
    }
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .filter(|w| !FILLERS.contains(&w.trim_end_matches('.').to_lowercase().as_str()))
        .collect();
    let words: &[&str] = match words.first() {
        Some(w) if is_weekday(w) => &words[1..],
        _ => &words,
    };
    match words {
        [a, b, y] => {
            let year = number(y, 4)?;
            if let Some(month) = month_number(b) {
                return iso(year, month, day_number(a)?);
            }
            iso(year, month_number(a)?, number(b, 2)?)
        }
        [a, middle @ .., y] if middle.len() > 1 => {
            iso(number(y, 4)?, month_phrase(middle)?, day_number(a)?)
        }
        _ => None,
    }
}

/// A day of the month as written: "8", "08", "8.", "1er", "1º".
fn day_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.');
    number(w, 2)
        .or_else(|| number(w.strip_suffix("er")?, 2))
        .or_else(|| number(w.strip_suffix(['º', '°'])?, 2))
}

/// Chinese and Japanese `2019年09月24日`, `2014年3月3日`.
fn ideographic(text: &str) -> Option<String> {
    let (year, rest) = text.split_once('年')?;
    let (month, rest) = rest.split_once('月')?;
    let day = rest.trim().strip_suffix('日')?;
    iso(
        number(year.trim(), 4)?,
        number(month.trim(), 2)?,
        number(day.trim(), 2)?,
    )
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

/// A month alone, `YYYY-MM` (a web archive's reduced-precision date):
/// the text itself when it is one.
pub fn parse_month(text: &str) -> Option<String> {
    let (year, month) = text.split_once('-')?;
    let ok = year.len() == 4 && month.len() == 2;
    let (year, month) = (number(year, 4)?, number(month, 2)?);
    (ok && iso(year, month, 1).is_some()).then(|| text.to_string())
}

/// Finds a full date ("24 November 2020", "November 24, 2020", "2 de
/// marzo de 2015") inside a longer text; returns the byte range and the
/// ISO date.
pub fn find_date(text: &str) -> Option<(std::ops::Range<usize>, String)> {
    let words: Vec<(usize, &str)> = word_spans(text);
    for i in 0..words.len() {
        for len in 3usize..=6 {
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

/// A day and month without a year ("22 April", "April 22", "28 juin",
/// "2 de marzo"), as in datelines.
pub fn is_day_month(text: &str) -> bool {
    let words: Vec<&str> = text
        .split_whitespace()
        .filter(|w| !FILLERS.contains(&w.to_lowercase().as_str()))
        .collect();
    match words.as_slice() {
        [a, b] => {
            (day_number(a).is_some() && month_number(b).is_some())
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
    fn un_dates_in_the_six_languages() {
        for (s, expected) in [
            ("8 novembre 2000", "2000-11-08"),
            ("13/09/2006", "2006-09-13"),
            ("3/05/2012", "2012-05-03"),
            ("20001108", "2000-11-08"),
            ("1er mars 2015", "2015-03-01"),
            ("2 de marzo de 2015", "2015-03-02"),
            ("20 de noviembre de 2016", "2016-11-20"),
            ("25 septiembre de 2012", "2012-09-25"),
            ("21 de septiembre del 2004", "2004-09-21"),
            ("06 junio 2017", "2017-06-06"),
            ("21 сентября 2011 года", "2011-09-21"),
            ("6 июня 2017 г.", "2017-06-06"),
            ("13 июня 2016 г.", "2016-06-13"),
            ("2019年09月24日", "2019-09-24"),
            ("2014年3月3日", "2014-03-03"),
            ("28 تموز/ يوليو 2020", "2020-07-28"),
            ("٢٨ يوليو ٢٠٢٠", "2020-07-28"),
            ("٢٤ تشرين الأول/أكتوبر ٢٠١٩", "2019-10-24"),
            ("21 تشرين الأول/أكتوبر 2017", "2017-10-21"),
            ("9 يوليو 2021", "2021-07-09"),
        ] {
            assert_eq!(d(s).as_deref(), Some(expected), "{s}");
        }
        // Two month names that disagree are no date.
        assert_eq!(d("28 تموز/ أغسطس 2020"), None);
        assert_eq!(d("2019年13月24日"), None);
        assert!(is_day_month("28 juin"));
        assert!(is_day_month("2 de marzo"));
        let text = "GINEBRA (2 de marzo de 2015) – En tiempos";
        let (range, iso) = find_date(text).unwrap();
        assert_eq!(
            (text[range].trim_matches(['(', ')']), iso.as_str()),
            ("2 de marzo de 2015", "2015-03-02")
        );
    }

    #[test]
    fn month_only_dates() {
        assert_eq!(parse_month("2022-10").as_deref(), Some("2022-10"));
        assert_eq!(parse_month("2022-13"), None);
        assert_eq!(parse_month("2022-10-05"), None);
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
