//! Template fonts named by path: read (bounded, regular files only) and
//! checked when the template loads, so that a bad font is a template error
//! with `file:line`, and the layout engine and the incremental fingerprint
//! use the very bytes that were checked.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::bounded::{self, Accept, ReadError};

/// Largest font file read: 64 MiB (the largest CJK faces are about 20 MiB).
pub const MAX_FONT_BYTES: u64 = 64 * 1024 * 1024;

/// One font file as read when the template loaded.
#[derive(Debug, PartialEq, Eq)]
pub struct FontFile {
    /// Where it was read from.
    pub path: PathBuf,
    /// The file's bytes (a TrueType/OpenType font, checked).
    pub data: Vec<u8>,
    /// SHA-256 of the bytes, lowercase hex.
    pub sha256: String,
}

/// The template's font files by the name the template gives them (the
/// `[fonts]` value as written, trimmed). Bundled faces are not listed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FontFiles(Arc<BTreeMap<String, FontFile>>);

impl FontFiles {
    /// The file loaded for the `[fonts]` value `spec`, if it names a file.
    pub fn get(&self, spec: &str) -> Option<&FontFile> {
        self.0.get(spec.trim())
    }

    /// Every loaded file, by `[fonts]` value.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &FontFile)> {
        self.0.iter()
    }

    /// Builds the set from loaded files.
    pub(crate) fn from_map(map: BTreeMap<String, FontFile>) -> FontFiles {
        FontFiles(Arc::new(map))
    }
}

/// True when `spec` names a bundled face (`NotoSerif-Regular`, optionally
/// with `.ttf`), the same rule the layout engine's font registry applies.
pub fn is_bundled(spec: &str) -> bool {
    let spec = spec.trim();
    let key = spec
        .strip_suffix(".ttf")
        .filter(|s| !s.contains('/'))
        .unwrap_or(spec);
    crate::layout::fonts::BUNDLED_FONTS
        .iter()
        .any(|(name, _)| *name == key)
}

/// The path a `[fonts]` value names, relative to the template's folder.
pub fn font_path(spec: &str, base_dir: Option<&Path>) -> PathBuf {
    let spec = spec.trim();
    match base_dir {
        Some(dir) if Path::new(spec).is_relative() => dir.join(spec),
        _ => PathBuf::from(spec),
    }
}

/// Reads and checks one font file: a regular file (after links), at most
/// [`MAX_FONT_BYTES`] (enforced by the read), that parses as a
/// TrueType/OpenType font. The error names the file and the problem.
pub fn read_font(path: &Path) -> Result<FontFile, String> {
    let shown = path.display();
    let data = bounded::read(path, MAX_FONT_BYTES, Accept::RegularFile).map_err(|e| match e {
        ReadError::Io(e) => {
            format!("not a bundled font (NotoSerif-*, NotoSans-*) and cannot read {shown}: {e}")
        }
        ReadError::NotRegular(what) => format!("{shown} is not a regular file ({what})"),
        ReadError::TooLarge {
            size: Some(size), ..
        } => format!(
            "{shown} is {size} bytes; a font may have at most {} MiB",
            MAX_FONT_BYTES >> 20
        ),
        ReadError::TooLarge { size: None, .. } => format!(
            "{shown} is larger than {} MiB, the most a font may have",
            MAX_FONT_BYTES >> 20
        ),
    })?;
    if ttf_parser::Face::parse(&data, 0).is_err() {
        return Err(format!("{shown} is not a TrueType/OpenType font"));
    }
    let sha256 = crate::batch::sha256_hex(&data);
    Ok(FontFile {
        path: path.to_path_buf(),
        data,
        sha256,
    })
}
