//! The regional operator's administration.
pub mod catalog;
mod get_access_log;
mod get_admin_home;
mod get_api_clients;
mod get_audit;
mod get_dashboard;
mod get_delivery_health;
mod get_staff;
mod get_webhooks;

pub use get_access_log::get_access_log;
pub use get_admin_home::{get_admin_home, AdminHome, Scanning};
pub use get_api_clients::get_api_clients;
pub use get_audit::get_audit;
pub use get_dashboard::get_dashboard;
pub use get_delivery_health::get_delivery_health;
pub use get_staff::get_staff;
pub use get_webhooks::get_webhooks;
