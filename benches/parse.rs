//! Throughput of normalize + parse over the corpus (no criterion: a plain
//! timing harness). Run with `cargo bench --bench parse`; the corpus is
//! `$PRESSROOM_CORPUS`, else `../shared/corpus`, else `/work/shared/corpus`.

use std::path::{Path, PathBuf};
use std::time::Instant;

use pressroom::model::DocKind;
use pressroom::normalize::{self, normalize};
use pressroom::parse::{self, parse};

fn corpus_dir() -> Option<PathBuf> {
    [
        std::env::var_os("PRESSROOM_CORPUS").map(PathBuf::from),
        Some(Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus")),
        Some(PathBuf::from("/work/shared/corpus")),
    ]
    .into_iter()
    .flatten()
    .find(|p| p.is_dir())
}

fn collect(dir: &Path, out: &mut Vec<Vec<u8>>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "txt")
            && let Ok(bytes) = std::fs::read(&path)
        {
            out.push(bytes);
        }
    }
}

fn main() {
    let Some(dir) = corpus_dir() else {
        eprintln!("corpus not found (set PRESSROOM_CORPUS); nothing to measure");
        return;
    };
    let mut files = Vec::new();
    collect(&dir, &mut files);
    let bytes: usize = files.iter().map(Vec::len).sum();
    let rounds = 10;
    let mut best = f64::INFINITY;
    let mut blocks = 0usize;
    for _ in 0..rounds {
        let start = Instant::now();
        blocks = 0;
        for file in &files {
            if let Ok(n) = normalize(file, &normalize::Options::default()) {
                blocks += parse(&n, &parse::Options::default()).body.len();
            }
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    let counts = recognized(&files);
    let mb = bytes as f64 / 1_000_000.0;
    println!(
        "normalize+parse: {} files, {:.1} MB, {} blocks; best of {rounds}: {:.3} s = {:.1} MB/s, {:.0} docs/s (single thread)",
        files.len(),
        mb,
        blocks,
        best,
        mb / best,
        files.len() as f64 / best
    );
    println!(
        "recognized: {} with a date, {} with a headline from the input, {} derived, {} with a known kind",
        counts[0], counts[1], counts[2], counts[3]
    );
}

/// Files with a date, an input headline, a derived headline and a known
/// kind: a speed-up must not lower these.
fn recognized(files: &[Vec<u8>]) -> [usize; 4] {
    let mut counts = [0; 4];
    for file in files {
        let Ok(n) = normalize(file, &normalize::Options::default()) else {
            continue;
        };
        let meta = parse(&n, &parse::Options::default()).meta;
        counts[0] += usize::from(meta.date.is_some());
        counts[1] += usize::from(meta.headline.as_ref().is_some_and(|h| !h.derived));
        counts[2] += usize::from(meta.headline.as_ref().is_some_and(|h| h.derived));
        counts[3] += usize::from(meta.kind != DocKind::Unknown);
    }
    counts
}
