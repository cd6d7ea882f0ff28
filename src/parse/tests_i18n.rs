//! Parser tests for UN texts in French, Spanish, Russian, Chinese and
//! Arabic: the quirks `../shared/corpus-i18n/SOURCES.md` lists, with the
//! exact strings the archive's pages carry.

use super::*;
use crate::coverage::Expected;
use crate::normalize::{Options as NormalizeOptions, normalize};

fn doc(text: &str) -> Document {
    let n = normalize(text.as_bytes(), &NormalizeOptions::default()).expect("normalizes");
    parse(&n, &Options::default())
}

fn symbols(d: &Document) -> Vec<&str> {
    d.meta.symbols.iter().map(|s| s.raw.as_str()).collect()
}

/// Every word of `text` is in the model's body or metadata, or recorded
/// as omitted (artefact, date as written, end mark).
fn nothing_lost(text: &str, d: &Document) {
    let expected = Expected::from_input(text, d);
    let json = serde_json::to_string(d).expect("serializes");
    let json = json.to_lowercase();
    for word in &expected.all {
        assert!(json.contains(word.as_str()), "lost: {word}");
    }
}

const SGSM9909: &str = "SG/SM/9909-GA/10353

KOFI ANNAN PROMET D’AIDER LES ETATS MEMBRES À PARVENIR À UN ACCORD SUR LES RÉFORMES « LES PLUS APPROFONDIES ET LES PLUS AMBITIEUSES » QUE L’ONU AIT JAMAIS CONNUES

03/06/2005
Communiqué de presse
SG/SM/9909
GA/10353


KOFI ANNAN PROMET D’AIDER LES ETATS MEMBRES À PARVENIR À UN ACCORD SUR LES RÉFORMES « LES PLUS APPROFONDIES ET LES PLUS AMBITIEUSES » QUE L’ONU AIT JAMAIS CONNUES


La déclaration suivante a été communiquée aujourd’hui par le porte-parole du Secrétaire général de l’ONU, M. Kofi Annan:


Le projet de document final présenté par le Président de l’Assemblée générale est une étape importante de l’action décisive pour réduire de moitié d’ici 2015 la pauvreté.

*   ***   *

À l’intention des organes d’information. Document non officiel.
";

#[test]
fn a_french_press_release_reads_like_an_english_one() {
    let d = doc(SGSM9909);
    assert_eq!(
        symbols(&d)[..2],
        ["SG/SM/9909", "GA/10353"],
        "{:?}",
        d.meta.symbols
    );
    assert_eq!(d.meta.date.as_deref(), Some("2005-06-03"));
    assert_eq!(d.meta.date_raw.as_deref(), Some("03/06/2005"));
    let headline = d.meta.headline.as_ref().expect("headline");
    assert!(!headline.derived);
    assert!(headline.text.starts_with("KOFI ANNAN PROMET"));
    assert!(
        d.meta
            .categories
            .iter()
            .any(|c| c == "Communiqué de presse")
    );
    assert_eq!(d.body[0].type_name(), "lead_in", "{:?}", d.body);
    assert_eq!(d.meta.kind, DocKind::Statement);
    // Normalization folds the runs of spaces: "*   ***   *" is "* *** *".
    assert_eq!(d.meta.end_mark.as_deref(), Some("* *** *"));
    assert_eq!(
        d.meta.disclaimer.as_deref(),
        Some("À l’intention des organes d’information. Document non officiel.")
    );
    // The capitals repeat is one headline, the repeat an artefact.
    assert!(!d.body_text().contains("KOFI ANNAN PROMET"));
    assert!(d.meta.artefacts.iter().any(|a| a.starts_with("KOFI ANNAN")));
    assert_eq!(d.meta.language.code, "fr");
    nothing_lost(SGSM9909, &d);
}

const SGSM10633: &str = "SG/SM/10633

TRANSCRIPTION DE LA CONFÉRENCE DE PRESSE DU SECRÉTAIRE GÉNÉRAL, M. KOFI ANNAN, AU SIÈGE DES NATIONS UNIES, LE 13 SEPTEMBRE

13/09/2006
Secrétaire généralSG/SM/10633
Département de l’information • Service des informations et des accréditations • New York

TRANSCRIPTION DE LA CONFÉRENCE DE PRESSE DU SECRÉTAIRE GÉNÉRAL, M. KOFI ANNAN, AU SIÈGE DES NATIONS UNIES, LE 13 SEPTEMBRE


Le Secrétaire général (interprétation de l’anglais): Comme vous le savez, je viens d’effectuer un voyage au Moyen-Orient.
";

#[test]
fn a_symbol_glued_to_its_organ_and_the_french_office_line() {
    let d = doc(SGSM10633);
    assert_eq!(symbols(&d)[0], "SG/SM/10633");
    assert!(symbols(&d).iter().all(|s| *s == "SG/SM/10633"));
    assert!(
        d.meta.categories.iter().any(|c| c == "Secrétaire général"),
        "{:?}",
        d.meta.categories
    );
    assert_eq!(
        d.meta.issuing_office.as_deref(),
        Some(
            "Département de l’information • Service des informations et des accréditations • New York"
        )
    );
    assert_eq!(d.meta.date.as_deref(), Some("2006-09-13"));
    assert!(
        d.body_text()
            .starts_with("Le Secrétaire général (interprétation")
    );
    nothing_lost(SGSM10633, &d);
}

const ENVDEV1134: &str = "La Commission du développement durable reconnaît que la mise en place de systèmes verts de transport est l’enjeu majeur d’un monde en pleine urbanisation
| |||
Département de l’information • Service des informations et des accréditations • New York |
Commission du développement durable
Dix-huitième session
18e et 19e séances – matin & après-midi
L A COMMISSION DU DÉVELOPPEMENT DURABLE RECONNAÎT QUE LA MISE EN PLACE DE SYSTÈMES VERTS DE TRANSPORT EST L’ENJEU MAJEUR D’UN MONDE EN PLEINE URBANISATION
Les ministres, qui participaient aujourd’hui à la Table ronde de la Commission du développement durable, ont reconnu que la mise en place de systèmes verts est l’enjeu majeur.
« La question des transports doit impérativement être incluse dans un nouvel accord sur le climat », a déclaré le ministre.
";

#[test]
fn a_letter_spaced_capitals_repeat_is_one_headline() {
    let d = doc(ENVDEV1134);
    assert_eq!(
        d.headline_text(),
        Some(ENVDEV1134.lines().next().unwrap_or_default())
    );
    assert!(d.meta.issuing_office.is_some(), "{:?}", d.meta);
    let body = d.body_text();
    assert!(!body.contains("L A COMMISSION"), "{body}");
    assert!(body.contains("18e et 19e séances"));
    assert!(
        d.meta
            .artefacts
            .iter()
            .any(|a| a.starts_with("L A COMMISSION"))
    );
    nothing_lost(ENVDEV1134, &d);
}

const CS2669: &str = "CS/2669

FACE A LA MENACE TERRORISTE ET AU RISQUE POSE PAR LES ARMES DE DESTRUCTION MASSIVE, LE CONSEIL DE SECURITE ADRESSE UNE SERIE DE DEMANDES AUX ETATS

28/04/2004
Communiqué de presse
CS/2669


Conseil de sécurité CS/2669

4956ème séance – après-midi


FACE A LA MENACE TERRORISTE ET AU RISQUE POSE PAR LES ARMES DE DESTRUCTION

MASSIVE, LE CONSEIL DE SECURITE ADRESSE UNE SERIE DE DEMANDES AUX ETATS


Il créé un Comité pour veiller à leur application


Le Conseil de sécurité, gravement préoccupé par la menace du terrorisme, a ce matin adressé une série de demandes aux Etats Membres de l’Organisation.
";

#[test]
fn a_repeat_split_over_two_paragraphs_and_an_organ_with_its_symbol() {
    let d = doc(CS2669);
    assert!(
        d.headline_text()
            .is_some_and(|h| h.starts_with("FACE A LA"))
    );
    let body = d.body_text();
    assert!(!body.contains("FACE A LA MENACE"), "{body}");
    assert!(!body.contains("MASSIVE, LE CONSEIL"), "{body}");
    assert!(body.contains("4956ème séance – après-midi"));
    assert!(d.meta.categories.iter().any(|c| c == "Conseil de sécurité"));
    assert_eq!(d.meta.date.as_deref(), Some("2004-04-28"));
    nothing_lost(CS2669, &d);
}

#[test]
fn spanish_datelines_give_place_and_date() {
    let text = "GINEBRA (2 de marzo de 2015) – En tiempos en que atrocidades contra los derechos humanos se cometen prácticamente a diario, gente de todo el mundo está pidiendo a gritos un liderazgo.\n";
    let d = doc(text);
    let dl = d.meta.dateline.as_ref().expect("dateline");
    assert_eq!(dl.place, "GINEBRA");
    assert_eq!(dl.date_text.as_deref(), Some("2 de marzo de 2015"));
    assert_eq!(d.meta.date.as_deref(), Some("2015-03-02"));
    assert!(d.body_text().starts_with("En tiempos"));
    assert_eq!(d.meta.language.code, "es");
    nothing_lost(text, &d);

    let (dl, _) =
        meta::dateline("NUEVA YORK, 20 de noviembre de 2016 – El Secretario General").unwrap();
    assert_eq!(
        (dl.place.as_str(), dl.date_text.as_deref()),
        ("NUEVA YORK", Some("20 de noviembre de 2016"))
    );
}

#[test]
fn french_russian_and_arabic_datelines() {
    let (dl, _) =
        meta::dateline("Genève, 28 juin (Service d’information des Nations Unies) -- Le Comité")
            .unwrap();
    assert_eq!(dl.place, "Genève");
    assert_eq!(dl.date_text.as_deref(), Some("28 juin"));
    assert_eq!(
        dl.originator.as_deref(),
        Some("Service d’information des Nations Unies")
    );
    let (dl, end) = meta::dateline("بغداد، 28 تموز/ يوليو 2020 – رداً على ادعاءات").unwrap();
    assert_eq!(dl.place, "بغداد");
    assert_eq!(dl.date_text.as_deref(), Some("28 تموز/ يوليو 2020"));
    assert_eq!(
        &"بغداد، 28 تموز/ يوليو 2020 – رداً على ادعاءات"[end..],
        "رداً على ادعاءات"
    );
    // A capitalized word before a comma is a place only with a date.
    assert!(meta::dateline("Aujourd’hui, le Conseil – qui").is_none());

    let text = "Ненависть становится все более распространенной\n\n13 июня 2016\n\nЖенева, 13 июня 2016 г.\n\nМногоуважаемый председатель Совета, генеральный директор, уважаемые делегаты, мы собрались здесь сегодня, чтобы обсудить положение в области прав человека в мире.\n";
    let d = doc(text);
    let dl = d.meta.dateline.as_ref().expect("dateline");
    assert_eq!(dl.place, "Женева");
    assert_eq!(d.meta.date.as_deref(), Some("2016-06-13"));
    assert_eq!(d.meta.language.code, "ru");
    nothing_lost(text, &d);
}

#[test]
fn arabic_and_chinese_headers() {
    let text = "بيان صحفي\n\nبيان صادر عن بعثة الأمم المتحدة لمساعدة العراق (يونامي)\n\n٢٨ يوليو ٢٠٢٠\n\nبغداد، 28 تموز/ يوليو 2020 – رداً على ادعاءات متداولة عن إدلاء الممثلة الخاصة للأمين العام للأمم المتحدة في العراق ببيانٍ أمام مجلس الأمن الدولي بشأن المظاهرات الأخيرة.\n";
    let d = doc(text);
    assert_eq!(d.meta.date.as_deref(), Some("2020-07-28"));
    assert_eq!(d.meta.date_raw.as_deref(), Some("٢٨ يوليو ٢٠٢٠"));
    assert_eq!(
        d.headline_text(),
        Some("بيان صادر عن بعثة الأمم المتحدة لمساعدة العراق (يونامي)")
    );
    assert_eq!(
        d.meta.dateline.as_ref().map(|x| x.place.as_str()),
        Some("بغداد")
    );
    assert_eq!(d.meta.language.code, "ar");
    nothing_lost(text, &d);

    let text = "General Assembly\n\n2019年09月24日\n\n秘书长在联合国大会第七十四届会议上的发言\n\n安东尼奥·古特雷斯\n\n   《联合国宪章》向我们所有人发出了一个明确的讯息:以人为本。\n\n   《宪章》开头的几个字——“我[联合国]人民”——召唤我们在工作中要以人为中心,无论何时何地。\n";
    let d = doc(text);
    assert_eq!(d.meta.date.as_deref(), Some("2019-09-24"));
    assert_eq!(d.meta.date_raw.as_deref(), Some("2019年09月24日"));
    assert_eq!(d.meta.language.code, "zh");
    nothing_lost(text, &d);
}

#[test]
fn a_month_only_archive_prefix_is_kept_as_a_month() {
    let text = " date 2022-10 Secretary-General’s Message on United Nations Day\n\nThe United Nations was born from the ashes of war and we must keep it alive.\n";
    let d = doc(text);
    assert_eq!(d.meta.date.as_deref(), Some("2022-10"));
    assert_eq!(d.meta.date_raw.as_deref(), Some("2022-10"));
    assert_eq!(
        d.headline_text(),
        Some("Secretary-General’s Message on United Nations Day")
    );
    nothing_lost(text, &d);
    // A day in the text refines the month without a conflict.
    let d = doc(
        " date 2022-10 24 October 2022\n\nThe United Nations was born from the ashes of war and we must keep it alive.\n",
    );
    assert_eq!(d.meta.date.as_deref(), Some("2022-10-24"));
    assert!(!d.diagnostics.iter().any(|x| x.code == "date-conflict"));
    assert_eq!(
        d.meta.extra.get("archive_date").map(String::as_str),
        Some("2022-10")
    );
}

#[test]
fn french_lead_in_formulae() {
    let l = leadin::analyze("On trouvera ci-après le message du Secrétaire général de l’ONU, M. António Guterres, à l’occasion de la Journée internationale de la paix, célébrée le 21 septembre:").expect("lead-in");
    assert_eq!(l.kind, DocKind::Message);
    assert_eq!(
        l.speaker.map(|s| s.name).as_deref(),
        Some("António Guterres")
    );
    let l = leadin::analyze("La déclaration suivante a été communiquée aujourd’hui par le porte-parole du Secrétaire général de l’ONU, M. Kofi Annan:").expect("lead-in");
    assert_eq!(l.kind, DocKind::Statement);
    assert!(leadin::analyze("La déclaration de principes a été adoptée hier.").is_none());
}

#[test]
fn first_line_symbols_and_labels() {
    let d = doc(
        "ECOSOC/6423-ONG/695\n\nLe Comité des ONG recommande à l’ECOSOC d’octroyer vingt-deux nouvelles organisations au statut consultatif spécial\n\n28/05/2010\nConseil économique et socialECOSOC/6423\nONG/695\nCouverture de réunion\n(Publié tel que reçu)\n\nVingt-deux organisations non gouvernementales ont été recommandées aujourd’hui par le Comité.\n",
    );
    assert_eq!(
        symbols(&d)[..2],
        ["ECOSOC/6423", "ONG/695"],
        "{:?}",
        d.meta.symbols
    );
    assert!(
        d.meta
            .categories
            .iter()
            .any(|c| c == "Conseil économique et social")
    );
    assert!(
        d.meta
            .categories
            .iter()
            .any(|c| c == "Couverture de réunion")
    );
    assert_eq!(d.meta.editorial_notes, ["(Publié tel que reçu)"]);
    assert!(d.body_text().starts_with("Vingt-deux"));
}

#[test]
fn assembly_glued_symbol_line() {
    let (organ, found) = symbol::organ_and_symbols("Assemblée généralePI/1883").expect("glued");
    assert_eq!(organ, "Assemblée générale");
    assert_eq!(found[0].raw, "PI/1883");
    assert!(symbol::organ_and_symbols("Le document SG/SM/10633 dit").is_none());
    assert!(symbol::organ_and_symbols("Résolution 1540 (2004)").is_none());
}

#[test]
fn french_text_reads_numeric_dates_day_first_whatever_the_default() {
    let text = "3/05/2012\n\nLe Secrétaire général de l’Organisation des Nations Unies a salué aujourd’hui les efforts des États Membres pour la paix et la sécurité dans la région.\n";
    let n = normalize(text.as_bytes(), &NormalizeOptions::default()).expect("normalizes");
    let month_first = Options {
        numeric_dates: NumericDateOrder::MonthFirst,
    };
    let d = parse(&n, &month_first);
    assert_eq!(d.meta.date.as_deref(), Some("2012-05-03"));
    let english = "3/05/2012\n\nThe Secretary-General of the United Nations welcomed today the efforts of Member States for peace and security in the region.\n";
    let n = normalize(english.as_bytes(), &NormalizeOptions::default()).expect("normalizes");
    assert_eq!(
        parse(&n, &month_first).meta.date.as_deref(),
        Some("2012-03-05")
    );
}

#[test]
fn a_title_line_directly_above_a_french_lead_in() {
    let text = "Le Secrétaire général appelle à un cessez-le-feu à l’échelle mondiale\nOn trouvera ci-après le message du Secrétaire général de l’ONU, M. António Guterres, à l’occasion de la Journée internationale de la paix, célébrée le 21 septembre:\nLa Journée internationale de la paix nous donne l’occasion de réfléchir aux conséquences cruelles de la guerre.\nÉcoles en ruine, hôpitaux bombardés, familles brisées,\nRéfugiés en quête d’espoir, pays en crise.\n";
    let d = doc(text);
    assert_eq!(
        d.headline_text(),
        Some("Le Secrétaire général appelle à un cessez-le-feu à l’échelle mondiale")
    );
    assert_eq!(d.body[0].type_name(), "lead_in");
    assert_eq!(d.meta.kind, DocKind::Message);
    assert_eq!(
        d.meta.speaker.as_ref().map(|s| s.name.as_str()),
        Some("António Guterres")
    );
    nothing_lost(text, &d);
}

#[test]
fn long_cyrillic_and_arabic_titles_followed_by_a_date_line() {
    let title = "Ненависть становится все более распространенной: глобальный обзор Верховного комиссара в рамках 32-й сессии Совета по правам человека";
    let text = format!(
        "{title}\n\nМногоуважаемый председатель Совета, уважаемые делегаты, мы собрались здесь сегодня.\n"
    );
    assert_eq!(doc(&text).headline_text(), Some(title));
    let title = "الأمين العام -- رسالة بمناسبة يوم الأمم المتحدة ٢٤ تشرين الأول/أكتوبر ٢٠١٩";
    let text = format!(
        "{title}\n٢٤ أكتوبر ٢٠١٩\nيمثل يوم الأمم المتحدة مناسبة لتسليط الضوء على المثل الدائمة المكرسة في الميثاق.\n"
    );
    let d = doc(&text);
    assert_eq!(d.headline_text(), Some(title));
    assert_eq!(d.meta.date.as_deref(), Some("2019-10-24"));
}

#[test]
fn site_chrome_in_other_languages_is_an_artefact() {
    for line in [
        "Pasar al contenido principal",
        "ONU Bienvenidos a las Naciones Unidas. Son su mundo.",
        "Добро пожаловать в ООН. Это ваш мир!",
        "| |||",
    ] {
        assert!(meta::web_chrome(line), "{line}");
    }
    // The language switcher stays in the body: words are never dropped on a guess.
    assert!(!meta::web_chrome("Disponible enEnglishEspañol"));
}

#[test]
fn a_repeated_date_line_is_recorded_not_lost() {
    let text = "联合国人权事务高级专员在人权理事会第25届会议上的开幕致辞\n\n2014年3月3日\n\n2014年3月3日\n\n今天是我最后一次作为人权事务高级专员在此次人权理事会高级别会议上发言。\n";
    let d = doc(text);
    assert_eq!(d.meta.date.as_deref(), Some("2014-03-03"));
    assert_eq!(d.meta.artefacts, ["2014年3月3日"]);
    nothing_lost(text, &d);
}
