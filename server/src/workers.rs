//! Every background loop of the portal, started once here, each under its name. The outbox's
//! workers (federal delivery, notification fan-out, mail) claim rows under leases, so several
//! replicas on one PostgreSQL may all run them; the inbox poll and housekeeping are idempotent.
//!
//! | name                 | what it does                                                        |
//! |----------------------|---------------------------------------------------------------------|
//! | `federal-delivery`   | sends the federal outbox (registrations, status events, acks)       |
//! | `federal-inbox`      | takes in applications filed on the federal portal                   |
//! | `notification-fanout`| turns events into notifications and emails                          |
//! | `mail`               | sends emails over SMTP (only when `mail.host` is set)               |
//! | `housekeeping`       | ends sessions, forgets quiet addresses, warns of deadlines and of a failing federal delivery |

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use backend::federation::{delivery, inbound, Signer};
use backend::notify::{fanout, mail};
use backend::outbox::worker_id;

use crate::error::StartError;
use crate::state::AppState;

/// Runs `work` in the background as worker `name`.
fn spawn(name: &'static str, work: impl Future<Output = ()> + Send + 'static) {
    tracing::info!(worker = name, "background worker started");
    tokio::spawn(work);
}

/// Starts every loop the configuration asks for; returns the federation's signer, to publish.
pub async fn start(state: &AppState) -> Result<Option<Arc<dyn Signer>>, StartError> {
    let config = &state.config;
    let db = state.portal.db.clone();
    let signer = match crate::federation::connect(state).await? {
        Some((client, signer)) => {
            spawn("federal-delivery", delivery::run(db.clone(), client.clone(), worker_id()));
            let every = Duration::from_secs(u64::from(config.federation.poll_seconds));
            spawn("federal-inbox", inbound::run(db.clone(), client, every));
            Some(signer)
        }
        None => None,
    };
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
    spawn("housekeeping", housekeeping(state.clone()));
    Ok(signer)
}

/// Every ten minutes: ended sessions and abandoned logins leave the database, quiet addresses
/// leave the rate limiters, applications near or past their deadline get their warnings queued,
/// and operators are told when the federal delivery is failing.
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
        state.limits.forget_quiet();
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
