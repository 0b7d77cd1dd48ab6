//! The region's rules at run time: its name, registration number prefix, time zone and
//! production calendar, as its imported `region.toml` sets them.

use time::Date;

use super::RegionManifest;
use crate::calendar::{local_date, local_time_text, ProductionCalendar};
use crate::localized::{Lang, LocalizedText};

/// The region's rules for applications.
#[derive(Debug, Clone)]
pub struct RegionRules {
    /// The region's code (its pack's `code`), as the federal portal knows it.
    pub code: String,
    /// The region's name per language.
    pub name: LocalizedText,
    /// Language of documents when the reader's is missing.
    pub default_locale: Lang,
    /// Registration numbers begin with this.
    pub number_prefix: String,
    /// The brand colour (`#rrggbb`), for emails.
    pub colour: String,
    /// Hours ahead of UTC.
    pub utc_offset: i8,
    /// Working days, with the region's own holidays.
    pub calendar: ProductionCalendar,
}

impl RegionRules {
    /// Today in the region.
    pub fn today(&self, now_ms: i64) -> Date {
        local_date(now_ms, self.utc_offset)
    }

    /// `YYYY-MM-DD HH:MM` in the region at `ms`.
    pub fn local_time(&self, ms: i64) -> String {
        local_time_text(ms, self.utc_offset)
    }
}

impl From<RegionManifest> for RegionRules {
    fn from(m: RegionManifest) -> RegionRules {
        RegionRules {
            code: m.code.clone(),
            number_prefix: m.number_prefix().to_owned(),
            colour: m.colours.primary.clone(),
            utc_offset: m.utc_offset(),
            calendar: m.production_calendar(),
            default_locale: m.default_locale,
            name: m.name,
        }
    }
}
