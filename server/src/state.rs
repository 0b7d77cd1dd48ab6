//! What the running server holds: backend handles, the identity provider, Leptos options and
//! configuration; and how it is built from the configuration.
use std::sync::Arc;

use app::host::PortalState;
use axum::extract::FromRef;
use backend::identity::{OidcSettings, Provider};
use leptos::config::LeptosOptions;

use crate::config::{redact, Config};
use crate::error::StartError;
use crate::rate_limit::RateLimits;

/// Shared state of every handler.
#[derive(Clone, FromRef)]
pub struct AppState {
    /// The use cases' context (database, file store, caches, scanner, clock) and the login.
    pub portal: PortalState,
    /// Where the built site lives and how Leptos renders.
    pub leptos: LeptosOptions,
    /// The browser bundle, served from memory under content-hashed names.
    pub bundle: crate::assets::Bundle,
    /// Anonymous catalog pages as rendered for the current catalog version.
    pub page_cache: crate::page_cache::PageCache,
    /// The configuration the server started with.
    pub config: Arc<Config>,
    /// The built-in federal simulator, mounted at `/federal` when no provider is configured.
    pub embedded_federal: Option<Arc<federal_sim::Simulator>>,
    /// Request budgets per client address.
    pub limits: RateLimits,
    /// Signs our federation requests; its key is published at `/.well-known/jwks.json`. Set by
    /// `serve` when federation is on.
    pub keyring: Option<Arc<backend::federation::Keyring>>,
}

/// Opens the database (migrating it) and the file store.
pub async fn open_backend(config: &Config) -> Result<(backend::Db, backend::FileStore), StartError> {
    create_private_dir(&config.data_dir).map_err(|source| StartError::DataDir { path: config.data_dir.clone(), source })?;
    let url = config.database_url();
    tracing::info!(database = %redact(&url), "opening database");
    let db = backend::Db::connect(&url).await.map_err(StartError::Database)?;
    db.migrate().await.map_err(StartError::Database)?;
    let location = config.files_url();
    tracing::info!(files = %location, "opening the file store");
    let files = backend::FileStore::at(&location).map_err(|e| StartError::Files { location, reason: e.to_string() })?;
    Ok((db, files))
}

/// Creates the data folder (and its parents) readable by this user only; an existing one is
/// left as it is.
fn create_private_dir(path: &std::path::Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(path)
}

/// The server's state over an open database and file store. Without a configured provider the
/// federal simulator is built in, with a client secret made up for this process.
pub fn app_state(config: Config, db: backend::Db, files: backend::FileStore) -> Result<AppState, StartError> {
    let public = config.public_url();
    let (issuer, secret, embedded) = match config.embedded_issuer() {
        Some(issuer) => {
            let secret = backend::identity::new_secret();
            let sim = federal_sim::Simulator::new(federal_sim::config::demo(&issuer, &public, &secret));
            (issuer, secret, Some(sim))
        }
        None => (config.oidc.issuer_url.clone().unwrap_or_default(), config.oidc.client_secret.clone().unwrap_or_default(), None),
    };
    let provider = Provider::new(OidcSettings {
        issuer_url: issuer,
        client_id: config.oidc.client_id.clone(),
        client_secret: secret,
        scopes: config.oidc.scopes.split_whitespace().map(str::to_owned).collect(),
        redirect_url: format!("{public}/auth/callback"),
        post_logout_redirect_url: format!("{public}/"),
        claims: config.oidc.claims.clone(),
        account_url: config.oidc.account_url.clone().or_else(|| embedded.as_ref().map(|sim| format!("{}/", sim.issuer()))),
    })
    .map_err(|e| StartError::Config(format!("oidc: {e}")))?;
    let scanner: Arc<dyn backend::files::scan::Scanner> = match config.scanner.clamd.as_deref() {
        Some(address) => Arc::new(backend::files::clamd::Clamd::new(address).map_err(|e| StartError::Config(format!("scanner.clamd: {e}")))?),
        None => {
            tracing::warn!("no virus scanner configured (scanner.clamd): uploaded files are not scanned");
            Arc::new(backend::files::scan::NoScanner)
        }
    };
    let portal = PortalState { portal: backend::Portal::new(db, files).with_scanner(scanner), identity: Arc::new(provider), sessions: config.session_policy() };
    let bundle = crate::assets::Bundle::load(&config.site_root.join("pkg"));
    let page_cache = crate::page_cache::PageCache::new(config.page_cache_mb.saturating_mul(1024 * 1024), &portal.portal);
    Ok(AppState {
        portal,
        leptos: leptos_options(&config, &bundle),
        bundle,
        page_cache,
        limits: RateLimits::new(&config.rate_limit, config.behind_proxy),
        config: Arc::new(config),
        embedded_federal: embedded,
        keyring: None,
    })
}

/// Leptos options for a site built by cargo-leptos into `config.site_root`, loading the script
/// and module under the bundle's hashed name.
fn leptos_options(config: &Config, bundle: &crate::assets::Bundle) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name(bundle.output_name())
        .site_root(config.site_root.display().to_string())
        .site_pkg_dir("pkg")
        .site_addr(config.listen)
        .build()
}
