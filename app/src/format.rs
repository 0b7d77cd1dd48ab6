//! How dates and times read on pages.

/// An ISO date `YYYY-MM-DD` as Russian documents write it: `12.04.1988`. Anything else is
/// shown as it is.
pub fn date(iso: &str) -> String {
    match (iso.get(0..4), iso.get(5..7), iso.get(8..10)) {
        (Some(y), Some(m), Some(d)) if iso.len() == 10 && iso.as_bytes()[4] == b'-' && iso.as_bytes()[7] == b'-' => format!("{d}.{m}.{y}"),
        _ => iso.to_owned(),
    }
}

/// A local time `YYYY-MM-DD HH:MM` as `12.04.1988 14:05`.
pub fn date_time(text: &str) -> String {
    match text.split_once(' ') {
        Some((d, t)) => format!("{} {t}", date(d)),
        None => date(text),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn iso_dates_read_day_month_year() {
        assert_eq!(super::date("1988-04-12"), "12.04.1988");
        assert_eq!(super::date("12 апреля"), "12 апреля");
        assert_eq!(super::date(""), "");
        assert_eq!(super::date_time("2026-11-23 14:05"), "23.11.2026 14:05");
    }
}
