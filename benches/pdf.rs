//! PDF throughput on the White House corpus, with a per-stage breakdown
//! (read = normalize + parse, layout, subset, write) and a page-flatness
//! check (time per page from 1- to 200-page documents).
//!
//! Run: `cargo bench --bench pdf` (corpus: `PRESSROOM_CORPUS`, else
//! `<manifest>/../shared/corpus`, else `/work/shared/corpus`).
//! `PDF_BENCH_ONLY=flatness`, `PDF_BENCH_LIMIT=100` (documents per folder),
//! `PDF_BENCH_PAGES=200` and `PDF_BENCH_REPS=2` narrow the run, e.g. for
//! instruction counts under callgrind.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use pressroom::layout;
use pressroom::model::{Block, Document};
use pressroom::render::RenderOptions;
use pressroom::render::pdf::{PdfWriter, Timings, pdf_date};
use pressroom::template::{self, Template};
use rayon::prelude::*;

fn corpus() -> PathBuf {
    if let Some(dir) = std::env::var_os("PRESSROOM_CORPUS") {
        return PathBuf::from(dir);
    }
    let sibling = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if sibling.exists() {
        sibling
    } else {
        PathBuf::from("/work/shared/corpus")
    }
}

fn inputs(folder: &str) -> Vec<(String, Vec<u8>)> {
    let dir = corpus().join(folder);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
        .into_iter()
        .filter_map(|p| Some((p.display().to_string(), std::fs::read(&p).ok()?)))
        .collect()
}

#[derive(Default, Clone, Copy)]
struct Stages {
    read: Duration,
    layout: Duration,
    subset: Duration,
    write: Duration,
    pages: usize,
}

fn render_one(name: &str, bytes: &[u8], t: &Template, st: &mut Stages) -> usize {
    let t0 = Instant::now();
    let Ok(doc) = pressroom::read_document(bytes, name) else {
        return 0;
    };
    let t1 = Instant::now();
    let laid = layout::layout(&doc, t).expect("layout");
    let t2 = Instant::now();
    let mut w = PdfWriter::new();
    w.add(&laid);
    let mut timings = Timings::default();
    let date = pdf_date(&doc, &RenderOptions::default());
    let out = w
        .finish_timed(&laid.info, date.as_deref(), &mut timings)
        .expect("pdf");
    st.read += t1 - t0;
    st.layout += t2 - t1;
    st.subset += timings.subset;
    st.write += timings.write;
    st.pages += laid.pages.len();
    out.len()
}

fn ms(d: Duration, n: usize) -> f64 {
    d.as_secs_f64() * 1000.0 / n.max(1) as f64
}

fn throughput(label: &str, docs: &[(String, Vec<u8>)], t: &Template) {
    // Warm the caches (fonts, core subsets, shape plans, words) once.
    let mut warm = Stages::default();
    for (name, bytes) in docs.iter().take(20) {
        render_one(name, bytes, t, &mut warm);
    }
    // Single thread, per stage.
    let mut st = Stages::default();
    let start = Instant::now();
    let mut size = 0;
    for (name, bytes) in docs {
        size += render_one(name, bytes, t, &mut st);
    }
    let single = start.elapsed();
    let n = docs.len();
    println!(
        "{label}: {n} docs, {} pages, {:.1} KB/PDF avg",
        st.pages,
        size as f64 / n as f64 / 1024.0
    );
    println!(
        "  1 thread : {:>7.0} docs/s   per doc: read {:.3} ms, layout {:.3} ms, subset {:.3} ms, write {:.3} ms",
        n as f64 / single.as_secs_f64(),
        ms(st.read, n),
        ms(st.layout, n),
        ms(st.subset, n),
        ms(st.write, n)
    );
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .expect("pool");
    pool.install(|| {
        docs.par_iter().for_each(|(name, bytes)| {
            let mut s = Stages::default();
            render_one(name, bytes, t, &mut s);
        })
    });
    let start = Instant::now();
    let rounds = 3;
    for _ in 0..rounds {
        pool.install(|| {
            docs.par_iter().for_each(|(name, bytes)| {
                let mut s = Stages::default();
                render_one(name, bytes, t, &mut s);
            })
        });
    }
    let two = start.elapsed() / rounds;
    println!("  2 threads: {:>7.0} docs/s", n as f64 / two.as_secs_f64());
}

/// What printpdf's document skeleton would cost (issue 4, design card):
/// the same pages (MediaBox), link annotations and document information
/// through `PdfDocument` → `to_lopdf_document` → `save_to`, with no fonts
/// and no content, which is the part the writer would hand to printpdf.
fn printpdf_skeleton(docs: &[(String, Vec<u8>)], t: &Template) {
    use printpdf::{
        Actions, LinkAnnotation, Mm, Op, PdfDocument, PdfPage, PdfSaveOptions, Pt, Rect,
    };
    let laid: Vec<_> = docs
        .iter()
        .filter_map(|(name, bytes)| pressroom::read_document(bytes, name).ok())
        .map(|doc| layout::layout(&doc, t).expect("layout"))
        .collect();
    let opts = PdfSaveOptions {
        optimize: false,
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let skeleton = |l: &layout::frame::Layout| -> Vec<u8> {
        let mut pdf = PdfDocument::new(l.info.title.as_deref().unwrap_or(""));
        pdf.metadata.info.author = l.info.author.clone().unwrap_or_default();
        pdf.metadata.info.subject = l.info.subject.clone().unwrap_or_default();
        pdf.metadata.info.creator = "pressroom".into();
        pdf.metadata.info.producer = "pressroom".into();
        pdf.pages = l
            .pages
            .iter()
            .map(|p| {
                let ops = p
                    .items
                    .iter()
                    .filter_map(|i| match i {
                        layout::frame::Item::Link(link) => Some(Op::LinkAnnotation {
                            link: LinkAnnotation::new(
                                Rect::from_xywh(
                                    Pt(link.rect.0),
                                    Pt(p.height - link.rect.3),
                                    Pt(link.rect.2 - link.rect.0),
                                    Pt(link.rect.3 - link.rect.1),
                                ),
                                Actions::Uri(link.url.clone()),
                                None,
                                None,
                                None,
                            ),
                        }),
                        _ => None,
                    })
                    .collect();
                PdfPage::new(Mm::from(Pt(p.width)), Mm::from(Pt(p.height)), ops)
            })
            .collect();
        let mut warnings = Vec::new();
        let mut doc = pdf.to_lopdf_document(&opts, &mut warnings);
        let mut out = Vec::new();
        doc.save_to(&mut out).expect("save");
        out
    };
    for l in &laid {
        skeleton(l);
    }
    let start = Instant::now();
    let mut size = 0;
    for l in &laid {
        size += skeleton(l).len();
    }
    println!(
        "  printpdf skeleton (pages, links, info; no fonts, no content): {:.4} ms/doc, {} bytes/doc",
        ms(start.elapsed(), laid.len()),
        size / laid.len().max(1)
    );
}

fn flatness(t: &Template, seed: &Document) {
    println!("page flatness ({}):", t.name);
    let paragraphs: Vec<Block> = seed.body.clone();
    // `PDF_BENCH_PAGES=200` measures one size only (for callgrind).
    let sizes: Vec<usize> = match std::env::var("PDF_BENCH_PAGES") {
        Ok(v) => v.split(',').filter_map(|n| n.trim().parse().ok()).collect(),
        Err(_) => vec![1, 10, 50, 200],
    };
    for target in sizes {
        let mut doc = seed.clone();
        doc.body.clear();
        // Paragraphs are added until the document has `target` pages; a
        // one-page document is filled until the next paragraph would spill.
        let mut n = 0;
        loop {
            doc.body.push(paragraphs[n % paragraphs.len()].clone());
            n += 1;
            if n % 8 == 0 || target == 1 {
                let pages = layout::layout(&doc, t).expect("layout").pages.len();
                if target == 1 && pages > 1 {
                    doc.body.pop();
                    break;
                }
                if target > 1 && pages >= target {
                    break;
                }
            }
        }
        let glyphs: usize = layout::layout(&doc, t)
            .expect("layout")
            .pages
            .iter()
            .flat_map(|p| &p.items)
            .map(|item| match item {
                layout::frame::Item::Text(run) => run.glyphs.len(),
                _ => 0,
            })
            .sum();
        let reps = std::env::var("PDF_BENCH_REPS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or((400 / target).max(3));
        let start = Instant::now();
        let mut pages = 0;
        for _ in 0..reps {
            let r =
                pressroom::render::pdf::render(&doc, t, &RenderOptions::default()).expect("pdf");
            pages += r.pages.unwrap_or(0);
        }
        let el = start.elapsed();
        println!(
            "  {:>4} pages: {:.3} ms/page ({:.2} ms/doc), {} glyphs/page, {:.3} ms per 1,000 glyphs",
            pages / reps,
            ms(el, pages),
            ms(el, reps),
            glyphs * reps / pages.max(1),
            ms(el, reps) * 1000.0 / glyphs.max(1) as f64
        );
    }
}

fn main() {
    // `PDF_BENCH_LIMIT=n` takes the first n documents of each corpus folder.
    let limit: usize = std::env::var("PDF_BENCH_LIMIT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(usize::MAX);
    let t = template::resolve("un").expect("un template");
    // `PDF_BENCH_ONLY=flatness` skips the corpus runs (for profiling).
    let only_flatness = std::env::var("PDF_BENCH_ONLY").is_ok_and(|v| v == "flatness");
    let wh = if only_flatness {
        Vec::new()
    } else {
        let mut v = inputs("whitehouse-briefing-room");
        v.truncate(limit);
        v
    };
    if !wh.is_empty() {
        throughput("whitehouse-briefing-room (un)", &wh, &t);
        printpdf_skeleton(&wh, &t);
    }
    let ungdc = if only_flatness {
        Vec::new()
    } else {
        inputs("ungdc")
    };
    if !ungdc.is_empty() {
        let n = ungdc.len().min(100);
        throughput("ungdc (un, first 100)", &ungdc[..n], &t);
    }
    let seed = inputs("seed");
    if let Some((name, bytes)) = seed.first() {
        let doc = pressroom::read_document(bytes, name).expect("seed");
        flatness(&t, &doc);
    }
}
