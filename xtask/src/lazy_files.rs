//! Files the app loads on first use, not with the first load (see
//! `src/body/lazy.rs`): the Markdown renderer as its own wasm module
//! (`crates/markdown`, pulldown-cmark), the sanitiser (DOMPurify) and the
//! styles of article bodies (`style/body.css`). Each is
//! written under a content-hashed name and named in index.html by a
//! `<meta name="sinmun-…" content="file">` tag.

use std::path::Path;
use std::process::Command;

use crate::build::fnv;
use crate::run::run;
use crate::{root, Result};

/// The same wasm features as the app's `data-wasm-opt-params` in index.html
/// (binaryen must be told what rustc's output uses).
const WASM_OPT_FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// Build the module into `dist` as `sinmun-markdown-<hash>.js` + `_bg.wasm`
/// and name it in `dist/index.html` (`<meta name="sinmun-markdown">`).
pub fn add_markdown_module(dist: &Path) -> Result {
    run(Command::new("cargo").current_dir(root()).args([
        "build",
        "--quiet",
        "--release",
        "--target",
        "wasm32-unknown-unknown",
        "-p",
        "sinmun-markdown",
    ]))?;
    let work = root().join("target/markdown-module");
    let _ = std::fs::remove_dir_all(&work);
    run(Command::new("wasm-bindgen")
        .args(["--target", "web", "--no-typescript", "--out-dir"])
        .arg(&work)
        .arg(root().join("target/wasm32-unknown-unknown/release/sinmun_markdown.wasm")))?;
    let wasm_path = work.join("sinmun_markdown_bg.wasm");
    run(Command::new("wasm-opt")
        .arg("-Oz")
        .args(WASM_OPT_FEATURES)
        .arg(&wasm_path)
        .arg("-o")
        .arg(&wasm_path))?;

    let read = |p: &Path| std::fs::read(p).map_err(|e| format!("cannot read {}: {e}", p.display()));
    let wasm = read(&wasm_path)?;
    let js = String::from_utf8_lossy(&read(&work.join("sinmun_markdown.js"))?).to_string();
    let hash = fnv(wasm.iter().chain(js.as_bytes()));
    let stem = format!("sinmun-markdown-{hash:016x}");
    let wasm_name = format!("{stem}_bg.wasm");
    if !js.contains("'sinmun_markdown_bg.wasm'") {
        return Err("wasm-bindgen's glue no longer names 'sinmun_markdown_bg.wasm'".into());
    }
    let js = js.replace("'sinmun_markdown_bg.wasm'", &format!("'{wasm_name}'"));
    let write = |name: &str, bytes: &[u8]| {
        std::fs::write(dist.join(name), bytes).map_err(|e| format!("cannot write {name}: {e}"))
    };
    write(&wasm_name, &wasm)?;
    write(&format!("{stem}.js"), js.as_bytes())?;

    name_in_index(dist, "sinmun-markdown", &format!("{stem}.js"))
}

/// DOMPurify from npm (package.json pins it) as `purify-<hash>.js`.
pub fn add_sanitizer(dist: &Path) -> Result {
    add_hashed_copy(
        dist,
        "node_modules/dompurify/dist/purify.min.js",
        "purify",
        "js",
        "sinmun-sanitizer",
    )
}

/// The styles of article bodies as `body-<hash>.css` (only bodies need them).
pub fn add_body_style(dist: &Path) -> Result {
    add_hashed_copy(dist, "style/body.css", "body", "css", "sinmun-body-style")
}

/// Copy `source` (from the repository root) into `dist` as
/// `<stem>-<hash>.<ext>` and name it in index.html's `<meta name="{meta}">`.
fn add_hashed_copy(dist: &Path, source: &str, stem: &str, ext: &str, meta: &str) -> Result {
    let source = root().join(source);
    let bytes =
        std::fs::read(&source).map_err(|e| format!("cannot read {}: {e}", source.display()))?;
    let name = format!("{stem}-{:016x}.{ext}", fnv(&bytes));
    std::fs::write(dist.join(&name), &bytes).map_err(|e| format!("cannot write {name}: {e}"))?;
    name_in_index(dist, meta, &name)
}

/// Add `<meta name="{meta}" content="{file}">` to dist/index.html.
fn name_in_index(dist: &Path, meta: &str, file: &str) -> Result {
    let index = dist.join("index.html");
    let html = std::fs::read_to_string(&index)
        .map_err(|e| format!("cannot read {}: {e}", index.display()))?;
    if !html.contains("</head>") {
        return Err("index.html has no </head>".into());
    }
    let tag = format!("<meta name=\"{meta}\" content=\"{file}\">\n</head>");
    std::fs::write(&index, html.replacen("</head>", &tag, 1))
        .map_err(|e| format!("cannot write {}: {e}", index.display()))
}
