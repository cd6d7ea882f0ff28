//! Who issued a release: whether the document shows it is the United
//! Nations', and on what evidence. A pure function of the model, read by the
//! parser (which supplies "United Nations" as a derived issuer) and by
//! [`crate::template::choose`] (which picks the `un` house style).

use crate::model::Metadata;

/// The issuer pressroom supplies for a UN release that names none.
pub const UNITED_NATIONS: &str = "United Nations";

/// What shows that the UN issued a release, in the order it is looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnEvidence {
    /// The issuer (masthead or front matter) names the UN.
    Issuer,
    /// A UN document symbol (`SG/SM/20447`, `SC/13399`), written or taken
    /// from a UN slug file name.
    Symbol,
    /// A UN issuing office ("Department of Global Communications", "UN
    /// Information Service").
    Office,
    /// The source address is on a UN site (`un.org`, `press.un.org`,
    /// `unis.unvienna.org`).
    SourceUrl,
    /// A UN lead-in formula ("Following is UN Secretary-General …") or
    /// dateline originator ("(UN Information Service)").
    LeadIn,
    /// The UN's press disclaimer ("For information media. Not an official record.").
    Disclaimer,
}

/// First segments of UN press-release symbol series (`SG/SM`, `GA/EF`,
/// `OBV`). Other organizations' symbols (`IP/20/…` of the European
/// Commission, `USDL-26-…`) are not UN evidence.
const UN_SERIES: [&str; 24] = [
    "SG", "DSG", "GA", "SC", "ECOSOC", "OBV", "WOM", "PKO", "DEV", "HR", "ORG", "PI", "SAG", "ENV",
    "SOC", "AFR", "NGO", "SEA", "UNIS", "IHA", "POP", "CS", "DC", "L",
];

/// Hosts of UN sites whose releases name no issuer of their own (the
/// address's host is one of these or ends with `.` and one of these).
const UN_HOSTS: [&str; 4] = ["un.org", "unvienna.org", "ungeneva.org", "unog.ch"];

/// The first evidence that the UN issued the release, or `None`. An issuer
/// that names someone else (`The White House`) settles it: no other sign
/// counts then.
pub fn un_evidence(meta: &Metadata) -> Option<UnEvidence> {
    if let Some(issuer) = meta.issuer.as_deref().filter(|i| !i.trim().is_empty()) {
        return names_un(issuer).then_some(UnEvidence::Issuer);
    }
    if meta.symbols.iter().any(|s| un_series(&s.series)) {
        return Some(UnEvidence::Symbol);
    }
    if meta.issuing_office.as_deref().is_some_and(un_office) {
        return Some(UnEvidence::Office);
    }
    if meta.source_url.as_deref().is_some_and(un_url) {
        return Some(UnEvidence::SourceUrl);
    }
    let speaker = meta
        .speaker
        .as_ref()
        .and_then(|s| s.organization.as_deref());
    let originator = meta.dateline.as_ref().and_then(|d| d.originator.as_deref());
    if speaker.is_some_and(names_un) || originator.is_some_and(un_office) {
        return Some(UnEvidence::LeadIn);
    }
    let disclaimer = meta.disclaimer.as_deref().unwrap_or("").to_lowercase();
    if disclaimer.starts_with("for information media") && disclaimer.contains("not an official") {
        return Some(UnEvidence::Disclaimer);
    }
    None
}

/// True when `name` names the United Nations itself ("United Nations",
/// "UNITED NATIONS", "Nations Unies", "UN").
fn names_un(name: &str) -> bool {
    let lower = name.trim().to_lowercase();
    lower.contains("united nations") || lower.contains("nations unies") || lower == "un"
}

/// A UN information office or department.
fn un_office(office: &str) -> bool {
    let lower = office.to_lowercase();
    names_un(office)
        || lower.starts_with("un ")
        || lower.contains("department of global communications")
        || lower.contains("department of public information")
}

fn un_series(series: &str) -> bool {
    let first = series.split(['/', '-']).next().unwrap_or("");
    UN_SERIES.contains(&first)
}

fn un_url(url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = rest
        .split(['/', '?', '#', ':'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    UN_HOSTS
        .iter()
        .any(|domain| host == *domain || host.ends_with(&format!(".{domain}")))
}

/// Supplies "United Nations" as the issuer, marked derived, when the input
/// names no issuer and [`un_evidence`] finds the release is the UN's. A
/// document with an issuer is left as it is.
pub fn derive(meta: &mut Metadata) {
    let unnamed = meta.issuer.as_deref().is_none_or(|i| i.trim().is_empty());
    if unnamed && un_evidence(meta).is_some() {
        meta.issuer = Some(UNITED_NATIONS.to_string());
        meta.issuer_derived = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Speaker, Symbol};

    fn symbol(series: &str) -> Symbol {
        Symbol {
            raw: format!("{series}/1"),
            series: series.into(),
            number: "1".into(),
            ..Symbol::default()
        }
    }

    #[test]
    fn each_sign_of_the_un_is_evidence() {
        let mut meta = Metadata {
            symbols: vec![symbol("SG/SM")],
            ..Metadata::default()
        };
        assert_eq!(un_evidence(&meta), Some(UnEvidence::Symbol));
        meta.symbols.clear();
        meta.source_url = Some("https://press.un.org/en/2020/sgsm20447.doc.htm".into());
        assert_eq!(un_evidence(&meta), Some(UnEvidence::SourceUrl));
        meta.source_url = Some("http://www.unis.unvienna.org/unis/en/pressrels.html".into());
        assert_eq!(un_evidence(&meta), Some(UnEvidence::SourceUrl));
        meta.source_url = None;
        meta.speaker = Some(Speaker {
            name: "António Guterres".into(),
            organization: Some("United Nations".into()),
            ..Speaker::default()
        });
        assert_eq!(un_evidence(&meta), Some(UnEvidence::LeadIn));
        meta.speaker = None;
        meta.disclaimer = Some("For information media. Not an official record.".into());
        assert_eq!(un_evidence(&meta), Some(UnEvidence::Disclaimer));
    }

    #[test]
    fn other_issuers_and_look_alikes_are_not_the_un() {
        let white_house = Metadata {
            issuer: Some("The White House".into()),
            symbols: vec![symbol("SG/SM")],
            ..Metadata::default()
        };
        assert_eq!(un_evidence(&white_house), None, "a named issuer settles it");
        let commission = Metadata {
            symbols: vec![symbol("IP/20")],
            source_url: Some("https://example.org/un.org/page".into()),
            ..Metadata::default()
        };
        assert_eq!(un_evidence(&commission), None);
        let council = Metadata {
            speaker: Some(Speaker {
                organization: Some("Russian Federation".into()),
                ..Speaker::default()
            }),
            ..Metadata::default()
        };
        assert_eq!(un_evidence(&council), None);
    }

    #[test]
    fn derive_fills_only_a_missing_issuer_and_marks_it() {
        let mut meta = Metadata {
            symbols: vec![symbol("SC")],
            ..Metadata::default()
        };
        derive(&mut meta);
        assert_eq!(meta.issuer.as_deref(), Some(UNITED_NATIONS));
        assert!(meta.issuer_derived);
        let mut named = Metadata {
            issuer: Some("UNITED NATIONS".into()),
            ..Metadata::default()
        };
        derive(&mut named);
        assert_eq!(named.issuer.as_deref(), Some("UNITED NATIONS"));
        assert!(
            !named.issuer_derived,
            "the input's issuer is kept as written"
        );
        let mut unknown = Metadata::default();
        derive(&mut unknown);
        assert_eq!(unknown.issuer, None);
    }
}
