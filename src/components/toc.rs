//! Table of contents from the body's h2 and h3 headings.

use leptos::prelude::*;

use crate::body::TocEntry;
use crate::labels::Labels;

#[component]
pub fn Toc(entries: Vec<TocEntry>, labels: &'static Labels) -> impl IntoView {
    let host = crate::host::use_host();
    let router = crate::router::use_router();
    let on_click = move |ev: web_sys::MouseEvent| {
        if let Some(host) = &host {
            super::hash_links::follow_hash_link(&ev, host, &router);
        }
    };
    view! {
        <nav class="toc" aria-label=labels.contents on:click=on_click>
            <h2 class="toc-title">{labels.contents}</h2>
            <ol>
                {entries.into_iter().map(|entry| {
                    let link = view! { <a href=format!("#{}", entry.id)>{entry.text}</a> };
                    // h2 entries have no class (most of every page's contents).
                    if entry.level == 3 {
                        view! { <li class="toc-sub">{link}</li> }.into_any()
                    } else {
                        view! { <li>{link}</li> }.into_any()
                    }
                }).collect_view()}
            </ol>
        </nav>
    }
}
