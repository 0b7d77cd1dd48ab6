//! The logged-in person's own things.
mod get_account;

pub use get_account::get_account;
