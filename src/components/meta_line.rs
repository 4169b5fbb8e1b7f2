//! Date, categories (linking to their pages) and reading time.

use leptos::prelude::*;
use sinmun_model::category_slug;

use crate::routes::category_href;

use crate::labels::{format_date, labels};

#[component]
pub fn MetaLine(
    lang: String,
    date: String,
    categories: Vec<String>,
    #[prop(optional)] reading_minutes: Option<u32>,
) -> impl IntoView {
    let labels = labels(&lang);
    let shown = format_date(&date, &lang);
    view! {
        <p class="meta-line">
            <time datetime=date>{shown}</time>
            {(!categories.is_empty()).then(|| view! {
                <span class="meta-categories">
                    {categories.into_iter().map(|name| {
                        let href = category_href(&category_slug(&name), 1);
                        view! { <a href=href class="category-link">{name}</a> }
                    }).collect_view()}
                </span>
            })}
            {reading_minutes.map(|m| view! {
                <span class="reading-time">{format!("{}{}", m.max(1), labels.min_read)}</span>
            })}
        </p>
    }
}
