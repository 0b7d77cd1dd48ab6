//! The simulator's configuration: a TOML file with its public address, the relying parties
//! (clients) it knows and the test persons one can log in as.

use std::net::SocketAddr;
use std::path::Path;

use domain::identity::{AssuranceLevel, Snils};
use serde::{Deserialize, Serialize};

/// The whole configuration file.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SimConfig {
    /// Public base address, which is also the OpenID issuer, e.g. `http://127.0.0.1:4000`.
    pub issuer: String,
    /// Address to listen on when run as its own process.
    #[serde(default = "default_listen")]
    pub listen: SocketAddr,
    /// Serve `/sim/control/*`, which tests use to inject faults and rotate keys.
    #[serde(default)]
    pub control: bool,
    /// Lifetime of ID and access tokens, in seconds.
    #[serde(default = "default_token_seconds")]
    pub token_seconds: u32,
    /// Relying parties allowed to log people in.
    #[serde(default)]
    pub clients: Vec<ClientConfig>,
    /// Test persons offered on the login page.
    #[serde(default)]
    pub persons: Vec<PersonConfig>,
    /// Regional portals connected to the federation API.
    #[serde(default)]
    pub regions: Vec<RegionConfig>,
}

/// A regional portal that sends registrations and polls its inbox.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionConfig {
    /// The region's code (its region pack's `code`).
    pub code: String,
    /// Its name, shown in the personal account.
    pub name: String,
    /// Where its public signing keys are published (`…/.well-known/jwks.json`).
    pub jwks_url: String,
    /// Its services one can file for on the federal side.
    #[serde(default)]
    pub services: Vec<ServiceRef>,
}

/// A regional service offered on the federal filing page.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceRef {
    /// Service code in the region's catalog.
    pub code: String,
    /// Its title.
    pub title: String,
}

/// A relying party (a regional portal) registered with the provider.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientConfig {
    /// OAuth client id.
    pub client_id: String,
    /// OAuth client secret.
    pub client_secret: String,
    /// Exact redirect addresses it may ask for.
    pub redirect_uris: Vec<String>,
    /// Exact addresses it may return to after logout.
    #[serde(default)]
    pub post_logout_redirect_uris: Vec<String>,
}

/// A test person: the claims a federal account would carry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonConfig {
    /// Stable subject identifier.
    pub sub: String,
    /// SNILS as printed, e.g. `123-456-789 64`.
    pub snils: Option<Snils>,
    /// Family name.
    pub family_name: String,
    /// Given name.
    pub given_name: String,
    /// Middle name.
    pub middle_name: Option<String>,
    /// Birth date `YYYY-MM-DD`.
    pub birthdate: Option<String>,
    /// Email address.
    pub email: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
    /// Account level.
    pub assurance: AssuranceLevel,
    /// What this person is for in the demo, shown on the login page.
    #[serde(default)]
    pub note: Option<String>,
}

fn default_listen() -> SocketAddr {
    SocketAddr::from(([127, 0, 0, 1], 4000))
}

fn default_token_seconds() -> u32 {
    600
}

/// Why a configuration cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("{path}: {source}")]
    Read { path: String, source: std::io::Error },
    /// The file is not valid TOML of the expected shape.
    #[error("{path}: {message}")]
    Parse { path: String, message: String },
    /// A value is wrong.
    #[error("{0}")]
    Invalid(String),
}

/// The test persons and client of the one-command demo (`demo.toml`), for an issuer at `issuer`
/// serving the portal at `portal_url` with `client_secret`.
pub fn demo(issuer: &str, portal_url: &str, client_secret: &str) -> SimConfig {
    let mut config: SimConfig = toml::from_str(include_str!("../demo.toml")).expect("demo.toml is valid");
    config.issuer = issuer.trim_end_matches('/').to_owned();
    config.clients = vec![ClientConfig {
        client_id: DEMO_CLIENT_ID.to_owned(),
        client_secret: client_secret.to_owned(),
        redirect_uris: vec![format!("{portal_url}/auth/callback")],
        post_logout_redirect_uris: vec![format!("{portal_url}/")],
    }];
    config
}

/// Client id of the demo portal.
pub const DEMO_CLIENT_ID: &str = "regional-portal";

impl SimConfig {
    /// Reads and checks a configuration file.
    pub fn load(path: &Path) -> Result<SimConfig, ConfigError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read { path: shown.clone(), source })?;
        let config: SimConfig = toml::from_str(&text).map_err(|e| ConfigError::Parse { path: shown, message: e.message().to_owned() })?;
        config.validate()?;
        Ok(config)
    }

    /// Checks what TOML cannot: addresses and unique ids.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let bad = |m: String| Err(ConfigError::Invalid(m));
        if url::Url::parse(&self.issuer).is_err() {
            return bad(format!("issuer \"{}\" is not an absolute URL", self.issuer));
        }
        let mut subs = std::collections::HashSet::new();
        for p in &self.persons {
            if !subs.insert(&p.sub) {
                return bad(format!("persons: sub \"{}\" is used twice", p.sub));
            }
        }
        for r in &self.regions {
            if url::Url::parse(&r.jwks_url).is_err() {
                return bad(format!("regions.{}: jwks_url \"{}\" is not an absolute URL", r.code, r.jwks_url));
            }
        }
        for c in &self.clients {
            for uri in c.redirect_uris.iter().chain(&c.post_logout_redirect_uris) {
                if url::Url::parse(uri).is_err() {
                    return bad(format!("clients.{}: \"{uri}\" is not an absolute URL", c.client_id));
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_configuration_has_persons_of_every_level_and_one_client() {
        let c = demo("http://127.0.0.1:3000/federal/", "http://127.0.0.1:3000", "s3cret");
        assert_eq!(c.issuer, "http://127.0.0.1:3000/federal");
        c.validate().unwrap();
        for level in AssuranceLevel::ALL {
            assert!(c.persons.iter().any(|p| p.assurance == level), "{level:?}");
        }
        assert_eq!(c.clients[0].redirect_uris, ["http://127.0.0.1:3000/auth/callback"]);
    }
}
