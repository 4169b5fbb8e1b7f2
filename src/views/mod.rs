//! One file per page of the app. Views ask the data source for model types
//! and render them; they never fetch or parse by themselves.

pub mod article;
pub mod list;
pub mod not_found;
pub mod search;

/// Once a view has painted its data: title and description, scroll position,
/// focus, as far as the instance's host allows (see `host`).
pub fn painted(title: &str, description: Option<&str>) {
    if let Some(host) = crate::host::use_host() {
        host.painted(title, description);
    }
}

/// `<view title> · <site title>`, or the site title alone.
pub fn page_title(view_title: &str, site_title: &str) -> String {
    if view_title.is_empty() {
        site_title.to_string()
    } else {
        format!("{view_title} · {site_title}")
    }
}
