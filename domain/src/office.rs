//! The back office (рабочее место специалиста): queues and their filters, deadlines counted in
//! working days with the clock stopped while the applicant is asked for more, and what the
//! office pages show.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::application::{Origin, Status};
use crate::calendar::ProductionCalendar;
use crate::catalog::Link;
use crate::dates::{format_date, parse_date};
use crate::views::ApplicationPage;

/// A queue of the back office.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Queue {
    /// Registered, nobody has taken them yet.
    #[default]
    New,
    /// In work with me.
    Mine,
    /// Waiting for the applicant's answer.
    Awaiting,
    /// Not decided and past their deadline.
    Overdue,
    /// Decided or withdrawn.
    Decided,
}

impl Queue {
    /// Every queue, in the order of the tabs.
    pub const ALL: [Queue; 5] = [Queue::New, Queue::Mine, Queue::Awaiting, Queue::Overdue, Queue::Decided];

    /// The name in addresses.
    pub fn as_str(self) -> &'static str {
        match self {
            Queue::New => "new",
            Queue::Mine => "mine",
            Queue::Awaiting => "awaiting",
            Queue::Overdue => "overdue",
            Queue::Decided => "decided",
        }
    }

    /// Parses a name from an address; anything else is the new ones.
    pub fn parse(text: &str) -> Queue {
        Queue::ALL.into_iter().find(|q| q.as_str() == text).unwrap_or_default()
    }

    /// The statuses the queue shows.
    pub fn statuses(self) -> &'static [Status] {
        match self {
            Queue::New => &[Status::Registered],
            Queue::Mine => &[Status::InReview, Status::AwaitingApplicant],
            Queue::Awaiting => &[Status::AwaitingApplicant],
            Queue::Overdue => &[Status::Submitted, Status::Registered, Status::InReview, Status::AwaitingApplicant],
            Queue::Decided => &[Status::Approved, Status::Refused, Status::ResultIssued, Status::Withdrawn],
        }
    }
}

/// What a queue is narrowed to (the filter form of the queue page, by GET).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct QueueFilter {
    /// Which queue.
    pub queue: Queue,
    /// One of the person's departments; all of them when `None`.
    pub department: Option<String>,
    /// Only this service.
    pub service: Option<String>,
    /// Only this municipality (as the applicant chose it in the form).
    pub municipality: Option<String>,
    /// Only those filed here or on the federal portal.
    pub origin: Option<Origin>,
    /// Submitted on or after this date, `YYYY-MM-DD`.
    pub from: Option<String>,
    /// Submitted on or before this date, `YYYY-MM-DD`.
    pub to: Option<String>,
    /// A registration number, or the start of the applicant's name.
    pub search: Option<String>,
}

/// Where a page of a queue starts: after this row (keyset pagination: deadline, then id).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    /// The deadline of the last row shown, `YYYY-MM-DD` (every registered application has one).
    pub deadline: String,
    /// Its id.
    pub id: String,
}

impl Cursor {
    /// As written in an address: `2026-12-01_<id>`.
    pub fn to_param(&self) -> String {
        format!("{}_{}", self.deadline, self.id)
    }

    /// Reads an address parameter; anything malformed starts from the beginning.
    pub fn from_param(text: &str) -> Option<Cursor> {
        let (deadline, id) = text.split_once('_')?;
        // Only the ISO form the queue writes: the database compares it as text.
        let ok_deadline = parse_date(deadline).map(format_date).as_deref() == Some(deadline);
        let ok_id = !id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        (ok_deadline && ok_id).then(|| Cursor { deadline: deadline.to_owned(), id: id.to_owned() })
    }
}

/// How close a deadline is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    /// Past the deadline.
    Overdue,
    /// At most [`NEAR_DAYS`] working days left.
    Near,
    /// More time than that.
    InTime,
    /// Decided: no deadline runs.
    Closed,
}

/// Working days left that count as near the deadline.
pub const NEAR_DAYS: i64 = 2;

/// Working days left until `deadline` (0 on the day itself, negative when past) and how urgent,
/// for an application in `status` when today is `today`.
pub fn days_left(calendar: &ProductionCalendar, today: Date, deadline: Date, status: Status) -> (i64, Urgency) {
    if status.is_decided() || status.is_terminal() {
        return (0, Urgency::Closed);
    }
    let left = if deadline >= today { calendar.working_days_between(today, deadline) } else { -calendar.working_days_between(deadline, today) };
    let urgency = if deadline < today {
        Urgency::Overdue
    } else if left <= NEAR_DAYS {
        Urgency::Near
    } else {
        Urgency::InTime
    };
    (left, urgency)
}

/// The deadline moved by the working days the applicant took to answer (`asked` to `answered`),
/// for services whose clock stops while the applicant is asked for more.
pub fn extend_deadline(calendar: &ProductionCalendar, deadline: Date, asked: Date, answered: Date) -> Date {
    let paused = calendar.working_days_between(asked, answered).max(0);
    calendar.add_working_days(deadline, u32::try_from(paused).unwrap_or(0))
}

/// [`extend_deadline`] on dates written `YYYY-MM-DD`; an unreadable deadline stays as it is.
pub fn extend_deadline_text(calendar: &ProductionCalendar, deadline: &str, asked: Date, answered: Date) -> String {
    match parse_date(deadline) {
        Some(d) => format_date(extend_deadline(calendar, d, asked, answered)),
        None => deadline.to_owned(),
    }
}

/// One row of a queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueRow {
    /// The application's id.
    pub id: String,
    /// Registration number.
    pub number: String,
    /// The service.
    pub service_title: String,
    /// The applicant's full name.
    pub applicant: String,
    /// Registered at (local time).
    pub submitted_at: String,
    /// Deadline `YYYY-MM-DD`.
    pub deadline: Option<String>,
    /// Working days left.
    pub days_left: i64,
    /// How urgent.
    pub urgency: Urgency,
    /// Where it stands.
    pub status: Status,
    /// Where it was filed.
    pub origin: Origin,
    /// The clerk working on it.
    pub assignee: Option<String>,
}

/// A page of a queue with what its filters offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueuePage {
    /// The rows.
    pub rows: Vec<QueueRow>,
    /// Where the next page starts, if there is one.
    pub next: Option<Cursor>,
    /// The person's departments.
    pub departments: Vec<Link>,
    /// Services of those departments.
    pub services: Vec<Link>,
    /// Municipalities.
    pub municipalities: Vec<Link>,
    /// Whether the person heads a department (sees the head's view).
    pub heads: bool,
    /// Open applications of their departments at most [`NEAR_DAYS`] working days from the deadline.
    pub near: i64,
    /// Open applications of their departments past the deadline.
    pub overdue: i64,
}

/// Rows per page of a queue.
pub const QUEUE_PAGE: usize = 25;

/// What a member of staff may do with an application now.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffActions {
    /// Take it into work.
    pub take: bool,
    /// Put it back into the queue.
    pub give_back: bool,
    /// Ask the applicant for more.
    pub request: bool,
    /// Approve or refuse.
    pub decide: bool,
    /// Hand it to a clerk (heads), with the clerks to choose from.
    pub assign_to: Vec<Link>,
}

/// The applicant as the office sees them (personal data: every opening is audited).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicantCard {
    /// Full name.
    pub name: String,
    /// SNILS.
    pub snils: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// Email.
    pub email: Option<String>,
}

/// An application's page for its department's staff.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StaffPage {
    /// What the applicant sees too.
    pub page: ApplicationPage,
    /// Who applied.
    pub applicant: ApplicantCard,
    /// The clerk working on it.
    pub assignee: Option<String>,
    /// Working days left and how urgent.
    pub days_left: i64,
    /// How urgent.
    pub urgency: Urgency,
    /// What the viewer may do.
    pub actions: StaffActions,
    /// The service's grounds for refusal, in the reader's language.
    pub refusal_grounds: Vec<String>,
    /// The service stops its clock while the applicant is asked for more.
    pub clock_stops: bool,
}

/// Work per clerk, for the head.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClerkLoad {
    /// The clerk.
    pub name: String,
    /// In work.
    pub in_review: i64,
    /// Waiting for applicants.
    pub awaiting: i64,
}

/// The head's view of their departments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HeadView {
    /// Work per clerk.
    pub load: Vec<ClerkLoad>,
    /// Registered and not taken.
    pub unassigned: i64,
    /// Overdue applications per service.
    pub overdue: Vec<(String, i64)>,
    /// The period the figures below cover: the last this many days.
    pub period_days: i64,
    /// Decisions in the period.
    pub decided: i64,
    /// Average working days from registration to decision.
    pub average_days: f64,
    /// 90th percentile of the same.
    pub p90_days: i64,
}

/// Average and 90th percentile (nearest rank) of `days`; zeros when there are none.
pub fn average_and_p90(days: &mut [i64]) -> (f64, i64) {
    if days.is_empty() {
        return (0.0, 0);
    }
    days.sort_unstable();
    let average = days.iter().sum::<i64>() as f64 / days.len() as f64;
    let rank = ((days.len() as f64) * 0.9).ceil() as usize;
    (average, days[rank.clamp(1, days.len()) - 1])
}

/// The key an applicant's name is searched by: lower case, ё as е.
pub fn name_key(name: &str) -> String {
    name.to_lowercase().replace('ё', "е")
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::dates::add_days;

    fn d(s: &str) -> Date {
        parse_date(s).unwrap()
    }

    #[test]
    fn days_left_and_urgency_follow_working_days() {
        let c = ProductionCalendar::russian();
        // Deadline Wednesday 2 December 2026.
        let deadline = d("2026-12-02");
        assert_eq!(days_left(&c, d("2026-11-23"), deadline, Status::InReview), (7, Urgency::InTime));
        assert_eq!(days_left(&c, d("2026-11-30"), deadline, Status::InReview), (2, Urgency::Near));
        assert_eq!(days_left(&c, deadline, deadline, Status::InReview), (0, Urgency::Near), "the last day");
        assert_eq!(days_left(&c, d("2026-12-04"), deadline, Status::InReview), (-2, Urgency::Overdue));
        assert_eq!(days_left(&c, d("2026-12-04"), deadline, Status::Approved).1, Urgency::Closed);
    }

    #[test]
    fn the_clock_stops_while_the_applicant_is_asked() {
        let c = ProductionCalendar::russian();
        // Asked on Tuesday 24 November, answered on Monday 30 November: 4 working days paused.
        assert_eq!(format_date(extend_deadline(&c, d("2026-12-02"), d("2026-11-24"), d("2026-11-30"))), "2026-12-08");
        assert_eq!(extend_deadline_text(&c, "2026-12-02", d("2026-11-24"), d("2026-11-24")), "2026-12-02", "answered the same day");
        // Across the New Year holidays: asked 30 December 2026, answered 12 January 2027.
        assert_eq!(format_date(extend_deadline(&c, d("2027-01-13"), d("2026-12-30"), d("2027-01-12"))), "2027-01-15");
    }

    #[test]
    fn cursors_round_trip_and_refuse_anything_odd() {
        let c = Cursor { deadline: "2026-12-02".into(), id: "9b2f7c1e-0000-4000-8000-000000000001".into() };
        assert_eq!(Cursor::from_param(&c.to_param()), Some(c));
        for bad in ["", "2026-12-02", "~_abc", "02.12.2026_abc", "yesterday_abc", "2026-12-02_", "2026-12-02_a'b", "2026-12-02_a b"] {
            assert_eq!(Cursor::from_param(bad), None, "{bad}");
        }
    }

    #[test]
    fn average_and_90th_percentile() {
        assert_eq!(average_and_p90(&mut []), (0.0, 0));
        assert_eq!(average_and_p90(&mut [5]), (5.0, 5));
        let mut days: Vec<i64> = (1..=10).collect();
        assert_eq!(average_and_p90(&mut days), (5.5, 9));
    }

    proptest! {
        #[test]
        fn a_paused_deadline_is_never_earlier_and_moves_by_the_paused_working_days(offset in 0i32..700, pause in 0i32..40, term in 1u32..30) {
            let c = ProductionCalendar::russian();
            let registered = add_days(d("2025-01-01"), offset);
            let deadline = c.add_working_days(registered, term);
            let asked = add_days(registered, pause / 3);
            let answered = add_days(asked, pause);
            let moved = extend_deadline(&c, deadline, asked, answered);
            prop_assert!(moved >= deadline);
            prop_assert_eq!(c.working_days_between(deadline, moved), c.working_days_between(asked, answered));
        }
    }
}
