//! The text a feed gives, made fit for the views: titles with HTML entities
//! or tags in them, excerpts out of HTML bodies, dates that may be garbage,
//! and slugs for items that have no slug. Shared by every feed reader, plain
//! Rust (no browser), so it is tested natively.
//!
//! Real feeds break their formats' rules; none of this fails. A date that
//! cannot be right (year 30086, month 13) becomes no date rather than a
//! wrong one.

/// `&amp;`, `&lt;`, `&#39;`, `&#xAC00;` and the other common named entities
/// decoded; an unknown or broken entity stays as written.
pub fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('&') {
        out.push_str(rest.get(..start).unwrap_or(""));
        let after = rest.get(start + 1..).unwrap_or("");
        let decoded = after
            .find(';')
            .filter(|end| *end <= 10)
            .and_then(|end| Some((entity(after.get(..end)?)?, end)));
        match decoded {
            Some((ch, end)) => {
                out.push(ch);
                rest = after.get(end + 1..).unwrap_or("");
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return char::from_u32(code).filter(|c| *c != '\0');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "middot" => '·',
        "hellip" => '…',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        _ => return None,
    })
}

/// The text of an HTML fragment: tags dropped (with their `<script>` and
/// `<style>` contents), entities decoded, white space collapsed.
pub fn plain_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len().min(64 * 1024));
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        text.push_str(rest.get(..start).unwrap_or(""));
        text.push(' ');
        let tag = rest.get(start..).unwrap_or("");
        let lower: String = tag.chars().take(8).collect::<String>().to_ascii_lowercase();
        let closing = ["<script", "<style"]
            .iter()
            .find(|open| lower.starts_with(*open))
            .map(|open| ["</", open.get(1..).unwrap_or("")].concat());
        let end = match closing {
            Some(close) => {
                find_ignoring_case(tag, &close).and_then(|i| tag.get(i..)?.find('>').map(|j| i + j))
            }
            None => tag.find('>'),
        };
        rest = match end {
            Some(end) => tag.get(end + 1..).unwrap_or(""),
            None => "",
        };
    }
    text.push_str(rest);
    collapse(&decode_entities(&text))
}

fn find_ignoring_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack.to_ascii_lowercase().find(needle)
}

/// Runs of white space as one space, trimmed.
pub fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A title as text: entities decoded, any tags dropped.
pub fn title(text: &str) -> String {
    if text.contains('<') {
        plain_text(text)
    } else {
        collapse(&decode_entities(text))
    }
}

/// At most `max` characters, cut at a word where one is near, with `…`.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let at_word = cut
        .rfind(' ')
        .filter(|i| *i > cut.len() / 2)
        .and_then(|i| cut.get(..i))
        .unwrap_or(&cut);
    [at_word.trim_end(), "…"].concat()
}

/// An ISO 8601 / RFC 3339 date or date-time as the app writes dates
/// (`2024-06-12T09:00:00+09:00`, `2024-06-12`), or `None` when it is not
/// one or cannot be a real publication date (before 1990 or after 2200).
pub fn iso_date(text: &str) -> Option<String> {
    let text = text.trim();
    let (y, m, d) = ymd(text)?;
    if !(1990..=2200).contains(&y) || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let time = text.get(10..).unwrap_or("");
    if time.is_empty() {
        return Some(text.get(..10)?.to_string());
    }
    if !time.starts_with(['T', 't', ' ']) || utc_minutes(text).is_none() {
        return Some(text.get(..10)?.to_string());
    }
    Some(["", text.get(..10)?, "T", time.get(1..)?].concat())
}

fn ymd(text: &str) -> Option<(i64, i64, i64)> {
    let date = text.get(..10)?;
    let mut parts = date.split('-');
    let y = parts.next().filter(|p| p.len() == 4)?.parse().ok()?;
    let m = parts.next().filter(|p| p.len() == 2)?.parse().ok()?;
    let d = parts.next().filter(|p| p.len() == 2)?.parse().ok()?;
    Some((y, m, d))
}

/// Minutes since 1970 in UTC of an ISO date-time (a date alone is its
/// midnight UTC), for sorting items newest first across time zones.
pub fn utc_minutes(text: &str) -> Option<i64> {
    let (y, m, d) = ymd(text)?;
    let days = days_from_civil(y, m, d);
    let time = text.get(11..).unwrap_or("");
    let number = |range: std::ops::Range<usize>| -> Option<i64> { time.get(range)?.parse().ok() };
    let (hours, minutes) = match (number(0..2), number(3..5)) {
        (Some(h), Some(min)) if h < 24 && min < 60 => (h, min),
        _ if time.is_empty() => (0, 0),
        _ => return None,
    };
    let zone = time
        .char_indices()
        .skip(5)
        .find(|(_, c)| matches!(c, 'Z' | 'z' | '+' | '-'));
    let offset = match zone {
        None => 0,
        Some((_, 'Z' | 'z')) => 0,
        Some((i, sign)) => {
            let digits: String = time
                .get(i + 1..)?
                .chars()
                .filter(char::is_ascii_digit)
                .collect();
            let h: i64 = digits.get(..2)?.parse().ok()?;
            let min: i64 = digits.get(2..4).and_then(|m| m.parse().ok()).unwrap_or(0);
            let total = h * 60 + min;
            if sign == '-' {
                -total
            } else {
                total
            }
        }
    };
    Some(days * 1440 + hours * 60 + minutes - offset)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// A slug for an item without one: the last segment of its link or id
/// (`https://x.org/2024/06/hello/` → `hello`), else its title. Safe as one
/// path segment: letters of any script and digits, other runs as `-`,
/// ASCII lower-cased (see [`word_char`]).
pub fn slug_for(id: &str, title: &str) -> String {
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
    let slug = segment_safe(&percent_decoded(from));
    if slug.is_empty() {
        let slug = segment_safe(title);
        if slug.is_empty() {
            return "item".into();
        }
        return slug;
    }
    slug
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
fn percent_decoded(text: &str) -> String {
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

/// Minutes to read `text` (at least 1): about 500 characters a minute
/// where most letters are outside ASCII (Korean, Japanese), else 230 words.
pub fn reading_minutes(text: &str) -> u32 {
    let letters = text.chars().filter(|c| !c.is_whitespace()).count();
    let wide = text.chars().filter(|c| !c.is_ascii()).count();
    let minutes = if wide * 2 > letters {
        letters / 500
    } else {
        text.split_whitespace().count() / 230
    };
    u32::try_from(minutes).unwrap_or(u32::MAX).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_decode_and_broken_ones_stay() {
        assert_eq!(decode_entities("Tom &amp; Jerry"), "Tom & Jerry");
        assert_eq!(decode_entities("&#44032;&#xAC01; &lt;b&gt;"), "가각 <b>");
        assert_eq!(decode_entities("AT&T & co"), "AT&T & co");
        assert_eq!(
            decode_entities("&bogus; &#0; &#xZZ;"),
            "&bogus; &#0; &#xZZ;"
        );
        assert_eq!(decode_entities("&"), "&");
        assert_eq!(decode_entities("끝&"), "끝&");
    }

    #[test]
    fn plain_text_drops_tags_scripts_and_styles() {
        assert_eq!(
            plain_text("<p>한국 <b>뉴스</b></p><script>alert(1)</script><style>p{}</style>끝"),
            "한국 뉴스 끝"
        );
        assert_eq!(plain_text("a < b"), "a");
        assert_eq!(plain_text("<SCRIPT>x</SCRIPT>y &amp; z"), "y & z");
        assert_eq!(title("<em>Hello</em> &amp; bye"), "Hello & bye");
        assert_eq!(title("  Plain\n title "), "Plain title");
    }

    #[test]
    fn shorten_cuts_at_a_word() {
        assert_eq!(shorten("short", 10), "short");
        assert_eq!(shorten("one two three four", 12), "one two…");
        assert_eq!(shorten("가나다라마바사", 3), "가나다…");
    }

    #[test]
    fn dates_that_cannot_be_right_are_none() {
        assert_eq!(
            iso_date("2024-06-12T09:00:00+09:00").as_deref(),
            Some("2024-06-12T09:00:00+09:00")
        );
        assert_eq!(iso_date("2024-06-12").as_deref(), Some("2024-06-12"));
        assert_eq!(
            iso_date("2024-06-12 09:00:00Z").as_deref(),
            Some("2024-06-12T09:00:00Z")
        );
        assert_eq!(iso_date("30086-01-01T00:00:00Z"), None);
        assert_eq!(iso_date("1970-01-01T00:00:00Z"), None);
        assert_eq!(iso_date("2024-13-01"), None);
        assert_eq!(iso_date("yesterday"), None);
        assert_eq!(iso_date(""), None);
        assert_eq!(
            iso_date("2024-06-12Tgarbage").as_deref(),
            Some("2024-06-12")
        );
    }

    #[test]
    fn utc_minutes_orders_across_zones() {
        let seoul = utc_minutes("2024-06-12T09:00:00+09:00");
        let utc = utc_minutes("2024-06-12T00:00:00Z");
        assert_eq!(seoul, utc);
        assert!(utc_minutes("2024-06-12T01:00:00Z") > utc);
        assert_eq!(utc_minutes("1970-01-01"), Some(0));
        assert_eq!(utc_minutes("2024-06-12T25:00:00Z"), None);
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

    #[test]
    fn reading_time_is_at_least_a_minute() {
        assert_eq!(reading_minutes(""), 1);
        assert_eq!(reading_minutes(&"word ".repeat(700)), 3);
        assert_eq!(reading_minutes(&"가".repeat(1500)), 3);
    }
}
