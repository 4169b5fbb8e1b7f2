//! The "report" step: what a run did ([`RunResult`]), with one entry per source
//! file (`--report`), and the summary printed at the end.

use crate::catalogue::{Catalogue, Level, Message, SkipKind};
use serde::Serialize;
use std::fmt::Write as _;
use std::path::Path;

/// What a run did.
#[derive(Debug, Default)]
pub struct RunResult {
    /// One entry per source file, in file name order.
    pub files: Vec<FileReport>,
    /// Problems not tied to one post (`_config.yml`, copied folders, feeds).
    pub site_warnings: Vec<String>,
    pub converted: usize,
    pub recovered: usize,
    /// Files that are not posts, or unpublished: skipped on purpose.
    pub skipped: usize,
    /// Posts that could not be used.
    pub failed: usize,
    /// Whether the output folder was replaced (or updated).
    pub written: bool,
    /// What an update of a site built before changed (`None`: a full build).
    pub changes: Option<crate::output::update::Changes>,
}

impl RunResult {
    /// Articles in the site.
    pub fn articles(&self) -> usize {
        self.converted + self.recovered
    }

    /// The result of a run over `catalogue`, read from `source_dir`; not yet
    /// written.
    pub fn new(catalogue: Catalogue, source_dir: &Path, site_warnings: Vec<String>) -> RunResult {
        let mut result = RunResult {
            site_warnings,
            ..RunResult::default()
        };
        for source in catalogue.into_sources() {
            let report = FileReport {
                file: source_dir.join(&source.path).display().to_string(),
                status: Status::Skipped,
                title: None,
                path: None,
                messages: source.messages,
                skip: source.outcome.as_ref().err().copied(),
            };
            let report = result.count(report, source.outcome);
            result.files.push(report);
        }
        result
    }

    /// Counts one file and fills in what its article became.
    fn count(
        &mut self,
        mut report: FileReport,
        outcome: Result<crate::catalogue::Item, SkipKind>,
    ) -> FileReport {
        match outcome {
            Ok(item) => {
                if item.recovered {
                    self.recovered += 1;
                    report.status = Status::Recovered;
                } else {
                    self.converted += 1;
                    report.status = Status::Converted;
                }
                report.path = Some(sinmun_model::article_route(&item.article.slug));
                report.title = Some(item.article.title);
            }
            Err(SkipKind::Error) => self.failed += 1,
            Err(_) => self.skipped += 1,
        }
        report
    }
}

#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Converted,
    Recovered,
    Skipped,
}

/// One entry of `--report`.
#[derive(Serialize, Debug, Clone)]
pub struct FileReport {
    pub file: String,
    pub status: Status,
    pub title: Option<String>,
    /// Site path of the article, e.g. `posts/10/`.
    pub path: Option<String>,
    pub messages: Vec<Message>,
    /// Why it was skipped (not in the JSON: `messages` says it in words).
    #[serde(skip)]
    pub skip: Option<SkipKind>,
}

fn location(file: &str, m: &Message) -> String {
    match m.line {
        Some(l) => format!("{file}:{l}"),
        None => file.to_string(),
    }
}

/// Lines of "other warnings" shown before pointing at `--report`.
const OTHER_WARNINGS_SHOWN: usize = 10;

/// The end-of-run summary for stderr. `quiet` keeps only unusable posts and counts.
pub fn summary(r: &RunResult, quiet: bool) -> String {
    let mut s = String::new();
    let mut section =
        |title: &str, pick: &dyn Fn(&FileReport) -> bool, levels: &[Level], max: usize| {
            let chosen: Vec<&FileReport> = r.files.iter().filter(|f| pick(f)).collect();
            if chosen.is_empty() {
                return;
            }
            let _ = writeln!(s, "{title} ({}):", chosen.len());
            let lines: Vec<String> = chosen
                .iter()
                .flat_map(|f| {
                    f.messages
                        .iter()
                        .filter(|m| levels.contains(&m.level))
                        .map(|m| format!("  {}: {}", location(&f.file, m), m.message))
                })
                .collect();
            for l in lines.iter().take(max) {
                let _ = writeln!(s, "{l}");
            }
            if lines.len() > max {
                let _ = writeln!(s, "  ... and {} more (see --report)", lines.len() - max);
            }
        };
    section(
        "unusable posts, skipped",
        &|f| f.skip == Some(SkipKind::Error),
        &[Level::Error],
        usize::MAX,
    );
    if quiet {
        let _ = writeln!(
            s,
            "{} converted, {} recovered, {} skipped, {} unusable",
            r.converted, r.recovered, r.skipped, r.failed
        );
        return s;
    }
    section(
        "recovered",
        &|f| f.status == Status::Recovered,
        &[Level::Warning],
        usize::MAX,
    );
    section(
        "skipped on purpose",
        &|f| matches!(f.skip, Some(SkipKind::NotAPost | SkipKind::Unpublished)),
        &[Level::Note],
        usize::MAX,
    );
    section(
        "other warnings",
        &|f| f.status == Status::Converted && f.messages.iter().any(|m| m.level == Level::Warning),
        &[Level::Warning],
        OTHER_WARNINGS_SHOWN,
    );
    for w in &r.site_warnings {
        let _ = writeln!(s, "warning: {w}");
    }
    let _ = writeln!(
        s,
        "{} converted, {} recovered, {} skipped, {} unusable",
        r.converted, r.recovered, r.skipped, r.failed
    );
    s
}
