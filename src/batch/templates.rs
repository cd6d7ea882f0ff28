//! The house style of each document of a run: one template for all (named
//! with `--template` or in the project file), or `un` / `release` chosen
//! per document by [`template::choose`].

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::model::Document;
use crate::template::{self, HouseStyle, PdfStandard, Template};

/// Where a document's house style came from, as the report says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TemplateSource {
    /// Chosen from the document ([`template::choose`]).
    Auto,
    /// Named on the command line (`--template`).
    Flag,
    /// Named in the project file (`pressroom.toml`).
    Project,
}

/// The house styles of a run.
#[derive(Debug, Clone)]
pub enum Templates {
    /// One template for every document.
    Fixed {
        /// The template.
        template: Box<Template>,
        /// Its name or path, as given.
        name: String,
        /// Who named it.
        source: TemplateSource,
    },
    /// The bundled `un` template for UN releases, `release` for the others.
    Auto {
        /// The bundled `un` template.
        un: Box<Template>,
        /// The bundled `release` template.
        release: Box<Template>,
    },
}

/// The house style one document gets.
#[derive(Debug, Clone, Copy)]
pub struct Chosen<'a> {
    /// The template.
    pub template: &'a Template,
    /// Its name (`un`, `release`) or path, as given.
    pub name: &'a str,
    /// Where the choice came from.
    pub source: TemplateSource,
}

impl Templates {
    /// One template, named with `--template`.
    pub fn fixed(template: Template, name: impl Into<String>) -> Self {
        Templates::Fixed {
            template: Box::new(template),
            name: name.into(),
            source: TemplateSource::Flag,
        }
    }

    /// `un` or `release` per document: the bundled templates, loaded once.
    pub fn auto() -> Result<Self, Error> {
        Ok(Templates::Auto {
            un: Box::new(template::resolve(HouseStyle::Un.name())?),
            release: Box::new(template::resolve(HouseStyle::Release.name())?),
        })
    }

    /// The house style of `doc`.
    pub fn for_document(&self, doc: &Document) -> Chosen<'_> {
        match self {
            Templates::Fixed {
                template,
                name,
                source,
            } => Chosen {
                template,
                name,
                source: *source,
            },
            Templates::Auto { un, release } => {
                let style = template::choose(doc);
                Chosen {
                    template: match style {
                        HouseStyle::Un => un,
                        HouseStyle::Release => release,
                    },
                    name: style.name(),
                    source: TemplateSource::Auto,
                }
            }
        }
    }

    /// The run's template as the report names it: its name or path, or
    /// `auto`.
    pub fn name(&self) -> &str {
        match self {
            Templates::Fixed { name, .. } => name,
            Templates::Auto { .. } => "auto",
        }
    }

    /// Every template the run may use.
    pub fn all(&self) -> Vec<&Template> {
        match self {
            Templates::Fixed { template, .. } => vec![template],
            Templates::Auto { un, release } => vec![un, release],
        }
    }

    /// Makes every template write PDFs to `standard` (`--pdf-standard`).
    pub fn set_pdf_standard(&mut self, standard: PdfStandard) {
        match self {
            Templates::Fixed { template, .. } => template.pdf.standard = standard,
            Templates::Auto { un, release } => {
                un.pdf.standard = standard;
                release.pdf.standard = standard;
            }
        }
    }

    /// The standard the run's PDFs claim (the bundled `un` and `release`
    /// claim the same).
    pub fn pdf_standard(&self) -> PdfStandard {
        self.all()
            .first()
            .map_or(PdfStandard::default(), |t| t.pdf.standard)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_picks_per_document_and_fixed_never_does() {
        let seed =
            crate::read_document(include_bytes!("../../input/sgsm20447.txt"), "sgsm20447.txt")
                .expect("seed");
        let plain = crate::read_document(b"A short statement.\n", "a.txt").expect("plain");
        let auto = Templates::auto().expect("bundled");
        assert_eq!(auto.for_document(&seed).name, "un");
        assert_eq!(auto.for_document(&plain).name, "release");
        assert_eq!(auto.for_document(&plain).source, TemplateSource::Auto);
        assert_eq!(auto.name(), "auto");
        let fixed = Templates::fixed(template::resolve("handout").expect("bundled"), "handout");
        assert_eq!(fixed.for_document(&seed).name, "handout");
        assert_eq!(fixed.for_document(&seed).source, TemplateSource::Flag);
    }
}
