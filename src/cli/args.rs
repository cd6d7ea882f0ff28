//! Command-line arguments (clap derive).

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  pressroom                                   convert input/ into output/ (all formats)
  pressroom convert release.txt -o out/       one file, PDF + DOCX + TXT + JSON
  pressroom convert drop/ -o out/ --to pdf,txt --template release
  pressroom convert - --to txt < release.txt  standard input to standard output
  pressroom parse release.txt                 the document model as JSON
  pressroom templates init un mystyle/        copy a bundled template to edit

Without --template, each release gets `un` when it is the United Nations'
and `release` otherwise. A pressroom.toml in this folder or one above it
can fix the template, formats, output folder, PDF standard and globs;
flags override it, --no-project ignores it.

Exit status: 0 all inputs converted, 1 some inputs failed (the others were
converted; for handout, an input could not be read and no pack was written;
for check, a word is missing), 2 usage, template, output-folder or report
error (nothing converted), 130 interrupted (Ctrl-C).";

/// Turns raw press-release text into official PDF, DOCX, plain-text and JSON renditions.
#[derive(Debug, Parser)]
#[command(name = "pressroom", version, about, after_help = EXAMPLES)]
pub struct Cli {
    /// What to do (default: convert input/ into output/).
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Convert releases (files, folders, or - for standard input).
    Convert(ConvertArgs),
    /// Print the document model of one release as JSON.
    Parse {
        /// The input file, or - for standard input.
        file: PathBuf,
        /// Refuse inputs larger than this many bytes.
        #[arg(long, default_value_t = crate::normalize::Options::default().max_input_size)]
        max_input_size: u64,
    },
    /// Check that extracted rendition texts hold every word of an input (body in order).
    ///
    /// Use it on the text a PDF or DOCX reader extracts (pdftotext, python-docx,
    /// LibreOffice). Exit status 1 when a word is missing.
    Check {
        /// The input release.
        input: PathBuf,
        /// Extracted texts of its renditions (- reads standard input).
        #[arg(required = true)]
        texts: Vec<PathBuf>,
        /// Refuse an input larger than this many bytes (and an extracted
        /// text larger than four times as many).
        #[arg(long, default_value_t = crate::normalize::Options::default().max_input_size)]
        max_input_size: u64,
    },
    /// Make one printable pack of many releases: cover, contents, every release.
    ///
    /// Releases start on a new page (a right-hand page with --duplex), pages are
    /// numbered across the pack, and the contents and bookmarks link to each release.
    Handout(HandoutArgs),
    /// Watch a drop folder: convert each text file created or changed in it.
    ///
    /// Files already in the folder are converted first (unchanged ones are skipped
    /// through the output folder's manifest). Stop with Ctrl-C.
    Watch(WatchArgs),
    /// List, show or copy the house-style templates.
    Templates {
        /// What to do with templates.
        #[command(subcommand)]
        action: TemplatesAction,
    },
}

/// `pressroom templates …`
#[derive(Debug, Subcommand)]
pub enum TemplatesAction {
    /// List the bundled templates.
    List,
    /// Print a bundled template's TOML.
    Show {
        /// Template name (un, release, handout).
        name: String,
    },
    /// Copy a bundled template (and its fonts' licence) into DIR to be edited.
    Init {
        /// Template name (un, release, handout).
        name: String,
        /// Folder to create the template in.
        dir: PathBuf,
    },
}

/// `pressroom convert …`
#[derive(Debug, Args, Clone)]
pub struct ConvertArgs {
    /// Input files or folders (folders are walked recursively); - reads standard input.
    #[arg(default_value = "input")]
    pub inputs: Vec<PathBuf>,
    /// Where and how to write.
    #[command(flatten)]
    pub run: RunArgs,
    /// Worker threads (default: one per core).
    #[arg(short, long)]
    pub jobs: Option<usize>,
    /// Write a JSON report of the run to this file.
    #[arg(long)]
    pub report: Option<PathBuf>,
    /// Skip inputs whose input, template and pressroom version are unchanged since the last run.
    #[arg(long)]
    pub incremental: bool,
    /// Convert only shard K of N (1-based), by a stable hash of each output name.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<String>,
}

impl Default for ConvertArgs {
    fn default() -> Self {
        ConvertArgs {
            inputs: vec![PathBuf::from("input")],
            run: RunArgs::default(),
            jobs: None,
            report: None,
            incremental: false,
            shard: None,
        }
    }
}

/// The options `convert` and `watch` share: output folder, formats, house
/// style, which files to take, and how to report. Those left out come from
/// the project file (`pressroom.toml`), else from the defaults named here.
#[derive(Debug, Args, Clone)]
pub struct RunArgs {
    /// Output folder (for convert, - writes the one requested format to
    /// standard output) [default: output].
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Formats to write, comma-separated: pdf, docx, txt, json [default: all].
    #[arg(long, value_delimiter = ',')]
    pub to: Option<Vec<String>>,
    /// House style: a bundled template name (un, release, handout) or a path
    /// to a .toml file [default: un for United Nations releases, release for
    /// the others, chosen per document].
    #[arg(short, long)]
    pub template: Option<String>,
    /// Plain text: wrap width in columns (default: the template's, 72 for un).
    #[arg(long)]
    pub width: Option<usize>,
    /// Plain text: map ’ “ ” — U+2011 NBSP and friends to ASCII.
    #[arg(long)]
    pub ascii: bool,
    /// When walking folders, convert only files matching these globs (default: *.txt, *.text).
    #[arg(long, value_delimiter = ',')]
    pub glob: Vec<String>,
    /// Refuse inputs larger than this many bytes.
    #[arg(long, default_value_t = crate::normalize::Options::default().max_input_size)]
    pub max_input_size: u64,
    /// Print errors only (no progress, warnings or summary).
    #[arg(short, long)]
    pub quiet: bool,
    /// Standards the PDF is written to and claims (default: the template's,
    /// ua-1+a-2a): ua-1+a-2a = tagged PDF/UA-1 and PDF/A-2a, ua-1 = PDF/UA-1,
    /// a-2b = PDF/A-2b, none = no claim. Every PDF is tagged whatever the choice.
    #[arg(long, value_enum)]
    pub pdf_standard: Option<PdfStandardArg>,
    /// Ignore the project file (pressroom.toml in this folder or above).
    #[arg(long)]
    pub no_project: bool,
    /// The language of the releases (ISO 639-1: en, fr, es, ru, zh, ar, …),
    /// instead of the one detected or stated in each: it picks the
    /// template's strings and date format for that language.
    #[arg(long, value_name = "CODE", value_parser = language_code)]
    pub lang: Option<String>,
    /// A folder of fonts tried for characters the template's and the bundled
    /// fonts lack, before the system's fonts (repeatable).
    #[arg(long, value_name = "DIR")]
    pub font_dir: Vec<PathBuf>,
}

/// Reads `--lang CODE`: an ISO 639 code, two or three letters (a region
/// or script subtag is accepted and ignored: `fr-CA` is `fr`).
pub fn language_code(code: &str) -> Result<String, String> {
    let primary = crate::template::primary_language(code);
    let letters =
        (2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_lowercase());
    if letters {
        Ok(primary)
    } else {
        Err(format!(
            "`{code}` is not a language code (write an ISO 639-1 code: en, fr, es, ru, zh, ar, …)"
        ))
    }
}

/// The `--pdf-standard` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PdfStandardArg {
    /// Tagged PDF/UA-1 and PDF/A-2a.
    #[value(name = "ua-1+a-2a")]
    Ua1A2a,
    /// Tagged PDF/UA-1.
    #[value(name = "ua-1")]
    Ua1,
    /// PDF/A-2b.
    #[value(name = "a-2b")]
    A2b,
    /// No claim.
    #[value(name = "none")]
    None,
}

impl From<PdfStandardArg> for crate::template::PdfStandard {
    fn from(arg: PdfStandardArg) -> Self {
        use crate::template::PdfStandard;
        match arg {
            PdfStandardArg::Ua1A2a => PdfStandard::Ua1A2a,
            PdfStandardArg::Ua1 => PdfStandard::Ua1,
            PdfStandardArg::A2b => PdfStandard::A2b,
            PdfStandardArg::None => PdfStandard::None,
        }
    }
}

impl Default for RunArgs {
    fn default() -> Self {
        RunArgs {
            output: None,
            to: None,
            template: None,
            width: None,
            ascii: false,
            glob: Vec::new(),
            max_input_size: crate::normalize::Options::default().max_input_size,
            quiet: false,
            pdf_standard: None,
            no_project: false,
            lang: None,
            font_dir: Vec::new(),
        }
    }
}

/// Release order in a handout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum HandoutOrder {
    /// By release date, oldest first (undated last).
    Date,
    /// As given on the command line (folders in name order).
    Input,
}

/// `pressroom handout …`
#[derive(Debug, Args, Clone)]
pub struct HandoutArgs {
    /// Input files or folders (folders are walked recursively).
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// The pack to write (PDF).
    #[arg(short, long, default_value = "output/handout.pdf")]
    pub output: PathBuf,
    /// Title on the cover [default: the template's `pack.title` in the
    /// pack's language, "Press Releases" in English].
    #[arg(long)]
    pub title: Option<String>,
    /// The language of the releases (ISO 639-1), instead of the one
    /// detected or stated in each; the cover and contents are in it too
    /// (without it: in the language most releases are in).
    #[arg(long, value_name = "CODE", value_parser = language_code)]
    pub lang: Option<String>,
    /// House style: a bundled template name or a path to a .toml file.
    #[arg(short, long, default_value = "handout")]
    pub template: String,
    /// Release order.
    #[arg(long, value_enum, default_value = "date")]
    pub order: HandoutOrder,
    /// Start every release on a right-hand page (blank versos inserted).
    #[arg(long)]
    pub duplex: bool,
    /// Standards the PDF claims (see `convert --help`; default: the template's).
    #[arg(long, value_enum)]
    pub pdf_standard: Option<PdfStandardArg>,
    /// Impose for saddle-stitch printing: two pages per landscape sheet side,
    /// padded to a multiple of four, in folding order.
    #[arg(long)]
    pub booklet: bool,
    /// Also write the pack as one DOCX next to the PDF (same name, .docx).
    #[arg(long)]
    pub docx: bool,
    /// When walking folders, take only files matching these globs (default: *.txt, *.text).
    #[arg(long, value_delimiter = ',')]
    pub glob: Vec<String>,
    /// Refuse inputs larger than this many bytes.
    #[arg(long, default_value_t = crate::normalize::Options::default().max_input_size)]
    pub max_input_size: u64,
    /// Print errors only.
    #[arg(short, long)]
    pub quiet: bool,
}

/// `pressroom watch …`
#[derive(Debug, Args, Clone)]
pub struct WatchArgs {
    /// The drop folder to watch (recursively).
    pub dir: PathBuf,
    /// Where and how to write.
    #[command(flatten)]
    pub run: RunArgs,
}

impl WatchArgs {
    /// The equivalent `convert` arguments for the files of the drop folder.
    pub fn as_convert(&self) -> ConvertArgs {
        ConvertArgs {
            inputs: vec![self.dir.clone()],
            run: self.run.clone(),
            incremental: true,
            ..ConvertArgs::default()
        }
    }
}

/// The most `check` reads of one extracted text: four times the input limit
/// (a rendition adds letterhead, running heads and spacing to the input's words).
pub fn check_text_limit(max_input_size: u64) -> u64 {
    max_input_size.saturating_mul(4)
}
