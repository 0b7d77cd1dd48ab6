//! Dates as the portal writes them: `YYYY-MM-DD` (forms, the database) and `DD.MM.YYYY`
//! (documents), and calendar arithmetic on them.

use time::{Date, Month};

/// Parses `YYYY-MM-DD` (what date inputs send) or `DD.MM.YYYY` (what people type where a
/// browser has no date picker).
pub fn parse_date(text: &str) -> Option<Date> {
    let b = text.as_bytes();
    if b.len() == 10 && b[2] == b'.' && b[5] == b'.' {
        return parse_date(&format!("{}-{}-{}", &text[6..10], &text[3..5], &text[0..2]));
    }
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year: i32 = text[0..4].parse().ok()?;
    let month: u8 = text[5..7].parse().ok()?;
    let day: u8 = text[8..10].parse().ok()?;
    if !text[0..4].bytes().chain(text[5..7].bytes()).chain(text[8..10].bytes()).all(|c| c.is_ascii_digit()) {
        return None;
    }
    Date::from_calendar_date(year, Month::try_from(month).ok()?, day).ok()
}

/// Writes `YYYY-MM-DD`.
pub fn format_date(date: Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), u8::from(date.month()), date.day())
}

/// Writes `DD.MM.YYYY`, as Russian documents date things.
pub fn format_dotted(date: Date) -> String {
    format!("{:02}.{:02}.{:04}", date.day(), u8::from(date.month()), date.year())
}

/// An ISO date `YYYY-MM-DD` as Russian documents write it: `12.04.1988`. Anything else is
/// shown as it is.
pub fn dotted_text(iso: &str) -> String {
    match (iso.get(0..4), iso.get(5..7), iso.get(8..10)) {
        (Some(y), Some(m), Some(d)) if iso.len() == 10 && iso.as_bytes()[4] == b'-' && iso.as_bytes()[7] == b'-' => format!("{d}.{m}.{y}"),
        _ => iso.to_owned(),
    }
}

/// A local time `YYYY-MM-DD HH:MM` as `12.04.1988 14:05`.
pub fn dotted_date_time(text: &str) -> String {
    match text.split_once(' ') {
        Some((d, t)) => format!("{} {t}", dotted_text(d)),
        None => dotted_text(text),
    }
}

/// UTC milliseconds since 1970 as RFC 3339 to the second, `2026-12-03T10:15:00Z` (what machines
/// read; people are shown the region's local time).
pub fn utc_rfc3339(ms: i64) -> String {
    let at = time::OffsetDateTime::from_unix_timestamp(ms.div_euclid(1000)).unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    format!("{}T{:02}:{:02}:{:02}Z", format_date(at.date()), at.hour(), at.minute(), at.second())
}

/// `date` plus `days` (saturating at the calendar's ends).
pub fn add_days(date: Date, days: i32) -> Date {
    date.checked_add(time::Duration::days(i64::from(days))).unwrap_or(if days < 0 { Date::MIN } else { Date::MAX })
}

/// `date` plus `months`, the day clamped to the month's length (31 January + 1 month = 28/29 February).
pub fn add_months(date: Date, months: i32) -> Date {
    let index = date.year() * 12 + i32::from(u8::from(date.month())) - 1 + months;
    let (year, month) = (index.div_euclid(12), (index.rem_euclid(12) + 1) as u8);
    let Ok(month) = Month::try_from(month) else { return date };
    let day = date.day().min(time::util::days_in_month(month, year));
    Date::from_calendar_date(year, month, day).unwrap_or(date)
}

#[cfg(test)]
mod tests {
    #[test]
    fn utc_times_are_written_as_rfc_3339() {
        assert_eq!(super::utc_rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(super::utc_rfc3339(1_796_292_900_999), "2026-12-03T10:15:00Z");
    }

    #[test]
    fn iso_texts_read_day_month_year() {
        assert_eq!(super::dotted_text("1988-04-12"), "12.04.1988");
        assert_eq!(super::dotted_text("12 апреля"), "12 апреля");
        assert_eq!(super::dotted_text(""), "");
        assert_eq!(super::dotted_date_time("2026-11-23 14:05"), "23.11.2026 14:05");
    }

    use super::*;

    fn d(s: &str) -> Date {
        parse_date(s).unwrap()
    }

    #[test]
    fn dates_parse_only_when_real() {
        assert_eq!(format_date(d("2026-02-28")), "2026-02-28");
        assert_eq!(parse_date("28.02.2026"), parse_date("2026-02-28"));
        for bad in ["2026-02-30", "2026-2-28", "26-02-28", "2026/02/28", "2026-13-01", "", "2026-02-2x", "+026-02-28", "30.02.2026", "1.2.2026"] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
        assert!(parse_date("2024-02-29").is_some() && parse_date("2025-02-29").is_none());
    }
}
