//! One module per page.
pub mod account;
pub mod admin;
pub mod application;
pub mod application_form;
pub mod apply;
pub mod department;
pub mod home;
pub mod life_situation;
pub mod login_error;
pub mod my_applications;
pub mod notifications;
pub mod office;
pub mod opendata;
pub mod search;
pub mod service;
pub mod services;
pub mod status_check;
