//! House styles: one template drives the PDF, DOCX and plain-text renditions.
//!
//! A template is a TOML file (see `templates/un.toml`, the default). Every
//! table and key is optional: what a template leaves out comes from the
//! built-in defaults, which give the UN look. Unknown keys are errors that name
//! the file, line and key, with a suggestion when a known key is close.
//!
//! Backends read a [`Template`]: the PDF and text writers through the layout
//! engine and their own style roles, the DOCX writer by turning every
//! [`Styles`] role into a named Word style.

mod fontfile;
mod image;
mod load;
mod types;

pub use fontfile::{FontFile, FontFiles, MAX_FONT_BYTES, font_path, is_bundled, read_font};
pub use image::{ColorSpace, Image, ImageData, ImageFormat, Samples};
pub use load::{BUNDLED, Bundled, bundled, bundled_names, load, load_from_str, resolve};
pub use types::*;
