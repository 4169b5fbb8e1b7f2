//! Resolving a feed's relative URLs (`xml:base`, root-relative images,
//! `next_url`) the way a browser does: with the browser's own `URL` in the
//! wasm module, with the `url` crate (the same WHATWG rules) natively.

/// `href` resolved against `base`; `None` when either is not a URL.
pub fn resolve(base: &str, href: &str) -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::Url::new_with_base(href, base)
            .ok()
            .map(|u| u.href())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let base = url::Url::parse(base).ok()?;
        base.join(href).ok().map(String::from)
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
