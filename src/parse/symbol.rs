//! Document symbols: `SG/SM/20447`, `SG/SM/19876-OBV/1938-WOM/2202`,
//! `SG/SM/8888/Rev.1-IK/392/Rev.1`, `SG/SM/6541*`, `UNIS/SGSM/1077`,
//! `IP/20/2200`, `USDL-26-1000`.

use crate::model::Symbol;

/// UN press-release URL slugs (the symbol lower-cased, slashes removed:
/// `press.un.org/en/2020/sgsm20447.doc.htm`) and their series, longest
/// slug first where one is a prefix of another.
const SLUG_SERIES: [(&str, &str); 27] = [
    ("unissgsm", "UNIS/SGSM"),
    ("ecosoc", "ECOSOC"),
    ("envdev", "ENV/DEV"),
    ("dsgsm", "DSG/SM"),
    ("gadis", "GA/DIS"),
    ("gashc", "GA/SHC"),
    ("gaspd", "GA/SPD"),
    ("gaef", "GA/EF"),
    ("gaab", "GA/AB"),
    ("gasm", "GA/SM"),
    ("hrcn", "HR/CN"),
    ("hrct", "HR/CT"),
    ("sgsm", "SG/SM"),
    ("sga", "SG/A"),
    ("sgt", "SG/T"),
    ("gal", "GA/L"),
    ("obv", "OBV"),
    ("wom", "WOM"),
    ("afr", "AFR"),
    ("ngo", "NGO"),
    ("sag", "SAG"),
    ("sea", "SEA"),
    ("org", "ORG"),
    ("ga", "GA"),
    ("sc", "SC"),
    ("hr", "HR"),
    ("pi", "PI"),
];

/// The symbol a UN press release's file name encodes, named after its URL
/// slug: `sgsm20447.txt`, `sgsm20447.doc.htm.txt`, `19990722.sgt2197.txt`
/// (the pre-2000 form). Only the series of [`SLUG_SERIES`] are recognised,
/// and only when the whole name is the slug; the symbol is marked derived.
pub fn symbol_from_file_name(name: &str) -> Option<Symbol> {
    let file = name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(name)
        .to_ascii_lowercase();
    let mut stem = file.as_str();
    for ext in [".txt", ".text", ".htm", ".html", ".doc"] {
        stem = stem.strip_suffix(ext).unwrap_or(stem);
    }
    if let Some((date, rest)) = stem.split_once('.')
        && date.len() == 8
        && date.bytes().all(|b| b.is_ascii_digit())
    {
        stem = rest;
    }
    let (slug, series) = SLUG_SERIES
        .iter()
        .find(|(slug, _)| stem.starts_with(slug))?;
    let number = &stem[slug.len()..];
    if number.is_empty() || number.len() > 6 || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(Symbol {
        raw: format!("{series}/{number}"),
        series: series.to_string(),
        number: number.to_string(),
        derived: true,
        ..Symbol::default()
    })
}

/// Parses one whitespace-free token as a (possibly hyphen-joined) symbol.
/// Returns `None` unless every part is a valid symbol.
pub fn parse_symbols(token: &str) -> Option<Vec<Symbol>> {
    if let Some(agency) = agency_number(token) {
        return Some(vec![agency]);
    }
    let mut out = Vec::new();
    for part in split_compound(token) {
        out.push(parse_one(part)?);
    }
    (!out.is_empty()).then_some(out)
}

/// Parses a whole line of symbols (`SC/13399-PKO/741`, `SG/SM/6538 AFR/53`).
pub fn parse_symbol_line(line: &str) -> Option<Vec<Symbol>> {
    let mut out = Vec::new();
    for token in line.split_whitespace() {
        out.extend(parse_symbols(token)?);
    }
    (!out.is_empty()).then_some(out)
}

/// An organ's name followed by its symbols, as UN pages set them, glued
/// or spaced: "Secrétaire généralSG/SM/10633", "Assemblée généralePI/1883",
/// "Conseil de sécurité CS/2669". The name is a few words of letters (no
/// digits, no sentence punctuation) starting with a capital; the symbols
/// must parse as a whole.
pub fn organ_and_symbols(line: &str) -> Option<(String, Vec<Symbol>)> {
    let line = line.trim();
    if line.len() > 120 {
        return None;
    }
    let (start, _) = line
        .char_indices()
        .find(|&(i, c)| c.is_ascii_uppercase() && i > 0 && symbol_start(&line[i..]))?;
    let (organ, symbols) = line.split_at(start);
    let organ = organ.trim_end();
    let words = organ.split_whitespace().count();
    let name_ok = (1..=6).contains(&words)
        && organ.chars().next().is_some_and(char::is_uppercase)
        && organ
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '-' || c == '’' || c == '\'');
    if !name_ok {
        return None;
    }
    parse_symbol_line(symbols).map(|found| (organ.to_string(), found))
}

/// Where a symbol can start: capitals then `/` (`SG/`, `ECOSOC/`).
fn symbol_start(s: &str) -> bool {
    starts_series(s)
}

/// Splits at hyphens that start a new symbol (`-OBV/1938`), not at hyphens
/// inside a part.
fn split_compound(token: &str) -> Vec<&str> {
    let bytes = token.as_bytes();
    let mut parts = Vec::new();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'-' && i > start && starts_series(&token[i + 1..]) {
            parts.push(&token[start..i]);
            start = i + 1;
        }
    }
    parts.push(&token[start..]);
    parts
}

fn starts_series(s: &str) -> bool {
    let letters = s.bytes().take_while(u8::is_ascii_uppercase).count();
    letters >= 1 && s.as_bytes().get(letters) == Some(&b'/')
}

fn is_series_segment(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 12
        && s.bytes().next().is_some_and(|b| b.is_ascii_uppercase())
        && s.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

fn is_suffix(s: &str) -> bool {
    ["Rev.", "Corr.", "Add.", "Amend.", "Rev", "Corr", "Add"]
        .iter()
        .any(|p| {
            s.strip_prefix(p)
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        })
}

fn parse_one(raw: &str) -> Option<Symbol> {
    let (body, reissue) = match raw.strip_suffix('*') {
        Some(b) => (b, true),
        None => (raw, false),
    };
    let segments: Vec<&str> = body.split('/').collect();
    if segments.len() < 2 {
        return None;
    }
    let suffix_start = segments
        .iter()
        .position(|s| is_suffix(s))
        .unwrap_or(segments.len());
    if segments[suffix_start..].iter().any(|s| !is_suffix(s)) || suffix_start < 2 {
        return None;
    }
    let number = segments[suffix_start - 1];
    if number.is_empty() || number.len() > 9 || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let series = &segments[..suffix_start - 1];
    let rest_ok = series[1..]
        .iter()
        .all(|s| is_series_segment(s) || (s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit())));
    if !is_series_segment(series[0]) || !rest_ok {
        return None;
    }
    Some(Symbol {
        raw: raw.to_string(),
        series: series.join("/"),
        number: number.to_string(),
        suffixes: segments[suffix_start..]
            .iter()
            .map(|s| s.to_string())
            .collect(),
        reissue,
        derived: false,
    })
}

/// Agency release numbers such as `USDL-26-1000`.
fn agency_number(token: &str) -> Option<Symbol> {
    let mut parts = token.split('-');
    let (a, b, c) = (parts.next()?, parts.next()?, parts.next()?);
    let ok = parts.next().is_none()
        && (2..=6).contains(&a.len())
        && a.bytes().all(|x| x.is_ascii_uppercase())
        && b.len() == 2
        && b.bytes().all(|x| x.is_ascii_digit())
        && (2..=6).contains(&c.len())
        && c.bytes().all(|x| x.is_ascii_digit());
    ok.then(|| Symbol {
        raw: token.to_string(),
        series: format!("{a}-{b}"),
        number: c.to_string(),
        ..Symbol::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(s: &str) -> Symbol {
        let v = parse_symbols(s).expect("symbol");
        assert_eq!(v.len(), 1);
        v.into_iter().next().unwrap()
    }

    #[test]
    fn simple_and_compound_symbols() {
        let s = one("SG/SM/20447");
        assert_eq!((s.series.as_str(), s.number.as_str()), ("SG/SM", "20447"));
        let v = parse_symbols("SG/SM/19876-OBV/1938-WOM/2202").unwrap();
        let series: Vec<_> = v.iter().map(|s| s.series.as_str()).collect();
        assert_eq!(series, ["SG/SM", "OBV", "WOM"]);
        assert_eq!(v[2].number, "2202");
        assert_eq!(parse_symbols("SC/13399-PKO/741").unwrap()[1].raw, "PKO/741");
    }

    #[test]
    fn suffixes_reissue_and_other_series() {
        let v = parse_symbols("SG/SM/8888/Rev.1-IK/392/Rev.1").unwrap();
        assert_eq!(v[0].suffixes, ["Rev.1"]);
        assert_eq!(v[1].series, "IK");
        let s = one("SG/SM/6541*");
        assert!(s.reissue);
        assert_eq!(s.number, "6541");
        assert_eq!(one("IP/20/2200").series, "IP/20");
        assert_eq!(one("UNIS/SGSM/1077").series, "UNIS/SGSM");
        assert_eq!(one("USDL-26-1000").series, "USDL-26");
    }

    #[test]
    fn non_symbols_are_rejected() {
        for s in [
            "24/11/2020",
            "HIV/AIDS",
            "and/or",
            "D/Media/Out/937/2025",
            "SG/SM",
            "/12",
        ] {
            assert!(parse_symbols(s).is_none(), "{s}");
        }
        assert_eq!(parse_symbol_line("SG/SM/6538 AFR/53").unwrap().len(), 2);
        assert!(parse_symbol_line("SC/14222 today").is_none());
    }

    #[test]
    fn symbols_from_un_slug_file_names() {
        let derived = |name: &str| symbol_from_file_name(name).map(|s| (s.raw, s.derived));
        assert_eq!(
            derived("input/sgsm20447.txt"),
            Some(("SG/SM/20447".into(), true))
        );
        assert_eq!(
            derived("sgsm20249.doc.htm"),
            Some(("SG/SM/20249".into(), true))
        );
        assert_eq!(
            derived("19990722.sgt2197.html"),
            Some(("SG/T/2197".into(), true))
        );
        assert_eq!(derived("SC14222.txt"), Some(("SC/14222".into(), true)));
        assert_eq!(derived("gaef3501.txt"), Some(("GA/EF/3501".into(), true)));
        assert_eq!(
            derived("unissgsm1077.txt"),
            Some(("UNIS/SGSM/1077".into(), true))
        );
        for other in [
            "readout.txt",
            "db210521.txt",
            "sc-press-statement__reliefweb-sc13399.txt",
            "sgsm.txt",
            "sgsm20447b.txt",
            "ga1234567.txt",
        ] {
            assert_eq!(derived(other), None, "{other}");
        }
    }
}
