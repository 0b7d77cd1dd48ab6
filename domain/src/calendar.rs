//! The production calendar (производственный календарь): which days are working days, so that
//! regulatory terms count working days. Years with a government decree on moved days off have a
//! data file `calendars/ru/<year>.txt`; other years follow the Labour Code (art. 112): the public
//! holidays, and a holiday on a weekend moves to the next working day (except the New Year
//! holidays, which only a decree moves). A region adds its own holidays.

use std::collections::BTreeSet;

use time::{Date, Month, Weekday};

use crate::dates::{add_days, parse_date};

/// The data files of years with a decree, embedded at build time.
const DECREES: &[(i32, &str)] = &[(2025, include_str!("../calendars/ru/2025.txt")), (2026, include_str!("../calendars/ru/2026.txt"))];

/// Public holidays (month, day) of the Labour Code, art. 112.
const PUBLIC_HOLIDAYS: &[(u8, u8)] = &[(1, 1), (1, 2), (1, 3), (1, 4), (1, 5), (1, 6), (1, 7), (1, 8), (2, 23), (3, 8), (5, 1), (5, 9), (6, 12), (11, 4)];

/// Years covered without a file.
const RULE_YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// The calendar date at `now_ms` (UTC milliseconds) in a zone `utc_offset_hours` ahead of UTC.
pub fn local_date(now_ms: i64, utc_offset_hours: i8) -> Date {
    let days = (now_ms + i64::from(utc_offset_hours) * 3_600_000).div_euclid(86_400_000);
    let epoch = Date::from_calendar_date(1970, Month::January, 1).unwrap_or(Date::MIN);
    add_days(epoch, i32::try_from(days).unwrap_or(i32::MAX))
}

/// `YYYY-MM-DD HH:MM` at `now_ms` in a zone `utc_offset_hours` ahead of UTC.
pub fn local_time_text(now_ms: i64, utc_offset_hours: i8) -> String {
    let date = local_date(now_ms, utc_offset_hours);
    let minutes = (now_ms + i64::from(utc_offset_hours) * 3_600_000).div_euclid(60_000).rem_euclid(24 * 60);
    format!("{} {:02}:{:02}", crate::dates::format_date(date), minutes / 60, minutes % 60)
}

/// Working days of the Russian Federation, with a region's additions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProductionCalendar {
    holidays: BTreeSet<Date>,
    workdays: BTreeSet<Date>,
}

/// A line of a calendar file that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {problem}")]
pub struct CalendarError {
    /// Line number, from 1.
    pub line: usize,
    /// What is wrong.
    pub problem: String,
}

fn is_weekend(d: Date) -> bool {
    matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday)
}

impl ProductionCalendar {
    /// The federal calendar: decree files where there are any, the Labour Code elsewhere.
    pub fn russian() -> ProductionCalendar {
        let mut calendar = ProductionCalendar::default();
        let decreed: Vec<i32> = DECREES.iter().map(|(y, _)| *y).collect();
        for (_, text) in DECREES {
            // The embedded files are checked by a test; a bad line cannot reach a build.
            calendar.add_file(text).unwrap_or_default();
        }
        for year in RULE_YEARS.filter(|y| !decreed.contains(y)) {
            calendar.add_labour_code_year(year);
        }
        calendar
    }

    /// Adds the days of a calendar file (`holiday YYYY-MM-DD` and `workday YYYY-MM-DD` lines,
    /// `#` comments); returns how many days it named.
    pub fn add_file(&mut self, text: &str) -> Result<usize, CalendarError> {
        let mut count = 0;
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |problem: String| CalendarError { line: i + 1, problem };
            let (kind, date) = line.split_once(' ').ok_or_else(|| bad(format!("\"{line}\" is not \"holiday|workday YYYY-MM-DD\"")))?;
            let date = parse_date(date.trim()).ok_or_else(|| bad(format!("\"{}\" is not a date", date.trim())))?;
            match kind {
                "holiday" => self.add_holiday(date),
                "workday" => self.add_workday(date),
                other => return Err(bad(format!("\"{other}\" is neither holiday nor workday"))),
            }
            count += 1;
        }
        Ok(count)
    }

    fn add_labour_code_year(&mut self, year: i32) {
        for &(month, day) in PUBLIC_HOLIDAYS {
            let Some(date) = Month::try_from(month).ok().and_then(|m| Date::from_calendar_date(year, m, day).ok()) else { continue };
            if !is_weekend(date) {
                self.holidays.insert(date);
            } else if month != 1 {
                // Moved to the next working day.
                let mut next = add_days(date, 1);
                while is_weekend(next) || self.holidays.contains(&next) {
                    next = add_days(next, 1);
                }
                self.holidays.insert(next);
            }
        }
    }

    /// A day off (a regional holiday).
    pub fn add_holiday(&mut self, date: Date) {
        self.workdays.remove(&date);
        self.holidays.insert(date);
    }

    /// A weekend day that is worked.
    pub fn add_workday(&mut self, date: Date) {
        self.holidays.remove(&date);
        self.workdays.insert(date);
    }

    /// Is `date` a working day?
    pub fn is_working_day(&self, date: Date) -> bool {
        if self.workdays.contains(&date) {
            return true;
        }
        !is_weekend(date) && !self.holidays.contains(&date)
    }

    /// The `n`-th working day after `start` (`start` itself does not count); `start` when `n` is 0.
    pub fn add_working_days(&self, start: Date, n: u32) -> Date {
        let mut day = start;
        let mut left = n;
        while left > 0 {
            day = add_days(day, 1);
            if self.is_working_day(day) {
                left -= 1;
            }
        }
        day
    }

    /// Working days after `from` up to and including `to`; negative when `to` is before `from`.
    pub fn working_days_between(&self, from: Date, to: Date) -> i64 {
        let (a, b, sign) = if to >= from { (from, to, 1) } else { (to, from, -1) };
        let mut count = 0;
        let mut day = a;
        while day < b {
            day = add_days(day, 1);
            if self.is_working_day(day) {
                count += 1;
            }
        }
        sign * count
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::dates::format_date;

    fn d(s: &str) -> Date {
        parse_date(s).unwrap()
    }

    #[test]
    fn the_decree_files_read_without_errors() {
        for (year, text) in DECREES {
            let mut c = ProductionCalendar::default();
            let n = c.add_file(text).unwrap_or_else(|e| panic!("calendars/ru/{year}.txt: {e}"));
            assert!(n > 10, "{year}");
        }
        let mut c = ProductionCalendar::default();
        assert_eq!(c.add_file("holiday 2026-13-01"), Err(CalendarError { line: 1, problem: "\"2026-13-01\" is not a date".into() }));
        assert!(c.add_file("# comment\n\nfeast 2026-01-01").is_err());
    }

    #[test]
    fn new_year_holidays_and_moved_days_of_2026() {
        let c = ProductionCalendar::russian();
        for off in ["2026-01-01", "2026-01-08", "2026-01-09", "2026-03-09", "2026-05-11", "2026-12-31", "2026-01-03"] {
            assert!(!c.is_working_day(d(off)), "{off} is a day off");
        }
        for work in ["2026-01-12", "2026-03-10", "2026-05-12", "2026-12-30"] {
            assert!(c.is_working_day(d(work)), "{work} is a working day");
        }
        // Registered on Friday 30 December 2025, a 5-day term: 31.12 and 1–11.01 are days off.
        assert_eq!(format_date(c.add_working_days(d("2025-12-30"), 5)), "2026-01-16");
    }

    #[test]
    fn a_worked_saturday_counts_and_years_without_a_file_follow_the_labour_code() {
        let c = ProductionCalendar::russian();
        assert!(c.is_working_day(d("2025-11-01")), "Saturday 1 November 2025 was worked");
        assert!(!c.is_working_day(d("2025-11-03")));
        // 2027: 23 February is a Tuesday; 8 March a Monday; 9 May a Sunday, so Monday 10 May is off.
        assert!(!c.is_working_day(d("2027-02-23")) && !c.is_working_day(d("2027-03-08")));
        assert!(!c.is_working_day(d("2027-05-10")) && c.is_working_day(d("2027-05-11")));
    }

    #[test]
    fn the_local_date_follows_the_region_time_zone() {
        // 2026-11-23 22:30 UTC is already the 24th in Moscow (UTC+3) and in Vladivostok (UTC+10).
        let at = 1_795_473_000_000;
        assert_eq!(format_date(local_date(at, 0)), "2026-11-23");
        assert_eq!(format_date(local_date(at, 3)), "2026-11-24");
        assert_eq!(format_date(local_date(0, 3)), "1970-01-01");
        assert_eq!(local_time_text(at, 3), "2026-11-24 01:30");
        assert_eq!(local_time_text(at, 0), "2026-11-23 22:30");
    }

    #[test]
    fn regional_holidays_are_added() {
        let mut c = ProductionCalendar::russian();
        assert!(c.is_working_day(d("2026-08-31")));
        c.add_holiday(d("2026-08-31"));
        assert!(!c.is_working_day(d("2026-08-31")));
        assert_eq!(c.working_days_between(d("2026-08-28"), d("2026-09-01")), 1, "only 1 September counts");
    }

    proptest! {
        #[test]
        fn adding_n_working_days_lands_on_a_working_day_n_working_days_later(offset in 0i32..3000, n in 0u32..60) {
            let c = ProductionCalendar::russian();
            let start = add_days(d("2024-06-01"), offset);
            let end = c.add_working_days(start, n);
            prop_assert_eq!(c.working_days_between(start, end), i64::from(n));
            if n > 0 {
                prop_assert!(c.is_working_day(end));
                prop_assert!(end > start);
            }
            prop_assert_eq!(c.working_days_between(end, start), -i64::from(n));
        }

        #[test]
        fn years_join_without_gaps(n in 1u32..30) {
            // Whatever the year boundary, the count from late December is the same counted in two parts.
            let c = ProductionCalendar::russian();
            let start = d("2025-12-20");
            let end = c.add_working_days(start, n);
            let new_year = d("2025-12-31");
            let split = c.working_days_between(start, new_year) + c.working_days_between(new_year, end);
            prop_assert_eq!(split, i64::from(n));
        }
    }
}
