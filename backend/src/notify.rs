//! Notifications (docs/notifications.md), built on the outbox like the federation: every change
//! that tells somebody something writes a `notify` row in its own transaction. The fan-out worker
//! turns each into notifications in the portal for every recipient and, for those who want it
//! and have an address, an `email` row with the message already written in their language; the
//! mail worker sends those over SMTP, retrying through outages. A repeated row (a retried worker)
//! adds nothing: notifications are unique per person and event, emails per message id.

pub mod centre;
pub mod fanout;
pub mod mail;
pub mod templates;
