//! Plain-text rendition (skeleton).

use super::RenderOptions;
use crate::model::Document;
use crate::template::Template;

/// Renders the document as plain text.
pub fn render(doc: &Document, _template: &Template, _options: &RenderOptions) -> String {
    doc.body_text()
}
