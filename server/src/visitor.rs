//! Who is visiting, as far as every answer needs to know: their language (the cookie, else the
//! region's default), for pages and for the localized answers of routes outside Leptos.

use app::i18n::{negotiate, I18n, DEFAULT_LANG};
use app::ui::LANG_COOKIE;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::HeaderMap;
use backend::store::catalog::Region;
use domain::localized::Lang;

use crate::cookies::request_cookie;
use crate::state::AppState;

/// The visitor's language (their cookie, else the region's default, else Russian) and the
/// region, read through the catalog cache. A failing database leaves the defaults.
pub async fn visitor_lang(state: &AppState, headers: &HeaderMap) -> (Lang, Option<Region>) {
    let db = &state.portal.db;
    let region = state.portal.cache.get_or_load(db, "region".into(), db.region()).await.unwrap_or_else(|e| {
        tracing::error!(error = %e, "region unavailable");
        None
    });
    let tag = negotiate(request_cookie(headers, LANG_COOKIE), region.as_ref().map(|r| r.default_locale.as_str()));
    // Locale file names are checked to be language tags when the app is built.
    let lang = Lang::parse(tag).unwrap_or_else(|_| Lang::parse(DEFAULT_LANG).expect("the default is a tag"));
    (lang, region)
}

/// The visitor's language and its texts, for a route's answers.
pub struct Visitor {
    /// The language.
    pub lang: Lang,
    /// Its texts.
    pub i18n: I18n,
}

impl FromRequestParts<AppState> for Visitor {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let (lang, _) = visitor_lang(state, &parts.headers).await;
        Ok(Visitor { i18n: I18n::new(lang.as_str()), lang })
    }
}
