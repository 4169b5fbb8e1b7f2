//! The short fuzzing run of CI, on stable: every committed corpus file
//! (`fuzz/corpus/<target>/`, crashes the fuzzer found included) goes through
//! its target's body, then random inputs and mutations of the corpus do.
//! The long runs are `cargo xtask fuzz` (nightly, libFuzzer).
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

use proptest::prelude::*;
use sinmun_fuzz_targets::TARGETS;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

fn corpus_dir(target: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz/corpus")
        .join(target)
}

fn corpus(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = corpus_dir(target);
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter(|e| !is_generated(&e.file_name().to_string_lossy()))
        .map(|e| {
            let data = std::fs::read(e.path()).unwrap_or_else(|err| panic!("{err}"));
            (e.file_name().to_string_lossy().into_owned(), data)
        })
        .collect();
    files.sort();
    files
}

/// What libFuzzer adds while it runs: SHA-1 names, ignored by git (fuzz/.gitignore).
fn is_generated(name: &str) -> bool {
    name.len() == 40 && name.bytes().all(|b| b.is_ascii_hexdigit())
}

#[test]
fn every_corpus_file_passes_its_target() {
    let mut failures = Vec::new();
    for (target, body) in TARGETS {
        let files = corpus(target);
        assert!(
            files.len() >= 5,
            "{target}: only {} seed files in {}",
            files.len(),
            corpus_dir(target).display()
        );
        for (name, data) in files {
            if let Err(panic) = catch_unwind(AssertUnwindSafe(|| body(&data))) {
                let why = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                failures.push(format!("{target}/{name}: {why}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The corpus holds no generated growth: small, named files only (see .gitignore).
#[test]
fn the_committed_corpus_stays_small() {
    let mut total = 0;
    for (target, _) in TARGETS {
        for (name, data) in corpus(target) {
            assert!(data.len() <= 64 * 1024, "{target}/{name} is over 64 KB");
            total += data.len();
        }
    }
    assert!(total <= 2 * 1024 * 1024, "corpus is {total} bytes");
}

fn mutate(seed: &[u8], edits: &[(usize, u8, u8)]) -> Vec<u8> {
    let mut data = seed.to_vec();
    for &(at, kind, byte) in edits {
        let at = if data.is_empty() {
            0
        } else {
            at % (data.len() + 1)
        };
        match kind % 4 {
            0 => data.insert(at, byte),
            1 if at < data.len() => data[at] = byte,
            2 if at < data.len() => {
                data.remove(at);
            }
            _ => data.truncate(at),
        }
    }
    data
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_bytes_pass_every_target(data in proptest::collection::vec(any::<u8>(), 0..400)) {
        for (_, body) in TARGETS {
            body(&data);
        }
    }

    #[test]
    fn mutated_corpus_files_pass_their_target(
        target in 0..TARGETS.len(),
        pick in any::<usize>(),
        edits in proptest::collection::vec((any::<usize>(), any::<u8>(), prop_oneof![
            any::<u8>(),
            Just(b'<'), Just(b'>'), Just(b'"'), Just(b'\''), Just(b'-'), Just(b':'),
            Just(b'\n'), Just(b'{'), Just(b'['), Just(b'!'),
        ]), 0..8),
    ) {
        let (name, body) = TARGETS[target];
        let files = corpus(name);
        prop_assume!(!files.is_empty());
        let (_, seed) = &files[pick % files.len()];
        body(&mutate(seed, &edits));
    }
}
