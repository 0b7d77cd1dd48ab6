//! Pure domain rules of the regional services portal.
//!
//! Nothing here performs I/O, so the same rules run on the server (authoritative) and in the
//! browser's wasm (instant feedback).

pub mod access;
pub mod api_client;
pub mod application;
pub mod calendar;
pub mod catalog;
pub mod catalog_form;
pub mod dashboard;
pub mod dates;
pub mod federation;
pub mod forms;
pub mod identity;
pub mod localized;
pub mod notify;
pub mod office;
pub mod opendata;
pub mod region;
pub mod register;
pub mod search;
pub mod staff;
pub mod stage;
pub mod status_check;
pub mod views;
pub mod webhook;
