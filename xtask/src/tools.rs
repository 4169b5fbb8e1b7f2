//! Installs what the project needs, idempotently, at pinned versions.
//! Every command calls what it needs; a tool already at the right version is left alone.

use std::path::Path;
use std::process::Command;

use crate::run::{output, run};
use crate::{root, Result};

pub const TRUNK_VERSION: &str = "0.21.14";
pub const BINARYEN_VERSION: &str = "132";

/// The wasm-bindgen version in Cargo.lock: the CLI must match it exactly.
pub fn locked_wasm_bindgen_version() -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = "))
            {
                return Ok(version.trim_matches('"').to_string());
            }
        }
    }
    Err("Cargo.lock names no wasm-bindgen version".into())
}

fn has_version(program: &str, arg: &str, needle: &str) -> bool {
    output(program, &[arg]).is_some_and(|v| v.contains(needle))
}

/// Rust target, Trunk, wasm-bindgen-cli, wasm-opt and the npm packages the bundle uses.
pub fn ensure_build_tools() -> Result {
    let installed = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if !installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }
    if !has_version("trunk", "--version", &format!("trunk {TRUNK_VERSION}")) {
        first_install(
            &format!("Trunk {TRUNK_VERSION}"),
            "it builds the app bundle",
        );
        run(Command::new("cargo").args([
            "install",
            "trunk",
            "--version",
            TRUNK_VERSION,
            "--locked",
        ]))?;
    }
    let bindgen = locked_wasm_bindgen_version()?;
    if !has_version(
        "wasm-bindgen",
        "--version",
        &format!("wasm-bindgen {bindgen}"),
    ) {
        first_install(
            &format!("wasm-bindgen-cli {bindgen}"),
            "it must equal the wasm-bindgen of Cargo.lock",
        );
        // Not --locked: its lock file names a dependency version that is gone.
        run(Command::new("cargo").args(["install", "wasm-bindgen-cli", "--version", &bindgen]))?;
    }
    if !has_version(
        "wasm-opt",
        "--version",
        &format!("version_{BINARYEN_VERSION}"),
    ) {
        // Debian's binaryen is too old for current rustc output.
        run(Command::new("npm").args(["install", "-g", &format!("binaryen@{BINARYEN_VERSION}")]))?;
    }
    // Trunk builds with --offline: download every crate in Cargo.lock first
    // (a no-op when they are already here).
    run(Command::new("cargo")
        .current_dir(root())
        .args(["fetch", "--quiet"]))?;
    ensure_npm_packages(&root())
}

/// Say what is being compiled and why before a long, silent `cargo install`.
fn first_install(tool: &str, why: &str) {
    eprintln!(
        "xtask: installing {tool} ({why}): cargo compiles it from source once, which takes \
         several minutes (Trunk and wasm-bindgen-cli together 10 to 20 minutes on 2 cores); \
         later runs reuse it"
    );
}

/// `npm ci` in `dir` when its node_modules is missing or older than the lock file.
pub fn ensure_npm_packages(dir: &Path) -> Result {
    let lock = dir.join("package-lock.json");
    let marker = dir.join("node_modules/.package-lock.json");
    let fresh = match (std::fs::metadata(&lock), std::fs::metadata(&marker)) {
        (Ok(lock), Ok(marker)) => match (lock.modified(), marker.modified()) {
            (Ok(l), Ok(m)) => m >= l,
            _ => false,
        },
        _ => false,
    };
    if !fresh {
        run(Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(dir))?;
    }
    Ok(())
}

/// Debian's packages for each `(file, package)` whose file is missing, in
/// one `apt-get install` (as root, or through sudo).
pub fn ensure_apt_packages(wanted: &[(&str, &str)]) -> Result {
    let needed: Vec<&str> = wanted
        .iter()
        .filter(|(path, _)| !Path::new(path).exists())
        .map(|(_, package)| *package)
        .collect();
    if needed.is_empty() {
        return Ok(());
    }
    let as_root = output("id", &["-u"]).is_some_and(|id| id.trim() == "0");
    let apt = |args: &[&str]| -> Result {
        let mut command = if as_root {
            Command::new("apt-get")
        } else {
            Command::new("sudo")
        };
        if !as_root {
            command.arg("apt-get");
        }
        run(command.args(args).env("DEBIAN_FRONTEND", "noninteractive"))
    };
    apt(&["update", "-q"])?;
    let mut args = vec!["install", "-y", "-q"];
    args.extend(needed);
    apt(&args)
}

/// Debian's Chromium and ChromeDriver, and Korean fonts for screenshots.
pub fn ensure_browser() -> Result {
    crate::engines::ensure_engine(crate::engines::Engine::Chromium)
}
