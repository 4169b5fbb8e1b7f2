//! What a site of several sources (`source::merged`) adds to the views:
//! each card's source name, and a note naming the sources that could not be
//! read (the others are shown). The page build reads one source of sinmun
//! data and has neither (Cargo.toml's `feeds`).

use leptos::prelude::*;

/// The name of the source a card's item (`slug`) came from, in a merged site.
pub fn card_source(slug: &str) -> Option<AnyView> {
    crate::source::merged::source_name(slug)
        .map(|name| view! { <p class="card-source">{name}</p> }.into_any())
}

/// A note listing the sources that could not be read, if any.
pub fn unread_note(unread: &[String], lang: &str) -> Option<AnyView> {
    if unread.is_empty() {
        return None;
    }
    let heading = match lang {
        "ko" => "일부 출처를 읽지 못했습니다. 나머지 출처의 기사를 보여 드립니다.",
        _ => "Some sources could not be read; the articles of the others are shown.",
    };
    let items = unread.to_vec();
    Some(
        view! {
            <div class="status status-unread" role="status">
                <p>{heading}</p>
                <ul>{items.into_iter().map(|message| view! { <li>{message}</li> }).collect_view()}</ul>
            </div>
        }
        .into_any(),
    )
}
