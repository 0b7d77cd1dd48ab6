//! The life of an application (DESIGN §4): its statuses and the only transitions between them.
//! Every status change in the portal asks [`Status::apply`]; an illegal one is refused.
//!
//! ```text
//! draft → submitted → registered ⇄ in_review ⇄ awaiting_applicant   (assign: registered|in_review → in_review)
//!                                   in_review → approved → result_issued
//!                                   in_review → refused
//! submitted | registered | in_review | awaiting_applicant → withdrawn (by the applicant)
//! ```

use serde::{Deserialize, Serialize};

/// Where an application stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Being filled in; only the applicant sees it.
    Draft,
    /// Sent by the applicant, not yet registered.
    Submitted,
    /// Registered with a number; in the department's queue.
    Registered,
    /// A clerk works on it.
    InReview,
    /// The clerk asked the applicant for more.
    AwaitingApplicant,
    /// Decided in the applicant's favour; the result is being prepared.
    Approved,
    /// Refused, with a reason.
    Refused,
    /// The result (document) is issued to the applicant.
    ResultIssued,
    /// Withdrawn by the applicant before a decision.
    Withdrawn,
}

/// Who causes a transition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Actor {
    /// The citizen who applied.
    Applicant,
    /// A clerk (or head) of the department.
    Clerk,
    /// The portal itself (registration on submission, issuing an electronic result).
    System,
}

/// What happens to an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// The applicant sends the draft.
    Submit,
    /// It gets its registration number.
    Register,
    /// A clerk takes it into work.
    Take,
    /// The clerk puts it back into the queue.
    Return,
    /// The head hands it to a clerk (into work, or from one clerk to another).
    Assign,
    /// The clerk asks the applicant for more (message, missing documents).
    RequestInfo,
    /// The applicant answers.
    Reply,
    /// The clerk approves.
    Approve,
    /// The clerk refuses, with a ground.
    Refuse,
    /// The result document is issued.
    IssueResult,
    /// The applicant withdraws it.
    Withdraw,
}

/// A transition that the rules do not allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{action:?} by {actor:?} is not allowed when the application is {from:?}")]
pub struct IllegalTransition {
    /// The status it was in.
    pub from: Status,
    /// What was tried.
    pub action: Action,
    /// By whom.
    pub actor: Actor,
}

impl Status {
    /// Every status.
    pub const ALL: [Status; 9] = [
        Status::Draft,
        Status::Submitted,
        Status::Registered,
        Status::InReview,
        Status::AwaitingApplicant,
        Status::Approved,
        Status::Refused,
        Status::ResultIssued,
        Status::Withdrawn,
    ];

    /// The status after `action` by `actor`, or why not.
    pub fn apply(self, action: Action, actor: Actor) -> Result<Status, IllegalTransition> {
        use {Action as A, Actor as By, Status as S};
        let next = match (self, action, actor) {
            (S::Draft, A::Submit, By::Applicant) => S::Submitted,
            (S::Submitted, A::Register, By::System | By::Clerk) => S::Registered,
            (S::Registered, A::Take, By::Clerk) => S::InReview,
            (S::InReview, A::Return, By::Clerk) => S::Registered,
            (S::Registered | S::InReview, A::Assign, By::Clerk) => S::InReview,
            (S::InReview, A::RequestInfo, By::Clerk) => S::AwaitingApplicant,
            (S::AwaitingApplicant, A::Reply, By::Applicant) => S::InReview,
            (S::InReview, A::Approve, By::Clerk) => S::Approved,
            (S::InReview, A::Refuse, By::Clerk) => S::Refused,
            (S::Approved, A::IssueResult, By::Clerk | By::System) => S::ResultIssued,
            (S::Submitted | S::Registered | S::InReview | S::AwaitingApplicant, A::Withdraw, By::Applicant) => S::Withdrawn,
            (from, action, actor) => return Err(IllegalTransition { from, action, actor }),
        };
        Ok(next)
    }

    /// Nothing can happen to it any more.
    pub fn is_terminal(self) -> bool {
        matches!(self, Status::Refused | Status::ResultIssued | Status::Withdrawn)
    }

    /// A decision has been made.
    pub fn is_decided(self) -> bool {
        matches!(self, Status::Approved | Status::Refused | Status::ResultIssued)
    }

    /// The name as stored, in addresses and in the federation protocol.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Submitted => "submitted",
            Status::Registered => "registered",
            Status::InReview => "in_review",
            Status::AwaitingApplicant => "awaiting_applicant",
            Status::Approved => "approved",
            Status::Refused => "refused",
            Status::ResultIssued => "result_issued",
            Status::Withdrawn => "withdrawn",
        }
    }

    /// Parses a stored name.
    pub fn parse(text: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

impl Action {
    /// Every action.
    pub const ALL: [Action; 11] = [
        Action::Submit,
        Action::Register,
        Action::Take,
        Action::Return,
        Action::Assign,
        Action::RequestInfo,
        Action::Reply,
        Action::Approve,
        Action::Refuse,
        Action::IssueResult,
        Action::Withdraw,
    ];

    /// The name as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Submit => "submit",
            Action::Register => "register",
            Action::Take => "take",
            Action::Return => "return",
            Action::Assign => "assign",
            Action::RequestInfo => "request_info",
            Action::Reply => "reply",
            Action::Approve => "approve",
            Action::Refuse => "refuse",
            Action::IssueResult => "issue_result",
            Action::Withdraw => "withdraw",
        }
    }

    /// Parses a stored name.
    pub fn parse(text: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.as_str() == text)
    }
}

impl Actor {
    /// The name as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Actor::Applicant => "applicant",
            Actor::Clerk => "clerk",
            Actor::System => "system",
        }
    }

    /// Parses a stored name.
    pub fn parse(text: &str) -> Option<Actor> {
        [Actor::Applicant, Actor::Clerk, Actor::System].into_iter().find(|a| a.as_str() == text)
    }
}

/// Which of a person's applications a list shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Shown {
    /// All of them.
    #[default]
    All,
    /// Drafts not yet sent.
    Drafts,
    /// Sent and not decided yet.
    Active,
    /// Decided, withdrawn or done.
    Closed,
}

impl Shown {
    /// Every choice, in the order a filter offers them.
    pub const ALL: [Shown; 4] = [Shown::All, Shown::Active, Shown::Drafts, Shown::Closed];

    /// The statuses it selects.
    pub fn statuses(self) -> Vec<Status> {
        Status::ALL
            .into_iter()
            .filter(|s| match self {
                Shown::All => true,
                Shown::Drafts => *s == Status::Draft,
                Shown::Active => *s != Status::Draft && !s.is_decided() && !s.is_terminal(),
                Shown::Closed => s.is_decided() || s.is_terminal(),
            })
            .collect()
    }

    /// The name in addresses.
    pub fn as_str(self) -> &'static str {
        match self {
            Shown::All => "all",
            Shown::Drafts => "drafts",
            Shown::Active => "active",
            Shown::Closed => "closed",
        }
    }

    /// Parses a name from an address; anything else is `All`.
    pub fn parse(text: &str) -> Shown {
        Shown::ALL.into_iter().find(|s| s.as_str() == text).unwrap_or_default()
    }
}

/// Where an application was filed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// On this regional portal.
    Regional,
    /// On the federal portal, forwarded here.
    Federal,
}

impl Origin {
    /// Filed electronically: every origin so far (open data counts the share, which in-person
    /// filing will lower).
    pub fn is_online(self) -> bool {
        match self {
            Origin::Regional | Origin::Federal => true,
        }
    }

    /// The name as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Regional => "regional",
            Origin::Federal => "federal",
        }
    }

    /// Parses a stored name.
    pub fn parse(text: &str) -> Option<Origin> {
        [Origin::Regional, Origin::Federal].into_iter().find(|o| o.as_str() == text)
    }
}

/// Why an action on an application was refused. Each kind has a localized message; nothing was
/// changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Refusal {
    /// No such application for this person (or not theirs: they are told the same).
    #[error("no such application")]
    NotFound,
    /// The service cannot be applied for online.
    #[error("the service cannot be applied for online")]
    NotOnline,
    /// The person's account level is below what the service needs.
    #[error("{0}")]
    AssuranceTooLow(crate::access::AssuranceTooLow),
    /// Only a draft can be changed.
    #[error("the application is no longer a draft")]
    NotEditable,
    /// The person has [`MAX_OPEN_DRAFTS`] drafts open: one must be sent or deleted first.
    #[error("too many open drafts")]
    TooManyDrafts,
    /// The person sent [`MAX_SUBMISSIONS_PER_HOUR`] applications within the last hour.
    #[error("too many applications within an hour")]
    TooManySubmissions,
    /// The request carried more than its form can send (parts, entries, characters).
    #[error("more than the form allows")]
    TooMuch,
    /// The request carried fields the form does not have.
    #[error("unknown fields: {paths:?}")]
    UnknownFields {
        /// Their paths.
        paths: Vec<String>,
    },
    /// What was entered has problems.
    #[error("{} problem(s) in the form", errors.len())]
    Invalid {
        /// The problems.
        errors: Vec<crate::forms::FieldError>,
    },
    /// The service's form changed since the draft began; the draft now follows the new form.
    #[error("the form changed since the draft began")]
    FormChanged,
    /// A file was refused.
    #[error("file refused: {problem:?}")]
    Upload {
        /// Why.
        problem: UploadProblem,
    },
    /// The status does not allow it (e.g. withdrawing after a decision).
    #[error("{0}")]
    Transition(IllegalTransition),
    /// A message needs text.
    #[error("the message is empty")]
    EmptyMessage,
    /// Another clerk took it into work first.
    #[error("already taken by {by}")]
    AlreadyTaken {
        /// Who has it.
        by: String,
    },
    /// It is in another clerk's work; only they or the head may act on it.
    #[error("in another clerk's work")]
    NotAssignee,
    /// A refusal needs one of the service's grounds.
    #[error("no ground for refusal chosen")]
    NoGround,
    /// A decision to approve needs the result document (uploaded or generated).
    #[error("no result document")]
    NoResult,
    /// Only the head of the department may do this (e.g. hand it to a clerk).
    #[error("only the head may do this")]
    HeadOnly,
}

/// Why an uploaded file was refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum UploadProblem {
    /// Not a file field of this form (or of an entry that does not exist).
    NotAFileField,
    /// The file is empty.
    Empty,
    /// Larger than the field allows.
    TooLarge {
        /// The limit in KB.
        max_kb: u64,
    },
    /// The field has as many files as it allows.
    TooMany {
        /// The limit.
        max: u32,
    },
    /// Not one of the formats the field takes (judged by content).
    WrongType {
        /// What it takes.
        accepted: Vec<crate::forms::FileFormat>,
    },
    /// The virus scanner refused it.
    Rejected,
    /// The virus scanner could not be asked just now; the file was not taken unchecked.
    ScanUnavailable,
    /// The upload broke off before the file was whole.
    Interrupted,
}

/// Drafts one person may have open at once (one per service; this bounds what one account can
/// make the portal store).
pub const MAX_OPEN_DRAFTS: i64 = 20;
/// Applications one person may send within an hour.
pub const MAX_SUBMISSIONS_PER_HOUR: i64 = 20;

/// The registration number of an application: region prefix, year and a sequence of that year,
/// e.g. `23-2026-000123`.
pub fn registration_number(prefix: &str, year: i32, sequence: i64) -> String {
    format!("{prefix}-{year}-{sequence:06}")
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    const ACTIONS: [Action; 11] = Action::ALL;
    const ACTORS: [Actor; 3] = [Actor::Applicant, Actor::Clerk, Actor::System];

    fn any_step() -> impl Strategy<Value = (Action, Actor)> {
        (proptest::sample::select(ACTIONS.to_vec()), proptest::sample::select(ACTORS.to_vec()))
    }

    /// Follows `steps` from a draft, skipping the illegal ones; returns the statuses visited.
    fn walk(steps: &[(Action, Actor)]) -> Vec<Status> {
        let mut path = vec![Status::Draft];
        for &(action, actor) in steps {
            if let Ok(next) = path.last().unwrap().apply(action, actor) {
                path.push(next);
            }
        }
        path
    }

    proptest! {
        #[test]
        fn no_decision_without_registration(steps in proptest::collection::vec(any_step(), 0..40)) {
            let path = walk(&steps);
            if let Some(decided) = path.iter().position(|s| s.is_decided()) {
                prop_assert!(path[..decided].contains(&Status::Registered), "{path:?}");
                prop_assert!(path[..decided].contains(&Status::InReview), "a clerk had it: {path:?}");
            }
        }

        #[test]
        fn nothing_happens_after_a_terminal_status(steps in proptest::collection::vec(any_step(), 0..40), (action, actor) in any_step()) {
            let path = walk(&steps);
            let last = *path.last().unwrap();
            if last.is_terminal() {
                prop_assert!(last.apply(action, actor).is_err());
            }
        }

        #[test]
        fn withdrawal_only_before_a_decision_and_only_by_the_applicant(steps in proptest::collection::vec(any_step(), 0..40)) {
            let path = walk(&steps);
            let here = *path.last().unwrap();
            let can = here.apply(Action::Withdraw, Actor::Applicant).is_ok();
            prop_assert_eq!(can, !here.is_decided() && !here.is_terminal() && here != Status::Draft);
            prop_assert!(here.apply(Action::Withdraw, Actor::Clerk).is_err());
        }

        #[test]
        fn every_visited_status_is_reachable_only_through_legal_steps(steps in proptest::collection::vec(any_step(), 0..40)) {
            let path = walk(&steps);
            for pair in path.windows(2) {
                prop_assert!(ACTIONS.iter().any(|a| ACTORS.iter().any(|b| pair[0].apply(*a, *b) == Ok(pair[1]))));
            }
        }
    }

    #[test]
    fn the_happy_path_and_the_refusal_path() {
        let s = Status::Draft.apply(Action::Submit, Actor::Applicant).unwrap();
        let s = s.apply(Action::Register, Actor::System).unwrap();
        let s = s.apply(Action::Take, Actor::Clerk).unwrap();
        let s = s.apply(Action::RequestInfo, Actor::Clerk).unwrap();
        assert_eq!(s, Status::AwaitingApplicant);
        assert!(s.apply(Action::Approve, Actor::Clerk).is_err(), "no decision while waiting for the applicant");
        let s = s.apply(Action::Reply, Actor::Applicant).unwrap();
        let approved = s.apply(Action::Approve, Actor::Clerk).unwrap();
        assert_eq!(approved.apply(Action::IssueResult, Actor::Clerk), Ok(Status::ResultIssued));
        assert_eq!(s.apply(Action::Refuse, Actor::Clerk), Ok(Status::Refused));
        assert_eq!(
            Status::Registered.apply(Action::Approve, Actor::Clerk),
            Err(IllegalTransition { from: Status::Registered, action: Action::Approve, actor: Actor::Clerk }),
            "a clerk takes it into work first"
        );
        assert!(Status::InReview.apply(Action::Approve, Actor::Applicant).is_err(), "applicants do not decide");
    }

    #[test]
    fn names_round_trip_and_numbers_are_padded() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(s));
        }
        for a in Action::ALL {
            assert_eq!(Action::parse(a.as_str()), Some(a));
        }
        for a in ACTORS {
            assert_eq!(Actor::parse(a.as_str()), Some(a));
        }
        assert_eq!(registration_number("23", 2026, 123), "23-2026-000123");
        assert_eq!(registration_number("99", 2027, 1_234_567), "99-2027-1234567");
    }
}
