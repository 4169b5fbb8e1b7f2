//! Code that only article bodies need is loaded on first use, not with the
//! app: the sanitiser (DOMPurify, 12 KB gzip), the body styles and the
//! Markdown module (pulldown-cmark, 87 KB gzip). The front page needs neither, so they stay
//! out of the first load (see the performance budget in the README).
//!
//! The build names each file in a `<meta name="sinmun-…" content="file">` tag
//! of index.html (file names carry a content hash). Loads are shared: every
//! caller waits for the same one; a load fails after 20 s, and a failed load
//! is tried again next time.

use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(inline_js = r#"
const loads = new Map();
function once(url, start) {
  let load = loads.get(url);
  if (!load) {
    // A file that never arrives must not hold a body back for ever.
    const limit = new Promise((_, reject) => setTimeout(() => reject(new Error('timed out: ' + url)), 20000));
    load = Promise.race([start(), limit]).catch((error) => { loads.delete(url); throw error; });
    loads.set(url, load);
  }
  return load;
}
export function loadScript(url) {
  return once(url, () => new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = url;
    script.onload = () => resolve();
    script.onerror = () => { script.remove(); reject(new Error('could not load ' + url)); };
    document.head.append(script);
  }));
}
export function loadStyle(url) {
  return once(url, () => new Promise((resolve, reject) => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = url;
    link.onload = () => resolve();
    link.onerror = () => { link.remove(); reject(new Error('could not load ' + url)); };
    document.head.append(link);
  }));
}
export function importWasmModule(url) {
  return once(url, () => import(url).then((module) => module.default().then(() => module)));
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = loadScript)]
    fn load_script_js(url: &str) -> Promise;
    #[wasm_bindgen(js_name = loadStyle)]
    fn load_style_js(url: &str) -> Promise;
    #[wasm_bindgen(js_name = importWasmModule)]
    fn import_wasm_module_js(url: &str) -> Promise;
}

/// The sanitiser: a classic script that defines `window.DOMPurify`.
pub const SANITIZER: &str = "sinmun-sanitizer";
/// The styles of article bodies (style/body.css).
pub const BODY_STYLE: &str = "sinmun-body-style";
/// The Markdown renderer: a wasm-bindgen module exporting `markdownToHtml`.
pub const MARKDOWN: &str = "sinmun-markdown";

/// The URL the page's `<meta name=…>` gives for a lazily loaded file.
fn url_of(meta_name: &str) -> Result<String, String> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let file = document
        .query_selector(&["meta[name=", meta_name, "]"].concat())
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
        .ok_or_else(|| ["this page does not name its ", meta_name, " file"].concat())?;
    let base = document.base_uri().ok().flatten().unwrap_or_default();
    Ok(crate::config::absolute_url(&file, &base))
}

/// Load the classic script named by `meta_name` (once per page).
pub async fn load_script(meta_name: &str) -> Result<(), String> {
    load(meta_name, load_script_js).await.map(|_| ())
}

/// Load the stylesheet named by `meta_name` (once per page).
pub async fn load_style(meta_name: &str) -> Result<(), String> {
    load(meta_name, load_style_js).await.map(|_| ())
}

/// Import and initialise the wasm module named by `meta_name` (once per page).
pub async fn import_wasm_module(meta_name: &str) -> Result<JsValue, String> {
    load(meta_name, import_wasm_module_js).await
}

/// Start one of the JS loaders above on the file `meta_name` names.
async fn load(meta_name: &str, start: fn(&str) -> Promise) -> Result<JsValue, String> {
    let url = url_of(meta_name)?;
    JsFuture::from(start(&url))
        .await
        .map_err(|_| ["could not load ", &url].concat())
}

/// Start loading the sanitiser and the body styles now (an article is about
/// to be shown), so they arrive while the article's JSON does.
pub fn prefetch_for_bodies() {
    leptos::task::spawn_local(async {
        let _ = load_style(BODY_STYLE).await;
    });
    leptos::task::spawn_local(async {
        let _ = load_script(SANITIZER).await;
    });
}
