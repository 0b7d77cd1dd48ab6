//! A status change of an application and everything written with it in one transaction: the
//! status (guarded by the old one, so two racing changes cannot both win), the history entry, and
//! the outbox messages for the federal portal and for the people it concerns.

use domain::application::registration_number;
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

/// Writes the first events of a new application `id` (submitted and registered), gives it the
/// next registration number of `year`, and queues `first` (the rows that must go out before its
/// status events, e.g. its registration, made with the number) and the events' messages; returns
/// the number. The number is taken last on purpose: the year's counter row stays locked until
/// the commit, and every registration of the region waits for it.
pub(crate) async fn write_first(tx: &mut Tx, changes: &[&Change], (prefix, year): (&str, i32), first: impl FnOnce(&str) -> NewOutboxRow) -> Result<String> {
    tx.record_events(changes).await?;
    let id = &changes[0].application_id;
    let number = registration_number(prefix, year, tx.next_number(year).await?);
    tx.set_number(id, &number).await?;
    let mut rows = vec![first(&number)];
    for (i, c) in changes.iter().enumerate() {
        rows.extend(messages(c, i as i64 + 1));
    }
    tx.enqueue(&rows, changes[0].at).await?;
    Ok(number)
}
