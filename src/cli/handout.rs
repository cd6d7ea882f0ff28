//! `pressroom handout`: many releases, one printable pack.

use anyhow::{Result, bail};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::Instant;

use super::args::{HandoutArgs, HandoutOrder};
use super::exit;
use crate::batch::{self, OutputDir};
use crate::handout::{self, Order};
use crate::model::Document;
use crate::render::RenderOptions;
use crate::template::PdfStandard;

/// Builds the pack and writes it (and its DOCX twin) only when every input
/// was read: a handout is one document, so an input that cannot be read
/// fails it (see [`read_all`]), with exit status 1.
pub fn handout(args: &HandoutArgs) -> Result<i32> {
    let start = Instant::now();
    let docx_path = args.output.with_extension("docx");
    if args.docx && docx_path == args.output {
        return Err(super::at(
            args.output.display(),
            "the PDF and its --docx twin would have the same name; name the PDF (-o pack.pdf)",
        ));
    }
    let mut template = super::load_template(&args.template)?;
    if let Some(standard) = args.pdf_standard {
        template.pdf.standard = standard.into();
    }
    let glob = batch::glob_filter(&args.glob)?;
    let jobs = batch::discover(&args.inputs, glob.as_ref())?;
    if jobs.is_empty() {
        bail!("no releases found in the inputs given");
    }
    let Some(mut docs) = read_all(&jobs, args) else {
        return Ok(exit::SOME_FAILED);
    };
    if let Some(code) = &args.lang {
        for doc in &mut docs {
            crate::template::state_language(&mut doc.meta, code);
        }
    }
    if !args.quiet {
        for doc in &docs {
            let name = doc.meta.source_file.as_deref().unwrap_or("-");
            for d in &doc.diagnostics {
                eprintln!("{}", d.display_for(name));
            }
        }
    }
    let options = handout::Options {
        title: args.title.clone(),
        order: match args.order {
            HandoutOrder::Date => Order::Date,
            HandoutOrder::Input => Order::Input,
        },
        duplex: args.duplex,
        language: args.lang.clone(),
    };
    let pack = handout::build(&docs, &template, &options).map_err(|e| {
        super::at(
            args.output.display(),
            format!("cannot lay out the handout: {e}"),
        )
    })?;
    if !args.quiet {
        for (source, d) in &pack.warnings {
            eprintln!("{}", d.display_for(source));
        }
    }
    let date = handout::pdf_date(&docs).or_else(|| {
        let options = RenderOptions {
            timestamp: super::source_date_epoch(),
            ..RenderOptions::default()
        };
        crate::render::pdf::pdf_date(&Document::default(), &options)
    });
    let mut standard = pack.standard;
    let (pdf, sheets) = if args.booklet {
        let imposed = handout::impose::impose(&pack.layout);
        let sheets = imposed.pages.len();
        standard = booklet_standard(pack.standard);
        if standard != pack.standard && !args.quiet {
            eprintln!(
                "{}: warning: an imposed booklet is not in reading order: it claims {}, not {} (the flat pack is the accessible one)",
                args.output.display(),
                standard.name(),
                pack.standard.name()
            );
        }
        (
            handout::pdf_of(&imposed, date.as_deref(), standard)?,
            Some(sheets),
        )
    } else {
        (handout::pdf(&pack, date.as_deref())?, None)
    };
    let docx = if args.docx {
        let options = RenderOptions {
            timestamp: super::source_date_epoch(),
            ..RenderOptions::default()
        };
        let rendered = handout::docx(&pack, &docs, &template, &options)?;
        Some(rendered.bytes)
    } else {
        None
    };
    let parent = match args.output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let out = OutputDir::open(&parent)?;
    if let Some(bytes) = &docx {
        out.write(&docx_path, bytes, None)?;
    }
    out.write(&args.output, &pdf, None)?;
    if !args.quiet {
        let layout = match sheets {
            Some(sides) => format!(
                ", imposed on {sides} sheet sides ({} sheets)",
                sides.div_ceil(2)
            ),
            None => String::new(),
        };
        eprintln!(
            "pressroom: {}: {} in {} pages{layout}, PDF {}{} in {:.2} s",
            args.output.display(),
            handout::count_label(docs.len()),
            pack.plan.total,
            standard.name(),
            if docx.is_some() {
                format!(" (and {})", display(&docx_path))
            } else {
                String::new()
            },
            start.elapsed().as_secs_f64()
        );
    }
    Ok(exit::SUCCESS)
}

/// Reads every input. When some cannot be read, prints one error line for
/// each (`PATH: error: …`, in input order), then one for the pack
/// (`OUT: error: handout not written: N of M inputs could not be read`),
/// and returns `None`: nothing is written.
fn read_all(jobs: &[batch::Job], args: &HandoutArgs) -> Option<Vec<Document>> {
    let read: Vec<(String, Result<Document, crate::Error>)> = jobs
        .par_iter()
        .map(|job| {
            let name = job.input.display().to_string();
            let doc = batch::read_document(&job.input, &name, args.max_input_size);
            (name, doc)
        })
        .collect();
    let mut docs = Vec::with_capacity(read.len());
    let mut failed = 0;
    for (name, doc) in read {
        match doc {
            Ok(doc) => docs.push(doc),
            Err(e) => {
                failed += 1;
                super::report_failure(&name, &e);
            }
        }
    }
    if failed == 0 {
        return Some(docs);
    }
    let inputs = if jobs.len() == 1 { "input" } else { "inputs" };
    let message = format!(
        "handout not written: {failed} of {} {inputs} could not be read",
        jobs.len()
    );
    eprintln!("{}", super::error_line(&display(&args.output), &message));
    None
}

/// What an imposed booklet can claim: its pages are sheets in folding
/// order, so a reader following the pages would not follow the text; it
/// keeps PDF/A-2b when the pack claimed PDF/A, and no accessibility claim.
fn booklet_standard(pack: PdfStandard) -> PdfStandard {
    match pack {
        PdfStandard::Ua1A2a | PdfStandard::A2b => PdfStandard::A2b,
        PdfStandard::Ua1 | PdfStandard::None => PdfStandard::None,
    }
}

fn display(path: &Path) -> String {
    path.display().to_string()
}
