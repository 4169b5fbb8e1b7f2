//! Dates as sinmun writes them (RFC 3339, `2024-06-12T09:00:00+09:00`, or a
//! date alone), read into one UTC timeline: the feed readers order a feed's
//! items by it, and the app merges several sources newest first by it.

/// Year, month and day of a date that starts `YYYY-MM-DD`.
pub fn ymd(text: &str) -> Option<(i64, i64, i64)> {
    let date = text.get(..10)?;
    let mut parts = date.split('-');
    let y = parts.next().filter(|p| p.len() == 4)?.parse().ok()?;
    let m = parts.next().filter(|p| p.len() == 2)?.parse().ok()?;
    let d = parts.next().filter(|p| p.len() == 2)?.parse().ok()?;
    Some((y, m, d))
}

/// Seconds since 1970 in UTC of an ISO date-time (a date alone is its
/// midnight UTC), for sorting items newest first across time zones.
pub fn utc_seconds(text: &str) -> Option<i64> {
    let (y, m, d) = ymd(text)?;
    let days = days_from_civil(y, m, d);
    let time = text.get(11..).unwrap_or("");
    let number = |range: std::ops::Range<usize>| -> Option<i64> { time.get(range)?.parse().ok() };
    let (hours, minutes) = match (number(0..2), number(3..5)) {
        (Some(h), Some(min)) if h < 24 && min < 60 => (h, min),
        _ if time.is_empty() => (0, 0),
        _ => return None,
    };
    let seconds = match (time.get(5..6), number(6..8)) {
        (Some(":"), Some(s)) if s <= 60 => s,
        _ => 0,
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
    Some((days * 1440 + hours * 60 + minutes - offset) * 60 + seconds)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_put_dates_on_one_timeline() {
        let seoul = utc_seconds("2024-06-12T09:00:00+09:00");
        assert_eq!(seoul, utc_seconds("2024-06-12T00:00:00Z"));
        assert_eq!(utc_seconds("1970-01-01"), Some(0));
        assert_eq!(utc_seconds("1969-12-31T23:59:59Z"), Some(-1));
        assert_eq!(utc_seconds(""), None);
        assert_eq!(utc_seconds("어제"), None);
    }
}
