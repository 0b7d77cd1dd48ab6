//! Date bounds of a form field relative to today (`today-18y`), or fixed.

use time::Date;

use crate::dates::{add_days, add_months, parse_date};

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::format_date;

    fn d(s: &str) -> Date {
        parse_date(s).unwrap()
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
