//! Post file names: `YYYY-MM-DD-slug.ext`, the date and slug Jekyll takes from them.

use chrono::NaiveDate;

/// The parts of a post file name `YYYY-MM-DD-slug.ext`.
#[derive(Debug, Clone, PartialEq)]
pub struct PostName {
    pub date: NaiveDate,
    /// The Jekyll slug: the file name between the date and the extension,
    /// without trailing dots (Jekyll drops them: `trailing-dots...md`).
    pub slug: String,
    pub kind: PostKind,
}

/// How Jekyll converts a post, by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PostKind {
    /// Jekyll's `markdown_ext`: rendered as kramdown.
    Markdown,
    /// HTML, kept as written.
    Html,
    /// Any other text extension (`.text`, `.Rmd`, `.txt`): Jekyll publishes it
    /// through its identity converter, its text taken as HTML. Such a file
    /// must be valid UTF-8 (Jekyll skips it otherwise).
    AsIs,
}

pub const MARKDOWN_EXTS: &[&str] = &["md", "markdown", "mkd", "mkdn", "mkdown", "mdown"];
pub const HTML_EXTS: &[&str] = &["html", "htm", "xhtml"];
/// Extensions of files that are not posts whatever their name: data
/// (Jekyll reads `.yml` in `_posts` as data, not a post), images, media,
/// fonts, archives, styles and scripts.
const NOT_POST_EXTS: &[&str] = &[
    "yml", "yaml", "json", "csv", "tsv", "toml", "xml", "png", "jpg", "jpeg", "gif", "webp",
    "avif", "svg", "ico", "bmp", "tif", "tiff", "heic", "pdf", "mp3", "mp4", "m4a", "mov", "webm",
    "ogg", "wav", "zip", "gz", "tgz", "bz2", "xz", "7z", "rar", "woff", "woff2", "ttf", "otf",
    "eot", "css", "scss", "sass", "js", "mjs", "map", "exe", "dll", "so", "bin", "psd", "key",
    "doc", "docx", "xls", "xlsx", "ppt", "pptx", "hwp",
];

/// Parses a post file name; `Err` says why it is not a post.
pub fn parse_post_name(name: &str) -> Result<PostName, String> {
    let (stem, ext) = name
        .rsplit_once('.')
        .ok_or_else(|| "no file extension".to_string())?;
    let ext_l = ext.to_ascii_lowercase();
    let kind = if HTML_EXTS.contains(&ext_l.as_str()) {
        PostKind::Html
    } else if MARKDOWN_EXTS.contains(&ext_l.as_str()) {
        PostKind::Markdown
    } else if NOT_POST_EXTS.contains(&ext_l.as_str()) || ext.is_empty() {
        return Err(format!("a `.{ext}` file is not a post"));
    } else {
        PostKind::AsIs
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
    let slug = slug.trim_end_matches('.');
    if slug.is_empty() {
        return Err("name has no slug after the date".into());
    }
    Ok(PostName {
        date,
        slug: slug.to_string(),
        kind,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn post_names() {
        let p = parse_post_name("2024-06-12-10.md").unwrap();
        assert_eq!(p.slug, "10");
        assert_eq!(p.kind, PostKind::Markdown);
        assert_eq!(
            parse_post_name("2024-6-1-a-b.html").unwrap().kind,
            PostKind::Html
        );
        assert!(parse_post_name(".DS_Store").is_err());
        assert!(parse_post_name("about.md").is_err());
        assert!(parse_post_name("2024-02-30-x.md").is_err());
        assert!(parse_post_name("2024-06-12-x.yml").is_err());
        assert!(parse_post_name("2024-06-12-x.JPG").is_err());
        // Jekyll publishes other text extensions as they are
        assert_eq!(
            parse_post_name("2024-06-12-x.text").unwrap().kind,
            PostKind::AsIs
        );
        assert_eq!(
            parse_post_name("2024-06-12-x.Rmd").unwrap().kind,
            PostKind::AsIs
        );
        // and drops a slug's trailing dots
        assert_eq!(
            parse_post_name("2018-10-12-trailing-dots...md")
                .unwrap()
                .slug,
            "trailing-dots"
        );
        assert!(parse_post_name("2018-10-12-....md").is_err());
    }
}
