//! The service worker (`sw.js` at the bundle's root, from `src/sw.js`):
//! offline reading for a site sinmun owns. Written from the manifest, so
//! it names exactly the app's files of this build (first load, which it
//! caches on install, and lazy, which it caches on first use; all
//! content-hashed) and its version changes with any of them, which is what
//! makes a browser install the new deployment's worker.

use crate::hash::{fnv, hex};
use crate::manifest::{BundleFile, BundleManifest, Role};
use crate::roles::INDEX;

/// The service worker's file name (a stable name: browsers update a worker
/// by fetching the same URL again).
pub const SERVICE_WORKER: &str = "sw.js";

/// `template` (src/sw.js) with the version and the app's files filled in.
pub fn script(template: &str, manifest: &BundleManifest) -> Result<String, String> {
    let app_files: Vec<&str> = manifest
        .files
        .iter()
        .filter(|f| matches!(f.role, Role::FirstLoad | Role::Lazy))
        // the page itself is fetched from the network first, as any page
        .filter(|f| f.path != INDEX)
        .map(|f| f.path.as_str())
        .collect();
    let version = hex(fnv(manifest
        .files
        .iter()
        .map(|f| [f.path.as_str(), ":", &f.hash, "\n"].concat())
        .collect::<String>()
        .as_bytes()));
    let first_load: Vec<&str> = manifest
        .files
        .iter()
        .filter(|f| f.role == Role::FirstLoad && f.path != INDEX)
        .map(|f| f.path.as_str())
        .collect();
    let list = serde_json::to_string(&app_files).map_err(|e| e.to_string())?;
    let first_list = serde_json::to_string(&first_load).map_err(|e| e.to_string())?;
    for placeholder in ["__VERSION__", "__APP_FILES__", "__FIRST_LOAD__"] {
        if !template.contains(placeholder) {
            return Err(format!("src/sw.js has no {placeholder} to fill in"));
        }
    }
    Ok(template
        .replace("__VERSION__", &version)
        .replace("__APP_FILES__", &list)
        .replace("__FIRST_LOAD__", &first_list))
}

/// The manifest entry of the written worker.
pub fn entry(script: &str) -> BundleFile {
    BundleFile::measure(SERVICE_WORKER, script.as_bytes(), Role::Worker)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_app_files_and_changes_version_with_them() {
        let manifest = |hash: &str| BundleManifest {
            version: 1,
            entry: "start.js".into(),
            files: vec![
                BundleFile::measure(INDEX, b"<html>", Role::FirstLoad),
                BundleFile::measure("app-1.wasm", hash.as_bytes(), Role::FirstLoad),
                BundleFile::measure("purify-2.js", b"p", Role::Lazy),
                BundleFile::measure("embed.js", b"e", Role::Widget),
                BundleFile::measure("data/manifest.json", b"{}", Role::Data),
            ],
        };
        let template = "const VERSION = '__VERSION__'; const APP_FILES = __APP_FILES__; \
                        const FIRST_LOAD = __FIRST_LOAD__;";
        let one = script(template, &manifest("a")).unwrap();
        assert!(
            one.contains(r#"const APP_FILES = ["app-1.wasm","purify-2.js"];"#),
            "{one}"
        );
        assert!(
            one.contains(r#"const FIRST_LOAD = ["app-1.wasm"];"#),
            "{one}"
        );
        let two = script(template, &manifest("b")).unwrap();
        assert_ne!(one, two, "a changed file is a new version");
        assert!(script("no placeholders", &manifest("a")).is_err());
    }
}
