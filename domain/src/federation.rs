//! The federation protocol's messages (docs/federation.md), shared by the portal and the federal
//! simulator so both sides read and write the same shapes. Signatures and transport live with
//! each side; here are only the bodies and the rules a receiver applies to them.

use serde::{Deserialize, Serialize};

/// Path prefix of every federation endpoint on the federal side.
pub const API_PREFIX: &str = "/federation/v1";
/// HTTP header carrying the detached JWS of a request.
pub const SIGNATURE_HEADER: &str = "x-jws-signature";
/// A signed request is accepted this many seconds either side of the receiver's clock.
pub const MAX_CLOCK_SKEW_SECONDS: i64 = 300;

/// The protected header of a request's detached JWS: who signs, with which key, and the request
/// it belongs to (so a signature cannot be replayed against another endpoint).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestHeader {
    /// Signing algorithm, e.g. `ES256`.
    pub alg: String,
    /// Key id in the sender's JWKS.
    pub kid: String,
    /// The sending region's code.
    pub region: String,
    /// HTTP method.
    pub htm: String,
    /// Request path with its query, e.g. `/federation/v1/inbox?region=demo`.
    pub htu: String,
    /// Signed at, UNIX seconds.
    pub iat: i64,
}

/// The applicant as the federal portal knows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Applicant {
    /// Federal account subject.
    pub subject: String,
    /// SNILS as printed.
    pub snils: Option<String>,
    /// Full name.
    pub name: String,
}

/// `POST /federation/v1/applications`: an application filed on the regional portal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Registration {
    /// Idempotency key of this message.
    pub message_id: String,
    /// The regional portal's application id; the federal side's key for it.
    pub application_id: String,
    /// Sending region.
    pub region: String,
    /// Regional registration number.
    pub number: String,
    /// Service code in the region's catalog.
    pub service_code: String,
    /// Service title in the region's default language, for the federal personal account.
    pub service_title: String,
    /// Department code.
    pub department_code: String,
    /// Who applied.
    pub applicant: Applicant,
    /// Filed at, UTC milliseconds.
    pub submitted_at: i64,
    /// Regulatory deadline `YYYY-MM-DD`.
    pub deadline: String,
}

/// `POST /federation/v1/applications/{id}/events`: one status change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusEvent {
    /// Idempotency key of this message.
    pub message_id: String,
    /// 1 for the application's first event, then one more for each.
    pub seq: i64,
    /// New status (`registered`, `in_review`, `approved`…).
    pub status: String,
    /// What happened (`register`, `take`, `approve`…).
    pub action: String,
    /// When, UTC milliseconds.
    pub at: i64,
    /// The clerk's note, if any.
    pub note: Option<String>,
}

/// What a receiver does with the `seq`-th event of an application whose last applied event is
/// `last_seq`, given whether this very message was applied before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventFate {
    /// The next one: apply it.
    Apply,
    /// Applied before (a retry): answer success, change nothing.
    Duplicate,
    /// An earlier event is missing: refuse for now, the sender retries.
    TooEarly,
    /// Another message already holds this number: refuse.
    Conflict,
}

impl EventFate {
    /// The rule of ordered, exactly-once application.
    pub fn of(seq: i64, last_seq: i64, seen_before: bool) -> EventFate {
        if seen_before {
            EventFate::Duplicate
        } else if seq == last_seq + 1 {
            EventFate::Apply
        } else if seq > last_seq + 1 {
            EventFate::TooEarly
        } else {
            EventFate::Conflict
        }
    }
}

/// `GET /federation/v1/inbox?region=…`: messages waiting for the region.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inbox {
    /// Oldest first.
    pub messages: Vec<InboxEnvelope>,
}

/// One inbox message: its id and the federal portal's compact JWS of an [`InboundApplication`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxEnvelope {
    /// Message id, also inside the signed payload.
    pub message_id: String,
    /// Compact JWS (`header.payload.signature`) signed with a key of the federal JWKS.
    pub jws: String,
}

/// An application filed on the federal portal for one of the region's services.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboundApplication {
    /// Deduplication key.
    pub message_id: String,
    /// The federal portal's id of the application.
    pub federal_id: String,
    /// The region it is for.
    pub region: String,
    /// Service code in the region's catalog.
    pub service_code: String,
    /// Filed at, UTC milliseconds.
    pub submitted_at: i64,
    /// The applicant's federal identity.
    pub applicant: InboundApplicant,
    /// What the applicant filled in on the federal form, in its order.
    pub form: Vec<Answer>,
}

/// The applicant of an inbound application: the claims of their federal account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboundApplicant {
    /// Federal account subject (the same `sub` as at login).
    pub subject: String,
    /// SNILS as printed.
    pub snils: Option<String>,
    /// Family name.
    pub family_name: String,
    /// Given name.
    pub given_name: String,
    /// Middle name.
    pub middle_name: Option<String>,
    /// Birth date `YYYY-MM-DD`.
    pub birthdate: Option<String>,
    /// Email.
    pub email: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// `simplified`, `standard` or `confirmed`.
    pub assurance: String,
}

/// One question of a federal form and its answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    /// The question as the federal form asked it.
    pub label: String,
    /// The answer.
    pub value: String,
}

/// `POST /federation/v1/inbox/{message_id}/ack`: the region took the message, or refused it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Ack {
    /// Stored as the region's application `application_id` with `number`; its status events follow.
    Accepted {
        /// The regional application id, used in later status events.
        application_id: String,
        /// Regional registration number.
        number: String,
        /// Department that handles it.
        department_code: String,
    },
    /// Not stored, with the reason.
    Rejected {
        /// Why.
        reason: String,
    },
}

/// What the region sends the federal side: one of these per outbox row of the federal topic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Outgoing {
    /// Register an application filed here.
    Register(Registration),
    /// A status change of an application known to the federal side.
    Status {
        /// The regional application id.
        application_id: String,
        /// The event.
        event: StatusEvent,
    },
    /// Acknowledge an inbox message.
    Ack {
        /// The inbox message.
        inbox_message_id: String,
        /// Accepted or rejected.
        ack: Ack,
    },
}

/// A receiver's answer to a message, with the HTTP status that goes with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    /// `applied` or `duplicate` on success; an error code otherwise.
    pub outcome: String,
    /// Human-readable detail of a refusal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// The federal delivery as the operator sees it (`/admin/federation`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryHealth {
    /// Messages waiting or being sent.
    pub pending: i64,
    /// Messages parked after their last attempt.
    pub failed: i64,
    /// Messages the federal portal has.
    pub delivered: i64,
    /// Since when the oldest pending message waits (local time), if any.
    pub oldest_pending: Option<String>,
    /// Parked messages, most recent first.
    pub parked: Vec<ParkedMessage>,
}

/// A message parked for the operator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParkedMessage {
    /// Outbox row id, for the retry form.
    pub id: i64,
    /// Registration number of its application, if it has one.
    pub number: Option<String>,
    /// What it is: `register`, `status`, `accept`.
    pub kind: String,
    /// Attempts made.
    pub attempts: i32,
    /// The federal portal's (or the network's) last answer.
    pub last_error: String,
    /// When it was parked (local time).
    pub parked_at: String,
}

/// The kind of a federal outbox message, from its id (`{application}:register`,
/// `{application}:status:{seq}`, `{application}:accept`).
pub fn message_kind(message_id: &str) -> &str {
    message_id.split(':').nth(1).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::EventFate;
    use proptest::prelude::*;

    #[test]
    fn message_kinds_come_from_their_ids() {
        assert_eq!(super::message_kind("abc:register"), "register");
        assert_eq!(super::message_kind("abc:status:3"), "status");
        assert_eq!(super::message_kind("abc:accept"), "accept");
        assert_eq!(super::message_kind("odd"), "");
    }

    #[test]
    fn events_apply_in_order_and_once() {
        assert_eq!(EventFate::of(1, 0, false), EventFate::Apply);
        assert_eq!(EventFate::of(1, 1, true), EventFate::Duplicate);
        assert_eq!(EventFate::of(3, 1, false), EventFate::TooEarly);
        assert_eq!(EventFate::of(1, 2, false), EventFate::Conflict);
    }

    proptest! {
        /// Whatever order and however often the events arrive, applying by the rule gives each
        /// event once, in order, as soon as its predecessors are there.
        #[test]
        fn any_arrival_order_applies_each_event_once_in_order(arrivals in proptest::collection::vec(1i64..=8, 0..60)) {
            let mut last = 0;
            let mut applied = Vec::new();
            for seq in arrivals {
                match EventFate::of(seq, last, seq <= last) {
                    EventFate::Apply => { applied.push(seq); last = seq; }
                    EventFate::Duplicate | EventFate::TooEarly => {}
                    EventFate::Conflict => prop_assert!(false, "a message seen before is a duplicate"),
                }
            }
            prop_assert_eq!(applied, (1..=last).collect::<Vec<_>>());
        }
    }
}
