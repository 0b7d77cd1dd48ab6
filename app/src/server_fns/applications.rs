//! Online applications: starting, filling, reviewing and following them.
mod autosave_step;
mod get_application;
mod get_apply_start;
mod get_draft_step;
mod get_public_status;
mod get_review;
mod list_applications;

pub use autosave_step::autosave_step;
pub use get_application::get_application;
pub use get_apply_start::{get_apply_start, ApplyStart};
pub use get_draft_step::get_draft_step;
pub use get_public_status::get_public_status;
pub use get_review::get_review;
pub use list_applications::list_applications;
