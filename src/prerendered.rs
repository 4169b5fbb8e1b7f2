//! Taking over from a prerendered article page (the converter's
//! `prerender.rs`): the page's HTML already shows the masthead, the title and
//! the whole article. The app mounts into a hidden element beside them and
//! swaps itself in once its own view is complete, bodies included (or shows
//! an error): the swap replaces the page with an identical one, so nothing
//! moves and the reader never sees a loading state.

use web_sys::HtmlElement;

/// The class of the hidden element the app mounts into beside a shell
/// (`src/browser.js` writes the same names).
pub const APP: &str = "sinmun-app";

/// What [`reveal`] did.
pub const WAITING: u8 = 0;
pub const TOOK_OVER: u8 = 2;

#[wasm_bindgen::prelude::wasm_bindgen(module = "/src/browser.js")]
extern "C" {
    /// The element to mount the app into: `host` itself (emptied of the
    /// static "Loading…" placeholder) on an ordinary page, or a new hidden
    /// `.sinmun-app` element inside it when `host` holds a prerendered shell.
    #[wasm_bindgen(js_name = mountTarget)]
    pub fn mount_target(host: &HtmlElement) -> HtmlElement;
    /// The app's view is ready: drop the shell inside `host` and show the
    /// app (a no-op on ordinary pages and after the first call). While a
    /// body of the hidden app is still rendering, the shell stays: the body
    /// calls this again when it is done. [`WAITING`], 1 (shown) or
    /// [`TOOK_OVER`] (shown in the shell's place just now).
    #[wasm_bindgen(js_name = revealApp)]
    pub fn reveal(host: &HtmlElement) -> u8;
    /// An error of the app's, on a prerendered page: a copy of its panel
    /// shows above the page's content, which stays (nothing shown is lost).
    /// `false` when `host` holds no prerendered page.
    #[wasm_bindgen(js_name = showError)]
    pub fn show_error(host: &HtmlElement) -> bool;
    /// Whether `host` holds a prerendered page of the article `slug`.
    #[wasm_bindgen(js_name = showsArticle)]
    pub fn shows_article(host: &HtmlElement, slug: &str) -> bool;
}
