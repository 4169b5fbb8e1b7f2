//! Whether the native converter (`target/native/sinmun-convert`) is newer
//! than every file it is built from, so `cargo xtask site` can skip asking
//! cargo. Cargo's own check of an unchanged workspace takes a few hundred
//! milliseconds here, which is most of an incremental site build's second.
//!
//! The check is by modification time against a stamp file written after
//! each successful `cargo build` (cargo leaves an up-to-date binary's time
//! alone, so the binary's own time would say "stale" forever after a
//! checkout). Any doubt (a missing stamp, an unreadable file) means "ask
//! cargo"; the inputs are over-counted (all of `crates/`), never under.

use std::path::Path;
use std::time::SystemTime;

/// Files and folders (relative to the repository) the converter is built from.
const INPUTS: &[&str] = &["crates", "Cargo.toml", "Cargo.lock", ".cargo"];

/// Not inputs: build output, and the fuzzers' own folder.
const SKIPPED: &[&str] = &["target", "fuzz"];

/// The stamp beside the binaries.
pub fn stamp_path(bin_dir: &Path) -> std::path::PathBuf {
    bin_dir.join(".sinmun-convert.built")
}

/// Whether the binaries in `bin_dir` were built after the last change to
/// any input below `repo`.
pub fn is_fresh(repo: &Path, bin_dir: &Path) -> bool {
    let built = match std::fs::metadata(stamp_path(bin_dir)).and_then(|m| m.modified()) {
        Ok(time) => time,
        Err(_) => return false,
    };
    if !bin_dir.join("sinmun-convert").is_file() {
        return false;
    }
    INPUTS
        .iter()
        .all(|input| older_than(&repo.join(input), built))
}

/// Records that the binaries were just built.
pub fn mark_built(bin_dir: &Path) {
    let _ = std::fs::write(stamp_path(bin_dir), b"");
}

/// Whether `path` and everything below it was last changed before `time`
/// (a path that does not exist is: nothing to build from).
fn older_than(path: &Path, time: SystemTime) -> bool {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return !path.exists();
    };
    match meta.modified() {
        Ok(modified) if modified < time => {}
        _ => return false,
    }
    if !meta.is_dir() {
        return true;
    }
    let Ok(entries) = std::fs::read_dir(path) else {
        return false;
    };
    entries.flatten().all(|entry| {
        let name = entry.file_name();
        SKIPPED.iter().any(|s| name == *s) || older_than(&entry.path(), time)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_after_the_build_makes_it_stale() {
        let repo = tempfile::tempdir().unwrap();
        let crates = repo.path().join("crates/convert/src");
        std::fs::create_dir_all(&crates).unwrap();
        std::fs::write(crates.join("lib.rs"), "//! x").unwrap();
        let bin = repo.path().join("target/native");
        std::fs::create_dir_all(&bin).unwrap();
        std::fs::write(bin.join("sinmun-convert"), b"").unwrap();
        assert!(!is_fresh(repo.path(), &bin), "never built: ask cargo");
        std::thread::sleep(std::time::Duration::from_millis(20));
        mark_built(&bin);
        assert!(is_fresh(repo.path(), &bin));
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(crates.join("lib.rs"), "//! y").unwrap();
        assert!(!is_fresh(repo.path(), &bin), "an edited source");
    }
}
