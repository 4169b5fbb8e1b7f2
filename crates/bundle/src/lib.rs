//! Finishes a Trunk output folder into a deployable sinmun bundle, the steps
//! every deployable site needs whoever builds it:
//!
//! 1. the inline loader moves into a hashed start script, behind the early
//!    data requests, for the Content-Security-Policy (`loader`);
//! 2. the files the app loads on first use are added under hashed names and
//!    named by `<meta name="sinmun-…">` tags (`lazy`);
//! 3. every file gets a role, a hash and its sizes in `bundle.json`
//!    (`roles`, `manifest`; the format is in docs/bundle.md);
//! 4. the widget's files join them: `embed.js` naming the hashed files it
//!    loads, the widget build and styles, the iframe embed (`widget`),
//!    and index.html a `<meta>` naming the widget build (a page whose
//!    source is not sinmun data hands over to it);
//! 5. index.html and the stylesheets lose their comments and indentation,
//!    which every reader would download (`html`, `css`);
//! 6. the service worker is written from the manifest (`sw`);
//! 7. `.gz` and `.br` copies go beside each text and wasm file (`compress`).
//!
//! Building (Trunk, cargo, wasm-bindgen, wasm-opt) is not done here: that is
//! `cargo xtask`'s job; this crate takes built files.

mod compress;
mod css;
mod hash;
mod html;
mod js;
mod lazy;
mod loader;
mod manifest;
mod paths;
mod roles;
mod sw;
mod widget;
mod widget_css;

use std::path::Path;

pub use compress::gzip;
pub use hash::fnv;
pub use lazy::LazyFile;
pub use loader::without_comments_or_indentation;
pub use manifest::{BundleFile, BundleManifest, Role, MANIFEST_FILE, VERSION};
pub use sw::SERVICE_WORKER;
pub use widget::{WidgetParts, STABLE_FILES};

/// What a bundle needs besides Trunk's output.
pub struct Parts {
    /// `src/source/early.js`: put in front of the start script, comment lines left out.
    pub early_js: String,
    /// Named in index.html in this order.
    pub lazy: Vec<LazyFile>,
    /// The `<sinmun-feed>` widget; `None` builds a bundle without it.
    pub widget: Option<WidgetParts>,
    /// `src/sw.js`, the service worker's template; `None` builds none.
    pub service_worker: Option<String>,
}

/// Finishes Trunk's output in `dist` (steps in the crate docs) and returns
/// the manifest it wrote to `dist/bundle.json`.
pub fn finish(dist: &Path, parts: &Parts) -> Result<BundleManifest, String> {
    let index = dist.join(roles::INDEX);
    let mut html = std::fs::read_to_string(&index)
        .map_err(|e| format!("cannot read {}: {e}", index.display()))?;
    compact_snippets(dist)?;
    compact_stylesheets(dist)?;
    let mut lazy_names = Vec::new();
    for lazy in &parts.lazy {
        let placed = lazy.place()?;
        for (name, bytes) in &placed.files {
            write(dist, name, bytes)?;
        }
        if let Some((first, _)) = placed.files.first() {
            lazy_names.push((lazy.meta().to_string(), first.clone()));
        }
        html = html::insert_in_head(&html, &placed.meta_tag)?;
    }
    let mut named = lazy_names.clone();
    let mut widget_roots = Vec::new();
    if let Some(widget) = &parts.widget {
        // A page whose source is not sinmun data hands over to the widget
        // build (src/handover.rs), which it finds by this tag.
        let placed = widget.module.place()?;
        html = html::insert_in_head(&html, &placed.meta_tag)?;
        if let Some((first, _)) = placed.files.first() {
            named.push((widget.module.meta().to_string(), first.clone()));
        }
        let read = |name: &str| {
            std::fs::read(dist.join(name)).map_err(|e| format!("{name} for the widget: {e}"))
        };
        for (name, bytes) in widget::widget_files(widget, &html, &lazy_names, &read)? {
            if let Some(folder) = dist.join(&name).parent() {
                std::fs::create_dir_all(folder)
                    .map_err(|e| format!("cannot create {}: {e}", folder.display()))?;
            }
            write(dist, &name, &bytes)?;
            widget_roots.push(name);
        }
    }
    // The start script names the lazy files too: a prerendered page leaves
    // out the meta tags (bytes on every page of a site), index.html keeps them.
    let early_js = format!("{}{}", loader::files_script(&named), parts.early_js);
    if let Some((page, start)) = loader::externalise(&html, &early_js)? {
        write(dist, &start.name, start.text.as_bytes())?;
        html = page;
    }
    let html = html::without_trunk_attributes(&html::without_comments(&html));
    write(dist, roles::INDEX, html.as_bytes())?;

    let _ = std::fs::remove_file(dist.join(sw::SERVICE_WORKER));
    let mut manifest = roles::describe(dist, &widget_roots)?;
    if let Some(template) = &parts.service_worker {
        let script = sw::script(template, &manifest)?;
        write(dist, sw::SERVICE_WORKER, script.as_bytes())?;
        manifest.files.push(sw::entry(&script));
    }
    for file in &manifest.files {
        if compress::is_compressible(&file.path) {
            compress::precompress(&dist.join(&file.path))?;
        }
    }
    manifest.write(dist)?;
    Ok(manifest)
}

/// The app's inline JavaScript (wasm-bindgen's `snippets/`, first-load
/// files) without comment lines and indentation, like the start script.
fn compact_snippets(dist: &Path) -> Result<(), String> {
    let snippets = dist.join("snippets");
    if !snippets.is_dir() {
        return Ok(());
    }
    rewrite_each(
        &snippets,
        |path| path.ends_with(".js"),
        loader::without_comments_or_indentation,
    )
}

/// Trunk's stylesheets (`main-<hash>.css`) without comments and indentation.
/// Their names keep Trunk's hash of the source: it changes whenever the
/// source does, which is what the name is for.
fn compact_stylesheets(dist: &Path) -> Result<(), String> {
    rewrite_each(
        dist,
        |path| path.ends_with(".css") && !path.contains('/'),
        css::compact,
    )
}

/// Every text file below `dir` whose path `wanted`, replaced by `rewrite` of it.
fn rewrite_each(
    dir: &Path,
    wanted: fn(&str) -> bool,
    rewrite: fn(&str) -> String,
) -> Result<(), String> {
    for path in paths::list_files(dir)? {
        if !wanted(&path) {
            continue;
        }
        let full = dir.join(&path);
        let text = std::fs::read_to_string(&full)
            .map_err(|e| format!("cannot read {}: {e}", full.display()))?;
        std::fs::write(&full, rewrite(&text))
            .map_err(|e| format!("cannot write {}: {e}", full.display()))?;
    }
    Ok(())
}

fn write(dist: &Path, name: &str, bytes: &[u8]) -> Result<(), String> {
    let path = dist.join(name);
    std::fs::write(&path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Trunk 0.21's output with `public_url = "./"` (names shortened).
    fn trunk_output() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let files = [
            (
                "index.html",
                "<!DOCTYPE html><html><head><base href=\"./\">\n\
<link rel=\"icon\" href=\"./favicon-1.svg\">\n<link rel=\"stylesheet\" href=\"./main-2.css\">\n\
<link rel=\"modulepreload\" href=\"./sinmun-3.js\">\n\
<link rel=\"preload\" href=\"./sinmun-3_bg.wasm\" as=\"fetch\" type=\"application/wasm\">\n\
<script type=\"module\">\nimport init, * as bindings from './sinmun-3.js';\n\
const wasm = await init({ module_or_path: './sinmun-3_bg.wasm' });\n</script></head><body></body></html>",
            ),
            ("favicon-1.svg", "<svg/>"),
            ("main-2.css", "body{}"),
            ("sinmun-3.js", "import { loadScript } from './snippets/sinmun-4/inline0.js';"),
            ("sinmun-3_bg.wasm", "\0asm"),
            (
                "snippets/sinmun-4/inline0.js",
                "// a note\n  export function loadScript() {}",
            ),
        ];
        for (path, text) in files {
            let full = dir.path().join(path);
            std::fs::create_dir_all(full.parent().unwrap()).unwrap();
            std::fs::write(full, text).unwrap();
        }
        dir
    }

    fn parts() -> Parts {
        Parts {
            early_js: "// comment\nstart();\n".into(),
            lazy: vec![
                LazyFile::WasmModule {
                    meta: "sinmun-markdown".into(),
                    stem: "sinmun-markdown".into(),
                    glue: "new URL('sinmun_markdown_bg.wasm', import.meta.url)".into(),
                    wasm: b"\0asm md".to_vec(),
                    wasm_name: "sinmun_markdown_bg.wasm".into(),
                },
                LazyFile::Single {
                    meta: "sinmun-sanitizer".into(),
                    stem: "purify".into(),
                    ext: "js".into(),
                    bytes: b"window.DOMPurify = {};".to_vec(),
                },
            ],
            widget: None,
            service_worker: Some(
                "const VERSION = '__VERSION__'; const APP_FILES = __APP_FILES__; const FIRST_LOAD = __FIRST_LOAD__;".into(),
            ),
        }
    }

    fn single(meta: &str, stem: &str, ext: &str) -> LazyFile {
        LazyFile::Single {
            meta: meta.into(),
            stem: stem.into(),
            ext: ext.into(),
            bytes: stem.as_bytes().to_vec(),
        }
    }

    #[test]
    fn the_widget_files_get_their_role_and_share_the_rest() {
        let dist = trunk_output();
        let mut parts = parts();
        parts.lazy.push(single("sinmun-body-style", "body", "css"));
        parts.lazy.push(single("sinmun-enhance", "enhance", "js"));
        parts.lazy.push(single("sinmun-feeds", "feeds", "js"));
        parts.widget = Some(WidgetParts {
            module: LazyFile::WasmModule {
                meta: "sinmun-widget".into(),
                stem: "sinmun-widget".into(),
                glue: "new URL('sinmun-widget_bg.wasm', import.meta.url)".into(),
                wasm: b"\0asm widget".to_vec(),
                wasm_name: "sinmun-widget_bg.wasm".into(),
            },
            style: b":host{}".to_vec(),
            embed_js: "const FILES = /*sinmun:files*/ {};\n".into(),
            frame_html: "<script type=\"module\" src=\"../embed.js\"></script>".into(),
            frame_js: "report();\n".into(),
            resize_js: "addEventListener('message', f);\n".into(),
        });
        let manifest = finish(dist.path(), &parts).unwrap();
        let role = |path: &str| {
            manifest
                .files
                .iter()
                .filter(|f| f.path.starts_with(path))
                .map(|f| f.role)
                .collect::<Vec<_>>()
        };
        for stable in STABLE_FILES {
            assert_eq!(role(stable), [Role::Widget], "{stable}");
        }
        assert_eq!(role("sinmun-widget-"), [Role::Widget, Role::Widget]);
        assert_eq!(
            role("widget-"),
            [Role::Widget, Role::Widget],
            "its styles and body styles"
        );
        assert_eq!(role("main-"), [Role::FirstLoad]);
        assert_eq!(role("body-"), [Role::Lazy]);
        let embed = std::fs::read_to_string(dist.path().join("embed.js")).unwrap();
        assert!(
            !embed.contains("\"main-2.css\""),
            "the widget has its own copy of the main styles: {embed}"
        );
        assert!(
            embed.contains("\"enhance-"),
            "and shares the lazy modules: {embed}"
        );
        assert!(dist.path().join("embed/index.html.gz").is_file());
        let page = std::fs::read_to_string(dist.path().join("index.html")).unwrap();
        assert!(
            page.contains("<meta name=\"sinmun-widget\" content=\"sinmun-widget-"),
            "the page finds the widget build to hand over to: {page}"
        );
    }

    #[test]
    fn finishes_a_trunk_output_into_a_bundle() {
        let dist = trunk_output();
        let manifest = finish(dist.path(), &parts()).unwrap();
        assert_eq!(manifest, BundleManifest::read(dist.path()).unwrap());
        let html = std::fs::read_to_string(dist.path().join("index.html")).unwrap();
        assert!(!html.contains("<script type=\"module\">"), "{html}");
        let snippet = dist.path().join("snippets/sinmun-4/inline0.js");
        assert_eq!(
            std::fs::read_to_string(snippet).unwrap(),
            "export function loadScript() {}\n",
            "the app's inline JavaScript loses comment lines and indentation"
        );
        assert!(html.contains(&format!(
            "<script type=\"module\" src=\"{}\">",
            manifest.entry
        )));
        assert!(html.contains("<meta name=\"sinmun-sanitizer\" content=\"purify-"));
        let start = std::fs::read_to_string(dist.path().join(&manifest.entry)).unwrap();
        assert!(
            start.starts_with("globalThis.sinmunFiles={")
                && start.contains("\"sinmun-sanitizer\":\"purify-"),
            "the start script names the lazy files for pages without the meta tags: {start}"
        );

        let role_of = |prefix: &str| {
            let matching: Vec<Role> = manifest
                .files
                .iter()
                .filter(|f| f.path.starts_with(prefix))
                .map(|f| f.role)
                .collect();
            assert!(!matching.is_empty(), "no {prefix}");
            matching
        };
        for first in [
            "index.html",
            "favicon-",
            "main-",
            "sinmun-3",
            "snippets/",
            "sinmun-start-",
        ] {
            assert!(
                role_of(first).iter().all(|r| *r == Role::FirstLoad),
                "{first}"
            );
        }
        assert_eq!(role_of("sinmun-markdown-"), [Role::Lazy, Role::Lazy]);
        assert_eq!(role_of("purify-"), [Role::Lazy]);
        assert_eq!(role_of("sw.js"), [Role::Worker]);
        let worker = std::fs::read_to_string(dist.path().join("sw.js")).unwrap();
        assert!(
            worker.contains("\"purify-") && !worker.contains("__APP_FILES__"),
            "the service worker names the lazy files: {worker}"
        );

        for file in &manifest.files {
            let gz = dist.path().join(format!("{}.gz", file.path));
            assert_eq!(
                std::fs::metadata(&gz).unwrap().len(),
                file.gzip,
                "{}",
                file.path
            );
            assert!(dist.path().join(format!("{}.br", file.path)).is_file());
        }
        let start = std::fs::read_to_string(dist.path().join(&manifest.entry)).unwrap();
        assert!(
            start.contains("};\nstart();\nawait sinmunReady;\nconst bindings = await import("),
            "{start}"
        );
        assert!(
            start.contains("new URL('./sinmun-3_bg.wasm', import.meta.url)"),
            "{start}"
        );
    }
}
