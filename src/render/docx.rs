//! DOCX rendition (skeleton).

use super::{RenderOptions, Rendered};
use crate::error::Error;
use crate::model::Document;
use crate::template::Template;

/// Renders the document as DOCX bytes.
pub fn render(
    _doc: &Document,
    _template: &Template,
    _options: &RenderOptions,
) -> Result<Rendered, Error> {
    Err(Error::Render {
        format: "docx",
        message: "not implemented yet".into(),
    })
}
