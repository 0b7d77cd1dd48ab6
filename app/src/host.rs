//! The one seam between components and the server: everything here that touches the request,
//! the response or the backend exists only with the `ssr` feature.

use crate::ui::UiPrefs;

/// The request's presentation settings, from the request (set by the server's middleware). Only
/// the server renders whole pages; the browser hydrates islands, which need no page settings.
pub fn request_ui() -> UiPrefs {
    #[cfg(feature = "ssr")]
    {
        server::request_ui()
    }
    #[cfg(not(feature = "ssr"))]
    {
        UiPrefs::default()
    }
}

pub use crate::http_status::set_status;

#[cfg(feature = "ssr")]
pub use server::*;

#[cfg(feature = "ssr")]
mod server {
    use std::sync::Arc;

    use backend::identity::{ActiveSession, Provider, SessionPolicy};
    use backend::Portal;
    use domain::access::{may_enter, Area, Decision, Principal};
    use domain::localized::Lang;
    use leptos::prelude::*;

    use crate::error::PortalError;
    use crate::http_status::set_status;
    use crate::i18n::DEFAULT_LANG;
    use crate::ui::UiPrefs;

    /// The request's Content-Security-Policy nonce, put into request extensions by the server.
    #[derive(Clone, Debug)]
    pub struct CspNonce(pub String);

    /// The stylesheet's URL (content-hashed in a built site), provided as context by the server.
    #[derive(Clone, Debug)]
    pub struct StylesheetHref(pub Arc<str>);

    /// What server functions and pages need from the server, provided as context: the use
    /// cases' context (it derefs to it) and the login.
    #[derive(Clone, Debug)]
    pub struct PortalState {
        /// What every use case works with.
        pub portal: Portal,
        /// The identity provider (federal login).
        pub identity: Arc<Provider>,
        /// How long sessions last.
        pub sessions: SessionPolicy,
    }

    impl std::ops::Deref for PortalState {
        type Target = Portal;
        fn deref(&self) -> &Portal {
            &self.portal
        }
    }

    /// Who is logged in on this request (`None`: nobody); put into request extensions by the
    /// server's session middleware.
    #[derive(Clone, Debug, Default)]
    pub struct CurrentSession(pub Option<ActiveSession>);

    /// The logged-in person of the current request.
    pub fn viewer() -> Option<Principal> {
        use_context::<http::request::Parts>().and_then(|parts| parts.extensions.get::<CurrentSession>().and_then(|s| s.0.clone())).map(|s| s.principal)
    }

    /// The logged-in person when they may enter `area`; otherwise why not.
    pub fn require(area: Area) -> Result<Principal, PortalError> {
        let who = viewer();
        match may_enter(who.as_ref(), area) {
            Decision::Allow => who.ok_or(PortalError::LoginRequired),
            Decision::LogIn => {
                set_status(401);
                Err(PortalError::LoginRequired)
            }
            Decision::Deny => {
                tracing::warn!(person_id = who.map(|p| p.person_id), ?area, "access denied");
                set_status(403);
                Err(PortalError::Forbidden)
            }
        }
    }

    /// The backend, or `Unavailable` when the server did not provide it.
    pub fn state() -> Result<PortalState, PortalError> {
        use_context::<PortalState>().ok_or(PortalError::Unavailable)
    }

    pub(super) fn request_ui() -> UiPrefs {
        use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<UiPrefs>().cloned())
            .unwrap_or_else(|| UiPrefs { lang: DEFAULT_LANG.to_owned(), ..UiPrefs::default() })
    }

    /// The language of the current request.
    pub fn request_lang() -> Lang {
        Lang::parse(&request_ui().lang).unwrap_or_else(|_| Lang::parse(DEFAULT_LANG).expect("default is a tag"))
    }

    /// Logs a backend failure once and turns it into what the visitor may see. A refusal is no
    /// failure: it goes to the page as it is (and "not found" as the 404 page).
    pub fn unavailable(error: backend::Error) -> PortalError {
        match error {
            backend::Error::Refused(domain::application::Refusal::NotFound) => {
                set_status(404);
                PortalError::NotFound
            }
            backend::Error::Refused(refusal) => PortalError::Refused(refusal),
            backend::Error::NoRegion => {
                tracing::warn!("no region pack is imported yet");
                PortalError::Unavailable
            }
            error => {
                tracing::error!(error = %error, "backend failure");
                PortalError::Unavailable
            }
        }
    }

    /// The region's rules (numbers, time zone, calendar), read through the catalog cache.
    pub async fn region_rules(state: &PortalState) -> Result<domain::region::RegionRules, PortalError> {
        state.rules().await.map_err(unavailable)
    }
}
