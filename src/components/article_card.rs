//! One article in a list: thumbnail, categories, title, date, excerpt.

use leptos::prelude::*;
use leptos_router::components::A;
use sinmun_model::Summary;

use super::meta_line::MetaLine;

#[component]
pub fn ArticleCard(summary: Summary, lang: String) -> impl IntoView {
    let href = crate::routes::article_href(&summary.slug);
    let thumbnail = summary.thumbnail.clone();
    view! {
        <li class="card">
            {thumbnail.map(|src| view! {
                <A href=href.clone() attr:class="card-thumb" attr:tabindex="-1" attr:aria-hidden="true">
                    <img src=src alt="" loading="lazy" decoding="async" width="320" height="180"/>
                </A>
            })}
            <div class="card-text">
                <h2 class="card-title"><A href=href>{summary.title}</A></h2>
                <MetaLine lang=lang date=summary.date categories=summary.categories/>
                {(!summary.excerpt.is_empty()).then(|| view! { <p class="card-excerpt">{summary.excerpt}</p> })}
            </div>
        </li>
    }
}
