//! Server functions, one folder per resource and one file per function.
pub mod catalog;
