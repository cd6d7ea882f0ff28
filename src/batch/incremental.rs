//! `--incremental`: a manifest in the output folder remembers, per output
//! name, a fingerprint of the input bytes, the template, the formats, the
//! rendering options and the pressroom version. An input whose fingerprint is
//! unchanged and whose outputs still exist is skipped.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::report::sha256_hex;

/// File name of the manifest inside the output folder.
pub const MANIFEST_NAME: &str = ".pressroom-manifest.json";

/// Largest manifest read: 256 MiB, about two million documents.
pub const MAX_MANIFEST_BYTES: u64 = 256 * 1024 * 1024;

/// Output name (relative, without extension) → fingerprint.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// pressroom version that wrote the manifest.
    pub pressroom: String,
    /// The fingerprints.
    pub entries: BTreeMap<String, String>,
}

impl Manifest {
    /// Reads the manifest of `out_dir`; a missing or unreadable one is
    /// empty, and so is one that is not a regular file or is larger than
    /// [`MAX_MANIFEST_BYTES`] (everything is converted again).
    pub fn load(out_dir: &Path) -> Manifest {
        crate::bounded::read(
            &out_dir.join(MANIFEST_NAME),
            MAX_MANIFEST_BYTES,
            crate::bounded::Accept::RegularFile,
        )
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
    }

    /// Path of the manifest in `out_dir`.
    pub fn path(out_dir: &Path) -> PathBuf {
        out_dir.join(MANIFEST_NAME)
    }
}

/// The fingerprint of one conversion: input bytes plus everything else that
/// shapes the outputs (`settings`: template, formats, options, version).
pub fn fingerprint(input: &[u8], settings: &str) -> String {
    let mut data = Vec::with_capacity(input.len() + settings.len() + 1);
    data.extend_from_slice(settings.as_bytes());
    data.push(0);
    data.extend_from_slice(input);
    sha256_hex(&data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_manifest_that_is_not_a_regular_file_is_empty() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::os::unix::fs::symlink("/dev/zero", dir.path().join(MANIFEST_NAME)).expect("link");
        assert_eq!(Manifest::load(dir.path()), Manifest::default());
    }

    #[test]
    fn fingerprint_changes_with_input_or_settings() {
        let a = fingerprint(b"text", "un");
        assert_eq!(a, fingerprint(b"text", "un"));
        assert_ne!(a, fingerprint(b"text!", "un"));
        assert_ne!(a, fingerprint(b"text", "release"));
    }
}
