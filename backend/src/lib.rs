//! Every side effect of the portal: the database (SQLite or PostgreSQL, chosen at run time by the
//! URL), the file store, and the region pack import. HTTP code calls in here and knows no SQL.

pub mod cache;
pub mod catalog;
pub mod db;
pub mod error;
pub mod files;
pub mod region_pack;
pub mod search;
#[cfg(feature = "testing")]
pub mod testing;

pub use db::Db;
pub use error::{Error, Result};
pub use files::FileStore;
