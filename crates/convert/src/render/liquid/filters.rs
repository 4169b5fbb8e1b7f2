//! Jekyll's filters that standard Liquid lacks (`relative_url`,
//! `absolute_url`, `xml_escape`, `markdownify`, `jsonify`, the `date_to_…`
//! family…). The `liquid-lib` crate supplies `slugify`, Jekyll's `sort`,
//! `push`/`pop` and `array_to_sentence_string`; its standard library the rest
//! (`date`, `where`, `split`, `join`, …); `collections.rs` the filters over
//! lists of objects (`group_by`, `where_exp`, `find`, `find_exp`).
//!
//! Each filter here is one function of its input, its arguments and the
//! runtime (for `site.url` and `site.baseurl`), wrapped by [`JekyllFilter`].

use super::values::text_of;
use crate::render::highlight::escape;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime};
use liquid_core::model::{ScalarCow, Value, ValueView};
use liquid_core::parser::{FilterArguments, ParameterReflection};
use liquid_core::{Expression, Filter, FilterReflection, ParseFilter, Result, Runtime};
use std::fmt;

pub(super) type Apply = fn(&dyn ValueView, &[Value], &dyn Runtime) -> Result<Value>;

/// One Jekyll filter: a name and a function.
#[derive(Clone)]
pub struct JekyllFilter {
    name: &'static str,
    apply: Apply,
}

/// Every filter of this module.
pub fn all() -> Vec<JekyllFilter> {
    let filters: [(&'static str, Apply); 17] = [
        ("relative_url", relative_url),
        ("absolute_url", absolute_url),
        ("xml_escape", |input, _, _| {
            Ok(text(escape(&text_of(input))))
        }),
        ("cgi_escape", |input, _, _| {
            Ok(text(form_encode(&text_of(input))))
        }),
        ("uri_escape", |input, _, _| {
            Ok(text(uri_escape(&text_of(input))))
        }),
        ("markdownify", |input, _, _| {
            Ok(text(crate::render::markdown_to_html(&text_of(input))))
        }),
        ("smartify", |input, _, _| Ok(text(text_of(input)))),
        ("jsonify", jsonify),
        ("inspect", jsonify),
        ("number_of_words", |input, _, _| {
            let words = text_of(input).split_whitespace().count();
            Ok(Value::scalar(i64::try_from(words).unwrap_or(i64::MAX)))
        }),
        ("normalize_whitespace", |input, _, _| {
            Ok(text(
                text_of(input)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
            ))
        }),
        ("to_integer", |input, _, _| {
            Ok(Value::scalar(
                text_of(input).trim().parse::<i64>().unwrap_or(0),
            ))
        }),
        ("date_to_xmlschema", |input, _, _| {
            date_text(input, "%Y-%m-%dT%H:%M:%S%:z")
        }),
        ("date_to_rfc822", |input, _, _| {
            date_text(input, "%a, %d %b %Y %H:%M:%S %z")
        }),
        ("date_to_string", |input, _, _| date_text(input, "%d %b %Y")),
        ("date_to_long_string", |input, _, _| {
            date_text(input, "%d %B %Y")
        }),
        ("strip_index", |input, _, _| {
            let url = text_of(input);
            Ok(text(
                url.strip_suffix("index.html").unwrap_or(&url).to_string(),
            ))
        }),
    ];
    filters
        .into_iter()
        .chain(super::collections::all())
        .map(|(name, apply)| JekyllFilter { name, apply })
        .collect()
}

fn text(s: String) -> Value {
    Value::scalar(s)
}

/// `site.<key>` as text.
fn site_value(runtime: &dyn Runtime, key: &'static str) -> String {
    runtime
        .try_get(&[ScalarCow::new("site"), ScalarCow::new(key)])
        .map(|v| text_of(v.as_view()))
        .unwrap_or_default()
}

/// `/about/` → `{baseurl}/about/`, as Jekyll joins them.
fn relative_url(input: &dyn ValueView, _: &[Value], runtime: &dyn Runtime) -> Result<Value> {
    let path = text_of(input);
    if path.contains("://") || path.starts_with("//") {
        return Ok(text(path));
    }
    let base = site_value(runtime, "baseurl");
    Ok(text(join_url(&base, &path)))
}

/// `relative_url` prefixed with `site.url`.
fn absolute_url(input: &dyn ValueView, args: &[Value], runtime: &dyn Runtime) -> Result<Value> {
    let path = text_of(input);
    if path.contains("://") || path.starts_with("//") {
        return Ok(text(path));
    }
    let relative = text_of(relative_url(input, args, runtime)?.as_view());
    let site = site_value(runtime, "url");
    Ok(text(format!("{}{relative}", site.trim_end_matches('/'))))
}

fn join_url(base: &str, path: &str) -> String {
    let base = base.trim_end_matches('/');
    let base = if base.is_empty() || base.starts_with('/') {
        base.to_string()
    } else {
        format!("/{base}")
    };
    if path.is_empty() {
        return if base.is_empty() { "/".into() } else { base };
    }
    format!("{base}/{}", path.trim_start_matches('/'))
}

fn jsonify(input: &dyn ValueView, _: &[Value], _: &dyn Runtime) -> Result<Value> {
    let json = serde_json::to_string(&input.to_value()).unwrap_or_else(|_| "null".into());
    Ok(text(json))
}

/// A Jekyll date filter's output, or the input unchanged when it is no date
/// (Jekyll raises an error; a post is not lost over it).
fn date_text(input: &dyn ValueView, format: &str) -> Result<Value> {
    let raw = text_of(input);
    Ok(text(match parse_date(&raw) {
        Some(date) => date.format(format).to_string(),
        None => raw,
    }))
}

/// The date forms posts and Jekyll write (`2024-06-12 10:00:00 +0900`,
/// RFC 3339, a bare day).
pub fn parse_date(raw: &str) -> Option<DateTime<FixedOffset>> {
    let raw = raw.trim();
    DateTime::parse_from_str(raw, "%Y-%m-%d %H:%M:%S %z")
        .or_else(|_| DateTime::parse_from_rfc3339(raw))
        .or_else(|_| DateTime::parse_from_str(raw, "%Y-%m-%d %H:%M:%S%.f %z"))
        .ok()
        .or_else(|| {
            let naive = NaiveDateTime::parse_from_str(raw, "%Y-%m-%d %H:%M:%S")
                .ok()
                .or_else(|| {
                    NaiveDate::parse_from_str(raw, "%Y-%m-%d")
                        .ok()
                        .and_then(|d| d.and_hms_opt(0, 0, 0))
                })?;
            Some(naive.and_utc().fixed_offset())
        })
}

/// `application/x-www-form-urlencoded`, as Ruby's `CGI.escape`.
fn form_encode(s: &str) -> String {
    percent_encode(s, |b| b.is_ascii_alphanumeric() || b"*-._".contains(&b)).replace("%20", "+")
}

/// Ruby's `URI::DEFAULT_PARSER.escape`: reserved characters kept.
fn uri_escape(s: &str) -> String {
    percent_encode(s, |b| {
        b.is_ascii_alphanumeric() || b"-_.!~*'();/?:@&=+$,[]#%".contains(&b)
    })
}

fn percent_encode(s: &str, keep: impl Fn(u8) -> bool) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if keep(b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

impl FilterReflection for JekyllFilter {
    fn name(&self) -> &str {
        self.name
    }
    fn description(&self) -> &str {
        "a Jekyll filter"
    }
    fn positional_parameters(&self) -> &'static [ParameterReflection] {
        &[]
    }
    fn keyword_parameters(&self) -> &'static [ParameterReflection] {
        &[]
    }
}

impl ParseFilter for JekyllFilter {
    fn parse(&self, arguments: FilterArguments<'_>) -> Result<Box<dyn Filter>> {
        Ok(Box::new(Applied {
            name: self.name,
            apply: self.apply,
            args: arguments.positional.collect(),
        }))
    }
    fn reflection(&self) -> &dyn FilterReflection {
        self
    }
}

/// A filter as used in one place, with its arguments.
struct Applied {
    name: &'static str,
    apply: Apply,
    args: Vec<Expression>,
}

impl fmt::Debug for Applied {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.name)
    }
}

impl fmt::Display for Applied {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.name)
    }
}

impl Filter for Applied {
    fn evaluate(&self, input: &dyn ValueView, runtime: &dyn Runtime) -> Result<Value> {
        let args = self
            .args
            .iter()
            .map(|a| a.evaluate(runtime).map(|v| v.into_owned()))
            .collect::<Result<Vec<_>>>()?;
        (self.apply)(input, &args, runtime)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_join_like_jekyll() {
        assert_eq!(join_url("/blog", "/about/"), "/blog/about/");
        assert_eq!(join_url("", "about"), "/about");
        assert_eq!(join_url("blog/", ""), "/blog");
        assert_eq!(join_url("", ""), "/");
    }

    #[test]
    fn escapes_match_ruby() {
        assert_eq!(form_encode("a b&c/한"), "a+b%26c%2F%ED%95%9C");
        assert_eq!(uri_escape("/a b/?q=1"), "/a%20b/?q=1");
    }

    #[test]
    fn dates_in_jekylls_forms() {
        let d = parse_date("2024-07-29 10:05:00 +0900").unwrap();
        assert_eq!(d.format("%d %b %Y").to_string(), "29 Jul 2024");
        assert!(parse_date("2024-07-29").is_some());
        assert!(parse_date("someday").is_none());
    }
}
