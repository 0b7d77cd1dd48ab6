//! Every side effect of the portal: the database (SQLite or PostgreSQL, chosen at run time by the
//! URL), the file store, the region pack import, identity (login through the federal provider,
//! sessions, staff roles) and the audit trail. HTTP code calls in here and knows no SQL.

pub mod api_clients;
pub mod applications;
pub mod cache;
pub mod catalog_editor;
pub mod clock;
mod compare;
pub mod dashboard;
pub mod documents;
pub mod error;
pub mod federation;
pub mod files;
pub mod identity;
pub mod migrate_data;
pub mod notify;
pub mod office;
pub mod opendata;
pub mod outbox;
pub mod pack_reader;
pub mod portal;
pub mod region_pack;
pub mod register;
pub mod search;
pub mod staff;
pub mod store;
#[cfg(feature = "testing")]
pub mod testing;
pub mod webhooks;

pub use error::{Error, Result};
pub use files::FileStore;
pub use portal::Portal;
pub use store::Db;
