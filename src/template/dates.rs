//! Release dates written the way each house style and language writes them:
//! "24 November 2020", "24 novembre 2020", "24 de noviembre de 2020",
//! "24 ноября 2020 года", "2020年11月24日", "24 تشرين الثاني/نوفمبر 2020".
//! A month-only ISO date (`2022-10`, what a web archive's ` date 2022-10 `
//! prefix gives) is written as a month ("October 2022", "octobre 2022").
//! The one function every rendition formats a date with; it never panics,
//! whatever the string.

use super::types::DateFormat;
use crate::model::Metadata;

/// An ISO date: a day (`YYYY-MM-DD`) or a month (`YYYY-MM`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct IsoDate {
    year: u32,
    /// 1–12.
    month: usize,
    /// 1–31, or `None` for a month-only date.
    day: Option<u32>,
}

impl IsoDate {
    /// Reads `YYYY-MM-DD` or `YYYY-MM` (ASCII digits only; a day past the
    /// month's last, or a month outside 1–12, is no date).
    fn parse(iso: &str) -> Option<IsoDate> {
        let mut parts = iso.trim().split('-');
        let number = |part: &str, len: std::ops::RangeInclusive<usize>| {
            (len.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit()))
                .then(|| part.parse::<u32>().ok())
                .flatten()
        };
        let year = number(parts.next()?, 4..=4)?;
        let month = number(parts.next()?, 1..=2)? as usize;
        let day = match parts.next() {
            Some(day) => Some(number(day, 1..=2)?),
            None => None,
        };
        if parts.next().is_some() || !(1..=12).contains(&month) {
            return None;
        }
        if let Some(day) = day
            && !(1..=days_in_month(year, month)).contains(&day)
        {
            return None;
        }
        Some(IsoDate { year, month, day })
    }
}

fn days_in_month(year: u32, month: usize) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

const EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const ES: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];
/// Russian month names in the genitive ("24 ноября"), after a day.
const RU_GENITIVE: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];
/// Russian month names in the nominative ("октябрь 2022 года"), alone.
const RU_NOMINATIVE: [&str; 12] = [
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
];
/// Arabic month names as UN Arabic documents write them: the Syriac
/// (Levantine) name, a slash, the name taken from the French
/// ("تشرين الثاني/نوفمبر"), as in the symbol-and-date block of every UN
/// Arabic document and in the corpus's UNAMI statement ("28 تموز/ يوليو 2020").
const AR: [&str; 12] = [
    "كانون الثاني/يناير",
    "شباط/فبراير",
    "آذار/مارس",
    "نيسان/أبريل",
    "أيار/مايو",
    "حزيران/يونيه",
    "تموز/يوليه",
    "آب/أغسطس",
    "أيلول/سبتمبر",
    "تشرين الأول/أكتوبر",
    "تشرين الثاني/نوفمبر",
    "كانون الأول/ديسمبر",
];

/// The primary language subtag of `code`, lower-cased ("fr" of "fr-CA").
pub fn primary_language(code: &str) -> String {
    code.trim()
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// Writes the ISO date `iso` (`YYYY-MM-DD` or `YYYY-MM`) in `format` and
/// `language` (an ISO 639-1 code: en, fr, es, ru, zh, ar; any other is
/// written in English). `None` when `iso` is not such a date. Digits are
/// Western (0–9) in every language, as UN documents print them, Arabic
/// ones included.
pub fn format_date(format: DateFormat, language: &str, iso: &str) -> Option<String> {
    let date = IsoDate::parse(iso)?;
    let (year, month, index) = (date.year, date.month, date.month - 1);
    if format == DateFormat::Iso {
        return Some(match date.day {
            Some(day) => format!("{year:04}-{month:02}-{day:02}"),
            None => format!("{year:04}-{month:02}"),
        });
    }
    let language = primary_language(language);
    Some(match (language.as_str(), date.day) {
        ("fr", Some(1)) => format!("1er {} {year}", FR[index]),
        ("fr", Some(day)) => format!("{day} {} {year}", FR[index]),
        ("fr", None) => format!("{} {year}", FR[index]),
        ("es", Some(day)) => format!("{day} de {} de {year}", ES[index]),
        ("es", None) => format!("{} de {year}", ES[index]),
        ("ru", Some(day)) => format!("{day} {} {year} года", RU_GENITIVE[index]),
        ("ru", None) => format!("{} {year} года", RU_NOMINATIVE[index]),
        ("zh", Some(day)) => format!("{year}年{month}月{day}日"),
        ("zh", None) => format!("{year}年{month}月"),
        ("ar", Some(day)) => format!("{day} {} {year}", AR[index]),
        ("ar", None) => format!("{} {year}", AR[index]),
        (_, None) => format!("{} {year}", EN[index]),
        (_, Some(day)) if format == DateFormat::Us => format!("{} {day}, {year}", EN[index]),
        (_, Some(day)) => format!("{day} {} {year}", EN[index]),
    })
}

/// The release date of `meta` as a rendition prints it: the ISO date in
/// `format` and `language`, else the date as the input wrote it; `None`
/// when the release has no date (or a blank one).
pub fn release_date(meta: &Metadata, format: DateFormat, language: &str) -> Option<String> {
    meta.date
        .as_deref()
        .and_then(|iso| format_date(format, language, iso))
        .or_else(|| meta.date_raw.clone())
        .or_else(|| meta.date.clone())
        .filter(|d| !d.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn un(language: &str, iso: &str) -> Option<String> {
        format_date(DateFormat::Un, language, iso)
    }

    #[test]
    fn each_language_writes_the_day_its_own_way() {
        assert_eq!(un("en", "2020-11-24").unwrap(), "24 November 2020");
        assert_eq!(un("fr", "2020-11-24").unwrap(), "24 novembre 2020");
        assert_eq!(un("fr", "2005-06-03").unwrap(), "3 juin 2005");
        assert_eq!(un("fr", "2020-11-01").unwrap(), "1er novembre 2020");
        assert_eq!(un("es", "2020-11-24").unwrap(), "24 de noviembre de 2020");
        assert_eq!(un("ru", "2020-11-24").unwrap(), "24 ноября 2020 года");
        assert_eq!(un("zh", "2020-11-24").unwrap(), "2020年11月24日");
        assert_eq!(
            un("ar", "2020-11-24").unwrap(),
            "24 تشرين الثاني/نوفمبر 2020"
        );
        assert_eq!(un("fr-CA", "2020-08-15").unwrap(), "15 août 2020");
        assert_eq!(un("de", "2020-11-24").unwrap(), "24 November 2020");
    }

    #[test]
    fn the_us_and_iso_styles_keep_their_order() {
        let us = |lang: &str| format_date(DateFormat::Us, lang, "2020-11-24");
        assert_eq!(us("en").unwrap(), "November 24, 2020");
        assert_eq!(
            us("fr").unwrap(),
            "24 novembre 2020",
            "the US order is English"
        );
        let iso = format_date(DateFormat::Iso, "zh", "2020-11-24");
        assert_eq!(iso.unwrap(), "2020-11-24");
    }

    #[test]
    fn a_month_only_date_is_written_as_a_month() {
        assert_eq!(un("en", "2022-10").unwrap(), "October 2022");
        assert_eq!(un("fr", "2022-10").unwrap(), "octobre 2022");
        assert_eq!(un("es", "2022-10").unwrap(), "octubre de 2022");
        assert_eq!(un("ru", "2022-10").unwrap(), "октябрь 2022 года");
        assert_eq!(un("zh", "2022-10").unwrap(), "2022年10月");
        assert_eq!(un("ar", "2022-10").unwrap(), "تشرين الأول/أكتوبر 2022");
        let us = format_date(DateFormat::Us, "en", "2022-10");
        assert_eq!(us.unwrap(), "October 2022");
        let iso = format_date(DateFormat::Iso, "en", "2022-10");
        assert_eq!(iso.unwrap(), "2022-10");
    }

    #[test]
    fn odd_strings_are_no_date_and_never_panic() {
        for odd in [
            "",
            "2020",
            "2020-13-01",
            "2020-02-30",
            "2021-02-29",
            "2020-1-1-1",
            "20-11-24",
            "２０２０-11-24",
            "2020-11-24T10:00",
            "-",
            "--",
            "2020--",
            "٢٠٢٠-١١-٢٤",
            "9999999999-1-1",
        ] {
            for lang in ["en", "fr", "es", "ru", "zh", "ar", "", "x-ü"] {
                assert_eq!(un(lang, odd), None, "{odd:?} in {lang:?}");
            }
        }
        assert_eq!(un("en", "2024-02-29").unwrap(), "29 February 2024");
        assert_eq!(un("en", " 2020-1-5 ").unwrap(), "5 January 2020");
    }

    #[test]
    fn the_release_date_falls_back_to_the_date_as_written() {
        let meta = Metadata {
            date: Some("2005-06-03".into()),
            date_raw: Some("03/06/2005".into()),
            ..Metadata::default()
        };
        let date = release_date(&meta, DateFormat::Un, "fr");
        assert_eq!(date.as_deref(), Some("3 juin 2005"));
        let odd = Metadata {
            date: Some("sometime".into()),
            ..Metadata::default()
        };
        let date = release_date(&odd, DateFormat::Un, "fr");
        assert_eq!(date.as_deref(), Some("sometime"));
        assert_eq!(
            release_date(&Metadata::default(), DateFormat::Un, "en"),
            None
        );
    }
}
