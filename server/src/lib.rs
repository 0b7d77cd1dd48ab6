//! The `portal` server: configuration, routes, middleware and the command line. `main.rs` is a
//! thin wrapper so integration tests can build the same router.

pub mod cli;
pub mod config;
pub mod error;
pub mod logging;
pub mod middleware;
pub mod routes;
pub mod serve;
pub mod state;
