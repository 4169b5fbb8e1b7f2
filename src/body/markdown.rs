//! Markdown to an (untrusted) HTML string, through the separate Markdown wasm
//! module (`crates/markdown`). pulldown-cmark is 68 KB gzip: loading it only
//! when a Markdown body is on screen keeps it out of every first load (see the
//! performance budget in the README); `lazy.rs` loads it.

use js_sys::{Function, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Render Markdown to HTML, loading the renderer on first use.
pub async fn to_html(source: &str, files: &super::lazy::Files) -> Result<String, String> {
    let module = files.import_markdown().await?;
    let render = Reflect::get(&module, &JsValue::from_str("markdownToHtml"))
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .ok_or("the Markdown module has no markdownToHtml")?;
    render
        .call1(&JsValue::NULL, &JsValue::from_str(source))
        .ok()
        .and_then(|html| html.as_string())
        .ok_or_else(|| "the Markdown renderer failed".to_string())
}
