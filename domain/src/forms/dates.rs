//! Dates as forms write them (`YYYY-MM-DD`) and date bounds relative to today (`today-18y`).

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

/// A date bound of a field: a fixed date, or today shifted by days, months or years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateBound {
    /// This date.
    Fixed(Date),
    /// Today plus this many days, months or years (negative: before).
    Today { days: i32, months: i32 },
}

impl DateBound {
    /// Parses `YYYY-MM-DD`, `today`, or `today+N` / `today-N` with a unit `d`, `m` or `y`.
    pub fn parse(text: &str) -> Option<DateBound> {
        if let Some(date) = parse_date(text) {
            return Some(DateBound::Fixed(date));
        }
        let rest = text.strip_prefix("today")?;
        if rest.is_empty() {
            return Some(DateBound::Today { days: 0, months: 0 });
        }
        let (sign, rest) = match rest.as_bytes()[0] {
            b'+' => (1, &rest[1..]),
            b'-' => (-1, &rest[1..]),
            _ => return None,
        };
        let (number, unit) = rest.split_at(rest.len().checked_sub(1)?);
        let n: i32 = number.parse().ok().filter(|n: &i32| (0..=200 * 366).contains(n))?;
        match unit {
            "d" => Some(DateBound::Today { days: sign * n, months: 0 }),
            "m" => Some(DateBound::Today { days: 0, months: sign * n }),
            "y" => Some(DateBound::Today { days: 0, months: sign * n * 12 }),
            _ => None,
        }
    }

    /// The date this bound means when today is `today`.
    pub fn resolve(self, today: Date) -> Date {
        match self {
            DateBound::Fixed(d) => d,
            DateBound::Today { days, months } => add_days(add_months(today, months), days),
        }
    }
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

    #[test]
    fn bounds_relative_to_today() {
        let today = d("2026-03-31");
        let at = |b: &str| format_date(DateBound::parse(b).unwrap().resolve(today));
        assert_eq!(at("today"), "2026-03-31");
        assert_eq!(at("today-18y"), "2008-03-31");
        assert_eq!(at("today+1m"), "2026-04-30", "clamped to the month's end");
        assert_eq!(at("today-30d"), "2026-03-01");
        assert_eq!(at("2020-01-01"), "2020-01-01");
        for bad in ["tomorrow", "today+", "today+5w", "today*3d", "today+99999999y"] {
            assert_eq!(DateBound::parse(bad), None, "{bad}");
        }
    }
}
