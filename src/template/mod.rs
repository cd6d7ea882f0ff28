//! House styles: one template drives the PDF, DOCX and plain-text renditions.
//!
//! A template is a TOML file (see `templates/un.toml`). Every
//! table and key is optional: what a template leaves out comes from the
//! built-in defaults, which give the UN look. Every error names the file, the
//! line and the key (`house.toml:4: page.size: unknown value `Leter`; did you
//! mean `Letter`? …`), with a suggestion when a valid key, value or
//! placeholder is close; unknown placeholders (`{dat}`) are errors too.
//!
//! Backends read a [`Template`]: the PDF and text writers through the layout
//! engine and their own style roles, the DOCX writer by turning every
//! [`Styles`] role into a named Word style. With no template named,
//! [`choose`] picks `un` or `release` from the document itself.

mod check;
mod choose;
mod dates;
mod fontfile;
mod image;
mod load;
mod locale;
pub(crate) mod messages;
pub(crate) mod spans;
mod types;

pub use check::{EMBARGO_PLACEHOLDERS, PLACEHOLDERS};
pub use choose::{HouseStyle, choose, why};
pub use dates::{format_date, primary_language, release_date};
pub use fontfile::{FontFile, FontFiles, MAX_FONT_BYTES, font_path, is_bundled, read_font};
pub use image::{ColorSpace, Image, ImageData, ImageFormat, Samples};
pub use load::{BUNDLED, Bundled, bundled, bundled_names, load, load_from_str, resolve};
pub use locale::{
    BandText, ByLanguage, LetterheadText, Locale, PackStrings, PackText, ReleaseLineText,
    RunningText, SymbolDateText, TextOnly, state_language,
};
pub use types::*;
