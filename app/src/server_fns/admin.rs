//! The regional operator's administration.
mod get_access_log;
mod get_admin_home;
mod get_delivery_health;

pub use get_access_log::get_access_log;
pub use get_admin_home::{get_admin_home, AdminHome};
pub use get_delivery_health::get_delivery_health;
