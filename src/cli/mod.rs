//! The command line: parses arguments, calls the library, prints one line per
//! warning or error (`path:line: message`), and maps the outcome to the exit
//! codes in [`exit`]. This is the only place that reads the environment
//! (`SOURCE_DATE_EPOCH`, the current folder where the project file is
//! looked for) or talks to the terminal.

pub mod args;
pub mod exit;
mod handout;
mod settings;
mod watch;

use anyhow::{Context, Result, anyhow, bail};
use clap::Parser;
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

use crate::batch::{self, BatchReport, DocReport, Status};
use crate::error::Error;
use crate::render::{Format, RenderOptions};
use crate::template;
use args::{Cli, Command, ConvertArgs, TemplatesAction};
use settings::Settings;

/// Runs the command line; returns the process exit code.
pub fn main() -> i32 {
    survive_file_size_limit();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if e.use_stderr() => {
            eprint!("{}", usage_error(&e.render().to_string()));
            return exit::USAGE;
        }
        Err(e) => {
            let _ = e.print();
            return exit::SUCCESS;
        }
    };
    let outcome = match cli.command {
        None => convert(&ConvertArgs::default()),
        Some(Command::Convert(args)) => convert(&args),
        Some(Command::Parse {
            file,
            max_input_size,
        }) => parse(&file, max_input_size),
        Some(Command::Check {
            input,
            texts,
            max_input_size,
        }) => check(&input, &texts, max_input_size),
        Some(Command::Handout(args)) => handout::handout(&args),
        Some(Command::Watch(args)) => watch::watch(&args),
        Some(Command::Templates { action }) => templates(action),
    };
    match outcome {
        Ok(code) => code,
        Err(e) => {
            if is_broken_pipe(&e) {
                return exit::SUCCESS;
            }
            eprintln!("{}", top_error_line(&e));
            exit::USAGE
        }
    }
}

/// clap's usage error with its first line in the one shape
/// (`pressroom: error: …`); the usage and hint lines that follow are kept.
fn usage_error(rendered: &str) -> String {
    let (first, rest) = rendered.split_once('\n').unwrap_or((rendered, ""));
    let first = first.strip_prefix("error: ").unwrap_or(first);
    format!("pressroom: error: {first}\n{rest}")
}

/// The error and its causes on one line, each cause once (a library error
/// that already prints its source is not followed by the source again).
fn one_line(e: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if line.contains(&text) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&text);
    }
    line.replace('\n', " ")
}

/// An error about one file (and line): `at` is `PATH` or `PATH:LINE`.
/// Prints as `at: message`; the top-level handler prints it as
/// `at: error: message`.
#[derive(Debug)]
pub(crate) struct Located {
    /// `PATH` or `PATH:LINE`.
    pub at: String,
    /// What went wrong.
    pub message: String,
}

impl std::fmt::Display for Located {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.at, self.message)
    }
}

impl std::error::Error for Located {}

/// An error about `path`, for the top-level handler.
pub(crate) fn at(path: impl std::fmt::Display, message: impl Into<String>) -> anyhow::Error {
    anyhow::Error::new(Located {
        at: path.to_string(),
        message: message.into(),
    })
}

/// Where an error happened, when it names a file: a [`Located`] error, or a
/// library error about a file read or written.
fn location(e: &anyhow::Error) -> Option<String> {
    if let Some(located) = e.downcast_ref::<Located>() {
        return Some(located.at.clone());
    }
    match e.downcast_ref::<Error>()? {
        Error::Read { path, .. } | Error::Write { path, .. } | Error::Refused { path, .. } => {
            Some(path.display().to_string())
        }
        _ => None,
    }
}

/// The one-line form of a run-stopping error: `PATH[:LINE]: error: message`,
/// or `pressroom: error: message` when no file is at fault.
fn top_error_line(e: &anyhow::Error) -> String {
    let line = one_line(e);
    match location(e) {
        Some(at) => error_line(&at, &line),
        None => format!("pressroom: error: {line}"),
    }
}

/// `PATH[:LINE]: error: message` for a message about `at`; a message that
/// already starts with `at: ` is not prefixed twice. (Errors quote paths,
/// not input text, so nothing is shortened here; warnings are, see
/// [`crate::Diagnostic::display_for`].)
pub(crate) fn error_line(at: &str, message: &str) -> String {
    let message = message
        .strip_prefix(at)
        .and_then(|rest| rest.strip_prefix(": "))
        .unwrap_or(message);
    format!("{at}: error: {message}")
}

/// A template or project-file error as `FILE:LINE` plus message: the
/// loader's messages start with the file's path (as given) and, where
/// known, the line.
fn located_error(name: &str, e: Error) -> anyhow::Error {
    let (Error::Template(message) | Error::Project(message)) = &e else {
        return e.into();
    };
    let Some(rest) = message
        .strip_prefix(name)
        .and_then(|rest| rest.strip_prefix(':'))
    else {
        return e.into();
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    match rest[digits..].strip_prefix(": ") {
        Some(message) if digits > 0 => at(format!("{name}:{}", &rest[..digits]), message),
        _ => at(name, rest.trim_start()),
    }
}

/// Loads `--template NAME|PATH`; errors name the file and line.
pub(crate) fn load_template(name: &str) -> Result<template::Template> {
    template::resolve(name).map_err(|e| located_error(name, e))
}

pub(crate) use crate::error::shorten_long_words;

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// `SOURCE_DATE_EPOCH`, when set to an integer.
pub(crate) fn source_date_epoch() -> Option<i64> {
    std::env::var("SOURCE_DATE_EPOCH").ok()?.trim().parse().ok()
}

fn formats(names: &[String]) -> Result<Vec<Format>> {
    let mut out = Vec::new();
    for name in names {
        let format = Format::from_name(name)
            .ok_or_else(|| anyhow!("unknown format '{name}' in --to (use pdf, docx, txt, json)"))?;
        if !out.contains(&format) {
            out.push(format);
        }
    }
    if out.is_empty() {
        bail!("--to names no format (use pdf, docx, txt, json)");
    }
    Ok(out)
}

/// The house styles a run uses: the one named (by flag or project file),
/// else `un` or `release` chosen per document.
fn house_styles(settings: &Settings) -> Result<batch::Templates> {
    let mut templates = match &settings.template {
        Some((name, source)) => batch::Templates::named(load_template(name)?, name, *source),
        None => batch::Templates::auto()?,
    };
    if let Some(standard) = settings.pdf_standard {
        templates.set_pdf_standard(standard);
    }
    Ok(templates)
}

/// The batch options `convert` (and `watch`) run with.
fn batch_options(args: &ConvertArgs, settings: &Settings) -> Result<batch::Options> {
    // Characters no bundled face draws: --font-dir folders, then the system's fonts.
    crate::layout::fonts::set_font_sources(crate::layout::fonts::FontSources {
        system: true,
        dirs: args.run.font_dir.clone(),
    });
    Ok(batch::Options {
        formats: formats(&settings.formats)?,
        templates: house_styles(settings)?,
        render: RenderOptions {
            timestamp: source_date_epoch(),
            width: args.run.width,
            ascii: args.run.ascii,
        },
        normalize: crate::normalize::Options {
            max_input_size: args.run.max_input_size,
        },
        out_dir: settings.output.clone(),
        incremental: args.incremental,
        full_report: args.report.is_some(),
        shard: args.shard.as_deref().map(batch::Shard::parse).transpose()?,
        language: settings.language.clone(),
    })
}

fn convert(args: &ConvertArgs) -> Result<i32> {
    let settings = Settings::resolve(&args.run)?;
    let options = batch_options(args, &settings)?;
    if settings.output.as_os_str() == "-"
        || (args.inputs.len() == 1
            && args.inputs[0].as_os_str() == "-"
            && args.run.output.is_none())
    {
        return convert_to_stdout(args, &settings, &options);
    }
    if let Some(jobs) = args.jobs {
        rayon::ThreadPoolBuilder::new()
            .num_threads(jobs.max(1))
            .build_global()
            .context("cannot start worker threads")?;
    }
    let glob = batch::glob_filter(&settings.glob)?;
    let jobs = batch::discover_outside(&args.inputs, glob.as_ref(), &settings.output)?;
    if let Some(path) = &args.report {
        check_report_path(path)?;
    }
    let cancel = Arc::new(AtomicBool::new(false));
    install_interrupt_handler(&cancel);
    let progress = Progress::new(jobs.len(), args.run.quiet);
    let report = batch::run(&jobs, &options, &cancel, &|doc| progress.done(doc))?;
    progress.finish();
    if let Some(path) = &args.report {
        let bytes = serde_json::to_vec_pretty(&report).context("cannot serialize the report")?;
        std::fs::write(path, bytes)
            .map_err(|e| at(path.display(), format!("cannot write report: {e}")))?;
    }
    if !args.run.quiet {
        eprintln!("{}", summary_line(&report));
    }
    if cancel.load(Ordering::Relaxed) {
        eprintln!("pressroom: error: interrupted; inputs not started were left unconverted");
        return Ok(exit::INTERRUPTED);
    }
    Ok(if report.summary.failed > 0 {
        exit::SOME_FAILED
    } else {
        exit::SUCCESS
    })
}

/// Refuses a `--report` path that cannot be written, before the batch
/// writes anything (`PATH: error: cannot write report: …`). Its folder is
/// created when missing, as the output folder is; a new file must be
/// possible there (a hidden temporary file is made and removed), or the
/// existing file must open for writing (which leaves it as it is, so
/// `/dev/stdout` works).
fn check_report_path(path: &Path) -> Result<()> {
    let refuse = |why: String| at(path.display(), format!("cannot write report: {why}"));
    if path.is_dir() {
        return Err(refuse("it is a folder".into()));
    }
    if path.exists() {
        return std::fs::OpenOptions::new()
            .append(true)
            .open(path)
            .map(drop)
            .map_err(|e| refuse(e.to_string()));
    }
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(folder).map_err(|e| {
        refuse(match folder.ancestors().find(|p| p.is_file()) {
            Some(file) => format!("{} is a file, not a folder", file.display()),
            None => format!("cannot create folder {}: {e}", folder.display()),
        })
    })?;
    tempfile::Builder::new()
        .prefix(".pressroom-")
        .suffix(".tmp")
        .tempfile_in(folder)
        .map(drop)
        .map_err(|e| refuse(format!("cannot create a file in {}: {e}", folder.display())))
}

/// `convert -` (or `-o -`): one input, one format, to standard output: the
/// one `--to` names, else the project's when it names one, else TXT.
fn convert_to_stdout(
    args: &ConvertArgs,
    settings: &Settings,
    options: &batch::Options,
) -> Result<i32> {
    let [input] = args.inputs.as_slice() else {
        bail!("writing to standard output takes exactly one input");
    };
    let format = match (&args.run.to, settings.formats.as_slice()) {
        (_, [_]) => options.formats[0],
        (None, _) => Format::Txt,
        (Some(_), _) => bail!(
            "writing to standard output takes exactly one format (--to txt, json, pdf or docx)"
        ),
    };
    let options = batch::Options {
        formats: vec![format],
        ..options.clone()
    };
    let name = input.display().to_string();
    let bytes = match batch::read_input(input, options.normalize.max_input_size) {
        Ok(bytes) => bytes,
        Err(e) => return Ok(report_failure(&name, &e)),
    };
    let converted = match batch::convert_bytes(&bytes, &name, &options) {
        Ok(c) => c,
        Err(e) => return Ok(report_failure(&name, &e)),
    };
    if !args.run.quiet {
        for d in converted.document.diagnostics.iter().chain(
            converted
                .renditions
                .iter()
                .flat_map(|(_, r)| r.diagnostics.iter()),
        ) {
            eprintln!("{}", d.display_for(&name));
        }
    }
    let mut stdout = std::io::stdout().lock();
    for (_, rendered) in &converted.renditions {
        stdout.write_all(&rendered.bytes)?;
    }
    stdout.flush()?;
    Ok(exit::SUCCESS)
}

pub(crate) fn report_failure(name: &str, e: &Error) -> i32 {
    eprintln!("{}", error_line(name, &e.to_string()));
    exit::SOME_FAILED
}

/// `pressroom: 12 converted (8 un, 4 release), 0 warnings, 0 failed in …`:
/// the house styles are named when the converted documents mix them.
fn summary_line(report: &BatchReport) -> String {
    let s = &report.summary;
    let mut styles: Vec<(&String, &usize)> = s.templates.iter().collect();
    styles.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let mixed = if styles.len() > 1 {
        let named: Vec<String> = styles.iter().map(|(t, n)| format!("{n} {t}")).collect();
        format!(" ({})", named.join(", "))
    } else {
        String::new()
    };
    let mut line = format!(
        "pressroom: {} converted{mixed}, {} warnings, {} failed",
        s.converted, s.warnings, s.failed
    );
    if s.skipped > 0 {
        line.push_str(&format!(", {} unchanged", s.skipped));
    }
    line.push_str(&format!(
        " in {:.2} s ({:.0} docs/s)",
        s.seconds, s.docs_per_second
    ));
    line
}

/// Ignores SIGXFSZ, so that a write past a file-size limit (`ulimit -f`)
/// fails with an error the batch reports for that file, instead of killing
/// the process and leaving a temporary file behind.
fn survive_file_size_limit() {
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to SIG_IGN installs no handler
    // code; it is done once, before any other thread starts.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
}

fn install_interrupt_handler(cancel: &Arc<AtomicBool>) {
    static HANDLER: OnceLock<Arc<AtomicBool>> = OnceLock::new();
    if HANDLER.set(cancel.clone()).is_ok() {
        let _ = ctrlc::set_handler(|| {
            if HANDLER
                .get()
                .is_some_and(|flag| flag.swap(true, Ordering::SeqCst))
            {
                std::process::exit(exit::INTERRUPTED);
            }
        });
    }
}

/// Progress bar on a terminal; otherwise plain lines for warnings and errors.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    quiet: bool,
}

impl Progress {
    fn new(total: usize, quiet: bool) -> Self {
        let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
            let bar = indicatif::ProgressBar::new(total as u64);
            let style = indicatif::ProgressStyle::with_template(
                "{bar:30} {pos}/{len} documents  {per_sec}  ETA {eta}  {wide_msg}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
            bar.set_style(style);
            bar
        });
        Progress { bar, quiet }
    }

    fn print(&self, line: &str) {
        match &self.bar {
            Some(bar) => bar.println(line),
            None => eprintln!("{line}"),
        }
    }

    fn done(&self, doc: &DocReport) {
        if let Some(error) = &doc.error {
            self.print(&error_line(&doc.input, error));
        }
        if !self.quiet && doc.status != Status::Failed {
            for warning in &doc.warnings {
                self.print(&warning.display_for(&doc.input));
            }
        }
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

fn parse(file: &Path, max_input_size: u64) -> Result<i32> {
    let name = file.display().to_string();
    let doc = match batch::read_document(file, &name, max_input_size) {
        Ok(doc) => doc,
        Err(e) => return Ok(report_failure(&name, &e)),
    };
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(crate::render::json::render(&doc).as_bytes())?;
    stdout.flush()?;
    Ok(exit::SUCCESS)
}

/// `check`: exit status 1 when an extracted text misses a word of the
/// input. The input is read with `max_input_size`, each extracted text with
/// [`args::check_text_limit`] of it.
fn check(input: &Path, texts: &[std::path::PathBuf], max_input_size: u64) -> Result<i32> {
    let name = input.display().to_string();
    let expected = match batch::read_source(input, &name, max_input_size) {
        Ok(source) => source.expected(),
        Err(e) => return Ok(report_failure(&name, &e)),
    };
    let text_limit = args::check_text_limit(max_input_size);
    let mut code = exit::SUCCESS;
    for text_path in texts {
        let bytes = batch::read_input(text_path, text_limit).map_err(|e| match e {
            Error::TooLarge { .. } | Error::OverLimit { .. } => at(
                text_path.display(),
                format!(
                    "extracted text is larger than the limit of {text_limit} bytes \
                     (4 × --max-input-size)"
                ),
            ),
            e => e.into(),
        })?;
        let text = String::from_utf8_lossy(&bytes);
        let coverage = expected.check(&text);
        if coverage.is_complete() {
            continue;
        }
        code = exit::SOME_FAILED;
        let shown: Vec<&str> = coverage
            .missing
            .iter()
            .take(8)
            .map(String::as_str)
            .collect();
        let mut line = format!(
            "{}: error: {} of {} words missing from {}",
            name,
            coverage.missing.len(),
            coverage.expected,
            text_path.display()
        );
        if !shown.is_empty() {
            line.push_str(&format!(" ({})", shorten_long_words(&shown.join(", "))));
        }
        if let Some(at) = &coverage.out_of_order {
            line.push_str(&format!(
                "; body out of order at {}",
                shorten_long_words(at)
            ));
        }
        println!("{line}");
    }
    Ok(code)
}

fn templates(action: TemplatesAction) -> Result<i32> {
    match action {
        TemplatesAction::List => {
            for b in template::BUNDLED {
                let t = template::resolve(b.name)?;
                let default = match b.name {
                    "un" => " (default for United Nations releases)",
                    "release" => " (default for other releases)",
                    "handout" => " (default for handouts)",
                    _ => "",
                };
                println!("{:<10}{}{default}", b.name, t.description);
            }
        }
        TemplatesAction::Show { name } => {
            let b = template::bundled(&name).ok_or_else(|| {
                anyhow!(
                    "unknown template '{name}' (bundled: {})",
                    template::bundled_names().join(", ")
                )
            })?;
            print!("{}", b.source);
        }
        TemplatesAction::Init { name, dir } => init_template(&name, &dir)?,
    }
    Ok(exit::SUCCESS)
}

/// The licence of the bundled Noto fonts the bundled templates name.
const FONT_LICENCE: &str = include_str!("../../templates/fonts/OFL.txt");

/// `templates init NAME DIR`: writes `DIR/NAME.toml` (never over an
/// existing file) and, beside it, `DIR/OFL.txt`, the licence of the
/// bundled fonts the template names (an existing `OFL.txt` is kept).
fn init_template(name: &str, dir: &Path) -> Result<()> {
    let b = template::bundled(name).ok_or_else(|| {
        anyhow!(
            "unknown template '{name}' (bundled: {})",
            template::bundled_names().join(", ")
        )
    })?;
    std::fs::create_dir_all(dir)
        .map_err(|e| at(dir.display(), format!("cannot create folder: {e}")))?;
    let target = dir.join(format!("{}.toml", b.name));
    if target.exists() {
        return Err(at(target.display(), "already exists; not overwritten"));
    }
    let licence = dir.join("OFL.txt");
    if !licence.exists() {
        std::fs::write(&licence, FONT_LICENCE)
            .map_err(|e| at(licence.display(), format!("cannot write: {e}")))?;
    }
    std::fs::write(&target, b.source)
        .map_err(|e| at(target.display(), format!("cannot write: {e}")))?;
    println!(
        "{}: copied, with the fonts' licence in {}; edit it and use it with --template {}",
        target.display(),
        licence.display(),
        target.display()
    );
    Ok(())
}
