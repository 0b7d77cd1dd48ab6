//! The back office: `/office` (queues), `/office/applications/{id}` (one application and what
//! to do with it), `/office/stats` (the head's figures).
mod application;
mod queue;
mod stats;

pub use application::StaffApplicationPage;
pub use queue::OfficePage;
pub use stats::HeadStatsPage;

use domain::office::Urgency;

use crate::format;
use crate::i18n::I18n;

/// The deadline with the working days left, as the queue and the application page show it.
fn deadline_text(i18n: I18n, deadline: &str, days_left: i64, urgency: Urgency) -> (String, Option<String>) {
    let left = match urgency {
        Urgency::Closed => None,
        Urgency::Overdue => Some(i18n.t_with("office-overdue-by", &[("days", (-days_left).into())])),
        Urgency::Near | Urgency::InTime if days_left == 0 => Some(i18n.t("office-last-day")),
        Urgency::Near | Urgency::InTime => Some(i18n.t_with("office-days-left", &[("days", days_left.into())])),
    };
    (format::date(deadline), left)
}

/// The CSS class of an urgency.
fn urgency_class(urgency: Urgency) -> &'static str {
    match urgency {
        Urgency::Overdue => "urgency-overdue",
        Urgency::Near => "urgency-near",
        Urgency::InTime => "urgency-in-time",
        Urgency::Closed => "urgency-closed",
    }
}
