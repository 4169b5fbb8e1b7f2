//! The bodies of sinmun's fuzz targets, one function per target. The libFuzzer
//! binaries in `fuzz/` (nightly, `cargo xtask fuzz`) and the corpus replay test
//! (`tests/corpus.rs`, stable, part of `cargo test --workspace`) call the same
//! functions, so every input committed under `fuzz/corpus/<target>/` is
//! checked in CI too.
//!
//! Each target takes arbitrary bytes and checks the promises of the code it
//! drives, not only that it does not panic. A broken promise is a panic.
// Here a panic is the report (libFuzzer records the input), so the
// workspace's no-unwrap rule does not apply to the oracles.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod feed_readers;
mod format_detection;
pub mod style_oracle;

pub use feed_readers::feed_readers;
pub use format_detection::format_detection;

use sinmun_convert::catalogue::SkipKind;
use sinmun_convert::input::jekyll::frontmatter::{self, Split};
use sinmun_convert::input::jekyll::{permalink, post, settings, SiteSettings};
use sinmun_model::{Article, BodyFormat, FORMAT_VERSION};
use std::borrow::Cow;

/// A fuzz target: a name (also its corpus folder under `fuzz/corpus/`) and its body.
pub type Target = (&'static str, fn(&[u8]));

/// Every target, in the order `cargo xtask fuzz` runs them.
pub const TARGETS: &[Target] = &[
    ("front_matter", front_matter),
    ("format_detection", format_detection),
    ("feed_readers", feed_readers),
    ("body_markdown", body_markdown),
    ("body_html", body_html),
];

fn text(data: &[u8]) -> Cow<'_, str> {
    String::from_utf8_lossy(data)
}

/// Where `part` starts inside `whole`, if it is a slice of it.
fn offset_in(whole: &str, part: &str) -> Option<usize> {
    let start = (part.as_ptr() as usize).checked_sub(whole.as_ptr() as usize)?;
    (start + part.len() <= whole.len()).then_some(start)
}

// ---------------------------------------------------------------- front_matter

/// Front matter split, strict and lenient YAML, and the whole-post conversion.
pub fn front_matter(data: &[u8]) {
    let text = text(data);
    let split = frontmatter::split(&text);
    if let Some(split) = &split {
        check_split(&text, split);
        check_parse(split);
    }
    // The readers on their own, on text without fences too.
    let _ = frontmatter::strict(&text);
    check_lenient(&frontmatter::lenient(&text));

    // The site settings vary with the input's length, so one input is one run.
    let site = site_settings(data.len());
    for name in ["2024-06-12-fuzz-post.md", "2024-06-12-fuzz-post.html"] {
        let result = post::convert(name, data, &site);
        match result.outcome {
            Ok(converted) => check_article(&converted.article, name, &text),
            Err(SkipKind::NotAPost) => {
                assert!(
                    split.is_none(),
                    "a post with front matter was skipped: {result:?}"
                )
            }
            Err(SkipKind::Unpublished) => {}
            Err(SkipKind::Error) => panic!("one post failed the run: {result:?}"),
        }
        // messages name a line inside the file
        let lines = text.lines().count().max(1) + 1;
        for m in &result.messages {
            assert!(!m.message.is_empty());
            if let Some(line) = m.line {
                assert!(
                    line >= 1 && (line as usize) <= lines,
                    "line {line} of {lines}: {m:?}"
                );
            }
        }
    }
}

fn site_settings(variant: usize) -> SiteSettings {
    let mut site = SiteSettings::default();
    match variant % 3 {
        1 => {
            site.permalink = permalink::permalink_style("pretty");
            site.timezone = "Asia/Seoul".parse().unwrap_or(site.timezone);
            site.excerpt_separator = "<!--more-->".into();
        }
        2 => {
            site.permalink = "/:categories/:year/W:week/:short_day/:title:output_ext".into();
            site.timezone = "America/St_Johns".parse().unwrap_or(site.timezone);
            let defaults = "defaults:\n  - scope: { path: '', type: posts }\n    values: { layout: post, categories: [기본] }\n";
            if let Ok(map) = frontmatter::strict(defaults) {
                site.post_defaults = settings::post_defaults(&map);
            }
        }
        _ => {}
    }
    site
}

fn check_split(text: &str, split: &Split<'_>) {
    let unbommed = text.strip_prefix('\u{feff}').unwrap_or(text);
    assert!(
        unbommed.starts_with("---"),
        "split without an opening fence"
    );
    assert_eq!(split.yaml_first_line, 2);
    let yaml_at = offset_in(text, split.yaml).expect("the YAML is a slice of the file");
    let body_at = offset_in(text, split.body).expect("the body is a slice of the file");
    assert!(
        yaml_at + split.yaml.len() <= body_at,
        "YAML and body overlap"
    );
    assert_eq!(
        body_at + split.body.len(),
        text.len(),
        "the body runs to the end"
    );
    // between them: exactly the closing fence line
    let fence = text.get(yaml_at + split.yaml.len()..body_at).unwrap_or("");
    let fence = fence.trim_end_matches(['\n', '\r']).trim_end();
    assert!(fence == "---" || fence == "...", "closing fence {fence:?}");
}

fn check_parse(split: &Split<'_>) {
    let parsed = frontmatter::parse(split);
    match frontmatter::strict(split.yaml) {
        Ok(data) => {
            assert!(parsed.recovered.is_none());
            assert_eq!(parsed.data, data);
        }
        Err((_, message)) => {
            let (line, why) = parsed.recovered.expect("a strict failure is reported");
            assert_eq!(why, message);
            // the YAML error names a line of the front matter (or the fence before it)
            let last = split.yaml.lines().count() as u64 + u64::from(split.yaml_first_line) + 1;
            assert!(
                u64::from(line) <= last,
                "line {line}, front matter ends at {last}"
            );
            assert_eq!(parsed.data, frontmatter::lenient(split.yaml));
        }
    }
}

/// The lenient reader makes only string keys and string, list-of-string or null values.
fn check_lenient(map: &serde_norway::Mapping) {
    use serde_norway::Value;
    for (key, value) in map {
        assert!(matches!(key, Value::String(k) if !k.is_empty()), "{key:?}");
        match value {
            Value::String(_) | Value::Null => {}
            Value::Sequence(items) => {
                assert!(items.iter().all(|i| matches!(i, Value::String(_))))
            }
            other => panic!("lenient value {other:?}"),
        }
    }
}

fn check_article(article: &Article, name: &str, text: &str) {
    assert_eq!(article.version, FORMAT_VERSION);
    assert_eq!(article.slug, post::base_slug("fuzz-post"));
    assert!(
        !article.title.trim().is_empty(),
        "an article always has a title"
    );
    // Markdown posts are rendered at build time, so every Jekyll body arrives as HTML;
    // an .html post without Liquid is stored exactly as written.
    assert_eq!(article.body.format, BodyFormat::Html);
    let plain = !text.contains("{{") && !text.contains("{%");
    if name.ends_with(".html") && plain {
        assert!(
            text.ends_with(&article.body.source),
            "the body is the end of the file"
        );
    }
    assert!(
        chrono_like(&article.date),
        "date {:?} is not RFC 3339",
        article.date
    );
    assert!(article.reading_minutes >= 1);
    assert!(
        article.excerpt.chars().count() <= 200,
        "{:?}",
        article.excerpt
    );
    for alias in &article.aliases {
        assert!(
            !alias
                .split('/')
                .any(|s| s == ".." || s == "." || s.is_empty()),
            "alias {alias:?}"
        );
    }
    // what the converter writes, the app reads back unchanged
    let json = serde_json::to_string(article).expect("an article serialises");
    let back: Article = serde_json::from_str(&json).expect("and reads back");
    assert_eq!(&back, article);
}

/// `YYYY-MM-DDTHH:MM:SS` and an offset: the shape `to_rfc3339` writes.
fn chrono_like(date: &str) -> bool {
    let b = date.as_bytes();
    b.len() >= 25
        && b.get(4) == Some(&b'-')
        && b.get(7) == Some(&b'-')
        && b.get(10) == Some(&b'T')
        && b.get(13) == Some(&b':')
        && b.get(16) == Some(&b':')
        && (date.ends_with("+00:00") || date.contains('+') || date.rsplit_once('-').is_some())
}

// ---------------------------------------------------------------- body_markdown

/// Markdown → HTML (`sinmun_markdown::to_html`), then the next stage of the
/// app's pipeline on its output.
pub fn body_markdown(data: &[u8]) {
    let text = text(data);
    let html = sinmun_markdown::to_html(&text);
    if !text.contains('<') {
        // Without a tag in the source, only the renderer's own tags come out.
        for tag in html.split('<').skip(1) {
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect();
            assert!(
                sinmun_markdown::EMITTED_TAGS.contains(&name.as_str()),
                "unexpected <{name}> from Markdown without tags: {html}"
            );
        }
    }
    check_style_deferral(&html);
}

// -------------------------------------------------------------------- body_html

/// The app's native HTML body stages: the style-attribute pass and the style filter.
pub fn body_html(data: &[u8]) {
    let text = text(data);
    check_style_deferral(&text);
    check_declarations(&text);
    // the filter on what the pass deferred, as enhance.rs applies it
    for value in
        style_oracle::deferred_values(&sinmun_style::style_attrs::defer_style_attributes(&text))
    {
        check_declarations(&value);
    }
    check_safe_color(&text);
    if let Some((_, value)) = text.split_once(':') {
        check_safe_color(value);
    }
}

/// The promises of `defer_style_attributes`: it only renames (undoing the
/// rename gives the input back), and the HTML tokenizer finds no `style`
/// attribute in what it returns.
pub fn check_style_deferral(input: &str) {
    use sinmun_style::style_attrs::{defer_style_attributes, DEFERRED_STYLE};
    let out = defer_style_attributes(input);
    let undo = |s: &str| s.to_ascii_lowercase().replace(DEFERRED_STYLE, "style");
    assert!(
        undo(&out) == undo(input),
        "not only a rename:\n in: {input:?}\nout: {out:?}"
    );
    let left = style_oracle::style_attributes(&out);
    assert!(
        left.is_empty(),
        "style attribute(s) on <{}> survived:\n in: {input:?}\nout: {out:?}",
        left.join(">, <")
    );
}

/// The promises of `allowed_declarations`: only the three properties, each
/// with a value of its grammar, lowercase.
pub fn check_declarations(style: &str) {
    use sinmun_style::style_filter::{allowed_declarations, is_safe_color};
    for (property, value) in allowed_declarations(style) {
        assert_eq!(value, value.to_ascii_lowercase());
        match property {
            "text-align" => assert!(
                ["left", "right", "center", "justify", "start", "end"].contains(&value.as_str()),
                "{value:?}"
            ),
            "color" | "background-color" => {
                assert!(is_safe_color(&value), "{value:?}");
                check_safe_color(&value);
            }
            other => panic!("unexpected property {other}"),
        }
    }
}

/// A safe colour cannot end its declaration, open a URL or a comment.
pub fn check_safe_color(value: &str) {
    if sinmun_style::style_filter::is_safe_color(value) {
        for bad in [';', ':', '"', '\'', '<', '>', '\\', '{', '}', '@', '*'] {
            assert!(!value.contains(bad), "{value:?}");
        }
        assert!(!value.to_ascii_lowercase().contains("url("), "{value:?}");
        assert!(value.matches('(').count() <= 1, "{value:?}");
    }
}
