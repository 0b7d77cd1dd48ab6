//! What the region's rules are at run time: its name, registration number prefix, time zone and
//! production calendar, read from the imported `region.toml`.

use domain::calendar::{local_date, local_time_text, ProductionCalendar};
use domain::localized::{Lang, LocalizedText};
use domain::region::RegionManifest;
use time::Date;

use crate::db::with_pool;
use crate::{Db, Error, Result};

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
    /// Applications one person may send within an hour.
    pub submissions_per_hour: i64,
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

impl Db {
    /// The imported region's rules, or `None` before any region pack was imported.
    pub async fn region_rules(&self) -> Result<Option<RegionRules>> {
        let row: Option<(String,)> = with_pool!(self, |p| sqlx::query_as("SELECT source FROM region WHERE id = 1").fetch_optional(p).await?);
        let Some((source,)) = row else { return Ok(None) };
        let m: RegionManifest = serde_json::from_str(&source).map_err(|e| Error::Corrupt(format!("region source: {e}")))?;
        Ok(Some(RegionRules {
            code: m.code.clone(),
            number_prefix: m.number_prefix().to_owned(),
            colour: m.colours.primary.clone(),
            utc_offset: m.utc_offset(),
            calendar: m.production_calendar(),
            submissions_per_hour: domain::application::MAX_SUBMISSIONS_PER_HOUR,
            default_locale: m.default_locale,
            name: m.name,
        }))
    }
}
