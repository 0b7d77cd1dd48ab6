//! What the outbox carries, typed: each topic's rows hold one kind of message, stored as JSON in
//! the shape of its type, and read back into it, never picked apart field by field.

use domain::application::{Action, Actor, Status};
use domain::federation::Outgoing;
use domain::webhook::WebhookPayload;
use serde::{Deserialize, Serialize};

use crate::store::NewOutboxRow;

/// The queues of the outbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Topic {
    /// Messages to the federal portal (registrations, status events, acknowledgements).
    Federal,
    /// Events to tell people of, fanned out into notifications and emails.
    Notify,
    /// Emails ready to send.
    Email,
    /// Webhook deliveries to departments' systems.
    Webhook,
}

impl Topic {
    /// Every topic.
    pub const ALL: [Topic; 4] = [Topic::Federal, Topic::Notify, Topic::Email, Topic::Webhook];

    /// Its name in the `outbox.topic` column.
    pub fn as_str(self) -> &'static str {
        match self {
            Topic::Federal => "federal",
            Topic::Notify => "notify",
            Topic::Email => "email",
            Topic::Webhook => "webhook",
        }
    }

    /// Whether a parked row holds back the later rows of its key until the operator puts it back:
    /// the federal portal, people and their mailboxes need events in order; a department's
    /// system orders them by `seq` itself, and one refused delivery must not stall the rest.
    pub fn parked_blocks(self) -> bool {
        self != Topic::Webhook
    }

    /// The topic named `name`.
    pub fn parse(name: &str) -> Option<Topic> {
        Topic::ALL.into_iter().find(|t| t.as_str() == name)
    }
}

/// An event worth telling somebody of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Notice {
    /// An application's status changed (its `seq`-th event).
    StatusChanged {
        /// The application.
        application_id: String,
        /// Its event number.
        seq: i64,
        /// What was done.
        action: Action,
        /// The status it is in now.
        status: Status,
        /// Who did it.
        actor: Actor,
        /// Their person id, for people.
        actor_id: Option<i64>,
    },
    /// An application is near or past its deadline.
    Deadline {
        /// The application.
        application_id: String,
        /// `near` or `overdue`.
        urgency: String,
        /// The deadline, `YYYY-MM-DD`.
        deadline: String,
    },
    /// Delivery to the federal portal is failing.
    FederalFailing {
        /// Messages parked.
        failed: i64,
        /// Messages waiting.
        pending: i64,
    },
}

impl Notice {
    /// The application it is about, if any.
    pub fn application_id(&self) -> Option<&str> {
        match self {
            Notice::StatusChanged { application_id, .. } | Notice::Deadline { application_id, .. } => Some(application_id),
            Notice::FederalFailing { .. } => None,
        }
    }
}

/// A status change as rows written before notices were tagged held it.
#[derive(Deserialize)]
struct UntaggedChange {
    application_id: String,
    seq: i64,
    action: Action,
    status: Status,
    actor: Actor,
    actor_id: Option<i64>,
}

impl Notice {
    /// Reads a stored notice, also in the untagged shape of status changes written by earlier
    /// versions (still waiting in a queue when the portal was upgraded).
    fn read(payload: &str) -> serde_json::Result<Notice> {
        serde_json::from_str::<Notice>(payload).or_else(|e| {
            serde_json::from_str::<UntaggedChange>(payload)
                .map(|c| Notice::StatusChanged {
                    application_id: c.application_id,
                    seq: c.seq,
                    action: c.action,
                    status: c.status,
                    actor: c.actor,
                    actor_id: c.actor_id,
                })
                .map_err(|_| e)
        })
    }
}

/// An email ready to send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email {
    /// Recipient address.
    pub to: String,
    /// Subject.
    pub subject: String,
    /// Plain-text part.
    pub text: String,
    /// HTML part.
    pub html: String,
    /// Stable per event and recipient: a retried send is recognisable by its `Message-ID`.
    pub message_id: String,
    /// Language of the texts.
    pub lang: String,
}

/// A webhook delivery: the client it goes to (its address and secret are read when it is sent,
/// so a changed address applies to deliveries still waiting) and what it says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookCall {
    /// The API client.
    pub client_id: String,
    /// The body.
    pub payload: WebhookPayload,
}

/// A message of any topic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// To the federal portal.
    Federal(Outgoing),
    /// To tell people.
    Notice(Notice),
    /// To send by email.
    Email(Email),
    /// To deliver to a department's system.
    Webhook(WebhookCall),
}

impl Message {
    /// Its topic.
    pub fn topic(&self) -> Topic {
        match self {
            Message::Federal(_) => Topic::Federal,
            Message::Notice(_) => Topic::Notify,
            Message::Email(_) => Topic::Email,
            Message::Webhook(_) => Topic::Webhook,
        }
    }

    /// The row that queues it: rows with the same `ordering_key` go out in order; `message_id` is
    /// the receiver's deduplication key.
    pub fn row(&self, ordering_key: impl Into<String>, message_id: impl Into<String>) -> NewOutboxRow {
        let payload = match self {
            Message::Federal(m) => serde_json::to_string(m),
            Message::Notice(m) => serde_json::to_string(m),
            Message::Email(m) => serde_json::to_string(m),
            Message::Webhook(m) => serde_json::to_string(m),
        };
        NewOutboxRow {
            topic: self.topic().as_str(),
            ordering_key: ordering_key.into(),
            message_id: message_id.into(),
            // Plain data types: serialising them cannot fail.
            payload: payload.unwrap_or_default(),
        }
    }

    /// The message a row of `topic` holds.
    pub fn read(topic: Topic, payload: &str) -> Result<Message, String> {
        let read = match topic {
            Topic::Federal => serde_json::from_str(payload).map(Message::Federal),
            Topic::Notify => Notice::read(payload).map(Message::Notice),
            Topic::Email => serde_json::from_str(payload).map(Message::Email),
            Topic::Webhook => serde_json::from_str(payload).map(Message::Webhook),
        };
        read.map_err(|e| format!("the stored {} message is unreadable: {e}", topic.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_message_reads_back_as_itself() {
        let notice = Message::Notice(Notice::Deadline { application_id: "a".into(), urgency: "overdue".into(), deadline: "2026-12-01".into() });
        let row = notice.row("a", "a:deadline:overdue:2026-12-01");
        assert_eq!((row.topic, row.ordering_key.as_str()), ("notify", "a"));
        assert_eq!(Message::read(Topic::Notify, &row.payload), Ok(notice));
        let email = Message::Email(Email {
            to: "m@example.ru".into(),
            subject: "s".into(),
            text: "t".into(),
            html: "h".into(),
            message_id: "m".into(),
            lang: "ru".into(),
        });
        assert_eq!(Message::read(Topic::Email, &email.row("k", "m").payload), Ok(email));
        assert!(Message::read(Topic::Federal, "not json").is_err());
    }

    #[test]
    fn status_changes_written_untagged_by_earlier_versions_are_read() {
        let old = r#"{"application_id":"a","seq":2,"action":"register","status":"registered","actor":"system","actor_id":null}"#;
        let expected = Notice::StatusChanged {
            application_id: "a".into(),
            seq: 2,
            action: Action::Register,
            status: Status::Registered,
            actor: Actor::System,
            actor_id: None,
        };
        assert_eq!(Message::read(Topic::Notify, old), Ok(Message::Notice(expected)));
        let old_deadline = r#"{"type":"deadline","application_id":"a","urgency":"near","deadline":"2026-12-01","department_code":"x","assignee_id":null}"#;
        assert!(matches!(Message::read(Topic::Notify, old_deadline), Ok(Message::Notice(Notice::Deadline { .. }))));
    }
}
