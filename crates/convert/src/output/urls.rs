//! Links to the site's own pages, as feeds and sitemaps write them.

use sinmun_model::SiteConfig;

/// Absolute URL of a site path (below the base path), or a root-relative one
/// when the site URL is unknown.
pub fn site_url(config: &SiteConfig, path: &str) -> String {
    format!(
        "{}{}{}",
        config.url.trim_end_matches('/'),
        config.base_path,
        path
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn below_the_base_path() {
        let mut config = SiteConfig {
            url: "https://example.com/".into(),
            base_path: "/blog/".into(),
            ..Default::default()
        };
        assert_eq!(
            site_url(&config, "posts/a/"),
            "https://example.com/blog/posts/a/"
        );
        config.url.clear();
        assert_eq!(site_url(&config, ""), "/blog/");
    }
}
