//! The back office of clerks and heads.
mod get_office_home;

pub use get_office_home::{get_office_home, OfficeHome};
