//! `pressroom watch`: a shared drop folder. Converts what is there, then each
//! text file created or changed, after its writes have settled.

use anyhow::{Context, Result, bail};
use notify::{RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::mpsc;
use std::time::Duration;

use super::args::WatchArgs;
use super::settings::Settings;
use super::{Progress, batch_options, summary_line};
use crate::batch;

/// How long a file must be quiet before it is converted.
const SETTLE: Duration = Duration::from_millis(300);

/// Runs until interrupted; returns the exit code of the last conversion.
pub fn watch(args: &WatchArgs) -> Result<i32> {
    let settings = Settings::resolve(&args.run)?;
    if settings.output.as_os_str() == "-" {
        bail!("watch writes into an output folder; -o - (standard output) is for convert");
    }
    let convert_args = args.as_convert();
    let options = batch_options(&convert_args, &settings)?;
    let glob = batch::glob_filter(&settings.glob)?;
    let dir = args
        .dir
        .canonicalize()
        .map_err(|e| super::at(args.dir.display(), format!("cannot watch: {e}")))?;
    let out_dir = std::fs::create_dir_all(&settings.output)
        .and_then(|_| settings.output.canonicalize())
        .map_err(|e| {
            super::at(
                settings.output.display(),
                format!("cannot create output folder: {e}"),
            )
        })?;
    let never = AtomicBool::new(false);

    let jobs = batch::discover_outside(std::slice::from_ref(&dir), glob.as_ref(), &out_dir)?;
    let mut code = convert(&jobs, &options, &never, args.run.quiet)?;

    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event
            && (event.kind.is_create() || event.kind.is_modify())
        {
            for path in event.paths {
                let _ = tx.send(path);
            }
        }
    })
    .context("cannot start watching")?;
    watcher
        .watch(&dir, RecursiveMode::Recursive)
        .map_err(|e| super::at(dir.display(), format!("cannot watch: {e}")))?;
    if !args.run.quiet {
        eprintln!("pressroom: watching {} (Ctrl-C to stop)", dir.display());
    }
    while let Ok(first) = rx.recv() {
        let mut changed = BTreeSet::from([first]);
        while let Ok(more) = rx.recv_timeout(SETTLE) {
            changed.insert(more);
        }
        let wanted: Vec<PathBuf> = changed
            .into_iter()
            .filter(|p| p.is_file() && !p.starts_with(&out_dir))
            .collect();
        let all = batch::discover_outside(std::slice::from_ref(&dir), glob.as_ref(), &out_dir)?;
        let jobs: Vec<batch::Job> = all
            .into_iter()
            .filter(|job| wanted.iter().any(|w| w == &job.input))
            .collect();
        if !jobs.is_empty() {
            code = convert(&jobs, &options, &never, args.run.quiet)?;
        }
    }
    Ok(code)
}

fn convert(
    jobs: &[batch::Job],
    options: &batch::Options,
    cancel: &AtomicBool,
    quiet: bool,
) -> Result<i32> {
    let progress = Progress::new(0, true);
    let report = batch::run(jobs, options, cancel, &|doc| {
        progress.done(doc);
        if !quiet && doc.status == batch::Status::Converted {
            eprintln!("{}: converted", doc.input);
        }
    })?;
    if !quiet && report.summary.converted > 0 {
        eprintln!("{}", summary_line(&report));
    }
    Ok(if report.summary.failed > 0 {
        super::exit::SOME_FAILED
    } else {
        super::exit::SUCCESS
    })
}
