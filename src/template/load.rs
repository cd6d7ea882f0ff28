//! Loading templates: bundled ones by name, user ones by path, with errors
//! that name the file, the line and the key.

use std::path::{Path, PathBuf};

use std::collections::BTreeMap;

use super::fontfile::{self, FontFile, FontFiles};
use super::image::Image;
use super::types::Template;
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

/// Parses template TOML. `origin` names the file in error messages.
pub fn load_from_str(
    source: &str,
    origin: &str,
    base_dir: Option<PathBuf>,
) -> Result<Template, Error> {
    let mut template: Template =
        toml::from_str(source).map_err(|e| Error::Template(describe(&e, source, origin)))?;
    template.base_dir = base_dir;
    validate(&template).map_err(|m| Error::Template(format!("{origin}: {m}")))?;
    template.letterhead.logo_image = load_logo(&template)
        .map_err(|m| Error::Template(format!("{}: logo: {m}", logo_origin(source, origin))))?;
    template.font_files = load_fonts(&template, source, origin)?;
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

/// Reads and checks every font file the template names (bundled faces need
/// nothing), each once; an error names `file:line: fonts.KEY: …`.
fn load_fonts(t: &Template, source: &str, origin: &str) -> Result<FontFiles, Error> {
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
                key_origin(source, origin, &key)
            ))
        })?;
        files.insert(spec.to_string(), file);
    }
    Ok(FontFiles::from_map(files))
}

/// `file:line` of a `[fonts]` key (`body.regular`, `fallback[2]`; just
/// `file` when it cannot be found).
fn key_origin(source: &str, origin: &str, key: &str) -> String {
    #[derive(serde::Deserialize)]
    struct Root {
        fonts: Option<Fonts>,
    }
    #[derive(serde::Deserialize)]
    struct Fonts {
        body: Option<Family>,
        heading: Option<Family>,
        fallback: Option<toml::Spanned<Vec<toml::Spanned<String>>>>,
    }
    #[derive(serde::Deserialize)]
    struct Family {
        regular: Option<toml::Spanned<String>>,
        bold: Option<toml::Spanned<String>>,
        italic: Option<toml::Spanned<String>>,
        bold_italic: Option<toml::Spanned<String>>,
    }
    let span = toml::from_str::<Root>(source).ok().and_then(|root| {
        let fonts = root.fonts?;
        if let Some(index) = key
            .strip_prefix("fallback[")
            .and_then(|rest| rest.strip_suffix(']'))
        {
            let index: usize = index.parse().ok()?;
            return fonts
                .fallback?
                .into_inner()
                .get(index)
                .map(|value| value.span());
        }
        let (family, face) = key.split_once('.')?;
        let family = match family {
            "body" => fonts.body?,
            _ => fonts.heading?,
        };
        let value = match face {
            "regular" => family.regular,
            "bold" => family.bold,
            "italic" => family.italic,
            _ => family.bold_italic,
        };
        value.map(|value| value.span())
    });
    match span {
        Some(span) => {
            let line = source[..span.start.min(source.len())].matches('\n').count() + 1;
            format!("{origin}:{line}")
        }
        None => origin.to_string(),
    }
}

/// `file:line` of the `letterhead.logo` key (just `file` when it cannot be found).
fn logo_origin(source: &str, origin: &str) -> String {
    #[derive(serde::Deserialize)]
    struct Root {
        letterhead: Option<Letterhead>,
    }
    #[derive(serde::Deserialize)]
    struct Letterhead {
        logo: Option<toml::Spanned<String>>,
    }
    let span = toml::from_str::<Root>(source)
        .ok()
        .and_then(|r| r.letterhead?.logo)
        .map(|logo| logo.span());
    match span {
        Some(span) => {
            let line = source[..span.start.min(source.len())].matches('\n').count() + 1;
            format!("{origin}:{line}")
        }
        None => origin.to_string(),
    }
}

/// Checks what serde cannot: sizes that make no page.
fn validate(t: &Template) -> Result<(), String> {
    let (w, h) = t.page.dimensions();
    if t.page.text_width() < 72.0 || t.page.text_height() < 144.0 {
        return Err(format!(
            "margins leave no room for text on a {:.0} × {:.0} mm page",
            w.to_mm(),
            h.to_mm()
        ));
    }
    if t.text.width < 20 || t.text.width > 400 {
        return Err(format!(
            "text.width {} is out of range (20 to 400 columns)",
            t.text.width
        ));
    }
    let styles = &t.styles;
    for (name, style) in [
        ("body", &styles.body),
        ("headline", &styles.headline),
        ("subheadline", &styles.subheadline),
        ("lead_in", &styles.lead_in),
        ("heading1", &styles.heading1),
        ("heading2", &styles.heading2),
        ("heading3", &styles.heading3),
        ("quote", &styles.quote),
        ("list", &styles.list),
        ("symbol", &styles.symbol),
        ("date", &styles.date),
        ("end_mark", &styles.end_mark),
        ("disclaimer", &styles.disclaimer),
        ("running", &styles.running),
    ] {
        if !(4.0..=96.0).contains(&style.size) {
            return Err(format!(
                "styles.{name}.size {} is out of range (4 to 96 pt)",
                style.size
            ));
        }
        if !(0.8..=4.0).contains(&style.leading) {
            return Err(format!(
                "styles.{name}.leading {} is out of range (0.8 to 4)",
                style.leading
            ));
        }
    }
    Ok(())
}

/// Turns a TOML/serde error into `file:line: message`, rewriting unknown-key
/// errors as `unknown key 'margn' (did you mean 'margin'?)`.
fn describe(error: &toml::de::Error, source: &str, origin: &str) -> String {
    let line = error
        .span()
        .map(|span| source[..span.start.min(source.len())].matches('\n').count() + 1);
    let message = error.message().trim().to_string();
    let message = rewrite_unknown_field(&message).unwrap_or(message);
    match line {
        Some(line) => format!("{origin}:{line}: {message}"),
        None => format!("{origin}: {message}"),
    }
}

fn rewrite_unknown_field(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (key, rest) = rest.split_once('`')?;
    let expected: Vec<&str> = rest
        .split('`')
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, s)| s)
        .collect();
    let best = expected
        .iter()
        .map(|candidate| (edit_distance(key, candidate), *candidate))
        .filter(|(d, candidate)| *d <= 2.max(candidate.len() / 3))
        .min();
    Some(match best {
        Some((_, candidate)) => format!("unknown key '{key}' (did you mean '{candidate}'?)"),
        None => format!(
            "unknown key '{key}' (expected one of: {})",
            expected.join(", ")
        ),
    })
}

/// Levenshtein distance, for key suggestions.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
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
    fn unknown_key_names_file_line_and_suggestion() {
        let src = "name = \"x\"\n\n[page]\nsize = \"A4\"\n[page.margins]\ntop = \"20mm\"\nlfet = \"20mm\"\n";
        let err = load_from_str(src, "my.toml", None).unwrap_err().to_string();
        assert_eq!(err, "my.toml:7: unknown key 'lfet' (did you mean 'left'?)");
    }

    #[test]
    fn bad_values_name_the_line() {
        let src = "[page.margins]\ntop = \"20 furlongs\"\n";
        let err = load_from_str(src, "t.toml", None).unwrap_err().to_string();
        assert!(err.starts_with("t.toml:2: "), "{err}");
        assert!(err.contains("furlongs"), "{err}");
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

    #[test]
    fn edit_distance_counts_edits() {
        assert_eq!(edit_distance("margn", "margin"), 1);
        assert_eq!(edit_distance("abc", "abc"), 0);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}
