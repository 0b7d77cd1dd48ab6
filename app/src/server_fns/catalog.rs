//! Reading the public catalog.
mod get_home;
mod get_service;
mod list_services;
mod search_services;

pub use get_home::{get_home, Home};
pub use get_service::get_service;
pub use list_services::{list_services, ServiceList};
pub use search_services::search_services;
