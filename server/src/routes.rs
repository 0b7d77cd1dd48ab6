//! HTTP routes outside Leptos pages: login and logout, health, settings forms, branding files,
//! downloads, the applicant's, the office's and the operator's form posts.
pub mod answers;
pub mod api_clients;
pub mod applications;
pub mod auth;
pub mod branding;
pub mod catalog_admin;
pub mod dashboard;
pub mod downloads;
pub mod federation;
pub mod health;
pub mod multipart;
pub mod notifications;
pub mod office;
pub mod opendata;
pub mod register;
pub mod seo;
pub mod settings;
pub mod staff;
