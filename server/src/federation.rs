//! Connecting the federation with the federal portal: the signing key and the client (its
//! workers are started by `workers.rs`); with the built-in simulator, this portal is registered
//! with it.
use std::sync::Arc;

use backend::federation::{inbound, Es256Signer, FederalClient, FederationSettings, Signer};

use crate::error::StartError;
use crate::state::AppState;

/// The client and the signer (whose key `/.well-known/jwks.json` publishes) when federation is on.
pub async fn connect(state: &AppState) -> Result<Option<(FederalClient, Arc<dyn Signer>)>, StartError> {
    let config = &state.config;
    let Some(url) = config.federation_url() else {
        tracing::info!("federation is off: applications stay on this portal (set federation.url to connect the federal portal)");
        return Ok(None);
    };
    let db = &state.portal.db;
    let Some(rules) = db.region_rules().await.map_err(StartError::Database)? else {
        return Err(StartError::Config("federation needs an imported region".into()));
    };
    let signer: Arc<dyn Signer> = Arc::new(Es256Signer::load_or_create(&config.signing_key_path()).map_err(StartError::Federation)?);
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
    if let Some(sim) = &state.embedded_federal {
        let services = inbound::offered_services(db, &rules.default_locale).await.map_err(StartError::Database)?;
        sim.add_region(federal_sim::config::RegionConfig {
            code: rules.code.clone(),
            name: rules.name.get(&rules.default_locale, &rules.default_locale).to_owned(),
            jwks_url: format!("{}/.well-known/jwks.json", config.public_url()),
            services: services.into_iter().map(|(code, title)| federal_sim::config::ServiceRef { code, title }).collect(),
        });
    }
    tracing::info!(federal = %url, region = %rules.code, kid = %signer.kid(), "federation connected");
    Ok(Some((FederalClient::new(settings, signer.clone()), signer)))
}
