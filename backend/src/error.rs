//! The one error type of the backend layer.

use domain::region::PackError;

/// Why a backend operation failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The database refused or could not be reached.
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
    /// A migration could not be applied.
    #[error("migration: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// The file store failed.
    #[error("file store: {0}")]
    Files(#[from] object_store::Error),
    /// A stored value could not be read back (e.g. malformed JSON written by hand).
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    /// A region pack is unreadable or invalid; nothing was written.
    #[error("{} problem(s) in the region pack:\n{}", .0.len(), .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Pack(Vec<PackError>),
    /// A generated document (PDF) could not be made.
    #[error("document: {0}")]
    Document(String),
    /// An action on an application was refused; nothing changed and the page says why.
    #[error("refused: {0}")]
    Refused(domain::application::Refusal),
    /// The federation with the federal portal cannot work (e.g. an unreadable signing key).
    #[error("federation: {0}")]
    Federation(String),
    /// Mail cannot be sent as configured (a bad sender address, TLS set-up).
    #[error("mail: {0}")]
    Mail(String),
    /// No region pack is imported yet: nothing can be filed or decided.
    #[error("no region pack is imported")]
    NoRegion,
    /// The catalog changed since the editor's page was read; nothing was written.
    #[error("the catalog was changed by someone else meanwhile")]
    Conflict,
    /// A region pack could not be written out.
    #[error("export: {0}")]
    Export(String),
    /// A whole installation cannot be copied (`portal migrate-data`); nothing more was written.
    #[error("data migration: {0}")]
    DataMigration(String),
    /// A login was refused; the page says why in the visitor's language.
    #[error("login refused: {0}")]
    Login(crate::identity::LoginFailure),
}

/// Result of a backend operation.
pub type Result<T> = std::result::Result<T, Error>;
