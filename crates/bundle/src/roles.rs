//! Which files of a bundle load when: index.html, what it names and what
//! those import are the first load; the files of its `<meta name="sinmun-…">`
//! tags and what they import load on first use (lazy). A file that nothing
//! loads is an error: the bundle would ship dead weight, or a load was missed.

use std::collections::BTreeSet;
use std::path::Path;

use crate::html::{lazy_meta_tags, loaded_urls, module_script_src};
use crate::js::referenced_specifiers;
use crate::manifest::{BundleFile, BundleManifest, Role, VERSION};
use crate::paths::{list_files, resolve, Target};

/// The page every bundle starts from.
pub const INDEX: &str = "index.html";

/// The `<meta>` naming the widget build in index.html.
const WIDGET_META: &str = "sinmun-widget";

/// The manifest of the finished bundle in `dir` (every file measured);
/// `widget_roots`: the widget's files (`widget.rs`), whose imports are its too.
pub fn describe(dir: &Path, widget_roots: &[String]) -> Result<BundleManifest, String> {
    let files = list_files(dir)?;
    let known: BTreeSet<&str> = files.iter().map(String::as_str).collect();
    let html = read_text(dir, INDEX)?;
    let page_file = |url: &str| page_file(url, &known);

    let mut first_roots = vec![INDEX.to_string()];
    for url in loaded_urls(&html) {
        first_roots.extend(page_file(&url)?);
    }
    let mut lazy_roots = Vec::new();
    let mut metas = Vec::new();
    for (meta, url) in lazy_meta_tags(&html) {
        // The widget build, which a page hands over to when its source is
        // not sinmun data: one of the widget's files (`widget_roots`).
        if meta == WIDGET_META {
            continue;
        }
        if let Some(path) = page_file(&url)? {
            metas.push((path.clone(), meta));
            lazy_roots.push(path);
        }
    }
    let entry = module_script_src(&html)
        .ok_or("index.html has no <script type=\"module\" src>: the start script is missing")?;
    let entry = page_file(&entry)?.ok_or("index.html's start script is not in the bundle")?;

    let first_load = imports_closure(dir, first_roots, &known)?;
    let lazy = imports_closure(dir, lazy_roots, &known)?;
    let widget = imports_closure(dir, widget_roots.to_vec(), &known)?;
    let mut entries = Vec::new();
    for path in &files {
        let role = if first_load.contains(path) {
            Role::FirstLoad
        } else if lazy.contains(path) {
            Role::Lazy
        } else if widget.contains(path) {
            Role::Widget
        } else {
            return Err(format!(
                "{path} is in the bundle but nothing loads it (neither index.html, nor a \
                 <meta name=\"sinmun-…\"> file, nor a module they import)"
            ));
        };
        let bytes = read(dir, path)?;
        let mut file = BundleFile::measure(path, &bytes, role);
        file.meta = metas
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, m)| m.clone());
        entries.push(file);
    }
    Ok(BundleManifest {
        version: VERSION,
        entry,
        files: entries,
    })
}

/// The bundle file a URL of index.html names; `None` for another origin.
/// Root-relative URLs are refused: they tie the bundle to one base path.
fn page_file(url: &str, known: &BTreeSet<&str>) -> Result<Option<String>, String> {
    match resolve(INDEX, url) {
        Some(Target::File(path)) if known.contains(path.as_str()) => Ok(Some(path)),
        Some(Target::File(_)) => Err(format!(
            "index.html names {url}, which is not in the bundle"
        )),
        Some(Target::Elsewhere) => Ok(None),
        Some(Target::RootRelative) => Err(format!(
            "index.html names {url} from the host's root: build with a relative public URL \
             (Trunk.toml public_url = \"./\") so that one bundle serves any base path"
        )),
        None => Err(format!("index.html names {url}, above the bundle's root")),
    }
}

/// `roots` and every bundle file their JavaScript modules name, transitively.
fn imports_closure(
    dir: &Path,
    roots: Vec<String>,
    known: &BTreeSet<&str>,
) -> Result<BTreeSet<String>, String> {
    let mut reached = BTreeSet::new();
    let mut pending = roots;
    while let Some(path) = pending.pop() {
        if !reached.insert(path.clone()) || !path.ends_with(".js") {
            continue;
        }
        let text = read_text(dir, &path)?;
        for specifier in referenced_specifiers(&text) {
            if let Some(Target::File(target)) = resolve(&path, &specifier) {
                if known.contains(target.as_str()) {
                    pending.push(target);
                }
            }
        }
    }
    Ok(reached)
}

fn read(dir: &Path, path: &str) -> Result<Vec<u8>, String> {
    let full = dir.join(path);
    std::fs::read(&full).map_err(|e| format!("cannot read {}: {e}", full.display()))
}

fn read_text(dir: &Path, path: &str) -> Result<String, String> {
    read(dir, path).map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A bundle like Trunk's plus the lazy files, in a temporary folder.
    pub fn bundle(extra: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let files = [
            (
                "index.html",
                "<head><base href=\"./\"><link rel=\"stylesheet\" href=\"./main-1.css\">\
                 <link rel=\"modulepreload\" href=\"./app-2.js\">\
                 <meta name=\"sinmun-markdown\" content=\"md-3.js\">\
                 <meta name=\"sinmun-sanitizer\" content=\"purify-4.js\">\
                 <script type=\"module\" src=\"start-5.js\"></script></head>",
            ),
            ("main-1.css", "body{}"),
            ("app-2.js", "import { x } from './snippets/app-2/inline0.js';"),
            ("app-2_bg.wasm", "\0asm"),
            ("snippets/app-2/inline0.js", "export function x() {}"),
            ("md-3.js", "new URL('md-3_bg.wasm', import.meta.url)"),
            ("md-3_bg.wasm", "\0asm"),
            ("purify-4.js", "window.DOMPurify = {}"),
            (
                "start-5.js",
                "import init from './app-2.js'; init({ module_or_path: new URL('./app-2_bg.wasm', import.meta.url) });",
            ),
            ("app-2.js.gz", "old"),
        ];
        for (path, text) in files.iter().chain(extra) {
            let full = dir.path().join(path);
            std::fs::create_dir_all(full.parent().unwrap()).unwrap();
            std::fs::write(full, text).unwrap();
        }
        dir
    }

    fn roles(manifest: &BundleManifest) -> Vec<(&str, Role)> {
        manifest
            .files
            .iter()
            .map(|f| (f.path.as_str(), f.role))
            .collect()
    }

    #[test]
    fn first_load_is_what_the_page_names_and_imports_lazy_the_rest() {
        let dir = bundle(&[]);
        let manifest = describe(dir.path(), &[]).unwrap();
        assert_eq!(manifest.entry, "start-5.js");
        assert_eq!(
            roles(&manifest),
            [
                ("app-2.js", Role::FirstLoad),
                ("app-2_bg.wasm", Role::FirstLoad),
                ("index.html", Role::FirstLoad),
                ("main-1.css", Role::FirstLoad),
                ("md-3.js", Role::Lazy),
                ("md-3_bg.wasm", Role::Lazy),
                ("purify-4.js", Role::Lazy),
                ("snippets/app-2/inline0.js", Role::FirstLoad),
                ("start-5.js", Role::FirstLoad),
            ]
        );
        let purify = manifest.files.iter().find(|f| f.path == "purify-4.js");
        assert_eq!(
            purify.and_then(|f| f.meta.as_deref()),
            Some("sinmun-sanitizer")
        );
    }

    #[test]
    fn a_file_nothing_loads_is_an_error() {
        let dir = bundle(&[("stray.js", "")]);
        let error = describe(dir.path(), &[]).unwrap_err();
        assert!(
            error.starts_with("stray.js is in the bundle but nothing loads it"),
            "{error}"
        );
    }

    #[test]
    fn root_relative_and_missing_urls_are_errors() {
        let dir = bundle(&[]);
        let index = dir.path().join(INDEX);
        let html = std::fs::read_to_string(&index).unwrap();
        std::fs::write(&index, html.replace("./main-1.css", "/main-1.css")).unwrap();
        let error = describe(dir.path(), &[]).unwrap_err();
        assert!(error.contains("public_url = \"./\""), "{error}");
        std::fs::write(&index, html.replace("./main-1.css", "./gone.css")).unwrap();
        let error = describe(dir.path(), &[]).unwrap_err();
        assert!(
            error.contains("gone.css, which is not in the bundle"),
            "{error}"
        );
    }
}
