//! Slugs that are safe as one URL path segment and as one file name.

/// A URL- and file-safe slug: lowercase letters and digits of any script
/// (Korean stays Korean), other runs turned into one `-`. Never empty, never
/// `.`/`..`, never longer than 80 characters.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_dash = false;
    for ch in text.chars() {
        if ch.is_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.extend(ch.to_lowercase());
        } else if ch == '_' || ch == '.' {
            // keep Jekyll-like names such as `v1.2` or `snake_case` readable
            if !out.is_empty() && !pending_dash {
                out.push(ch);
            }
        } else {
            pending_dash = true;
        }
        if out.chars().count() >= 80 {
            break;
        }
    }
    let trimmed = out.trim_matches(|c| c == '-' || c == '.' || c == '_');
    if trimmed.is_empty() {
        "untitled".to_string()
    } else if is_reserved_file_name(trimmed) {
        format!("{trimmed}-post")
    } else {
        trimmed.to_string()
    }
}

/// Windows device names: a file called `con.json` or `LPT1.txt` cannot be
/// created there.
const RESERVED_FILE_NAMES: &[&str] = &[
    "con", "prn", "aux", "nul", "com0", "com1", "com2", "com3", "com4", "com5", "com6", "com7",
    "com8", "com9", "lpt0", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// True if `name` (up to its first dot, trailing spaces ignored, any case) is a
/// name Windows refuses as a file: a site folder must be copyable anywhere.
pub fn is_reserved_file_name(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name).trim_end();
    RESERVED_FILE_NAMES
        .iter()
        .any(|r| stem.eq_ignore_ascii_case(r))
}

/// The slug of a category name, as used in category URLs and data paths.
pub fn category_slug(name: &str) -> String {
    slugify(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_safe() {
        assert_eq!(slugify("Hello, World!"), "hello-world");
        assert_eq!(slugify("../../etc/passwd"), "etc-passwd");
        assert_eq!(slugify("한국 뉴스"), "한국-뉴스");
        assert_eq!(slugify(".."), "untitled");
        assert_eq!(slugify("a\0b"), "a-b");
        assert_eq!(slugify(""), "untitled");
        assert_eq!(slugify("CON"), "con-post");
        assert_eq!(slugify("nul.txt"), "nul.txt-post");
        assert_eq!(slugify("lpt1"), "lpt1-post");
        assert_eq!(slugify("console"), "console");
        assert!(slugify(&"가".repeat(500)).chars().count() <= 80);
    }

    #[test]
    fn reserved_file_names_in_any_case() {
        for name in [
            "con",
            "CON",
            "nul.txt",
            "Lpt1.json",
            "com0",
            "aux .x",
            "prn",
        ] {
            assert!(is_reserved_file_name(name), "{name}");
        }
        for name in ["console", "com", "lpt10", "x.con", "", "conn.json"] {
            assert!(!is_reserved_file_name(name), "{name}");
        }
    }
}
