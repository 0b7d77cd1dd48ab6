//! Visitor settings kept in cookies: language and low-vision mode. Plain form posts answered
//! with a redirect back, so they work without JavaScript.
use app::host::CurrentSession;
use app::i18n::{is_available, I18n};
use app::ui::{LANG_COOKIE, LOW_VISION_COOKIE};
use axum::extract::rejection::FormRejection;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Form};
use cookie::time::Duration;
use cookie::Cookie;
use serde::Deserialize;

use crate::cookies;

use crate::cookies::request_cookie;
use crate::error::AppError;
use crate::state::AppState;

/// Form of `POST /settings/language`.
#[derive(Deserialize)]
pub struct LanguageForm {
    lang: String,
}

/// Form of `POST /settings/low-vision`.
#[derive(Deserialize)]
pub struct LowVisionForm {
    on: String,
}

/// `POST /settings/language`: remembers the language and goes back to the page; for a
/// logged-in person also in their record, so their emails come in it.
pub async fn set_language(
    State(state): State<AppState>,
    Extension(current): Extension<CurrentSession>,
    headers: HeaderMap,
    form: Result<Form<LanguageForm>, FormRejection>,
) -> Result<Response, AppError> {
    let i18n = I18n::new(request_cookie(&headers, LANG_COOKIE).unwrap_or_default());
    let Ok(Form(form)) = form else { return Err(AppError::BadRequest(i18n.t("settings-bad-form"))) };
    if !is_available(&form.lang) {
        return Err(AppError::BadRequest(i18n.t("settings-bad-language")));
    }
    if let Some(session) = &current.0 {
        state.portal.db.set_person_lang(session.principal.person_id, &form.lang).await?;
    }
    Ok(redirect_back(&headers, cookie(LANG_COOKIE, form.lang, state.config.https)))
}

/// `POST /settings/low-vision`: turns low-vision mode on (`on=1`) or off (`on=0`).
pub async fn set_low_vision(State(state): State<AppState>, headers: HeaderMap, form: Result<Form<LowVisionForm>, FormRejection>) -> Result<Response, AppError> {
    let i18n = I18n::new(request_cookie(&headers, LANG_COOKIE).unwrap_or_default());
    let on = match form.as_ref().map(|f| f.on.as_str()) {
        Ok("1") => true,
        Ok("0") => false,
        _ => return Err(AppError::BadRequest(i18n.t("settings-bad-form"))),
    };
    let c = if on { cookie(LOW_VISION_COOKIE, "1".into(), state.config.https) } else { cookies::removal(LOW_VISION_COOKIE, "/", state.config.https) };
    Ok(redirect_back(&headers, c))
}

fn cookie(name: &'static str, value: String, secure: bool) -> Cookie<'static> {
    cookies::build(name, value, "/", Some(Duration::days(365)), secure)
}

fn redirect_back(headers: &HeaderMap, cookie: Cookie<'static>) -> Response {
    let target = local_return_path(headers.get(header::REFERER).and_then(|v| v.to_str().ok()), headers.get(header::HOST).and_then(|v| v.to_str().ok()));
    (StatusCode::SEE_OTHER, [(header::LOCATION, target), (header::SET_COOKIE, cookie.to_string())]).into_response()
}

/// The path of `referer` when it is a page of this site, else `/`: never an open redirect.
pub fn local_return_path(referer: Option<&str>, host: Option<&str>) -> String {
    let (Some(referer), Some(host)) = (referer, host) else { return "/".into() };
    let Some((_, rest)) = referer.split_once("://") else { return "/".into() };
    let (authority, path) = rest.find('/').map_or((rest, "/"), |i| (&rest[..i], &rest[i..]));
    let path = path.split('#').next().unwrap_or("/");
    if authority.eq_ignore_ascii_case(host) && is_local_path(path) {
        path.to_owned()
    } else {
        "/".into()
    }
}

/// A path on this site (`/…`), never one a browser would read as another site (`//host`, `/\host`).
pub fn is_local_path(path: &str) -> bool {
    path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') && !path.chars().any(char::is_control)
}

#[cfg(test)]
mod tests {
    use super::local_return_path;

    #[test]
    fn returns_only_to_pages_of_this_site() {
        let host = Some("portal.example:3000");
        let back = |r: &str| local_return_path(Some(r), host);
        assert_eq!(back("http://portal.example:3000/services?category=family#x"), "/services?category=family");
        assert_eq!(back("https://portal.example:3000"), "/");
        assert_eq!(back("https://evil.example/services"), "/");
        assert_eq!(back("http://portal.example:3000//evil.example/x"), "/");
        assert_eq!(back("http://portal.example:3000/\\evil.example"), "/");
        assert_eq!(back("not a url"), "/");
        assert_eq!(local_return_path(None, host), "/");
    }
}
