//! Loading templates: bundled ones by name, user ones by path, with errors
//! that name the file, the line and the key.

use std::cell::LazyCell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::fontfile::{self, FontFile, FontFiles};
use super::image::Image;
use super::spans::Spans;
use super::types::Template;
use super::{check, messages};
use crate::bounded::{self, Accept, ReadError};
use crate::error::Error;

/// A template compiled into the binary.
#[derive(Debug, Clone, Copy)]
pub struct Bundled {
    /// Name used with `--template`.
    pub name: &'static str,
    /// The TOML source.
    pub source: &'static str,
}

/// The bundled templates; the first is the default.
pub const BUNDLED: &[Bundled] = &[
    Bundled {
        name: "un",
        source: include_str!("../../templates/un.toml"),
    },
    Bundled {
        name: "release",
        source: include_str!("../../templates/release.toml"),
    },
    Bundled {
        name: "handout",
        source: include_str!("../../templates/handout.toml"),
    },
];

/// Names of the bundled templates, default first.
pub fn bundled_names() -> Vec<&'static str> {
    BUNDLED.iter().map(|b| b.name).collect()
}

/// A bundled template by name.
pub fn bundled(name: &str) -> Option<&'static Bundled> {
    BUNDLED.iter().find(|b| b.name == name)
}

/// Resolves `--template NAME|PATH`: a bundled name, or a path to a TOML file.
pub fn resolve(name_or_path: &str) -> Result<Template, Error> {
    if let Some(b) = bundled(name_or_path) {
        return load_from_str(b.source, &format!("templates/{}.toml", b.name), None);
    }
    let path = Path::new(name_or_path);
    if path.exists() || name_or_path.ends_with(".toml") || name_or_path.contains('/') {
        return load(path);
    }
    Err(Error::Template(format!(
        "unknown template '{name_or_path}' (bundled: {}; or give a path to a .toml file)",
        bundled_names().join(", ")
    )))
}

/// Largest template file read (the bundled ones are under 16 KiB).
const MAX_TEMPLATE_BYTES: u64 = 1024 * 1024;

/// Loads a template file; relative font and logo paths resolve against its folder.
pub fn load(path: &Path) -> Result<Template, Error> {
    let shown = path.display();
    let bytes = bounded::read(path, MAX_TEMPLATE_BYTES, Accept::RegularFile).map_err(|e| {
        Error::Template(match e {
            ReadError::Io(e) => format!("{shown}: cannot read template: {e}"),
            ReadError::NotRegular(what) => {
                format!("{shown}: cannot read template: not a regular file ({what})")
            }
            ReadError::TooLarge { .. } => format!(
                "{shown}: cannot read template: larger than {} KiB",
                MAX_TEMPLATE_BYTES >> 10
            ),
        })
    })?;
    let source = String::from_utf8(bytes)
        .map_err(|_| Error::Template(format!("{shown}: cannot read template: not UTF-8 text")))?;
    let base = path
        .parent()
        .map(|p| {
            if p.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                p.to_path_buf()
            }
        })
        .unwrap_or_else(|| PathBuf::from("."));
    load_from_str(&source, &path.display().to_string(), Some(base))
}

/// Parses template TOML. `origin` names the file in error messages, which
/// read `origin:LINE: KEY: message`.
pub fn load_from_str(
    source: &str,
    origin: &str,
    base_dir: Option<PathBuf>,
) -> Result<Template, Error> {
    // Where each key is, for error messages: found only when needed (a
    // bundled template's walk cost more than the rest of its loading).
    let spans = LazyCell::new(|| Spans::new(source));
    let mut template: Template = toml::from_str(source)
        .map_err(|e| Error::Template(messages::describe(&e, &spans, origin)))?;
    template.base_dir = base_dir;
    // Speaker turns are body text: unless the template styles them, they
    // follow its body (size, leading, alignment), not the built-in default.
    if !mentions(source, "speaker_turn") || spans.line_of("styles.speaker_turn").is_none() {
        template.styles.speaker_turn = template.styles.body.clone();
    }
    check::sizes(&template)
        .and_then(|()| check::placeholders(&template))
        .and_then(|()| check::locales(&template))
        .map_err(|invalid| {
            Error::Template(format!(
                "{}: {}: {}",
                spans.origin_of(origin, &invalid.key),
                invalid.key,
                invalid.message
            ))
        })?;
    template.letterhead.logo_image = load_logo(&template).map_err(|m| {
        Error::Template(format!(
            "{}: logo: {m}",
            spans.origin_of(origin, "letterhead.logo")
        ))
    })?;
    template.font_files = load_fonts(&template, &spans, origin)?;
    Ok(template)
}

/// Tallest logo: about 50 mm, more than any letterhead needs.
const MAX_LOGO_HEIGHT: f32 = 144.0;

/// Reads the letterhead logo, when the template names one (an empty name is
/// none), relative to the template's folder.
fn load_logo(t: &Template) -> Result<Option<Image>, String> {
    let Some(name) = t.letterhead.logo.as_deref().map(str::trim) else {
        return Ok(None);
    };
    if name.is_empty() {
        return Ok(None);
    }
    let height = t.letterhead.logo_height.pt();
    if !(1.0..=MAX_LOGO_HEIGHT).contains(&height) {
        return Err(format!(
            "letterhead.logo_height {:.1} mm is out of range (0.4 to 50 mm)",
            t.letterhead.logo_height.to_mm()
        ));
    }
    let path = match &t.base_dir {
        Some(dir) if Path::new(name).is_relative() => dir.join(name),
        _ => PathBuf::from(name),
    };
    Image::load(&path).map(Some)
}

/// Whether `source` may set a key named `key`: it spells the name, or it has
/// an escape (a quoted key could spell the name with one).
fn mentions(source: &str, key: &str) -> bool {
    source.contains(key) || source.contains('\\')
}

/// Reads and checks every font file the template names (bundled faces need
/// nothing), each once; an error names `file:line: fonts.KEY: …`.
fn load_fonts(t: &Template, spans: &Spans<'_>, origin: &str) -> Result<FontFiles, Error> {
    let mut keys: Vec<(String, &str)> = Vec::new();
    for (family, fam) in [("body", &t.fonts.body), ("heading", &t.fonts.heading)] {
        for (face, spec) in [
            ("regular", &fam.regular),
            ("bold", &fam.bold),
            ("italic", &fam.italic),
            ("bold_italic", &fam.bold_italic),
        ] {
            keys.push((format!("{family}.{face}"), spec.as_str()));
        }
    }
    for (i, spec) in t.fonts.fallback.iter().enumerate() {
        keys.push((format!("fallback[{i}]"), spec.as_str()));
    }
    let mut files: BTreeMap<String, FontFile> = BTreeMap::new();
    for (key, spec) in keys {
        let spec = spec.trim();
        if fontfile::is_bundled(spec) || files.contains_key(spec) {
            continue;
        }
        let path = fontfile::font_path(spec, t.base_dir.as_deref());
        let file = fontfile::read_font(&path).map_err(|m| {
            Error::Template(format!(
                "{}: fonts.{key}: {m}",
                spans.origin_of(origin, &format!("fonts.{key}"))
            ))
        })?;
        files.insert(spec.to_string(), file);
    }
    Ok(FontFiles::from_map(files))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_template_parses() {
        for b in BUNDLED {
            let t = resolve(b.name).unwrap_or_else(|e| panic!("{}: {e}", b.name));
            assert_eq!(t.name, b.name);
        }
    }

    #[test]
    fn speaker_turns_follow_the_body_unless_styled_themselves() {
        for b in BUNDLED {
            let t = resolve(b.name).unwrap_or_else(|e| panic!("{}: {e}", b.name));
            let (turn, body) = (&t.styles.speaker_turn, &t.styles.body);
            assert_eq!(turn.size, body.size, "{}: speaker turn size", b.name);
            assert_eq!(
                turn.leading, body.leading,
                "{}: speaker turn leading",
                b.name
            );
            assert_eq!(turn.align, body.align, "{}: speaker turn alignment", b.name);
        }
        let t = load_from_str("[styles.body]\nsize = 13\n", "t.toml", None).unwrap();
        assert_eq!(t.styles.speaker_turn, t.styles.body);
        let src = "[styles.body]\nsize = 13\n[styles.speaker_turn]\nsize = 9\n";
        let t = load_from_str(src, "t.toml", None).unwrap();
        assert_eq!(t.styles.speaker_turn.size, 9.0);
    }

    #[test]
    fn unknown_key_names_file_line_key_and_suggestion() {
        let src = "name = \"x\"\n\n[page]\nsize = \"A4\"\n[page.margins]\ntop = \"20mm\"\nlfet = \"20mm\"\n";
        let err = load_from_str(src, "my.toml", None).unwrap_err().to_string();
        assert_eq!(
            err,
            "my.toml:7: page.margins.lfet: unknown key; did you mean `left`? \
             (expected one of: top, bottom, left, right)"
        );
    }

    #[test]
    fn a_value_of_the_wrong_type_names_its_key_and_what_was_expected() {
        let src = "[styles.body]\nbold = true\nsize = \"big\"\n";
        let err = load_from_str(src, "t.toml", None).unwrap_err().to_string();
        assert_eq!(
            err,
            "t.toml:3: styles.body.size: expected a number, found the string \"big\""
        );
        let src = "[page.margins]\ntop = true\n";
        let err = load_from_str(src, "t.toml", None).unwrap_err().to_string();
        assert_eq!(
            err,
            "t.toml:2: page.margins.top: expected a length (\"25mm\", \"2.5cm\", \"1in\", \
             \"12pt\" or a number of points), found true"
        );
    }

    #[test]
    fn an_unknown_value_suggests_the_nearest_one() {
        let src = "[page]\nsize = \"Leter\"\n";
        let err = load_from_str(src, "t.toml", None).unwrap_err().to_string();
        assert_eq!(
            err,
            "t.toml:2: page.size: unknown value `Leter`; did you mean `Letter`? \
             (expected one of: A4, A5, Letter, Legal, Custom)"
        );
    }

    #[test]
    fn bad_values_name_the_line() {
        let src = "[page.margins]\ntop = \"20 furlongs\"\n";
        let err = load_from_str(src, "t.toml", None).unwrap_err().to_string();
        assert!(err.starts_with("t.toml:2: page.margins.top: "), "{err}");
        assert!(err.contains("furlongs"), "{err}");
    }

    #[test]
    fn out_of_range_sizes_name_their_key_and_line() {
        let src = "[styles.body]\nsize = 200\n";
        let err = load_from_str(src, "t.toml", None).unwrap_err().to_string();
        assert_eq!(
            err,
            "t.toml:2: styles.body.size: 200 is out of range (4 to 96 pt)"
        );
    }

    #[test]
    fn unknown_placeholders_are_refused_with_key_line_and_suggestion() {
        let src = "[header]\nrest = { left = \"Press Release {symbol}\", right = \"{dat}\" }\n";
        let err = load_from_str(src, "t.toml", None).unwrap_err().to_string();
        assert!(
            err.starts_with(
                "t.toml:2: header.rest.right: unknown placeholder {dat}; did you mean {date}? (known: "
            ),
            "{err}"
        );
        let src = "[release_line]\nembargoed = \"EMBARGOED UNTIL {date}\"\n";
        let err = load_from_str(src, "t.toml", None).unwrap_err().to_string();
        assert_eq!(
            err,
            "t.toml:2: release_line.embargoed: unknown placeholder {date} (known: {until})"
        );
    }

    #[test]
    fn locale_tables_are_checked_with_file_line_and_key() {
        let src = "name = \"x\"\n[locale.fr]\nletterhead.lable = \"Communiqué\"\n";
        let err = load_from_str(src, "t.toml", None).unwrap_err().to_string();
        assert_eq!(
            err,
            "t.toml:3: locale.fr.letterhead.lable: unknown key; did you mean `label`? \
             (expected one of: lines, label, masthead, logo_alt)"
        );
        let src = "[locale.French]\nmore = \"- à suivre -\"\n";
        let err = load_from_str(src, "t.toml", None).unwrap_err().to_string();
        assert!(
            err.starts_with("t.toml:1: locale.French: `French` is not a language code"),
            "{err}"
        );
        let src = "[letterhead]\nlines = [{ text = \"UN\" }]\n[locale.fr]\n\
                   letterhead.lines = [\"NATIONS UNIES\", \"Couverture\"]\n";
        let err = load_from_str(src, "t.toml", None).unwrap_err().to_string();
        assert!(
            err.starts_with("t.toml:4: locale.fr.letterhead.lines: 2 texts for the template's 1"),
            "{err}"
        );
        let src = "[locale.es]\nrelease_line.embargoed = \"EMBARGADO HASTA {date}\"\n";
        let err = load_from_str(src, "t.toml", None).unwrap_err().to_string();
        assert_eq!(
            err,
            "t.toml:2: locale.es.release_line.embargoed: unknown placeholder {date} (known: {until})"
        );
    }

    #[test]
    fn the_bundled_templates_speak_the_six_languages() {
        for b in BUNDLED {
            let t = resolve(b.name).unwrap_or_else(|e| panic!("{}: {e}", b.name));
            for code in ["fr", "es", "ru", "zh", "ar"] {
                let local = t.for_language(code);
                assert_eq!(local.language, code, "{}: {code}", b.name);
                assert_ne!(
                    local.letterhead.label, t.letterhead.label,
                    "{}: {code} label",
                    b.name
                );
                assert_ne!(local.pack, t.pack, "{}: {code} pack strings", b.name);
            }
        }
    }

    #[test]
    fn margins_that_leave_no_text_area_are_refused() {
        let src = "[page.margins]\nleft = \"100mm\"\nright = \"100mm\"\n";
        let err = load_from_str(src, "t.toml", None).unwrap_err().to_string();
        assert!(err.contains("no room for text"), "{err}");
    }

    #[test]
    fn unknown_template_name_lists_bundled_ones() {
        let err = resolve("nosuch").unwrap_err().to_string();
        assert!(err.contains("un, release, handout"), "{err}");
    }

    #[test]
    fn empty_logo_is_none_and_a_flat_logo_is_refused() {
        let t = load_from_str("[letterhead]\nlogo = \"\"\n", "t.toml", None).unwrap();
        assert!(t.letterhead.logo_image.is_none());
        let src = "[letterhead]\nlogo_height = \"0mm\"\nlogo = \"emblem.png\"\n";
        let err = load_from_str(src, "t.toml", None).unwrap_err().to_string();
        assert!(err.starts_with("t.toml:3: logo: "), "{err}");
        assert!(err.contains("logo_height"), "{err}");
    }
}
