//! The machine-readable batch report (`--report FILE.json`).
//!
//! Schema 1 (documented in the README, "Batch report"): one object with the
//! run's settings, a summary and one entry per input in input order.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Version of the report schema.
pub const REPORT_SCHEMA: u32 = 1;

/// What happened to one input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// All requested renditions were written.
    Converted,
    /// Unchanged since the last run (`--incremental`): nothing written.
    Skipped,
    /// Nothing was written for this input.
    Failed,
}

/// One written file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutputReport {
    /// Format name (`pdf`, `docx`, `txt`, `json`).
    pub format: String,
    /// Path of the file.
    pub path: String,
    /// Size in bytes.
    pub bytes: u64,
    /// SHA-256 of the bytes, lower-case hex.
    pub sha256: String,
    /// Page count (PDF).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<usize>,
}

/// One input's entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocReport {
    /// The input path as given or found.
    pub input: String,
    /// Converted, skipped or failed.
    pub status: Status,
    /// Detected encoding of the input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// The house style the document was rendered in (`un`, `release`, or a
    /// template's name or path as given); absent when it was not rendered
    /// (failed before rendering, or skipped as unchanged).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    /// Where that house style came from: `auto` (chosen from the
    /// document), `flag` (`--template`) or `project` (`pressroom.toml`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template_chosen: Option<super::TemplateSource>,
    /// Files written (or, when skipped, the files that were kept).
    pub outputs: Vec<OutputReport>,
    /// Warnings with their codes and lines.
    pub warnings: Vec<crate::error::Diagnostic>,
    /// The error that stopped this input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Milliseconds per stage: read, normalize, parse, one per format, write.
    pub timings_ms: BTreeMap<String, f64>,
}

impl DocReport {
    /// The entry with only what [`BatchReport::recount`] counts: input,
    /// status, template, warnings and error (no outputs, encoding or
    /// timings).
    pub fn summarized(self) -> DocReport {
        DocReport {
            outputs: Vec::new(),
            encoding: None,
            timings_ms: BTreeMap::new(),
            ..self
        }
    }
}

/// Totals of a run.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Inputs considered (after `--shard`).
    pub inputs: usize,
    /// Inputs converted.
    pub converted: usize,
    /// Inputs skipped as unchanged.
    pub skipped: usize,
    /// Inputs that failed.
    pub failed: usize,
    /// Warnings over all inputs.
    pub warnings: usize,
    /// Wall-clock seconds of the run.
    pub seconds: f64,
    /// Converted documents per second.
    pub docs_per_second: f64,
    /// Converted documents per house style (`{"un": 8, "release": 4}`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub templates: BTreeMap<String, usize>,
}

/// The whole report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BatchReport {
    /// [`REPORT_SCHEMA`].
    pub schema: u32,
    /// pressroom version that wrote it.
    pub pressroom: String,
    /// Template name or path, or `auto` when each document's was chosen
    /// from the document (see each document's `template`).
    pub template: String,
    /// Formats requested.
    pub formats: Vec<String>,
    /// The standards the PDFs claim (`ua-1+a-2a`, `ua-1`, `a-2b`, `none`),
    /// when PDF is among the formats.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pdf_standard: Option<String>,
    /// `K/N` when the run was one shard of N.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shard: Option<String>,
    /// Totals.
    pub summary: Summary,
    /// One entry per input, in input order.
    pub documents: Vec<DocReport>,
}

impl BatchReport {
    /// Recomputes the summary counts from the documents (seconds are kept).
    pub fn recount(&mut self) {
        let docs = &self.documents;
        self.summary.inputs = docs.len();
        self.summary.converted = docs
            .iter()
            .filter(|d| d.status == Status::Converted)
            .count();
        self.summary.skipped = docs.iter().filter(|d| d.status == Status::Skipped).count();
        self.summary.failed = docs.iter().filter(|d| d.status == Status::Failed).count();
        self.summary.warnings = docs.iter().map(|d| d.warnings.len()).sum();
        self.summary.templates.clear();
        for doc in docs.iter().filter(|d| d.status == Status::Converted) {
            if let Some(template) = &doc.template {
                *self.summary.templates.entry(template.clone()).or_default() += 1;
            }
        }
        self.summary.docs_per_second = if self.summary.seconds > 0.0 {
            self.summary.converted as f64 / self.summary.seconds
        } else {
            0.0
        };
    }

    /// Merges the reports of N shards into one (documents sorted by input,
    /// seconds = the slowest shard).
    pub fn merge(reports: Vec<BatchReport>) -> Option<BatchReport> {
        let mut iter = reports.into_iter();
        let mut merged = iter.next()?;
        merged.shard = None;
        for report in iter {
            merged.summary.seconds = merged.summary.seconds.max(report.summary.seconds);
            merged.documents.extend(report.documents);
        }
        merged.documents.sort_by(|a, b| a.input.cmp(&b.input));
        merged.recount();
        Some(merged)
    }
}

/// SHA-256 of `bytes` as lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest.iter() {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Diagnostic;

    fn entry(status: Status) -> DocReport {
        DocReport {
            input: "in/a.txt".into(),
            status,
            encoding: Some("UTF-8".into()),
            template: Some("un".into()),
            template_chosen: None,
            outputs: vec![OutputReport {
                format: "pdf".into(),
                path: "out/a.pdf".into(),
                bytes: 10,
                sha256: String::new(),
                pages: Some(1),
            }],
            warnings: vec![Diagnostic::warning("w", "a warning", None)],
            error: None,
            timings_ms: BTreeMap::from([("pdf".to_string(), 1.0)]),
        }
    }

    fn report(documents: Vec<DocReport>) -> BatchReport {
        let mut report = BatchReport {
            schema: REPORT_SCHEMA,
            pressroom: String::new(),
            template: "un".into(),
            formats: vec!["pdf".into()],
            pdf_standard: None,
            shard: None,
            summary: Summary::default(),
            documents,
        };
        report.recount();
        report
    }

    #[test]
    fn a_summarized_entry_counts_as_the_whole_one() {
        let whole = vec![entry(Status::Converted), entry(Status::Failed)];
        let slim: Vec<DocReport> = whole.iter().cloned().map(DocReport::summarized).collect();
        assert!(
            slim.iter()
                .all(|d| d.outputs.is_empty() && d.timings_ms.is_empty())
        );
        assert_eq!(report(whole).summary, report(slim).summary);
    }
}
