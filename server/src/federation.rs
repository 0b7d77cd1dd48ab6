//! Connecting the federation with the federal portal: the signing key and the client (its
//! workers are started by `workers.rs`); with the built-in simulator, this portal is registered
//! with it. Every process of an installation signs with one key and publishes it: only a portal
//! doing everything in one process makes the key; web-only replicas and `portal worker` read it.
use std::sync::Arc;

use backend::federation::{inbound, FederalClient, FederationSettings, Keyring};

use crate::config::Config;
use crate::error::StartError;
use crate::state::AppState;

/// Whether this process may make the signing key when its file is missing.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// One process does everything: the key is made on first start.
    MadeWhenMissing,
    /// Web replicas and workers share a key made beforehand (`portal create-signing-key`).
    Shared,
}

/// The signing keys `/.well-known/jwks.json` publishes, when federation is on.
pub fn keyring(config: &Config, key: Key) -> Result<Option<Arc<Keyring>>, StartError> {
    if config.federation_url().is_none() {
        return Ok(None);
    }
    let path = config.signing_key_path();
    let keyring = match key {
        Key::MadeWhenMissing => Keyring::load_or_create(&path),
        Key::Shared if !path.exists() => {
            return Err(StartError::Config(format!(
                "federation.signing_key: {} does not exist; processes that share the work (workers = false, portal worker) \
                 sign with one key made beforehand: portal create-signing-key {}",
                path.display(),
                path.display()
            )))
        }
        Key::Shared => Keyring::load(&path),
    };
    Ok(Some(Arc::new(keyring.map_err(StartError::Federation)?)))
}

/// With the built-in simulator (the demo), tells it about this region: the services it offers
/// and where our key is published.
pub async fn register_with_embedded(state: &AppState) -> Result<(), StartError> {
    let (Some(sim), Some(_)) = (&state.embedded_federal, state.config.federation_url()) else {
        return Ok(());
    };
    let db = &state.portal.db;
    let rules = db.region_rules().await.map_err(StartError::Database)?.ok_or(StartError::Config("federation needs an imported region".into()))?;
    let services = inbound::offered_services(db, &rules.default_locale).await.map_err(StartError::Database)?;
    sim.add_region(federal_sim::config::RegionConfig {
        code: rules.code.clone(),
        name: rules.name.get(&rules.default_locale, &rules.default_locale).to_owned(),
        jwks_url: format!("{}/.well-known/jwks.json", state.config.public_url()),
        services: services.into_iter().map(|(code, title)| federal_sim::config::ServiceRef { code, title }).collect(),
    });
    Ok(())
}

/// The client to the federal portal, signing with `keyring`, when federation is on.
pub async fn connect(state: &AppState, keyring: Option<Arc<Keyring>>) -> Result<Option<FederalClient>, StartError> {
    let config = &state.config;
    let (Some(url), Some(keyring)) = (config.federation_url(), keyring) else {
        tracing::info!("federation is off: applications stay on this portal (set federation.url to connect the federal portal)");
        return Ok(None);
    };
    let db = &state.portal.db;
    let Some(rules) = db.region_rules().await.map_err(StartError::Database)? else {
        return Err(StartError::Config("federation needs an imported region".into()));
    };
    let f = &config.federation;
    let mut settings = FederationSettings::new(&url, &rules.code);
    if let Some(jwks) = &f.jwks_url {
        settings.jwks_url = jwks.clone();
    }
    settings.max_attempts = f.max_attempts;
    settings.backoff_base_ms = f.backoff_base_ms;
    settings.backoff_max_ms = f.backoff_max_ms;
    settings.concurrency = f.concurrency;
    settings.lease_ms = i64::from(f.lease_seconds) * 1000;
    tracing::info!(federal = %url, region = %rules.code, kid = %keyring.signer().kid(), "federation connected");
    Ok(Some(FederalClient::new(settings, keyring)))
}
