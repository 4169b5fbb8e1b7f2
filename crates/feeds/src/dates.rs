//! Feed dates as the app writes dates (ISO 8601, `2024-06-12T09:00:00+09:00`):
//! RSS's RFC 822 (`Tue, 10 Jun 2003 04:00:00 GMT`, named US zones, two-digit
//! years), ISO 8601 / W3C-DTF (Atom, `dc:date`, JSON Feed, WordPress), and the
//! seconds since 1970 in UTC that order items across time zones (`sinmun_model::time`,
//! which the app shares to merge sources).
//!
//! A date that cannot be right (year 30086, 1970's epoch, month 13) becomes
//! no date rather than a wrong one.

pub use sinmun_model::time::utc_seconds;
use sinmun_model::time::ymd;

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
    if !time.starts_with(['T', 't', ' ']) || utc_seconds(text).is_none() {
        return Some(text.get(..10)?.to_string());
    }
    Some(["", text.get(..10)?, "T", time.get(1..)?].concat())
}

/// Any date a feed writes: ISO 8601 first, then RFC 822; `None` when it
/// is neither or cannot be right.
pub fn any_date(text: &str) -> Option<String> {
    let text = text.trim();
    iso_date(text).or_else(|| rfc822(text))
}

/// An RFC 822 / RFC 2822 date (`Tue, 10 Jun 2003 04:00:00 GMT`,
/// `1 Jun 24 9:05 +0900`, `EST`) as ISO 8601 with its offset.
pub fn rfc822(text: &str) -> Option<String> {
    let text = text.trim();
    // The weekday is optional and not checked (feeds get it wrong).
    let text = match text.split_once(',') {
        Some((_, rest)) => rest,
        None => text,
    };
    let mut parts = text.split_whitespace();
    let day: u32 = parts.next()?.parse().ok()?;
    let month = month_number(parts.next()?)?;
    let year = full_year(parts.next()?)?;
    let (hours, minutes, seconds) = clock(parts.next().unwrap_or("00:00"))?;
    let offset = parts.next().map_or(Some(String::new()), zone)?;
    let offset = if offset.is_empty() {
        "Z".to_string()
    } else {
        offset
    };
    let iso = format!("{year:04}-{month:02}-{day:02}T{hours:02}:{minutes:02}:{seconds:02}{offset}");
    iso_date(&iso)
}

fn month_number(name: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let name = name.get(..3)?.to_ascii_lowercase();
    let index = MONTHS.iter().position(|m| *m == name)?;
    u32::try_from(index + 1).ok()
}

/// `2024`, or a two-digit year as RFC 822 writes it (`24` → 2024, `99` → 1999).
fn full_year(text: &str) -> Option<u32> {
    let year: u32 = text.parse().ok()?;
    match text.len() {
        4 => Some(year),
        2 if year < 50 => Some(2000 + year),
        2 => Some(1900 + year),
        _ => None,
    }
}

/// `09:05`, `09:05:30`.
fn clock(text: &str) -> Option<(u32, u32, u32)> {
    let mut parts = text.split(':');
    let hours: u32 = parts.next()?.parse().ok()?;
    let minutes: u32 = parts.next()?.parse().ok()?;
    let seconds: u32 = parts
        .next()
        .map_or(Some(0), |s| s.get(..2.min(s.len()))?.parse().ok())?;
    (hours < 24 && minutes < 60 && seconds < 61).then_some((hours, minutes, seconds.min(59)))
}

/// `+0900` → `+09:00`, `GMT`/`UT`/`Z` → `Z`, the US zones by name; an
/// unknown name is read as UTC (RFC 2822 says so for military zones).
fn zone(text: &str) -> Option<String> {
    let named = |hours: i32| {
        Some(format!(
            "{}{:02}:00",
            if hours < 0 { '-' } else { '+' },
            hours.abs()
        ))
    };
    match text.to_ascii_uppercase().as_str() {
        "GMT" | "UT" | "UTC" | "Z" => Some("Z".into()),
        "EST" => named(-5),
        "EDT" => named(-4),
        "CST" => named(-6),
        "CDT" => named(-5),
        "MST" => named(-7),
        "MDT" => named(-6),
        "PST" => named(-8),
        "PDT" => named(-7),
        "KST" => named(9),
        "JST" => named(9),
        zone if zone.starts_with(['+', '-']) => {
            let digits = zone.get(1..)?;
            let digits = digits.replace(':', "");
            if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            Some(format!(
                "{}{}:{}",
                zone.get(..1)?,
                digits.get(..2)?,
                digits.get(2..)?
            ))
        }
        _ => Some("Z".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let seoul = utc_seconds("2024-06-12T09:00:00+09:00");
        let utc = utc_seconds("2024-06-12T00:00:00Z");
        assert_eq!(seoul, utc);
        assert!(utc_seconds("2024-06-12T01:00:00Z") > utc);
        assert_eq!(utc_seconds("1970-01-01"), Some(0));
        assert_eq!(utc_seconds("1970-01-01T09:00:07+09:00"), Some(7));
        assert_eq!(utc_seconds("1970-01-01T00:01:02.5Z"), Some(62));
        assert_eq!(utc_seconds("2024-06-12T25:00:00Z"), None);
    }

    #[test]
    fn rfc822_dates_with_named_zones() {
        assert_eq!(
            rfc822("Tue, 10 Jun 2003 04:00:00 GMT").as_deref(),
            Some("2003-06-10T04:00:00Z")
        );
        assert_eq!(
            rfc822("Wed, 31 Jan 2018 22:06:12 +0000").as_deref(),
            Some("2018-01-31T22:06:12+00:00")
        );
        assert_eq!(
            rfc822("1 Jun 24 9:05 +0900").as_deref(),
            Some("2024-06-01T09:05:00+09:00")
        );
        assert_eq!(
            rfc822("Mon, 02 Dec 2024 10:00:00 EST").as_deref(),
            Some("2024-12-02T10:00:00-05:00")
        );
        assert_eq!(
            rfc822("Sun, 6 Nov 1994 08:49:37"),
            Some("1994-11-06T08:49:37Z".into())
        );
        assert_eq!(rfc822("Thu, 01 Jan 1970 00:00:00 GMT"), None);
        assert_eq!(rfc822("32 Jan 2024 00:00 GMT"), None);
        assert_eq!(rfc822("garbage"), None);
        assert_eq!(
            any_date(" 2018-04-06T19:32:01+09:00 ").as_deref(),
            Some("2018-04-06T19:32:01+09:00")
        );
        assert_eq!(
            any_date("Sat, 07 Sep 2002 00:00:01 GMT").as_deref(),
            Some("2002-09-07T00:00:01Z")
        );
        assert_eq!(any_date(""), None);
    }
}
