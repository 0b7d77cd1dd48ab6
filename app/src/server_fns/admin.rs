//! The regional operator's administration.
mod get_access_log;
mod get_admin_home;

pub use get_access_log::get_access_log;
pub use get_admin_home::{get_admin_home, AdminHome};
