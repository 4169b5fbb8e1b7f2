//! Post dates as Jekyll reads them: front-matter dates in many shapes, and
//! zone-less times in the site's `timezone`.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Tz;

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
