//! The masthead: site title and the main categories.

use leptos::prelude::*;

use crate::config::Site;
use sinmun_model::classes;

/// How many categories the masthead shows.
const NAV_CATEGORIES: usize = 8;

#[component]
pub fn SiteHeader(site: Site, categories: Vec<sinmun_model::CategoryInfo>) -> impl IntoView {
    let title = site.config.title.clone();
    let labels = crate::labels::labels(&site.config.lang);
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
            </div>
        </header>
    }
}
