//! Lighthouse and navigation figures for `cargo xtask bench` (issue "Every
//! page as fast and as steady as static HTML"): the sample site built with
//! the app into `target/bench/lighthouse-site`, then
//! `tests/bench/lighthouse.mjs`, which audits an article deep link, the front
//! page and a category page against the same pages as static HTML, times the
//! warm app's list → article navigation against a full navigation to the
//! static article, prints one table and writes JSON. Lighthouse 12.2.3 is
//! pinned in `tests/bench/package.json` (13.x needs Node 22) and runs offline
//! with Debian's Chromium.

use std::process::Command;

use serde_json::Value;

use crate::build::{build_site, SiteOptions};
use crate::run::run;
use crate::tools::{ensure_browser, ensure_npm_packages};
use crate::{root, Result};

pub fn lighthouse_bench(quick: bool) -> Result<Value> {
    let out_dir = root().join("target/bench");
    let site = out_dir.join("lighthouse-site");
    build_site(&SiteOptions {
        posts: root().join("content/_posts"),
        out: site.clone(),
        base_path: "/".into(),
        report: None,
        keep_going: false,
        bodies_in_data: false,
    })?;
    ensure_browser()?;
    ensure_npm_packages(&root().join("tests/e2e"))?;
    ensure_npm_packages(&root().join("tests/bench"))?;
    let json = out_dir.join("lighthouse.json");
    let _ = std::fs::remove_file(&json);
    run(Command::new("node")
        .current_dir(root())
        .env("CHROME_PATH", "/usr/bin/chromium")
        .arg("tests/bench/lighthouse.mjs")
        .arg("--site")
        .arg(&site)
        .arg("--json")
        .arg(&json)
        .args(["--runs", if quick { "1" } else { "3" }]))?;
    let text = std::fs::read_to_string(&json)
        .map_err(|e| format!("no Lighthouse figures in {}: {e}", json.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", json.display()))
}
