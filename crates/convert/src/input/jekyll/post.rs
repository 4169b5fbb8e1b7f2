//! One source file → one [`Article`] (or the reason it is not one). Pure: no I/O.

use super::dates;
use super::frontmatter::{self, get, list_field, scalar_text};
use super::permalink::{clean_alias, expand_permalink};
use super::post_name::{self, PostKind};
use super::settings::SiteSettings;
use crate::catalogue::{Item, Level, Message, SkipKind};
use crate::render::{
    self,
    liquid::{object_from_yaml, Liquid},
};
use crate::slug::portable_slug;
use crate::text;
use chrono::{DateTime, FixedOffset};
use liquid_core::model::Object as LiquidObject;
use serde_norway::Value;
use sinmun_model::{Article, Body, BodyFormat, FORMAT_VERSION};
use std::path::Path;

#[derive(Debug)]
pub struct FileResult {
    pub messages: Vec<Message>,
    pub outcome: Result<Item, SkipKind>,
}

/// The base slug of a post file name, as the run will use it.
pub fn base_slug(jekyll_slug: &str) -> String {
    portable_slug(&sinmun_model::slugify(jekyll_slug))
}

/// What a post's Liquid is rendered with: the site's Liquid, and the
/// post's folder and path below `_posts` (for `include_relative`, `page.path`).
pub struct Templates<'a> {
    pub liquid: &'a Liquid,
    pub dir: &'a Path,
    pub rel: &'a str,
}

/// Converts one file. `name` is its file name, `bytes` its content.
pub fn convert(name: &str, bytes: &[u8], site: &SiteSettings) -> FileResult {
    convert_with(name, bytes, site, None)
}

/// Converts one file, its Liquid rendered with `templates` (else left as
/// written).
pub fn convert_with(
    name: &str,
    bytes: &[u8],
    site: &SiteSettings,
    templates: Option<&Templates>,
) -> FileResult {
    let mut messages = Vec::new();
    let outcome = convert_inner(name, bytes, site, templates, &mut messages);
    FileResult { messages, outcome }
}

fn skip(messages: &mut Vec<Message>, kind: SkipKind, line: Option<u32>, why: String) -> SkipKind {
    let level = if kind == SkipKind::Error {
        Level::Error
    } else {
        Level::Note
    };
    messages.push(Message::new(level, line, why));
    kind
}

fn convert_inner(
    name: &str,
    bytes: &[u8],
    site: &SiteSettings,
    templates: Option<&Templates>,
    messages: &mut Vec<Message>,
) -> Result<Item, SkipKind> {
    let post_name = match post_name::parse_post_name(name) {
        Ok(p) => p,
        Err(why) => {
            return Err(skip(
                messages,
                SkipKind::NotAPost,
                None,
                format!("not a post: {why}"),
            ))
        }
    };
    let mut recovered = false;
    let decoded;
    let text: &str = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let prefix = bytes.get(..e.valid_up_to()).unwrap_or(&[]);
            let line = prefix.iter().filter(|&&b| b == b'\n').count() + 1;
            messages.push(Message::new(
                Level::Warning,
                Some(u32::try_from(line).unwrap_or(u32::MAX)),
                "file is not valid UTF-8: invalid bytes replaced with U+FFFD",
            ));
            recovered = true;
            decoded = String::from_utf8_lossy(bytes).into_owned();
            &decoded
        }
    };
    let split = frontmatter::split_or_all(text);
    // Jekyll skips a post that is not valid UTF-8; sinmun recovers one whose
    // front matter shows it is a post, not a stray binary with a dated name.
    if recovered && (split.yaml_first_line == 0 || post_name.kind == PostKind::AsIs) {
        return Err(skip(
            messages,
            SkipKind::NotAPost,
            None,
            "not a post: not UTF-8 text, and no front matter says it is one".into(),
        ));
    }
    if split.yaml_first_line == 0 {
        messages.push(Message::new(
            Level::Note,
            Some(1),
            "no front matter: the whole file is the post's body, as Jekyll reads it",
        ));
    }
    let fm = frontmatter::parse(&split);
    if let Some((line, err)) = &fm.recovered {
        recovered = true;
        let err = err.lines().next().unwrap_or("");
        messages.push(Message::new(
            Level::Warning,
            Some(*line),
            format!("front matter is not valid YAML ({err}); Jekyll drops this post. Recovered by reading each `key: value` line as plain text"),
        ));
    }
    let mut data = fm.data;
    for (k, v) in &site.post_defaults {
        if !data.contains_key(k) {
            data.insert(k.clone(), v.clone());
        }
    }
    let line_of = |key: &str| {
        key_line(split.yaml, key).map(|l| l.saturating_add(split.yaml_first_line.saturating_sub(1)))
    };

    if is_false(get(&data, "published")) {
        return Err(skip(
            messages,
            SkipKind::Unpublished,
            line_of("published"),
            "published: false".into(),
        ));
    }

    // Jekyll's slug: the front matter's `slug`, else the file name's
    let jekyll_slug = get(&data, "slug")
        .and_then(scalar_text)
        .map(|s| s.trim().trim_end_matches('.').to_string())
        .filter(|s| !base_slug(s).is_empty())
        .unwrap_or_else(|| post_name.slug.clone());
    let slug = base_slug(&jekyll_slug);

    let mut date = dates::localise(
        post_name.date.and_hms_opt(0, 0, 0).unwrap_or_default(),
        site.timezone,
    );
    if let Some(v) = get(&data, "date") {
        match scalar_text(v).and_then(|t| dates::parse_date(&t, site.timezone)) {
            Some(d) => date = d,
            None => messages.push(Message::new(
                Level::Warning,
                line_of("date"),
                format!(
                    "date {} is not a date; using the date in the file name",
                    short_repr(v)
                ),
            )),
        }
    }
    let updated = ["last_modified_at", "updated", "modified"]
        .iter()
        .find_map(|k| get(&data, k))
        .and_then(scalar_text)
        .and_then(|t| dates::parse_date(&t, site.timezone))
        .map(|d| d.to_rfc3339());

    let title = match get(&data, "title") {
        Some(Value::Sequence(items)) => {
            let t = items
                .iter()
                .filter_map(scalar_text)
                .collect::<Vec<_>>()
                .join(" ");
            messages.push(Message::new(
                Level::Warning,
                line_of("title"),
                "title is a YAML list; its items are joined",
            ));
            t
        }
        Some(v) => scalar_text(v).unwrap_or_default(),
        None => String::new(),
    };
    let title = title.trim().to_string();
    let title = if title.is_empty() {
        messages.push(Message::new(
            Level::Warning,
            line_of("title"),
            format!("no title; using the slug `{jekyll_slug}`, as Jekyll does"),
        ));
        titleize_slug(&jekyll_slug)
    } else {
        title
    };

    let categories = list_field(&data, "category", "categories");
    let tags = list_field(&data, "tag", "tags");
    let format = match post_name.kind {
        PostKind::Markdown => BodyFormat::Markdown,
        PostKind::Html | PostKind::AsIs => BodyFormat::Html,
    };
    let rendered = templates.map(|t| {
        let page = PageFacts {
            title: &title,
            date: &date,
            categories: &categories,
            tags: &tags,
            jekyll_slug: &jekyll_slug,
            slug: &slug,
        }
        .variables(&data, t.rel);
        let rendered = t.liquid.render(split.body, &page, t.dir);
        let first_line = body_first_line(&split);
        for problem in rendered.problems {
            recovered = true;
            let line = problem.line.map(|l| l.saturating_add(first_line - 1));
            messages.push(Message::new(Level::Warning, line, problem.message));
        }
        rendered.text
    });
    let body_src = rendered.as_deref().unwrap_or(split.body);
    let front_excerpt = get(&data, "excerpt").and_then(scalar_text);
    let separator = get(&data, "excerpt_separator")
        .and_then(scalar_text)
        .unwrap_or_else(|| site.excerpt_separator.clone());
    let excerpt = text::excerpt(front_excerpt.as_deref(), body_src, format, &separator);
    let feature_text = get(&data, "feature_text")
        .and_then(scalar_text)
        .filter(|s| !s.trim().is_empty())
        .map(|source| Body {
            format: BodyFormat::Markdown,
            source,
        });
    let feature_image = get(&data, "feature_image").and_then(image_value);
    let image = get(&data, "image").and_then(image_value);

    let mut aliases: Vec<String> = Vec::new();
    let mut add_alias = |a: Option<String>| {
        if let Some(a) = a {
            if !aliases.contains(&a) {
                aliases.push(a);
            }
        }
    };
    add_alias(clean_alias(&expand_permalink(
        &site.permalink,
        &date,
        &categories,
        &jekyll_slug,
    )));
    if let Some(p) = get(&data, "permalink").and_then(scalar_text) {
        let expanded = expand_permalink(&p, &date, &categories, &jekyll_slug);
        match clean_alias(&expanded) {
            Some(a) => add_alias(Some(a)),
            None => messages.push(Message::new(
                Level::Warning,
                line_of("permalink"),
                format!("permalink {p:?} leaves no usable path; ignored"),
            )),
        }
    }
    // the new route of an article is never an alias of itself
    let own_route = sinmun_model::normalise_alias(&sinmun_model::article_route(&slug));
    aliases.retain(|a| *a != own_route);

    let reading_minutes = text::reading_minutes(body_src, format);
    // kramdown's Markdown, rendered here (the app's Markdown is CommonMark)
    let (format, body_src) = match format {
        BodyFormat::Markdown => (BodyFormat::Html, render::markdown_to_html(body_src)),
        other => (other, body_src.to_string()),
    };
    let article = Article {
        version: FORMAT_VERSION,
        slug,
        title,
        date: date.to_rfc3339(),
        updated,
        categories,
        tags,
        excerpt,
        feature_text,
        feature_image,
        image,
        body: Body {
            format,
            source: body_src,
        },
        reading_minutes,
        aliases,
        url: None,
        authors: Vec::new(),
        lang: post_lang(&data),
    };
    Ok(Item {
        timestamp: timestamp(&date),
        article,
        recovered,
    })
}

/// A post's own `lang` (front matter), when it is a plausible BCP 47 tag
/// (`en`, `ko-KR`, `zh-Hant-TW`); anything else is ignored.
fn post_lang(data: &serde_norway::Mapping) -> Option<String> {
    let lang = get(data, "lang").and_then(scalar_text)?;
    let lang = lang.trim().replace('_', "-");
    let mut parts = lang.split('-');
    let primary = parts.next()?;
    let plausible = (2..=8).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_alphabetic())
        && parts
            .all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()));
    plausible.then_some(lang)
}

/// Jekyll's title for a post without one: the slug's words, capitalised
/// (`extra-spaces` → `Extra Spaces`).
fn titleize_slug(slug: &str) -> String {
    slug.split('-')
        .filter(|w| !w.is_empty())
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first
                    .to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// File line number of the body's first line.
fn body_first_line(split: &frontmatter::Split) -> u32 {
    let yaml_lines = u32::try_from(split.yaml.matches('\n').count()).unwrap_or(u32::MAX);
    split
        .yaml_first_line
        .saturating_add(yaml_lines)
        .saturating_add(1)
        .max(1)
}

/// What the converter settled about a post, for its Liquid `page`.
struct PageFacts<'a> {
    title: &'a str,
    date: &'a DateTime<FixedOffset>,
    categories: &'a [String],
    tags: &'a [String],
    jekyll_slug: &'a str,
    slug: &'a str,
}

impl PageFacts<'_> {
    /// Jekyll's `page`: the front matter, with the post's settled title,
    /// date, categories, tags, slug, url and path.
    fn variables(&self, front: &serde_norway::Mapping, rel: &str) -> LiquidObject {
        use liquid_core::model::Value as L;
        let list = |items: &[String]| L::array(items.iter().map(|i| L::scalar(i.clone())));
        let url = format!("/{}", sinmun_model::article_route(self.slug));
        let mut page = object_from_yaml(front);
        for (key, value) in [
            ("title", L::scalar(self.title.to_string())),
            (
                "date",
                L::scalar(self.date.format("%Y-%m-%d %H:%M:%S %z").to_string()),
            ),
            ("categories", list(self.categories)),
            ("tags", list(self.tags)),
            ("slug", L::scalar(self.jekyll_slug.to_string())),
            ("id", L::scalar(url.trim_end_matches('/').to_string())),
            ("url", L::scalar(url)),
            ("path", L::scalar(format!("_posts/{rel}"))),
        ] {
            page.insert(key.into(), value);
        }
        page
    }
}

fn timestamp(d: &DateTime<FixedOffset>) -> i64 {
    d.timestamp()
}

fn is_false(v: Option<&Value>) -> bool {
    match v {
        Some(Value::Bool(b)) => !b,
        // YAML 1.1 (Jekyll's Psych) also reads these as false
        Some(Value::String(s)) => matches!(
            s.trim().to_ascii_lowercase().as_str(),
            "false" | "no" | "off"
        ),
        _ => false,
    }
}

/// `image: /a.png` or `image: { path: /a.png }`.
fn image_value(v: &Value) -> Option<String> {
    let s = match v {
        Value::Mapping(m) => m
            .get("path")
            .or_else(|| m.get("url"))
            .or_else(|| m.get("src"))
            .and_then(scalar_text),
        other => scalar_text(other),
    }?;
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

fn short_repr(v: &Value) -> String {
    let s = scalar_text(v).unwrap_or_else(|| "(not text)".into());
    format!("{:?}", text::shorten(&s, 60))
}

/// 1-based YAML line where a top-level key starts.
fn key_line(yaml: &str, key: &str) -> Option<u32> {
    yaml.lines().enumerate().find_map(|(i, l)| {
        let rest = l.strip_prefix(key)?;
        rest.trim_start()
            .starts_with(':')
            .then(|| u32::try_from(i + 1).unwrap_or(u32::MAX))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Tz;

    fn site() -> SiteSettings {
        SiteSettings {
            timezone: "Europe/London".parse::<Tz>().unwrap(),
            permalink: super::super::permalink::permalink_style("pretty"),
            ..Default::default()
        }
    }

    fn ok(name: &str, text: &str) -> (Article, bool, Vec<Message>) {
        let r = convert(name, text.as_bytes(), &site());
        match r.outcome {
            Ok(c) => (c.article, c.recovered, r.messages),
            Err(k) => panic!("{name} skipped: {k:?} {:?}", r.messages),
        }
    }

    #[test]
    fn a_posts_own_lang_is_kept_when_it_is_a_language_tag() {
        let lang = |value: &str| {
            ok("2024-06-12-a.md", &format!("---\nlang: {value}\n---\nx"))
                .0
                .lang
        };
        assert_eq!(lang("en"), Some("en".into()));
        assert_eq!(lang("ko_KR"), Some("ko-KR".into()));
        assert_eq!(lang("zh-Hant-TW"), Some("zh-Hant-TW".into()));
        for bad in [
            "\"\"",
            "e",
            "english language",
            "\"en\\\" onload=x\"",
            "[en]",
            "x-",
        ] {
            assert_eq!(lang(bad), None, "{bad}");
        }
        assert_eq!(ok("2024-06-12-a.md", "---\ntitle: A\n---\nx").0.lang, None);
    }

    #[test]
    fn categories_as_list_or_string() {
        let (a, _, _) = ok(
            "2024-06-12-a.md",
            "---\ntitle: A\ncategories: [News, 스포츠]\n---\nx",
        );
        assert_eq!(a.categories, vec!["News", "스포츠"]);
        let (a, _, _) = ok(
            "2024-06-12-a.md",
            "---\ntitle: A\ncategories: News Sports\ntags: one two\n---\nx",
        );
        assert_eq!(a.categories, vec!["News", "Sports"]);
        assert_eq!(a.tags, vec!["one", "two"]);
        let (a, _, _) = ok(
            "2024-06-12-a.md",
            "---\ntitle: A\ncategory: Big News\n---\nx",
        );
        assert_eq!(a.categories, vec!["Big News"]);
        assert_eq!(a.aliases, vec!["big-news/2024/06/12/a"]);
    }

    #[test]
    fn dates_from_name_and_front_matter() {
        let (a, _, _) = ok("2024-06-12-a.md", "---\ntitle: A\n---\nx");
        assert_eq!(a.date, "2024-06-12T00:00:00+01:00");
        let (a, _, _) = ok(
            "2024-06-12-a.md",
            "---\ntitle: A\ndate: 2024-06-12 10:00:00 +0900\n---\nx",
        );
        assert_eq!(a.date, "2024-06-12T10:00:00+09:00");
        let (a, _, _) = ok(
            "2024-01-12-a.md",
            "---\ntitle: A\ndate: 2024-01-13 08:30\n---\nx",
        );
        assert_eq!(a.date, "2024-01-13T08:30:00+00:00");
        let (a, _, m) = ok("2024-06-12-a.md", "---\ntitle: A\ndate: someday\n---\nx");
        assert_eq!(a.date, "2024-06-12T00:00:00+01:00");
        assert_eq!(m[0].line, Some(3), "{m:?}");
    }

    #[test]
    fn excerpt_front_matter_or_first_paragraph() {
        let (a, _, _) = ok(
            "2024-06-12-a.md",
            "---\ntitle: A\nexcerpt: Given <b>text</b>\n---\nbody",
        );
        assert_eq!(a.excerpt, "Given text");
        let (a, _, _) = ok(
            "2024-06-12-a.md",
            "---\ntitle: A\n---\n\nFirst **para**.\n\nSecond.\n",
        );
        assert_eq!(a.excerpt, "First para.");
        let (a, _, _) = ok(
            "2024-06-12-a.html",
            "---\ntitle: A\n---\n<p data-ke-size=\"size16;\">하나 &amp; 둘</p>\n\n<p>셋</p>",
        );
        assert_eq!(a.excerpt, "하나 & 둘");
        assert_eq!(a.body.format, BodyFormat::Html);
    }

    #[test]
    fn unpublished_is_skipped_on_purpose() {
        let r = convert(
            "2024-06-12-a.md",
            b"---\ntitle: A\npublished: false\n---\nx",
            &site(),
        );
        assert_eq!(r.outcome.unwrap_err(), SkipKind::Unpublished);
        assert_eq!(r.messages[0].line, Some(3));
    }

    #[test]
    fn permalink_and_image_map() {
        let (a, _, _) = ok(
            "2024-06-12-hello-world.md",
            "---\ntitle: A\ncategories: [News]\npermalink: /:year/old-:title.html\nimage:\n  path: /assets/img/a.png\nfeature_text: |\n  ## Big\n---\nx",
        );
        assert_eq!(
            a.aliases,
            vec!["news/2024/06/12/hello-world", "2024/old-hello-world.html"]
        );
        assert_eq!(a.image.as_deref(), Some("/assets/img/a.png"));
        assert_eq!(a.feature_text.unwrap().source, "## Big\n");
        let (a, _, _) = ok(
            "2024-06-12-x.md",
            "---\ntitle: A\npermalink: ../../etc/passwd\n---\nx",
        );
        assert!(a.aliases.contains(&"etc/passwd".to_string()));
    }

    #[test]
    fn lenient_recovery_names_the_line() {
        let (a, recovered, m) = ok(
            "2024-06-12-a.md",
            "---\nlayout: post\ntitle: [금메달] 일본 아미 브레이킹 초대 챔피언 등극!\ncategories:\n  - 스포츠\n---\nx",
        );
        assert!(recovered);
        assert_eq!(a.title, "[금메달] 일본 아미 브레이킹 초대 챔피언 등극!");
        assert_eq!(a.categories, vec!["스포츠"]);
        assert_eq!(m[0].level, Level::Warning);
        assert_eq!(m[0].line, Some(3));
    }

    #[test]
    fn missing_title_uses_slug() {
        // Jekyll's `titleize_slug`
        let (a, recovered, m) = ok("2024-06-12-my-post.md", "---\n---\nx");
        assert_eq!(a.title, "My Post");
        assert!(!recovered);
        assert_eq!(m[0].level, Level::Warning);
    }

    #[test]
    fn non_posts_are_skipped_with_a_note() {
        for (name, text) in [
            (".DS_Store", &b"\0\x01binary"[..]),
            ("about.md", b"---\ntitle: x\n---\n"),
            ("2024-06-12-a.yml", b"---\ntitle: x\n---\n"),
            ("2024-06-12-a.png", b"\x89PNG\r\n"),
            // a dated file that is not text and says nothing of being a post
            ("2024-06-12-a.md", b"\xff\xfe\x00binary"),
            ("2024-06-12-a.text", b"---\ntitle: x\n---\n\xff\xfe"),
        ] {
            let r = convert(name, text, &site());
            assert_eq!(r.outcome.unwrap_err(), SkipKind::NotAPost, "{name}");
            assert!(r.messages.iter().any(|m| m.level == Level::Note), "{name}");
        }
    }

    #[test]
    fn a_dated_file_without_front_matter_is_a_post_as_in_jekyll() {
        let (a, recovered, m) = ok("2024-06-12-a-note.md", "no *front matter* here");
        assert_eq!(a.title, "A Note");
        assert_eq!(a.body.source, "<p>no <em>front matter</em> here</p>\n");
        assert!(!recovered);
        assert!(m
            .iter()
            .any(|m| m.level == Level::Note && m.line == Some(1)));
        // other text extensions go through as they are (Jekyll's identity converter)
        let (a, _, _) = ok("2024-06-12-b.text", "---\ntitle: B\n---\nkept *as* is");
        assert_eq!(
            (a.body.format, a.body.source.as_str()),
            (BodyFormat::Html, "kept *as* is")
        );
    }

    #[test]
    fn non_utf8_is_recovered_lossily() {
        let mut bytes = b"---\ntitle: A\n---\nline\n".to_vec();
        bytes.extend_from_slice(&[0xC7, 0xD1, b'\n']); // EUC-KR
        let r = convert("2024-06-12-a.md", &bytes, &site());
        let c = r.outcome.unwrap();
        assert!(c.recovered);
        assert_eq!(r.messages[0].line, Some(5));
        assert!(c.article.body.source.contains('\u{FFFD}'));
    }

    #[test]
    fn reserved_and_hostile_slugs_are_portable() {
        let (a, _, _) = ok("2024-06-12-con.md", "---\ntitle: A\n---\nx");
        assert_eq!(a.slug, "con-post");
        let (a, _, _) = ok("2024-06-12-..%2F..%2Fx.md", "---\ntitle: A\n---\nx");
        assert!(!a.slug.contains('/') && !a.slug.starts_with('.'));
    }
}
