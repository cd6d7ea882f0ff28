//! The house style of each document of a run: one template for all (named
//! with `--template` or in the project file), or `un` / `release` chosen
//! per document by [`template::choose`].

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::model::Document;
use crate::template::{self, ByLanguage, HouseStyle, PdfStandard, Template};

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

/// The house styles of a run, each with its strings in every language it
/// has a `[locale.CODE]` table for, made once (so the DOCX parts and fonts
/// of a template are built once per template and language, not once per
/// document).
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
        /// The template in each of its languages.
        localized: ByLanguage,
    },
    /// The bundled `un` template for UN releases, `release` for the others.
    Auto {
        /// The bundled `un` template.
        un: Box<Template>,
        /// The bundled `release` template.
        release: Box<Template>,
        /// `un` and `release` in each of their languages.
        localized: Box<[ByLanguage; 2]>,
    },
}

/// The house style one document gets.
#[derive(Debug, Clone, Copy)]
pub struct Chosen<'a> {
    /// The template, in the document's language when it has strings for it.
    pub template: &'a Template,
    /// Its name (`un`, `release`) or path, as given.
    pub name: &'a str,
    /// Where the choice came from.
    pub source: TemplateSource,
}

impl Templates {
    /// One template, named with `--template`.
    pub fn fixed(template: Template, name: impl Into<String>) -> Self {
        Templates::named(template, name, TemplateSource::Flag)
    }

    /// One template, named by `source`.
    pub fn named(template: Template, name: impl Into<String>, source: TemplateSource) -> Self {
        Templates::Fixed {
            localized: ByLanguage::new(&template),
            template: Box::new(template),
            name: name.into(),
            source,
        }
    }

    /// `un` or `release` per document: the bundled templates, loaded once.
    pub fn auto() -> Result<Self, Error> {
        let un = template::resolve(HouseStyle::Un.name())?;
        let release = template::resolve(HouseStyle::Release.name())?;
        Ok(Templates::Auto {
            localized: Box::new([ByLanguage::new(&un), ByLanguage::new(&release)]),
            un: Box::new(un),
            release: Box::new(release),
        })
    }

    /// The house style of `doc`, in its language (`doc.meta.language`).
    pub fn for_document(&self, doc: &Document) -> Chosen<'_> {
        let code = doc.meta.language.code.as_str();
        match self {
            Templates::Fixed {
                template,
                name,
                source,
                localized,
            } => Chosen {
                template: localized
                    .get(code, &template.language)
                    .map_or(template.as_ref(), |t| t.as_ref()),
                name,
                source: *source,
            },
            Templates::Auto {
                un,
                release,
                localized,
            } => {
                let style = template::choose(doc);
                let (base, localized) = match style {
                    HouseStyle::Un => (un, &localized[0]),
                    HouseStyle::Release => (release, &localized[1]),
                };
                Chosen {
                    template: localized
                        .get(code, &base.language)
                        .map_or(base.as_ref(), |t| t.as_ref()),
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

    /// Every template the run may use (in their own languages; their
    /// locale tables are part of each).
    pub fn all(&self) -> Vec<&Template> {
        match self {
            Templates::Fixed { template, .. } => vec![template],
            Templates::Auto { un, release, .. } => vec![un, release],
        }
    }

    /// Makes every template write PDFs to `standard` (`--pdf-standard`).
    pub fn set_pdf_standard(&mut self, standard: PdfStandard) {
        match self {
            Templates::Fixed {
                template,
                localized,
                ..
            } => {
                template.pdf.standard = standard;
                *localized = ByLanguage::new(template);
            }
            Templates::Auto {
                un,
                release,
                localized,
            } => {
                un.pdf.standard = standard;
                release.pdf.standard = standard;
                **localized = [ByLanguage::new(un), ByLanguage::new(release)];
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
