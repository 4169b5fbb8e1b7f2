//! The per-file report (`--report`) and the summary printed at the end.

use crate::post::{Level, Message, SkipKind};
use crate::RunResult;
use serde::Serialize;
use std::fmt::Write as _;

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
