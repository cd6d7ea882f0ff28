//! Word-safety checks shared by the corpus and property tests, and what a
//! test needs from outside the repository ([`corpus_or_skip`], [`tool_or_skip`]).
//!
//! Every word of the input (markup excepted, see `pressroom::parse::markup`)
//! must appear in the model: (1) as a multiset over all of the model's text
//! (metadata included), and (2) the body's words, in order, must be a
//! subsequence of the input's body words (nothing reordered or invented).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

use pressroom::Document;
use pressroom::model::{Block, Inline, List, plain_text};
use pressroom::parse::markup;
use pressroom::words::{first_missing_in_order, missing_words, words};

/// The pressroom binary run in `dir` with `args`, no standard input, no
/// `SOURCE_DATE_EPOCH`, its output captured: spawn it, or see [`pressroom`].
pub fn pressroom_command(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(PRESSROOM);
    command.args(args);
    in_dir(&mut command, dir);
    command
}

/// The pressroom binary the tests run.
pub const PRESSROOM: &str = env!("CARGO_BIN_EXE_pressroom");

/// Sets up `command` (pressroom, or a program that runs it) as
/// [`pressroom_command`] does: run in `dir`, no standard input, no
/// `SOURCE_DATE_EPOCH`, its output captured.
pub fn in_dir(command: &mut Command, dir: &Path) {
    command
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
}

/// Runs the pressroom binary in `dir` with `args` ([`pressroom_command`]).
pub fn pressroom(dir: &Path, args: &[&str]) -> std::process::Output {
    pressroom_command(dir, args)
        .output()
        .expect("pressroom runs")
}

/// The model's text as the JSON rendition holds it: metadata strings, body,
/// list labels.
pub fn json_model_text(doc: &Document) -> String {
    fn strings(value: &serde_json::Value, out: &mut String) {
        match value {
            serde_json::Value::String(s) => {
                out.push_str(s);
                out.push('\n');
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
            serde_json::Value::Object(map) => map.values().for_each(|v| strings(v, out)),
            _ => {}
        }
    }
    let mut out = String::new();
    strings(
        &serde_json::to_value(&doc.meta).expect("metadata"),
        &mut out,
    );
    out.push_str(&doc.body_text());
    out.push('\n');
    out.push_str(&doc.list_labels().join("\n"));
    out
}

/// The body's text in reading order, link URLs after their text.
pub fn body_text(doc: &Document) -> String {
    let mut out = String::new();
    for block in &doc.body {
        match block {
            Block::LeadIn { content }
            | Block::Paragraph { content }
            | Block::Heading { content, .. }
            | Block::Quote { content } => inlines(content, &mut out),
            Block::SpeakerTurn { speaker, content } => {
                out.push_str(speaker);
                out.push(' ');
                inlines(content, &mut out);
            }
            Block::List(list) => list_text(list, &mut out),
            Block::Boilerplate { title, content } => {
                out.push_str(title);
                for p in content {
                    out.push(' ');
                    inlines(p, &mut out);
                }
            }
            Block::ContactBlock { lines } => out.push_str(&lines.join(" ")),
            Block::Table { rows } => rows.iter().flatten().for_each(|c| {
                inlines(c, &mut out);
                out.push(' ');
            }),
        }
        out.push('\n');
    }
    out
}

fn list_text(list: &List, out: &mut String) {
    // Iterative over nesting: a stack of (list, next item index).
    let mut stack = vec![(list, 0usize)];
    while let Some((l, i)) = stack.pop() {
        if let Some(item) = l.items.get(i) {
            stack.push((l, i + 1));
            if let Some(label) = &item.label {
                out.push_str(label);
                out.push(' ');
            }
            inlines(&item.content, out);
            out.push(' ');
            for child in item.children.iter().rev() {
                stack.push((child, 0));
            }
        }
    }
}

/// Inline runs are separated by a space: in the input they were separated by
/// markup (`**`, `[`), which also separates words.
fn inlines(content: &[Inline], out: &mut String) {
    for inline in content {
        out.push(' ');
        match inline {
            Inline::Text { text } => out.push_str(text),
            Inline::Emphasis { content } | Inline::Strong { content } => inlines(content, out),
            Inline::Link { content, url } => {
                inlines(content, out);
                if plain_text(content) != *url {
                    out.push(' ');
                    out.push_str(url);
                    out.push(' ');
                }
            }
            Inline::LineBreak => out.push('\n'),
        }
    }
}

/// All text of the model: every JSON string value (metadata and body).
pub fn all_text(doc: &Document) -> String {
    let value = serde_json::to_value(doc).expect("serializes");
    let mut out = String::new();
    let mut stack = vec![&value];
    while let Some(v) = stack.pop() {
        match v {
            serde_json::Value::String(s) => {
                out.push_str(s);
                out.push(' ');
            }
            serde_json::Value::Array(items) => stack.extend(items.iter()),
            serde_json::Value::Object(map) => stack.extend(map.values()),
            _ => {}
        }
    }
    out
}

/// Checks word safety of `doc` parsed from normalized `text`; returns a
/// description of the first problem.
pub fn check_words(text: &str, doc: &Document) -> Result<(), String> {
    let source = markup::word_source(text);
    let body_input = words(&source.body);
    let mut expected = words(&source.front_matter.join(" "));
    expected.extend(words(source.prefix_date.as_deref().unwrap_or("")));
    expected.extend(body_input.iter().cloned());
    let actual = words(&all_text(doc));
    let missing = missing_words(&expected, &actual);
    if !missing.is_empty() {
        let shown: Vec<_> = missing.iter().take(8).collect();
        return Err(format!(
            "{} word(s) missing from the model, e.g. {shown:?}",
            missing.len()
        ));
    }
    let body_model = words(&body_text(doc));
    if let Some(i) = first_missing_in_order(&body_model, &body_input) {
        let from = i.saturating_sub(3);
        return Err(format!(
            "body word {i} {:?} is out of input order (context {:?})",
            body_model[i],
            &body_model[from..(i + 3).min(body_model.len())]
        ));
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// What a test needs from outside the repository, and the only two ways to let
// it pass without it. The opt-out variables (README "Set-up" lists them too):
//
//   PRESSROOM_SKIP_CORPUS=1   corpus tests skip when ../shared/corpus is absent
//   PRESSROOM_SKIP_TOOLS=1    checks that need pdftotext, qpdf or GNU time
//                             (/usr/bin/time) skip when the tool is not
//                             installed
//
// Without them a missing corpus or tool fails the test. `.ci/run` sets neither.
// `PRESSROOM_CORPUS=DIR` points the corpus tests at another copy of the corpus.
// ---------------------------------------------------------------------------

/// The shared corpus: `$PRESSROOM_CORPUS`, else `<repository>/../shared/corpus`.
/// `None` (after printing `skipped: …` to stderr) when it is absent and
/// `PRESSROOM_SKIP_CORPUS=1`; a panic naming the fix when it is absent and
/// the variable is not set.
pub fn corpus_or_skip(test: &str) -> Option<PathBuf> {
    let dir = std::env::var_os("PRESSROOM_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    shared_dir_or_skip(test, dir, "../shared/corpus")
}

/// `../shared/corpus-i18n` (the UN's other five languages and the UDHR in
/// six), on the same terms as [`corpus_or_skip`].
pub fn i18n_corpus_or_skip(test: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus-i18n");
    shared_dir_or_skip(test, dir, "../shared/corpus-i18n")
}

/// `dir` (a folder of `../shared`, called `name` in messages) when it is
/// there; else `None` after a `skipped:` line under `PRESSROOM_SKIP_CORPUS=1`,
/// or a panic naming the fix.
fn shared_dir_or_skip(test: &str, dir: PathBuf, name: &str) -> Option<PathBuf> {
    if dir.is_dir() {
        return Some(dir);
    }
    if opted_out("PRESSROOM_SKIP_CORPUS") {
        say(&format!(
            "skipped: {test} needs {name} (set up ../shared or unset PRESSROOM_SKIP_CORPUS)"
        ));
        return None;
    }
    panic!(
        "{test} needs {name}, not found at {}: set up ../shared (or PRESSROOM_CORPUS=DIR for the \
         corpus), or set PRESSROOM_SKIP_CORPUS=1 to skip the corpus tests",
        dir.display()
    );
}

/// Whether the external program `tool` (`pdftotext`, `qpdf`) can be run.
/// When it cannot: `false` (after printing `skipped: …` once per `what`)
/// if `PRESSROOM_SKIP_TOOLS=1`, else a panic naming the fix. `what` says
/// which check is left out.
pub fn tool_or_skip(tool: &str, what: &str) -> bool {
    static FOUND: Mutex<BTreeMap<String, bool>> = Mutex::new(BTreeMap::new());
    static SAID: Mutex<BTreeSet<String>> = Mutex::new(BTreeSet::new());
    let found = *FOUND
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .entry(tool.to_string())
        .or_insert_with(|| Command::new(tool).arg("-v").output().is_ok());
    if found {
        return true;
    }
    if opted_out("PRESSROOM_SKIP_TOOLS") {
        let line =
            format!("skipped: {what} needs {tool} (install it or unset PRESSROOM_SKIP_TOOLS)");
        if SAID
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(line.clone())
        {
            say(&line);
        }
        return false;
    }
    panic!(
        "{what} needs {tool}, which is not installed (apt-get install poppler-utils qpdf time), \
         or set PRESSROOM_SKIP_TOOLS=1 to skip the checks that need it"
    );
}

/// One line on stderr, past the test harness's capture (a skip is shown
/// even when the test passes).
fn say(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{line}");
}

fn opted_out(var: &str) -> bool {
    std::env::var(var).as_deref() == Ok("1")
}
