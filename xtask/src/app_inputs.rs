//! Whether `target/app` is still the build of its inputs, so a site build
//! whose posts changed but whose app did not reuses the bundle instead of
//! spending most of its time rebuilding it (Trunk, wasm-bindgen, wasm-opt
//! for four wasm modules).
//!
//! The inputs are every file the bundle is built from (the app's and its
//! crates' sources, styles, public files, index.html, the Cargo and npm
//! lock files, the build code in xtask) and the toolchain's version; each is
//! recorded by a hash of its content, so a checkout that only touches
//! modification times reuses, and the terminal can say which file changed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{root, Result};

/// Files and folders (relative to the repository) the bundle is built from.
const INPUTS: &[&str] = &[
    "src",
    "style",
    "public",
    "crates",
    "index.html",
    "Trunk.toml",
    "Cargo.toml",
    "Cargo.lock",
    ".cargo",
    "package.json",
    "package-lock.json",
    "node_modules/dompurify/dist/purify.min.js",
    "xtask/src/build.rs",
    "xtask/src/lazy_files.rs",
    "xtask/src/tools.rs",
];

/// Inside [`INPUTS`], but not part of the bundle: the converter and the
/// fuzz targets are native code (a change there must not rebuild the app).
const NOT_INPUTS: &[&str] = &["crates/convert", "crates/fuzz-targets", "target"];

/// Each input's hash by its path, and the toolchain under `"rustc -V"`.
#[derive(Debug, Default, PartialEq)]
pub struct Fingerprint(BTreeMap<String, String>);

impl Fingerprint {
    /// The inputs as they are now in `repo`.
    pub fn of(repo: &Path) -> Result<Fingerprint> {
        let mut files = BTreeMap::new();
        for input in INPUTS {
            add(repo, &repo.join(input), &mut files)?;
        }
        files.insert("rustc -V".to_string(), rustc_version());
        Ok(Fingerprint(files))
    }

    fn read(path: &Path) -> Option<Fingerprint> {
        let text = std::fs::read_to_string(path).ok()?;
        serde_json::from_str(&text).ok().map(Fingerprint)
    }

    fn write(&self, path: &Path) -> Result {
        let json = serde_json::to_string_pretty(&self.0).map_err(|e| e.to_string())?;
        std::fs::write(path, json).map_err(|e| format!("cannot write {}: {e}", path.display()))
    }

    /// What differs from `earlier`, as a reader would say it.
    pub fn changes_since(&self, earlier: &Fingerprint) -> Vec<String> {
        let mut changes = Vec::new();
        for (path, hash) in &self.0 {
            match earlier.0.get(path) {
                None => changes.push(format!("{path} is new")),
                Some(old) if old != hash => changes.push(format!("{path} changed")),
                Some(_) => {}
            }
        }
        for path in earlier.0.keys().filter(|p| !self.0.contains_key(*p)) {
            changes.push(format!("{path} was removed"));
        }
        changes
    }
}

fn add(repo: &Path, path: &Path, files: &mut BTreeMap<String, String>) -> Result {
    let relative = path.strip_prefix(repo).unwrap_or(path);
    let name = relative.to_string_lossy().replace('\\', "/");
    if NOT_INPUTS.iter().any(|skip| name == *skip) {
        return Ok(());
    }
    if path.is_dir() {
        let entries =
            std::fs::read_dir(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        for entry in entries.flatten() {
            add(repo, &entry.path(), files)?;
        }
    } else if path.is_file() {
        let bytes =
            std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        files.insert(name, format!("{:016x}", fnv1a(&bytes)));
    }
    Ok(())
}

/// FNV-1a: stable across Rust versions, unlike `DefaultHasher`.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn rustc_version() -> String {
    Command::new("rustc")
        .arg("-V")
        .output()
        .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_string())
        .unwrap_or_default()
}

/// Where the fingerprint of `target/app`'s build is kept (outside the
/// bundle, which is copied into every site).
fn record_path() -> PathBuf {
    root().join("target/app.inputs.json")
}

/// `Ok(())` when the bundle in `dist` was built from exactly the inputs of
/// `now`; otherwise why it must be built again.
pub fn reusable(dist: &Path, now: &Fingerprint) -> std::result::Result<(), String> {
    if !dist.join("bundle.json").is_file() {
        return Err("there is no bundle yet".into());
    }
    let Some(earlier) = Fingerprint::read(&record_path()) else {
        return Err("its inputs were not recorded".into());
    };
    let changes = now.changes_since(&earlier);
    match changes.split_first() {
        None => Ok(()),
        Some((first, [])) => Err(first.clone()),
        Some((first, rest)) => Err(format!("{first}, and {} more", rest.len())),
    }
}

/// Forget the recorded inputs (a build is under way: if it stops halfway,
/// the next run must not reuse its output).
pub fn forget() {
    let _ = std::fs::remove_file(record_path());
}

/// Record `now` as the inputs of the bundle just built.
pub fn remember(now: &Fingerprint) -> Result {
    now.write(&record_path())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fingerprint(files: &[(&str, &str)]) -> Fingerprint {
        Fingerprint(
            files
                .iter()
                .map(|(p, h)| (p.to_string(), h.to_string()))
                .collect(),
        )
    }

    #[test]
    fn changes_name_the_files() {
        let before = fingerprint(&[("src/a.rs", "1"), ("src/b.rs", "2")]);
        let after = fingerprint(&[("src/a.rs", "9"), ("src/c.rs", "3")]);
        assert_eq!(
            after.changes_since(&before),
            [
                "src/a.rs changed",
                "src/c.rs is new",
                "src/b.rs was removed"
            ]
        );
        assert!(before.changes_since(&before).is_empty());
    }

    #[test]
    fn the_converter_is_not_an_input_of_the_app() {
        let now = Fingerprint::of(&root()).unwrap();
        assert!(
            now.0.keys().any(|p| p == "src/main.rs"),
            "{:?}",
            now.0.keys()
        );
        assert!(now.0.keys().any(|p| p.starts_with("crates/model/")));
        assert!(!now.0.keys().any(|p| p.starts_with("crates/convert/")));
        assert!(now.0.contains_key("rustc -V"));
    }
}
