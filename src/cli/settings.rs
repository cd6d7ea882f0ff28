//! What a `convert` or `watch` run writes, where and in what house style:
//! each setting from its flag, else from the project file (`pressroom.toml`
//! in the current folder or the nearest one above it, unless
//! `--no-project`), else the default.

use anyhow::{Context, Result};
use std::path::{Path, PathBuf};

use super::args::RunArgs;
use crate::batch::TemplateSource;
use crate::project::{self, Project};
use crate::template::PdfStandard;

/// The default output folder.
pub(crate) const DEFAULT_OUTPUT: &str = "output";

/// A run's settings, flags over the project file over the defaults.
#[derive(Debug, Clone)]
pub(crate) struct Settings {
    /// Output folder.
    pub output: PathBuf,
    /// Format names, as given.
    pub formats: Vec<String>,
    /// The template named and who named it; `None`: chosen per document.
    pub template: Option<(String, TemplateSource)>,
    /// Globs for folder walks (empty: the default extensions).
    pub glob: Vec<String>,
    /// The PDF standard, when a flag or the project fixes it.
    pub pdf_standard: Option<PdfStandard>,
    /// The releases' language, when a flag or the project states it.
    pub language: Option<String>,
}

impl Settings {
    /// Resolves `args` against the project file, found from the current
    /// folder.
    pub fn resolve(args: &RunArgs) -> Result<Settings> {
        let project = if args.no_project {
            Project::default()
        } else {
            let here = std::env::current_dir().context("cannot read the current folder")?;
            match project::find(&here) {
                Some(path) => load(&path)?,
                None => Project::default(),
            }
        };
        Ok(Settings::merge(args, project))
    }

    /// `args` over `project` over the defaults.
    fn merge(args: &RunArgs, project: Project) -> Settings {
        let template = match (&args.template, project.template) {
            (Some(flag), _) => Some((flag.clone(), TemplateSource::Flag)),
            (None, Some(named)) => Some((named, TemplateSource::Project)),
            (None, None) => None,
        };
        Settings {
            output: args
                .output
                .clone()
                .or(project.output)
                .unwrap_or_else(|| PathBuf::from(DEFAULT_OUTPUT)),
            formats: args.to.clone().or(project.formats).unwrap_or_else(|| {
                crate::render::Format::ALL
                    .iter()
                    .map(|f| f.extension().to_string())
                    .collect()
            }),
            template,
            glob: if args.glob.is_empty() {
                project.glob.unwrap_or_default()
            } else {
                args.glob.clone()
            },
            pdf_standard: args
                .pdf_standard
                .map(PdfStandard::from)
                .or(project.pdf_standard),
            language: args.lang.clone().or(project.lang),
        }
    }
}

/// Loads the project file at `path`; errors read `PATH:LINE: error: KEY: …`.
fn load(path: &Path) -> Result<Project> {
    let name = path.display().to_string();
    project::load(path).map_err(|e| super::located_error(&name, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_win_over_the_project_which_wins_over_defaults() {
        let project = Project {
            template: Some("release".into()),
            formats: Some(vec!["pdf".into()]),
            output: Some("p/out".into()),
            pdf_standard: Some(PdfStandard::A2b),
            glob: Some(vec!["*.md".into()]),
            lang: Some("fr".into()),
        };
        let none = Settings::merge(&RunArgs::default(), Project::default());
        assert_eq!(none.output, PathBuf::from("output"));
        assert_eq!(none.formats, ["pdf", "docx", "txt", "json"]);
        assert!(none.template.is_none(), "chosen per document");
        let from_project = Settings::merge(&RunArgs::default(), project.clone());
        assert_eq!(from_project.output, PathBuf::from("p/out"));
        assert_eq!(
            from_project.template,
            Some(("release".into(), TemplateSource::Project))
        );
        assert_eq!(from_project.glob, ["*.md"]);
        assert_eq!(from_project.pdf_standard, Some(PdfStandard::A2b));
        assert_eq!(from_project.language.as_deref(), Some("fr"));
        let flags = RunArgs {
            output: Some("o".into()),
            to: Some(vec!["txt".into()]),
            template: Some("un".into()),
            glob: vec!["*.txt".into()],
            pdf_standard: Some(super::super::args::PdfStandardArg::Ua1),
            lang: Some("es".into()),
            ..RunArgs::default()
        };
        let over = Settings::merge(&flags, project);
        assert_eq!(over.output, PathBuf::from("o"));
        assert_eq!(over.formats, ["txt"]);
        assert_eq!(over.template, Some(("un".into(), TemplateSource::Flag)));
        assert_eq!(over.glob, ["*.txt"]);
        assert_eq!(over.pdf_standard, Some(PdfStandard::Ua1));
        assert_eq!(over.language.as_deref(), Some("es"));
    }
}
