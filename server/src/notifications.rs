//! Starting the notification workers: the fan-out always (people are told in the portal), the
//! mail worker when SMTP is configured.
use backend::federation::delivery::worker_id;
use backend::notify::{fanout, mail};

use crate::error::StartError;
use crate::state::AppState;

/// Starts the workers.
pub fn start(state: &AppState) -> Result<(), StartError> {
    let config = &state.config;
    let db = state.portal.db.clone();
    let settings = config.mail_settings();
    let fanout = fanout::FanoutSettings { public_url: config.public_url(), email: settings.is_some() };
    tokio::spawn(fanout::run(db.clone(), fanout, worker_id()));
    match settings {
        Some(settings) => {
            let mailer = mail::Mailer::new(settings).map_err(StartError::Federation)?;
            tokio::spawn(mail::run(db, mailer, worker_id()));
        }
        None => tracing::info!("mail.host is not set: people are told in the portal only"),
    }
    Ok(())
}
