//! Resolving a feed's relative URLs (`xml:base`, root-relative images,
//! `next_url`) the way a browser does: with the browser's own `URL` in the
//! wasm module, with the `url` crate (the same WHATWG rules) natively.

/// `href` resolved against `base`; `None` when it is not a URL. An
/// absolute `href` needs no base (a feed file read from the disk has none).
pub fn resolve(base: &str, href: &str) -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::Url::new_with_base(href, base)
            .or_else(|_| web_sys::Url::new(href))
            .ok()
            .map(|u| u.href())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        match url::Url::parse(base) {
            Ok(base) => base.join(href),
            Err(_) => url::Url::parse(href),
        }
        .ok()
        .map(String::from)
    }
}

/// `href` resolved against `base` when it is an http(s) link; `None` for an
/// empty one, another scheme (`javascript:`, `data:`) or garbage.
pub fn web_link(base: &str, href: &str) -> Option<String> {
    let href = href.trim();
    if href.is_empty() {
        return None;
    }
    let absolute = resolve(base, href)?;
    let scheme = absolute
        .split(':')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    matches!(scheme.as_str(), "http" | "https").then_some(absolute)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links_resolve_and_absolute_ones_need_no_base() {
        assert_eq!(
            resolve("https://a.kr/blog/feed.xml", "img/x.png").as_deref(),
            Some("https://a.kr/blog/img/x.png")
        );
        assert_eq!(
            resolve("", "https://a.kr/b/").as_deref(),
            Some("https://a.kr/b/")
        );
        assert_eq!(resolve("", "img/x.png"), None);
        assert_eq!(web_link("https://a.kr/", "javascript:alert(1)"), None);
        assert_eq!(web_link("https://a.kr/", " "), None);
    }
}
