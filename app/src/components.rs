//! Reusable components, grouped by area.
pub mod catalog;
pub mod charts;
pub mod forms;
pub mod islands;
pub mod layout;
pub mod status;
