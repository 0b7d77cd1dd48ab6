//! Notifications: which events tell whom, and what a person sees of them. The texts live in the
//! locales (in the portal) and in the email templates (backend); here are only the rules.

use serde::{Deserialize, Serialize};

use crate::application::{Action, Status};

/// A kind of event a person is told about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// The application was received and registered (to the applicant).
    Registered,
    /// The clerk asks the applicant for more (to the applicant).
    InfoRequested,
    /// The applicant answered a request (to the clerk working on it).
    Replied,
    /// A decision was made: refused, or approved with the result issued (to the applicant).
    Decided,
    /// The deadline is near (to the clerk and the head).
    DeadlineNear,
    /// The deadline has passed (to the clerk and the head).
    DeadlineOverdue,
    /// Messages to the federal portal are failing (to operators).
    FederalFailing,
}

/// Who is told of an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// The applicant.
    Applicant,
    /// The clerk working on the application.
    Assignee,
    /// The clerk working on it (or, when nobody is, the department's clerks) and the heads.
    Department,
    /// The region's operators.
    Operators,
}

impl Kind {
    /// Every kind, in the order the settings show them.
    pub const ALL: [Kind; 7] =
        [Kind::Registered, Kind::InfoRequested, Kind::Decided, Kind::Replied, Kind::DeadlineNear, Kind::DeadlineOverdue, Kind::FederalFailing];

    /// The name as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Registered => "registered",
            Kind::InfoRequested => "info_requested",
            Kind::Replied => "replied",
            Kind::Decided => "decided",
            Kind::DeadlineNear => "deadline_near",
            Kind::DeadlineOverdue => "deadline_overdue",
            Kind::FederalFailing => "federal_failing",
        }
    }

    /// Parses a stored name.
    pub fn parse(text: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == text)
    }

    /// Who hears of it.
    pub fn audience(self) -> Audience {
        match self {
            Kind::Registered | Kind::InfoRequested | Kind::Decided => Audience::Applicant,
            Kind::Replied => Audience::Assignee,
            Kind::DeadlineNear | Kind::DeadlineOverdue => Audience::Department,
            Kind::FederalFailing => Audience::Operators,
        }
    }

    /// The kind a status change notifies of, if any: registration, a request, the applicant's
    /// reply, and a decision (a refusal, or the result issued after an approval; the approval
    /// itself is not told separately, the result follows it at once).
    pub fn of_change(action: Action, to: Status) -> Option<Kind> {
        match (action, to) {
            (Action::Register, _) => Some(Kind::Registered),
            (Action::RequestInfo, _) => Some(Kind::InfoRequested),
            (Action::Reply, _) => Some(Kind::Replied),
            (Action::Refuse, _) | (Action::IssueResult, _) => Some(Kind::Decided),
            _ => None,
        }
    }

    /// The kinds a person with these capacities can receive, for their settings.
    pub fn for_person(staff: bool, operator: bool) -> Vec<Kind> {
        Kind::ALL
            .into_iter()
            .filter(|k| match k.audience() {
                Audience::Applicant => true,
                Audience::Assignee | Audience::Department => staff,
                Audience::Operators => operator,
            })
            .collect()
    }
}

/// One notification in the person's notification centre.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notification {
    /// Its id, for "mark read".
    pub id: i64,
    /// What happened.
    pub kind: Kind,
    /// The application's registration number, if it is about one.
    pub number: Option<String>,
    /// Where it leads.
    pub link: String,
    /// When (local time `YYYY-MM-DD HH:MM`).
    pub at: String,
    /// Read already.
    pub read: bool,
}

/// A page of the notification centre.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationPage {
    /// Newest first.
    pub items: Vec<Notification>,
    /// How many are unread.
    pub unread: i64,
}

/// Whether email is sent for one kind of event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailChoice {
    /// The kind.
    pub kind: Kind,
    /// Email on.
    pub email: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.as_str()), Some(k));
        }
        assert_eq!(Kind::parse("spam"), None);
    }

    #[test]
    fn the_applicant_hears_of_registration_requests_and_decisions_not_of_internal_work() {
        assert_eq!(Kind::of_change(Action::Register, Status::Registered), Some(Kind::Registered));
        assert_eq!(Kind::of_change(Action::RequestInfo, Status::AwaitingApplicant), Some(Kind::InfoRequested));
        assert_eq!(Kind::of_change(Action::Refuse, Status::Refused), Some(Kind::Decided));
        assert_eq!(Kind::of_change(Action::IssueResult, Status::ResultIssued), Some(Kind::Decided));
        for quiet in [Action::Submit, Action::Take, Action::Return, Action::Assign, Action::Approve, Action::Withdraw] {
            assert_eq!(Kind::of_change(quiet, Status::InReview), None, "{quiet:?}");
        }
        assert_eq!(Kind::of_change(Action::Reply, Status::InReview).map(Kind::audience), Some(Audience::Assignee));
    }

    #[test]
    fn citizens_choose_among_their_kinds_staff_and_operators_among_more() {
        assert_eq!(Kind::for_person(false, false), [Kind::Registered, Kind::InfoRequested, Kind::Decided]);
        assert!(Kind::for_person(true, false).contains(&Kind::DeadlineOverdue));
        assert!(!Kind::for_person(true, false).contains(&Kind::FederalFailing));
        assert!(Kind::for_person(false, true).contains(&Kind::FederalFailing));
    }
}
