//! Every URL the app links to, built in one place. Leptos' `<A>` does not add
//! the router's base to absolute paths, so links carry the base path
//! themselves (`/blog/posts/x`), which also keeps them right when copied.

use leptos::prelude::*;
use sinmun_model::{article_route, category_route};

/// The base path of this app instance (`/` or `/blog/`), provided by `App`.
#[derive(Clone, Debug, PartialEq)]
pub struct BasePath(pub String);

fn base() -> String {
    use_context::<BasePath>()
        .map(|b| b.0)
        .unwrap_or_else(|| "/".into())
}

/// `site_path` (no leading slash) below the base path.
pub fn href(site_path: &str) -> String {
    join(&base(), site_path)
}

pub fn join(base: &str, site_path: &str) -> String {
    format!(
        "{}/{}",
        base.trim_end_matches('/'),
        site_path.trim_start_matches('/')
    )
}

pub fn article_href(slug: &str) -> String {
    href(&article_route(slug))
}

pub fn list_href(page: u32) -> String {
    if page <= 1 {
        href("")
    } else {
        href(&format!("page/{page}"))
    }
}

pub fn category_href(slug: &str, page: u32) -> String {
    let first = category_route(slug);
    if page <= 1 {
        href(&first)
    } else {
        href(&format!("{first}page/{page}"))
    }
}

#[cfg(test)]
mod tests {
    use super::join;

    #[test]
    fn joins_base_and_path() {
        assert_eq!(join("/", ""), "/");
        assert_eq!(join("/", "posts/a/"), "/posts/a/");
        assert_eq!(join("/blog/", "/posts/a/"), "/blog/posts/a/");
        assert_eq!(join("/blog/", "category/경제/"), "/blog/category/경제/");
    }
}
