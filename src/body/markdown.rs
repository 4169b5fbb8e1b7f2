//! Markdown to an (untrusted) HTML string, through the separate Markdown wasm
//! module (`crates/markdown`). pulldown-cmark is 68 KB gzip: loading it only
//! when a Markdown body is on screen keeps it out of every first load (see the
//! performance budget in the README); `lazy.rs` loads it.

use wasm_bindgen::prelude::*;

/// Render Markdown to HTML, loading the renderer on first use.
pub async fn to_html(source: &str, files: &super::lazy::Files) -> Result<String, String> {
    files
        .markdown_export("markdownToHtml")
        .await?
        .call1(&JsValue::NULL, &JsValue::from_str(source))
        .ok()
        .and_then(|html| html.as_string())
        .ok_or_else(|| "the Markdown renderer failed".to_string())
}
