//! How dates and times read on pages (the rules are `domain::dates`, shared with documents).

pub use domain::dates::{dotted_date_time as date_time, dotted_text as date};
