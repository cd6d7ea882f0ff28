//! Writing outputs atomically and only inside the output folder.

use std::borrow::Cow;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::Error;

/// The output folder, created and resolved once per run.
#[derive(Debug, Clone)]
pub struct OutputDir {
    given: PathBuf,
    real: PathBuf,
}

impl OutputDir {
    /// Creates `path` if needed and resolves its real location.
    pub fn open(path: &Path) -> Result<OutputDir, Error> {
        let err = |source| Error::Write {
            path: path.to_path_buf(),
            source,
        };
        std::fs::create_dir_all(path).map_err(err)?;
        Ok(OutputDir {
            given: path.to_path_buf(),
            real: path.canonicalize().map_err(err)?,
        })
    }

    /// The folder as given.
    pub fn path(&self) -> &Path {
        &self.given
    }

    /// Writes `bytes` to `target` atomically: a hidden temporary file in the
    /// target's folder, then renamed over the target. An interrupted run (the
    /// process killed, the disk full) never leaves a partial file under the
    /// target's name. The data is not fsynced: that would cost more than the
    /// conversion itself, and a power cut is not what this guards against.
    ///
    /// The target's folder, after following any symbolic links, must lie
    /// inside the output folder; the target must not be a link, nor the
    /// input whose real (canonical) path is `real_input`.
    pub fn write(
        &self,
        target: &Path,
        bytes: &[u8],
        real_input: Option<&Path>,
    ) -> Result<(), Error> {
        let write_err = |source: std::io::Error| Error::Write {
            path: target.to_path_buf(),
            source,
        };
        let parent = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(&self.given);
        let real_parent = if parent != self.given {
            std::fs::create_dir_all(parent).map_err(|e| {
                match parent.ancestors().find(|p| p.is_file()) {
                    Some(file) => write_err(std::io::Error::other(format!(
                        "{} is a file, not a folder",
                        file.display()
                    ))),
                    None => write_err(e),
                }
            })?;
            let real_parent = parent.canonicalize().map_err(write_err)?;
            if !real_parent.starts_with(&self.real) {
                return Err(write_err(std::io::Error::other(format!(
                    "refusing to write outside the output folder (through a link to {})",
                    real_parent.display()
                ))));
            }
            Cow::Owned(real_parent)
        } else {
            Cow::Borrowed(self.real.as_path())
        };
        let existing = std::fs::symlink_metadata(target).ok();
        if existing
            .as_ref()
            .is_some_and(|m| m.file_type().is_symlink())
        {
            return Err(write_err(std::io::Error::other(
                "refusing to write through a symbolic link",
            )));
        }
        if let (Some(real_input), Some(_)) = (real_input, existing)
            && real_target(target, parent, &real_parent).as_deref() == Some(real_input)
        {
            return Err(write_err(std::io::Error::other(
                "the output would overwrite its own input",
            )));
        }
        let mut tmp = tempfile::Builder::new()
            .prefix(".pressroom-")
            .suffix(".tmp")
            .tempfile_in(parent)
            .map_err(write_err)?;
        tmp.as_file_mut().write_all(bytes).map_err(write_err)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let readable = std::fs::Permissions::from_mode(0o644);
            tmp.as_file().set_permissions(readable).map_err(write_err)?;
        }
        tmp.persist(target).map_err(|e| write_err(e.error))?;
        Ok(())
    }
}

/// The real path of `target`, a file that exists and is not a symbolic
/// link, in the folder `parent` whose real path is `real_parent`: that
/// folder's real path and the file's name, with no system call (resolving
/// the whole path again costs one `readlink` per component, for every
/// file written). A target whose last component is not a plain name is
/// resolved in full.
fn real_target(target: &Path, parent: &Path, real_parent: &Path) -> Option<PathBuf> {
    match target.file_name() {
        Some(name) if parent.join(name) == target => Some(real_parent.join(name)),
        _ => target.canonicalize().ok(),
    }
}

/// Writes one file atomically inside `root` (see [`OutputDir::write`]),
/// refusing to overwrite `input`.
pub fn write_atomic(
    root: &Path,
    target: &Path,
    bytes: &[u8],
    input: Option<&Path>,
) -> Result<(), Error> {
    let real_input = input.and_then(|p| p.canonicalize().ok());
    OutputDir::open(root)?.write(target, bytes, real_input.as_deref())
}

/// The output path of `rel` with extension `ext` under `root`.
pub fn output_path(root: &Path, rel: &Path, ext: &str) -> PathBuf {
    let mut path = root.join(rel);
    let name = match path.file_name() {
        Some(name) => format!("{}.{ext}", name.to_string_lossy()),
        None => format!("output.{ext}"),
    };
    path.set_file_name(name);
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_replaces_atomically() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a/b.txt");
        write_atomic(dir.path(), &target, b"one", None).unwrap();
        write_atomic(dir.path(), &target, b"two", None).unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"two");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("a")).unwrap().collect();
        assert_eq!(leftovers.len(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn refuses_symlinked_folders_that_leave_the_root() {
        let outside = tempfile::tempdir().unwrap();
        let root = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(outside.path(), root.path().join("escape")).unwrap();
        let err =
            write_atomic(root.path(), &root.path().join("escape/x.txt"), b"x", None).unwrap_err();
        assert!(
            err.to_string().contains("outside the output folder"),
            "{err}"
        );
        assert!(!outside.path().join("x.txt").exists());
    }

    #[test]
    fn refuses_to_overwrite_the_input() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a.txt");
        std::fs::write(&target, "input").unwrap();
        let err = write_atomic(dir.path(), &target, b"x", Some(&target)).unwrap_err();
        assert!(err.to_string().contains("its own input"), "{err}");
        assert_eq!(std::fs::read(&target).unwrap(), b"input");
    }

    #[test]
    fn refuses_to_overwrite_the_input_in_a_subfolder_or_by_a_path_with_dots() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("sub/a.txt");
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(&input, "input").unwrap();
        for target in [input.clone(), dir.path().join("sub/../sub/a.txt")] {
            let err = write_atomic(dir.path(), &target, b"x", Some(&input)).unwrap_err();
            assert!(err.to_string().contains("its own input"), "{err}");
        }
        assert_eq!(std::fs::read(&input).unwrap(), b"input");
        let other = dir.path().join("sub/b.txt");
        write_atomic(dir.path(), &other, b"x", Some(&input)).unwrap();
        assert_eq!(std::fs::read(&other).unwrap(), b"x");
    }

    #[test]
    fn output_paths_keep_dots_in_stems() {
        let p = output_path(Path::new("out"), Path::new("sub/v1.2"), "pdf");
        assert_eq!(p, PathBuf::from("out/sub/v1.2.pdf"));
    }
}
