//! JSON rendition: the model, pretty-printed, with its schema version.

use crate::model::Document;

/// The document as pretty JSON (ends with a newline).
pub fn render(doc: &Document) -> String {
    let mut out = serde_json::to_string_pretty(doc).unwrap_or_else(|e| {
        format!(
            "{{\"schema\": {}, \"error\": \"{e}\"}}",
            crate::model::SCHEMA_VERSION
        )
    });
    out.push('\n');
    out
}
