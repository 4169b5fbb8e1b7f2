//! One file per page of the app. Views ask the data source for model types
//! and render them; they never fetch or parse by themselves.

pub mod article;
pub mod list;
pub mod not_found;

use leptos::prelude::request_animation_frame;

/// Once a view has painted its data: title and description, scroll position, focus.
pub fn painted(title: &str, description: &str) {
    crate::prerendered::reveal();
    crate::dom::set_page_meta(title, description);
    request_animation_frame(|| {
        crate::scroll::settle();
        crate::dom::focus_view_heading();
    });
}

/// `<view title> · <site title>`, or the site title alone.
pub fn page_title(view_title: &str, site_title: &str) -> String {
    if view_title.is_empty() {
        site_title.to_string()
    } else {
        format!("{view_title} · {site_title}")
    }
}
