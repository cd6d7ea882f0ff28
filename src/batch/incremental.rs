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

/// Output name (relative, without extension) → fingerprint.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// pressroom version that wrote the manifest.
    pub pressroom: String,
    /// The fingerprints.
    pub entries: BTreeMap<String, String>,
}

impl Manifest {
    /// Reads the manifest of `out_dir`; a missing or unreadable one is empty.
    pub fn load(out_dir: &Path) -> Manifest {
        std::fs::read(out_dir.join(MANIFEST_NAME))
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

    #[test]
    fn fingerprint_changes_with_input_or_settings() {
        let a = fingerprint(b"text", "un");
        assert_eq!(a, fingerprint(b"text", "un"));
        assert_ne!(a, fingerprint(b"text!", "un"));
        assert_ne!(a, fingerprint(b"text", "release"));
    }
}
