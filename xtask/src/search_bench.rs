//! Search against Pagefind for `cargo xtask bench` (issue 16, "Against
//! Pagefind, on the same posts"): the koreanews posts built as HTML into
//! `target/bench/search/pagefind-site` (the converter's prerendered pages),
//! then `tests/bench/search/search-bench.mjs`, which indexes them with
//! Pagefind 1.6.0 (pinned in `tests/bench/search/package.json`; its binary
//! ships in the npm package) when its index is missing or older than the
//! pages, runs the 30 queries of `tests/fixtures/search-queries.json` on both
//! sites in Debian's Chromium, prints per-query tables, each system's figures
//! and their ratios, and writes `target/bench/search.json`.
//!
//! Call [`run`] with a site built from the same posts with its search index.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::build::{build_site, SiteOptions};
use crate::run::run as run_command;
use crate::tools::{ensure_browser, ensure_npm_packages};
use crate::{root, Result};

/// The posts both systems index (the corpus `cargo xtask bench` converts).
fn posts() -> PathBuf {
    root().join("../shared/corpus/koreanews/_posts")
}

/// The same posts as HTML for Pagefind (its own folder: the bench adds
/// `</head>` to the pages and writes `pagefind/` there), with the
/// converter's report (file → slug, read by `check_queries.py`) beside it.
fn pagefind_site() -> Result<PathBuf> {
    let dir = root().join("target/bench/search");
    let site = dir.join("pagefind-site");
    build_site(&SiteOptions {
        posts: posts(),
        out: site.clone(),
        base_path: "/".into(),
        report: Some(dir.join("report.json")),
        keep_going: true,
        bodies_in_data: false,
    })?;
    Ok(site)
}

/// Pagefind's index and the browser runs against `site` (sinmun's site built
/// from the koreanews posts, with `search/`); figures printed and written to
/// `target/bench/search.json`.
pub fn run(site: &Path) -> Result {
    if !posts().exists() {
        return Err(format!(
            "{} is missing: the search bench needs the koreanews corpus",
            posts().display()
        ));
    }
    ensure_browser()?;
    ensure_npm_packages(&root().join("tests/bench/search"))?;
    let pagefind = pagefind_site()?;
    run_command(
        Command::new("node")
            .current_dir(root())
            .arg("tests/bench/search/search-bench.mjs")
            .arg("--site")
            .arg(site)
            .arg("--pagefind-site")
            .arg(&pagefind)
            .arg("--json")
            .arg(root().join("target/bench/search.json")),
    )
}
