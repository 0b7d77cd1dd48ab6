//! `region.toml`: identity, languages, branding and contacts of the region.

use serde::{Deserialize, Serialize};

use super::{check_code, is_plain_file_name, missing_langs, PackError};
use crate::localized::{Lang, LocalizedText};

/// `region.toml`: identity, branding and contacts of the region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionManifest {
    /// Short machine code of the region, e.g. `demo`.
    pub code: String,
    /// Region name per language.
    pub name: LocalizedText,
    /// Language of the portal when a visitor has chosen none.
    pub default_locale: Lang,
    /// Languages the region's catalog texts are given in; every text must have them all.
    pub locales: Vec<Lang>,
    /// File name of the coat of arms inside the pack (SVG or PNG).
    pub coat_of_arms: Option<String>,
    /// Brand colours, used as CSS variables.
    pub colours: Colours,
    /// How citizens reach the portal's support.
    #[serde(default)]
    pub contacts: Contacts,
    /// Registration numbers begin with this, e.g. the region's number `23`; the code when omitted.
    #[serde(default)]
    pub number_prefix: Option<String>,
    /// The region's own days off and worked days, added to the federal production calendar.
    #[serde(default)]
    pub calendar: RegionalCalendar,
    /// The region's time zone as hours ahead of UTC (Russia keeps no summer time); Moscow's 3 when
    /// omitted. Dates of registration and deadlines are the region's.
    #[serde(default)]
    pub utc_offset_hours: Option<i8>,
    /// Links in the footer of every page (the region's government site, privacy policy…).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub footer_links: Vec<FooterLink>,
}

/// A link in the footer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FooterLink {
    /// What the link says, per language.
    pub title: LocalizedText,
    /// Where it goes, `https://…` or a path on the portal such as `/services`.
    pub url: String,
}

/// Regional additions to the production calendar.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionalCalendar {
    /// Regional public holidays, `YYYY-MM-DD`.
    #[serde(default)]
    pub holidays: Vec<String>,
    /// Weekend days worked in the region, `YYYY-MM-DD`.
    #[serde(default)]
    pub workdays: Vec<String>,
}

impl RegionManifest {
    /// Hours ahead of UTC.
    pub fn utc_offset(&self) -> i8 {
        self.utc_offset_hours.unwrap_or(3)
    }

    /// The prefix of registration numbers.
    pub fn number_prefix(&self) -> &str {
        self.number_prefix.as_deref().unwrap_or(&self.code)
    }

    /// The federal production calendar with this region's additions (checked on import).
    pub fn production_calendar(&self) -> crate::calendar::ProductionCalendar {
        let mut calendar = crate::calendar::ProductionCalendar::russian();
        for date in self.calendar.holidays.iter().filter_map(|d| crate::dates::parse_date(d)) {
            calendar.add_holiday(date);
        }
        for date in self.calendar.workdays.iter().filter_map(|d| crate::dates::parse_date(d)) {
            calendar.add_workday(date);
        }
        calendar
    }
}

/// Brand colours as `#rrggbb`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Colours {
    /// Header and buttons; white text is drawn on it.
    pub primary: String,
    /// Links and highlights on a white page.
    pub accent: String,
}

/// Support contacts shown in the footer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contacts {
    /// Phone number as people write it.
    pub phone: Option<String>,
    /// Support email address.
    pub email: Option<String>,
}

/// Minimum contrast of white text on the brand colours (WCAG 2.1 AA, normal text).
const MIN_CONTRAST_ON_PRIMARY: f64 = 4.5;

impl RegionManifest {
    /// Problems of `region.toml`.
    pub(super) fn validate(&self, errors: &mut Vec<PackError>) {
        let m = self;
        let mut err = |path: &str, problem: String| errors.push(PackError { file: "region.toml".into(), line: None, path: path.into(), problem });
        if let Err(p) = check_code(&m.code) {
            err("code", p);
        }
        if m.locales.is_empty() {
            err("locales", "at least one language is required".into());
        }
        if !m.locales.contains(&m.default_locale) {
            err("default_locale", format!("\"{}\" is not among locales", m.default_locale));
        }
        for (path, colour) in [("colours.primary", &m.colours.primary), ("colours.accent", &m.colours.accent)] {
            match parse_hex_colour(colour) {
                None => err(path, format!("\"{colour}\" is not a colour like #1f4e8c")),
                Some(rgb) => {
                    let ratio = contrast_ratio(rgb, [255, 255, 255]);
                    if ratio < MIN_CONTRAST_ON_PRIMARY {
                        err(path, format!("contrast with white is {ratio:.2}:1, WCAG AA needs 4.5:1"));
                    }
                }
            }
        }
        if let Some(file) = &m.coat_of_arms {
            if !is_plain_file_name(file) {
                err("coat_of_arms", format!("\"{file}\" must be a file name inside the pack"));
            }
        }
        for p in missing_langs(&m.name, &m.locales) {
            err("name", p);
        }
        if m.utc_offset_hours.is_some_and(|h| !(2..=12).contains(&h)) {
            err("utc_offset_hours", "Russian regions are 2 to 12 hours ahead of UTC".into());
        }
        if let Some(prefix) = &m.number_prefix {
            if prefix.is_empty() || prefix.len() > 10 || !prefix.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()) {
                err("number_prefix", format!("\"{prefix}\" must be 1-10 of A-Z and 0-9"));
            }
        }
        for (i, link) in m.footer_links.iter().enumerate() {
            for p in missing_langs(&link.title, &m.locales) {
                err(&format!("footer_links[{i}].title"), p);
            }
            if !is_link(&link.url) {
                err(&format!("footer_links[{i}].url"), format!("\"{}\" must start with https:// or /", link.url));
            }
        }
        for (path, dates) in [("calendar.holidays", &m.calendar.holidays), ("calendar.workdays", &m.calendar.workdays)] {
            for date in dates {
                if crate::dates::parse_date(date).is_none() {
                    err(path, format!("\"{date}\" is not a date YYYY-MM-DD"));
                }
            }
        }
    }
}

/// An absolute web address or a path on the portal; nothing a browser would run.
pub fn is_link(url: &str) -> bool {
    let path = url.starts_with('/') && !url.starts_with("//");
    let web = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")).is_some_and(|rest| !rest.is_empty());
    (path || web) && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Parses `#rrggbb`.
pub fn parse_hex_colour(s: &str) -> Option<[u8; 3]> {
    let hex = s.strip_prefix('#')?;
    if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

/// WCAG 2.1 contrast ratio of two sRGB colours, from 1 to 21.
pub fn contrast_ratio(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (relative_luminance(a), relative_luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

fn relative_luminance([r, g, b]: [u8; 3]) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}
