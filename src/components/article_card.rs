//! One article in a list: thumbnail, categories, title, date, excerpt.

use leptos::prelude::*;
use sinmun_model::Summary;

use super::meta_line::MetaLine;

#[component]
pub fn ArticleCard(summary: Summary, lang: String) -> impl IntoView {
    let href = crate::routes::card_href(&summary);
    let thumbnail = summary.thumbnail.as_deref().map(crate::routes::asset);
    // Which of several sources it came from (`source::merged`).
    #[cfg(feature = "feeds")]
    let source = super::source_notes::card_source(&summary.slug);
    #[cfg(not(feature = "feeds"))]
    let source = ();
    view! {
        <li class="card">
            // Not a link of its own: the title's link covers the card (main.css).
            {thumbnail.map(|src| view! {
                <img class="card-thumb" src=src alt="" loading="lazy" width="320" height="180"/>
            })}
            <div class="card-text">
                {source}
                <h2 class="card-title"><a href=href>{summary.title}</a></h2>
                <MetaLine lang=lang date=summary.date categories=summary.categories/>
                {(!summary.excerpt.is_empty()).then(|| view! { <p class="card-excerpt">{summary.excerpt}</p> })}
            </div>
        </li>
    }
}
