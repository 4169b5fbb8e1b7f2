//! The Rust tests that must run in a browser (`wasm-bindgen-test`), in
//! Debian's headless Chromium: today the model round trip
//! (tests/model_roundtrip.rs), which checks the app's JSON decoder against
//! the converter's serialiser. Chromium's flags (no sandbox as root, no
//! network) are in `webdriver.json` at the repository root, where the runner
//! reads them.

use std::process::Command;

use crate::run::run;
use crate::tools::ensure_browser;
use crate::{root, Result};

/// The integration tests of the app that run in the browser.
const BROWSER_TESTS: &[&str] = &["model_roundtrip"];

/// Run [`BROWSER_TESTS`] with `wasm-bindgen-test-runner` (installed with
/// wasm-bindgen-cli by `ensure_build_tools`).
pub fn run_wasm_tests() -> Result {
    ensure_browser()?;
    let mut command = Command::new("cargo");
    command
        .current_dir(root())
        .args(["test", "-p", "sinmun", "--target", "wasm32-unknown-unknown"])
        .env(
            "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
            "wasm-bindgen-test-runner",
        )
        .env("CHROMEDRIVER", "/usr/bin/chromedriver");
    for test in BROWSER_TESTS {
        command.args(["--test", test]);
    }
    run(&mut command)
}
