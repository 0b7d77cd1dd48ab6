//! A status change of an application and everything written with it in one transaction: the
//! status (guarded by the old one, so two racing changes cannot both win), the history entry, and
//! the outbox messages for the federal portal and for the people it concerns.

use domain::federation::{Outgoing, StatusEvent};

use crate::outbox::{Message, Notice};
use crate::store::{Change, NewOutboxRow, Tx};
use crate::Result;

/// The outbox rows of `change`, the `seq`-th event of its application: the status event for the
/// federal portal, then the notice for the people it concerns.
pub(crate) fn messages(change: &Change, seq: i64) -> [NewOutboxRow; 2] {
    let id = &change.application_id;
    let status = Outgoing::Status {
        application_id: id.clone(),
        event: StatusEvent {
            message_id: format!("{id}:status:{seq}"),
            seq,
            status: change.to.as_str().to_owned(),
            action: change.action.as_str().to_owned(),
            at: change.at,
            note: change.note.clone(),
        },
    };
    let notice =
        Notice::StatusChanged { application_id: id.clone(), seq, action: change.action, status: change.to, actor: change.actor, actor_id: change.actor_id };
    [Message::Federal(status).row(id.clone(), format!("{id}:status:{seq}")), Message::Notice(notice).row(id.clone(), format!("{id}:notify:{seq}"))]
}

/// Writes `change` in `tx` with its history entry and outbox rows; `false` (writing nothing) when
/// the application was no longer in the change's `from` status: somebody else changed it first.
pub(crate) async fn write(tx: &mut Tx, change: &Change) -> Result<bool> {
    let Some(seq) = tx.change_status(change).await? else { return Ok(false) };
    tx.enqueue(&messages(change, seq), change.at).await?;
    Ok(true)
}

/// Writes the first events of a new application (submitted and registered), after `first`
/// (rows that must go out before its status events, e.g. its registration).
pub(crate) async fn write_first(tx: &mut Tx, changes: &[&Change], first: Vec<NewOutboxRow>) -> Result<()> {
    tx.record_events(changes).await?;
    let mut rows = first;
    for (i, c) in changes.iter().enumerate() {
        rows.extend(messages(c, i as i64 + 1));
    }
    tx.enqueue(&rows, changes[0].at).await
}
