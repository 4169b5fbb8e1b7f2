//! Markdown to an (untrusted) HTML string, through the separate Markdown wasm
//! module (`crates/markdown`). pulldown-cmark is 68 KB gzip: loading it only
//! when a Markdown body is on screen keeps it out of every first load (see the
//! performance budget in the README). The module is imported once per page
//! and shared; a failed import is retried on the next call.

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(inline_js = r#"
let loading;
export function loadMarkdownModule(url) {
  loading ??= import(url)
    .then((module) => module.default().then(() => module))
    .catch((error) => { loading = undefined; throw error; });
  return loading;
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = loadMarkdownModule)]
    fn load_markdown_module(url: &str) -> Promise;
}

/// Where the build put the module: `<meta name="sinmun-markdown" content="…">`
/// in index.html, relative to the document's base URL.
fn module_url() -> Result<String, String> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let meta = document
        .query_selector("meta[name=sinmun-markdown]")
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
        .ok_or("this page does not name the Markdown module (meta sinmun-markdown)")?;
    let base = document.base_uri().ok().flatten().unwrap_or_default();
    Ok(crate::config::absolute_url(&meta, &base))
}

/// Render Markdown to HTML, loading the renderer on first use.
pub async fn to_html(source: &str) -> Result<String, String> {
    let url = module_url()?;
    let module = JsFuture::from(load_markdown_module(&url))
        .await
        .map_err(|_| "the Markdown renderer could not be loaded")?;
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
