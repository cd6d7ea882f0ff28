//! Command tests: what a user types, what they get (files, stdout, stderr,
//! exit code). Each test runs the real binary in a fresh temporary folder.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const SEED: &str = include_str!("../input/sgsm20447.txt");

fn pressroom(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pressroom"))
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .stdin(Stdio::null())
        .output()
        .expect("pressroom runs")
}

fn pressroom_with_stdin(dir: &Path, args: &[&str], stdin: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_pressroom"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("pressroom starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin)
        .expect("stdin written");
    child.wait_with_output().expect("pressroom finishes")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                out.extend(files_under(&path));
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn text_formats() -> &'static str {
    "txt,json"
}

#[test]
fn convert_writes_one_file_per_format_mirroring_the_input_tree() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("in/2020")).unwrap();
    fs::write(dir.path().join("in/2020/sgsm20447.txt"), SEED).unwrap();
    fs::write(dir.path().join("in/other.txt"), "A short statement.\n").unwrap();
    let out = pressroom(
        dir.path(),
        &["convert", "in", "-o", "out", "--to", text_formats()],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let files: Vec<String> = files_under(&dir.path().join("out"))
        .iter()
        .map(|p| p.strip_prefix(dir.path()).unwrap().display().to_string())
        .collect();
    assert_eq!(
        files,
        [
            "out/2020/sgsm20447.json",
            "out/2020/sgsm20447.txt",
            "out/other.json",
            "out/other.txt"
        ]
    );
    assert!(stderr(&out).contains("2 converted, "), "{}", stderr(&out));
}

#[test]
fn stdin_to_stdout_gives_the_text_rendition() {
    let dir = tempfile::tempdir().unwrap();
    let out = pressroom_with_stdin(
        dir.path(),
        &["convert", "-", "--to", "txt"],
        SEED.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    let doc = pressroom::read_document(SEED.as_bytes(), "-").unwrap();
    let coverage = pressroom::words::check(&doc, &text);
    assert!(
        coverage.is_complete(),
        "words lost through stdin/stdout: {coverage:?}"
    );
    assert!(text.contains("24 November 2020"), "{text}");
    assert!(
        files_under(dir.path()).is_empty(),
        "nothing is written to disk"
    );
}

#[test]
fn parse_prints_the_model_as_versioned_json() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("seed.txt"), SEED).unwrap();
    let out = pressroom(dir.path(), &["parse", "seed.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["schema"], 1);
    assert_eq!(json["meta"]["source_file"], "seed.txt");
}

#[test]
fn unknown_format_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = pressroom(dir.path(), &["convert", "x.txt", "--to", "rtf"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out).trim(),
        "pressroom: unknown format 'rtf' in --to (use pdf, docx, txt, json)"
    );
}

#[test]
fn missing_and_unreadable_inputs_fail_alone_and_the_rest_converts() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("in")).unwrap();
    fs::write(dir.path().join("in/good.txt"), SEED).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("nowhere.txt", dir.path().join("in/dangling.txt")).unwrap();
    let out = pressroom(
        dir.path(),
        &[
            "convert",
            "in/good.txt",
            "in/missing.txt",
            "in/dangling.txt",
            "-o",
            "out",
            "--to",
            "txt",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("error: in/missing.txt: cannot read: "),
        "{err}"
    );
    assert!(
        err.contains("error: in/dangling.txt: cannot read: "),
        "{err}"
    );
    assert!(err.contains("1 converted, 0 warnings, 2 failed"), "{err}");
    assert_eq!(
        files_under(&dir.path().join("out")),
        [dir.path().join("out/good.txt")]
    );
}

#[test]
fn an_output_folder_that_cannot_be_created_stops_the_run_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("in.txt"), SEED).unwrap();
    fs::write(dir.path().join("blocker"), "a file, not a folder").unwrap();
    let out = pressroom(dir.path(), &["convert", "in.txt", "-o", "blocker/out"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(
        stderr(&out).trim(),
        "pressroom: blocker/out: cannot write: Not a directory (os error 20)"
    );
}

#[test]
fn an_unwritable_output_subfolder_fails_its_files_and_the_rest_converts() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("in/sub")).unwrap();
    fs::write(dir.path().join("in/good.txt"), SEED).unwrap();
    fs::write(dir.path().join("in/sub/blocked.txt"), SEED).unwrap();
    fs::create_dir_all(dir.path().join("out")).unwrap();
    fs::write(dir.path().join("out/sub"), "in the way").unwrap();
    let out = pressroom(dir.path(), &["convert", "in", "-o", "out", "--to", "txt"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(
            "in/sub/blocked.txt: error: out/sub/blocked.txt: cannot write: out/sub is a file, not a folder"
        ),
        "{err}"
    );
    assert!(err.contains("1 converted, 0 warnings, 1 failed"), "{err}");
    assert_eq!(
        files_under(&dir.path().join("out")),
        [dir.path().join("out/good.txt"), dir.path().join("out/sub")]
    );
}

/// A full disk, simulated with a file-size limit (`ulimit -f`): the PDFs do
/// not fit, the plain texts do. Each failed file is named, nothing partial
/// or temporary is left behind, and the texts are written.
#[cfg(unix)]
#[test]
fn a_full_disk_fails_the_files_that_do_not_fit_and_leaves_nothing_partial() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("in")).unwrap();
    fs::write(dir.path().join("in/a.txt"), SEED).unwrap();
    fs::write(dir.path().join("in/b.txt"), SEED).unwrap();
    let limit_blocks = 16; // 8 KiB in POSIX 512-byte blocks, 16 KiB in bash's
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -f {limit_blocks} && exec \"$0\" convert in -o out --to txt,pdf"
        ))
        .arg(env!("CARGO_BIN_EXE_pressroom"))
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .output()
        .expect("sh runs");
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    for name in ["a", "b"] {
        assert!(
            err.contains(&format!(
                "in/{name}.txt: error: out/{name}.pdf: cannot write: File too large"
            )),
            "{err}"
        );
    }
    assert_eq!(
        files_under(&dir.path().join("out")),
        [dir.path().join("out/a.txt"), dir.path().join("out/b.txt")]
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("out/a.txt")).unwrap(),
        fs::read_to_string(dir.path().join("out/b.txt")).unwrap()
    );
}

#[test]
fn a_folder_with_nothing_to_convert_is_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("in")).unwrap();
    fs::write(dir.path().join("in/notes.md"), SEED).unwrap();
    let out = pressroom(dir.path(), &["convert", "in", "-o", "out", "--to", "txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("0 converted"), "{}", stderr(&out));
}

#[test]
fn inputs_that_would_share_an_output_name_are_refused_before_writing() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), SEED).unwrap();
    fs::write(dir.path().join("a.md"), SEED).unwrap();
    let out = pressroom(
        dir.path(),
        &["convert", "a.txt", "a.md", "-o", "out", "--to", "txt"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("a.txt and a.md would both be written as a.*"),
        "{}",
        stderr(&out)
    );
    assert!(files_under(&dir.path().join("out")).is_empty());
}

#[test]
fn broken_template_gives_a_one_line_error_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), SEED).unwrap();
    fs::write(
        dir.path().join("house.toml"),
        "name = \"house\"\n[page]\nsize = \"A4\"\nmargn = \"20mm\"\n",
    )
    .unwrap();
    let out = pressroom(
        dir.path(),
        &["convert", "a.txt", "--template", "house.toml"],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("house.toml:4: unknown key 'margn' (did you mean 'margins'?)"),
        "{err}"
    );
}

#[test]
fn templates_list_show_and_init() {
    let dir = tempfile::tempdir().unwrap();
    let list = pressroom(dir.path(), &["templates", "list"]);
    let listed = String::from_utf8(list.stdout).unwrap();
    for name in ["un", "release", "handout"] {
        assert!(listed.lines().any(|l| l.starts_with(name)), "{listed}");
    }
    let show = pressroom(dir.path(), &["templates", "show", "un"]);
    assert!(String::from_utf8(show.stdout).unwrap().contains("* *** *"));
    let init = pressroom(dir.path(), &["templates", "init", "release", "mine"]);
    assert_eq!(init.status.code(), Some(0), "{}", stderr(&init));
    let copied = fs::read_to_string(dir.path().join("mine/release.toml")).unwrap();
    let edited = copied.replace("text = \"###\"", "text = \"-30-\"");
    fs::write(dir.path().join("mine/release.toml"), edited).unwrap();
    fs::write(dir.path().join("a.txt"), SEED).unwrap();
    let out = pressroom(
        dir.path(),
        &[
            "convert",
            "a.txt",
            "-o",
            "out",
            "--to",
            "txt",
            "--template",
            "mine/release.toml",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = fs::read_to_string(dir.path().join("out/a.txt")).unwrap();
    assert!(text.lines().any(|l| l.trim() == "-30-"), "{text}");
}

#[test]
fn report_lists_every_output_with_its_hash() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), SEED).unwrap();
    let out = pressroom(
        dir.path(),
        &[
            "convert", "a.txt", "-o", "out", "--to", "txt,json", "--report", "r.json",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report: serde_json::Value =
        serde_json::from_slice(&fs::read(dir.path().join("r.json")).unwrap()).unwrap();
    assert_eq!(report["schema"], 1);
    assert_eq!(report["summary"]["converted"], 1);
    let outputs = report["documents"][0]["outputs"].as_array().unwrap();
    assert_eq!(outputs.len(), 2);
    for output in outputs {
        let path = dir.path().join(output["path"].as_str().unwrap());
        let bytes = fs::read(&path).unwrap();
        assert_eq!(output["bytes"], bytes.len());
        assert_eq!(output["sha256"], pressroom::batch::sha256_hex(&bytes));
    }
    assert_eq!(report["documents"][0]["encoding"], "UTF-8");
}

#[test]
fn incremental_runs_skip_unchanged_inputs() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("in")).unwrap();
    for i in 0..5 {
        fs::write(
            dir.path().join(format!("in/r{i}.txt")),
            format!("Release number {i}.\n"),
        )
        .unwrap();
    }
    let args = [
        "convert",
        "in",
        "-o",
        "out",
        "--to",
        "txt",
        "--incremental",
        "--report",
        "r.json",
    ];
    assert_eq!(pressroom(dir.path(), &args).status.code(), Some(0));
    fs::write(
        dir.path().join("in/r3.txt"),
        "Release number three, changed.\n",
    )
    .unwrap();
    let second = pressroom(dir.path(), &args);
    assert_eq!(second.status.code(), Some(0));
    let report: serde_json::Value =
        serde_json::from_slice(&fs::read(dir.path().join("r.json")).unwrap()).unwrap();
    assert_eq!(report["summary"]["skipped"], 4);
    assert_eq!(report["summary"]["converted"], 1);
    let text = fs::read_to_string(dir.path().join("out/r3.txt")).unwrap();
    assert!(text.contains("changed"));
}

#[test]
fn shards_are_disjoint_and_together_equal_a_single_run() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("in")).unwrap();
    for i in 0..24 {
        fs::write(
            dir.path().join(format!("in/r{i:02}.txt")),
            format!("Release {i}.\n\nBody of release {i}.\n"),
        )
        .unwrap();
    }
    let single = pressroom(
        dir.path(),
        &["convert", "in", "-o", "single", "--to", "txt,json"],
    );
    assert_eq!(single.status.code(), Some(0));
    let mut union: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    for k in 1..=3 {
        let shard = format!("{k}/3");
        let out_dir = format!("shard{k}");
        let run = pressroom(
            dir.path(),
            &[
                "convert", "in", "-o", &out_dir, "--to", "txt,json", "--shard", &shard,
            ],
        );
        assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
        for file in files_under(&dir.path().join(&out_dir)) {
            let rel = file
                .strip_prefix(dir.path().join(&out_dir))
                .unwrap()
                .to_path_buf();
            assert!(
                union.iter().all(|(seen, _)| seen != &rel),
                "{} written by two shards",
                rel.display()
            );
            union.push((rel, fs::read(&file).unwrap()));
        }
    }
    union.sort();
    let expected: Vec<(PathBuf, Vec<u8>)> = files_under(&dir.path().join("single"))
        .into_iter()
        .map(|f| {
            (
                f.strip_prefix(dir.path().join("single"))
                    .unwrap()
                    .to_path_buf(),
                fs::read(&f).unwrap(),
            )
        })
        .collect();
    assert_eq!(union.len(), 48);
    assert!(
        union == expected,
        "the shards' outputs differ from a single run"
    );
}

#[test]
fn watch_converts_files_dropped_into_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("drop")).unwrap();
    fs::write(dir.path().join("drop/first.txt"), SEED).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_pressroom"))
        .args(["watch", "drop", "-o", "out", "--to", "txt", "--quiet"])
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("pressroom watch starts");
    let wait_for = |path: &Path| {
        for _ in 0..200 {
            if path.exists() {
                return true;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        false
    };
    let existing = wait_for(&dir.path().join("out/first.txt"));
    fs::write(
        dir.path().join("drop/dropped.txt"),
        "Dropped while watching.\n",
    )
    .unwrap();
    let dropped = wait_for(&dir.path().join("out/dropped.txt"));
    child.kill().ok();
    child.wait().ok();
    assert!(existing, "files already in the folder are converted first");
    assert!(dropped, "a file dropped into the folder is converted");
    let text = fs::read_to_string(dir.path().join("out/dropped.txt")).unwrap();
    assert!(text.contains("Dropped while watching."));
}
