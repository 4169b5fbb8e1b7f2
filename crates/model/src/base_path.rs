//! The one rule for the path a site is served under (`SiteConfig::base_path`):
//! the converter, `xtask` and the app all read it from user input (`--base-path`,
//! `_config.yml` `baseurl`, `config.json`), and must agree on what it becomes.

/// `/`, `/blog/`: leading and trailing slash, no empty, `.` or `..` segments;
/// `\` separates segments too, and spaces around a segment are dropped.
pub fn normalise_base_path(path: &str) -> String {
    let segments: Vec<&str> = path
        .split(['/', '\\'])
        .map(str::trim)
        .filter(|s| !s.is_empty() && *s != "." && *s != "..")
        .collect();
    if segments.is_empty() {
        "/".into()
    } else {
        format!("/{}/", segments.join("/"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_paths_get_both_slashes() {
        assert_eq!(normalise_base_path(""), "/");
        assert_eq!(normalise_base_path("/"), "/");
        assert_eq!(normalise_base_path("blog"), "/blog/");
        assert_eq!(normalise_base_path("/blog"), "/blog/");
        assert_eq!(normalise_base_path("blog/"), "/blog/");
        assert_eq!(normalise_base_path("/a/b/"), "/a/b/");
    }

    #[test]
    fn empty_dot_and_dot_dot_segments_are_dropped() {
        assert_eq!(normalise_base_path("//a//b//"), "/a/b/");
        assert_eq!(normalise_base_path("./a/../b"), "/a/b/");
        assert_eq!(normalise_base_path("/../.."), "/");
        assert_eq!(normalise_base_path("."), "/");
    }

    #[test]
    fn backslashes_and_spaces_around_segments() {
        assert_eq!(normalise_base_path("\\a\\b\\"), "/a/b/");
        assert_eq!(normalise_base_path(" a / b "), "/a/b/");
        assert_eq!(normalise_base_path("  "), "/");
    }
}
