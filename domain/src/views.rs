//! What pages show, already resolved to the reader's language: plain serialisable data that
//! travels from the server to the browser. Kept apart from the rules and entities they show, so
//! those never depend on a page.

mod account;
mod application;

pub use account::*;
pub use application::*;
