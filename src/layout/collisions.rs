//! Checks that nothing prints over anything: running heads that fit their
//! slots, list labels that fit their column, and no two text boxes on a
//! page intersecting ([`super::frame::Page::overlapping_text`]), over
//! constructed cases and over the whole shared corpus in every bundled
//! template.

#[cfg(test)]
mod tests {
    use crate::layout::frame::{Item, Layout, Page, Tag, TextRun};
    use crate::layout::layout;
    use crate::model::{Block, Document, Headline, Symbol};
    use crate::template::{Template, bundled_names, resolve};
    use std::path::{Path, PathBuf};

    /// Where the shared corpus lives, relative to the crate root.
    const CORPUS: &str = "../shared/corpus";

    fn template(name: &str) -> Template {
        resolve(name).unwrap_or_else(|e| panic!("template {name}: {e}"))
    }

    fn run(item: &Item) -> Option<&TextRun> {
        match item {
            Item::Text(r) => Some(r),
            _ => None,
        }
    }

    /// "page 3: 'Some words' over 'other words'" for an intersection.
    fn describe(page: &Page, (a, b): (usize, usize)) -> String {
        let text = |i: usize| page.items.get(i).and_then(run).map_or("", |r| &r.text);
        format!("'{}' over '{}'", text(a).trim(), text(b).trim())
    }

    /// Every intersection of a layout, one line each.
    fn offenders(lay: &Layout) -> Vec<String> {
        lay.pages
            .iter()
            .enumerate()
            .filter_map(|(n, page)| {
                let pair = page.overlapping_text()?;
                Some(format!("page {}: {}", n + 1, describe(page, pair)))
            })
            .collect()
    }

    /// A release long enough for continuation pages.
    fn long_release(headline: &str) -> Document {
        let para = "The members of the Security Council reiterated their full support for the \
                    mission and expressed their deep appreciation to the troop- and \
                    police-contributing countries for their continued commitment.\n\n";
        let text = format!("date 2021-03-15\n\n{}", para.repeat(40));
        let mut doc = crate::read_document(text.as_bytes(), "long.txt").expect("reads");
        doc.meta.headline = Some(Headline {
            text: headline.to_string(),
            derived: false,
        });
        doc.meta.symbols = vec![Symbol {
            raw: "SG/SM/20447".to_string(),
            series: "SG/SM".to_string(),
            number: "20447".to_string(),
            ..Symbol::default()
        }];
        doc
    }

    const LONG_HEADLINE: &str = "Fact Sheet: President Announces New Actions to Combat \
        COVID-19 and Protect Workers, Families and Small Businesses if Congress Does Not Act \
        Before the End of the Fiscal Year";

    /// The running-head runs of the continuation pages.
    fn heads(lay: &Layout) -> Vec<&TextRun> {
        lay.pages
            .iter()
            .skip(1)
            .flat_map(|p| p.items.iter().filter_map(run))
            .filter(|r| r.tag == Tag::Artifact(crate::layout::frame::Artifact::Header))
            .collect()
    }

    #[test]
    fn long_running_heads_are_shortened_with_a_mark_and_never_overprint() {
        for name in ["release", "handout"] {
            let lay = layout(&long_release(LONG_HEADLINE), &template(name)).expect("lays out");
            assert!(lay.pages.len() > 1, "{name}: one page only");
            let bad = offenders(&lay);
            assert!(bad.is_empty(), "{name}: {}", bad.join("\n"));
            let heads = heads(&lay);
            let head: String = heads.iter().map(|r| r.text.as_str()).collect();
            assert!(head.contains('…'), "{name}: head not marked: {head}");
            let cut = head.split('…').next().unwrap_or("");
            let last = cut.split_whitespace().last().unwrap_or("");
            let bare = |w: &str| {
                w.trim_matches(|c: char| c.is_ascii_punctuation())
                    .to_string()
            };
            assert!(
                LONG_HEADLINE.split(' ').any(|w| bare(w) == bare(last)),
                "{name}: cut mid-word before the ellipsis: {head}"
            );
            assert!(!head.contains("Fiscal Year"), "{name}: {head}");
        }
    }

    #[test]
    fn a_short_running_head_is_left_whole() {
        for name in ["release", "handout"] {
            let lay = layout(&long_release("Pausing Payments"), &template(name)).expect("lays out");
            let head: String = heads(&lay).iter().map(|r| r.text.as_str()).collect();
            assert!(head.contains("Pausing Payments"), "{name}: {head}");
            assert!(!head.contains('…'), "{name}: {head}");
        }
    }

    #[test]
    fn labels_of_long_numbered_lists_do_not_print_into_the_items() {
        let items: String = (1..=150)
            .map(|n| format!("{n}. Wonderful item number {n} of the list.\n\n"))
            .collect();
        let text = format!("date 2021-03-15\n\n{items}");
        let doc = crate::read_document(text.as_bytes(), "list.txt").expect("reads");
        let longest = doc
            .body
            .iter()
            .filter_map(|b| match b {
                Block::List(l) => Some(l.items.len()),
                _ => None,
            })
            .max();
        assert!(longest.is_some_and(|n| n >= 150), "parsed as {longest:?}");
        for name in bundled_names() {
            let lay = layout(&doc, &template(name)).expect("lays out");
            let bad = offenders(&lay);
            assert!(bad.is_empty(), "{name}: {}", bad.join("\n"));
        }
    }

    fn corpus_files(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                corpus_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "txt") {
                out.push(path);
            }
        }
    }

    /// Pages checked and offenders of one template over `files`.
    fn check_corpus(name: &str, files: &[PathBuf]) -> (usize, Vec<String>) {
        let t = template(name);
        let (mut pages, mut bad) = (0, Vec::new());
        for path in files {
            let shown = path.display().to_string();
            let Ok(bytes) = std::fs::read(path) else {
                bad.push(format!("{shown}: unreadable"));
                continue;
            };
            let lay = crate::read_document(&bytes, &shown).and_then(|d| layout(&d, &t));
            match lay {
                Ok(lay) => {
                    pages += lay.pages.len();
                    bad.extend(offenders(&lay).into_iter().map(|o| format!("{shown}: {o}")));
                }
                Err(e) => bad.push(format!("{shown}: {e}")),
            }
        }
        (pages, bad)
    }

    #[test]
    fn no_text_overprints_anywhere_in_the_corpus_in_any_template() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(CORPUS);
        if !root.is_dir() {
            if std::env::var("PRESSROOM_SKIP_CORPUS").is_ok_and(|v| v == "1") {
                eprintln!("skipped: no corpus at {}", root.display());
                return;
            }
            panic!(
                "no corpus at {} (set PRESSROOM_SKIP_CORPUS=1 to skip)",
                root.display()
            );
        }
        let mut files = Vec::new();
        corpus_files(&root, &mut files);
        files.sort();
        assert!(!files.is_empty(), "no .txt files under {}", root.display());
        let mut failures = Vec::new();
        for name in bundled_names() {
            let (pages, bad) = check_corpus(name, &files);
            eprintln!(
                "{name}: {} files, {pages} pages, {} pages with text over text",
                files.len(),
                bad.len()
            );
            failures.extend(bad.into_iter().take(5).map(|b| format!("{name}: {b}")));
        }
        assert!(
            failures.is_empty(),
            "text over text:\n{}",
            failures.join("\n")
        );
    }
}
