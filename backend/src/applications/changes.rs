//! A status change of an application and everything written with it in one transaction: the
//! status (guarded by the old one, so two racing changes cannot both win), the history entry, and
//! the outbox rows for the federal portal and for notifications.

use domain::application::{Action, Actor, Refusal, Status};
use serde_json::json;

use crate::{Error, Result};

/// A checked status change, ready to be written.
#[derive(Debug, Clone)]
pub(crate) struct Change {
    pub application_id: String,
    pub from: Status,
    pub to: Status,
    pub action: Action,
    pub actor: Actor,
    pub actor_id: Option<i64>,
    pub note: Option<String>,
    pub at: i64,
}

/// A row for the outbox.
pub(crate) struct OutboxRow {
    pub topic: &'static str,
    pub ordering_key: String,
    pub message_id: String,
    pub payload: String,
}

/// Outbox topic of messages to the federal portal.
pub const TOPIC_FEDERAL: &str = "federal";
/// Outbox topic of notifications (email, portal).
pub const TOPIC_NOTIFY: &str = "notify";

impl Change {
    /// `action` by `actor` on application `id` in status `from`, if the state machine allows it.
    pub fn new(id: &str, from: Status, action: Action, actor: Actor, actor_id: Option<i64>, note: Option<String>, at: i64) -> Result<Change> {
        let to = from.apply(action, actor).map_err(|e| Error::Refused(Refusal::Transition(e)))?;
        Ok(Change { application_id: id.to_owned(), from, to, action, actor, actor_id, note, at })
    }

    /// The outbox rows of this change, the `seq`-th event of its application.
    pub fn outbox_rows(&self, seq: i64) -> [OutboxRow; 2] {
        let id = &self.application_id;
        let status = json!({
            "type": "status", "application_id": id, "seq": seq, "status": self.to.as_str(),
            "action": self.action.as_str(), "at": self.at, "note": self.note,
        });
        let notify = json!({
            "application_id": id, "seq": seq, "action": self.action.as_str(), "status": self.to.as_str(),
            "actor": self.actor.as_str(), "actor_id": self.actor_id,
        });
        [
            OutboxRow { topic: TOPIC_FEDERAL, ordering_key: id.clone(), message_id: format!("{id}:status:{seq}"), payload: status.to_string() },
            OutboxRow { topic: TOPIC_NOTIFY, ordering_key: id.clone(), message_id: format!("{id}:notify:{seq}"), payload: notify.to_string() },
        ]
    }
}

/// Inserts an [`OutboxRow`] in transaction `$tx` at time `$at`.
macro_rules! insert_outbox {
    ($tx:expr, $row:expr, $at:expr) => {{
        let row: &$crate::applications::changes::OutboxRow = $row;
        sqlx::query(
            "INSERT INTO outbox (topic, ordering_key, message_id, payload, created_at, available_at) VALUES ($1, $2, $3, $4, $5, $5)",
        )
        .bind(row.topic)
        .bind(&row.ordering_key)
        .bind(&row.message_id)
        .bind(&row.payload)
        .bind($at)
        .execute(&mut *$tx)
        .await?;
    }};
}
pub(crate) use insert_outbox;

/// Writes a [`Change`] in transaction `$tx`; evaluates to `false` (writing nothing) when the
/// application was no longer in the change's `from` status: somebody else changed it first.
macro_rules! write_change {
    ($tx:expr, $change:expr) => {{
        let c: &$crate::applications::changes::Change = $change;
        let updated = sqlx::query("UPDATE applications SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4")
            .bind(c.to.as_str())
            .bind(c.at)
            .bind(&c.application_id)
            .bind(c.from.as_str())
            .execute(&mut *$tx)
            .await?
            .rows_affected()
            == 1;
        if updated {
            sqlx::query(
                "INSERT INTO application_events (application_id, at, actor, actor_id, action, status, note) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(&c.application_id)
            .bind(c.at)
            .bind(c.actor.as_str())
            .bind(c.actor_id)
            .bind(c.action.as_str())
            .bind(c.to.as_str())
            .bind(&c.note)
            .execute(&mut *$tx)
            .await?;
            let (seq,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM application_events WHERE application_id = $1")
                .bind(&c.application_id)
                .fetch_one(&mut *$tx)
                .await?;
            for row in &c.outbox_rows(seq) {
                $crate::applications::changes::insert_outbox!($tx, row, c.at);
            }
        }
        updated
    }};
}
pub(crate) use write_change;
