//! The record of the last build: every file it wrote, each with a stamp (a
//! hash of its content, or for an article page a hash of everything the page
//! is made from). With it, a run over a site built before rewrites only the
//! files whose stamp changed and removes those no longer produced: after one
//! post changed, its page and JSON, the list shards and pages it appears in,
//! the feeds and the sitemap (`update.rs`).
//!
//! The record is `.<site>.sinmun-build.json` beside the output folder, not in
//! it, so that it is never deployed. It is trusted only while the site's
//! manifest is the one it recorded (a folder rebuilt or edited by another
//! tool gets a full build), and it is removed before a run changes the
//! folder and written after, so a run stopped half-way leaves no record and
//! the next one builds in full.

use super::staging::absolute;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::hash::Hasher;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Bumped when the meaning of stamps changes.
const RECORD_VERSION: u32 = 1;
/// The file every build rewrites (its `generated` time changes), whose stamp
/// ties the record to the folder.
const MANIFEST: &str = "data/manifest.json";

#[derive(Serialize, Deserialize)]
struct Record {
    version: u32,
    files: HashMap<String, u64>,
}

/// A stamp of some bytes: 64-bit xxh3 (some 10 GB/s; a stamp only ever
/// compares one path's content between two builds).
pub fn stamp(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// Builds a stamp from several parts, or from a value serialised into it.
#[derive(Default)]
pub struct StampWriter(xxhash_rust::xxh3::Xxh3);

impl StampWriter {
    pub fn add(&mut self, bytes: &[u8]) -> &mut Self {
        // the length first, so that ("ab", "c") and ("a", "bc") differ
        self.0.write_u64(bytes.len() as u64);
        self.0.update(bytes);
        self
    }

    /// Adds `value` serialised (a value that cannot be serialised adds a
    /// marker that never equals a real one: the stamp changes every run).
    /// MessagePack, not JSON: its strings go in as they are, where JSON
    /// escapes every quote of an HTML body (stamping the pages of an
    /// unchanged koreanews site spent 90 ms of CPU escaping).
    pub fn add_value<T: Serialize>(&mut self, value: &T) -> &mut Self {
        if rmp_serde::encode::write_named(&mut *self, value).is_err() {
            self.0.write_u64(rand_like());
        }
        self
    }

    pub fn finish(&self) -> u64 {
        self.0.digest()
    }
}

impl io::Write for StampWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn rand_like() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64)
}

/// The converter's own stamp: its executable's path, size and modification
/// time. Pages are stamped by their inputs, not their content, so a new
/// converter (another page layout) must not find its old pages
/// "unchanged". Every build writes a new executable, so its time changes;
/// hashing its bytes instead (40 MB) took 30 ms of every run.
pub fn converter_stamp() -> u64 {
    static STAMP: OnceLock<u64> = OnceLock::new();
    *STAMP.get_or_init(|| executable_stamp().unwrap_or_else(rand_like))
}

fn executable_stamp() -> Option<u64> {
    let path = std::env::current_exe().ok()?;
    let meta = std::fs::metadata(&path).ok()?;
    let modified = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_nanos();
    Some(
        StampWriter::default()
            .add(path.as_os_str().as_encoded_bytes())
            .add(&meta.len().to_le_bytes())
            .add(&modified.to_le_bytes())
            .finish(),
    )
}

/// Where the record of the site in `out_dir` is kept.
pub fn record_path(out_dir: &Path) -> io::Result<PathBuf> {
    beside(out_dir, "sinmun-build.json")
}

/// The hidden file `.<site>.<suffix>` beside the output folder.
pub fn beside(out_dir: &Path, suffix: &str) -> io::Result<PathBuf> {
    let out = absolute(out_dir)?;
    let name = out.file_name().unwrap_or_default().to_string_lossy();
    Ok(out.with_file_name(format!(".{name}.{suffix}")))
}

/// The files of the last build into `out_dir` with their stamps, if there
/// is a record and the folder still holds that build.
pub fn load(out_dir: &Path) -> Option<HashMap<String, u64>> {
    let text = std::fs::read(record_path(out_dir).ok()?).ok()?;
    let record: Record = serde_json::from_slice(&text).ok()?;
    if record.version != RECORD_VERSION {
        return None;
    }
    let manifest = std::fs::read(out_dir.join(MANIFEST)).ok()?;
    (record.files.get(MANIFEST) == Some(&stamp(&manifest))).then_some(record.files)
}

/// Removes the record (before a run changes the folder).
pub fn forget(out_dir: &Path) -> io::Result<()> {
    match std::fs::remove_file(record_path(out_dir)?) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// Writes `bytes` to `path` through a temporary file renamed over it, so a
/// run stopped half-way leaves the old file or the new one (the memos).
pub fn write_replacing(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut temp = path.as_os_str().to_os_string();
    temp.push(".tmp");
    std::fs::write(&temp, bytes)?;
    std::fs::rename(&temp, path)
}

/// Writes the record of the build now in `out_dir` (after it is in place).
pub fn save(out_dir: &Path, files: HashMap<String, u64>) -> io::Result<()> {
    let path = record_path(out_dir)?;
    let record = Record {
        version: RECORD_VERSION,
        files,
    };
    let temp = path.with_extension("json.tmp");
    let mut file = io::BufWriter::new(std::fs::File::create(&temp)?);
    serde_json::to_writer(&mut file, &record).map_err(io::Error::other)?;
    io::Write::flush(&mut file)?;
    drop(file);
    std::fs::rename(&temp, &path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_is_trusted_only_with_its_manifest() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        std::fs::create_dir_all(site.join("data")).unwrap();
        std::fs::write(site.join(MANIFEST), b"{\"total\":1}").unwrap();
        let files = HashMap::from([
            (MANIFEST.to_string(), stamp(b"{\"total\":1}")),
            ("index.html".to_string(), 7),
        ]);
        save(&site, files.clone()).unwrap();
        assert!(dir.path().join(".site.sinmun-build.json").is_file());
        assert_eq!(load(&site), Some(files));
        std::fs::write(site.join(MANIFEST), b"{\"total\":2}").unwrap();
        assert_eq!(load(&site), None, "another build's manifest");
        forget(&site).unwrap();
        forget(&site).unwrap();
        assert_eq!(load(&site), None);
    }

    #[test]
    fn stamps_of_parts_keep_their_boundaries() {
        let ab_c = StampWriter::default().add(b"ab").add(b"c").finish();
        let a_bc = StampWriter::default().add(b"a").add(b"bc").finish();
        assert_ne!(ab_c, a_bc);
        assert_eq!(ab_c, StampWriter::default().add(b"ab").add(b"c").finish());
    }
}
