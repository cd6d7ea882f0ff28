//! Parser: clean text → document model.
//!
//! (Skeleton: one paragraph per blank-line-separated block. The full parser
//! replaces this.)

use crate::model::{Block, Document, Inline};
use crate::normalize::Normalized;

/// Parser options.
#[derive(Debug, Clone, Default)]
pub struct Options {}

/// Parses normalized text into a document. Never fails: text the parser does
/// not recognize as metadata stays in the body.
pub fn parse(input: &Normalized, _options: &Options) -> Document {
    let mut doc = Document::default();
    doc.diagnostics.extend(input.diagnostics.iter().cloned());
    for para in input.text.split("\n\n") {
        let text = para.split_whitespace().collect::<Vec<_>>().join(" ");
        if !text.is_empty() {
            doc.body.push(Block::Paragraph {
                content: vec![Inline::text(text)],
            });
        }
    }
    doc
}
