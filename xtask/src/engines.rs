//! The browser engines the end-to-end tests run in, one after the other:
//! Chromium (every suite), then Firefox and WebKit (the cross-engine suites
//! in `tests/e2e/all-engines/`; the Chromium-only ones, in
//! `tests/e2e/chromium/`, need Playwright's DevTools-protocol features).
//! `cargo xtask test --engine firefox` runs one.

use std::path::Path;
use std::process::Command;

use crate::run::run;
use crate::tools::ensure_apt_packages;
use crate::Result;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Chromium,
    Firefox,
    WebKit,
}

pub const ALL: [Engine; 3] = [Engine::Chromium, Engine::Firefox, Engine::WebKit];

impl Engine {
    pub fn name(self) -> &'static str {
        match self {
            Engine::Chromium => "chromium",
            Engine::Firefox => "firefox",
            Engine::WebKit => "webkit",
        }
    }

    fn parse(name: &str) -> Result<Engine> {
        ALL.into_iter()
            .find(|e| e.name() == name)
            .ok_or_else(|| format!("unknown engine `{name}`: expected chromium, firefox or webkit"))
    }

    /// Debian's packages this engine needs, each with a file that shows it is there.
    fn packages(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Engine::Chromium => &[
                ("/usr/bin/chromium", "chromium"),
                ("/usr/bin/chromedriver", "chromium-driver"),
            ],
            Engine::Firefox => &[("/usr/bin/firefox-esr", "firefox-esr")],
            Engine::WebKit => &[
                ("/usr/bin/WebKitWebDriver", "webkit2gtk-driver"),
                ("/usr/bin/xvfb-run", "xvfb"),
            ],
        }
    }

    /// The test folders this engine runs.
    fn suites(self) -> &'static [&'static str] {
        match self {
            Engine::Chromium => &["all-engines", "chromium"],
            Engine::Firefox | Engine::WebKit => &["all-engines"],
        }
    }
}

/// The engines named by `--engine NAME` (repeatable, or comma-separated); all three by default.
pub fn selected(args: &[String]) -> Result<Vec<Engine>> {
    let mut chosen = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let value = match arg.strip_prefix("--engine=") {
            Some(value) => value,
            None if arg == "--engine" => args
                .next()
                .ok_or("--engine needs a name: chromium, firefox or webkit")?,
            None => continue,
        };
        for name in value.split(',').filter(|n| !n.is_empty()) {
            let engine = Engine::parse(name)?;
            if !chosen.contains(&engine) {
                chosen.push(engine);
            }
        }
    }
    Ok(if chosen.is_empty() {
        ALL.to_vec()
    } else {
        chosen
    })
}

/// Install what `engine` needs (and Korean fonts, for every engine's screenshots).
pub fn ensure_engine(engine: Engine) -> Result {
    let fonts = (
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "fonts-noto-cjk",
    );
    let mut packages = engine.packages().to_vec();
    packages.push(fonts);
    ensure_apt_packages(&packages)
}

/// Run `engine`'s end-to-end suites from `tests_dir` against the sites in `e2e`.
pub fn run_suites(engine: Engine, tests_dir: &Path, e2e: &Path) -> Result {
    ensure_engine(engine)?;
    eprintln!("xtask: end-to-end tests in {}", engine.name());
    // WebKitGTK has no headless mode: it gets a virtual display.
    let mut command = if engine == Engine::WebKit {
        let mut c = Command::new("xvfb-run");
        c.args(["-a", "-s", "-screen 0 1920x1080x24", "node"]);
        c
    } else {
        Command::new("node")
    };
    command
        .current_dir(tests_dir)
        .args(["--test", "--test-concurrency=1", "--test-reporter=spec"])
        .args(engine.suites())
        .env("SINMUN_E2E_DIR", e2e)
        .env("SINMUN_ENGINE", engine.name());
    run(&mut command)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn all_engines_by_default() {
        assert_eq!(selected(&args(&["--quick"])).unwrap(), ALL.to_vec());
    }

    #[test]
    fn engines_by_name_in_order_once() {
        assert_eq!(
            selected(&args(&["--engine", "webkit", "--engine=firefox,webkit"])).unwrap(),
            vec![Engine::WebKit, Engine::Firefox]
        );
    }

    #[test]
    fn unknown_or_missing_engine_is_an_error() {
        assert!(selected(&args(&["--engine", "safari"])).is_err());
        assert!(selected(&args(&["--engine"])).is_err());
    }
}
