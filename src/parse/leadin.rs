//! UN lead-in formulae: "Following is UN Secretary-General António
//! Guterres’ message to …, held in New York today:", "Following are … remarks,
//! as prepared for delivery, at …:", "The following statement was issued
//! today by …:", "The following is a near-verbatim transcript of … by …",
//! "United Nations Secretary-General … announced today …", "The text of …
//! is not available in English."; the French ones in [`super::leadin_fr`].

use crate::model::{DocKind, Occasion, Speaker};

/// What a lead-in says about the document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LeadIn {
    /// Kind implied by the vehicle ("message", "remarks", "statement").
    pub kind: DocKind,
    /// Who speaks.
    pub speaker: Option<Speaker>,
    /// For what.
    pub occasion: Option<Occasion>,
    /// "as prepared for delivery" and the like.
    pub delivery_note: Option<String>,
    /// "{vehicle} {preposition} {event as written}" for headline derivation
    /// ("message to the eighteenth Conference of …").
    pub vehicle_phrase: Option<String>,
}

/// Words that make up roles in lead-ins ("President of the General Assembly").
const ROLE_WORDS: &[&str] = &[
    "secretary-general",
    "deputy",
    "under-secretary-general",
    "assistant",
    "president",
    "vice-president",
    "council",
    "security",
    "general",
    "assembly",
    "high",
    "commissioner",
    "special",
    "envoy",
    "representative",
    "adviser",
    "advisor",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "director-general",
    "executive",
    "director",
    "administrator",
    "chair",
    "chairman",
    "chairperson",
    "chef",
    "prime",
    "minister",
    "foreign",
    "ambassador",
    "emergency",
    "relief",
    "coordinator",
    "chief",
    "permanent",
    "human",
    "rights",
    "refugees",
    "economic",
    "social",
    "acting",
    "of",
    "the",
    "for",
    "and",
    "secretary",
    "senior",
    "humanitarian",
    "resident",
    "officer",
    "head",
    "united",
    "nations",
    "un",
    "affairs",
    "political",
];

const VEHICLE_STOPS: &[&str] = &[
    "to",
    "for",
    "at",
    "on",
    "in",
    "before",
    "during",
    "marking",
    "upon",
    "delivered",
    "given",
    "via",
    "with",
];

/// Analyses a paragraph that may be a lead-in.
pub fn analyze(text: &str) -> Option<LeadIn> {
    let text = text.trim();
    if text.len() > 600 {
        return None;
    }
    let lower = text.to_lowercase();
    if lower.starts_with("the following") && lower.contains("transcript") {
        return Some(transcript(text));
    }
    if lower.starts_with("the following")
        && (lower.contains(" was issued") || lower.contains(" were issued"))
    {
        return Some(issued_statement(text, &lower));
    }
    for prefix in [
        "following is the full text of ",
        "following is the text of ",
        "following are the texts of ",
        "following is ",
        "following are ",
        "the following is the text of ",
        "the following is ",
        "the following are ",
    ] {
        if lower.starts_with(prefix) {
            return possessive_formula(&text[prefix.len()..]);
        }
    }
    if lower.contains(" announced today ") && lower.starts_with("united nations secretary") {
        let by = &text[..lower.find(" announced today ")?];
        return Some(LeadIn {
            kind: DocKind::PressRelease,
            speaker: Some(speaker_from(by)),
            ..LeadIn::default()
        });
    }
    if lower.starts_with("the text of ") && lower.contains("is not available in") {
        return Some(LeadIn::default());
    }
    super::leadin_fr::analyze(text)
}

fn transcript(text: &str) -> LeadIn {
    let speaker = text.rfind(" by ").map(|p| {
        let who = text[p + 4..].trim_end_matches(['.', ':']);
        match who.split_once(", ") {
            Some((name, role)) => Speaker {
                name: name.trim().to_string(),
                role: Some(role.trim().to_string()),
                organization: None,
            },
            None => speaker_from(who),
        }
    });
    LeadIn {
        kind: DocKind::Briefing,
        speaker,
        ..LeadIn::default()
    }
}

fn issued_statement(text: &str, lower: &str) -> LeadIn {
    let mut speaker = None;
    if let Some(p) = lower.find(" by ") {
        let mut who = text[p + 4..].trim_end_matches([':', '.']).trim();
        let lower_who = who.to_lowercase();
        for spokes in [
            "the spokesman for ",
            "the spokesperson for ",
            "the spokeswoman for ",
        ] {
            if lower_who.starts_with(spokes) {
                who = &who[spokes.len()..];
                break;
            }
        }
        speaker = Some(speaker_from(who));
    }
    LeadIn {
        kind: DocKind::Statement,
        speaker,
        ..LeadIn::default()
    }
}

/// "UN Secretary-General António Guterres’ message to …" after "Following is".
fn possessive_formula(rest: &str) -> Option<LeadIn> {
    let cut = ["’s ", "'s ", "’ ", "' "]
        .iter()
        .filter_map(|p| rest.find(p).map(|i| (i, p.len())))
        .min_by_key(|(i, _)| *i)?;
    let who = &rest[..cut.0];
    if who.split_whitespace().count() > 14 {
        return None;
    }
    let speaker = speaker_from(who);
    let mut after = rest[cut.0 + cut.1..]
        .trim_end()
        .trim_end_matches([':', '.'])
        .to_string();
    let mut delivery_note = None;
    for note in ["as prepared for delivery", "as delivered"] {
        if let Some(p) = after.find(note) {
            delivery_note = Some(note.to_string());
            let before = after[..p].trim_end().trim_end_matches(',').to_string();
            let tail = after[p + note.len()..]
                .trim_start_matches(',')
                .trim_start()
                .to_string();
            after = format!("{before} {tail}").trim().to_string();
        }
    }
    let words: Vec<&str> = after.split_whitespace().collect();
    let stop = words
        .iter()
        .position(|w| VEHICLE_STOPS.contains(&w.to_lowercase().as_str()))
        .unwrap_or(words.len());
    let vehicle = words[..stop].join(" ").trim_end_matches(',').to_string();
    let vehicle_lower = vehicle.to_lowercase();
    let kind = if vehicle_lower.contains("message") {
        DocKind::Message
    } else if vehicle_lower.contains("remarks") {
        DocKind::Remarks
    } else if vehicle_lower.contains("statement") {
        DocKind::Statement
    } else if vehicle_lower.contains("address") || vehicle_lower.contains("speech") {
        DocKind::Speech
    } else if vehicle_lower.contains("briefing") {
        DocKind::Briefing
    } else {
        DocKind::Unknown
    };
    let occasion =
        (stop < words.len()).then(|| occasion_from(&words[stop + 1..].join(" "), &vehicle));
    let vehicle_phrase = (stop < words.len()).then(|| {
        let event_phrase = occasion_cut(&words[stop + 1..].join(" ")).0;
        format!("{vehicle} {} {event_phrase}", words[stop])
    });
    Some(LeadIn {
        kind,
        speaker: Some(speaker),
        occasion: occasion.filter(|o| !o.event.is_empty()),
        delivery_note,
        vehicle_phrase: vehicle_phrase.or_else(|| Some(vehicle.clone())),
    })
}

/// Splits "the eighteenth Conference …, held in New York and online today"
/// into the event phrase and the remainder.
fn occasion_cut(text: &str) -> (String, String) {
    let markers = [
        ", held ",
        ", observed on ",
        ", observed ",
        ", which ",
        ", on ",
        " in New York",
        ", in ",
        " held ",
    ];
    let mut cut = text.len();
    for m in markers {
        if let Some(p) = text.find(m) {
            cut = cut.min(p);
        }
    }
    let mut event = text[..cut].trim().trim_end_matches(',').to_string();
    if let Some(stripped) = event.strip_suffix(" today") {
        event = stripped.to_string();
    }
    (event, text[cut..].to_string())
}

fn occasion_from(text: &str, vehicle: &str) -> Occasion {
    let (event, remainder) = occasion_cut(text);
    let event = event
        .strip_prefix("the ")
        .or_else(|| event.strip_prefix("The "))
        .unwrap_or(&event)
        .to_string();
    let remainder = remainder.trim_start_matches(',').trim();
    let mut occasion = Occasion {
        event,
        mode: (!vehicle.is_empty()).then(|| vehicle.to_string()),
        ..Occasion::default()
    };
    if let Some(p) = remainder.find("observed on ") {
        let on = &remainder[p + "observed on ".len()..];
        let on = on.split(',').next().unwrap_or(on).trim();
        occasion.observed_on = Some(on.to_string());
    }
    let venue_text = remainder.strip_prefix("held ").unwrap_or(remainder);
    if let Some(v) = venue_text.strip_prefix("in ") {
        let v = v.trim();
        let v = v.strip_suffix(" today").unwrap_or(v);
        let v = v.split(", on ").next().unwrap_or(v);
        if !v.is_empty() {
            occasion.venue = Some(v.trim().to_string());
        }
    }
    occasion
}

/// "UN Secretary-General António Guterres" → name, role, organization.
pub fn speaker_from(phrase: &str) -> Speaker {
    let mut phrase = phrase.trim();
    let mut organization = None;
    if let (Some(open), true) = (phrase.rfind(" ("), phrase.ends_with(')')) {
        organization = Some(phrase[open + 2..phrase.len() - 1].to_string());
        phrase = phrase[..open].trim();
    }
    for (prefix, org) in [
        ("UN ", "United Nations"),
        ("United Nations ", "United Nations"),
    ] {
        if let Some(rest) = phrase.strip_prefix(prefix) {
            phrase = rest;
            organization.get_or_insert_with(|| org.to_string());
        }
    }
    phrase = phrase.strip_prefix("the ").unwrap_or(phrase);
    let tokens: Vec<&str> = phrase.split_whitespace().collect();
    let is_role = |t: &&&str| {
        let norm = t.replace('\u{2011}', "-").to_lowercase();
        ROLE_WORDS.contains(&norm.trim_end_matches(','))
    };
    let mut role_len = tokens.iter().take_while(is_role).count();
    while role_len > 0 && matches!(tokens[role_len - 1], "of" | "the" | "for" | "and") {
        role_len -= 1;
    }
    if role_len == tokens.len() && role_len > 0 {
        // No name left: the last word was a name that looks like a role word.
        role_len -= 1;
    }
    let role = tokens[..role_len].join(" ");
    let name = tokens[role_len..].join(" ");
    Speaker {
        name: name.trim_end_matches(',').to_string(),
        role: (!role.is_empty()).then_some(role),
        organization,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_message_formula() {
        let l = analyze("Following is UN Secretary-General António Guterres’ message to the eighteenth Conference of the Heads of Military Components, held in New York and online today:").unwrap();
        assert_eq!(l.kind, DocKind::Message);
        let s = l.speaker.unwrap();
        assert_eq!(s.name, "António Guterres");
        assert_eq!(s.role.as_deref(), Some("Secretary-General"));
        assert_eq!(s.organization.as_deref(), Some("United Nations"));
        let o = l.occasion.unwrap();
        assert_eq!(
            o.event,
            "eighteenth Conference of the Heads of Military Components"
        );
        assert_eq!(o.venue.as_deref(), Some("New York and online"));
        assert_eq!(o.mode.as_deref(), Some("message"));
        assert_eq!(
            l.vehicle_phrase.as_deref(),
            Some("message to the eighteenth Conference of the Heads of Military Components")
        );
    }

    #[test]
    fn other_formulae() {
        let l = analyze("Following is the text of UN Secretary-General António Guterres’ video message to the Horasis Forum, held today:").unwrap();
        assert_eq!(l.kind, DocKind::Message);
        assert_eq!(l.occasion.unwrap().event, "Horasis Forum");
        let l = analyze("Following are UN Secretary-General António Guterres’ remarks, as prepared for delivery, to the Security Council, in New York today:").unwrap();
        assert_eq!(l.kind, DocKind::Remarks);
        assert_eq!(l.delivery_note.as_deref(), Some("as prepared for delivery"));
        let o = l.occasion.unwrap();
        assert_eq!(
            (o.event.as_str(), o.venue.as_deref()),
            ("Security Council", Some("New York"))
        );
        let l = analyze("Following is UN Secretary-General António Guterres’ message for World AIDS Day, observed on 1 December:").unwrap();
        assert_eq!(
            l.occasion.unwrap().observed_on.as_deref(),
            Some("1 December")
        );
        let l = analyze("The following Security Council press statement was issued today by Council President Vassily A. Nebenzia (Russian Federation):").unwrap();
        assert_eq!(l.kind, DocKind::Statement);
        let s = l.speaker.unwrap();
        assert_eq!(
            (s.name.as_str(), s.role.as_deref()),
            ("Vassily A. Nebenzia", Some("Council President"))
        );
        assert_eq!(s.organization.as_deref(), Some("Russian Federation"));
        let l = analyze("The following statement was issued today by the Spokesman for UN Secretary-General António Guterres:").unwrap();
        assert_eq!(l.speaker.unwrap().name, "António Guterres");
        let l = analyze("The following is a near-verbatim transcript of today’s noon briefing by Stéphane Dujarric, Spokesman for the Secretary-General.").unwrap();
        assert_eq!(l.kind, DocKind::Briefing);
        assert_eq!(l.speaker.unwrap().name, "Stéphane Dujarric");
        let l = analyze(
            "Following is the text of Secretary-General Kofi Annan's message to the Conference:",
        )
        .unwrap();
        assert_eq!(l.speaker.unwrap().name, "Kofi Annan");
        assert!(
            analyze("The President spoke today with Israeli Prime Minister Netanyahu.").is_none()
        );
    }
}
