//! Slugs that are also portable file names (`data/articles/<slug>.json`,
//! `posts/<slug>/index.html`), whatever system the site folder is copied to.

use sinmun_model::is_reserved_file_name;

/// Longest slug in bytes: leaves room for `.json` and the folder names within
/// the 255-byte file name limit of common file systems.
const MAX_SLUG_BYTES: usize = 180;

/// A slug that is also a portable file name: reserved device names get a suffix,
/// overly long ones are cut on a char boundary.
pub fn portable_slug(slug: &str) -> String {
    let mut s = slug.to_string();
    if s.len() > MAX_SLUG_BYTES {
        let mut end = MAX_SLUG_BYTES;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s.truncate(end);
        s = s.trim_end_matches(['-', '.', '_']).to_string();
    }
    if s.is_empty() {
        s = "untitled".into();
    }
    if is_reserved_file_name(&s) {
        s.push_str("-post");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_portable_file_names() {
        assert_eq!(portable_slug("con"), "con-post");
        assert_eq!(portable_slug("lpt1.x"), "lpt1.x-post");
        assert_eq!(portable_slug(""), "untitled");
        assert!(portable_slug(&"가".repeat(200)).len() <= MAX_SLUG_BYTES);
        assert_eq!(portable_slug("뉴스-10"), "뉴스-10");
    }
}
