//! Online applications (electronic stages 3 to 5): drafts, their files, submission with a
//! registration number, and what the applicant sees and does afterwards. Every status change goes
//! through the state machine of `domain::application` and is written with its history entry and
//! outbox rows in one transaction (`changes.rs`, with the store's `Tx`).

pub mod applicant;
pub mod attachments;
pub(crate) mod changes;
pub mod drafts;
pub mod queries;
pub mod status_check;
pub mod submit;
