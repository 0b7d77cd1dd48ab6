//! The entry page of the administration.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::PortalError;

/// What the administration entry shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminHome {
    /// Published services.
    pub services: i64,
    /// People holding staff roles.
    pub staff: i64,
    /// Whether uploaded files are scanned for viruses.
    pub scanning: Scanning,
}

/// Whether uploaded files are scanned for viruses, as the operator is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Scanning {
    /// No scanner is configured: files are taken unscanned.
    Off,
    /// The scanner answers.
    On,
    /// A scanner is configured but does not answer: uploads are refused until it does.
    Unreachable,
}

/// Figures of the portal for the operator.
#[server(endpoint = "admin/home")]
pub async fn get_admin_home() -> Result<AdminHome, PortalError> {
    use domain::access::Area;

    use crate::host::{require, state, unavailable};
    require(Area::Admin)?;
    let state = state()?;
    let (services, staff) = state.db.portal_counts().await.map_err(unavailable)?;
    let scanning = match state.scanner.status().await {
        backend::files::scan::ScannerStatus::Off => Scanning::Off,
        backend::files::scan::ScannerStatus::On { answers: true, .. } => Scanning::On,
        backend::files::scan::ScannerStatus::On { answers: false, address } => {
            tracing::error!(%address, "the virus scanner does not answer");
            Scanning::Unreachable
        }
    };
    Ok(AdminHome { services, staff, scanning })
}
