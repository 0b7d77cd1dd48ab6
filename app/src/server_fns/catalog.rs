//! Reading the public catalog.
mod get_department;
mod get_home;
mod get_life_situation;
mod get_service;
mod list_services;
mod search_services;

pub use get_department::get_department;
pub use get_home::{get_home, Home};
pub use get_life_situation::get_life_situation;
pub use get_service::get_service;
pub use list_services::{list_services, ServiceList};
pub use search_services::search_services;
