//! A status change of an application and everything written with it in one transaction: the
//! status (guarded by the old one, so two racing changes cannot both win), the history entry, and
//! the outbox rows for the federal portal and for notifications.

use domain::application::{Action, Actor, Refusal, Status};
use domain::federation::StatusEvent;
use serde_json::json;

use crate::federation::client::Outgoing;

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
        let status = Outgoing::Status {
            application_id: id.clone(),
            event: StatusEvent {
                message_id: format!("{id}:status:{seq}"),
                seq,
                status: self.to.as_str().to_owned(),
                action: self.action.as_str().to_owned(),
                at: self.at,
                note: self.note.clone(),
            },
        };
        let notify = json!({
            "application_id": id, "seq": seq, "action": self.action.as_str(), "status": self.to.as_str(),
            "actor": self.actor.as_str(), "actor_id": self.actor_id,
        });
        [
            OutboxRow { topic: TOPIC_FEDERAL, ordering_key: id.clone(), message_id: format!("{id}:status:{seq}"), payload: serde_json::to_string(&status).unwrap_or_default() },
            OutboxRow { topic: TOPIC_NOTIFY, ordering_key: id.clone(), message_id: format!("{id}:notify:{seq}"), payload: notify.to_string() },
        ]
    }
}

/// `INSERT` of `n` history entries in one statement.
pub(crate) fn events_insert(n: usize) -> String {
    let rows: Vec<String> = (0..n).map(|i| {
        let b = i * 7;
        format!("(${}, ${}, ${}, ${}, ${}, ${}, ${})", b + 1, b + 2, b + 3, b + 4, b + 5, b + 6, b + 7)
    }).collect();
    format!("INSERT INTO application_events (application_id, at, actor, actor_id, action, status, note) VALUES {}", rows.join(", "))
}

/// `INSERT` of `n` outbox rows in one statement.
pub(crate) fn outbox_insert(n: usize) -> String {
    let rows: Vec<String> = (0..n).map(|i| {
        let b = i * 5;
        format!("(${}, ${}, ${}, ${}, ${}, ${})", b + 1, b + 2, b + 3, b + 4, b + 5, b + 5)
    }).collect();
    format!("INSERT INTO outbox (topic, ordering_key, message_id, payload, created_at, available_at) VALUES {}", rows.join(", "))
}

/// Writes the history entries of `$changes` (the first being the `$first_seq`-th event of the
/// application) and their outbox rows after `$before` (rows that must go out first), in `$tx`.
macro_rules! write_events {
    ($tx:expr, $changes:expr, $first_seq:expr, $before:expr) => {{
        let changes: &[&$crate::applications::changes::Change] = $changes;
        let sql = $crate::applications::changes::events_insert(changes.len());
        let mut insert = sqlx::query(&sql);
        for c in changes {
            insert = insert.bind(&c.application_id).bind(c.at).bind(c.actor.as_str()).bind(c.actor_id).bind(c.action.as_str()).bind(c.to.as_str()).bind(&c.note);
        }
        insert.execute(&mut *$tx).await?;
        let mut rows: Vec<$crate::applications::changes::OutboxRow> = $before;
        for (i, c) in changes.iter().enumerate() {
            rows.extend(c.outbox_rows($first_seq + i as i64));
        }
        let sql = $crate::applications::changes::outbox_insert(rows.len());
        let mut insert = sqlx::query(&sql);
        for r in &rows {
            insert = insert.bind(r.topic).bind(&r.ordering_key).bind(&r.message_id).bind(&r.payload).bind(changes[0].at);
        }
        insert.execute(&mut *$tx).await?;
    }};
}
pub(crate) use write_events;

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
            let (before,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM application_events WHERE application_id = $1")
                .bind(&c.application_id)
                .fetch_one(&mut *$tx)
                .await?;
            $crate::applications::changes::write_events!($tx, &[c], before + 1, Vec::new());
        }
        updated
    }};
}
pub(crate) use write_change;

#[cfg(test)]
mod tests {
    #[test]
    fn multi_row_inserts_number_their_parameters() {
        assert_eq!(
            super::outbox_insert(2),
            "INSERT INTO outbox (topic, ordering_key, message_id, payload, created_at, available_at) VALUES ($1, $2, $3, $4, $5, $5), ($6, $7, $8, $9, $10, $10)"
        );
        assert!(super::events_insert(2).ends_with("VALUES ($1, $2, $3, $4, $5, $6, $7), ($8, $9, $10, $11, $12, $13, $14)"));
    }
}
