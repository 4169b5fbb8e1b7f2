//! The Markdown renderer as its own wasm module (`crates/markdown`), next to
//! the app bundle: the app imports it only when a Markdown body is shown, so
//! pulldown-cmark (68 KB gzip) is not part of any first load.

use std::path::Path;
use std::process::Command;

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
    // FNV-1a over both files: a cache-busting name, not a security hash.
    let hash = wasm
        .iter()
        .chain(js.as_bytes())
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
        });
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

    let index = dist.join("index.html");
    let html = String::from_utf8_lossy(&read(&index)?).to_string();
    let meta = format!("<meta name=\"sinmun-markdown\" content=\"{stem}.js\">\n</head>");
    if !html.contains("</head>") {
        return Err("index.html has no </head>".into());
    }
    write("index.html", html.replacen("</head>", &meta, 1).as_bytes())
}
