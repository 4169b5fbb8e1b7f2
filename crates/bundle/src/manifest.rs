//! `bundle.json`: every file of a finished bundle with its content hash, size,
//! gzip size and role (see docs/bundle.md). What reads it: the first-load
//! budget (`cargo xtask test`, `bench`), and to come, the service worker's
//! precache list and the widget's `embed.js`.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::compress::gzip;
use crate::hash::{fnv, hex};

/// The file name, at the bundle's root.
pub const MANIFEST_FILE: &str = "bundle.json";

/// The format version this crate writes and reads.
pub const VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BundleManifest {
    pub version: u32,
    /// The start script (`<script type="module" src>` of index.html).
    pub entry: String,
    /// Sorted by path.
    pub files: Vec<BundleFile>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BundleFile {
    /// Relative to the bundle's root, `/`-separated.
    pub path: String,
    pub role: Role,
    /// FNV-1a 64 of the content, 16 hex digits.
    pub hash: String,
    pub bytes: u64,
    /// Size at gzip -9.
    pub gzip: u64,
    /// For a lazy file index.html names: its `<meta name>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// Loaded with the page: index.html and what it names, and what those import.
    FirstLoad,
    /// Loaded on first use: the files of `<meta name="sinmun-…">` tags and what they import.
    Lazy,
    /// Only the widget loads them: `embed.js`, the widget build and styles,
    /// the iframe embed (the lazy files and main styles it shares keep theirs).
    Widget,
    /// The site's data (config.json, data/…), added by the converter.
    Data,
    /// The service worker (`sw.js`): registered by the reader's script on a
    /// page sinmun owns, never loaded as part of a page.
    Worker,
}

impl BundleFile {
    /// The entry for `path` with content `bytes`.
    pub fn measure(path: &str, bytes: &[u8], role: Role) -> BundleFile {
        BundleFile {
            path: path.to_string(),
            role,
            hash: hex(fnv(bytes)),
            bytes: bytes.len() as u64,
            gzip: gzip(bytes).len() as u64,
            meta: None,
        }
    }
}

impl BundleManifest {
    pub fn with_role(&self, role: Role) -> impl Iterator<Item = &BundleFile> {
        self.files.iter().filter(move |f| f.role == role)
    }

    /// Reads `<dir>/bundle.json`, refusing a version it does not know.
    pub fn read(dir: &Path) -> Result<BundleManifest, String> {
        let path = dir.join(MANIFEST_FILE);
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let manifest: BundleManifest = serde_json::from_str(&text)
            .map_err(|e| format!("{} is not a bundle manifest: {e}", path.display()))?;
        if manifest.version != VERSION {
            return Err(format!(
                "{} is bundle format version {}, but this reader understands version {VERSION}",
                path.display(),
                manifest.version
            ));
        }
        Ok(manifest)
    }

    /// Writes `<dir>/bundle.json` (pretty, files sorted by path).
    pub fn write(&mut self, dir: &Path) -> Result<(), String> {
        self.files.sort_by(|a, b| a.path.cmp(&b.path));
        let path = dir.join(MANIFEST_FILE);
        let json = serde_json::to_string_pretty(self)
            .map_err(|e| format!("cannot serialise {}: {e}", path.display()))?;
        std::fs::write(&path, json + "\n")
            .map_err(|e| format!("cannot write {}: {e}", path.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> BundleManifest {
        let mut lazy = BundleFile::measure("purify-1.js", b"purify", Role::Lazy);
        lazy.meta = Some("sinmun-sanitizer".into());
        BundleManifest {
            version: VERSION,
            entry: "sinmun-start-1.js".into(),
            files: vec![
                lazy,
                BundleFile::measure("index.html", b"<html>", Role::FirstLoad),
                BundleFile::measure("data/manifest.json", b"{}", Role::Data),
            ],
        }
    }

    #[test]
    fn round_trips_sorted_with_kebab_case_roles() {
        let dir = tempfile::tempdir().unwrap();
        let mut manifest = sample();
        manifest.write(dir.path()).unwrap();
        let text = std::fs::read_to_string(dir.path().join(MANIFEST_FILE)).unwrap();
        assert!(text.contains("\"role\": \"first-load\""), "{text}");
        assert!(text.contains("\"meta\": \"sinmun-sanitizer\""), "{text}");
        let read = BundleManifest::read(dir.path()).unwrap();
        assert_eq!(read, manifest);
        let paths: Vec<&str> = read.files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["data/manifest.json", "index.html", "purify-1.js"]);
        assert_eq!(read.with_role(Role::FirstLoad).count(), 1);
    }

    #[test]
    fn measures_hash_size_and_gzip() {
        let file = BundleFile::measure("a.js", b"a", Role::FirstLoad);
        assert_eq!(file.hash, "af63dc4c8601ec8c");
        assert_eq!(file.bytes, 1);
        assert_eq!(file.gzip, gzip(b"a").len() as u64);
    }

    #[test]
    fn refuses_other_versions() {
        let dir = tempfile::tempdir().unwrap();
        let mut manifest = sample();
        manifest.version = 2;
        manifest.write(dir.path()).unwrap();
        let error = BundleManifest::read(dir.path()).unwrap_err();
        assert!(error.contains("version 2"), "{error}");
    }
}
