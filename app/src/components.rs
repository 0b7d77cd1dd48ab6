//! Reusable components, grouped by area.
pub mod catalog;
pub mod forms;
pub mod layout;
pub mod status;
