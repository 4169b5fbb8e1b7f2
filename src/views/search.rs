//! The search view (`search/?q=…&category=…`). It is drawn by the lazily
//! loaded search module (`crates/search`, through `searchShow` in
//! `src/browser.js`): the module, the index and the words of the results
//! load only when a reader searches, so the first load carries none of
//! them, and every byte of glue here would be in the first load. The
//! module reads the query from the address, so a search can be linked and
//! back and forward restore it. A source that is a feed has no index
//! files: its loaded items are indexed in memory by the feed readers'
//! module, and the search module reads that instead (widget build).

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

use crate::config::Site;

#[wasm_bindgen(module = "/src/browser.js")]
extern "C" {
    /// The module draws the view's heading and results, follows the
    /// address from then on (typing, the category filter, back and
    /// forward) and sets the document's title.
    #[wasm_bindgen(js_name = searchShow)]
    fn search_show(container: &web_sys::HtmlDivElement, lang: &str);
    /// The same, for a source that is a feed: `feed_index` is its loaded
    /// items' index in memory (`Source::feed_search_index`), or undefined.
    #[cfg(feature = "feeds")]
    #[wasm_bindgen(js_name = searchShow)]
    fn search_show_feed(
        container: &web_sys::HtmlDivElement,
        lang: &str,
        feed_index: &wasm_bindgen::JsValue,
    );
}

/// The view: one element the module fills. It has the same shape as the
/// masthead's search slot (a `div` with a class and a node ref), so it adds
/// no view code of its own to the app (a component of its own cost 1.2 KB).
pub fn search_view(site: &Site) -> impl IntoView {
    let container = NodeRef::<leptos::html::Div>::new();
    let (lang, title) = (site.config.lang.clone(), site.config.title.clone());
    #[cfg(not(feature = "feeds"))]
    container.on_load(move |element| {
        super::painted(&title, None);
        search_show(&element, &lang);
    });
    // A feed has no index files: the module searches its loaded items.
    #[cfg(feature = "feeds")]
    {
        let source = site.source.clone();
        container.on_load(move |element| {
            super::painted(&title, None);
            leptos::task::spawn_local(async move {
                match source.feed_search_index().await {
                    Some(index) => search_show_feed(&element, &lang, &index),
                    None => search_show(&element, &lang),
                }
            });
        });
    }
    view! { <div class="search-view" node_ref=container></div> }
}
