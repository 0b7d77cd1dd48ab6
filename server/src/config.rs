//! Configuration: defaults, then the `--config` TOML file, then `PORTAL_*` environment variables.
//! Every key is documented in docs/configuration.md.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use figment::providers::{Env, Format, Serialized, Toml};
use figment::Figment;
use serde::{Deserialize, Serialize};

use backend::identity::{ClaimNames, SessionPolicy};

use crate::error::StartError;

/// Where the built-in federal simulator is mounted when no provider is configured.
pub const EMBEDDED_FEDERAL_PATH: &str = "/federal";

/// Keys that may come from the environment, as `PORTAL_<KEY>` (`.` written as `__`, e.g.
/// `PORTAL_OIDC__ISSUER_URL`).
const KEYS: &[&str] = &[
    "listen",
    "database_url",
    "data_dir",
    "region",
    "site_root",
    "log_format",
    "log_level",
    "https",
    "public_url",
    "behind_proxy",
    "demo",
    "workers",
    "oidc.issuer_url",
    "oidc.client_id",
    "oidc.client_secret",
    "oidc.scopes",
    "oidc.account_url",
    "oidc.claims.snils",
    "oidc.claims.family_name",
    "oidc.claims.given_name",
    "oidc.claims.middle_name",
    "oidc.claims.birthdate",
    "oidc.claims.email",
    "oidc.claims.phone",
    "oidc.claims.assurance",
    "session.idle_minutes",
    "session.absolute_hours",
    "rate_limit.requests_per_second",
    "rate_limit.burst",
    "rate_limit.logins_per_minute",
    "federation.enabled",
    "federation.url",
    "federation.jwks_url",
    "federation.signing_key",
    "federation.poll_seconds",
    "federation.max_attempts",
    "federation.backoff_base_ms",
    "federation.backoff_max_ms",
    "federation.concurrency",
    "federation.lease_seconds",
    "metrics_token",
    "mail.host",
    "mail.port",
    "mail.tls",
    "mail.username",
    "mail.password",
    "mail.from",
    "mail.max_attempts",
    "mail.backoff_base_ms",
    "mail.backoff_max_ms",
    "webhooks.timeout_ms",
    "webhooks.max_attempts",
    "webhooks.backoff_base_ms",
    "webhooks.backoff_max_ms",
    "webhooks.allow_internal",
    "scanner.clamd",
    "files.url",
    "redis_url",
    "page_cache_mb",
];

/// The portal's configuration.
#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Address to listen on.
    pub listen: SocketAddr,
    /// `sqlite:…` or `postgres://…`; default: SQLite file `portal.db` in `data_dir`.
    pub database_url: Option<String>,
    /// Folder for the SQLite file and the local file store.
    pub data_dir: PathBuf,
    /// Region pack imported on first start, when the database has no region yet.
    pub region: PathBuf,
    /// Folder with the built site (wasm, JS, CSS), written by cargo-leptos.
    pub site_root: PathBuf,
    /// `text` for people, `json` for log collectors.
    pub log_format: LogFormat,
    /// Log filter, e.g. `info` or `info,backend=debug`.
    pub log_level: String,
    /// Served over HTTPS (directly or behind a proxy): cookies get `Secure`, HSTS is sent.
    pub https: bool,
    /// The portal's address as browsers reach it, e.g. `https://gosuslugi.region.ru`; default
    /// `http://` plus `listen` (`localhost` for an unspecified address).
    pub public_url: Option<String>,
    /// Behind a reverse proxy: the client address is the last one in `X-Forwarded-For` and the
    /// proxy's `X-Request-Id` is kept.
    pub behind_proxy: bool,
    /// A demonstration: the built-in federal simulator logs people in (anyone may pick any
    /// test person) and every page says so. Never for production; off by default.
    pub demo: bool,
    /// `serve` runs the background work too (federal delivery, inbox, notifications, mail,
    /// housekeeping); `false` for web replicas whose work runs in `portal worker`.
    pub workers: bool,
    /// The identity provider.
    pub oidc: OidcConfig,
    /// How long sessions last.
    pub session: SessionConfig,
    /// Requests per client address.
    pub rate_limit: RateLimitConfig,
    /// Redis, where replicas share their rate limits; unset, each process counts alone.
    pub redis_url: Option<String>,
    /// Exchange with the federal portal.
    pub federation: FederationConfig,
    /// Bearer token that unlocks `/metrics`; unset, `/metrics` is not served.
    pub metrics_token: Option<String>,
    /// The SMTP server for emails; without `mail.host` people are told in the portal only.
    pub mail: MailConfig,
    /// Deliveries to departments' systems' webhooks.
    pub webhooks: backend::webhooks::delivery::WebhookSettings,
    /// The virus scanner of uploaded files.
    pub scanner: ScannerConfig,
    /// Where files are kept.
    pub files: FilesConfig,
    /// Memory for anonymous catalog pages kept rendered, in MiB; 0 renders every request.
    pub page_cache_mb: usize,
}

/// The file store (docs/deployment.md).
#[derive(Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FilesConfig {
    /// A folder, or `s3://bucket/prefix` reached with the standard `AWS_*` variables; default
    /// `files` in `data_dir`.
    pub url: Option<String>,
}

/// The virus scanner (docs/security.md).
#[derive(Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ScannerConfig {
    /// ClamAV's `clamd`: `host:port` or `unix:/path/to/clamd.ctl`. Unset, files are not scanned
    /// and the operator's pages say so.
    pub clamd: Option<String>,
}

/// Email over SMTP (docs/notifications.md).
#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MailConfig {
    /// SMTP host; unset, no email is sent.
    pub host: Option<String>,
    /// SMTP port.
    pub port: u16,
    /// `none`, `starttls` or `tls`.
    pub tls: backend::notify::mail::TlsMode,
    /// User name, when the server wants one.
    pub username: Option<String>,
    /// Password.
    pub password: Option<String>,
    /// Sender, e.g. `Госуслуги <noreply@gosuslugi.region.ru>`; required with `host`.
    pub from: Option<String>,
    /// Attempts before an email is parked for the operator.
    pub max_attempts: i32,
    /// First retry delay in milliseconds; doubled with each attempt, with jitter.
    pub backoff_base_ms: i64,
    /// Longest retry delay in milliseconds.
    pub backoff_max_ms: i64,
}

impl Default for MailConfig {
    fn default() -> Self {
        MailConfig {
            host: None,
            port: 587,
            tls: backend::notify::mail::TlsMode::Starttls,
            username: None,
            password: None,
            from: None,
            max_attempts: 48,
            backoff_base_ms: 30_000,
            backoff_max_ms: 3_600_000,
        }
    }
}

/// The federation with the federal portal (docs/federation.md).
#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FederationConfig {
    /// Send registrations and status changes, and poll the inbox.
    pub enabled: bool,
    /// Base address of the federal side's API; unset, the built-in simulator's (when built in).
    pub url: Option<String>,
    /// The federal side's JWKS, which signs inbox messages; default `{url}/jwks`.
    pub jwks_url: Option<String>,
    /// Our signing key (made on first start); default `federation-key.json` in `data_dir`.
    pub signing_key: Option<PathBuf>,
    /// Seconds between inbox polls.
    pub poll_seconds: u32,
    /// Attempts before a message is parked as failed.
    pub max_attempts: i32,
    /// First retry delay in milliseconds; doubled with each attempt, with jitter.
    pub backoff_base_ms: i64,
    /// Longest retry delay in milliseconds.
    pub backoff_max_ms: i64,
    /// Messages sent at once.
    pub concurrency: usize,
    /// A claimed message is reserved this long for the process that claimed it; if that process
    /// dies, another sends it after this time.
    pub lease_seconds: u32,
}

impl Default for FederationConfig {
    fn default() -> Self {
        FederationConfig {
            enabled: true,
            url: None,
            jwks_url: None,
            signing_key: None,
            poll_seconds: 10,
            max_attempts: 12,
            backoff_base_ms: 1_000,
            backoff_max_ms: 3_600_000,
            concurrency: 32,
            lease_seconds: 60,
        }
    }
}

/// The OpenID Connect provider the portal logs people in with.
#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct OidcConfig {
    /// The provider's issuer URL; unset runs the built-in federal simulator at `{public_url}/federal`.
    pub issuer_url: Option<String>,
    /// Our client id at the provider.
    pub client_id: String,
    /// Our client secret; required with `issuer_url`.
    pub client_secret: Option<String>,
    /// Scopes asked for besides `openid`, separated by spaces.
    pub scopes: String,
    /// Which claim carries which part of the profile.
    pub claims: ClaimNames,
    /// The provider's page where people change their data (linked from `/me`); for the
    /// built-in simulator, its home page.
    pub account_url: Option<String>,
}

impl Default for OidcConfig {
    fn default() -> Self {
        OidcConfig {
            issuer_url: None,
            client_id: federal_sim::config::DEMO_CLIENT_ID.into(),
            client_secret: None,
            scopes: "profile email phone snils".into(),
            claims: ClaimNames::default(),
            account_url: None,
        }
    }
}

/// Session lifetimes.
#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SessionConfig {
    /// A session unused this long ends.
    pub idle_minutes: u32,
    /// A session ends this long after login.
    pub absolute_hours: u32,
}

impl Default for SessionConfig {
    fn default() -> Self {
        SessionConfig { idle_minutes: 30, absolute_hours: 12 }
    }
}

/// Limits per client address; 0 turns a limit off.
#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RateLimitConfig {
    /// Sustained requests per second.
    pub requests_per_second: u32,
    /// Requests allowed in a burst above that.
    pub burst: u32,
    /// Logins started per minute.
    pub logins_per_minute: u32,
}

impl Default for RateLimitConfig {
    fn default() -> Self {
        // Logins count twice (start and answer); an office or a mobile operator's NAT puts many
        // people behind one address.
        RateLimitConfig { requests_per_second: 20, burst: 200, logins_per_minute: 60 }
    }
}

/// Log line format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// Human-readable lines.
    Text,
    /// One JSON object per line.
    Json,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            listen: SocketAddr::from(([127, 0, 0, 1], 3000)),
            database_url: None,
            data_dir: PathBuf::from("data"),
            region: PathBuf::from("regions/demo"),
            site_root: PathBuf::from("target/site"),
            log_format: LogFormat::Text,
            log_level: "info".into(),
            https: false,
            public_url: None,
            behind_proxy: false,
            demo: false,
            workers: true,
            oidc: OidcConfig::default(),
            session: SessionConfig::default(),
            rate_limit: RateLimitConfig::default(),
            redis_url: None,
            federation: FederationConfig::default(),
            metrics_token: None,
            mail: MailConfig::default(),
            webhooks: Default::default(),
            scanner: ScannerConfig::default(),
            files: FilesConfig::default(),
            page_cache_mb: 64,
        }
    }
}

impl Config {
    /// Loads the configuration; the error is one line naming the key and the problem.
    pub fn load(file: Option<&Path>) -> Result<Config, StartError> {
        let mut figment = Figment::from(Serialized::defaults(Config::default()));
        if let Some(file) = file {
            if !file.is_file() {
                return Err(StartError::Config(format!("--config {}: no such file", file.display())));
            }
            figment = figment.merge(Toml::file_exact(file));
        }
        let config: Config = figment.merge(Env::prefixed("PORTAL_").split("__").only(KEYS)).extract().map_err(|e| StartError::Config(describe(&e)))?;
        config.validate()?;
        Ok(config)
    }

    fn validate(&self) -> Result<(), StartError> {
        let bad = |key: &str, problem: String| Err(StartError::Config(format!("{} ({}): {problem}", key, env_name(key))));
        if let Some(url) = &self.database_url {
            if backend::store::Backend::of_url(url).is_none() {
                return bad("database_url", format!("\"{}\" is neither a sqlite: nor a postgres:// URL", redact(url)));
            }
        }
        if let Err(e) = tracing_subscriber::EnvFilter::builder().parse(&self.log_level) {
            return bad("log_level", format!("\"{}\" is not a log filter: {e}", self.log_level));
        }
        if self.data_dir.as_os_str().is_empty() {
            return bad("data_dir", "must not be empty".into());
        }
        if let Some(url) = &self.public_url {
            if !(url.starts_with("http://") || url.starts_with("https://")) || url::Url::parse(url).is_err() {
                return bad("public_url", format!("\"{url}\" is not an http:// or https:// address"));
            }
        }
        match (self.public_url.as_deref().map(|u| u.starts_with("https://")), self.https) {
            (Some(true), false) => {
                return bad("https", "must be true when public_url is an https:// address, or the session cookie would lack Secure".into());
            }
            (Some(false) | None, true) => {
                return bad("public_url", "must be the https:// address browsers use when https is true".into());
            }
            _ => {}
        }
        if let Some(issuer) = &self.oidc.issuer_url {
            if self.demo {
                return bad("demo", "cannot be true when oidc.issuer_url names a provider: the demo's simulator is the provider".into());
            }
            if url::Url::parse(issuer).is_err() {
                return bad("oidc.issuer_url", format!("\"{issuer}\" is not an absolute URL"));
            }
            if self.oidc.client_secret.as_deref().is_none_or(str::is_empty) {
                return bad("oidc.client_secret", "is required when oidc.issuer_url names a provider".into());
            }
        }
        if let Some(url) = &self.federation.url {
            if !(url.starts_with("http://") || url.starts_with("https://")) || url::Url::parse(url).is_err() {
                return bad("federation.url", format!("\"{url}\" is not an http:// or https:// address"));
            }
        }
        let f = &self.federation;
        if f.poll_seconds == 0
            || f.max_attempts < 1
            || f.backoff_base_ms < 1
            || f.backoff_max_ms < f.backoff_base_ms
            || f.concurrency == 0
            || f.lease_seconds == 0
        {
            return bad(
                "federation",
                "poll_seconds, max_attempts, backoff_base_ms, concurrency and lease_seconds must be at least 1, backoff_max_ms at least backoff_base_ms".into(),
            );
        }
        if self.mail.host.is_some() && !self.mail.from.as_deref().is_some_and(backend::notify::mail::is_sender) {
            return bad("mail.from", "is required with mail.host and must be an address, e.g. \"Госуслуги <noreply@region.ru>\"".into());
        }
        if self.mail.max_attempts < 1 || self.mail.backoff_base_ms < 1 || self.mail.backoff_max_ms < self.mail.backoff_base_ms {
            return bad("mail", "max_attempts and backoff_base_ms must be at least 1, backoff_max_ms at least backoff_base_ms".into());
        }
        if let Some(problem) = self.webhooks.problem() {
            return bad("webhooks", problem.into());
        }
        if let Some(url) = &self.redis_url {
            if !(url.starts_with("redis://") || url.starts_with("rediss://")) || url::Url::parse(url).is_err() {
                return bad("redis_url", "must be a redis:// or rediss:// address, e.g. redis://redis.internal:6379/0".into());
            }
        }
        if let Some(bucket) = self.files.url.as_deref().and_then(|u| u.strip_prefix("s3://")) {
            if bucket.split('/').next().is_none_or(str::is_empty) {
                return bad("files.url", "names no bucket: write s3://bucket or s3://bucket/prefix".into());
            }
        }
        if let Some(Err(e)) = self.scanner.clamd.as_deref().map(backend::files::clamd::Clamd::new) {
            return bad("scanner.clamd", e);
        }
        if self.metrics_token.as_deref().is_some_and(|t| t.len() < 16) {
            return bad("metrics_token", "must be at least 16 characters".into());
        }
        if self.session.idle_minutes == 0 || self.session.absolute_hours == 0 {
            return bad("session", "idle_minutes and absolute_hours must be at least 1".into());
        }
        Ok(())
    }

    /// The portal's address as browsers reach it, without a trailing slash.
    pub fn public_url(&self) -> String {
        match &self.public_url {
            Some(url) => url.trim_end_matches('/').to_owned(),
            None if self.listen.ip().is_unspecified() => format!("http://localhost:{}", self.listen.port()),
            None => format!("http://{}", self.listen),
        }
    }

    /// Refuses to serve without an identity provider: the simulator is built in only when the
    /// `demo` switch asks for it, never silently.
    pub fn check_serve(&self) -> Result<(), StartError> {
        if self.oidc.issuer_url.is_none() && !self.demo {
            return Err(StartError::Config(
                "no identity provider: set oidc.issuer_url (PORTAL_OIDC__ISSUER_URL) to your OpenID provider, \
                 or demo = true (PORTAL_DEMO=true) for a demonstration with the built-in federal simulator"
                    .into(),
            ));
        }
        Ok(())
    }

    /// The issuer of the built-in federal simulator, in demo mode (where no provider is configured).
    pub fn embedded_issuer(&self) -> Option<String> {
        (self.demo && self.oidc.issuer_url.is_none()).then(|| format!("{}{}", self.public_url(), EMBEDDED_FEDERAL_PATH))
    }

    /// The federal side's API address: the configured one, else the built-in simulator's; `None`
    /// when federation is off or nothing names a federal side.
    pub fn federation_url(&self) -> Option<String> {
        if !self.federation.enabled {
            return None;
        }
        self.federation.url.clone().or_else(|| self.embedded_issuer())
    }

    /// The SMTP settings, when mail is configured.
    pub fn mail_settings(&self) -> Option<backend::notify::mail::MailSettings> {
        let m = &self.mail;
        Some(backend::notify::mail::MailSettings {
            host: m.host.clone()?,
            port: m.port,
            tls: m.tls,
            credentials: m.username.clone().map(|u| (u, m.password.clone().unwrap_or_default())),
            from: m.from.clone()?,
            max_attempts: m.max_attempts,
            backoff_base_ms: m.backoff_base_ms,
            backoff_max_ms: m.backoff_max_ms,
        })
    }

    /// Where our federation signing key lives.
    pub fn signing_key_path(&self) -> PathBuf {
        self.federation.signing_key.clone().unwrap_or_else(|| self.data_dir.join("federation-key.json"))
    }

    /// Session lifetimes in milliseconds.
    pub fn session_policy(&self) -> SessionPolicy {
        SessionPolicy { idle_ms: i64::from(self.session.idle_minutes) * 60_000, absolute_ms: i64::from(self.session.absolute_hours) * 3_600_000 }
    }

    /// The database URL, defaulting to the SQLite file in the data folder.
    pub fn database_url(&self) -> String {
        self.database_url.clone().unwrap_or_else(|| format!("sqlite://{}", self.data_dir.join("portal.db").display()))
    }

    /// Where files are kept: `files.url`, else the folder `files` in the data folder.
    pub fn files_url(&self) -> String {
        self.files.url.clone().unwrap_or_else(|| self.data_dir.join("files").display().to_string())
    }
}

fn env_name(key: &str) -> String {
    format!("PORTAL_{}", key.replace('.', "__").to_uppercase())
}

/// A URL with its password replaced, for messages and logs.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.find('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// One line naming where the bad value came from and what is wrong with it.
fn describe(e: &figment::Error) -> String {
    let key = e.path.join(".");
    let source = e.metadata.as_ref();
    let place = match source.and_then(|m| m.source.as_ref()) {
        Some(figment::Source::File(path)) if key.is_empty() => path.display().to_string(),
        Some(figment::Source::File(path)) => format!("{key} in {}", path.display()),
        _ if source.is_some_and(|m| m.name.contains("environment")) => env_name(&key),
        _ => key,
    };
    format!("{place}: {}", e.kind)
}

#[cfg(test)]
mod tests {
    use figment::Jail;

    use super::*;

    fn load_error(file: Option<&str>) -> String {
        match Config::load(file.map(Path::new)) {
            Err(e) => e.to_string(),
            Ok(_) => panic!("configuration must be refused"),
        }
    }

    #[test]
    fn no_configuration_gives_the_embedded_default() {
        Jail::expect_with(|_| {
            let c = Config::load(None).unwrap();
            assert_eq!(c.listen.to_string(), "127.0.0.1:3000");
            assert_eq!(c.database_url(), "sqlite://data/portal.db");
            assert_eq!(c.files_url(), "data/files");
            assert_eq!(c.region, PathBuf::from("regions/demo"));
            assert_eq!(c.log_format, LogFormat::Text);
            Ok(())
        });
    }

    #[test]
    fn environment_overrides_the_file() {
        Jail::expect_with(|jail| {
            jail.create_file("portal.toml", "listen = \"0.0.0.0:8080\"\ndata_dir = \"/srv/data\"\nlog_format = \"json\"")?;
            jail.set_env("PORTAL_LISTEN", "127.0.0.1:9000");
            jail.set_env("PORTAL_DATABASE_URL", "postgres://portal:secret@db/portal");
            jail.set_env("PORTAL_TEST_POSTGRES_URL", "ignored: not a configuration key");
            let c = Config::load(Some(Path::new("portal.toml"))).unwrap();
            assert_eq!(c.listen.to_string(), "127.0.0.1:9000");
            assert_eq!(c.data_dir, PathBuf::from("/srv/data"));
            assert_eq!(c.log_format, LogFormat::Json);
            assert_eq!(c.database_url(), "postgres://portal:secret@db/portal");
            Ok(())
        });
    }

    #[test]
    fn a_wrong_value_is_one_line_naming_the_key() {
        Jail::expect_with(|jail| {
            jail.set_env("PORTAL_LISTEN", "localhost");
            assert_eq!(load_error(None), "configuration error: PORTAL_LISTEN: invalid socket address syntax");
            jail.clear_env();
            jail.set_env("PORTAL_DATABASE_URL", "mysql://root:pw@x/db");
            assert_eq!(
                load_error(None),
                "configuration error: database_url (PORTAL_DATABASE_URL): \"mysql://root:***@x/db\" is neither a sqlite: nor a postgres:// URL"
            );
            jail.clear_env();
            jail.set_env("PORTAL_LOG_FORMAT", "xml");
            assert_eq!(load_error(None), "configuration error: PORTAL_LOG_FORMAT: unknown variant: found `xml`, expected ``text` or `json``");
            Ok(())
        });
    }

    #[test]
    fn nested_keys_come_from_double_underscore_variables() {
        Jail::expect_with(|jail| {
            jail.set_env("PORTAL_OIDC__ISSUER_URL", "https://esia.example/");
            jail.set_env("PORTAL_OIDC__CLIENT_SECRET", "s3cret");
            jail.set_env("PORTAL_OIDC__CLAIMS__SNILS", "urn:esia:snils");
            jail.set_env("PORTAL_SESSION__IDLE_MINUTES", "15");
            jail.set_env("PORTAL_PUBLIC_URL", "https://gosuslugi.region.example/");
            jail.set_env("PORTAL_HTTPS", "true");
            let c = Config::load(None).unwrap();
            assert_eq!(c.oidc.issuer_url.as_deref(), Some("https://esia.example/"));
            assert_eq!(c.oidc.claims.snils, "urn:esia:snils");
            assert_eq!(c.oidc.claims.family_name, "family_name", "other claim names keep their defaults");
            assert_eq!(c.session_policy().idle_ms, 15 * 60_000);
            assert_eq!(c.public_url(), "https://gosuslugi.region.example");
            assert_eq!(c.embedded_issuer(), None, "a configured provider replaces the simulator");
            assert_eq!(c.federation_url(), None, "and the simulator's federation API with it");
            Ok(())
        });
    }

    #[test]
    fn without_a_provider_the_simulator_is_built_in_only_in_demo_mode() {
        Jail::expect_with(|jail| {
            let c = Config::load(None).unwrap();
            assert_eq!(c.embedded_issuer(), None, "never silently");
            assert_eq!(c.federation_url(), None);
            assert_eq!(
                c.check_serve().unwrap_err().to_string(),
                "configuration error: no identity provider: set oidc.issuer_url (PORTAL_OIDC__ISSUER_URL) to your OpenID provider, \
                 or demo = true (PORTAL_DEMO=true) for a demonstration with the built-in federal simulator"
            );
            jail.set_env("PORTAL_DEMO", "true");
            assert!(Config::load(None).unwrap().check_serve().is_ok());
            assert_eq!(Config::load(None).unwrap().embedded_issuer().as_deref(), Some("http://127.0.0.1:3000/federal"));
            assert_eq!(Config::load(None).unwrap().federation_url().as_deref(), Some("http://127.0.0.1:3000/federal"));
            jail.set_env("PORTAL_FEDERATION__ENABLED", "false");
            assert_eq!(Config::load(None).unwrap().federation_url(), None);
            jail.set_env("PORTAL_FEDERATION__ENABLED", "true");
            jail.set_env("PORTAL_LISTEN", "0.0.0.0:8080");
            assert_eq!(Config::load(None).unwrap().public_url(), "http://localhost:8080", "browsers cannot open 0.0.0.0");
            jail.set_env("PORTAL_OIDC__ISSUER_URL", "https://esia.example");
            assert_eq!(
                load_error(None),
                "configuration error: demo (PORTAL_DEMO): cannot be true when oidc.issuer_url names a provider: the demo's simulator is the provider"
            );
            jail.set_env("PORTAL_DEMO", "false");
            assert_eq!(
                load_error(None),
                "configuration error: oidc.client_secret (PORTAL_OIDC__CLIENT_SECRET): is required when oidc.issuer_url names a provider"
            );
            Ok(())
        });
    }

    #[test]
    fn https_and_the_public_address_must_agree() {
        Jail::expect_with(|jail| {
            jail.set_env("PORTAL_PUBLIC_URL", "https://gosuslugi.region.example");
            assert_eq!(
                load_error(None),
                "configuration error: https (PORTAL_HTTPS): must be true when public_url is an https:// address, or the session cookie would lack Secure"
            );
            jail.set_env("PORTAL_HTTPS", "true");
            assert!(Config::load(None).is_ok());
            jail.set_env("PORTAL_PUBLIC_URL", "http://gosuslugi.region.example");
            assert_eq!(load_error(None), "configuration error: public_url (PORTAL_PUBLIC_URL): must be the https:// address browsers use when https is true");
            Ok(())
        });
    }

    #[test]
    fn file_errors_name_the_file_and_unknown_keys_are_refused() {
        Jail::expect_with(|jail| {
            jail.create_file("typo.toml", "lisen = \"127.0.0.1:1\"")?;
            let e = load_error(Some("typo.toml"));
            assert!(e.starts_with("configuration error: ") && e.contains("typo.toml") && e.contains("unknown field: found `lisen`"), "{e}");
            assert_eq!(load_error(Some("missing.toml")), "configuration error: --config missing.toml: no such file");
            assert!(!e.contains('\n'));
            Ok(())
        });
    }
}
