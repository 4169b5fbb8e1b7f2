//! Post file names: `YYYY-MM-DD-slug.ext`, the date and slug Jekyll takes from them.

use chrono::NaiveDate;

/// The parts of a post file name `YYYY-MM-DD-slug.ext`.
#[derive(Debug, Clone, PartialEq)]
pub struct PostName {
    pub date: NaiveDate,
    /// The Jekyll slug: the file name between the date and the extension.
    pub slug: String,
    pub html: bool,
}

pub const MARKDOWN_EXTS: &[&str] = &["md", "markdown", "mkd", "mkdn", "mdown"];
pub const HTML_EXTS: &[&str] = &["html", "htm"];

/// Parses a post file name; `Err` says why it is not a post.
pub fn parse_post_name(name: &str) -> Result<PostName, String> {
    let (stem, ext) = name
        .rsplit_once('.')
        .ok_or_else(|| "no file extension".to_string())?;
    let ext_l = ext.to_ascii_lowercase();
    let html = if HTML_EXTS.contains(&ext_l.as_str()) {
        true
    } else if MARKDOWN_EXTS.contains(&ext_l.as_str()) {
        false
    } else {
        return Err(format!("`.{ext}` is not a Markdown or HTML extension"));
    };
    let mut parts = stem.splitn(4, '-');
    let (y, m, d, slug) = (parts.next(), parts.next(), parts.next(), parts.next());
    let (Some(y), Some(m), Some(d), Some(slug)) = (y, m, d, slug) else {
        return Err("name does not start with a YYYY-MM-DD- date".into());
    };
    let digits = |s: &str, min: usize, max: usize| {
        s.len() >= min && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !digits(y, 4, 4) || !digits(m, 1, 2) || !digits(d, 1, 2) {
        return Err("name does not start with a YYYY-MM-DD- date".into());
    }
    let date = NaiveDate::from_ymd_opt(
        y.parse().unwrap_or(0),
        m.parse().unwrap_or(0),
        d.parse().unwrap_or(0),
    )
    .ok_or_else(|| format!("{y}-{m}-{d} is not a calendar date"))?;
    if slug.is_empty() {
        return Err("name has no slug after the date".into());
    }
    Ok(PostName {
        date,
        slug: slug.to_string(),
        html,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn post_names() {
        let p = parse_post_name("2024-06-12-10.md").unwrap();
        assert_eq!(p.slug, "10");
        assert!(!p.html);
        assert!(parse_post_name("2024-6-1-a-b.html").unwrap().html);
        assert!(parse_post_name(".DS_Store").is_err());
        assert!(parse_post_name("about.md").is_err());
        assert!(parse_post_name("2024-02-30-x.md").is_err());
        assert!(parse_post_name("2024-06-12-x.txt").is_err());
    }
}
