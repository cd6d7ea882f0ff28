//! Headlines: recognizing a title line, and deriving one when the input has
//! none, in title case by the UN Editorial Manual rule (capitalize every
//! word but articles, conjunctions and prepositions; the first word always).

use super::leadin::LeadIn;

const SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "of", "in", "on", "at", "to",
    "by", "with", "from", "into", "over", "under", "against", "between", "among", "through",
    "during", "without", "within", "about", "as", "per", "via", "upon", "than", "vs",
];

/// Title case by the UN rule. Words already containing capitals (acronyms,
/// "COVID-19", "iPhone") are kept as written.
pub fn title_case(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let lower = word.to_lowercase();
        let bare = lower.trim_matches(|c: char| !c.is_alphanumeric());
        if i > 0 && SMALL_WORDS.contains(&bare) {
            out.push_str(word);
            continue;
        }
        if word.chars().skip(1).any(char::is_uppercase) {
            out.push_str(word);
            continue;
        }
        let mut capitalize_next = true;
        for c in word.chars() {
            if capitalize_next && c.is_alphabetic() {
                out.extend(c.to_uppercase());
                capitalize_next = false;
            } else {
                out.push(c);
                if c == '-' || c == '\u{2011}' {
                    capitalize_next = true;
                }
            }
        }
    }
    out
}

/// Derives a headline from a lead-in: "Secretary-General’s Message to the
/// Eighteenth Conference of the Heads of Military Components". The
/// possessive takes the typographic apostrophe when the lead-in itself uses
/// typographic quotes (`curly`), the straight one otherwise.
pub fn derive(lead_in: &LeadIn, curly: bool) -> Option<String> {
    let speaker = lead_in.speaker.as_ref()?;
    let who = speaker
        .role
        .as_deref()
        .filter(|r| !r.is_empty())
        .unwrap_or(&speaker.name);
    if who.is_empty() {
        return None;
    }
    let phrase = lead_in
        .vehicle_phrase
        .as_deref()
        .filter(|p| !p.is_empty())?;
    let apostrophe = if curly { '’' } else { '\'' };
    Some(title_case(&format!("{who}{apostrophe}s {phrase}")))
}

/// A line that can be a headline: short, starts with a capital, a digit
/// or a letter of a script without case,
/// no final full stop or comma, not a salutation.
pub fn looks_like_title(line: &str) -> bool {
    let line = line.trim();
    let words = line.split_whitespace().count();
    if line.is_empty() || line.chars().count() > 220 || words > 30 {
        return false;
    }
    let first = line.chars().next().unwrap_or(' ');
    // Arabic and Chinese have no capitals: any letter may start a title.
    let caseless = first.is_alphabetic() && !first.is_lowercase();
    if !(first.is_uppercase()
        || caseless
        || first.is_ascii_digit()
        || first == '‘'
        || first == '“'
        || first == '"'
        || first == '«')
    {
        return false;
    }
    if line.ends_with(['.', ',', ';', '。', '，', '،', '؛']) && !line.ends_with("..") {
        return false;
    }
    let lower = line.to_lowercase();
    let salutation = [
        "mr",
        "mr.",
        "madam",
        "madame",
        "mrs",
        "ms",
        "your",
        "excellenc",
        "distinguished",
        "ladies",
        "dear",
        "president of the",
        "monsieur",
        "señor",
        "thank you",
    ];
    !salutation.iter().any(|s| lower.starts_with(s))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::leadin::analyze;

    #[test]
    fn title_case_by_the_un_rule() {
        assert_eq!(
            title_case("secretary-general's message to the eighteenth Conference of the Heads"),
            "Secretary-General's Message to the Eighteenth Conference of the Heads"
        );
        assert_eq!(
            title_case("the COVID-19 pandemic and iPhone"),
            "The COVID-19 Pandemic and iPhone"
        );
    }

    #[test]
    fn derived_from_the_seed_lead_in() {
        let l = analyze("Following is UN Secretary-General António Guterres’ message to the eighteenth Conference of the Heads of Military Components, held in New York and online today:").unwrap();
        assert_eq!(
            derive(&l, true).as_deref(),
            Some(
                "Secretary-General’s Message to the Eighteenth Conference of the Heads of Military Components"
            )
        );
        assert_eq!(
            derive(&l, false).as_deref(),
            Some(
                "Secretary-General's Message to the Eighteenth Conference of the Heads of Military Components"
            )
        );
    }

    #[test]
    fn title_lines() {
        assert!(looks_like_title(
            "Daily Press Briefing by the Office of the Spokesperson for the Secretary-General"
        ));
        assert!(!looks_like_title("President of the General Assembly,"));
        assert!(!looks_like_title("Mr President"));
        assert!(!looks_like_title(
            "It is my profound honor to address the Assembly."
        ));
    }
}
