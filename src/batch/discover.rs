//! Finding the inputs: files and folders (recursive), a glob filter, output
//! names that mirror the input tree, and collisions refused up front.

use globset::{Glob, GlobSet, GlobSetBuilder};
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use crate::error::Error;

/// One input and where its renditions go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    /// The input file (`-` for standard input).
    pub input: PathBuf,
    /// Output path relative to the output folder, without extension
    /// (`sub/dir/name`). Only normal components: never absolute, never `..`.
    pub rel: PathBuf,
}

/// File extensions converted when walking a folder without `--glob`.
pub const DEFAULT_EXTENSIONS: &[&str] = &["txt", "text", "docx"];

/// Builds the `--glob` filter (several patterns, comma-separated, allowed).
pub fn glob_filter(patterns: &[String]) -> Result<Option<GlobSet>, Error> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns.iter().flat_map(|p| p.split(',')) {
        let glob = Glob::new(pattern.trim())
            .map_err(|e| Error::Usage(format!("invalid --glob '{pattern}': {e}")))?;
        builder.add(glob);
    }
    builder
        .build()
        .map(Some)
        .map_err(|e| Error::Usage(format!("invalid --glob: {e}")))
}

/// Expands files and folders into jobs, sorted by output path. Files named
/// explicitly are always taken; files found by walking a folder are taken
/// when they match `glob` (on the name relative to that folder) or, without
/// a glob, when their extension is one of [`DEFAULT_EXTENSIONS`]. Hidden
/// files and folders are skipped. A named file that cannot be read becomes
/// a job all the same, so that it fails alone when converted. Two inputs
/// that would write the same output name are an error.
pub fn discover(inputs: &[PathBuf], glob: Option<&GlobSet>) -> Result<Vec<Job>, Error> {
    discover_with(inputs, glob, None)
}

/// [`discover`] for a run that writes into `out_dir`: a folder walk does
/// not enter the output folder when it lies inside an input folder, so the
/// renditions of an earlier run (`convert in -o in/out`, then again) are
/// never taken as inputs. An output folder that is itself an input folder
/// is walked (see [`super::run`] for what may be written there).
pub fn discover_outside(
    inputs: &[PathBuf],
    glob: Option<&GlobSet>,
    out_dir: &Path,
) -> Result<Vec<Job>, Error> {
    let skip = out_dir.canonicalize().ok();
    discover_with(inputs, glob, skip.as_deref())
}

/// Discovery; `skip` is the real (canonical) path of a folder not to enter.
fn discover_with(
    inputs: &[PathBuf],
    glob: Option<&GlobSet>,
    skip: Option<&Path>,
) -> Result<Vec<Job>, Error> {
    let mut jobs = Vec::new();
    for input in inputs {
        if input.as_os_str() == "-" {
            jobs.push(Job {
                input: input.clone(),
                rel: PathBuf::from("stdin"),
            });
            continue;
        }
        if std::fs::metadata(input).is_ok_and(|m| m.is_dir()) {
            walk(input, glob, skip, &mut jobs)?;
        } else {
            let stem = input
                .file_stem()
                .map(PathBuf::from)
                .unwrap_or_else(|| "input".into());
            jobs.push(Job {
                input: input.clone(),
                rel: safe_relative(&stem),
            });
        }
    }
    check_collisions(&jobs)?;
    jobs.sort_by(|a, b| a.rel.cmp(&b.rel));
    Ok(jobs)
}

/// True when the walk should not enter `entry`: a hidden file or folder,
/// or the folder whose real path is `skip`. Links are not followed, so a
/// folder's real path is the root's real path joined with its relative path.
fn left_out(
    entry: &walkdir::DirEntry,
    root: &Path,
    real_root: Option<&Path>,
    skip: Option<&Path>,
) -> bool {
    if entry.depth() == 0 {
        return false;
    }
    if entry.file_name().to_string_lossy().starts_with('.') {
        return true;
    }
    let (Some(real_root), Some(skip)) = (real_root, skip) else {
        return false;
    };
    entry.file_type().is_dir()
        && entry
            .path()
            .strip_prefix(root)
            .is_ok_and(|relative| real_root.join(relative) == skip)
}

fn walk(
    root: &Path,
    glob: Option<&GlobSet>,
    skip: Option<&Path>,
    jobs: &mut Vec<Job>,
) -> Result<(), Error> {
    let real_root = skip.and_then(|_| root.canonicalize().ok());
    let walker = walkdir::WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !left_out(e, root, real_root.as_deref(), skip));
    for entry in walker {
        let entry = entry.map_err(|e| Error::Read {
            path: e
                .path()
                .map(Path::to_path_buf)
                .unwrap_or_else(|| root.to_path_buf()),
            source: e
                .into_io_error()
                .unwrap_or_else(|| std::io::Error::other("cannot walk folder")),
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path();
        let relative = path.strip_prefix(root).unwrap_or(path);
        let wanted = match glob {
            Some(set) => set.is_match(relative) || set.is_match(entry.file_name()),
            None => path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| DEFAULT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str())),
        };
        if wanted {
            jobs.push(Job {
                input: path.to_path_buf(),
                rel: safe_relative(&relative.with_extension("")),
            });
        }
    }
    Ok(())
}

/// Keeps only normal components, so the output can never leave the output folder.
fn safe_relative(path: &Path) -> PathBuf {
    let cleaned: PathBuf = path
        .components()
        .filter_map(|c| match c {
            Component::Normal(part) => Some(part),
            _ => None,
        })
        .collect();
    if cleaned.as_os_str().is_empty() {
        PathBuf::from("input")
    } else {
        cleaned
    }
}

fn check_collisions(jobs: &[Job]) -> Result<(), Error> {
    let mut seen: BTreeMap<&Path, &Path> = BTreeMap::new();
    for job in jobs {
        if let Some(first) = seen.insert(&job.rel, &job.input) {
            return Err(Error::Usage(format!(
                "{} and {} would both be written as {}.*: rename one or convert them separately",
                first.display(),
                job.input.display(),
                job.rel.display()
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_lose_parent_and_root_components() {
        assert_eq!(
            safe_relative(Path::new("../../etc/passwd")),
            PathBuf::from("etc/passwd")
        );
        assert_eq!(safe_relative(Path::new("/abs/x")), PathBuf::from("abs/x"));
        assert_eq!(safe_relative(Path::new("..")), PathBuf::from("input"));
    }

    #[test]
    fn same_stem_twice_is_an_error() {
        let jobs = vec![
            Job {
                input: "a.txt".into(),
                rel: "a".into(),
            },
            Job {
                input: "a.md".into(),
                rel: "a".into(),
            },
        ];
        let err = check_collisions(&jobs).unwrap_err().to_string();
        assert!(
            err.contains("a.txt and a.md would both be written as a.*"),
            "{err}"
        );
    }

    #[test]
    fn an_output_folder_inside_an_input_folder_is_not_walked() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("out/sub")).unwrap();
        std::fs::write(dir.path().join("one.txt"), "x").unwrap();
        std::fs::write(dir.path().join("out/one.txt"), "x").unwrap();
        std::fs::write(dir.path().join("out/sub/two.txt"), "x").unwrap();
        let root = [dir.path().to_path_buf()];
        let jobs = discover_outside(&root, None, &dir.path().join("out")).unwrap();
        let rels: Vec<_> = jobs.iter().map(|j| j.rel.clone()).collect();
        assert_eq!(rels, vec![PathBuf::from("one")]);
        let all = discover_outside(&root, None, &dir.path().join("elsewhere")).unwrap();
        assert_eq!(all.len(), 3, "{all:?}");
        let itself = discover_outside(&root, None, dir.path()).unwrap();
        assert_eq!(
            itself.len(),
            3,
            "an output folder that is the input folder is walked"
        );
    }

    #[test]
    fn folders_are_walked_with_default_extensions_and_mirrored() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("one.txt"), "x").unwrap();
        std::fs::write(dir.path().join("sub/two.txt"), "x").unwrap();
        std::fs::write(dir.path().join("notes.md"), "x").unwrap();
        std::fs::write(dir.path().join(".hidden.txt"), "x").unwrap();
        let jobs = discover(&[dir.path().to_path_buf()], None).unwrap();
        let rels: Vec<_> = jobs.iter().map(|j| j.rel.clone()).collect();
        assert_eq!(rels, vec![PathBuf::from("one"), PathBuf::from("sub/two")]);
        let md = glob_filter(&["*.md".to_string()]).unwrap();
        let jobs = discover(&[dir.path().to_path_buf()], md.as_ref()).unwrap();
        assert_eq!(jobs.len(), 1);
        assert_eq!(jobs[0].rel, PathBuf::from("notes"));
    }
}
