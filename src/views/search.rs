//! The search view (`search/?q=…&category=…`). Its results are drawn by the
//! lazily loaded search module (`crates/search`, through `searchShow` in
//! `src/browser.js`) into this view's container: the module, the index and
//! the words of the results load only when a reader searches, so the first
//! load carries none of them (the glue lives in browser.js because every
//! byte of Rust glue here is in the first load). The view hands each query
//! of the URL to the module, so back and forward restore a search and its
//! results.

use leptos::prelude::*;
use sinmun_model::Route;
use wasm_bindgen::prelude::*;

use crate::config::Site;
use crate::router::use_router;

#[wasm_bindgen(module = "/src/browser.js")]
extern "C" {
    /// The module also sets the document's title (page only: a widget has
    /// no search); browser.js finds the module, the index and the base path.
    #[wasm_bindgen(js_name = searchShow)]
    fn search_show(container: &web_sys::Element, lang: &str, query: &str, category: &str);
    #[wasm_bindgen(js_name = searchHide)]
    fn search_hide(container: &web_sys::Element);
}

#[component]
pub fn SearchView(site: Site) -> impl IntoView {
    let labels = crate::labels::labels(&site.config.lang);
    let router = use_router();
    let container = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let Route::Search { query, category } = router.route() else {
            return;
        };
        // while the reader types, the focus stays in the box (no painted:
        // it moves the focus to the heading); the module sets the title
        if !typing() {
            super::painted(&site.config.title, None);
        }
        if let Some(element) = container.get_untracked() {
            let category = category.unwrap_or_default();
            search_show(&element, &site.config.lang, &query, &category);
        }
    });
    on_cleanup(move || {
        if let Some(element) = container.get_untracked() {
            search_hide(&element);
        }
    });
    view! {
        <section class="search-view">
            <h1>{labels.search}</h1>
            <div class="search-output" node_ref=container></div>
        </section>
    }
}

/// Whether the reader is typing in the search box.
fn typing() -> bool {
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    active.is_some_and(|a| a.get_attribute("type").as_deref() == Some("search"))
}
