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
    /// The UN's press disclaimer ("For information media. Not an official
    /// record.", "À l’intention des organes d’information. Document non
    /// officiel.", or the template's wording in the other UN languages).
    Disclaimer,
    /// In a release not in English, the opening of the text (headline and
    /// about the first three blocks of its text) names the UN or its
    /// Secretary-General in one of the UN's six languages ("Nations Unies",
    /// "ONU", "Naciones Unidas", "Организация Объединенных Наций", "ООН",
    /// "联合国", "الأمم المتحدة", "Secrétaire général", "Secretario General",
    /// "Генеральный секретарь", "秘书长", "الأمين العام").
    Text,
}

/// First segments of UN press-release symbol series (`SG/SM`, `GA/EF`,
/// `OBV`). Other organizations' symbols (`IP/20/…` of the European
/// Commission, `USDL-26-…`) are not UN evidence.
/// The French series are the French releases' own (`AG/10812` is the
/// General Assembly's `GA/…`, `ONG` the NGO committee's `NGO`).
const UN_SERIES: [&str; 27] = [
    "SG", "DSG", "GA", "SC", "ECOSOC", "OBV", "WOM", "PKO", "DEV", "HR", "ORG", "PI", "SAG", "ENV",
    "SOC", "AFR", "NGO", "SEA", "UNIS", "IHA", "POP", "CS", "DC", "L", "AG", "ONG", "FEM",
];

/// The UN's name in its six languages, as [`fold`] writes them (Russian
/// "Объединенных Наций" is the same in every case; Arabic "الأمم المتحدة"
/// also after the prefix لـ, "للأمم المتحدة").
const UN_NAMES: [&str; 6] = [
    "united nations",
    "nations unies",
    "naciones unidas",
    "объединенных наций",
    "联合国",
    "لامم المتحده",
];

/// The UN's acronym in French and Spanish (ONU) and Russian (ООН), as
/// whole words in capitals.
const UN_ACRONYMS: [&str; 2] = ["ONU", "ООН"];

/// The Secretary-General's title in the six languages, as [`fold`] writes
/// them (the Russian in its usual cases).
const SG_TITLES: [&str; 13] = [
    "secretary-general",
    "secrétaire général",
    "secretaire general",
    "secretario general",
    "secretaria general",
    "secretaría general",
    "генеральный секретарь",
    "генерального секретаря",
    "генеральному секретарю",
    "генеральным секретарем",
    "генеральном секретаре",
    "秘书长",
    "لامين العام",
];

/// The UN's press disclaimer in the six languages, as [`fold`] writes its
/// start (the English and French as the UN prints them; the others as the
/// `un` template words them).
const UN_DISCLAIMERS: [&str; 6] = [
    "for information media",
    "à l'intention des organes d'information",
    "para uso de los medios de información",
    "для средств массовой информации",
    "供新闻媒体参考",
    "لاستخدام وسائط الاعلام",
];

/// Text folded for matching names: lower case, ’ as ', ё as е, and Arabic
/// without tatweel and vowel marks, its alef forms as ا and ة as ه.
fn fold(text: &str) -> String {
    text.chars()
        .filter(|&c| c != '\u{0640}' && !('\u{064B}'..='\u{0652}').contains(&c))
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            '’' | 'ʼ' => '\'',
            'ё' => 'е',
            'أ' | 'إ' | 'آ' => 'ا',
            'ة' => 'ه',
            c => c,
        })
        .collect()
}

/// True when `text` names the UN in one of its six languages (its name,
/// or the acronym ONU / ООН as a word).
pub fn mentions_un(text: &str) -> bool {
    let folded = fold(text);
    UN_NAMES.iter().any(|name| folded.contains(name))
        || text
            .split(|c: char| !c.is_alphanumeric())
            .any(|word| UN_ACRONYMS.contains(&word))
}

/// True when `text` names the Secretary-General in one of the UN's six
/// languages.
pub fn mentions_secretary_general(text: &str) -> bool {
    let folded = fold(text);
    SG_TITLES.iter().any(|title| folded.contains(title))
}

/// UN bodies and offices whose name, in the opening of a text not in
/// English, shows it is the UN's (as [`fold`] writes them): the
/// Department of Public Information's header on French pages, the Security
/// Council, the Human Rights Council and the High Commissioner for Human
/// Rights. National bodies that share a name (Russia's Совет безопасности,
/// a Consejo de Seguridad Nacional) are left out.
const UN_BODIES: [&str; 16] = [
    "département de l'information",
    "service des informations et des accréditations",
    "conseil de sécurité",
    "安全理事会",
    "安理会",
    "مجلس الامن الدولي",
    "conseil des droits de l'homme",
    "consejo de derechos humanos",
    "совет по правам человека",
    "совета по правам человека",
    "人权理事会",
    "مجلس حقوق الانسان",
    "haut-commissaire aux droits de l'homme",
    "alto comisionado para los derechos humanos",
    "верховный комиссар по правам человека",
    "المفوض السامي لحقوق الانسان",
];

/// True when `text` holds a UN press-release symbol (`AG/J/3564`,
/// `SG/SM/10633`): slash-joined, its series a UN one, its number at least
/// three digits.
fn has_un_symbol(text: &str) -> bool {
    text.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')'))
        .any(|token| {
            let token = token.trim_end_matches(['.', ':']);
            let Some((series, number)) = token.rsplit_once('/') else {
                return false;
            };
            let first = series.split(['/', '-']).next().unwrap_or("");
            number.len() >= 3
                && number.bytes().all(|b| b.is_ascii_digit())
                && first != "L"
                && UN_SERIES.contains(&first)
        })
}

/// How much of the opening of a text [`un_evidence_in`] reads: its first
/// blocks, and of them the first characters. The UN's own texts name it or
/// its Secretary-General at once (a UN site's header, the lead-in "Message
/// du Secrétaire général…"); a text that only mentions it further on, as the
/// Universal Declaration of Human Rights does in its preamble, is not the
/// UN's release.
const OPENING_BLOCKS: usize = 3;
/// See [`OPENING_BLOCKS`].
const OPENING: usize = 600;

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
    if meta.disclaimer.as_deref().is_some_and(un_disclaimer) {
        return Some(UnEvidence::Disclaimer);
    }
    None
}

/// [`un_evidence`], and for a release not in English the evidence of its
/// opening ([`UnEvidence::Text`]): the UN or the Secretary-General named in
/// its headline or its first three blocks (600 characters at most). English
/// releases keep the stricter evidence of the model alone (a White House
/// release may mention the UN in its first lines).
pub fn un_evidence_in(doc: &crate::model::Document) -> Option<UnEvidence> {
    let meta = &doc.meta;
    if let Some(evidence) = un_evidence(meta) {
        return Some(evidence);
    }
    let named = meta.issuer.as_deref().is_some_and(|i| !i.trim().is_empty());
    let language = crate::template::primary_language(&meta.language.code);
    if named || language == "en" || language.is_empty() {
        return None;
    }
    let first = crate::model::Document {
        body: doc.body.iter().take(OPENING_BLOCKS).cloned().collect(),
        ..crate::model::Document::default()
    };
    let mut opening = doc.headline_text().unwrap_or("").to_string();
    opening.push('\n');
    let body = first.body_text();
    let cut = body
        .char_indices()
        .nth(OPENING)
        .map_or(body.len(), |(i, _)| i);
    opening.push_str(&body[..cut]);
    let folded = fold(&opening);
    let evidence = mentions_un(&opening)
        || mentions_secretary_general(&opening)
        || UN_BODIES.iter().any(|body| folded.contains(body))
        || has_un_symbol(&opening);
    evidence.then_some(UnEvidence::Text)
}

/// The UN's press disclaimer in one of the six languages.
fn un_disclaimer(disclaimer: &str) -> bool {
    let folded = fold(disclaimer.trim());
    UN_DISCLAIMERS.iter().any(|d| folded.starts_with(d))
}

/// True when `name` names the United Nations itself ("United Nations",
/// "UNITED NATIONS", "Nations Unies", "Naciones Unidas", "联合国", "UN",
/// "ONU", "ООН", …).
fn names_un(name: &str) -> bool {
    let lower = name.trim().to_lowercase();
    lower == "un" || mentions_un(name)
}

/// A UN information office or department.
fn un_office(office: &str) -> bool {
    let lower = office.to_lowercase();
    names_un(office)
        || lower.starts_with("un ")
        || lower.contains("department of global communications")
        || lower.contains("department of public information")
        || lower.contains("département de l’information")
        || lower.contains("département de l'information")
        || lower.contains("département de la communication globale")
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

/// The UN's own name in the release's language (ISO 639-1), as on its
/// emblem and website; English for any other language.
pub fn un_name(language: &str) -> &'static str {
    match language {
        "fr" => "Nations Unies",
        "es" => "Naciones Unidas",
        // The UN writes е, not ё.
        "ru" => "Организация Объединенных Наций",
        "zh" => "联合国",
        "ar" => "الأمم المتحدة",
        _ => UNITED_NATIONS,
    }
}

/// Supplies the UN's name in the release's language ([`un_name`]) as the
/// issuer, marked derived, when the input names no issuer and
/// [`un_evidence`] finds the release is the UN's. A document with an issuer
/// is left as it is; a derived one follows a language stated later.
pub fn derive(meta: &mut Metadata) {
    let unnamed = meta.issuer.as_deref().is_none_or(|i| i.trim().is_empty());
    if (unnamed || meta.issuer_derived) && un_evidence(meta).is_some() {
        meta.issuer = Some(un_name(&meta.language.code).to_string());
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

    fn doc(text: &str) -> crate::model::Document {
        crate::read_document(text.as_bytes(), "t.txt").expect("reads")
    }

    #[test]
    fn the_un_is_named_in_its_six_languages() {
        for name in [
            "United Nations",
            "Nations Unies",
            "l’ONU",
            "Naciones Unidas",
            "Организации Объединённых Наций",
            "ООН",
            "联合国",
            "الأمم المتحدة",
            "للأمم المتحـدة",
        ] {
            assert!(mentions_un(name), "{name}");
        }
        for other in ["Union européenne", "donut", "Организация", "联合", "الأمم"]
        {
            assert!(!mentions_un(other), "{other}");
        }
        for title in [
            "Secrétaire général",
            "SECRETAIRE GENERAL",
            "Secretario General",
            "Генерального секретаря",
            "秘书长",
            "للأمين العام",
        ] {
            assert!(mentions_secretary_general(title), "{title}");
        }
        for disclaimer in [
            "For information media. Not an official record.",
            "À l’intention des organes d’information. Document non officiel.",
            "Для средств массовой информации. Не является официальным документом.",
        ] {
            let meta = Metadata {
                disclaimer: Some(disclaimer.into()),
                ..Metadata::default()
            };
            assert_eq!(
                un_evidence(&meta),
                Some(UnEvidence::Disclaimer),
                "{disclaimer}"
            );
        }
        let french = Metadata {
            symbols: vec![symbol("AG")],
            ..Metadata::default()
        };
        assert_eq!(un_evidence(&french), Some(UnEvidence::Symbol));
    }

    #[test]
    fn the_opening_of_a_release_not_in_english_is_evidence() {
        let fr = doc("Le Secrétaire général appelle à la paix\n\n\
                      On trouvera ci-après le message du Secrétaire général, M. António Guterres, \
                      à l’occasion de la Journée internationale de la paix. La paix est notre \
                      objectif commun et nous devons travailler ensemble.\n");
        assert_eq!(fr.meta.language.code, "fr");
        assert_eq!(un_evidence_in(&fr), Some(UnEvidence::Text));
        let symbol = doc(
            "Soixante-douzième session, 30e séance – matin AG/J/3564\n\n\
                          La Sixième Commission achève les travaux de sa session en adoptant \
                          sans vote huit projets de résolution sur les questions juridiques.\n",
        );
        assert_eq!(un_evidence_in(&symbol), Some(UnEvidence::Text));
        let city = doc("La ville ouvre un nouveau parc\n\n\
                        La ville a inauguré aujourd’hui un nouveau parc au bord du lac. Les \
                        habitants pourront profiter de ses jardins tous les jours.\n");
        assert_eq!(un_evidence_in(&city), None);
        let english = doc(
            "President meets allies\n\nThe President spoke at the United Nations \
                           today about the economy and the week ahead.\n",
        );
        assert_eq!(english.meta.language.code, "en");
        assert_eq!(
            un_evidence_in(&english),
            None,
            "English is judged on the model alone"
        );
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
