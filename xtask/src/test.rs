//! `cargo xtask test`: every test the project has, installing what they need.
//!
//! In order: formatting and clippy (native and wasm); native unit and
//! integration tests; site builds (root and `/blog/` sub-path); end-to-end
//! tests (node's test runner) in Chromium, Firefox and WebKit, one engine
//! after the other (`--engine NAME` for one: see `engines.rs`).

use std::process::Command;

use crate::build::{build_site, SiteOptions};
use crate::engines;
use crate::run::run;
use crate::tools::{ensure_build_tools, ensure_npm_packages};
use crate::{root, Result};

pub fn test(args: &[String]) -> Result {
    let quick = args.iter().any(|a| a == "--quick");
    let engines = engines::selected(args)?;
    ensure_build_tools()?;
    let cargo = || {
        let mut command = Command::new("cargo");
        command.current_dir(root());
        command
    };
    if !quick {
        run(cargo().args(["fmt", "--all", "--check"]))?;
        run(cargo().args([
            "clippy",
            "--quiet",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]))?;
        run(cargo().args([
            "clippy",
            "--quiet",
            "-p",
            "sinmun",
            "--target",
            "wasm32-unknown-unknown",
            "--",
            "-D",
            "warnings",
        ]))?;
        // The widget build (src/bin/widget.rs, src/embed).
        run(cargo().args([
            "clippy",
            "--quiet",
            "-p",
            "sinmun",
            "--target",
            "wasm32-unknown-unknown",
            "--features",
            "embed",
            "--",
            "-D",
            "warnings",
        ]))?;
    }
    run(cargo().args(["test", "--workspace"]))?;
    // The app's unit tests of the feed seam (error wording, detection), which
    // only the widget build compiles (the `feeds` feature).
    run(cargo().args([
        "test",
        "--quiet",
        "-p",
        "sinmun",
        "--lib",
        "--features",
        "feeds",
    ]))?;
    crate::wasm_test::run_wasm_tests()?;

    // Sites for the end-to-end tests.
    let e2e = root().join("target/e2e");
    for (name, base_path) in [("site", "/"), ("blog", "/blog/")] {
        build_site(&SiteOptions {
            posts: root().join("content/_posts"),
            out: e2e.join(name),
            base_path: base_path.into(),
            report: None,
            keep_going: false,
            bodies_in_data: false,
        })?;
    }
    // The size budget is deterministic, so it is a test (timings are not:
    // they are in `cargo xtask bench`).
    crate::budget::check(&e2e.join("site"))?;
    crate::budget::check_deep_link(&e2e.join("site"))?;
    // The XSS corpus as a site: every vector through Markdown and HTML
    // bodies, banners, titles and excerpts (tests/e2e/xss.test.mjs).
    run(Command::new("node").current_dir(root()).args([
        "tests/support/make-xss-posts.mjs",
        "tests/fixtures/xss/vectors.json",
        "target/e2e/xss-src",
    ]))?;
    build_site(&SiteOptions {
        posts: e2e.join("xss-src/_posts"),
        out: e2e.join("xss"),
        base_path: "/".into(),
        report: None,
        keep_going: false,
        // The raw vectors go to the browser's sanitiser in the data, as a
        // feed's or a hand-written JSON's bodies do.
        bodies_in_data: true,
    })?;
    // A site built from someone else's feed (feed-site.test.mjs).
    build_site(&SiteOptions {
        posts: root()
            .join("../shared/fixtures/feeds/rss/rssparser-rss20-guardian-media-content-images.xml"),
        out: e2e.join("feed-site"),
        base_path: "/".into(),
        report: None,
        keep_going: false,
        bodies_in_data: false,
    })?;
    // The sample posts as an English site (news-site.test.mjs: the
    // interface in both languages).
    english_sample(&e2e.join("site-en-src"))?;
    build_site(&SiteOptions {
        posts: e2e.join("site-en-src/_posts"),
        out: e2e.join("site-en"),
        base_path: "/".into(),
        report: None,
        keep_going: false,
        bodies_in_data: false,
    })?;
    // Sites whose config.json names feeds, a list of sources among them
    // (portal.test.mjs): the page build hands them to the widget build.
    crate::portal::build(&e2e, &root().join("../shared/fixtures/feeds"))?;
    // The real koreanews corpus, for the body-fidelity sample (fidelity.test.mjs).
    let corpus = root().join("../shared/corpus/koreanews/_posts");
    if corpus.exists() {
        build_site(&SiteOptions {
            posts: corpus,
            out: e2e.join("koreanews"),
            base_path: "/".into(),
            report: None,
            keep_going: false,
            // The fidelity test reads each post's body back from its JSON.
            bodies_in_data: true,
        })?;
    } else {
        eprintln!(
            "xtask: {} is missing: the fidelity test builds nothing and is skipped",
            corpus.display()
        );
    }
    // The deploy templates a blog owner copies (deploy/), run for real.
    crate::deploy_check::check()?;
    let tests_dir = root().join("tests/e2e");
    ensure_npm_packages(&tests_dir)?;
    for engine in engines {
        engines::run_suites(engine, &tests_dir, &e2e)?;
    }
    eprintln!("xtask: all tests passed");
    Ok(())
}

/// `content/` copied to `to` with its `_config.yml` saying `lang: en`.
fn english_sample(to: &std::path::Path) -> Result {
    let _ = std::fs::remove_dir_all(to);
    crate::browser_bench::copy_dir(&root().join("content"), to)?;
    let config_path = to.join("_config.yml");
    let config = std::fs::read_to_string(&config_path)
        .map_err(|e| format!("cannot read {}: {e}", config_path.display()))?;
    let english: String = config
        .lines()
        .map(|line| match line {
            l if l.starts_with("lang:") => "lang: en".to_string(),
            l if l.starts_with("title:") => "title: Sinmun (English)".to_string(),
            l => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&config_path, english + "\n")
        .map_err(|e| format!("cannot write {}: {e}", config_path.display()))
}
