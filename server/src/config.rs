//! Configuration: defaults, then the `--config` TOML file, then `PORTAL_*` environment variables.
//! Every key is documented in docs/configuration.md.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use figment::providers::{Env, Format, Serialized, Toml};
use figment::Figment;
use serde::{Deserialize, Serialize};

use crate::error::StartError;

/// Keys that may come from the environment, as `PORTAL_<KEY>`.
const KEYS: &[&str] = &["listen", "database_url", "data_dir", "region", "site_root", "log_format", "log_level", "https"];

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
        let config: Config = figment
            .merge(Env::prefixed("PORTAL_").only(KEYS))
            .extract()
            .map_err(|e| StartError::Config(describe(&e)))?;
        config.validate()?;
        Ok(config)
    }

    fn validate(&self) -> Result<(), StartError> {
        let bad = |key: &str, problem: String| Err(StartError::Config(format!("{} ({}): {problem}", key, env_name(key))));
        if let Some(url) = &self.database_url {
            if backend::db::Backend::of_url(url).is_none() {
                return bad("database_url", format!("\"{}\" is neither a sqlite: nor a postgres:// URL", redact(url)));
            }
        }
        if let Err(e) = tracing_subscriber::EnvFilter::builder().parse(&self.log_level) {
            return bad("log_level", format!("\"{}\" is not a log filter: {e}", self.log_level));
        }
        if self.data_dir.as_os_str().is_empty() {
            return bad("data_dir", "must not be empty".into());
        }
        Ok(())
    }

    /// The database URL, defaulting to the SQLite file in the data folder.
    pub fn database_url(&self) -> String {
        self.database_url
            .clone()
            .unwrap_or_else(|| format!("sqlite://{}", self.data_dir.join("portal.db").display()))
    }

    /// Folder of the local file store.
    pub fn files_dir(&self) -> PathBuf {
        self.data_dir.join("files")
    }
}

fn env_name(key: &str) -> String {
    format!("PORTAL_{}", key.to_uppercase())
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
            assert_eq!(c.files_dir(), PathBuf::from("data/files"));
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
    fn file_errors_name_the_file_and_unknown_keys_are_refused() {
        Jail::expect_with(|jail| {
            jail.create_file("typo.toml", "lisen = \"127.0.0.1:1\"")?;
            let e = load_error(Some("typo.toml"));
            assert!(e.starts_with("configuration error: ") && e.contains("typo.toml") && e.contains("unknown field: found `lisen`"), "{e}");
            assert_eq!(load_error(Some("missing.toml")), "configuration error: --config missing.toml: no such file");
            for line in [e] {
                assert!(!line.contains('\n'));
            }
            Ok(())
        });
    }
}
