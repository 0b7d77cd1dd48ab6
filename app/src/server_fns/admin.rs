//! The regional operator's administration.
mod get_admin_home;

pub use get_admin_home::{get_admin_home, AdminHome};
