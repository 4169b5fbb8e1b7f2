//! Previous / numbered / next links; every page has its own URL.

use leptos::prelude::*;

use crate::labels::Labels;
use sinmun_model::pager::visible_pages;

#[component]
pub fn Pager(
    page: u32,
    pages: u32,
    labels: &'static Labels,
    /// The URL of page n.
    href: fn(&str, u32) -> String,
    /// Passed to `href` (the category slug, or empty).
    #[prop(into)]
    key: String,
) -> impl IntoView {
    if pages <= 1 {
        return ().into_any();
    }
    let link = move |n: u32| href(&key, n);
    view! {
        <nav class="pager" aria-label=labels.page>
            {(page > 1).then(|| view! { <a href=link(page - 1) rel="prev" class="pager-prev">{"← "}{labels.previous}</a> })}
            <ol class="pager-pages">
                {visible_pages(page, pages).into_iter().map(|n| match n {
                    Some(n) if n == page => view! { <li><span aria-current="page">{n}</span></li> }.into_any(),
                    Some(n) => view! { <li><a href=link(n)>{n}</a></li> }.into_any(),
                    None => view! { <li class="gap" aria-hidden="true">"…"</li> }.into_any(),
                }).collect_view()}
            </ol>
            {(page < pages).then(|| view! { <a href=link(page + 1) rel="next" class="pager-next">{labels.next}{" →"}</a> })}
        </nav>
    }
    .into_any()
}
