//! The UN house style in its six languages: each release gets its own
//! language's fixed strings (letterhead, label, disclaimer, page numbers,
//! end mark) and dates, in TXT, PDF and DOCX; `--lang` states the language;
//! a template can override any string per language.

use std::fs;
use std::path::PathBuf;

use crate::common::pressroom;
use crate::render_common::docx::{reader_text as docx_text, unzip};
use crate::render_common::reader_text as pdf_text;
use pressroom::batch::{self, Converted, Options, Templates};
use pressroom::render::Format;

/// A small UN message in each language: symbol and ISO date in front
/// matter, the text in the language (detected, not stated).
fn message(lang: &str) -> String {
    let body = match lang {
        "fr" => {
            "Le Secrétaire général appelle à la paix\n\n\
             On trouvera ci-après le message du Secrétaire général de l’ONU, M. António Guterres, \
             à l’occasion de la Journée internationale de la paix:\n\n\
             La paix est notre objectif commun. Nous devons tous travailler ensemble pour \
             protéger les populations les plus vulnérables et pour que les armes se taisent \
             partout dans le monde."
        }
        "es" => {
            "El Secretario General pide la paz\n\n\
             Mensaje del Secretario General de las Naciones Unidas, António Guterres, con motivo \
             del Día Internacional de la Paz:\n\n\
             La paz es nuestro objetivo común. Todos debemos trabajar juntos para proteger a las \
             personas más vulnerables y para que las armas callen en todo el mundo."
        }
        "ru" => {
            "Генеральный секретарь призывает к миру\n\n\
             Послание Генерального секретаря Организации Объединенных Наций Антониу Гутерриша \
             по случаю Международного дня мира:\n\n\
             Мир — наша общая цель. Мы все должны работать вместе, чтобы защитить самых \
             уязвимых людей и чтобы оружие замолчало во всем мире."
        }
        "zh" => {
            "秘书长呼吁和平\n\n\
             联合国秘书长古特雷斯国际和平日致辞：\n\n\
             和平是我们的共同目标。我们大家必须共同努力，保护最弱势的人民，让全世界的枪声沉寂下来。"
        }
        "ar" => {
            "الأمين العام يدعو إلى السلام\n\n\
             رسالة الأمين العام للأمم المتحدة أنطونيو غوتيريش بمناسبة اليوم الدولي للسلام:\n\n\
             السلام هو هدفنا المشترك. يجب علينا جميعا أن نعمل معا لحماية أضعف الناس ولكي \
             تصمت الأسلحة في كل مكان في العالم."
        }
        _ => {
            "Secretary-General calls for peace\n\n\
             Following is UN Secretary-General António Guterres' message for the International \
             Day of Peace:\n\n\
             Peace is our common goal. We must all work together to protect the most vulnerable \
             people and to silence the guns everywhere in the world."
        }
    };
    format!("---\nsymbol: SG/SM/20447\ndate: 2020-11-24\n---\n{body}\n")
}

/// What each language's release must print: UN name, label, date,
/// disclaimer, and the words around the page numbers.
fn expected(lang: &str) -> [&'static str; 5] {
    match lang {
        "fr" => [
            "NATIONS UNIES",
            "Communiqué de presse",
            "24 novembre 2020",
            "À l’intention des organes d’information. Document non officiel.",
            "sur",
        ],
        "es" => [
            "NACIONES UNIDAS",
            "Comunicado de prensa",
            "24 de noviembre de 2020",
            "Para uso de los medios de información. Documento no oficial.",
            "Página",
        ],
        "ru" => [
            "ОРГАНИЗАЦИЯ ОБЪЕДИНЕННЫХ НАЦИЙ",
            "Пресс-релиз",
            "24 ноября 2020 года",
            "Для средств массовой информации. Не является официальным документом.",
            "Страница",
        ],
        "zh" => [
            "联合国",
            "新闻稿",
            "2020年11月24日",
            "供新闻媒体参考。非正式记录。",
            "第",
        ],
        "ar" => [
            "الأمم المتحدة",
            "بيان صحفي",
            "24 تشرين الثاني/نوفمبر 2020",
            "لاستخدام وسائط الإعلام. ليست وثيقة رسمية.",
            "الصفحة",
        ],
        _ => [
            "UNITED NATIONS",
            "Press Release",
            "24 November 2020",
            "For information media. Not an official record.",
            "Page",
        ],
    }
}

fn options(templates: Templates, formats: &[Format], language: Option<&str>) -> Options {
    Options {
        language: language.map(str::to_string),
        ..Options::in_memory(templates, formats)
    }
}

fn convert(text: &str, name: &str, options: &Options) -> Converted {
    batch::convert_bytes(text.as_bytes(), name, options).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn rendition(c: &Converted, format: Format) -> &[u8] {
    &c.renditions
        .iter()
        .find(|(f, _)| *f == format)
        .expect("rendition")
        .1
        .bytes
}

/// Text squeezed to single spaces (PDF and DOCX extraction breaks lines
/// and may double spaces).
fn squeezed(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn assert_holds(what: &str, text: &str, wanted: &[&str]) {
    let text = squeezed(text);
    for w in wanted {
        assert!(text.contains(&squeezed(w)), "{what}: no {w:?} in\n{text}");
    }
}

fn check_language(lang: &str) {
    let auto = Templates::auto().expect("bundled templates");
    let all = [Format::Txt, Format::Docx, Format::Json];
    let c = convert(
        &message(lang),
        &format!("{lang}.txt"),
        &options(auto, &all, None),
    );
    assert_eq!(c.document.meta.language.code, lang, "detected language");
    assert_eq!(c.template, "un", "{lang}: a UN release gets the UN style");
    let want = expected(lang);
    let txt = String::from_utf8_lossy(rendition(&c, Format::Txt)).into_owned();
    assert_holds(&format!("{lang} TXT"), &txt, &want[..4]);
    let docx = docx_text(&unzip(rendition(&c, Format::Docx)));
    assert_holds(&format!("{lang} DOCX"), &docx, &want);
    for english in ["Press Release", "Not an official record"] {
        if lang != "en" {
            assert!(!txt.contains(english), "{lang} TXT still says {english:?}");
        }
    }
}

#[test]
fn each_language_gets_its_own_strings_in_txt_and_docx() {
    for lang in ["en", "fr", "es", "ru", "zh", "ar"] {
        check_language(lang);
    }
}

#[test]
fn the_pdf_prints_the_french_strings() {
    let auto = Templates::auto().expect("bundled templates");
    let c = convert(
        &message("fr"),
        "fr.txt",
        &options(auto, &[Format::Pdf], None),
    );
    let text = pdf_text(rendition(&c, Format::Pdf), "locale-fr.pdf");
    assert_holds("fr PDF", &text, &expected("fr"));
    assert_holds("fr PDF", &text, &["Page 1 sur 1"]);
}

#[test]
fn lang_states_the_language_over_the_detected_one() {
    let auto = Templates::auto().expect("bundled templates");
    let c = convert(
        &message("en"),
        "en.txt",
        &options(auto, &[Format::Txt], Some("fr")),
    );
    assert_eq!(c.document.meta.language.code, "fr");
    let txt = String::from_utf8_lossy(rendition(&c, Format::Txt)).into_owned();
    assert_holds("--lang fr", &txt, &["NATIONS UNIES", "24 novembre 2020"]);
}

#[test]
fn a_release_outside_the_un_gets_its_language_in_the_release_style() {
    let auto = Templates::auto().expect("bundled templates");
    let text = "---\ndate: 2021-03-05\nissuer: Ville de Genève\n---\n\
                La ville ouvre un nouveau parc\n\n\
                La ville de Genève a inauguré aujourd’hui un nouveau parc au bord du lac. \
                Les habitants pourront profiter de ses jardins tous les jours de la semaine.\n";
    let c = convert(text, "ville.txt", &options(auto, &[Format::Txt], None));
    assert_eq!(c.template, "release");
    let txt = String::from_utf8_lossy(rendition(&c, Format::Txt)).into_owned();
    assert_holds(
        "release fr",
        &txt,
        &[
            "COMMUNIQUÉ DE PRESSE",
            "5 mars 2021",
            "POUR DIFFUSION IMMÉDIATE",
        ],
    );
}

#[test]
fn a_template_overrides_one_string_of_one_language() {
    let house = "[letterhead]\nlabel = { text = \"Press Release\" }\n\
                 [locale.fr]\nletterhead.label = \"Note aux correspondants\"\n";
    let t = pressroom::template::load_from_str(house, "house.toml", None).expect("loads");
    let fixed = Templates::fixed(t, "house.toml");
    let c = convert(
        &message("fr"),
        "fr.txt",
        &options(fixed, &[Format::Txt], None),
    );
    let txt = String::from_utf8_lossy(rendition(&c, Format::Txt)).into_owned();
    assert_holds(
        "house fr",
        &txt,
        &["Note aux correspondants", "24 novembre 2020"],
    );
    assert!(!txt.contains("Press Release"), "{txt}");
}

#[test]
fn an_unknown_locale_key_is_one_line_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), message("fr")).unwrap();
    fs::write(
        dir.path().join("house.toml"),
        "name = \"house\"\n\n[locale.fr]\nletterhead.lable = \"Communiqué\"\n",
    )
    .unwrap();
    let out = pressroom(
        dir.path(),
        &["convert", "a.txt", "--template", "house.toml"],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with(
            "house.toml:4: error: locale.fr.letterhead.lable: unknown key; did you mean `label`?"
        ),
        "{err}"
    );
    fs::write(
        dir.path().join("house.toml"),
        "[locale.fr]\nfooter.rest.right = \"Page {page} sur {pges}\"\n",
    )
    .unwrap();
    let out = pressroom(
        dir.path(),
        &["convert", "a.txt", "--template", "house.toml"],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with(
            "house.toml:2: error: locale.fr.footer.rest.right: unknown placeholder {pges}; \
             did you mean {pages}?"
        ),
        "{err}"
    );
    let out = pressroom(dir.path(), &["convert", "a.txt", "--lang", "french"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn convert_with_lang_prints_that_language() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), message("en")).unwrap();
    let out = pressroom(
        dir.path(),
        &[
            "convert", "a.txt", "-o", "out", "--to", "txt", "--lang", "es",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let txt = fs::read_to_string(dir.path().join("out/a.txt")).unwrap();
    assert_holds(
        "--lang es",
        &txt,
        &["NACIONES UNIDAS", "24 de noviembre de 2020"],
    );
}

fn corpus_file(rel: &str) -> Option<PathBuf> {
    crate::common::i18n_corpus_or_skip(rel).map(|dir| dir.join(rel))
}

#[test]
fn the_french_un_release_prints_the_french_house_style() {
    let Some(path) = corpus_file("un-multilingual/fr/sgsm9909-fr-2005.txt") else {
        return;
    };
    let bytes = fs::read(&path).unwrap();
    let auto = Templates::auto().expect("bundled templates");
    let formats = [Format::Txt, Format::Pdf, Format::Docx];
    let text = String::from_utf8(bytes).unwrap();
    let c = convert(
        &text,
        "sgsm9909-fr-2005.txt",
        &options(auto, &formats, None),
    );
    assert_eq!(c.template, "un");
    assert_eq!(c.document.meta.date.as_deref(), Some("2005-06-03"));
    let want = [
        "NATIONS UNIES",
        "Communiqué de presse",
        "3 juin 2005",
        "À l’intention des organes d’information. Document non officiel.",
    ];
    let txt = String::from_utf8_lossy(rendition(&c, Format::Txt)).into_owned();
    assert_holds("sgsm9909 TXT", &txt, &want);
    let pdf = pdf_text(rendition(&c, Format::Pdf), "sgsm9909-fr.pdf");
    assert_holds("sgsm9909 PDF", &pdf, &want);
    assert_holds("sgsm9909 PDF", &pdf, &["Page 1 sur", "*   ***   *"]);
    let docx = docx_text(&unzip(rendition(&c, Format::Docx)));
    assert_holds("sgsm9909 DOCX", &docx, &want);
}

#[test]
fn a_handout_prints_each_release_in_its_language_and_the_pack_in_the_majority_one() {
    let read = |lang: &str| {
        pressroom::read_document(message(lang).as_bytes(), &format!("{lang}.txt")).expect("reads")
    };
    let docs = vec![read("fr"), read("en"), read("fr")];
    let template = pressroom::template::resolve("handout").expect("bundled");
    let pack = pressroom::handout::build(&docs, &template, &Default::default()).expect("pack");
    assert_eq!(pack.title, "Communiqués de presse");
    assert_eq!(pack.layout.outline[0].title, "Table des matières");
    let dates: Vec<&str> = pack.contents.iter().map(|e| e.date.as_str()).collect();
    assert!(dates.contains(&"24 novembre 2020"), "{dates:?}");
    assert!(dates.contains(&"24 November 2020"), "{dates:?}");
    let english = pressroom::handout::Options {
        language: Some("en".into()),
        ..Default::default()
    };
    let pack = pressroom::handout::build(&docs, &template, &english).expect("pack");
    assert_eq!(pack.title, "Press Releases");
    assert_eq!(pack.layout.outline[0].title, "Contents");
}
