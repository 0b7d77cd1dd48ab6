//! The `portal` server: configuration, routes, middleware and the command line. `main.rs` is a
//! thin wrapper so integration tests can build the same router.

pub mod api;
pub mod assets;
pub mod cli;
pub mod conditional;
pub mod config;
pub mod cookies;
pub mod error;
pub mod extract;
pub mod fallback_page;
pub mod federation;
pub mod first_start;
pub mod logging;
pub mod middleware;
pub mod page_cache;
pub mod problem;
pub mod rate_limit;
pub mod route_table;
pub mod routes;
pub mod serve;
pub mod session;
pub mod shutdown;
pub mod state;
pub mod visitor;
pub mod workers;
