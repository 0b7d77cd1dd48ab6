//! Every background loop of the portal, started once here, each under its name: inside `portal
//! serve` (the default, `workers = true`) or in `portal worker`, a process of its own beside
//! web-only replicas. The outbox's workers (federal delivery, notification fan-out, mail, webhooks) claim
//! rows under leases, so several processes on one PostgreSQL may all run them; the inbox poll and
//! housekeeping are idempotent.
//!
//! | name                 | what it does                                                        |
//! |----------------------|---------------------------------------------------------------------|
//! | `federal-delivery`   | sends the federal outbox (registrations, status events, acks)       |
//! | `federal-inbox`      | takes in applications filed on the federal portal                   |
//! | `notification-fanout`| turns events into notifications and emails                          |
//! | `mail`               | sends emails over SMTP (only when `mail.host` is set)               |
//! | `webhook-delivery`   | posts signed events to departments' systems' webhooks               |
//! | `housekeeping`       | ends sessions, warns of deadlines and of a failing federal delivery |
//!
//! Every web process also runs `rate-limit-upkeep` (its rate limiters forget quiet addresses).

use std::future::Future;
use std::time::Duration;

use backend::federation::{delivery, inbound};
use backend::notify::{fanout, mail};
use backend::outbox::worker_id;

use crate::config::Config;
use crate::error::StartError;
use crate::federation::Key;
use crate::state::{app_state, open_backend, AppState};

/// Runs `work` in the background as worker `name`.
fn spawn(name: &'static str, work: impl Future<Output = ()> + Send + 'static) {
    tracing::info!(worker = name, "background worker started");
    tokio::spawn(work);
}

/// Starts every loop the configuration asks for, the federal ones signing with `state.keyring`.
pub async fn start(state: &AppState) -> Result<(), StartError> {
    let config = &state.config;
    let db = state.portal.db.clone();
    if let Some(client) = crate::federation::connect(state, state.keyring.clone()).await? {
        spawn("federal-delivery", delivery::run(db.clone(), client.clone(), worker_id()));
        let every = Duration::from_secs(u64::from(config.federation.poll_seconds));
        spawn("federal-inbox", inbound::run(db.clone(), client, every));
    }
    let mail_settings = config.mail_settings();
    let settings = fanout::FanoutSettings { public_url: config.public_url(), email: mail_settings.is_some() };
    spawn("notification-fanout", fanout::run(db.clone(), settings, worker_id()));
    match mail_settings {
        Some(settings) => {
            let mailer = mail::Mailer::new(settings).map_err(StartError::Mail)?;
            spawn("mail", mail::run(db, mailer, worker_id()));
        }
        None => tracing::info!("mail.host is not set: people are told in the portal only"),
    }
    let deliverer = backend::webhooks::delivery::Deliverer::new(config.webhooks).map_err(StartError::Webhooks)?;
    spawn("webhook-delivery", backend::webhooks::delivery::run(state.portal.db.clone(), deliverer, worker_id()));
    spawn("housekeeping", housekeeping(state.clone()));
    Ok(())
}

/// `portal worker`: the background loops without a web server, until SIGTERM or Ctrl-C. The
/// region pack is imported by `portal migrate` or `portal import-region`; until then it waits.
pub async fn run_alone(config: Config) -> Result<(), StartError> {
    config.check_serve()?;
    let (db, files) = open_backend(&config).await?;
    crate::first_start::until_imported(&db).await?;
    let mut state = app_state(config, db.clone(), files)?;
    state.keyring = crate::federation::keyring(&state.config, Key::Shared)?;
    start(&state).await?;
    tracing::info!("portal worker running: background work only, no web server");
    crate::shutdown::requested().await;
    db.close().await;
    tracing::info!("portal worker stopped");
    Ok(())
}

/// Every ten minutes, in every web process (with or without the background work): quiet
/// addresses leave this process's rate limiters.
pub fn start_rate_limit_upkeep(state: &AppState) {
    let limits = state.limits.clone();
    spawn("rate-limit-upkeep", async move {
        let mut tick = tokio::time::interval(Duration::from_secs(600));
        loop {
            tick.tick().await;
            limits.forget_quiet();
        }
    });
}

/// Every ten minutes: ended sessions and abandoned logins leave the database, applications near
/// or past their deadline get their warnings queued, and operators are told when the federal
/// delivery is failing.
async fn housekeeping(state: AppState) {
    let mut tick = tokio::time::interval(Duration::from_secs(600));
    let p = &state.portal;
    loop {
        tick.tick().await;
        match p.db.purge_expired_sessions(p.sessions, p.now()).await {
            Ok(n) if n > 0 => tracing::info!(rows = n, "expired sessions and logins removed"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "could not remove expired sessions"),
        }
        match backend::office::deadlines::warn_deadlines(p).await {
            Ok(n) if n > 0 => tracing::info!(warnings = n, "deadline warnings queued"),
            Ok(_) | Err(backend::Error::NoRegion) => {}
            Err(e) => tracing::warn!(error = %e, "could not check deadlines"),
        }
        match fanout::warn_federal_trouble(&p.db, p.now()).await {
            Ok(true) => tracing::warn!("delivery to the federal portal is failing; operators are told"),
            Ok(false) => {}
            Err(e) => tracing::warn!(error = %e, "could not check the federal delivery"),
        }
    }
}
