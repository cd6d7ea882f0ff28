//! The command line: parses arguments, calls the library, prints one line per
//! warning or error (`path:line: message`), and maps the outcome to the exit
//! codes in [`exit`]. This is the only place that reads the environment
//! (`SOURCE_DATE_EPOCH`) or talks to the terminal.

pub mod args;
pub mod exit;
mod handout;
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
use args::{Cli, Command, ConvertArgs, RunArgs, TemplatesAction};

/// Runs the command line; returns the process exit code.
pub fn main() -> i32 {
    survive_file_size_limit();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                exit::USAGE
            } else {
                exit::SUCCESS
            };
        }
    };
    let outcome = match cli.command {
        None => convert(&ConvertArgs::default()),
        Some(Command::Convert(args)) => convert(&args),
        Some(Command::Parse {
            file,
            max_input_size,
        }) => parse(&file, max_input_size),
        Some(Command::Check { input, texts }) => check(&input, &texts),
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
            eprintln!("pressroom: {}", one_line(&e));
            exit::USAGE
        }
    }
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

/// The batch options `convert` (and `watch`) run with.
fn batch_options(args: &ConvertArgs) -> Result<batch::Options> {
    let mut template = template::resolve(&args.run.template)?;
    if let Some(standard) = args.run.pdf_standard {
        template.pdf.standard = standard.into();
    }
    Ok(batch::Options {
        formats: formats(&args.run.to)?,
        template,
        template_name: args.run.template.clone(),
        render: RenderOptions {
            timestamp: source_date_epoch(),
            width: args.run.width,
            ascii: args.run.ascii,
        },
        normalize: crate::normalize::Options {
            max_input_size: args.run.max_input_size,
        },
        out_dir: args.run.output.clone(),
        incremental: args.incremental,
        shard: args.shard.as_deref().map(batch::Shard::parse).transpose()?,
    })
}

fn convert(args: &ConvertArgs) -> Result<i32> {
    let options = batch_options(args)?;
    if args.run.output.as_os_str() == "-"
        || (args.inputs.len() == 1
            && args.inputs[0].as_os_str() == "-"
            && args.run.output.as_os_str() == "output")
    {
        return convert_to_stdout(args, &options);
    }
    if let Some(jobs) = args.jobs {
        rayon::ThreadPoolBuilder::new()
            .num_threads(jobs.max(1))
            .build_global()
            .context("cannot start worker threads")?;
    }
    let glob = batch::glob_filter(&args.run.glob)?;
    let jobs = batch::discover(&args.inputs, glob.as_ref())?;
    let cancel = Arc::new(AtomicBool::new(false));
    install_interrupt_handler(&cancel);
    let progress = Progress::new(jobs.len(), args.run.quiet);
    let report = batch::run(&jobs, &options, &cancel, &|doc| progress.done(doc))?;
    progress.finish();
    if let Some(path) = &args.report {
        let bytes = serde_json::to_vec_pretty(&report).context("cannot serialize the report")?;
        std::fs::write(path, bytes)
            .with_context(|| format!("{}: cannot write report", path.display()))?;
    }
    if !args.run.quiet {
        eprintln!("{}", summary_line(&report));
    }
    if cancel.load(Ordering::Relaxed) {
        eprintln!("pressroom: interrupted; inputs not started were left unconverted");
        return Ok(exit::SOME_FAILED);
    }
    Ok(if report.summary.failed > 0 {
        exit::SOME_FAILED
    } else {
        exit::SUCCESS
    })
}

/// `convert -` (or `-o -`): one input, one format, to standard output.
fn convert_to_stdout(args: &ConvertArgs, options: &batch::Options) -> Result<i32> {
    let [input] = args.inputs.as_slice() else {
        bail!("writing to standard output takes exactly one input");
    };
    let format = match args.run.to.as_slice() {
        [_] => options.formats[0],
        _ if args.run.to == RunArgs::default().to => Format::Txt,
        _ => bail!(
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

/// `path: error: message`, without repeating a path the message already starts with.
fn error_line(input: &str, message: &str) -> String {
    if message.starts_with(input) {
        format!("error: {message}")
    } else {
        format!("{input}: error: {message}")
    }
}

fn summary_line(report: &BatchReport) -> String {
    let s = &report.summary;
    let mut line = format!(
        "pressroom: {} converted, {} warnings, {} failed",
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
                std::process::exit(130);
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
    let bytes = match batch::read_input(file, max_input_size) {
        Ok(bytes) => bytes,
        Err(e) => return Ok(report_failure(&name, &e)),
    };
    let doc = match crate::read_document(&bytes, &name) {
        Ok(doc) => doc,
        Err(e) => return Ok(report_failure(&name, &e)),
    };
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(crate::render::json::render(&doc).as_bytes())?;
    stdout.flush()?;
    Ok(exit::SUCCESS)
}

fn check(input: &Path, texts: &[std::path::PathBuf]) -> Result<i32> {
    let name = input.display().to_string();
    let limit = crate::normalize::Options::default().max_input_size;
    let bytes = match batch::read_input(input, limit) {
        Ok(bytes) => bytes,
        Err(e) => return Ok(report_failure(&name, &e)),
    };
    let doc = match crate::read_document(&bytes, &name) {
        Ok(doc) => doc,
        Err(e) => return Ok(report_failure(&name, &e)),
    };
    let mut code = exit::SUCCESS;
    for text_path in texts {
        let bytes = batch::read_input(text_path, u64::MAX)?;
        let text = String::from_utf8_lossy(&bytes);
        let coverage = crate::words::check(&doc, &text);
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
            "{}: {} of {} words missing from {}",
            name,
            coverage.missing.len(),
            coverage.expected,
            text_path.display()
        );
        if !shown.is_empty() {
            line.push_str(&format!(" ({})", shown.join(", ")));
        }
        if let Some(at) = &coverage.out_of_order {
            line.push_str(&format!("; body out of order at {at}"));
        }
        println!("{line}");
    }
    Ok(code)
}

fn templates(action: TemplatesAction) -> Result<i32> {
    match action {
        TemplatesAction::List => {
            for (i, b) in template::BUNDLED.iter().enumerate() {
                let t = template::resolve(b.name)?;
                let default = if i == 0 { " (default)" } else { "" };
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
        TemplatesAction::Init { name, dir } => {
            let b = template::bundled(&name).ok_or_else(|| {
                anyhow!(
                    "unknown template '{name}' (bundled: {})",
                    template::bundled_names().join(", ")
                )
            })?;
            std::fs::create_dir_all(&dir)
                .with_context(|| format!("{}: cannot create folder", dir.display()))?;
            let target = dir.join(format!("{}.toml", b.name));
            if target.exists() {
                bail!("{}: already exists; not overwritten", target.display());
            }
            std::fs::write(&target, b.source)
                .with_context(|| format!("{}: cannot write", target.display()))?;
            println!(
                "{}: copied; edit it and use it with --template {}",
                target.display(),
                target.display()
            );
        }
    }
    Ok(exit::SUCCESS)
}
