//! Webhooks: what a department's system is told of its applications, in which shape, and what the
//! operator sees of the deliveries. The events carry no personal data: the system fetches the
//! application through the API, where its key and scopes are checked.

use serde::{Deserialize, Serialize};

use crate::application::{Action, Status};

/// What happened to an application, as a webhook names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum WebhookEvent {
    /// A new application reached the department's queue.
    #[serde(rename = "application.registered")]
    Registered,
    /// The applicant answered the department's question.
    #[serde(rename = "application.replied")]
    Replied,
    /// Any other change of status (taken, returned, asked, decided, issued, withdrawn).
    #[serde(rename = "application.status_changed")]
    StatusChanged,
}

impl WebhookEvent {
    /// Every event.
    pub const ALL: [WebhookEvent; 3] = [WebhookEvent::Registered, WebhookEvent::Replied, WebhookEvent::StatusChanged];

    /// The event `action` is, if the department hears of it: a draft being sent is not yet its
    /// business, registration is.
    pub fn of(action: Action) -> Option<WebhookEvent> {
        match action {
            Action::Submit => None,
            Action::Register => Some(WebhookEvent::Registered),
            Action::Reply => Some(WebhookEvent::Replied),
            Action::Take
            | Action::Return
            | Action::Assign
            | Action::RequestInfo
            | Action::Approve
            | Action::Refuse
            | Action::IssueResult
            | Action::Withdraw => Some(WebhookEvent::StatusChanged),
        }
    }

    /// Its name on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            WebhookEvent::Registered => "application.registered",
            WebhookEvent::Replied => "application.replied",
            WebhookEvent::StatusChanged => "application.status_changed",
        }
    }

    /// Its message key in `locales/`.
    pub fn message_key(self) -> &'static str {
        match self {
            WebhookEvent::Registered => "webhook-event-registered",
            WebhookEvent::Replied => "webhook-event-replied",
            WebhookEvent::StatusChanged => "webhook-event-status-changed",
        }
    }
}

/// The body of a delivery (the Standard Webhooks shape: `type`, `timestamp`, `data`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookPayload {
    /// What happened.
    #[serde(rename = "type")]
    pub event: WebhookEvent,
    /// When it was noticed, RFC 3339 UTC.
    pub timestamp: String,
    /// About which application.
    pub data: WebhookData,
}

/// The application an event is about: enough to fetch it, nothing personal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookData {
    /// Its id in `/api/v1/applications/{id}`.
    pub application_id: String,
    /// Its registration number.
    pub number: Option<String>,
    /// The service's code.
    pub service_code: String,
    /// What was done.
    pub action: Action,
    /// The status it is in now.
    pub status: Status,
    /// The event's number in the application's history.
    pub seq: i64,
}

/// Where a delivery stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DeliveryState {
    /// Waiting for its first or next attempt.
    Pending,
    /// The system answered 2xx.
    Delivered,
    /// Given up after the last attempt or a refusal; the operator may replay it.
    Failed,
}

impl DeliveryState {
    /// The state of an outbox row in state `state`.
    pub fn of_row(state: &str) -> DeliveryState {
        match state {
            "delivered" => DeliveryState::Delivered,
            "failed" => DeliveryState::Failed,
            _ => DeliveryState::Pending,
        }
    }

    /// Its name in message keys.
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryState::Pending => "pending",
            DeliveryState::Delivered => "delivered",
            DeliveryState::Failed => "failed",
        }
    }
}

/// One delivery as the operator's log shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryView {
    /// Its id, to replay it.
    pub id: i64,
    /// The client it goes to.
    pub client: String,
    /// What it tells.
    pub event: WebhookEvent,
    /// The application's registration number.
    pub number: Option<String>,
    /// Where it stands.
    pub state: DeliveryState,
    /// Attempts made.
    pub attempts: i32,
    /// Why the last attempt failed.
    pub problem: Option<DeliveryProblem>,
    /// Queued (region time).
    pub created_at: String,
    /// Delivered or given up (region time).
    pub done_at: Option<String>,
}

/// Why a delivery's last attempt failed, as the operator is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DeliveryProblem {
    /// The system answered with this HTTP status.
    Answered(u16),
    /// The system could not be reached (refused, timed out, no such host).
    Unreached,
    /// The client was revoked or its webhook removed.
    Removed,
    /// Anything else (e.g. the database was busy).
    Other,
}

impl DeliveryProblem {
    /// What the worker wrote as the row's error.
    pub fn of_error(error: &str) -> DeliveryProblem {
        if let Some(status) = error.strip_prefix(ANSWERED).and_then(|s| s.trim().parse().ok()) {
            DeliveryProblem::Answered(status)
        } else if error.starts_with(UNREACHED) {
            DeliveryProblem::Unreached
        } else if error == REMOVED {
            DeliveryProblem::Removed
        } else {
            DeliveryProblem::Other
        }
    }

    /// Its message key in `locales/`.
    pub fn message_key(self) -> &'static str {
        match self {
            DeliveryProblem::Answered(_) => "webhook-problem-answered",
            DeliveryProblem::Unreached => "webhook-problem-unreached",
            DeliveryProblem::Removed => "webhook-problem-removed",
            DeliveryProblem::Other => "webhook-problem-other",
        }
    }
}

/// How the worker's errors begin: an answer's status follows.
pub const ANSWERED: &str = "answered ";
/// The system was not reached; the reason follows.
pub const UNREACHED: &str = "not reached: ";
/// The client is revoked or has no webhook.
pub const REMOVED: &str = "the client is revoked or has no webhook now";

/// The longest webhook address, in characters.
pub const MAX_URL: usize = 500;

/// Whether the operator may replay a delivery in `state`: one still waiting goes out anyway.
pub fn may_replay(state: DeliveryState) -> bool {
    state != DeliveryState::Pending
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_after_registration_is_told_and_sending_a_draft_is_not() {
        assert_eq!(WebhookEvent::of(Action::Submit), None);
        assert_eq!(WebhookEvent::of(Action::Register), Some(WebhookEvent::Registered));
        assert_eq!(WebhookEvent::of(Action::Reply), Some(WebhookEvent::Replied));
        for a in [Action::Take, Action::RequestInfo, Action::Refuse, Action::Approve, Action::IssueResult, Action::Withdraw] {
            assert_eq!(WebhookEvent::of(a), Some(WebhookEvent::StatusChanged), "{a:?}");
        }
    }

    #[test]
    fn events_travel_under_their_wire_names() {
        for e in WebhookEvent::ALL {
            assert_eq!(serde_json::to_string(&e).unwrap(), format!("\"{}\"", e.as_str()));
        }
        assert!(may_replay(DeliveryState::Failed) && may_replay(DeliveryState::Delivered) && !may_replay(DeliveryState::Pending));
        assert_eq!(DeliveryState::of_row("failed"), DeliveryState::Failed);
        assert_eq!(DeliveryProblem::of_error(&format!("{ANSWERED}503")), DeliveryProblem::Answered(503));
        assert_eq!(DeliveryProblem::of_error(&format!("{UNREACHED}connection refused")), DeliveryProblem::Unreached);
        assert_eq!(DeliveryProblem::of_error(REMOVED), DeliveryProblem::Removed);
        assert_eq!(DeliveryProblem::of_error("pool timed out"), DeliveryProblem::Other);
    }
}
