//! `cargo xtask <command>`: the project's interface (see README).
//!
//!   serve [--port N] [--watch] [POSTS_DIR]
//!                               install tools, convert the posts (default: the sample
//!                               posts), build, serve on :8080; --watch rebuilds on save
//!                               and reloads the open pages
//!   test [--quick] [--engine E] every test: native, clippy/fmt, end-to-end in Chromium,
//!                               Firefox and WebKit (--engine: only those named)
//!   site <posts> <out> [sinmun-convert options]
//!                               a deployable site folder from any Jekyll _posts folder:
//!                               the arguments go to sinmun-convert (see its --help),
//!                               with the app bundle built and passed as --app-dir
//!   bench [--quick] [--site-only]
//!                               benchmarks (site builds against Hugo, converter, bundle
//!                               size, browser timings)
//!   fuzz [--seconds N]          each fuzz target for N s (default 600; nightly, else corpus replay)

mod app_inputs;
mod bench;
mod browser_bench;
mod budget;
mod build;
mod converter_fresh;
mod deploy_check;
mod engines;
mod fuzz;
mod lazy_files;
mod lighthouse;
mod portal;
mod run;
mod search_bench;
mod serve;
mod site_bench;
mod test;
mod tools;
mod wasm_test;

use std::path::PathBuf;
use std::process::ExitCode;

pub type Result<T = ()> = std::result::Result<T, String>;

/// The repository root (xtask lives one level below it).
pub fn root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}

fn usage() -> &'static str {
    "usage: cargo xtask <serve [--port N] [--watch] [POSTS_DIR] | test [--quick] [--engine chromium|firefox|webkit] | site <posts-dir> <out-dir> [sinmun-convert options, see site --help] | bench [--quick] [--no-browser] [--fidelity] [--site-only] [--search-only [SITE]] | fuzz [--seconds N] [--target NAME]>"
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve::serve(&args[1..]),
        Some("test") => test::test(&args[1..]),
        Some("site") => build::site_command(&args[1..]),
        Some("bench") => bench::bench(&args[1..]),
        Some("fuzz") => fuzz::fuzz(&args[1..]),
        _ => Err(usage().to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}
