//! Command tests: what a user types, what they get (files, stdout, stderr,
//! exit code). Each test runs the real binary in a fresh temporary folder.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::common::{pressroom, pressroom_command};

const SEED: &str = include_str!("../../input/sgsm20447.txt");

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
    // The seed is the UN's, `other.txt` shows no issuer: each gets its own
    // house style, and the summary names both.
    assert!(
        stderr(&out).contains("2 converted (1 release, 1 un), "),
        "{}",
        stderr(&out)
    );
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
    let source = pressroom::read_source(SEED.as_bytes(), "-", &Default::default()).unwrap();
    let coverage = source.expected().check(&text);
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
        "pressroom: error: unknown format 'rtf' in --to (use pdf, docx, txt, json)"
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
        err.contains("in/missing.txt: error: cannot read: "),
        "{err}"
    );
    assert!(
        err.contains("in/dangling.txt: error: cannot read: "),
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
        "blocker/out: error: cannot write: Not a directory (os error 20)"
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
    assert_eq!(
        err.trim_end(),
        "house.toml:4: error: page.margn: unknown key; did you mean `margins`? \
         (expected one of: size, width, height, margins)"
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

/// One run of pressroom under [`pressroom_within`].
#[cfg(unix)]
struct Run {
    out: Output,
    took: Duration,
    /// Peak resident set of the pressroom process, in MiB (`None` when
    /// GNU time is missing and `PRESSROOM_SKIP_TOOLS=1` skips the check).
    peak_mib: Option<i64>,
}

/// GNU time, the referee of a run's peak memory. A process spawned straight
/// from this test binary reports, as its peak, this binary's own peak
/// whenever that is larger (Linux counts the memory the child shared with
/// its parent until `exec`), and the tests running beside it may hold
/// hundreds of MiB; GNU time forks pressroom from its own small process and
/// reports pressroom's peak alone.
#[cfg(unix)]
const GNU_TIME: &str = "/usr/bin/time";

/// Runs pressroom with a deadline (a hang fails the test instead of
/// hanging it); returns its output, wall time and peak memory.
#[cfg(unix)]
fn pressroom_within(dir: &Path, args: &[&str], deadline: Duration) -> Run {
    use std::io::Read;
    use std::os::unix::process::CommandExt;
    let report = tempfile::NamedTempFile::new().expect("a file for the peak memory");
    let measured = crate::common::tool_or_skip(GNU_TIME, "peak memory");
    let mut command = if measured {
        measured_by_gnu_time(dir, args, report.path())
    } else {
        pressroom_command(dir, args)
    };
    // Its own process group, so that a deadline kills GNU time and pressroom.
    command.process_group(0);
    let start = Instant::now();
    let mut child = command.spawn().expect("pressroom starts");
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            pipe.read_to_end(&mut bytes).ok();
            bytes
        })
    };
    let stdout = drain(Box::new(child.stdout.take().expect("stdout")));
    let stderr = drain(Box::new(child.stderr.take().expect("stderr")));
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for pressroom") {
            break status;
        }
        if start.elapsed() > deadline {
            // SAFETY: kill only sends a signal, to the group this test made.
            unsafe { libc::kill(-(child.id() as libc::pid_t), libc::SIGKILL) };
            child.wait().ok();
            panic!("pressroom {args:?} still running after {deadline:?}");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let took = start.elapsed();
    let out = Output {
        status,
        stdout: stdout.join().expect("stdout read"),
        stderr: stderr.join().expect("stderr read"),
    };
    let peak_mib = measured.then(|| peak_kib(report.path()) >> 10);
    Run {
        out,
        took,
        peak_mib,
    }
}

/// Pressroom with `args` in `dir`, run by GNU time, which writes its peak
/// resident set (KiB) to `report`.
#[cfg(unix)]
fn measured_by_gnu_time(dir: &Path, args: &[&str], report: &Path) -> Command {
    let mut command = Command::new(GNU_TIME);
    command
        .args(["-f", "%M", "-o"])
        .arg(report)
        .arg(crate::common::PRESSROOM)
        .args(args);
    crate::common::in_dir(&mut command, dir);
    command
}

/// The peak resident set GNU time wrote to `report`: its last line (a line
/// before it says when the command exited with a non-zero status).
#[cfg(unix)]
fn peak_kib(report: &Path) -> i64 {
    let text = fs::read_to_string(report).expect("GNU time's report");
    text.lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .and_then(|l| l.trim().parse().ok())
        .unwrap_or_else(|| panic!("no peak memory in GNU time's report: {text:?}"))
}

/// Generous bound for a run that must fail at once (it catches a hang, not a
/// slow machine).
const QUICK: Duration = Duration::from_secs(10);

/// The most memory a refused font or input may cost (a whole 3 GB file or an
/// endless read of `/dev/zero` is far above it; a 64 MiB input limit is not).
const BOUNDED_MIB: i64 = 400;

/// The output of a run that had to end quickly and in bounded memory.
#[cfg(unix)]
fn bounded(run: Run) -> Output {
    assert!(run.took < QUICK, "{:?}", run.took);
    assert_bounded(run.peak_mib, "");
    run.out
}

/// Fails unless a measured peak is under [`BOUNDED_MIB`].
#[cfg(unix)]
fn assert_bounded(peak_mib: Option<i64>, what: &str) {
    if let Some(mib) = peak_mib {
        assert!(mib < BOUNDED_MIB, "{what}{mib} MiB");
    }
}

/// A template that takes its regular body face from `font` (everything else bundled).
fn template_with_body_font(font: &str) -> String {
    format!(
        "name = \"house\"\n\n[fonts]\nbody = {{ name = \"House\", regular = \"{font}\", bold = \"NotoSerif-Bold\", italic = \"NotoSerif-Italic\", bold_italic = \"NotoSerif-BoldItalic\" }}\nfallback = [\"NotoSans-Regular\"]\n"
    )
}

#[cfg(unix)]
#[test]
fn template_fonts_that_are_not_font_files_fail_at_load_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), SEED).unwrap();
    // A 3 GB file that takes no disk (sparse), a FIFO nobody writes to, a
    // folder, a device, and a small file that is no font.
    fs::File::create(dir.path().join("huge.ttf"))
        .unwrap()
        .set_len(3 << 30)
        .unwrap();
    let fifo = Command::new("mkfifo")
        .arg(dir.path().join("fifo.ttf"))
        .status()
        .expect("mkfifo runs");
    assert!(fifo.success());
    fs::create_dir(dir.path().join("folder.ttf")).unwrap();
    fs::write(dir.path().join("text.ttf"), "not a font\n").unwrap();
    for (font, problem) in [
        ("/dev/zero", "is not a regular file (a device)"),
        (
            "huge.ttf",
            "is 3221225472 bytes; a font may have at most 64 MiB",
        ),
        ("fifo.ttf", "is not a regular file (a FIFO)"),
        ("folder.ttf", "is not a regular file (a folder)"),
        ("text.ttf", "is not a TrueType/OpenType font"),
        ("missing.ttf", "cannot read"),
    ] {
        fs::write(dir.path().join("house.toml"), template_with_body_font(font)).unwrap();
        let run = pressroom_within(
            dir.path(),
            &[
                "convert",
                "a.txt",
                "-o",
                "out",
                "--to",
                "pdf",
                "--template",
                "house.toml",
            ],
            QUICK,
        );
        eprintln!("font {font}: {:?}, {:?} MiB", run.took, run.peak_mib);
        let out = run.out;
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{font}: {err}");
        assert_eq!(err.lines().count(), 1, "{font}: {err}");
        assert!(
            err.starts_with("house.toml:4: error: fonts.body.regular: "),
            "{font}: {err}"
        );
        assert!(err.contains(problem), "{font}: {err}");
        assert!(run.took < QUICK, "{font}: {:?}", run.took);
        assert_bounded(run.peak_mib, &format!("{font}: "));
        assert!(!dir.path().join("out/a.pdf").exists(), "{font}");
    }
    // The same for a fallback font, on its own line of the array.
    fs::write(
        dir.path().join("house.toml"),
        "[fonts]\nfallback = [\n  \"NotoSans-Regular\",\n  \"huge.ttf\",\n]\n",
    )
    .unwrap();
    let out = pressroom_within(
        dir.path(),
        &["convert", "a.txt", "-o", "out", "--template", "house.toml"],
        QUICK,
    )
    .out;
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.starts_with("house.toml:4: error: fonts.fallback[1]: "),
        "{err}"
    );
}

#[test]
fn a_template_font_file_is_used_and_a_good_one_converts() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), SEED).unwrap();
    fs::copy(
        bundled_font("NotoSans-Regular"),
        dir.path().join("body.ttf"),
    )
    .unwrap();
    fs::write(
        dir.path().join("house.toml"),
        template_with_body_font("body.ttf"),
    )
    .unwrap();
    let out = pressroom(
        dir.path(),
        &[
            "convert",
            "a.txt",
            "-o",
            "out",
            "--to",
            "pdf",
            "--template",
            "house.toml",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let pdf = fs::read(dir.path().join("out/a.pdf")).unwrap();
    assert!(
        pdf.windows(b"NotoSans-Regular".len())
            .any(|w| w == b"NotoSans-Regular"),
        "the body face comes from body.ttf"
    );
}

fn bundled_font(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("templates/fonts/{name}.ttf"))
}

#[cfg(unix)]
#[test]
fn an_input_linked_to_dev_zero_fails_alone_quickly() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("good.txt"), SEED).unwrap();
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("z.txt")).unwrap();
    let run = pressroom_within(
        dir.path(),
        &["convert", "good.txt", "z.txt", "-o", "out", "--to", "txt"],
        QUICK,
    );
    eprintln!(
        "input linked to /dev/zero: {:?}, {:?} MiB",
        run.took, run.peak_mib
    );
    let out = run.out;
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let errors: Vec<&str> = err.lines().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(
        errors,
        ["z.txt: error: input is larger than the limit of 67108864 bytes (--max-input-size)"],
        "{err}"
    );
    assert!(err.contains("1 converted, 0 warnings, 1 failed"), "{err}");
    assert!(dir.path().join("out/good.txt").exists());
    assert!(run.took < QUICK, "{:?}", run.took);
    assert_bounded(run.peak_mib, "");
}

#[cfg(unix)]
#[test]
fn parse_handout_and_check_read_with_a_limit() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("seed.txt"), SEED).unwrap();
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("z.txt")).unwrap();
    let limited = "input is larger than the limit of 1000000 bytes (--max-input-size)";
    let out = bounded(pressroom_within(
        dir.path(),
        &["parse", "z.txt", "--max-input-size", "1000000"],
        QUICK,
    ));
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(stderr(&out).trim(), format!("z.txt: error: {limited}"));
    let out = bounded(pressroom_within(
        dir.path(),
        &[
            "handout",
            "seed.txt",
            "z.txt",
            "-o",
            "pack.pdf",
            "--max-input-size",
            "1000000",
        ],
        QUICK,
    ));
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(&format!("z.txt: error: {limited}")),
        "{}",
        stderr(&out)
    );
    // check: the input under --max-input-size, an extracted text under four times it.
    let out = bounded(pressroom_within(
        dir.path(),
        &["check", "seed.txt", "z.txt", "--max-input-size", "1000000"],
        QUICK,
    ));
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(
        stderr(&out).trim(),
        "z.txt: error: extracted text is larger than the limit of 4000000 bytes (4 × --max-input-size)"
    );
    // A missing word: exit 1, one line on stdout in the same shape.
    fs::write(dir.path().join("short.txt"), "Secretary-General\n").unwrap();
    let out = pressroom(dir.path(), &["check", "seed.txt", "short.txt"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let report = String::from_utf8_lossy(&out.stdout);
    assert_eq!(report.lines().count(), 1, "{report}");
    assert!(
        report.starts_with("seed.txt: error: ") && report.contains("words missing from short.txt"),
        "{report}"
    );
    let out = bounded(pressroom_within(
        dir.path(),
        &["check", "seed.txt", "seed.txt", "--max-input-size", "100"],
        QUICK,
    ));
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).starts_with("seed.txt: error: input is "),
        "{}",
        stderr(&out)
    );
}

/// `--max-input-size` above the default (64 MiB) lets a larger input through
/// every stage, not only the read.
#[test]
fn parse_accepts_inputs_up_to_a_raised_limit() {
    let dir = tempfile::tempdir().unwrap();
    let line = "Every word of this large release is kept in the model.\n\n";
    let big = line.repeat((65 << 20) / line.len() + 1);
    assert!(big.len() > 64 << 20);
    fs::write(dir.path().join("big.txt"), &big).unwrap();
    let out = pressroom(
        dir.path(),
        &["parse", "big.txt", "--max-input-size", "100000000"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["schema"], 1);
}

/// A 60 × 40 RGB PNG of one colour.
fn png(rgb: [u8; 3]) -> Vec<u8> {
    let (w, h) = (60u32, 40u32);
    let pixels: Vec<u8> = (0..w * h).flat_map(|_| rgb).collect();
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, w, h);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().expect("PNG header");
    writer.write_image_data(&pixels).expect("PNG data");
    writer.finish().expect("PNG end");
    out
}

#[test]
fn incremental_runs_reconvert_when_the_logo_or_a_font_file_changes() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("in")).unwrap();
    fs::write(dir.path().join("in/a.txt"), SEED).unwrap();
    fs::write(dir.path().join("emblem.png"), png([0, 92, 153])).unwrap();
    fs::copy(
        bundled_font("NotoSerif-Regular"),
        dir.path().join("body.ttf"),
    )
    .unwrap();
    let template = template_with_body_font("body.ttf")
        + "\n[letterhead]\nlogo = \"emblem.png\"\nlogo_height = \"12mm\"\n";
    fs::write(dir.path().join("house.toml"), template).unwrap();
    let args = [
        "convert",
        "in",
        "-o",
        "out",
        "--to",
        "pdf",
        "--incremental",
        "--template",
        "house.toml",
        "--report",
        "r.json",
    ];
    let run = || {
        let out = pressroom(dir.path(), &args);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let report: serde_json::Value =
            serde_json::from_slice(&fs::read(dir.path().join("r.json")).unwrap()).unwrap();
        let status = report["documents"][0]["status"]
            .as_str()
            .unwrap()
            .to_string();
        (status, fs::read(dir.path().join("out/a.pdf")).unwrap())
    };
    let (status, first) = run();
    assert_eq!(status, "converted");
    let (status, same) = run();
    assert_eq!(status, "skipped", "nothing changed");
    assert_eq!(same, first);

    fs::write(dir.path().join("emblem.png"), png([153, 0, 0])).unwrap();
    let (status, new_logo) = run();
    assert_eq!(status, "converted", "the logo's bytes changed");
    assert_ne!(new_logo, first);
    assert_eq!(run().0, "skipped");

    fs::copy(
        bundled_font("NotoSans-Regular"),
        dir.path().join("body.ttf"),
    )
    .unwrap();
    let (status, new_font) = run();
    assert_eq!(status, "converted", "the font's bytes changed");
    assert_ne!(new_font, new_logo);
    assert_eq!(run().0, "skipped");
}

#[test]
fn a_warning_quoting_a_huge_word_stays_one_short_line() {
    let dir = tempfile::tempdir().unwrap();
    let word = "Abcdefghij".repeat(2_000);
    fs::write(
        dir.path().join("a.txt"),
        format!("A release with one very long word.\n\n{word}\n"),
    )
    .unwrap();
    let out = pressroom(
        dir.path(),
        &[
            "convert", "a.txt", "-o", "out", "--to", "pdf", "--report", "r.json",
        ],
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let warning = err
        .lines()
        .find(|l| l.contains("broken by force"))
        .unwrap_or_else(|| panic!("a word-broken warning: {err}"));
    assert!(warning.starts_with("a.txt: warning: "), "{warning}");
    assert!(warning.len() < 300, "{} bytes: {warning}", warning.len());
    assert!(
        warning.contains(": 'AbcdefghijAbcdefghij") && warning.contains("… is wider"),
        "{warning}"
    );
    let report = fs::read_to_string(dir.path().join("r.json")).unwrap();
    assert!(report.len() < 20_000, "the report quotes the word whole");
}

/// Every error line has one shape: `PATH[:LINE]: error: message`, or
/// `pressroom: error: message` when no file is at fault.
#[test]
fn error_lines_have_one_shape() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), SEED).unwrap();
    let cases: [(&[&str], &str); 5] = [
        (
            &["convert", "a.txt", "--no-such-option"],
            "pressroom: error: unexpected argument '--no-such-option' found",
        ),
        (
            &["convert", "a.txt", "--template", "nosuch"],
            "pressroom: error: unknown template 'nosuch'",
        ),
        (
            &["convert", "a.txt", "--template", "gone/house.toml"],
            "gone/house.toml: error: cannot read template: ",
        ),
        (
            &["check", "a.txt", "missing.txt"],
            "missing.txt: error: cannot read: ",
        ),
        (
            &["templates", "init", "un", "a.txt"],
            "a.txt: error: cannot create folder: ",
        ),
    ];
    for (args, start) in cases {
        let out = pressroom(dir.path(), args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        // clap follows a usage error with its usage and hint lines.
        let first = err.lines().next().unwrap_or_default();
        assert!(first.starts_with(start), "{args:?}: {err}");
        assert!(
            err.lines().count() == 1 || start.starts_with("pressroom: error: unexpected"),
            "{args:?}: {err}"
        );
    }
}

/// The first Ctrl-C finishes the running documents and exits 130, not 1
/// (which means "some inputs failed").
#[cfg(unix)]
#[test]
fn an_interrupted_run_exits_130() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("in")).unwrap();
    for i in 0..3000 {
        fs::write(dir.path().join(format!("in/r{i:04}.txt")), SEED).unwrap();
    }
    let child = Command::new(env!("CARGO_BIN_EXE_pressroom"))
        .args(["convert", "in", "-o", "out", "--to", "txt,json", "-j", "1"])
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("pressroom starts");
    let first = dir.path().join("out/r0000.txt");
    let start = Instant::now();
    while !first.exists() && start.elapsed() < QUICK {
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(first.exists(), "the run started");
    let kill = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(kill.success());
    let out = child.wait_with_output().expect("pressroom ends");
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(130), "{err}");
    assert!(
        err.contains("pressroom: error: interrupted; inputs not started were left unconverted"),
        "{err}"
    );
    assert!(!dir.path().join("out/r2999.txt").exists());
}

/// `watch` reads the template when it starts; restarted after the logo
/// changed, it converts the documents again instead of skipping them as
/// unchanged.
#[test]
fn watch_restarted_after_a_logo_change_reconverts() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("drop")).unwrap();
    fs::write(dir.path().join("drop/first.txt"), SEED).unwrap();
    fs::write(dir.path().join("emblem.png"), png([0, 92, 153])).unwrap();
    fs::write(
        dir.path().join("house.toml"),
        "[letterhead]\nlogo = \"emblem.png\"\n",
    )
    .unwrap();
    let pdf = dir.path().join("out/first.pdf");
    let watch_until = |done: &dyn Fn() -> bool| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_pressroom"))
            .args([
                "watch",
                "drop",
                "-o",
                "out",
                "--to",
                "pdf",
                "--template",
                "house.toml",
                "--quiet",
            ])
            .current_dir(dir.path())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("pressroom watch starts");
        let start = Instant::now();
        while !done() && start.elapsed() < QUICK {
            std::thread::sleep(Duration::from_millis(20));
        }
        child.kill().ok();
        child.wait().ok();
        done()
    };
    let manifest = dir.path().join("out/.pressroom-manifest.json");
    assert!(
        watch_until(&|| pdf.exists() && manifest.exists()),
        "first run converts and records the fingerprint"
    );
    let before = fs::read(&pdf).unwrap();
    fs::write(dir.path().join("emblem.png"), png([153, 0, 0])).unwrap();
    assert!(
        watch_until(&|| fs::read(&pdf).is_ok_and(|now| now != before)),
        "the restarted watch re-converts: the logo's bytes changed"
    );
}

/// `templates init` copies the template and, beside it, the licence of the
/// bundled fonts it names.
#[test]
fn templates_init_copies_the_fonts_licence() {
    let dir = tempfile::tempdir().unwrap();
    let out = pressroom(dir.path(), &["templates", "init", "un", "mine"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let licence = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/fonts/OFL.txt");
    assert_eq!(
        fs::read(dir.path().join("mine/OFL.txt")).unwrap(),
        fs::read(licence).unwrap()
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("mine/OFL.txt"), "{said}");
}

/// A handout is one document: an input that cannot be read fails it. Each
/// such input is named on its own line, then the pack says it was not
/// written; exit status 1.
#[test]
fn a_handout_with_an_unreadable_input_names_it_and_is_not_written() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("seed.txt"), SEED).unwrap();
    let out = pressroom(
        dir.path(),
        &["handout", "seed.txt", "missing.txt", "-o", "pack.pdf"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines,
        [
            "missing.txt: error: cannot read: No such file or directory (os error 2)",
            "pack.pdf: error: handout not written: 1 of 2 inputs could not be read",
        ],
        "{err}"
    );
    assert!(!dir.path().join("pack.pdf").exists());
}

/// The report is checked before the batch: a `--report` path whose folder
/// cannot be made is refused with one line and exit status 2, and nothing
/// is converted or written. A report folder that does not exist yet is
/// made, as the output folder is.
#[test]
fn a_report_that_cannot_be_written_is_refused_before_converting() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("in")).unwrap();
    fs::write(dir.path().join("in/a.txt"), SEED).unwrap();
    fs::write(dir.path().join("blocker"), "a file, not a folder").unwrap();
    let out = pressroom(
        dir.path(),
        &[
            "convert",
            "in",
            "-o",
            "out",
            "--to",
            "txt",
            "--report",
            "blocker/r.json",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(
        stderr(&out).trim_end(),
        "blocker/r.json: error: cannot write report: blocker is a file, not a folder"
    );
    assert!(!dir.path().join("out").exists(), "nothing converted");

    let out = pressroom(
        dir.path(),
        &[
            "convert",
            "in",
            "-o",
            "out",
            "--to",
            "txt",
            "--report",
            "reports/r.json",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report: serde_json::Value =
        serde_json::from_slice(&fs::read(dir.path().join("reports/r.json")).unwrap()).unwrap();
    assert_eq!(report["summary"]["converted"], 1);
}

/// An output folder inside the input folder is not walked: a second run
/// converts the inputs again, not the first run's renditions (no `out/out/`).
#[test]
fn an_output_folder_inside_the_input_folder_is_not_read_back() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("in")).unwrap();
    fs::write(dir.path().join("in/a.txt"), SEED).unwrap();
    for run in ["first", "second"] {
        let out = pressroom(
            dir.path(),
            &["convert", "in", "-o", "in/out", "--to", "txt"],
        );
        assert_eq!(out.status.code(), Some(0), "{run}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("1 converted, 0 warnings, 0 failed"),
            "{run}: {}",
            stderr(&out)
        );
    }
    assert_eq!(
        files_under(&dir.path().join("in")),
        [dir.path().join("in/a.txt"), dir.path().join("in/out/a.txt")]
    );
}

/// The input folder as output folder: the plain text of `a.txt` is `a.txt`,
/// so the run is refused with one line before anything is written. Formats
/// whose names do not replace an input may be written beside the inputs.
#[test]
fn the_input_folder_as_output_folder_is_refused_when_an_input_would_be_replaced() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("in")).unwrap();
    fs::write(dir.path().join("in/a.txt"), SEED).unwrap();
    let out = pressroom(dir.path(), &["convert", "in", "-o", "in"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(
        stderr(&out).trim_end(),
        "in: error: the output folder is the input folder; choose another with -o"
    );
    assert_eq!(
        files_under(&dir.path().join("in")),
        [dir.path().join("in/a.txt")],
        "no rendition written"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("in/a.txt")).unwrap(),
        SEED
    );

    let beside = pressroom(
        dir.path(),
        &["convert", "in", "-o", "in", "--to", "pdf,json"],
    );
    assert_eq!(beside.status.code(), Some(0), "{}", stderr(&beside));
    assert_eq!(
        files_under(&dir.path().join("in")),
        [
            dir.path().join("in/a.json"),
            dir.path().join("in/a.pdf"),
            dir.path().join("in/a.txt")
        ]
    );
    let again = pressroom(dir.path(), &["convert", "in", "-o", "in"]);
    assert_eq!(again.status.code(), Some(2), "{}", stderr(&again));
    assert_eq!(
        fs::read_to_string(dir.path().join("in/a.txt")).unwrap(),
        SEED
    );
}

/// Template errors name the file, line and key, say what was expected and
/// what was found, and suggest the nearest valid value; exit status 2
/// before any input is read.
#[test]
fn template_errors_name_the_key_and_suggest_the_nearest_value() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), SEED).unwrap();
    let cases = [
        (
            "[styles.body]\nsize = \"big\"\n",
            "house.toml:2: error: styles.body.size: expected a number, found the string \"big\"",
        ),
        (
            "name = \"house\"\n[page]\nsize = \"Leter\"\n",
            "house.toml:3: error: page.size: unknown value `Leter`; did you mean `Letter`? \
             (expected one of: A4, A5, Letter, Legal, Custom)",
        ),
        (
            "[footer]\nfirst = { left = \"{dat}\" }\n",
            "house.toml:2: error: footer.first.left: unknown placeholder {dat}; did you mean \
             {date}? (known: {symbol}, {date}, {headline}, {issuer}, {disclaimer}, {page}, {pages})",
        ),
    ];
    for (template, expected) in cases {
        fs::write(dir.path().join("house.toml"), template).unwrap();
        let out = pressroom(
            dir.path(),
            &["convert", "a.txt", "-o", "out", "--template", "house.toml"],
        );
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert_eq!(stderr(&out).trim_end(), expected);
        assert!(!dir.path().join("out").exists());
    }
}

// Sensible defaults (issue #14, item 4): with no --template each release gets
// its own house style, and a press office's pressroom.toml fixes the rest.

const WHITE_HOUSE: &str = include_str!("../../input/readout.txt");

/// A UN Security Council press statement that names no issuer: the symbol
/// alone shows it is the UN's.
const COUNCIL: &str = "SC/13399\n\n27 JUNE 2018\n\nSecurity Council Press Statement on Mali\n\n\
The members of the Security Council condemned the attack.\n";

/// The lines above the first rule of a text rendition: its letterhead.
fn letterhead(text: &str) -> Vec<&str> {
    text.lines()
        .take_while(|l| !l.starts_with("====="))
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

fn read_json(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&fs::read(path).unwrap()).unwrap()
}

#[test]
fn a_white_house_release_with_no_flags_gets_the_release_letterhead_with_its_issuer() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("wh.txt"), WHITE_HOUSE).unwrap();
    let out = pressroom(
        dir.path(),
        &["convert", "wh.txt", "-o", "out", "--to", "txt"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = fs::read_to_string(dir.path().join("out/wh.txt")).unwrap();
    assert_eq!(letterhead(&text), ["The White House", "NEWS RELEASE"]);
    assert!(!text.contains("UNITED NATIONS"), "{text}");
}

#[test]
fn the_seed_with_no_flags_gets_the_un_letterhead() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("sgsm20447.txt"), SEED).unwrap();
    let out = pressroom(
        dir.path(),
        &["convert", "sgsm20447.txt", "-o", "out", "--to", "txt"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = fs::read_to_string(dir.path().join("out/sgsm20447.txt")).unwrap();
    assert_eq!(
        letterhead(&text),
        [
            "UNITED NATIONS",
            "Meetings Coverage and Press Releases",
            "Press Release"
        ]
    );
    assert!(text.contains("SG/SM/20447"), "{text}");
    let same = pressroom(
        dir.path(),
        &[
            "convert",
            "sgsm20447.txt",
            "-o",
            "flag",
            "--to",
            "txt",
            "--template",
            "un",
        ],
    );
    assert_eq!(same.status.code(), Some(0), "{}", stderr(&same));
    assert_eq!(
        fs::read_to_string(dir.path().join("flag/sgsm20447.txt")).unwrap(),
        text,
        "the chosen `un` is the bundled `un`"
    );
}

#[test]
fn a_mixed_folder_names_both_house_styles_in_the_summary_and_the_report() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("in")).unwrap();
    fs::write(dir.path().join("in/sgsm20447.txt"), SEED).unwrap();
    fs::write(dir.path().join("in/council.txt"), COUNCIL).unwrap();
    fs::write(dir.path().join("in/wh.txt"), WHITE_HOUSE).unwrap();
    let out = pressroom(
        dir.path(),
        &[
            "convert", "in", "-o", "out", "--to", "txt", "--report", "r.json",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("pressroom: 3 converted (2 un, 1 release), 0 warnings"),
        "{}",
        stderr(&out)
    );
    let report = read_json(&dir.path().join("r.json"));
    assert_eq!(report["template"], "auto");
    assert_eq!(report["summary"]["templates"]["un"], 2);
    assert_eq!(report["summary"]["templates"]["release"], 1);
    for doc in report["documents"].as_array().unwrap() {
        let expected = if doc["input"].as_str().unwrap().ends_with("wh.txt") {
            "release"
        } else {
            "un"
        };
        assert_eq!(doc["template"], expected, "{doc}");
        assert_eq!(doc["template_chosen"], "auto", "{doc}");
    }
}

#[test]
fn an_explicit_template_always_wins_and_the_report_says_so() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("wh.txt"), WHITE_HOUSE).unwrap();
    fs::write(dir.path().join("seed.txt"), SEED).unwrap();
    let out = pressroom(
        dir.path(),
        &[
            "convert",
            "wh.txt",
            "seed.txt",
            "-o",
            "out",
            "--to",
            "txt",
            "--template",
            "un",
            "--report",
            "r.json",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = fs::read_to_string(dir.path().join("out/wh.txt")).unwrap();
    assert_eq!(letterhead(&text)[0], "UNITED NATIONS");
    assert!(
        stderr(&out).contains("pressroom: 2 converted, "),
        "one house style, so the summary names none: {}",
        stderr(&out)
    );
    let report = read_json(&dir.path().join("r.json"));
    assert_eq!(report["template"], "un");
    for doc in report["documents"].as_array().unwrap() {
        assert_eq!(doc["template"], "un");
        assert_eq!(doc["template_chosen"], "flag");
    }
}

#[test]
fn a_un_release_naming_no_issuer_gets_united_nations_marked_derived() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("council.txt"), COUNCIL).unwrap();
    let parsed = pressroom(dir.path(), &["parse", "council.txt"]);
    assert_eq!(parsed.status.code(), Some(0), "{}", stderr(&parsed));
    let json: serde_json::Value = serde_json::from_slice(&parsed.stdout).unwrap();
    assert_eq!(json["meta"]["issuer"], "United Nations");
    assert_eq!(json["meta"]["issuer_derived"], true);
    let white_house: serde_json::Value = {
        fs::write(dir.path().join("wh.txt"), WHITE_HOUSE).unwrap();
        serde_json::from_slice(&pressroom(dir.path(), &["parse", "wh.txt"]).stdout).unwrap()
    };
    assert_eq!(white_house["meta"]["issuer"], "The White House");
    // The letterhead slot that prints {issuer} is filled.
    let out = pressroom(
        dir.path(),
        &[
            "convert",
            "council.txt",
            "-o",
            "out",
            "--to",
            "txt",
            "--template",
            "release",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = fs::read_to_string(dir.path().join("out/council.txt")).unwrap();
    assert_eq!(letterhead(&text)[0], "United Nations", "{text}");
    let source =
        pressroom::read_source(COUNCIL.as_bytes(), "council.txt", &Default::default()).unwrap();
    assert!(
        source.expected().check(&text).is_complete(),
        "nothing of the input lost"
    );
}

/// A press office's folder: `office/pressroom.toml`, a release in
/// `office/in/`, and an empty `office/desk/today/` to run from.
fn office(project: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("office/in")).unwrap();
    fs::create_dir_all(dir.path().join("office/desk/today")).unwrap();
    fs::write(dir.path().join("office/in/a.txt"), SEED).unwrap();
    fs::write(dir.path().join("office/pressroom.toml"), project).unwrap();
    dir
}

const PROJECT: &str = "# our house rules\ntemplate = \"release\"\nformats = [\"txt\", \"json\"]\n\
output = \"renditions\"\n";

#[test]
fn pressroom_toml_fixes_template_formats_and_output_found_from_a_subfolder() {
    let dir = office(PROJECT);
    let today = dir.path().join("office/desk/today");
    let out = pressroom(&today, &["convert", "../../in", "--report", "r.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let written: Vec<PathBuf> = files_under(&dir.path().join("office/renditions"));
    assert_eq!(
        written,
        [
            dir.path().join("office/renditions/a.json"),
            dir.path().join("office/renditions/a.txt")
        ],
        "the output folder is relative to the project file, the formats are its"
    );
    let text = fs::read_to_string(&written[1]).unwrap();
    assert_eq!(letterhead(&text), ["United Nations", "NEWS RELEASE"]);
    let report = read_json(&today.join("r.json"));
    assert_eq!(report["documents"][0]["template"], "release");
    assert_eq!(report["documents"][0]["template_chosen"], "project");
}

#[test]
fn flags_override_the_project_file_and_no_project_ignores_it() {
    let dir = office(PROJECT);
    let office = dir.path().join("office");
    let out = pressroom(
        &office,
        &[
            "convert",
            "in",
            "-o",
            "flags",
            "--to",
            "txt",
            "--template",
            "un",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        files_under(&office.join("flags")),
        [office.join("flags/a.txt")]
    );
    let text = fs::read_to_string(office.join("flags/a.txt")).unwrap();
    assert_eq!(letterhead(&text)[0], "UNITED NATIONS");
    assert!(!office.join("renditions").exists());

    let ignored = pressroom(&office, &["convert", "in", "--to", "txt", "--no-project"]);
    assert_eq!(ignored.status.code(), Some(0), "{}", stderr(&ignored));
    assert_eq!(
        files_under(&office.join("output")),
        [office.join("output/a.txt")]
    );
    assert!(!office.join("renditions").exists());
}

#[test]
fn a_bad_key_in_pressroom_toml_is_a_one_line_error_with_its_line() {
    let dir = office("formats = [\"txt\"]\ntemplat = \"un\"\n");
    let today = dir.path().join("office/desk/today");
    let out = pressroom(&today, &["convert", "../../in"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "../../pressroom.toml:2: error: templat: unknown key; did you mean `template`? \
         (expected one of: template, formats, output, pdf_standard, glob, lang)\n"
    );
    assert!(files_under(&today).is_empty(), "nothing converted");
    assert!(!dir.path().join("office/output").exists());
    let ignored = pressroom(
        &today,
        &["convert", "../../in", "--to", "txt", "--no-project"],
    );
    assert_eq!(ignored.status.code(), Some(0), "{}", stderr(&ignored));
}

#[test]
fn the_seed_converted_with_no_flags_names_the_un_as_pdf_author_and_docx_creator() {
    use crate::render_common::{docx, tagged::Tagged};
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("sgsm20447.txt"), SEED).unwrap();
    let out = pressroom(
        dir.path(),
        &["convert", "sgsm20447.txt", "-o", "out", "--to", "pdf,docx"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let pdf = Tagged::load(&fs::read(dir.path().join("out/sgsm20447.pdf")).unwrap());
    assert_eq!(pdf.info("Author").as_deref(), Some("United Nations"));
    assert!(
        pdf.xmp().contains("United Nations"),
        "dc:creator in the XMP"
    );
    let parts = docx::unzip(&fs::read(dir.path().join("out/sgsm20447.docx")).unwrap());
    assert_eq!(
        docx::element_text(&parts["docProps/core.xml"], "dc:creator").as_deref(),
        Some("United Nations")
    );
}
