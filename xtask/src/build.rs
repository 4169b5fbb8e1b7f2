//! Building the app bundle, the converter, and whole site folders.
//!
//! The bundle is built once per run and serves any base path: Trunk builds it
//! with a relative public URL (Trunk.toml), and the converter sets each page's
//! `<base href>` to the site's base path.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

use crate::app_inputs::{self, Fingerprint};
use crate::lazy_files::{lazy_files, widget_parts};
use crate::run::run;
use crate::tools::ensure_build_tools;
use crate::{root, Result};

/// Build the browser bundle (`target/app`, with its `bundle.json`) the first
/// time it is asked for in this run; returns its folder.
pub fn build_app() -> Result<PathBuf> {
    static APP: OnceLock<Result<PathBuf>> = OnceLock::new();
    APP.get_or_init(build_app_now).clone()
}

fn build_app_now() -> Result<PathBuf> {
    let dist = root().join("target/app");
    match app_inputs::reusable(&dist, &Fingerprint::of(&root())?) {
        Ok(()) => {
            eprintln!("xtask: app bundle reused: nothing it is built from changed (target/app)");
            return Ok(dist);
        }
        Err(why) => eprintln!("xtask: app bundle rebuilt: {why}"),
    }
    app_inputs::forget();
    ensure_build_tools()?;
    // After the installs (npm's DOMPurify is an input).
    let inputs = Fingerprint::of(&root())?;
    // Trunk copies every snippet wasm-bindgen ever wrote there; a stale one
    // (code since moved into src/browser.js) would ship and be counted.
    let _ = std::fs::remove_dir_all(root().join("target/wasm-bindgen/release/snippets"));
    run(Command::new("trunk")
        .current_dir(root())
        .args(["build", "--release", "--offline", "--dist"])
        .arg(&dist))?;
    // In front of the start script: the page's early data requests (see the file).
    let early_path = root().join("src/source/early.js");
    let early_js = std::fs::read_to_string(&early_path)
        .map_err(|e| format!("cannot read {}: {e}", early_path.display()))?;
    let sw_path = root().join("src/sw.js");
    let service_worker = std::fs::read_to_string(&sw_path)
        .map_err(|e| format!("cannot read {}: {e}", sw_path.display()))?;
    let parts = sinmun_bundle::Parts {
        early_js,
        lazy: lazy_files()?,
        widget: Some(widget_parts()?),
        service_worker: Some(service_worker),
    };
    sinmun_bundle::finish(&dist, &parts)?;
    app_inputs::remember(&inputs)?;
    Ok(dist)
}

/// Build the native converter binaries (unless they are newer than all
/// their sources, `converter_fresh.rs`); returns the folder holding them.
pub fn build_converter() -> Result<PathBuf> {
    let bin_dir = root().join("target/native");
    if crate::converter_fresh::is_fresh(&root(), &bin_dir) {
        return Ok(bin_dir);
    }
    run(Command::new("cargo").current_dir(root()).args([
        "build",
        "--quiet",
        "--profile",
        "native",
        "-p",
        "sinmun-convert",
        "--bins",
    ]))?;
    crate::converter_fresh::mark_built(&bin_dir);
    Ok(bin_dir)
}

/// A site as the project's own commands build it (tests, serve, bench).
pub struct SiteOptions {
    pub posts: PathBuf,
    pub out: PathBuf,
    pub base_path: String,
    pub report: Option<PathBuf>,
    pub keep_going: bool,
    /// `--bodies-in-data`: article JSON keeps its body (sites whose tests
    /// read the bodies back, or feed raw bodies to the browser).
    pub bodies_in_data: bool,
}

/// App bundle + converted posts = one deployable folder.
pub fn build_site(options: &SiteOptions) -> Result {
    let mut args: Vec<OsString> = vec![
        options.posts.clone().into(),
        options.out.clone().into(),
        "--base-path".into(),
        options.base_path.clone().into(),
    ];
    if let Some(report) = &options.report {
        args.extend(["--report".into(), report.clone().into()]);
    }
    if options.keep_going {
        args.push("--keep-going".into());
    }
    if options.bodies_in_data {
        args.push("--bodies-in-data".into());
    }
    convert(&args, true)
}

/// Runs `sinmun-convert` with `args`, given the app bundle when `with_app`.
/// It inherits xtask's working directory, which `cargo run` leaves as the
/// caller's, so relative paths in `args` are the caller's.
fn convert(args: &[OsString], with_app: bool) -> Result {
    let mut command = Command::new(build_converter()?.join("sinmun-convert"));
    if with_app {
        command.arg("--app-dir").arg(build_app()?);
    }
    run(command.args(args))
}

/// `cargo xtask site <sinmun-convert arguments>`: the converter's own command
/// line (`sinmun-convert --help`), with the app bundle built and added.
pub fn site_command(args: &[String]) -> Result {
    if args
        .iter()
        .any(|a| a == "--app-dir" || a.starts_with("--app-dir="))
    {
        return Err(
            "`cargo xtask site` builds the app and passes --app-dir itself; \
                    run sinmun-convert directly to use another bundle"
                .into(),
        );
    }
    let asks_for_help = args
        .iter()
        .any(|a| matches!(a.as_str(), "-h" | "--help" | "-V" | "--version"));
    let args: Vec<OsString> = args.iter().map(OsString::from).collect();
    convert(&args, !asks_for_help)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_refuses_an_app_dir_of_its_own() {
        for arg in ["--app-dir", "--app-dir=dist"] {
            let args = ["posts".to_string(), "out".into(), arg.into(), "x".into()];
            let error = site_command(&args).unwrap_err();
            assert!(error.contains("passes --app-dir itself"), "{error}");
        }
    }
}
