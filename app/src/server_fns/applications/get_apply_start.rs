//! What the start page of an online application shows.
use domain::access::AssuranceTooLow;
use domain::catalog::RequiredDocument;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::PortalError;

/// The service, its form's steps, and whether the person may start (or resume) now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApplyStart {
    /// Service code.
    pub code: String,
    /// Service title.
    pub title: String,
    /// What to have at hand.
    pub documents: Vec<RequiredDocument>,
    /// Regulatory term in working days.
    pub term_days: u16,
    /// Titles of the form's steps.
    pub steps: Vec<String>,
    /// The person's open draft, to resume.
    pub draft: Option<String>,
    /// Set when the person's account level is too low for this service.
    pub too_low: Option<AssuranceTooLow>,
}

/// The start page of applying online for service `code`; 404 when it cannot be applied for online.
#[server(endpoint = "applications/start")]
pub async fn get_apply_start(code: String) -> Result<ApplyStart, PortalError> {
    use domain::access::{may_apply, Area};

    use crate::host::{request_lang, require, state, unavailable};
    let me = require(Area::Account)?;
    let state = state()?;
    let lang = request_lang();
    let catalog = state.db.catalog(lang.clone()).await.map_err(unavailable)?;
    let passport = catalog.passport(&code).await.map_err(unavailable)?.filter(|p| p.online).ok_or(PortalError::NotFound)?;
    let (_, schema) = state.db.service_form(&code).await.map_err(unavailable)?.ok_or(PortalError::NotFound)?;
    let region_lang = crate::host::region_rules(&state).await?.default_locale;
    let draft = state.db.open_draft(me.person_id, &code).await.map_err(unavailable)?;
    Ok(ApplyStart {
        steps: schema.steps.iter().map(|s| s.title.get(&lang, &region_lang).to_owned()).collect(),
        too_low: may_apply(me.assurance, passport.assurance).err(),
        code: passport.code,
        title: passport.title,
        documents: passport.documents,
        term_days: passport.term_days,
        draft,
    })
}
