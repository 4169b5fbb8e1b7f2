//! What the converter takes over from Jekyll: `_config.yml` settings, post file
//! names, dates and the URLs Jekyll gave posts (kept as aliases).

use crate::frontmatter::{get, scalar_text};
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, TimeZone, Timelike};
use chrono_tz::Tz;
use serde_norway::{Mapping, Value};
use std::path::Path;

/// Settings read from `_config.yml` (all optional).
#[derive(Debug, Clone)]
pub struct SiteSettings {
    pub title: String,
    pub description: String,
    pub url: String,
    pub baseurl: String,
    pub lang: String,
    pub paginate: Option<u32>,
    pub timezone: Tz,
    pub excerpt_separator: String,
    /// The site-wide permalink template (Jekyll's `permalink`, styles expanded).
    pub permalink: String,
    /// Front-matter defaults (`defaults:` entries whose scope covers posts).
    pub post_defaults: Mapping,
}

impl Default for SiteSettings {
    fn default() -> Self {
        SiteSettings {
            title: "sinmun".into(),
            description: String::new(),
            url: String::new(),
            baseurl: String::new(),
            lang: "ko-KR".into(),
            paginate: None,
            timezone: Tz::UTC,
            excerpt_separator: "\n\n".into(),
            permalink: permalink_style("date"),
            post_defaults: Mapping::new(),
        }
    }
}

/// Jekyll's built-in permalink styles; anything else is a template already.
pub fn permalink_style(style: &str) -> String {
    match style {
        "date" => "/:categories/:year/:month/:day/:title:output_ext".into(),
        "pretty" => "/:categories/:year/:month/:day/:title/".into(),
        "ordinal" => "/:categories/:year/:y_day/:title:output_ext".into(),
        "weekdate" => "/:categories/:year/W:week/:short_day/:title:output_ext".into(),
        "none" => "/:categories/:title:output_ext".into(),
        other => other.into(),
    }
}

impl SiteSettings {
    /// Reads `_config.yml`; problems become warnings and defaults are kept.
    pub fn load(path: &Path, warnings: &mut Vec<String>) -> SiteSettings {
        let mut s = SiteSettings::default();
        let text = match std::fs::read(path) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return s,
            Err(e) => {
                warnings.push(format!("{}: cannot read: {e}", path.display()));
                return s;
            }
        };
        let map = match crate::frontmatter::strict(&text) {
            Ok(m) => m,
            Err((line, e)) => {
                warnings.push(format!(
                    "{}:{}: not valid YAML, site settings ignored: {e}",
                    path.display(),
                    line.unwrap_or(0)
                ));
                return s;
            }
        };
        s.apply(&map, &path.display().to_string(), warnings);
        s
    }

    pub fn apply(&mut self, map: &Mapping, origin: &str, warnings: &mut Vec<String>) {
        let text = |k: &str| get(map, k).and_then(scalar_text);
        if let Some(v) = text("title") {
            self.title = v;
        }
        if let Some(v) = text("description") {
            self.description = v.trim().to_string();
        }
        if let Some(v) = text("url") {
            self.url = v.trim_end_matches('/').to_string();
        }
        if let Some(v) = text("baseurl") {
            self.baseurl = v;
        }
        if let Some(v) = text("lang") {
            self.lang = v;
        }
        if let Some(v) = text("paginate") {
            match v.trim().parse::<u32>() {
                Ok(n) if n > 0 => self.paginate = Some(n),
                _ => warnings.push(format!("{origin}: paginate {v:?} is not a positive number")),
            }
        }
        if let Some(v) = text("timezone") {
            match v.trim().parse::<Tz>() {
                Ok(tz) => self.timezone = tz,
                Err(_) => warnings.push(format!(
                    "{origin}: unknown timezone {v:?}, dates without zone are read as UTC"
                )),
            }
        }
        if let Some(v) = text("excerpt_separator") {
            self.excerpt_separator = v;
        }
        if let Some(v) = text("permalink") {
            self.permalink = permalink_style(v.trim());
        }
        self.post_defaults = crate::post::post_defaults(map);
    }
}

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

/// Interprets a naive local time in `tz` (a time inside a DST gap moves forward).
pub fn localise(naive: NaiveDateTime, tz: Tz) -> DateTime<FixedOffset> {
    let resolved = tz
        .from_local_datetime(&naive)
        .earliest()
        .or_else(|| {
            tz.from_local_datetime(&(naive + chrono::Duration::hours(1)))
                .earliest()
        })
        .map(|d| d.fixed_offset());
    resolved.unwrap_or_else(|| naive.and_utc().fixed_offset())
}

/// Parses a front-matter date as Jekyll (Ruby's Time.parse) commonly sees them:
/// `2024-06-12`, `2024-06-12 10:00`, `2024-06-12 10:00:00 +0900`,
/// `2024-06-12T10:00:00+09:00`, `... Z`/`UTC`. Zone-less values are local to `tz`.
pub fn parse_date(text: &str, tz: Tz) -> Option<DateTime<FixedOffset>> {
    let t = text.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(t) {
        return Some(d);
    }
    let zoned = [
        "%Y-%m-%d %H:%M:%S%.f %z",
        "%Y-%m-%d %H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M:%S %:z",
        "%Y-%m-%dT%H:%M:%S %z",
        "%Y-%m-%d %H:%M %z",
        "%Y-%m-%d %H:%M%z",
    ];
    for f in zoned {
        if let Ok(d) = DateTime::parse_from_str(t, f) {
            return Some(d);
        }
    }
    let (body, utc) = match t
        .strip_suffix(" UTC")
        .or_else(|| t.strip_suffix(" GMT"))
        .or_else(|| t.strip_suffix('Z'))
        .or_else(|| t.strip_suffix(" Z"))
    {
        Some(b) => (b.trim(), true),
        None => (t, false),
    };
    let naive_formats = [
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
        "%Y/%m/%d %H:%M:%S",
        "%Y/%m/%d %H:%M",
    ];
    let naive = naive_formats
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(body, f).ok())
        .or_else(|| {
            ["%Y-%m-%d", "%Y/%m/%d"]
                .iter()
                .find_map(|f| NaiveDate::parse_from_str(body, f).ok())
                .and_then(|d| d.and_hms_opt(0, 0, 0))
        })?;
    Some(if utc {
        naive.and_utc().fixed_offset()
    } else {
        localise(naive, tz)
    })
}

/// Jekyll's `slugify(mode: "pretty")`: runs of characters other than letters,
/// marks, digits and `._~!$&'()+,;=@` become `-`; ends trimmed.
pub fn jekyll_pretty_slug(text: &str, cased: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for ch in text.chars() {
        let keep = ch.is_alphanumeric() || "._~!$&'()+,;=@".contains(ch);
        if keep {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            if cased {
                out.push(ch);
            } else {
                out.extend(ch.to_lowercase());
            }
        } else {
            dash = true;
        }
    }
    out
}

/// Expands a Jekyll permalink template for one post.
pub fn expand_permalink(
    template: &str,
    date: &DateTime<FixedOffset>,
    categories: &[String],
    jekyll_slug: &str,
) -> String {
    let cats: Vec<String> = {
        let mut seen = Vec::new();
        for c in categories {
            let c = jekyll_pretty_slug(&c.to_lowercase(), false);
            if !c.is_empty() && !seen.contains(&c) {
                seen.push(c);
            }
        }
        seen
    };
    let title = jekyll_pretty_slug(jekyll_slug, true);
    let placeholders: [(&str, String); 17] = [
        (":categories", cats.join("/")),
        (":output_ext", ".html".into()),
        (":short_year", format!("{:02}", date.year() % 100)),
        (":year", format!("{:04}", date.year())),
        (":i_month", date.month().to_string()),
        (":month", format!("{:02}", date.month())),
        (":short_month", month_abbr(date.month()).into()),
        (":i_day", date.day().to_string()),
        (":y_day", format!("{:03}", date.ordinal())),
        (":day", format!("{:02}", date.day())),
        (":short_day", weekday_abbr(date.weekday())),
        (":week", format!("{:02}", date.iso_week().week())),
        (":hour", format!("{:02}", date.hour())),
        (":minute", format!("{:02}", date.minute())),
        (":second", format!("{:02}", date.second())),
        (":title", title.clone()),
        (":slug", title),
    ];
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    'outer: while !rest.is_empty() {
        if rest.starts_with(':') {
            for (name, value) in &placeholders {
                if let Some(after) = rest.strip_prefix(name) {
                    out.push_str(value);
                    rest = after;
                    continue 'outer;
                }
            }
        }
        let mut chars = rest.chars();
        if let Some(c) = chars.next() {
            out.push(c);
        }
        rest = chars.as_str();
    }
    out
}

fn month_abbr(m: u32) -> &'static str {
    const M: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    M.get(m.saturating_sub(1) as usize).copied().unwrap_or("")
}

fn weekday_abbr(w: chrono::Weekday) -> String {
    w.to_string()
}

/// A site-relative alias key, or `None` if nothing safe is left. Segments `.`
/// and `..`, empty segments, control characters and backslashes are dropped;
/// the result goes through [`sinmun_model::normalise_alias`].
pub fn clean_alias(path: &str) -> Option<String> {
    let path = path.split(['?', '#']).next().unwrap_or("");
    let segs: Vec<String> = path
        .split(['/', '\\'])
        .map(|s| s.chars().filter(|c| !c.is_control()).collect::<String>())
        .filter(|s| !s.is_empty() && s != "." && s != "..")
        .collect();
    let joined = segs.join("/");
    let n = sinmun_model::normalise_alias(&joined);
    if n.is_empty() || n.len() > 1024 {
        None
    } else {
        Some(n)
    }
}

/// A list-or-string front-matter field (`categories: [a, b]`, `categories: a b`)
/// merged with its singular key (`category: Foo Bar` is one item), as Jekyll does.
pub fn list_field(map: &Mapping, singular: &str, plural: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if let Some(v) = get(map, singular) {
        match v {
            Value::Sequence(items) => out.extend(items.iter().filter_map(scalar_text)),
            other => out.extend(scalar_text(other)),
        }
    }
    if let Some(v) = get(map, plural) {
        match v {
            Value::Sequence(items) => out.extend(items.iter().filter_map(scalar_text)),
            other => {
                if let Some(s) = scalar_text(other) {
                    out.extend(s.split_whitespace().map(str::to_string));
                }
            }
        }
    }
    let mut seen: Vec<String> = Vec::new();
    for item in out {
        let item = item.trim().to_string();
        if !item.is_empty() && !seen.contains(&item) {
            seen.push(item);
        }
    }
    seen
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

    #[test]
    fn dates_with_zones() {
        let seoul: Tz = "Asia/Seoul".parse().unwrap();
        let london: Tz = "Europe/London".parse().unwrap();
        let d = parse_date("2024-06-12 10:00:00 +0900", london).unwrap();
        assert_eq!(d.to_rfc3339(), "2024-06-12T10:00:00+09:00");
        let d = parse_date("2024-06-12 10:00:00", london).unwrap();
        assert_eq!(d.to_rfc3339(), "2024-06-12T10:00:00+01:00");
        let d = parse_date("2024-01-12", london).unwrap();
        assert_eq!(d.to_rfc3339(), "2024-01-12T00:00:00+00:00");
        let d = parse_date("2024-06-12 10:00", seoul).unwrap();
        assert_eq!(d.to_rfc3339(), "2024-06-12T10:00:00+09:00");
        let d = parse_date("2024-06-12T01:02:03Z", seoul).unwrap();
        assert_eq!(d.to_rfc3339(), "2024-06-12T01:02:03+00:00");
        assert!(parse_date("yesterday", seoul).is_none());
    }

    #[test]
    fn pretty_permalink() {
        let d = parse_date("2024-06-12 10:00:00 +0100", Tz::UTC).unwrap();
        let url = expand_permalink(
            &permalink_style("pretty"),
            &d,
            &["News".into(), "K POP".into(), "news".into()],
            "Hello World",
        );
        assert_eq!(url, "/news/k-pop/2024/06/12/Hello-World/");
        let url = expand_permalink(&permalink_style("date"), &d, &[], "10");
        assert_eq!(url, "//2024/06/12/10.html");
        assert_eq!(clean_alias(&url).unwrap(), "2024/06/12/10.html");
    }

    #[test]
    fn aliases_are_cleaned() {
        assert_eq!(clean_alias("../../x").unwrap(), "x");
        assert_eq!(clean_alias("/etc/passwd").unwrap(), "etc/passwd");
        assert_eq!(clean_alias("a/../../b/").unwrap(), "a/b");
        assert_eq!(clean_alias("/a/b/index.html").unwrap(), "a/b");
        assert!(clean_alias("/../").is_none());
    }

    #[test]
    fn categories_list_or_string() {
        let m: Mapping =
            serde_norway::from_str("categories: News Sports\ntags: [a, b, a]").unwrap();
        assert_eq!(
            list_field(&m, "category", "categories"),
            vec!["News", "Sports"]
        );
        assert_eq!(list_field(&m, "tag", "tags"), vec!["a", "b"]);
        let m: Mapping = serde_norway::from_str("category: Big News\ncategories: [x]").unwrap();
        assert_eq!(
            list_field(&m, "category", "categories"),
            vec!["Big News", "x"]
        );
        let m: Mapping = serde_norway::from_str("categories:\n- 스포츠\n- 2024").unwrap();
        assert_eq!(
            list_field(&m, "category", "categories"),
            vec!["스포츠", "2024"]
        );
    }
}
