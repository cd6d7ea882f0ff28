//! DOCX throughput over the White House briefing-room corpus.
//!
//! `cargo bench --bench docx` prints documents per second on one thread and
//! on the rayon pool (all cores). Parsing happens once, outside the timing.
//! The corpus is `$PRESSROOM_CORPUS`, else `<manifest>/../shared/corpus`,
//! else `/work/shared/corpus`.

use std::path::PathBuf;
use std::time::Instant;

use pressroom::render::{RenderOptions, docx};
use rayon::prelude::*;

fn corpus_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("PRESSROOM_CORPUS") {
        return PathBuf::from(dir);
    }
    let sibling = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if sibling.is_dir() {
        return sibling;
    }
    PathBuf::from("/work/shared/corpus")
}

fn main() {
    let dir = corpus_dir().join("whitehouse-briefing-room");
    let mut paths: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect(),
        Err(e) => {
            eprintln!("docx bench: cannot read {}: {e}", dir.display());
            return;
        }
    };
    paths.sort();
    let docs: Vec<_> = paths
        .iter()
        .filter_map(|p| {
            let bytes = std::fs::read(p).ok()?;
            pressroom::read_document(&bytes, &p.display().to_string()).ok()
        })
        .collect();
    let template = pressroom::template::resolve("un").expect("bundled template");
    let options = RenderOptions::default();
    let render = |doc| {
        docx::render(doc, &template, &options)
            .map(|r| r.bytes.len())
            .unwrap_or(0)
    };
    let bytes: usize = docs.iter().map(render).sum();
    println!(
        "docx: {} documents, {:.1} KiB per DOCX on average",
        docs.len(),
        bytes as f64 / docs.len().max(1) as f64 / 1024.0
    );

    let rounds = 5;
    let start = Instant::now();
    for _ in 0..rounds {
        std::hint::black_box(docs.iter().map(render).sum::<usize>());
    }
    let single = (rounds * docs.len()) as f64 / start.elapsed().as_secs_f64();
    println!("docx: {single:.0} docs/s on 1 thread");

    let start = Instant::now();
    for _ in 0..rounds {
        std::hint::black_box(docs.par_iter().map(render).sum::<usize>());
    }
    let parallel = (rounds * docs.len()) as f64 / start.elapsed().as_secs_f64();
    println!(
        "docx: {parallel:.0} docs/s on {} threads",
        rayon::current_num_threads()
    );
}
