//! Recognizers for single metadata lines: end marks, disclaimers, release
//! timing, times of issue, page artefacts, web-page chrome, mastheads,
//! editorial and delivery notes, datelines. Each takes one trimmed line (or
//! paragraph) and answers without allocating unless it matches.

use super::date;
use crate::model::{Dateline, ReleaseKind, ReleaseTiming};

/// Removes Markdown backslash escapes (`\###` → `###`).
fn unescape(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(char::is_ascii_punctuation) {
            continue;
        }
        out.push(c);
    }
    out
}

/// An end mark (`* *** *`, `###`, `# # #`, `-30-`, `- end -`, `ENDS`,
/// `[Ends]`, `– – –`, `NNNN`), as written without Markdown escapes.
pub fn end_mark(line: &str) -> Option<String> {
    if line.len() > 24 {
        return None;
    }
    let plain = unescape(line.trim());
    let compact: String = plain.chars().filter(|c| !c.is_whitespace()).collect();
    let lower = compact.to_lowercase();
    let symbolic =
        matches!(
            compact.as_str(),
            "*****" | "###" | "-30-" | "–30–" | "---30---"
        ) || (compact.len() >= 3 && compact.chars().all(|c| c == '–') && plain.contains(' '))
            || (compact == "---" && plain.contains(' '));
    let worded = matches!(
        lower.as_str(),
        "-end-"
            | "–end–"
            | "—end—"
            | "ends"
            | "[ends]"
            | "(ends)"
            | "nnnn"
            | "end"
            | "-ends-"
            | "-30-"
    );
    (symbolic || worded).then(|| plain.trim().to_string())
}

/// "For information media. Not an official record." and the like; the
/// French "À l’intention des organes d’information. Document non officiel."
pub fn disclaimer(line: &str) -> bool {
    let lower = line.to_lowercase().replace('\'', "’");
    let english = (lower.starts_with("for information media")
        || lower.starts_with("for information only"))
        && lower.contains("not an official");
    let french = (lower.starts_with("à l’intention des organes d’information")
        || lower.starts_with("a l’intention des organes d’information"))
        && lower.contains("non officiel");
    lower.len() < 160 && (english || french)
}

/// FOR IMMEDIATE RELEASE, EMBARGOED UNTIL …, HOLD FOR RELEASE UNTIL …,
/// "Not for publication before …", "Transmission of material in this …
/// release is embargoed until …", Korean "… 부터 보도할 수 있습니다".
pub fn release_timing(line: &str) -> Option<ReleaseTiming> {
    if line.len() > 300 {
        return None;
    }
    let lower = line.to_lowercase();
    let lower = lower.trim_matches(|c: char| c == '*' || c.is_whitespace());
    let make = |kind, until: Option<&str>| {
        Some(ReleaseTiming {
            kind,
            until: until
                .map(|u| u.trim().trim_start_matches(':').trim().to_string())
                .filter(|u| !u.is_empty()),
            raw: line.to_string(),
        })
    };
    // Byte offsets in `lower` match `line` only for ASCII prefixes; find the
    // tail in the original by the length of the lower-cased prefix.
    let tail_after = |prefix_end: usize| line.get(line.len() - (lower.len() - prefix_end)..);
    if lower.trim_end_matches(['.', ':']) == "for immediate release" {
        return make(ReleaseKind::Immediate, None);
    }
    for prefix in [
        "embargoed until",
        "embargoed till",
        "embargo until",
        "embargoed:",
        "embargo:",
    ] {
        if lower.starts_with(prefix) {
            return make(ReleaseKind::Embargoed, tail_after(prefix.len()));
        }
    }
    if lower.starts_with("hold for release") {
        let until = lower.find("until").and_then(|p| tail_after(p + 5));
        return make(ReleaseKind::HoldForRelease, until);
    }
    if lower.starts_with("not for publication") || lower.starts_with("not for release") {
        let until = ["before", "until"]
            .iter()
            .find_map(|w| lower.find(w).map(|p| p + w.len()))
            .and_then(tail_after);
        return make(ReleaseKind::Embargoed, until);
    }
    if lower.starts_with("transmission of material in this")
        && let Some(p) = lower.find("embargoed until")
    {
        return make(
            ReleaseKind::Embargoed,
            tail_after(p + 15).map(|t| t.trim_end_matches('.')),
        );
    }
    if let Some(p) = line.find("부터 보도할 수 있습니다") {
        let until = &line[..p];
        let until = until.strip_prefix("이 보도자료는").unwrap_or(until);
        return make(ReleaseKind::Embargoed, Some(until));
    }
    None
}

/// A time of issue: "1:29 P.M. EDT", "10:05 a.m.", "Issued at HKT 17:47".
pub fn time_line(line: &str) -> bool {
    if line.len() > 40 {
        return false;
    }
    if line.starts_with("Issued at ") {
        return line.bytes().any(|b| b.is_ascii_digit());
    }
    let mut words = line.split_whitespace();
    let Some(clock) = words.next() else {
        return false;
    };
    let Some((h, m)) = clock.split_once(':') else {
        return false;
    };
    let clock_ok = (1..=2).contains(&h.len())
        && m.len() == 2
        && h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit());
    let Some(meridiem) = words.next() else {
        return false;
    };
    let meridiem_ok = matches!(
        meridiem.to_lowercase().as_str(),
        "a.m." | "p.m." | "am" | "pm" | "a.m" | "p.m"
    );
    let zone_ok = words.all(|w| {
        w.len() <= 5
            && w.trim_matches(['(', ')'])
                .bytes()
                .all(|b| b.is_ascii_uppercase())
    });
    clock_ok && meridiem_ok && zone_ok
}

/// Print artefacts: "(more)", "- more -", "- 2 -", "Page 2 of 3", running
/// heads ("- 2 -  Press Release SG/SM/6541"). Lone page numbers are checked
/// by the caller, which knows the context.
pub fn page_artefact(line: &str) -> bool {
    if line.len() > 120 {
        return false;
    }
    let lower = line.to_lowercase();
    let compact: String = lower.chars().filter(|c| !c.is_whitespace()).collect();
    if matches!(
        compact.as_str(),
        "(more)" | "-more-" | "–more–" | "more" | "[more]" | "(continued)" | "-more–"
    ) {
        return true;
    }
    if let Some(rest) = compact.strip_prefix("page") {
        let (a, b) = rest.split_once("of").unwrap_or((rest, "1"));
        return is_number(a) && is_number(b);
    }
    // "- 2 -" alone or starting a running head.
    let trimmed = lower.trim();
    for dash in ['-', '–'] {
        if let Some(rest) = trimmed.strip_prefix(dash) {
            let rest = rest.trim_start();
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            if digits > 0 && digits <= 3 && rest[digits..].trim_start().starts_with(dash) {
                return true;
            }
        }
    }
    false
}

fn is_number(s: &str) -> bool {
    !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit())
}

/// A line holding only a page number (1–999).
pub fn page_number(line: &str) -> bool {
    is_number(line) && line.len() <= 3 && line != "0"
}

/// Navigation and site furniture copied from a web page.
pub fn web_chrome(line: &str) -> bool {
    if line.chars().count() > 60 {
        return false;
    }
    let lower = line.to_lowercase();
    // A row of table rules left by a page's layout ("| |||").
    let rules = line.contains('|') && line.chars().all(|c| c == '|' || c.is_whitespace());
    rules
        || matches!(
            lower.trim_end_matches(':'),
            "skip to main content"
                | "pasar al contenido principal"
                | "onu bienvenidos a las naciones unidas. son su mundo."
                | "onubienvenidos a las naciones unidas. ¡es su mundo!"
                | "добро пожаловать в оон. это ваш мир!"
                | "aller au contenu principal"
                | "перейти к основному содержанию"
                | "skip to content"
                | "welcome to the united nations"
                | "toggle navigation"
                | "language"
                | "in progress at unhq"
                | "highlights"
                | "latest noon briefings"
                | "main menu"
                | "search"
                | "menu"
                | "share"
                | "print"
                | "share this"
                | "back to top"
        )
}

/// What a masthead line says.
#[derive(Debug, PartialEq, Eq)]
pub enum Masthead {
    /// "United Nations", "THE WHITE HOUSE".
    Issuer,
    /// "Office of the Press Secretary", "Department of Public Information • …".
    Office,
    /// "Press Release", "Meetings Coverage and Press Releases", "Statements and Messages".
    Category,
}

/// Recognizes masthead lines of UN and White House releases.
pub fn masthead(line: &str) -> Option<Masthead> {
    if line.len() > 160 {
        return None;
    }
    let lower = line.to_lowercase();
    let lower = lower.trim_end_matches([' ', '|']).replace('\'', "’");
    match lower.as_str() {
        "united nations"
        | "the white house"
        | "european commission"
        | "nations unies"
        | "naciones unidas"
        | "организация объединенных наций"
        | "联合国"
        | "الأمم المتحدة" => {
            return Some(Masthead::Issuer);
        }
        "press release"
        | "meetings coverage and press releases"
        | "meetings coverage"
        | "statements and messages"
        | "communiqué de presse"
        | "couverture de réunion"
        | "couverture des réunions"
        | "couverture des réunions et communiqués de presse"
        | "comunicado de prensa"
        | "пресс-релиз"
        | "新闻稿"
        | "بيان صحفي"
        | "daily news" => return Some(Masthead::Category),
        _ => {}
    }
    if ohchr_label(&lower) {
        return Some(Masthead::Category);
    }
    let office = lower.starts_with("office of the press secretary")
        || ((lower.starts_with("department of ") || lower.starts_with("département de l’"))
            && (lower.contains('•')
                || lower.contains("information")
                || lower.contains("communications")))
        || lower.starts_with("un information service")
        || lower.starts_with("united nations information service");
    office.then_some(Masthead::Office)
}

/// The page-type label of the UN human-rights office's pages in other
/// languages: "Declaraciones Múltiples mecanismos", "Заявления Различные
/// механизмы", "讲话 多个机制" (a type word, then a few words naming the
/// mechanism, no punctuation).
fn ohchr_label(lower: &str) -> bool {
    let mut words = lower.split_whitespace();
    let first = words.next().unwrap_or("");
    let rest = words.count();
    matches!(
        first,
        "declaraciones" | "заявления" | "讲话" | "déclarations"
    ) && (1..=5).contains(&rest)
        && !lower.contains(['.', ',', ':', ';'])
}

/// A delivery note: "as prepared for delivery", "[as delivered]", "Check against delivery".
pub fn delivery_note(line: &str) -> Option<String> {
    if line.len() > 60 {
        return None;
    }
    let inner = line.trim_matches(|c: char| matches!(c, '[' | ']' | '(' | ')' | '*' | '.' | ' '));
    let lower = inner.to_lowercase();
    matches!(
        lower.as_str(),
        "as prepared for delivery"
            | "as delivered"
            | "check against delivery"
            | "as prepared"
            | "seul le texte prononcé fait foi"
    )
    .then(|| inner.to_string())
}

/// An editorial note: a short line wholly in parentheses or brackets
/// ("(Reissued as received.)", "[scroll down for French version]") or
/// "* Reissued for technical reasons".
pub fn editorial_note(line: &str) -> bool {
    if line.len() > 200 || line.len() < 4 {
        return false;
    }
    let bracketed = (line.starts_with('(') && line.ends_with(')'))
        || (line.starts_with('[') && line.ends_with(']'));
    let inner = if bracketed {
        &line[1..line.len() - 1]
    } else {
        ""
    };
    (bracketed && !inner.contains(['(', ')', '[', ']']) && inner.chars().any(char::is_alphabetic))
        || line.starts_with("* Reissued")
        || line.starts_with("*Reissued")
}

/// A dateline opening a paragraph: "GENEVA, 22 April (UN Information
/// Service) -- text", "PULLMAN, Wash. – text", "RALEIGH, NC / ACCESSWIRE /
/// December 5, 2023 / text", "GINEBRA (2 de marzo de 2015) – text",
/// "Genève, 28 juin (Service d’information des Nations Unies) -- text",
/// "بغداد، 28 تموز/ يوليو 2020 – text". Returns the dateline and the byte
/// offset where the paragraph text resumes.
pub fn dateline(text: &str) -> Option<(Dateline, usize)> {
    let window = &text[..floor_boundary(text, 200)];
    let first_word: String = window.chars().take_while(|c| c.is_alphabetic()).collect();
    let case = PlaceCase::of(&first_word)?;
    if window.contains(" / ") {
        return newswire_dateline(text);
    }
    let separators = [" -- ", " — ", " – ", " - ", "—", " --", " —"];
    let (pos, sep) = separators
        .iter()
        .filter_map(|s| window.find(s).map(|p| (p, *s)))
        .min_by_key(|(p, _)| *p)?;
    let head = text[..pos].trim();
    let (place, date_text, originator) = match head.split_once([',', '،']) {
        Some((place, rest)) => place_parts(place, rest)?,
        None => parenthesized_date(head)?,
    };
    let place_ok = match case {
        PlaceCase::Capitals | PlaceCase::Caseless => true,
        // "Genève, 28 juin": a capitalized place needs a date.
        PlaceCase::Capitalized => date_text.is_some() && place.split_whitespace().count() <= 3,
    };
    if place.len() > 80 || !place_ok || (case == PlaceCase::Capitals && place_has_lowercase(&place))
    {
        return None;
    }
    let end = pos + sep.len();
    Some((
        Dateline {
            raw: text[..end].trim().to_string(),
            place,
            date_text,
            originator,
        },
        end,
    ))
}

/// How a dateline's first word is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PlaceCase {
    /// "GENEVA", "NUEVA".
    Capitals,
    /// "Genève", "Женева".
    Capitalized,
    /// A script without case ("بغداد").
    Caseless,
}

impl PlaceCase {
    fn of(word: &str) -> Option<PlaceCase> {
        let mut chars = word.chars();
        let first = chars.next()?;
        if word.chars().count() < 2 {
            return None;
        }
        if word.chars().all(char::is_uppercase) {
            Some(PlaceCase::Capitals)
        } else if word.chars().all(|c| !c.is_uppercase() && !c.is_lowercase()) {
            Some(PlaceCase::Caseless)
        } else if first.is_uppercase() {
            Some(PlaceCase::Capitalized)
        } else {
            None
        }
    }
}

/// The first comma part of a capitals place ("GENEVA"); "KINGSTOWN, Saint
/// Vincent" keeps its later parts as written.
fn place_has_lowercase(place: &str) -> bool {
    place
        .split(',')
        .next()
        .is_some_and(|p| p.chars().any(char::is_lowercase))
}

/// Place, date and originator of "PLACE, [more place,] date (originator)".
fn place_parts(place: &str, rest: &str) -> Option<(String, Option<String>, Option<String>)> {
    let mut rest = rest.trim();
    let mut originator = None;
    if let (Some(open), true) = (rest.find('('), rest.ends_with(')')) {
        originator = Some(rest[open + 1..rest.len() - 1].trim().to_string());
        rest = rest[..open].trim();
    }
    let is_date =
        |d: &str| date::is_day_month(d) || date::parse_date(d, Default::default()).is_some();
    // The date is the last comma part (AP: "PULLMAN, Wash." has none).
    let (place, date_text) = match rest.rsplit_once(',') {
        _ if is_date(rest) => (place.trim().to_string(), Some(rest.to_string())),
        Some((more_place, d)) if is_date(d.trim()) => (
            format!("{}, {}", place.trim(), more_place.trim()),
            Some(d.trim().to_string()),
        ),
        _ if rest.len() <= 24 && rest.split_whitespace().count() <= 3 && originator.is_none() => {
            (format!("{}, {}", place.trim(), rest), None)
        }
        _ => return None,
    };
    Some((place, date_text, originator))
}

/// "GINEBRA (2 de marzo de 2015)": a place and its date in parentheses.
fn parenthesized_date(head: &str) -> Option<(String, Option<String>, Option<String>)> {
    let (place, inner) = head.strip_suffix(')')?.split_once('(')?;
    let inner = inner.trim();
    let dated = date::parse_date(inner, Default::default()).is_some() || date::is_day_month(inner);
    let place = place.trim();
    (dated && !place.is_empty() && place.split_whitespace().count() <= 4)
        .then(|| (place.to_string(), Some(inner.to_string()), None))
}

fn newswire_dateline(text: &str) -> Option<(Dateline, usize)> {
    let parts: Vec<&str> = text.splitn(4, " / ").collect();
    if parts.len() < 4 {
        return None;
    }
    let date_text = parts[2].trim();
    date::parse_date(date_text, Default::default())?;
    let end = parts[0].len() + parts[1].len() + parts[2].len() + 9;
    let end = end.min(text.len());
    Some((
        Dateline {
            raw: text[..end].trim().to_string(),
            place: parts[0].trim().to_string(),
            date_text: Some(date_text.to_string()),
            originator: Some(parts[1].trim().to_string()),
        },
        end,
    ))
}

/// The largest char boundary ≤ `at`.
pub fn floor_boundary(s: &str, at: usize) -> usize {
    if at >= s.len() {
        return s.len();
    }
    let mut i = at;
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn end_marks() {
        for (line, mark) in [
            ("* *** *", "* *** *"),
            ("\\###", "###"),
            ("###", "###"),
            ("# # #", "# # #"),
            ("-30-", "-30-"),
            ("- 30 -", "- 30 -"),
            ("- end -", "- end -"),
            ("ENDS", "ENDS"),
            ("[Ends]", "[Ends]"),
            ("– – –", "– – –"),
            ("NNNN", "NNNN"),
        ] {
            assert_eq!(end_mark(line).as_deref(), Some(mark), "{line}");
        }
        for not in ["Ending hunger", "###heading", "- item", "***bold***"] {
            assert_eq!(end_mark(not), None, "{not}");
        }
    }

    #[test]
    fn disclaimers_and_release_lines() {
        assert!(disclaimer("For information media. Not an official record."));
        assert!(disclaimer(
            "For information only - not an official document"
        ));
        let r = release_timing("EMBARGOED UNTIL 8:30 a.m. (ET) Friday, March 6, 2026").unwrap();
        assert_eq!(r.kind, ReleaseKind::Embargoed);
        assert_eq!(
            r.until.as_deref(),
            Some("8:30 a.m. (ET) Friday, March 6, 2026")
        );
        assert_eq!(
            release_timing("FOR IMMEDIATE RELEASE").unwrap().kind,
            ReleaseKind::Immediate
        );
        let h = release_timing("HOLD FOR RELEASE UNTIL 11/24/2020").unwrap();
        assert_eq!(
            (h.kind, h.until.as_deref()),
            (ReleaseKind::HoldForRelease, Some("11/24/2020"))
        );
        let k =
            release_timing("이 보도자료는 2025년 4월 23일 11:15부터 보도할 수 있습니다.").unwrap();
        assert_eq!(k.until.as_deref(), Some("2025년 4월 23일 11:15"));
        assert!(release_timing("The release of prisoners").is_none());
    }

    #[test]
    fn times_artefacts_chrome() {
        assert!(time_line("1:29 P.M. EDT"));
        assert!(time_line("Issued at HKT 17:47"));
        assert!(!time_line("1:29 P.M. EDT and more words here"));
        for a in [
            "(more)",
            "- more -",
            "-more-",
            "- 2 -",
            "Page 2 of 3",
            "- 2 -  Press Release SG/SM/6541",
        ] {
            assert!(page_artefact(a), "{a}");
        }
        assert!(!page_artefact("- 2 million people"));
        assert!(web_chrome("Skip to main content"));
        assert!(page_number("23"));
        assert_eq!(masthead("THE WHITE HOUSE"), Some(Masthead::Issuer));
        assert!(editorial_note("(Reissued as received.)"));
        assert!(editorial_note("[scroll down for French version]"));
        assert_eq!(
            delivery_note("[as delivered]").as_deref(),
            Some("as delivered")
        );
    }

    #[test]
    fn datelines() {
        let (d, end) =
            dateline("GENEVA, 22 April (UN Information Service) -- The Committee").unwrap();
        assert_eq!(d.place, "GENEVA");
        assert_eq!(d.date_text.as_deref(), Some("22 April"));
        assert_eq!(d.originator.as_deref(), Some("UN Information Service"));
        assert_eq!(
            &"GENEVA, 22 April (UN Information Service) -- The Committee"[end..],
            "The Committee"
        );
        let (d, _) = dateline("PULLMAN, Wash. – Researchers at").unwrap();
        assert_eq!(d.place, "PULLMAN, Wash.");
        let (d, _) =
            dateline("KINGSTOWN, Saint Vincent and the Grenadines, 18 May — text").unwrap();
        assert_eq!(d.place, "KINGSTOWN, Saint Vincent and the Grenadines");
        let (d, _) = dateline("RALEIGH, NC / ACCESSWIRE / December 5, 2023 / Company").unwrap();
        assert_eq!(d.originator.as_deref(), Some("ACCESSWIRE"));
        assert!(dateline("The members of the Security Council — all").is_none());
        assert!(dateline("UN peacekeeping, today – which").is_none());
    }
}
