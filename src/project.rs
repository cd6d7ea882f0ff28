//! The project file, `pressroom.toml`: a press office's settings for every
//! run in a folder tree, so that scripts need no flags. Found in the current
//! folder or the nearest one above it (as `rustfmt.toml` or `typst.toml`
//! are); every key is optional, unknown keys are errors, and paths in it are
//! relative to its own folder. Errors read `FILE:LINE: KEY: message`, as a
//! template's do.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::bounded::{self, Accept, ReadError};
use crate::error::Error;
use crate::render::Format;
use crate::template::messages;
use crate::template::spans::Spans;
use crate::template::{self, PdfStandard};

/// The project file's name.
pub const FILE_NAME: &str = "pressroom.toml";

/// Largest project file read.
const MAX_PROJECT_BYTES: u64 = 64 * 1024;

/// The settings a project file fixes; what it leaves out, the command's
/// defaults give. Command-line flags override each.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Project {
    /// House style: a bundled template name (`un`, `release`, `handout`) or
    /// the path of a template file. Without it, each document's is chosen
    /// from the document ([`template::choose`]).
    pub template: Option<String>,
    /// Formats to write (`pdf`, `docx`, `txt`, `json`).
    pub formats: Option<Vec<String>>,
    /// Output folder.
    pub output: Option<PathBuf>,
    /// Standards the PDFs claim (`ua-1+a-2a`, `ua-1`, `a-2b`, `none`).
    pub pdf_standard: Option<PdfStandard>,
    /// File-name patterns taken when walking folders (`*.txt`, `*.md`).
    pub glob: Option<Vec<String>>,
    /// The language of the releases (ISO 639-1: `fr`), instead of the one
    /// detected or stated in each (as `--lang`).
    pub lang: Option<String>,
}

/// The nearest project file in `dir` (an absolute path) or a folder above
/// it, up to the filesystem root, as a path relative to `dir`
/// (`pressroom.toml`, `../../pressroom.toml`).
pub fn find(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .position(|folder| folder.join(FILE_NAME).is_file())
        .map(|up| {
            let mut path: PathBuf = std::iter::repeat_n("..", up).collect();
            path.push(FILE_NAME);
            path
        })
}

/// Reads the project file at `path`; its relative paths are resolved
/// against its folder.
pub fn load(path: &Path) -> Result<Project, Error> {
    let shown = path.display();
    let bytes = bounded::read(path, MAX_PROJECT_BYTES, Accept::RegularFile).map_err(|e| {
        Error::Project(match e {
            ReadError::Io(e) => format!("{shown}: cannot read project file: {e}"),
            ReadError::NotRegular(what) => {
                format!("{shown}: cannot read project file: not a regular file ({what})")
            }
            ReadError::TooLarge { .. } => format!(
                "{shown}: cannot read project file: larger than {} KiB",
                MAX_PROJECT_BYTES >> 10
            ),
        })
    })?;
    let source = String::from_utf8(bytes).map_err(|_| {
        Error::Project(format!("{shown}: cannot read project file: not UTF-8 text"))
    })?;
    let base = path.parent().unwrap_or(Path::new(""));
    from_str(&source, &shown.to_string(), base)
}

/// Parses project TOML. `origin` names the file in error messages
/// (`origin:LINE: KEY: message`); relative paths are joined to `base`.
pub fn from_str(source: &str, origin: &str, base: &Path) -> Result<Project, Error> {
    let spans = Spans::new(source);
    let mut project: Project = toml::from_str(source)
        .map_err(|e| Error::Project(messages::describe(&e, &spans, origin)))?;
    for (i, name) in project.formats.iter().flatten().enumerate() {
        if Format::from_name(name).is_none() {
            let key = format!("formats[{i}]");
            return Err(Error::Project(format!(
                "{}: {key}: unknown format `{name}` (expected one of: pdf, docx, txt, json)",
                spans.origin_of(origin, &key)
            )));
        }
    }
    if project.formats.as_ref().is_some_and(Vec::is_empty) {
        return Err(Error::Project(format!(
            "{}: formats: names no format (expected some of: pdf, docx, txt, json)",
            spans.origin_of(origin, "formats")
        )));
    }
    if let Some(code) = &project.lang {
        let primary = template::primary_language(code);
        if !(2..=3).contains(&primary.len()) || !primary.bytes().all(|b| b.is_ascii_lowercase()) {
            return Err(Error::Project(format!(
                "{}: lang: `{code}` is not a language code (expected an ISO 639-1 code: \
                 en, fr, es, ru, zh, ar, …)",
                spans.origin_of(origin, "lang")
            )));
        }
        project.lang = Some(primary);
    }
    if let Some(name) = &project.template
        && template::bundled(name).is_none()
    {
        project.template = Some(base.join(name).display().to_string());
    }
    if let Some(output) = &project.output {
        project.output = Some(base.join(output));
    }
    Ok(project)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_read_and_paths_follow_the_file() {
        let source = "template = \"house/un.toml\"\nformats = [\"pdf\", \"txt\"]\n\
                      output = \"out\"\npdf_standard = \"a-2b\"\nglob = [\"*.md\"]\n";
        let project = from_str(source, "p/pressroom.toml", Path::new("p")).expect("parses");
        assert_eq!(project.template.as_deref(), Some("p/house/un.toml"));
        assert_eq!(project.formats, Some(vec!["pdf".into(), "txt".into()]));
        assert_eq!(project.output, Some(PathBuf::from("p/out")));
        assert_eq!(project.pdf_standard, Some(PdfStandard::A2b));
        assert_eq!(project.glob, Some(vec!["*.md".into()]));
        let bundled = from_str("template = \"release\"\n", "x", Path::new("p")).expect("parses");
        assert_eq!(
            bundled.template.as_deref(),
            Some("release"),
            "a name stays a name"
        );
        assert_eq!(
            from_str("", "x", Path::new("")).expect("empty"),
            Project::default()
        );
    }

    #[test]
    fn mistakes_name_the_file_line_and_key() {
        let err = |source: &str| {
            from_str(source, "pressroom.toml", Path::new(""))
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            err("formats = [\"pdf\"]\ntemplat = \"un\"\n"),
            "pressroom.toml:2: templat: unknown key; did you mean `template`? \
             (expected one of: template, formats, output, pdf_standard, glob, lang)"
        );
        assert_eq!(
            err("\nlang = \"French\"\n"),
            "pressroom.toml:2: lang: `French` is not a language code (expected an ISO 639-1 \
             code: en, fr, es, ru, zh, ar, …)"
        );
        let fr = from_str("lang = \"FR-ca\"\n", "x", Path::new("")).expect("parses");
        assert_eq!(fr.lang.as_deref(), Some("fr"));
        assert_eq!(
            err("formats = [\"pdf\",\n  \"rtf\"]\n"),
            "pressroom.toml:2: formats[1]: unknown format `rtf` (expected one of: pdf, docx, txt, json)"
        );
        assert!(
            err("\n\npdf_standard = \"ua1\"\n")
                .starts_with("pressroom.toml:3: pdf_standard: unknown value `ua1`"),
            "{}",
            err("\n\npdf_standard = \"ua1\"\n")
        );
        assert!(err("output = 5\n").starts_with("pressroom.toml:1: output: expected"));
    }

    #[test]
    fn the_nearest_file_above_is_found() {
        let dir = tempfile::tempdir().expect("temp dir");
        let deep = dir.path().join("a/b");
        std::fs::create_dir_all(&deep).expect("folders");
        std::fs::write(dir.path().join(FILE_NAME), "").expect("write");
        assert_eq!(find(&deep), Some(PathBuf::from("../../pressroom.toml")));
        std::fs::write(deep.join(FILE_NAME), "").expect("write");
        assert_eq!(find(&deep), Some(PathBuf::from(FILE_NAME)));
    }
}
