//! Table of contents from the body's h2 and h3 headings.

use leptos::prelude::*;

use crate::body::TocEntry;
use crate::labels::Labels;

#[component]
pub fn Toc(entries: Vec<TocEntry>, labels: &'static Labels) -> impl IntoView {
    view! {
        <nav class="toc" aria-label=labels.contents on:click=|ev| { super::hash_links::follow_hash_link(&ev); }>
            <h2 class="toc-title">{labels.contents}</h2>
            <ol>
                {entries.into_iter().map(|entry| view! {
                    <li class=format!("toc-level-{}", entry.level)>
                        <a href=format!("#{}", entry.id)>{entry.text}</a>
                    </li>
                }).collect_view()}
            </ol>
        </nav>
    }
}
