//! The logged-in person's own things.
mod get_account;
mod get_notifications;

pub use get_account::get_account;
pub use get_notifications::get_notifications;
