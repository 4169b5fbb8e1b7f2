//! Code that only article bodies need is loaded on first use, not with the
//! app: the sanitiser (DOMPurify, 12 KB gzip), the body styles, the enhance
//! module (`crates/enhance`, 9 KB) and the Markdown module (pulldown-cmark, 87 KB gzip). The front page needs neither, so they stay
//! out of the first load (see the performance budget in the README). So do
//! the feed readers (`crates/feeds`), which only a feed source needs.
//!
//! Each instance knows its files ([`Files`]): the page instance reads them
//! from the `<meta name="sinmun-…" content="file">` tags the build writes
//! into index.html (file names carry a content hash); an embedded instance
//! is given them. Scripts and modules load once per page; a stylesheet once
//! per style root (the document's head, or an embedded instance's shadow
//! root, which page styles cannot reach). Loads are shared: every caller
//! waits for the same one; a load fails after 20 s, and a failed load is
//! tried again next time.

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/src/browser.js")]
extern "C" {
    #[wasm_bindgen(js_name = loadScript)]
    fn load_script_js(url: &str) -> Promise;
    #[wasm_bindgen(js_name = loadStyle)]
    fn load_style_js(url: &str, root: &web_sys::Node) -> Promise;
    #[wasm_bindgen(js_name = importWasmModule)]
    fn import_wasm_module_js(url: &str) -> Promise;
}

/// The `<meta>` names of the lazily loaded files in a built index.html.
pub const SANITIZER: &str = "sinmun-sanitizer";
pub const BODY_STYLE: &str = "sinmun-body-style";
pub const MARKDOWN: &str = "sinmun-markdown";
pub const ENHANCE: &str = "sinmun-enhance";
pub const FEEDS: &str = "sinmun-feeds";
pub const WIDGET: &str = "sinmun-widget";

/// An instance's lazily loaded files (absolute URLs) and where its styles go.
/// `Files::default()` names none (a caller fills in the one it needs).
#[derive(Clone, Debug, Default)]
pub struct Files {
    /// The sanitiser: a classic script that defines `window.DOMPurify`.
    pub sanitizer: Option<String>,
    /// The styles of article bodies (style/body.css).
    pub body_style: Option<String>,
    /// The Markdown renderer: a wasm-bindgen module exporting `markdownToHtml`.
    pub markdown: Option<String>,
    /// The enhance module (`crates/enhance`): `deferStyleAttributes`, `enhanceBody`.
    pub enhance: Option<String>,
    /// The feed readers (`crates/feeds`): a wasm-bindgen module exporting
    /// `FeedReader`, for a source that is not sinmun's own data.
    pub feeds: Option<String>,
    /// `document.head`, or an embedded instance's shadow root.
    pub style_root: Option<web_sys::Node>,
}

impl Files {
    /// The files the page's `<meta name=…>` tags name; styles go to the head.
    pub fn from_page() -> Files {
        Files {
            sanitizer: page_file(SANITIZER),
            body_style: page_file(BODY_STYLE),
            markdown: page_file(MARKDOWN),
            enhance: page_file(ENHANCE),
            feeds: page_file(FEEDS),
            style_root: web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.head())
                .map(Into::into),
        }
    }

    /// Load the sanitiser script (once per page).
    pub async fn load_sanitizer(&self) -> Result<(), String> {
        let url = needed(&self.sanitizer, SANITIZER)?;
        wait(&url, load_script_js(&url)).await.map(|_| ())
    }

    /// Load the body styles into this instance's style root (once per root).
    pub async fn load_body_style(&self) -> Result<(), String> {
        let url = needed(&self.body_style, BODY_STYLE)?;
        let root = self.style_root.as_ref().ok_or("no place for styles")?;
        wait(&url, load_style_js(&url, root)).await.map(|_| ())
    }

    /// The function `name` exported by the Markdown module (imported and
    /// initialised once per page).
    pub async fn markdown_export(&self, name: &str) -> Result<Function, String> {
        module_export(&self.markdown, MARKDOWN, name).await
    }

    /// The function `name` exported by the enhance module (imported and
    /// initialised once per page).
    pub async fn enhance_export(&self, name: &str) -> Result<Function, String> {
        module_export(&self.enhance, ENHANCE, name).await
    }

    /// The function `name` exported by the feed readers' module.
    pub async fn feeds_export(&self, name: &str) -> Result<Function, String> {
        module_export(&self.feeds, FEEDS, name).await
    }

    /// Start loading the sanitiser, the enhance module and the body styles now (an article is
    /// about to be shown), so they arrive while the article's JSON does.
    pub fn prefetch_for_bodies(&self) {
        let files = self.clone();
        leptos::task::spawn_local(async move {
            let _ = files.load_body_style().await;
        });
        let files = self.clone();
        leptos::task::spawn_local(async move {
            let _ = files.load_sanitizer().await;
        });
        let files = self.clone();
        leptos::task::spawn_local(async move {
            let _ = files.enhance_export("enhanceBody").await;
        });
    }
}

/// The file named `meta_name`, as an absolute URL: the start script names
/// them in `globalThis.sinmunFiles` (a prerendered page has no tags for
/// them), index.html also by `<meta name="{meta_name}">`.
pub fn page_file(meta_name: &str) -> Option<String> {
    let document = web_sys::window()?.document()?;
    let file = started_file(meta_name).or_else(|| {
        document
            .query_selector(&["meta[name=", meta_name, "]"].concat())
            .ok()??
            .get_attribute("content")
    })?;
    let base = document.base_uri().ok().flatten().unwrap_or_default();
    Some(crate::config::absolute_url(&file, &base))
}

fn started_file(meta_name: &str) -> Option<String> {
    let files = Reflect::get(&js_sys::global(), &JsValue::from_str("sinmunFiles")).ok()?;
    if !files.is_object() {
        return None;
    }
    Reflect::get(&files, &JsValue::from_str(meta_name))
        .ok()?
        .as_string()
}

/// Import the wasm module at `url` (named by `<meta name="{meta_name}">`)
/// and take its exported function `name`.
pub(crate) async fn module_export(
    url: &Option<String>,
    meta_name: &str,
    name: &str,
) -> Result<Function, String> {
    let url = needed(url, meta_name)?;
    let module = wait(&url, import_wasm_module_js(&url)).await?;
    Reflect::get(&module, &JsValue::from_str(name))
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .ok_or_else(|| ["the ", meta_name, " module has no ", name].concat())
}

fn needed(url: &Option<String>, meta_name: &str) -> Result<String, String> {
    url.clone()
        .ok_or_else(|| ["this page does not name its ", meta_name, " file"].concat())
}

/// The promise's value; its rejection as a message (the text it rejects
/// with, or "could not load `url`").
pub(super) async fn wait(url: &str, load: Promise) -> Result<JsValue, String> {
    JsFuture::from(load).await.map_err(|why| {
        why.as_string()
            .unwrap_or_else(|| ["could not load ", url].concat())
    })
}
