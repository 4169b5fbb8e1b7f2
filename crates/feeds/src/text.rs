//! The text a feed gives, made fit for the views: titles with HTML entities
//! or tags in them, excerpts out of HTML bodies, and slugs for items that
//! have no slug. Shared by every feed reader; real feeds break their
//! formats' rules, and none of this fails.

pub use sinmun_model::text::{collapse, decode_entities, find_ignoring_case, shorten};

/// The text of an HTML fragment: tags dropped (with their `<script>` and
/// `<style>` contents), entities decoded, white space collapsed.
pub fn plain_text(html: &str) -> String {
    sinmun_model::text::html_text(html)
}

/// A title as text: entities decoded, any tags dropped.
pub fn title(text: &str) -> String {
    if text.contains('<') {
        plain_text(text)
    } else {
        collapse(&decode_entities(text))
    }
}

/// A slug for an item without one: the last segment of its link or id
/// (`https://x.org/2024/06/hello/` → `hello`), else its title. Safe as one
/// path segment: letters of any script and digits, other runs as `-`,
/// ASCII lower-cased (see [`word_char`]).
pub fn slug_for(id: &str, title: &str) -> String {
    id_slug(id)
        .or_else(|| Some(segment_safe(title)).filter(|s| !s.is_empty()))
        .unwrap_or_else(|| "item".into())
}

/// The slug an id or link gives (its last meaningful path segment, or the
/// whole id when that is a URN-like `tag:…`), `None` when it gives none.
pub fn id_slug(id: &str) -> Option<String> {
    let id = id.trim();
    let path = id.split(['?', '#']).next().unwrap_or(id);
    let segment = path
        .rsplit('/')
        .map(|s| s.trim_end_matches(".html").trim_end_matches(".htm"))
        .find(|s| s.chars().any(word_char))
        .unwrap_or("");
    let from = if segment.is_empty() || segment.contains(':') {
        id
    } else {
        segment
    };
    Some(segment_safe(&percent_decoded(from))).filter(|s| !s.is_empty())
}

/// A letter or digit of a slug: ASCII letters and digits, and anything
/// outside ASCII but spaces and the common punctuation blocks (Unicode's
/// letter tables would cost the app kilobytes).
fn word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    !c.is_whitespace()
        && !matches!(c, '\u{80}'..='\u{bf}' | '\u{2000}'..='\u{206f}' | '\u{3000}'..='\u{3003}' | '\u{3008}'..='\u{3011}' | '\u{ff01}'..='\u{ff0f}')
}

fn segment_safe(text: &str) -> String {
    let mut out = String::new();
    for ch in text.chars() {
        if word_char(ch) {
            out.push(ch.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.len() >= 120 {
            break;
        }
    }
    out.trim_matches('-').to_string()
}

/// `%ED%95%9C` → `한` where the bytes are UTF-8; otherwise the text as is.
pub fn percent_decoded(text: &str) -> String {
    if !text.contains('%') {
        return text.to_string();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b, hex) {
            (b'%', Some(v)) => {
                out.push(v);
                i += 3;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

/// A category name's slug in a feed (the same rules as [`slug_for`]'s).
pub fn category_slug(name: &str) -> String {
    let slug = segment_safe(name);
    if slug.is_empty() {
        "category".into()
    } else {
        slug
    }
}

pub use sinmun_model::text::reading_minutes;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_drops_tags_scripts_and_styles() {
        assert_eq!(
            plain_text("<p>한국 <b>뉴스</b></p><script>alert(1)</script><style>p{}</style>끝"),
            "한국 뉴스 끝"
        );
        assert_eq!(plain_text("a < b"), "a < b");
        assert_eq!(plain_text("<SCRIPT>x</SCRIPT>y &amp; z"), "y & z");
        assert_eq!(title("<em>Hello</em> &amp; bye"), "Hello & bye");
        assert_eq!(title("  Plain\n title "), "Plain title");
    }

    #[test]
    fn slugs_come_from_links_ids_or_titles() {
        assert_eq!(
            slug_for("https://example.org/2024/06/hello-world/", "x"),
            "hello-world"
        );
        assert_eq!(slug_for("https://x.org/p/post.html?utm=1", "x"), "post");
        assert_eq!(slug_for("https://x.org/%ED%95%9C%EA%B8%80", "x"), "한글");
        assert_eq!(
            slug_for("tag:example.org,2024:123", "x"),
            "tag-example-org-2024-123"
        );
        assert_eq!(slug_for("", "Hello, World!"), "hello-world");
        assert_eq!(slug_for("", "!!!"), "item");
        assert_eq!(slug_for("../../etc", ""), "etc");
        assert!(!slug_for("a/b?c#d", "").contains(['/', '?', '#']));
        assert_eq!(category_slug("Tech News"), "tech-news");
        assert_eq!(category_slug("경제"), "경제");
        assert_eq!(category_slug("정치·사회"), "정치-사회");
        assert_eq!(category_slug("“인용”　뉴스"), "인용-뉴스");
    }
}
