//! Date, categories (linking to their pages) and reading time.

use leptos::prelude::*;

use crate::routes::category_href;

use crate::labels::{format_date, labels};

#[component]
pub fn MetaLine(
    lang: String,
    date: String,
    categories: Vec<String>,
    #[prop(optional)] reading_minutes: Option<u32>,
    #[prop(optional)] authors: Vec<String>,
) -> impl IntoView {
    let labels = labels(&lang);
    let known = use_context::<crate::config::Categories>();
    let shown = format_date(&date, &lang);
    // A widget's recent items read as "3시간 전" (a page's, by src/reader.js).
    #[cfg(feature = "embed")]
    let shown = crate::embed::relative::recent(&date, &lang).unwrap_or(shown);
    let by = (!authors.is_empty()).then(|| [labels.by, " ", &authors.join(", ")].concat());
    view! {
        <p class="meta-line">
            {by.map(|by| view! { <span class="meta-authors">{by}</span> })}
            <time datetime=date>{shown}</time>
            {(!categories.is_empty()).then(|| view! {
                <span class="meta-categories">
                    {categories.into_iter().map(|name| {
                        // The manifest names every category with its slug;
                        // an unknown one is shown without a link.
                        match known.as_ref().and_then(|k| k.slug_of(&name)) {
                            Some(slug) => view! {
                                <a href=category_href(&slug, 1) class="category-link">{name}</a>
                            }.into_any(),
                            None => view! { <span class="category-name">{name}</span> }.into_any(),
                        }
                    }).collect_view()}
                </span>
            })}
            {reading_minutes.map(|m| view! {
                <span class="reading-time">{format!("{}{}", m.max(1), labels.min_read)}</span>
            })}
        </p>
    }
}
