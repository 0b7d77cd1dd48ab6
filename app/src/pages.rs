//! One module per page.
pub mod home;
pub mod search;
pub mod service;
pub mod services;
