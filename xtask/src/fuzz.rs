//! `cargo xtask fuzz [--seconds N] [--target NAME]`: every libFuzzer target in
//! `fuzz/` for N seconds each (default 600), one after the other. libFuzzer
//! needs a nightly toolchain; cargo-fuzz is installed when missing. Without
//! nightly, the committed corpus is replayed on stable instead (the test CI
//! runs as part of `cargo test --workspace`).
//!
//! What the fuzzer adds to `fuzz/corpus/<target>/` stays there, ignored by
//! git; a crash is written to `fuzz/artifacts/<target>/` and stops the run.

use std::process::Command;

use crate::run::{output, run};
use crate::{root, Result};

pub const CARGO_FUZZ_VERSION: &str = "0.13.2";

/// The targets, in the order they run (fuzz/Cargo.toml has one binary each).
pub const TARGETS: &[&str] = &[
    "front_matter",
    "format_detection",
    "feed_readers",
    "body_markdown",
    "body_html",
];

const DEFAULT_SECONDS: u64 = 600;

pub fn fuzz(args: &[String]) -> Result {
    let mut seconds = DEFAULT_SECONDS;
    let mut targets: Vec<&str> = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--seconds" => {
                seconds = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|n| *n > 0)
                    .ok_or("--seconds needs a positive number")?;
            }
            "--target" => {
                let name = args.next().ok_or("--target needs a name")?;
                let known = TARGETS
                    .iter()
                    .find(|t| **t == name.as_str())
                    .ok_or_else(|| {
                        format!("no fuzz target {name}; there are {}", TARGETS.join(", "))
                    })?;
                targets.push(known);
            }
            other => {
                return Err(format!(
                "unknown argument {other}; usage: cargo xtask fuzz [--seconds N] [--target NAME]"
            ))
            }
        }
    }
    if targets.is_empty() {
        targets = TARGETS.to_vec();
    }

    if !has_nightly() {
        eprintln!(
            "xtask: no nightly toolchain, which libFuzzer needs (`rustup toolchain install nightly` adds one).\n\
             xtask: replaying the committed corpus and random inputs on stable instead"
        );
        return run(Command::new("cargo").current_dir(root()).args([
            "test",
            "-p",
            "sinmun-fuzz-targets",
        ]));
    }
    ensure_cargo_fuzz()?;
    for target in &targets {
        eprintln!("xtask: fuzzing {target} for {seconds} s");
        run(Command::new("cargo").current_dir(root().join("fuzz")).args([
            "+nightly",
            "fuzz",
            "run",
            target,
            "--",
            &format!("-max_total_time={seconds}"),
            // an input slower than this is reported as a hang
            "-timeout=20",
            "-print_final_stats=1",
        ]))
        .map_err(|e| {
            format!("{e}\nxtask: the input that failed is in fuzz/artifacts/{target}/; add it to fuzz/corpus/{target}/ with a telling name once fixed")
        })?;
    }
    eprintln!(
        "xtask: {} target(s) ran {seconds} s each without a failure",
        targets.len()
    );
    Ok(())
}

fn has_nightly() -> bool {
    output("rustup", &["toolchain", "list"])
        .is_some_and(|list| list.lines().any(|l| l.starts_with("nightly")))
}

fn ensure_cargo_fuzz() -> Result {
    let installed = output("cargo", &["fuzz", "--version"])
        .is_some_and(|v| v.contains(&format!("cargo-fuzz {CARGO_FUZZ_VERSION}")));
    if installed {
        return Ok(());
    }
    run(Command::new("cargo").args([
        "install",
        "cargo-fuzz",
        "--version",
        CARGO_FUZZ_VERSION,
        "--locked",
    ]))
}
