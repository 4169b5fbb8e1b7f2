//! `cargo xtask bench`: figures, not pass/fail. Prints a table and writes
//! `target/bench/report.json`.
//!
//! - converter: posts/s, peak RSS and output size for the koreanews corpus and
//!   for 100,000 synthetic posts, against Jekyll 4.3.1's measured 214 s
//! - P1: first-load transfer of the bundle, gzip, per file
//! - P5: bytes fetched to paint the first list page, 1,000 vs 100,000 articles
//! - P2, P3, P7: browser timings (deep-link first paint against a static page,
//!   list → detail navigation, 1 MB Markdown render against `innerHTML`), see
//!   `browser_bench.rs`, and Lighthouse on article, front and category pages
//!   against the same pages as static HTML (`lighthouse.rs`); `--no-browser`
//!   skips them
//! - site builds against Hugo and Jekyll: seconds, peak memory, files and
//!   bytes of whole builds (`site_bench.rs`); `--site-only` runs just those
//! - with `--fidelity`: every word of every koreanews body found in the rendered
//!   article (a browser run over all 7,478 posts, about 12 minutes here)

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::build::{build_app, build_converter};
use crate::run::run;
use crate::{root, Result};

/// Jekyll 4.3.1 (Debian's package, the blog's own layouts) on the koreanews
/// corpus, measured on this kind of machine: seconds and bytes written.
pub(crate) const JEKYLL_SECONDS: f64 = 214.0;
pub(crate) const JEKYLL_BYTES: f64 = 642e6;

fn corpus() -> PathBuf {
    root().join("../shared/corpus/koreanews/_posts")
}

/// A number from a flat JSON object written by `--stats` (no JSON crate needed).
fn json_number(text: &str, key: &str) -> f64 {
    let needle = format!("\"{key}\"");
    text.find(&needle)
        .and_then(|i| text.get(i + needle.len()..))
        .and_then(|rest| rest.trim_start().strip_prefix(':'))
        .map(|rest| {
            rest.trim_start()
                .chars()
                .take_while(|c| {
                    c.is_ascii_digit() || *c == '.' || *c == 'e' || *c == '-' || *c == '+'
                })
                .collect::<String>()
        })
        .and_then(|n| n.parse().ok())
        .unwrap_or(f64::NAN)
}

struct ConvertRun {
    name: String,
    posts: f64,
    seconds: f64,
    rss_mb: f64,
    output_mb: f64,
    files: f64,
}

/// One converter run on `posts` into `out`, a whole site with the app (its
/// prerendered pages included), as `cargo xtask site` builds it.
fn convert(bin: &Path, app: &Path, posts: &Path, out: &Path, name: &str) -> Result<ConvertRun> {
    let stats = root().join(format!("target/bench/{name}-stats.json"));
    run(Command::new(bin.join("sinmun-convert"))
        .arg(posts)
        .arg(out)
        .arg("--app-dir")
        .arg(app)
        .args(["--quiet", "--keep-going", "--stats"])
        .arg(&stats))?;
    let text = std::fs::read_to_string(&stats).map_err(|e| format!("no stats from {name}: {e}"))?;
    Ok(ConvertRun {
        name: name.into(),
        posts: json_number(&text, "posts"),
        seconds: json_number(&text, "seconds"),
        rss_mb: json_number(&text, "peak_rss_bytes") / 1e6,
        output_mb: json_number(&text, "output_bytes") / 1e6,
        files: json_number(&text, "output_files"),
    })
}

/// A site folder's bytes and files by kind: article pages, article JSON,
/// the rest of the data, list pages, and the app with feeds and sitemap.
fn site_parts(site: &Path) -> Vec<(&'static str, u64, u64)> {
    let mut parts = vec![
        ("article pages (posts/)", 0, 0),
        ("article JSON (data/articles/)", 0, 0),
        ("lists, categories, aliases (rest of data/)", 0, 0),
        ("list pages (index.html, page/, category/)", 0, 0),
        ("the app, feeds, sitemap", 0, 0),
    ];
    let mut stack = vec![site.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            let Ok(meta) = entry.metadata() else { continue };
            if meta.is_dir() {
                stack.push(path);
                continue;
            }
            let rel = path
                .strip_prefix(site)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            let kind = if rel.starts_with("posts/") {
                0
            } else if rel.starts_with("data/articles/") {
                1
            } else if rel.starts_with("data/") {
                2
            } else if rel == "index.html"
                || rel.starts_with("page/")
                || rel.starts_with("category/")
            {
                3
            } else {
                4
            };
            if let Some(part) = parts.get_mut(kind) {
                part.1 += meta.len();
                part.2 += 1;
            }
        }
    }
    parts
}

fn first_paint_bytes(site: &Path) -> u64 {
    ["config.json", "data/manifest.json", "data/index/0.json"]
        .iter()
        .map(|f| {
            std::fs::metadata(site.join(f))
                .map(|m| m.len())
                .unwrap_or(0)
        })
        .sum()
}

pub fn bench(args: &[String]) -> Result {
    let quick = args.iter().any(|a| a == "--quick");
    if args.iter().any(|a| a == "--site-only") {
        return crate::site_bench::site_bench(&corpus(), quick).map(drop);
    }
    if let Some(at) = args.iter().position(|a| a == "--search-only") {
        // against a site built already (default: the e2e koreanews site)
        let site = args.get(at + 1).map(std::path::PathBuf::from);
        return crate::search_bench::run(
            &site.unwrap_or_else(|| root().join("target/e2e/koreanews")),
        );
    }
    let out_dir = root().join("target/bench");
    std::fs::create_dir_all(&out_dir).map_err(|e| e.to_string())?;
    let bin = build_converter()?;
    let app = build_app()?;
    let mut json = String::from("{\n");

    // Converter speed and size.
    let mut runs = Vec::new();
    if corpus().exists() {
        // Once to warm the page cache for the input, then the measured run.
        convert(
            &bin,
            &app,
            &corpus(),
            &out_dir.join("koreanews"),
            "koreanews-warmup",
        )?;
        runs.push(convert(
            &bin,
            &app,
            &corpus(),
            &out_dir.join("koreanews"),
            "koreanews",
        )?);
    } else {
        eprintln!(
            "xtask: {} is missing; skipping the koreanews run",
            corpus().display()
        );
    }
    let sizes: &[u32] = if quick {
        &[1_000, 10_000]
    } else {
        &[1_000, 100_000]
    };
    for &n in sizes {
        let posts = out_dir.join(format!("synth-{n}"));
        if !posts.join("_posts").exists() {
            run(Command::new(bin.join("sinmun-synth"))
                .arg(n.to_string())
                .arg(&posts))?;
        }
        runs.push(convert(
            &bin,
            &app,
            &posts.join("_posts"),
            &out_dir.join(format!("synth-{n}-site")),
            &format!("synth-{n}"),
        )?);
    }
    println!(
        "\nConverter (sinmun-convert, native profile, {} cores)",
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    );
    println!(
        "{:<16} {:>8} {:>9} {:>10} {:>10} {:>10} {:>8}",
        "corpus", "posts", "seconds", "posts/s", "RSS MB", "output MB", "files"
    );
    let _ = writeln!(json, "  \"converter\": [");
    for (i, r) in runs.iter().enumerate() {
        println!(
            "{:<16} {:>8} {:>9.2} {:>10.0} {:>10.1} {:>10.1} {:>8}",
            r.name,
            r.posts,
            r.seconds,
            r.posts / r.seconds,
            r.rss_mb,
            r.output_mb,
            r.files
        );
        let _ = writeln!(
            json,
            "    {{\"corpus\": \"{}\", \"posts\": {}, \"seconds\": {:.3}, \"posts_per_second\": {:.0}, \"peak_rss_mb\": {:.1}, \"output_mb\": {:.1}, \"files\": {}}}{}",
            r.name, r.posts, r.seconds, r.posts / r.seconds, r.rss_mb, r.output_mb, r.files,
            if i + 1 < runs.len() { "," } else { "" }
        );
    }
    let _ = writeln!(json, "  ],");
    if let Some(k) = runs.iter().find(|r| r.name == "koreanews") {
        println!(
            "koreanews vs Jekyll 4.3.1 (214 s, 642 MB, 34 posts dropped): {:.0}x faster, {:.1}x smaller output, 0 posts dropped",
            JEKYLL_SECONDS / k.seconds,
            JEKYLL_BYTES / (k.output_mb * 1e6)
        );
        let _ = writeln!(
            json,
            "  \"vs_jekyll\": {{\"speedup\": {:.1}, \"size_ratio\": {:.1}}},",
            JEKYLL_SECONDS / k.seconds,
            JEKYLL_BYTES / (k.output_mb * 1e6)
        );
    }

    // What the koreanews site folder is made of (issue goal: <= 100 MB).
    if runs.iter().any(|r| r.name == "koreanews") {
        let parts = site_parts(&out_dir.join("koreanews"));
        let total: u64 = parts.iter().map(|p| p.1).sum();
        println!(
            "\nkoreanews site folder: {:.1} MB in {} files (goal <= 100 MB)",
            total as f64 / 1e6,
            parts.iter().map(|p| p.2).sum::<u64>()
        );
        for (part, bytes, files) in &parts {
            println!(
                "  {part:<44} {:>8.1} MB {files:>8} files",
                *bytes as f64 / 1e6
            );
        }
        let _ = writeln!(json, "  \"koreanews_site_bytes\": {total},");
    }
    if let Some(site) = crate::site_bench::site_bench(&corpus(), quick)? {
        let _ = writeln!(json, "  \"site_build\": {site},");
    }

    // P5: the first list page costs the same whatever the site's size.
    let small = first_paint_bytes(&out_dir.join("synth-1000-site"));
    let big_name = format!("synth-{}-site", sizes.last().copied().unwrap_or(1000));
    let big = first_paint_bytes(&out_dir.join(&big_name));
    println!("\nP5 bytes to paint list page 1 (config + manifest + shard 0): 1,000 posts {small} B, {} posts {big} B, ratio {:.3}", sizes.last().copied().unwrap_or(0), big as f64 / small.max(1) as f64);
    let _ = writeln!(json, "  \"p5_first_list_page_bytes\": {{\"small\": {small}, \"large\": {big}, \"ratio\": {:.3}}},", big as f64 / small.max(1) as f64);

    // P1: first-load transfer of the bundle and the front page's data
    // (see budget.rs for what counts).
    let site = out_dir.join("synth-1000-site");
    let files: Vec<(String, u64, u64)> = crate::budget::first_load(&app, &site)?
        .into_iter()
        .map(|f| (f.name, f.bytes, f.gzip))
        .collect();
    println!("\nP1 first-load transfer (gzip -9), budget 150 KB");
    let _ = writeln!(json, "  \"p1_first_load\": [");
    let mut total = 0;
    for (i, (name, raw, gz)) in files.iter().enumerate() {
        total += gz;
        println!("  {name:<44} {raw:>9} B raw {gz:>8} B gzip");
        let _ = writeln!(
            json,
            "    {{\"file\": \"{name}\", \"bytes\": {raw}, \"gzip\": {gz}}}{}",
            if i + 1 < files.len() { "," } else { "" }
        );
    }
    println!(
        "  {:<44} {:>27} B gzip ({:.1} KB, {:.2}x the budget)",
        "total",
        total,
        total as f64 / 1024.0,
        total as f64 / crate::budget::BUDGET_BYTES as f64
    );
    let _ = write!(json, "  ],\n  \"p1_total_gzip\": {total}");

    // P2, P3, P7: timings in Chromium.
    if !args.iter().any(|a| a == "--no-browser") {
        let koreanews = corpus();
        let figures = crate::browser_bench::browser_bench(
            quick,
            &out_dir,
            koreanews.exists().then_some(koreanews.as_path()),
        )?;
        print_browser_figures(&figures);
        for key in ["p2", "p3", "p7"] {
            if let Some(value) = figures.get(key) {
                let _ = write!(json, ",\n  \"{key}\": {value}");
            }
        }
        // Lighthouse on article, front and category pages against static HTML.
        let lighthouse = crate::lighthouse::lighthouse_bench(quick)?;
        let _ = write!(json, ",\n  \"lighthouse\": {lighthouse}");
        // Search against Pagefind on the koreanews site converted above.
        if corpus().exists() {
            crate::search_bench::run(&out_dir.join("koreanews"))?;
        }
    }
    json.push_str("\n}\n");

    if args.iter().any(|a| a == "--fidelity") && corpus().exists() {
        // The koreanews site with the app, then the browser check of every article.
        crate::build::build_site(&crate::build::SiteOptions {
            posts: corpus(),
            out: out_dir.join("koreanews-app"),
            base_path: "/".into(),
            report: None,
            keep_going: true,
            bodies_in_data: false,
        })?;
        crate::tools::ensure_browser()?;
        crate::tools::ensure_npm_packages(&root().join("tests/e2e"))?;
        run(Command::new("node")
            .current_dir(root())
            .args(["tests/support/fidelity.mjs", "--site"])
            .arg(out_dir.join("koreanews-app"))
            .args(["--every", "1", "--json"])
            .arg(out_dir.join("fidelity.json")))?;
    }

    std::fs::write(out_dir.join("report.json"), json).map_err(|e| e.to_string())?;
    println!("\nwritten: {}", out_dir.join("report.json").display());
    Ok(())
}

/// The headline browser figures against the targets.
fn print_browser_figures(figures: &serde_json::Value) {
    let num = |v: &serde_json::Value, path: &[&str]| {
        path.iter()
            .try_fold(v, |v, k| v.get(k))
            .and_then(serde_json::Value::as_f64)
            .unwrap_or(f64::NAN)
    };
    println!("\nBrowser timings (Chromium), against the targets of the performance issue");
    let p2 = num(figures, &["p2", "ratio"]);
    println!(
        "  P2 deep link to visible <h1>, 4x CPU throttling: sinmun {:.0} ms / static page {:.0} ms = {p2:.2}x (target <= 1.3x, {:.2}x the target)",
        num(figures, &["p2", "sinmun_ms", "median"]),
        num(figures, &["p2", "static_ms", "median"]),
        p2 / 1.3
    );
    let p3 = num(figures, &["p3", "ms", "median"]);
    println!(
        "  P3 list -> detail: median {p3:.1} ms, p90 {:.1} ms (target <= 50 ms, {:.2}x the target)",
        num(figures, &["p3", "ms", "p90"]),
        p3 / 50.0
    );
    let p7 = num(figures, &["p7", "ratio"]);
    println!(
        "  P7 1 MB Markdown render: sinmun {:.0} ms ({}) / innerHTML {:.0} ms = {p7:.2}x (target <= 2x, {:.2}x the target)",
        num(figures, &["p7", "sinmun_warm_ms", "median"]),
        figures["p7"]["method"].as_str().unwrap_or("?"),
        num(figures, &["p7", "innerhtml_ms", "median"]),
        p7 / 2.0
    );
}
