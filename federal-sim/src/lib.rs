//! A standalone simulator of the federal portal ("one window"), for development, tests and the
//! one-command demo. It is an OpenID Connect provider whose accounts carry the claims of a
//! federal identity (SNILS, names, birth date, contacts, assurance level), with test persons from
//! its configuration, and fault injection at run time for tests.
//!
//! It also plays the federal side of the federation protocol (docs/federation.md): it takes
//! regional registrations and status events, keeps an inbox of applications filed on its own
//! pages for regional services, and shows every region's applications in a personal account.
//!
//! It runs as its own process (`federal-sim --config sim.toml`) or mounted inside the portal under
//! a path (the demo); either way the portal talks to it over HTTP like to any provider.

mod account;
pub mod config;
mod control;
pub mod faults;
pub mod federation;
mod html;
pub mod keys;
mod login;
mod oidc;
mod random;
mod session;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError, RwLock};

use axum::routing::{get, post};
use axum::Router;

pub use config::SimConfig;
use config::{ClientConfig, PersonConfig};
use faults::Faults;
use keys::{Key, KeyRing};

/// The simulator's state: configuration, keys, issued codes and tokens, faults.
pub struct Simulator {
    config: SimConfig,
    keys: RwLock<KeyRing>,
    /// Signs tokens under a key id the JWKS never publishes (the `unknown_key` fault).
    rogue_key: Key,
    codes: Mutex<HashMap<String, oidc::Grant>>,
    tokens: Mutex<HashMap<String, oidc::AccessGrant>>,
    faults: RwLock<Faults>,
    registry: Mutex<federation::Registry>,
    region_keys: federation::RegionKeys,
    /// Regional portals connected; the configuration's, plus any added at run time.
    regions: RwLock<Vec<config::RegionConfig>>,
    /// Sign-ins to the personal account.
    sessions: session::Sessions,
}

impl Simulator {
    /// A simulator with fresh keys.
    pub fn new(config: SimConfig) -> Arc<Simulator> {
        Arc::new(Simulator {
            keys: RwLock::new(KeyRing::default()),
            rogue_key: Key::generate("not-published".into()),
            codes: Mutex::default(),
            tokens: Mutex::default(),
            faults: RwLock::default(),
            registry: Mutex::default(),
            region_keys: federation::RegionKeys::default(),
            regions: RwLock::new(config.regions.clone()),
            sessions: session::Sessions::default(),
            config,
        })
    }

    /// The issuer, which is also the base address of every page and endpoint.
    pub fn issuer(&self) -> &str {
        &self.config.issuer
    }

    fn client(&self, client_id: &str) -> Option<&ClientConfig> {
        self.config.clients.iter().find(|c| c.client_id == client_id)
    }

    fn person(&self, sub: &str) -> Option<&PersonConfig> {
        self.config.persons.iter().find(|p| p.sub == sub)
    }

    /// Connects a regional portal (the portal that embeds the simulator adds itself at start).
    pub fn add_region(&self, region: config::RegionConfig) {
        let mut regions = self.regions.write().unwrap_or_else(PoisonError::into_inner);
        regions.retain(|r| r.code != region.code);
        regions.push(region);
    }

    fn regions(&self) -> Vec<config::RegionConfig> {
        self.regions.read().unwrap_or_else(PoisonError::into_inner).clone()
    }

    fn faults(&self) -> Faults {
        self.faults.read().unwrap_or_else(PoisonError::into_inner).clone()
    }
}

/// Every route of the simulator, relative to its issuer address.
pub fn router(sim: Arc<Simulator>) -> Router {
    let mut router = Router::new()
        .route("/", get(login::home))
        .route("/static/sim.css", get(login::stylesheet))
        .route("/.well-known/openid-configuration", get(oidc::discovery))
        .route("/jwks", get(oidc::jwks))
        .route("/authorize", get(login::authorize_page).post(login::authorize_submit))
        .route("/token", post(oidc::token))
        .route("/userinfo", get(oidc::userinfo).post(oidc::userinfo))
        .route("/logout", get(oidc::end_session))
        .route("/lk", get(account::choose))
        .route("/lk/login", post(account::sign_in))
        .route("/lk/logout", post(account::sign_out))
        .route("/lk/{sub}", get(account::account))
        .route("/lk/{sub}/file", get(account::file_page).post(account::file_submit))
        .route("/federation/v1/applications", post(federation::register))
        .route("/federation/v1/applications/{id}/events", post(federation::events))
        .route("/federation/v1/inbox", get(federation::inbox))
        .route("/federation/v1/inbox/{message_id}/ack", post(federation::ack));
    if sim.config.control {
        router = router
            .route("/sim/control/faults", get(control::get_faults).put(control::set_faults))
            .route("/sim/control/rotate-keys", post(control::rotate_keys))
            .route("/sim/control/federation", get(control::federation))
            .route("/sim/control/inbox", post(control::file));
    }
    router.with_state(sim)
}
