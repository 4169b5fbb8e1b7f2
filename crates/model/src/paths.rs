//! Where each document lives inside a data folder, relative to the folder holding
//! `manifest.json`. Shared so the converter writes exactly where the app reads.

pub const MANIFEST_FILE: &str = "manifest.json";

pub fn index_shard_path(shard: u32) -> String {
    format!("index/{shard}.json")
}

pub fn category_shard_path(category_slug: &str, shard: u32) -> String {
    format!("categories/{category_slug}/{shard}.json")
}

pub fn article_path(slug: &str) -> String {
    format!("articles/{slug}.json")
}

pub fn alias_shard_path(bucket: u8) -> String {
    format!("aliases/{bucket:02x}.json")
}

/// The site path (below the base path, no leading slash) of an article's page.
pub fn article_route(slug: &str) -> String {
    crate::Route::article(slug).site_path().unwrap_or_default()
}

/// The site path of a category's first page.
pub fn category_route(category_slug: &str) -> String {
    crate::Route::list(1, Some(category_slug))
        .site_path()
        .unwrap_or_default()
}

/// Which alias shard holds `path` (FNV-1a of the normalised path, low byte).
pub fn alias_bucket(path: &str) -> u8 {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in normalise_alias(path).bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    (hash & 0xff) as u8
}

/// Alias keys have no leading or trailing slash and no `index.html`.
pub fn normalise_alias(path: &str) -> String {
    let trimmed = path.trim_matches('/');
    let trimmed = trimmed.strip_suffix("index.html").unwrap_or(trimmed);
    trimmed.trim_end_matches('/').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alias_bucket_ignores_slashes() {
        assert_eq!(
            alias_bucket("/news/2024/06/12/10/"),
            alias_bucket("news/2024/06/12/10")
        );
        assert_eq!(alias_bucket("/a/index.html"), alias_bucket("a"));
        assert_eq!(alias_shard_path(10), "aliases/0a.json");
    }
}
