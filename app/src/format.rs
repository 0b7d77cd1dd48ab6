//! How dates, times and sizes read on pages (the date rules are `domain::dates`, shared with
//! documents).

use crate::i18n::I18n;

pub use domain::dates::{dotted_date_time as date_time, dotted_text as date};

/// A size in bytes as people read it: "12 КБ", "1,4 МБ".
pub fn human_size(i18n: I18n, bytes: u64) -> String {
    if bytes < 1024 * 1024 {
        i18n.t_with("size-kb", &[("size", bytes.div_ceil(1024).into())])
    } else {
        let tenths = (bytes * 10).div_ceil(1024 * 1024);
        let decimal = if i18n.lang() == "ru" { "," } else { "." };
        i18n.t_with("size-mb", &[("size", format!("{}{decimal}{}", tenths / 10, tenths % 10).into())])
    }
}
