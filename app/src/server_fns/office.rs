//! The back office of clerks and heads.
mod get_head_view;
mod get_office_queue;
mod get_staff_application;

pub use get_head_view::get_head_view;
pub use get_office_queue::get_office_queue;
pub use get_staff_application::get_staff_application;
