//! Refusals made before a run writes anything: an output that would
//! replace an input.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::{Job, Options, output_path};
use crate::error::Error;

/// What identifies a file whatever the path that names it: device and
/// inode on Unix, the canonical path elsewhere.
#[cfg(unix)]
type FileKey = (u64, u64);
#[cfg(not(unix))]
type FileKey = PathBuf;

/// The key of the file at `path` (links followed), when it exists.
fn file_key(path: &Path) -> Option<FileKey> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        path.canonicalize().ok()
    }
}

/// Refuses the run when a rendition of one of `writers` would replace one
/// of the inputs of `jobs` (`convert in -o in` writes `in/a.txt`, the plain
/// text of `in/a.txt`, over that input). Only outputs that already exist
/// can be inputs, so a first run into a new folder costs one `stat` per
/// output name. Nothing has been written when it refuses.
pub(super) fn refuse_replacing_inputs(
    jobs: &[Job],
    writers: &[&Job],
    options: &Options,
) -> Result<(), Error> {
    if !options.out_dir.is_dir() {
        return Ok(());
    }
    let mut existing = Vec::new();
    for job in writers {
        for format in &options.formats {
            let target = output_path(&options.out_dir, &job.rel, format.extension());
            if let Some(key) = file_key(&target) {
                existing.push((key, *job, target));
            }
        }
    }
    if existing.is_empty() {
        return Ok(());
    }
    let inputs: HashMap<FileKey, &Job> = jobs
        .iter()
        .filter(|job| job.input.as_os_str() != "-")
        .filter_map(|job| file_key(&job.input).map(|key| (key, job)))
        .collect();
    for (key, writer, target) in existing {
        if let Some(input) = inputs.get(&key) {
            return Err(replacing(writer, input, &target, options));
        }
    }
    Ok(())
}

/// The refusal: about the output folder when it is the folder the input
/// was found in (or named from), else about the input that would be replaced.
fn replacing(writer: &Job, input: &Job, target: &Path, options: &Options) -> Error {
    let same = |a: &Path, b: &Path| {
        a.canonicalize()
            .ok()
            .is_some_and(|a| Some(a) == b.canonicalize().ok())
    };
    if same(&input_folder(input), &options.out_dir) {
        return Error::Refused {
            path: options.out_dir.clone(),
            message: "the output folder is the input folder; choose another with -o".into(),
        };
    }
    let format = target
        .extension()
        .map(|e| e.to_string_lossy().into_owned())
        .unwrap_or_default();
    Error::Refused {
        path: target.to_path_buf(),
        message: format!(
            "is an input, and the {format} rendition of {} would replace it; choose another output folder with -o",
            writer.input.display()
        ),
    }
}

/// The folder an input was found in, or named from: its path without the
/// components of its output name (`in/2020/a.txt`, `2020/a` → `in`).
fn input_folder(job: &Job) -> PathBuf {
    let mut folder = job.input.as_path();
    for _ in job.rel.components() {
        folder = folder.parent().unwrap_or(Path::new(""));
    }
    if folder.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        folder.to_path_buf()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_input_folder_drops_the_output_name() {
        let job = |input: &str, rel: &str| Job {
            input: input.into(),
            rel: rel.into(),
        };
        assert_eq!(
            input_folder(&job("in/2020/a.txt", "2020/a")),
            PathBuf::from("in")
        );
        assert_eq!(input_folder(&job("a.txt", "a")), PathBuf::from("."));
        assert_eq!(input_folder(&job("x/a.txt", "a")), PathBuf::from("x"));
    }
}
