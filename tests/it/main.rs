//! The integration tests, one binary (one link of the library instead of
//! one per file). Run one module with `cargo test --release --test it pdf_render::`.

mod common;
mod render_common;

mod bidi;
mod cli;
mod corpus_parse;
mod docx_input;
mod docx_render;
mod glyphs;
mod golden;
mod handout;
mod hostile;
mod locale;
mod logo;
mod nothing_lost;
mod pdf_corpus;
mod pdf_render;
mod properties;
