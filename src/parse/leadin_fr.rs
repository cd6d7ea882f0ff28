//! French UN lead-in formulae, the counterparts of [`super::leadin`]'s:
//! "On trouvera ci-après le message du Secrétaire général de l’ONU,
//! M. António Guterres, à l’occasion de la Journée internationale de la
//! paix, célébrée le 21 septembre:" and "La déclaration suivante a été
//! communiquée aujourd’hui par le porte-parole du Secrétaire général de
//! l’ONU, M. Kofi Annan:". No headline is derived from them (the English
//! title-case rule does not apply to French), so `vehicle_phrase` stays
//! empty.

use super::leadin::LeadIn;
use crate::model::{DocKind, Occasion, Speaker};

/// Articles and prepositions before a vehicle or a speaker.
const ARTICLES: &[&str] = &[
    "le texte du ",
    "le texte de la ",
    "le texte de l’",
    "les textes des ",
    "le ",
    "la ",
    "les ",
    "l’",
    "du ",
    "de la ",
    "de l’",
    "des ",
    "par ",
];

/// Analyses a paragraph that may be a French lead-in.
pub fn analyze(text: &str) -> Option<LeadIn> {
    let text = text.trim().replace('\'', "’");
    if !text.ends_with(':') || text.len() > 600 {
        return None;
    }
    let body = text.trim_end_matches(':').trim_end();
    let lower = body.to_lowercase();
    if lower.len() != body.len() {
        return None;
    }
    if let Some(rest) = strip_prefix_caseless(body, &lower, "on trouvera ci-après ")
        .or_else(|| strip_prefix_caseless(body, &lower, "voici "))
    {
        return Some(following(rest));
    }
    // "La déclaration suivante a été communiquée aujourd’hui par …".
    let suivant = lower.find(" suivant")?;
    let vehicle = lower[..suivant].trim();
    let par = lower.find(" par ")?;
    let communicated = ["communiqu", "publi", "prononc", "fait"]
        .iter()
        .any(|v| lower[suivant..par].contains(v));
    (communicated && suivant < par).then(|| {
        let who = body[par + " par ".len()..].trim();
        LeadIn {
            kind: kind_of(vehicle),
            speaker: Some(speaker(who)),
            ..LeadIn::default()
        }
    })
}

/// "le message du Secrétaire général …, M. …, à l’occasion de …".
fn following(rest: &str) -> LeadIn {
    let rest = strip_articles(rest);
    let (vehicle, who) = match [" du ", " de la ", " de l’", " des "]
        .iter()
        .filter_map(|p| rest.find(p).map(|i| (i, p.len())))
        .min_by_key(|(i, _)| *i)
    {
        Some((i, len)) => (&rest[..i], &rest[i + len..]),
        None => (rest, ""),
    };
    let (who, occasion) = match who.find(", à l’occasion ") {
        Some(i) => (&who[..i], Some(&who[i + 2..])),
        None => (who, None),
    };
    LeadIn {
        kind: kind_of(vehicle),
        speaker: (!who.is_empty()).then(|| speaker(who)),
        occasion: occasion.map(occasion_from),
        ..LeadIn::default()
    }
}

fn kind_of(vehicle: &str) -> DocKind {
    let v = vehicle.to_lowercase();
    if v.contains("message") {
        DocKind::Message
    } else if v.contains("déclaration") || v.contains("communiqué") {
        DocKind::Statement
    } else if v.contains("allocution") || v.contains("discours") {
        DocKind::Speech
    } else if v.contains("remarques") || v.contains("observations") || v.contains("intervention") {
        DocKind::Remarks
    } else if v.contains("transcription") || v.contains("point de presse") {
        DocKind::Briefing
    } else {
        DocKind::Unknown
    }
}

/// "le porte-parole du Secrétaire général de l’ONU, M. Kofi Annan" →
/// role "Secrétaire général de l’ONU", name "Kofi Annan".
fn speaker(who: &str) -> Speaker {
    let mut who = strip_articles(who.trim());
    for spokes in [
        "porte-parole du ",
        "porte-parole de la ",
        "porte-parole de l’",
    ] {
        if let Some(rest) = who.strip_prefix(spokes) {
            who = rest;
        }
    }
    let (role, name) = match who.rsplit_once(", ") {
        Some((role, name)) => (Some(role.trim().to_string()), name.trim()),
        None => (None, who),
    };
    let name = ["M. ", "Mme ", "Mlle ", "S. E. M. ", "S.E. M. "]
        .iter()
        .find_map(|t| name.strip_prefix(t))
        .unwrap_or(name);
    Speaker {
        name: name.trim_end_matches(',').to_string(),
        role,
        organization: None,
    }
}

/// "à l’occasion de la Journée internationale de la paix, célébrée le 21
/// septembre" → event and the day it is observed.
fn occasion_from(text: &str) -> Occasion {
    let text = text.strip_prefix("à l’occasion ").unwrap_or(text);
    let text = strip_articles(text);
    let (event, rest) = text.split_once(", ").unwrap_or((text, ""));
    let observed_on = ["célébrée le ", "célébré le ", "observée le "]
        .iter()
        .find_map(|p| rest.strip_prefix(p))
        .map(str::to_string);
    Occasion {
        event: event.trim().to_string(),
        observed_on,
        ..Occasion::default()
    }
}

fn strip_articles(mut text: &str) -> &str {
    while let Some(rest) = ARTICLES.iter().find_map(|a| text.strip_prefix(a)) {
        text = rest;
    }
    text
}

/// `text` after `prefix` when its lower-cased form `lower` starts with it.
fn strip_prefix_caseless<'t>(text: &'t str, lower: &str, prefix: &str) -> Option<&'t str> {
    // Lower-casing keeps the length of these prefixes' letters.
    (lower.starts_with(prefix) && text.is_char_boundary(prefix.len()))
        .then(|| &text[prefix.len()..])
}
