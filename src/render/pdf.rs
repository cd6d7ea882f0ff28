//! PDF rendition (skeleton).

use super::{RenderOptions, Rendered};
use crate::error::Error;
use crate::model::Document;
use crate::template::Template;

/// Renders the document as PDF bytes.
pub fn render(
    _doc: &Document,
    _template: &Template,
    _options: &RenderOptions,
) -> Result<Rendered, Error> {
    Err(Error::Render {
        format: "pdf",
        message: "not implemented yet".into(),
    })
}
