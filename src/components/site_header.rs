//! The masthead: site title, the main categories and the search box. The
//! box is a plain form (`search/?q=`) that `searchBox` in `src/browser.js`
//! builds into its slot (as the converter writes it into prerendered
//! pages): markup made here in Rust cost the first load 2 KB of wasm.
//! `/` focuses it; its first focus loads the search module, which follows
//! the typing (`crates/search`).

use leptos::prelude::*;
use sinmun_model::classes;
use wasm_bindgen::prelude::*;

use crate::config::Site;
use crate::host::{use_host, Mode};

#[wasm_bindgen(module = "/src/browser.js")]
extern "C" {
    #[wasm_bindgen(js_name = searchBox)]
    fn search_box(slot: &web_sys::HtmlDivElement, label: &str);
}

/// How many categories the masthead shows.
const NAV_CATEGORIES: usize = 8;

#[component]
pub fn SiteHeader(site: Site, categories: Vec<sinmun_model::CategoryInfo>) -> impl IntoView {
    let title = site.config.title.clone();
    let labels = crate::labels::labels(&site.config.lang);
    let slot = NodeRef::<leptos::html::Div>::new();
    let host = use_host();
    // a widget has no masthead; this is the page's own box, for the page's life
    if host.is_some_and(|h| h.mode() == Mode::Page) {
        slot.on_load(move |element| search_box(&element, labels.search));
    }
    view! {
        <header class=classes::MASTHEAD>
            <div class=classes::MASTHEAD_INNER>
                <a href=crate::routes::href("") class=classes::SITE_TITLE>{title}</a>
                {(!categories.is_empty()).then(|| view! {
                    <nav class="category-nav" aria-label=labels.categories>
                        <ul>
                            {categories.into_iter().take(NAV_CATEGORIES).map(|c| {
                                let href = crate::routes::category_href(&c.slug, 1);
                                view! { <li><a href=href>{c.name}</a></li> }
                            }).collect_view()}
                        </ul>
                    </nav>
                })}
                <div class="site-search" node_ref=slot></div>
            </div>
        </header>
    }
}
