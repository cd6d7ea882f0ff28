//! The batch driver: many inputs, every requested rendition, in parallel.
//!
//! Each input is read, normalized and parsed once; its renditions are
//! rendered in parallel (rayon: over documents, and over formats within a
//! document), all in memory, and only then written, each atomically. A
//! document whose rendering fails writes nothing; the others go on. The
//! driver never prints: it calls back with each finished [`DocReport`] and
//! returns a [`BatchReport`].

mod discover;
mod guard;
mod incremental;
mod report;
mod templates;
mod write;

pub use discover::{DEFAULT_EXTENSIONS, Job, discover, discover_outside, glob_filter};
pub use incremental::{MANIFEST_NAME, Manifest, fingerprint};
pub use report::{
    BatchReport, DocReport, OutputReport, REPORT_SCHEMA, Status, Summary, sha256_hex,
};
pub use templates::{Chosen, TemplateSource, Templates};
pub use write::{OutputDir, output_path, write_atomic};

use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use crate::bounded::{self, Accept, ReadError};
use crate::error::{Error, Severity};
use crate::model::Document;
use crate::normalize;
use crate::render::{self, Format, RenderOptions, Rendered};
use crate::template::Template;

/// One machine's share of a corpus: shard `index` (1-based) of `count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// 1 ..= count.
    pub index: u32,
    /// Number of shards.
    pub count: u32,
}

impl Shard {
    /// Parses `K/N` with 1 ≤ K ≤ N.
    pub fn parse(s: &str) -> Result<Shard, Error> {
        let bad = || {
            Error::Usage(format!(
                "invalid --shard '{s}': write K/N with 1 <= K <= N, e.g. 2/8"
            ))
        };
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        let index: u32 = k.trim().parse().map_err(|_| bad())?;
        let count: u32 = n.trim().parse().map_err(|_| bad())?;
        if count == 0 || index == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }

    /// True when `job` belongs to this shard: a stable hash of its output
    /// name (the same on every machine and every run) modulo `count`.
    pub fn contains(&self, job: &Job) -> bool {
        let name = job.rel.to_string_lossy();
        let digest = sha256_hex(name.as_bytes());
        let value = u64::from_str_radix(&digest[..16], 16).unwrap_or(0);
        value % u64::from(self.count) == u64::from(self.index - 1)
    }
}

/// Settings of a batch run.
#[derive(Debug, Clone)]
pub struct Options {
    /// Formats to write.
    pub formats: Vec<Format>,
    /// The house style of each document.
    pub templates: Templates,
    /// Writer options.
    pub render: RenderOptions,
    /// Normalizer options (input size limit).
    pub normalize: normalize::Options,
    /// Output folder.
    pub out_dir: PathBuf,
    /// Skip inputs unchanged since the last run into `out_dir`.
    pub incremental: bool,
    /// Keep every document's whole report entry, each output with its
    /// SHA-256 and the timings (the `--report` file). Without it no output
    /// byte is hashed, and once `on_done` has seen an entry only what the
    /// summary counts is kept (input, status, template, warnings, error),
    /// so that memory stays flat over a long batch.
    pub full_report: bool,
    /// Only this shard of the inputs.
    pub shard: Option<Shard>,
    /// The language every document is in (`--lang`), over the one
    /// detected or stated in it.
    pub language: Option<String>,
}

impl Options {
    /// Options for converting in memory with [`convert_bytes`]: `formats` in
    /// `templates`, default writer and normalizer options, the temporary
    /// folder as the (unused) output folder, and no incremental run, full
    /// report, shard or stated language.
    pub fn in_memory(templates: Templates, formats: &[Format]) -> Self {
        Options {
            formats: formats.to_vec(),
            templates,
            render: RenderOptions::default(),
            normalize: normalize::Options::default(),
            out_dir: std::env::temp_dir(),
            incremental: false,
            full_report: false,
            shard: None,
            language: None,
        }
    }

    /// Everything besides the input that shapes the outputs, for
    /// fingerprints: the version, formats and options, the template's
    /// settings, and the bytes (SHA-256) of the files it names, the logo and
    /// every font file, as they were read when the template loaded.
    fn settings_key(&self) -> String {
        let mut key = format!(
            "pressroom {}\nformats {:?}\nwidth {:?} ascii {} timestamp {:?}",
            env!("CARGO_PKG_VERSION"),
            self.formats,
            self.render.width,
            self.render.ascii,
            self.render.timestamp,
        );
        if let Templates::Auto { .. } = self.templates {
            key.push_str("\ntemplates chosen per document");
        }
        if let Some(code) = &self.language {
            key.push_str(&format!("\nlanguage {code}"));
        }
        for template in self.templates.all() {
            key.push_str(&format!(
                "\ntemplate {}",
                serde_json::to_string(template).unwrap_or_default()
            ));
            if let Some(logo) = &template.letterhead.logo_image {
                key.push_str(&format!("\nlogo {}", sha256_hex(&logo.data().file)));
            }
            for (spec, file) in template.font_files.iter() {
                key.push_str(&format!("\nfont {spec:?} {}", file.sha256));
            }
        }
        key
    }
}

/// A document and its renditions, in memory.
#[derive(Debug)]
pub struct Converted {
    /// The parsed document.
    pub document: Document,
    /// The normalized input text (what [`crate::coverage`] measures from).
    pub normalized_text: String,
    /// Detected encoding of the input.
    pub encoding: String,
    /// The house style it was rendered in (`un`, `release`, or the
    /// template's name or path as given).
    pub template: String,
    /// Where that house style came from.
    pub template_source: TemplateSource,
    /// Renditions in the order requested.
    pub renditions: Vec<(Format, Rendered)>,
    /// Milliseconds per stage.
    pub timings_ms: BTreeMap<String, f64>,
}

fn ms_since(start: Instant) -> f64 {
    (start.elapsed().as_secs_f64() * 1e6).round() / 1e3
}

/// Reads (a text or a Word draft, see [`crate::prepare`]), parses and
/// renders one input in memory (no files touched).
pub fn convert_bytes(
    bytes: &[u8],
    source_name: &str,
    options: &Options,
) -> Result<Converted, Error> {
    let mut timings = BTreeMap::new();
    let start = Instant::now();
    let prepared = crate::prepare(bytes, source_name, &options.normalize)?;
    timings.insert("normalize".to_string(), ms_since(start));
    let start = Instant::now();
    let mut document = crate::parse_prepared(&prepared, source_name);
    if let Some(code) = &options.language {
        crate::template::state_language(&mut document.meta, code);
    }
    timings.insert("parse".to_string(), ms_since(start));
    let chosen = options.templates.for_document(&document);
    let results: Vec<(Format, Result<Rendered, Error>, f64)> = options
        .formats
        .par_iter()
        .map(|&format| {
            let start = Instant::now();
            let result = render_one(format, &document, chosen.template, &options.render);
            (format, result, ms_since(start))
        })
        .collect();
    let mut renditions = Vec::with_capacity(results.len());
    for (format, result, ms) in results {
        timings.insert(format.extension().to_string(), ms);
        renditions.push((format, result?));
    }
    Ok(Converted {
        document,
        normalized_text: prepared.normalized.text,
        encoding: prepared.normalized.encoding,
        template: chosen.name.to_string(),
        template_source: chosen.source,
        renditions,
        timings_ms: timings,
    })
}

/// Renders one format.
pub fn render_one(
    format: Format,
    doc: &Document,
    template: &Template,
    options: &RenderOptions,
) -> Result<Rendered, Error> {
    match format {
        Format::Pdf => render::pdf::render(doc, template, options),
        Format::Docx => render::docx::render(doc, template, options),
        Format::Txt => Ok(Rendered {
            bytes: render::text::render(doc, template, options).into_bytes(),
            ..Rendered::default()
        }),
        Format::Json => Ok(Rendered {
            bytes: render::json::render(doc).into_bytes(),
            ..Rendered::default()
        }),
    }
}

/// Reads an input file (or standard input for `-`), at most `limit` bytes:
/// the read itself stops past the limit, whatever the file's metadata says
/// (a link to `/dev/zero` fails at the limit instead of filling memory).
pub fn read_input(path: &Path, limit: u64) -> Result<Vec<u8>, Error> {
    let result = if path.as_os_str() == "-" {
        bounded::read_from(std::io::stdin().lock(), limit, 0)
    } else {
        bounded::read(path, limit, Accept::Any)
    };
    result.map_err(|e| match e {
        ReadError::Io(source) => Error::Read {
            path: path.to_path_buf(),
            source,
        },
        ReadError::TooLarge {
            size: Some(size),
            limit,
        } => Error::TooLarge { size, limit },
        ReadError::TooLarge { size: None, limit } => Error::OverLimit { limit },
        ReadError::NotRegular(what) => Error::Read {
            path: path.to_path_buf(),
            source: std::io::Error::other(format!("not a regular file ({what})")),
        },
    })
}

/// Reads one input with [`read_input`] and turns it into a document, with
/// the same size limit for the read and the normalizer.
pub fn read_document(path: &Path, name: &str, limit: u64) -> Result<Document, Error> {
    read_source(path, name, limit).map(|source| source.document)
}

/// [`read_document`], keeping the normalized text (see [`crate::Source`]).
pub fn read_source(path: &Path, name: &str, limit: u64) -> Result<crate::Source, Error> {
    let bytes = read_input(path, limit)?;
    let options = normalize::Options {
        max_input_size: limit,
    };
    crate::read_source(&bytes, name, &options)
}

/// Converts the inputs of `jobs` (after the shard filter) and writes their
/// renditions under `options.out_dir`. A run in which a rendition would
/// replace an input (the output folder is an input folder and the plain
/// text of `a.txt` is `a.txt`) is refused with [`Error::Refused`] before
/// anything is written. `on_done` is called from worker
/// threads as each input finishes; `cancel` stops new inputs from starting
/// (inputs already started finish and are written whole).
pub fn run(
    jobs: &[Job],
    options: &Options,
    cancel: &AtomicBool,
    on_done: &(dyn Fn(&DocReport) + Sync),
) -> Result<BatchReport, Error> {
    let start = Instant::now();
    let selected: Vec<&Job> = jobs
        .iter()
        .filter(|job| options.shard.is_none_or(|s| s.contains(job)))
        .collect();
    guard::refuse_replacing_inputs(jobs, &selected, options)?;
    let out_dir = OutputDir::open(&options.out_dir)?;
    let previous = if options.incremental {
        Manifest::load(&options.out_dir)
    } else {
        Manifest::default()
    };
    let settings = options.settings_key();
    let any = !selected.is_empty();
    if any {
        warm_docx_fonts(options);
    }
    let fresh = Mutex::new(BTreeMap::new());
    let convert_all = || -> Vec<DocReport> {
        selected
            .par_iter()
            .filter_map(|job| {
                if cancel.load(Ordering::Relaxed) {
                    return None;
                }
                let (report, print) = convert_job(job, options, &out_dir, &settings, &previous);
                if let (Some(print), Ok(mut map)) = (print, fresh.lock()) {
                    map.insert(job.rel.to_string_lossy().into_owned(), print);
                }
                on_done(&report);
                Some(if options.full_report {
                    report
                } else {
                    report.summarized()
                })
            })
            .collect()
    };
    let warm_pdf = || {
        if any {
            warm_pdf_fonts(options);
        }
    };
    let ((), documents) = rayon::join(warm_pdf, convert_all);
    if options.incremental {
        let mut manifest = previous;
        manifest.pressroom = env!("CARGO_PKG_VERSION").to_string();
        manifest
            .entries
            .extend(fresh.into_inner().unwrap_or_default());
        let bytes = serde_json::to_vec_pretty(&manifest).unwrap_or_default();
        out_dir.write(&Manifest::path(&options.out_dir), &bytes, None)?;
    }
    let mut report = BatchReport {
        schema: REPORT_SCHEMA,
        pressroom: env!("CARGO_PKG_VERSION").to_string(),
        template: options.templates.name().to_string(),
        formats: options
            .formats
            .iter()
            .map(|f| f.extension().to_string())
            .collect(),
        shard: options.shard.map(|s| format!("{}/{}", s.index, s.count)),
        pdf_standard: options
            .formats
            .iter()
            .any(|f| f.extension() == "pdf")
            .then(|| options.templates.pdf_standard().name().to_string()),
        summary: Summary {
            seconds: start.elapsed().as_secs_f64(),
            ..Summary::default()
        },
        documents,
    };
    report.recount();
    Ok(report)
}

/// Builds the DOCX font parts every document of the run embeds, before the
/// documents (see [`render::docx::warm`]).
fn warm_docx_fonts(options: &Options) {
    if options.formats.contains(&Format::Docx) {
        options
            .templates
            .all()
            .into_iter()
            .for_each(render::docx::warm);
    }
}

/// Builds the PDF core subsets every document of the run draws, on one
/// worker beside the first documents (see [`render::pdf::warm`]). On one
/// thread it is skipped: there it could only add faces no document uses.
fn warm_pdf_fonts(options: &Options) {
    if rayon::current_num_threads() > 1 && options.formats.contains(&Format::Pdf) {
        options
            .templates
            .all()
            .into_iter()
            .for_each(render::pdf::warm);
    }
}

/// Converts and writes one job; returns its report and, when it was written
/// or found unchanged, its fingerprint for the manifest.
fn convert_job(
    job: &Job,
    options: &Options,
    out_dir: &OutputDir,
    settings: &str,
    previous: &Manifest,
) -> (DocReport, Option<String>) {
    let mut report = DocReport {
        input: job.input.display().to_string(),
        status: Status::Failed,
        encoding: None,
        template: None,
        template_chosen: None,
        outputs: Vec::new(),
        warnings: Vec::new(),
        error: None,
        timings_ms: BTreeMap::new(),
    };
    let start = Instant::now();
    let bytes = match read_input(&job.input, options.normalize.max_input_size) {
        Ok(bytes) => bytes,
        Err(e) => {
            report.error = Some(e.to_string());
            return (report, None);
        }
    };
    report.timings_ms.insert("read".into(), ms_since(start));
    let print = options.incremental.then(|| fingerprint(&bytes, settings));
    let targets: Vec<(Format, PathBuf)> = options
        .formats
        .iter()
        .map(|&f| (f, output_path(&options.out_dir, &job.rel, f.extension())))
        .collect();
    let key = job.rel.to_string_lossy();
    if options.incremental
        && previous.entries.get(key.as_ref()) == print.as_ref()
        && targets.iter().all(|(_, path)| path.exists())
    {
        report.status = Status::Skipped;
        report.outputs = targets
            .iter()
            .map(|(format, path)| OutputReport {
                format: format.extension().to_string(),
                path: path.display().to_string(),
                bytes: std::fs::metadata(path).map(|m| m.len()).unwrap_or(0),
                sha256: String::new(),
                pages: None,
            })
            .collect();
        return (report, print);
    }
    let converted = match convert_bytes(&bytes, &report.input, options) {
        Ok(c) => c,
        Err(e) => {
            report.error = Some(e.to_string());
            return (report, None);
        }
    };
    report.encoding = Some(converted.encoding.clone());
    report.template = Some(converted.template.clone());
    report.template_chosen = Some(converted.template_source);
    report.timings_ms.extend(converted.timings_ms.clone());
    let mut seen = std::collections::BTreeSet::new();
    let diagnostics = converted.document.diagnostics.iter().chain(
        converted
            .renditions
            .iter()
            .flat_map(|(_, r)| r.diagnostics.iter()),
    );
    for d in diagnostics {
        if d.severity >= Severity::Warning && seen.insert(d.to_string()) {
            report.warnings.push(d.shortened());
        }
    }
    let start = Instant::now();
    // Canonical once per document: no rendition may overwrite its input.
    let real_input = (job.input.as_os_str() != "-")
        .then(|| job.input.canonicalize().ok())
        .flatten();
    // Each rendition is written on its own: one that cannot be written (a
    // full disk) fails the document, and the others are still written whole.
    let mut write_errors = Vec::new();
    for ((format, rendered), (_, path)) in converted.renditions.iter().zip(&targets) {
        if let Err(e) = out_dir.write(path, &rendered.bytes, real_input.as_deref()) {
            write_errors.push(e.to_string());
            continue;
        }
        report.outputs.push(OutputReport {
            format: format.extension().to_string(),
            path: path.display().to_string(),
            bytes: rendered.bytes.len() as u64,
            sha256: if options.full_report {
                sha256_hex(&rendered.bytes)
            } else {
                String::new()
            },
            pages: rendered.pages,
        });
    }
    report.timings_ms.insert("write".into(), ms_since(start));
    if !write_errors.is_empty() {
        report.error = Some(write_errors.join("; "));
        return (report, None);
    }
    report.status = Status::Converted;
    (report, print)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shard_parsing_and_partition() {
        assert!(Shard::parse("0/3").is_err());
        assert!(Shard::parse("4/3").is_err());
        assert!(Shard::parse("x").is_err());
        let shards: Vec<Shard> = (1..=3)
            .map(|k| Shard::parse(&format!("{k}/3")).unwrap())
            .collect();
        for i in 0..200 {
            let job = Job {
                input: format!("f{i}.txt").into(),
                rel: format!("f{i}").into(),
            };
            let owners = shards.iter().filter(|s| s.contains(&job)).count();
            assert_eq!(owners, 1, "job {i} must belong to exactly one shard");
        }
    }
}
