//! The URL rules of an article body, shared by the browser's enhancing step
//! (`crates/enhance`) and the converter's prerendered pages, so a body links,
//! embeds and resolves the same before and after the app takes over.

/// `rel` of a link out of the site.
pub const EXTERNAL_REL: &str = "noopener noreferrer nofollow ugc";

/// The only iframes a body keeps: video players, sandboxed. The addresses
/// they start with, separated by spaces (one string the browser's page
/// bodies read too, `src/body/page.rs`).
pub const VIDEO_HOSTS: &str = "https://www.youtube.com/embed/ https://youtube.com/embed/ \
https://www.youtube-nocookie.com/embed/ https://player.vimeo.com/video/";
/// The attributes a kept video iframe keeps from the post.
pub const VIDEO_ATTRIBUTES: &[&str] = &["src", "width", "height", "title", "allowfullscreen"];
pub const VIDEO_SANDBOX: &str = "allow-scripts allow-same-origin allow-presentation allow-popups";
pub const VIDEO_REFERRER_POLICY: &str = "strict-origin-when-cross-origin";
pub const VIDEO_CLASS: &str = "video-embed";
/// The box a table scrolls in.
pub const TABLE_SCROLL_CLASS: &str = "table-scroll";
pub const HEADING_ANCHOR_CLASS: &str = "heading-anchor";
pub const ORIGINAL_LINK_CLASS: &str = "original-link";

/// The Tistory editor's size preset for each element it sizes by default
/// (`<p data-ke-size="size16">`, `<h2 data-ke-size="size26">`, …): such a
/// preset is the theme's own size (style/body.css), so the converter drops
/// it (a koreanews page carried 40,000 of them).
pub const TISTORY_DEFAULT_SIZES: &[(&str, &str)] = &[
    ("p", "size16"),
    ("h2", "size26"),
    ("h3", "size23"),
    ("h4", "size20"),
];

/// A table of contents appears from this many h2/h3 headings on.
pub const TOC_MIN_HEADINGS: usize = 3;
/// From this many top-level blocks on, a body is laid out lazily: the class
/// gives its blocks `content-visibility: auto` (style/body.css), so the
/// browser lays out only those near the viewport. A 10 MB body took 9.4 s
/// of forced layout without it and 0.5 s with it.
pub const LONG_BODY_BLOCKS: u32 = 300;
pub const LONG_BODY_CLASS: &str = "long-body";

pub fn is_video_embed(src: &str) -> bool {
    VIDEO_HOSTS
        .split(' ')
        .any(|host| !host.is_empty() && src.starts_with(host))
}

/// The scheme of `url`, lowercased, as a browser reads it (ASCII whitespace
/// and control characters ignored); `None` for a relative URL.
pub fn scheme_of(url: &str) -> Option<String> {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    let colon = cleaned.find(':')?;
    let scheme = cleaned.get(..colon)?;
    if scheme
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    {
        Some(scheme.to_string())
    } else {
        None
    }
}

pub fn is_raster_data_image(src: &str) -> bool {
    let lower = src.trim_start().to_ascii_lowercase();
    ["png", "jpeg", "jpg", "gif", "webp", "avif", "bmp"]
        .iter()
        .any(|kind| {
            lower.starts_with(&format!("data:image/{kind};"))
                || lower.starts_with(&format!("data:image/{kind},"))
        })
}

/// Resolve a root-relative URL (`/assets/x.png`) against the site's base:
/// a path (`/blog/`) for the page, or the site's absolute URL
/// (`https://news.example/blog/`) for a widget on another site's page.
/// `None`: leave the URL as it is.
pub fn rebase(url: &str, base: &str) -> Option<String> {
    if !url.starts_with('/') || url.starts_with("//") {
        return None;
    }
    let (origin, path) = split_origin(base);
    let path = path.trim_end_matches('/');
    let inside = path.is_empty() || url == path || url.starts_with(&format!("{path}/"));
    match (inside, origin.is_empty()) {
        (true, true) => None,
        (true, false) => Some(format!("{origin}{url}")),
        (false, _) => Some(format!("{origin}{path}{url}")),
    }
}

/// `("https://site", "/blog/")` for an absolute URL, `("", base)` for a path.
fn split_origin(base: &str) -> (&str, &str) {
    let Some(scheme_end) = base.find("://") else {
        return ("", base);
    };
    let after = scheme_end + 3;
    match base.get(after..).and_then(|rest| rest.find('/')) {
        Some(slash) => base.split_at(after + slash),
        None => (base, "/"),
    }
}

/// A heading's id from its slug: prefixed so it cannot collide with the
/// app's own ids, `untitled` when nothing is left.
pub fn heading_id(slug: &str) -> String {
    let slug: String = slug.chars().take(80).collect();
    match slug.trim_end_matches('-') {
        "" => "h-untitled".to_string(),
        slug => ["h-", slug].concat(),
    }
}

/// `base`, or `base-2`, `base-3`, … when an earlier heading of the article
/// has it: the id is recorded in `used`.
pub fn unique_id(used: &mut std::collections::HashSet<String>, base: String) -> String {
    let mut id = base.clone();
    let mut n = 2;
    while !used.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rebases_root_relative_urls_onto_a_path_or_a_site() {
        assert_eq!(rebase("/a.png", "/"), None);
        assert_eq!(rebase("/a.png", "/blog/"), Some("/blog/a.png".into()));
        assert_eq!(rebase("/blog/a.png", "/blog/"), None);
        assert_eq!(rebase("//cdn/a.png", "/blog/"), None);
        assert_eq!(rebase("a.png", "https://s.example/"), None);
        assert_eq!(
            rebase("/a.png", "https://s.example/"),
            Some("https://s.example/a.png".into())
        );
        assert_eq!(
            rebase("/a.png", "https://s.example/blog/"),
            Some("https://s.example/blog/a.png".into())
        );
        assert_eq!(
            rebase("/blog/a.png", "https://s.example/blog/"),
            Some("https://s.example/blog/a.png".into())
        );
        assert_eq!(
            rebase("/a.png", "https://s.example"),
            Some("https://s.example/a.png".into())
        );
    }

    #[test]
    fn repeated_heading_ids_are_numbered() {
        let mut used = std::collections::HashSet::new();
        let ids: Vec<String> = ["h-a", "h-a", "h-b", "h-a"]
            .iter()
            .map(|base| unique_id(&mut used, base.to_string()))
            .collect();
        assert_eq!(ids, ["h-a", "h-a-2", "h-b", "h-a-3"]);
    }

    #[test]
    fn schemes_are_read_as_a_browser_reads_them() {
        assert_eq!(
            scheme_of(" Java\tScript:alert(1)").as_deref(),
            Some("javascript")
        );
        assert_eq!(scheme_of("a/b:c"), None);
        assert_eq!(scheme_of("/x"), None);
        assert!(is_raster_data_image("data:image/png;base64,AA"));
        assert!(!is_raster_data_image("data:image/svg+xml,<svg>"));
    }
}
