//! One module per page.
pub mod department;
pub mod home;
pub mod life_situation;
pub mod search;
pub mod service;
pub mod services;
