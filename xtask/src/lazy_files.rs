//! Building the files the app loads on first use, not with the first load
//! (see `src/body/lazy.rs`): the Markdown renderer, the feed readers and the enhance step as
//! their own wasm modules (`crates/markdown`, `crates/feeds`, `crates/enhance`), the sanitiser (DOMPurify) and the
//! styles of article bodies (`style/body.css`). `sinmun-bundle` names them
//! by hash and adds their `<meta name="sinmun-…">` tags.

use std::path::Path;
use std::process::Command;

use sinmun_bundle::LazyFile;

use crate::run::run;
use crate::{root, Result};

/// The same wasm features and passes as the app's `data-wasm-opt-params` in
/// index.html (binaryen must be told what rustc's output uses; it optimises
/// until the size stops falling and drops the producers and target-features
/// sections).
const WASM_OPT_FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
    "--converge",
    "--strip-producers",
    "--strip-target-features",
];

/// The lazy files in the order index.html names them.
pub fn lazy_files() -> Result<Vec<LazyFile>> {
    Ok(vec![
        wasm_module("sinmun-markdown", "sinmun-markdown", "sinmun_markdown", &[])?,
        // The feed readers, for a source that is a feed (src/source/feed/).
        wasm_module("sinmun-feeds", "sinmun-feeds", "sinmun_feeds", &[])?,
        wasm_module(
            "sinmun-enhance",
            "sinmun-enhance",
            "sinmun_enhance",
            &["--features", "module"],
        )?,
        // Search: loaded when the reader focuses the search box or opens a search URL.
        wasm_module(
            "sinmun-search",
            "sinmun-search",
            "sinmun_search",
            &["--features", "module"],
        )?,
        // DOMPurify from npm (package.json pins it), with the body helpers
        // that need it (src/body/sanitizer.js).
        compacted_js(
            "sinmun-sanitizer",
            "purify",
            &[
                "node_modules/dompurify/dist/purify.min.js",
                "src/body/sanitizer.js",
            ],
        )?,
        // Only bodies need these styles.
        single("sinmun-body-style", "body", "css", "style/body.css")?,
        // Only search results need these styles.
        single("sinmun-search-style", "search", "css", "style/search.css")?,
        // The reader's extras on a page sinmun owns (sharing, reading
        // settings, progress, offline), after the app is up.
        compacted_js("sinmun-reader", "reader", &["src/reader.js"])?,
        single("sinmun-reader-style", "reader", "css", "style/reader.css")?,
    ])
}

/// The `<sinmun-feed>` widget's files (`src/embed/`): the widget build of
/// the app (`--features embed`) as a wasm module, its styles, `embed.js` and
/// the iframe embed.
pub fn widget_parts() -> Result<sinmun_bundle::WidgetParts> {
    let text = |source: &str| -> Result<String> {
        Ok(String::from_utf8_lossy(&read(&root().join(source))?).into_owned())
    };
    Ok(sinmun_bundle::WidgetParts {
        module: wasm_module(
            "sinmun-widget",
            "sinmun",
            "sinmun-widget",
            &["--bin", "sinmun-widget", "--features", "embed"],
        )?,
        style: read(&root().join("style/widget.css"))?,
        embed_js: text("src/embed/embed.js")?,
        frame_html: text("src/embed/frame.html")?,
        frame_js: text("src/embed/frame.js")?,
        resize_js: text("src/embed/resize.js")?,
    })
}

/// A wasm module (the Markdown renderer, the enhance module, the widget),
/// built from `package` with cargo, wasm-bindgen and wasm-opt:
/// `<name>-<hash>.js` + `_bg.wasm` in the bundle, named by `<meta
/// name="{name}">`; `artifact` is the wasm file cargo writes.
fn wasm_module(name: &str, package: &str, artifact: &str, cargo_args: &[&str]) -> Result<LazyFile> {
    run(Command::new("cargo")
        .current_dir(root())
        .args([
            "build",
            "--quiet",
            "--release",
            "--target",
            "wasm32-unknown-unknown",
            "-p",
            package,
        ])
        .args(cargo_args))?;
    let work = root().join("target").join(format!("{name}-module"));
    let _ = std::fs::remove_dir_all(&work);
    run(Command::new("wasm-bindgen")
        .args(["--target", "web", "--no-typescript", "--out-dir"])
        .arg(&work)
        .arg(
            root()
                .join("target/wasm32-unknown-unknown/release")
                .join(format!("{artifact}.wasm")),
        ))?;
    let wasm_name = format!("{artifact}_bg.wasm");
    let wasm_path = work.join(&wasm_name);
    run(Command::new("wasm-opt")
        .arg("-Oz")
        .args(WASM_OPT_FEATURES)
        .arg(&wasm_path)
        .arg("-o")
        .arg(&wasm_path))?;
    Ok(LazyFile::WasmModule {
        meta: name.into(),
        stem: name.into(),
        glue: String::from_utf8_lossy(&read(&work.join(format!("{artifact}.js")))?).into_owned(),
        wasm: read(&wasm_path)?,
        wasm_name,
    })
}

/// The `sources` (from the repository root) as one script, named
/// `<stem>-<hash>.js` by `<meta name="{meta}">`; the project's own (in
/// `src/`) without comment lines and indentation, others (DOMPurify's
/// minified file) as they are.
fn compacted_js(meta: &str, stem: &str, sources: &[&str]) -> Result<LazyFile> {
    let mut bytes = Vec::new();
    for source in sources {
        let text = read(&root().join(source))?;
        match source.starts_with("src/") {
            true => bytes.extend(
                sinmun_bundle::without_comments_or_indentation(&String::from_utf8_lossy(&text))
                    .into_bytes(),
            ),
            false => bytes.extend(text),
        }
        bytes.push(b'\n');
    }
    Ok(LazyFile::Single {
        meta: meta.into(),
        stem: stem.into(),
        ext: "js".into(),
        bytes,
    })
}

/// `source` (from the repository root) as `<stem>-<hash>.<ext>`, named by `<meta name="{meta}">`.
fn single(meta: &str, stem: &str, ext: &str, source: &str) -> Result<LazyFile> {
    Ok(LazyFile::Single {
        meta: meta.into(),
        stem: stem.into(),
        ext: ext.into(),
        bytes: read(&root().join(source))?,
    })
}

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}
