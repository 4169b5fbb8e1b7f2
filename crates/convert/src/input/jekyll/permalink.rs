//! The URLs Jekyll gave posts (its `permalink` templates), kept as aliases so
//! old links still find their article.

use chrono::{DateTime, Datelike, FixedOffset, Timelike};

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
    // the template's own escapes as a browser reads them (`/%2e%2e/` is
    // `/../`); the values put in are not decoded
    let template = sinmun_feeds::text::percent_decoded(template);
    let mut rest = template.as_str();
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::jekyll::dates::parse_date;
    use chrono_tz::Tz;

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
        // a template's own escapes are read as a browser reads them
        // (`%2e%2e` is `..`), the values put in it are not
        let d = parse_date("2024-06-12 10:00:00 +0100", Tz::UTC).unwrap();
        let alias =
            |template: &str, slug: &str| clean_alias(&expand_permalink(template, &d, &[], slug));
        assert_eq!(
            alias("/%2e%2e/%2E%2E/baddie.html", "x").unwrap(),
            "baddie.html"
        );
        assert_eq!(alias("/a%2Fb/%ED%95%9C/:title", "x").unwrap(), "a/b/한/x");
        assert_eq!(
            alias("/100%/%zz/:title", "50%20off").unwrap(),
            "100%/%zz/50-20off"
        );
        assert_eq!(clean_alias("/etc/passwd").unwrap(), "etc/passwd");
        assert_eq!(clean_alias("a/../../b/").unwrap(), "a/b");
        assert_eq!(clean_alias("/a/b/index.html").unwrap(), "a/b");
        assert!(clean_alias("/../").is_none());
    }
}
