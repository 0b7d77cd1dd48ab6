//! One module per page.
pub mod home;
pub mod service;
pub mod services;
