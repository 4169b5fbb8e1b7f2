//! Unknown routes and unknown articles. Old Jekyll URLs are looked up in the
//! alias shards first and, when known, replaced by the article's URL.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use super::page_title;
use crate::config::Site;
use crate::labels::labels;

/// The current path below the base path, e.g. `news/2024/06/12/10/`.
fn site_path(base_path: &str) -> String {
    let path = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default();
    let path = js_sys::decode_uri_component(&path)
        .ok()
        .and_then(|p| p.as_string())
        .unwrap_or(path);
    path.strip_prefix(base_path.trim_end_matches('/'))
        .unwrap_or(&path)
        .to_string()
}

#[component]
pub fn NotFound(site: Site) -> impl IntoView {
    let labels = labels(&site.config.lang);
    let navigate = use_navigate();
    let source = site.source.clone();
    let path = site_path(&site.base_path);
    // Try the path as an old permalink; navigate there when it is one.
    let alias = LocalResource::new(move || {
        let source = source.clone();
        let path = path.clone();
        async move { source.resolve_alias(&path).await.ok().flatten() }
    });
    let base_path = site.base_path.clone();
    Effect::new(move |_| {
        if let Some(Some(slug)) = alias.get() {
            let article_href = crate::routes::join(&base_path, &sinmun_model::article_route(&slug));
            let options = NavigateOptions {
                replace: true,
                ..Default::default()
            };
            navigate(&article_href, options);
        }
    });
    let title = page_title(labels.not_found_title, &site.config.title);
    Effect::new(move |_| {
        if let Some(None) = alias.get() {
            super::painted(&title, labels.not_found_body);
        }
    });
    view! {
        <section class="status status-not-found">
            <h1>{labels.not_found_title}</h1>
            <p>{labels.not_found_body}</p>
            <p><A href=crate::routes::href("") attr:class="back-home">{labels.back_home}</A></p>
        </section>
    }
}
