//! Every URL the app links to, built from the shared route grammar
//! (`sinmun_model::Route`) plus the instance's base path. Links carry the
//! base path themselves (`/blog/posts/x/`), which keeps them right when copied.
//! A widget's base is the site's absolute URL (`https://news.example/blog/`):
//! its links and images must not resolve against the page around it.

use leptos::prelude::*;
use sinmun_model::Route;

/// The base path of this app instance (`/` or `/blog/`), provided by `App`.
#[derive(Clone, Debug, PartialEq)]
pub struct BasePath(pub String);

fn base() -> String {
    use_context::<BasePath>()
        .map(|b| b.0)
        .unwrap_or_else(|| "/".into())
}

/// A file or path below the base path (`feed.json`).
pub fn href(site_path: &str) -> String {
    join(&base(), site_path)
}

/// The link to `route` below `base`.
pub fn route_href(base: &str, route: &Route) -> String {
    join(base, &route.site_path().unwrap_or_default())
}

/// An image or file URL from the data, as this instance must write it: a
/// widget resolves the site's root-relative and relative URLs against the
/// site (`/assets/a.png` is the site's, not the host page's).
#[cfg(feature = "embed")]
pub fn asset(url: &str) -> String {
    let base = base();
    if !base.contains("://") {
        return url.to_string();
    }
    crate::config::absolute_url(url, &base)
}

/// The page resolves the data's URLs against itself.
#[cfg(not(feature = "embed"))]
pub fn asset(url: &str) -> String {
    url.to_string()
}

pub fn join(base: &str, site_path: &str) -> String {
    format!(
        "{}/{}",
        base.trim_end_matches('/'),
        site_path.trim_start_matches('/')
    )
}

pub fn article_href(slug: &str) -> String {
    route_href(&base(), &Route::article(slug))
}

/// Provided by a widget that opens articles outside itself: a card then
/// links to the item's own page when the source has one (a feed's link).
#[cfg(feature = "embed")]
#[derive(Clone, Copy, Debug)]
pub struct OutsideLinks;

/// Where a card's links go: the article in this app, or a feed item's own
/// page for a widget that sends readers there.
pub fn card_href(summary: &sinmun_model::Summary) -> String {
    #[cfg(feature = "embed")]
    if let (Some(url), Some(OutsideLinks)) = (web_url(&summary.url), use_context::<OutsideLinks>())
    {
        return url.to_string();
    }
    article_href(&summary.slug)
}

/// An article's own page elsewhere when it is an http(s) address: data is
/// hostile, and a `javascript:` link would run on a click.
pub fn web_url(url: &Option<String>) -> Option<&str> {
    let url = url.as_deref()?.trim();
    let scheme = url.get(..8)?.to_ascii_lowercase();
    (scheme.starts_with("http://") || scheme == "https://").then_some(url)
}

pub fn list_href(page: u32) -> String {
    route_href(&base(), &Route::list(page, None))
}

pub fn category_href(slug: &str, page: u32) -> String {
    route_href(&base(), &Route::list(page, Some(slug)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_addresses_are_links_out() {
        let url = |s: &str| web_url(&Some(s.to_string())).map(str::to_string);
        assert_eq!(url(" https://a.kr/x "), Some("https://a.kr/x".into()));
        assert_eq!(url("HTTP://a.kr/"), Some("HTTP://a.kr/".into()));
        assert_eq!(url("javascript:alert(1)//"), None);
        assert_eq!(url("data:text/html,x"), None);
        assert_eq!(url("http:"), None);
        assert_eq!(web_url(&None), None);
    }

    #[test]
    fn joins_base_and_path() {
        assert_eq!(join("/", ""), "/");
        assert_eq!(join("/", "posts/a/"), "/posts/a/");
        assert_eq!(join("/blog/", "/posts/a/"), "/blog/posts/a/");
        assert_eq!(join("/blog/", "category/경제/"), "/blog/category/경제/");
    }

    #[test]
    fn links_name_their_routes() {
        assert_eq!(route_href("/blog/", &Route::front()), "/blog/");
        assert_eq!(route_href("/", &Route::list(3, None)), "/page/3/");
        assert_eq!(
            route_href("/", &Route::list(2, Some("경제"))),
            "/category/경제/page/2/"
        );
        assert_eq!(route_href("/", &Route::article("a")), "/posts/a/");
    }
}
