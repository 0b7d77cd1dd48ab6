//! Server functions, one folder per resource and one file per function.
pub mod account;
pub mod admin;
pub mod applications;
pub mod catalog;
pub mod office;
