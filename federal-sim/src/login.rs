//! The authorization endpoint: the federal login page, where one picks a test person or
//! describes a custom one, and the redirect back to the relying party with a code.

use std::sync::{Arc, PoisonError};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Form;
use domain::identity::{AssuranceLevel, Snils};
use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::config::PersonConfig;
use crate::html::{escape, page, STYLESHEET};
use crate::oidc::Grant;
use crate::random::random_token;
use crate::Simulator;

/// Parameters of an authorization request, as sent by the relying party and carried through
/// the login page in hidden fields.
#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct AuthRequest {
    response_type: Option<String>,
    client_id: Option<String>,
    redirect_uri: Option<String>,
    scope: Option<String>,
    state: Option<String>,
    nonce: Option<String>,
    code_challenge: Option<String>,
    code_challenge_method: Option<String>,
}

/// The login form: the request's parameters plus what the person chose.
#[derive(Debug, Deserialize)]
pub(crate) struct LoginForm {
    #[serde(flatten)]
    request: AuthRequest,
    /// `login` (with `person`), `custom` (with the fields below) or `cancel`.
    action: String,
    person: Option<String>,
    family_name: Option<String>,
    given_name: Option<String>,
    middle_name: Option<String>,
    snils: Option<String>,
    birthdate: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    assurance: Option<String>,
}

/// A request whose client and redirect address are known, so errors may be sent back there.
struct Checked {
    client_id: String,
    redirect_uri: String,
    state: Option<String>,
}

/// What is wrong with a request, before or after its redirect address is trusted.
enum Refusal {
    /// Unknown client or unregistered redirect address: never redirect, show a page.
    Page(&'static str),
    /// Tell the relying party, at its registered address.
    Redirect(Checked, &'static str, &'static str),
}

impl AuthRequest {
    fn check(&self, sim: &Simulator) -> Result<Checked, Refusal> {
        let client = self.client_id.as_deref().and_then(|id| sim.client(id)).ok_or(Refusal::Page("Неизвестное приложение (client_id)."))?;
        let redirect_uri = self
            .redirect_uri
            .clone()
            .filter(|uri| client.redirect_uris.contains(uri))
            .ok_or(Refusal::Page("Адрес возврата (redirect_uri) не зарегистрирован для этого приложения."))?;
        let checked = Checked { client_id: client.client_id.clone(), redirect_uri, state: self.state.clone() };
        if self.response_type.as_deref() != Some("code") {
            return Err(Refusal::Redirect(checked, "unsupported_response_type", "only the code flow is supported"));
        }
        if !self.scopes().iter().any(|s| s == "openid") {
            return Err(Refusal::Redirect(checked, "invalid_scope", "the openid scope is required"));
        }
        if self.code_challenge.as_deref().is_none_or(str::is_empty) || self.code_challenge_method.as_deref() != Some("S256") {
            return Err(Refusal::Redirect(checked, "invalid_request", "PKCE with S256 is required"));
        }
        Ok(checked)
    }

    fn scopes(&self) -> Vec<String> {
        self.scope.as_deref().unwrap_or_default().split_whitespace().map(str::to_owned).collect()
    }

    /// The request's parameters as hidden form fields.
    fn hidden_fields(&self) -> String {
        let fields = [
            ("response_type", &self.response_type),
            ("client_id", &self.client_id),
            ("redirect_uri", &self.redirect_uri),
            ("scope", &self.scope),
            ("state", &self.state),
            ("nonce", &self.nonce),
            ("code_challenge", &self.code_challenge),
            ("code_challenge_method", &self.code_challenge_method),
        ];
        fields.iter().filter_map(|(name, value)| value.as_ref().map(|v| format!("<input type=\"hidden\" name=\"{name}\" value=\"{}\">", escape(v)))).collect()
    }
}

/// The relying party's redirect address with `pairs` added to its query.
fn back_to(sim: &Simulator, checked: &Checked, pairs: &[(&str, &str)]) -> Response {
    let Ok(mut url) = url::Url::parse(&checked.redirect_uri) else {
        return refusal_page(sim, "Адрес возврата недействителен.");
    };
    {
        let mut query = url.query_pairs_mut();
        for (k, v) in pairs {
            query.append_pair(k, v);
        }
        if let Some(state) = &checked.state {
            query.append_pair("state", state);
        }
    }
    Redirect::to(url.as_str()).into_response()
}

fn refusal_page(sim: &Simulator, message: &str) -> Response {
    let body = format!("<h1>Вход невозможен</h1><div class=\"error\" role=\"alert\"><p>{}</p></div>", escape(message));
    (StatusCode::BAD_REQUEST, Html(page(sim.issuer(), "Вход невозможен", &body))).into_response()
}

fn refuse(sim: &Simulator, refusal: Refusal) -> Response {
    match refusal {
        Refusal::Page(message) => refusal_page(sim, message),
        Refusal::Redirect(checked, error, description) => back_to(sim, &checked, &[("error", error), ("error_description", description)]),
    }
}

/// `GET /`: what the simulator is.
pub(crate) async fn home(State(sim): State<Arc<Simulator>>) -> Html<String> {
    let body = "<h1>Федеральный портал (симулятор)</h1><div class=\"card\"><p>Этот сервис изображает федеральный портал \
                госуслуг: вход через единую учётную запись (OpenID Connect) для регионального портала.</p>\
                <p>Войти можно только со страницы регионального портала: кнопка «Войти через Госуслуги».</p></div>";
    Html(page(sim.issuer(), "Федеральный портал", body))
}

/// `GET /static/sim.css`
pub(crate) async fn stylesheet() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=300")], STYLESHEET)
}

/// `GET /authorize`: the login page.
pub(crate) async fn authorize_page(State(sim): State<Arc<Simulator>>, Query(request): Query<AuthRequest>) -> Response {
    match request.check(&sim) {
        Ok(_) => Html(login_page(&sim, &request, None)).into_response(),
        Err(refusal) => refuse(&sim, refusal),
    }
}

fn assurance_name(level: AssuranceLevel) -> &'static str {
    match level {
        AssuranceLevel::Simplified => "упрощённая",
        AssuranceLevel::Standard => "стандартная",
        AssuranceLevel::Confirmed => "подтверждённая",
    }
}

fn login_page(sim: &Simulator, request: &AuthRequest, error: Option<&str>) -> String {
    let hidden = request.hidden_fields();
    let base = escape(sim.issuer());
    let persons: String = sim
        .config
        .persons
        .iter()
        .map(|p| {
            let name =
                [Some(p.family_name.as_str()), Some(p.given_name.as_str()), p.middle_name.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" ");
            let snils = p.snils.as_ref().map(|s| format!(", СНИЛС {s}")).unwrap_or_default();
            let note = p.note.as_deref().map(|n| format!("<span>{}</span>", escape(n))).unwrap_or_default();
            format!(
                "<li><button class=\"person\" type=\"submit\" name=\"person\" value=\"{}\"><strong>{}</strong>\
                 <span>Учётная запись: {}{}</span>{note}</button></li>",
                escape(&p.sub),
                escape(&name),
                assurance_name(p.assurance),
                escape(&snils),
            )
        })
        .collect();
    let error = error.map(|e| format!("<div class=\"error\" role=\"alert\"><p>{}</p></div>", escape(e))).unwrap_or_default();
    let levels: String = AssuranceLevel::ALL.iter().map(|l| format!("<option value=\"{}\">{}</option>", l.as_str(), assurance_name(*l))).collect();
    let body = format!(
        "<h1>Вход в единую учётную запись</h1>{error}\
         <form method=\"post\" action=\"{base}/authorize\" class=\"card\">{hidden}<input type=\"hidden\" name=\"action\" value=\"login\">\
         <h2 id=\"persons\">Выберите тестового пользователя</h2><ul class=\"persons\" aria-labelledby=\"persons\">{persons}</ul></form>\
         <form method=\"post\" action=\"{base}/authorize\" class=\"card\">{hidden}<input type=\"hidden\" name=\"action\" value=\"custom\">\
         <h2>Или опишите своего</h2>\
         <label for=\"family_name\">Фамилия</label><input id=\"family_name\" name=\"family_name\" required autocomplete=\"family-name\">\
         <label for=\"given_name\">Имя</label><input id=\"given_name\" name=\"given_name\" required autocomplete=\"given-name\">\
         <label for=\"middle_name\">Отчество</label><input id=\"middle_name\" name=\"middle_name\" autocomplete=\"additional-name\">\
         <label for=\"snils\">СНИЛС</label><input id=\"snils\" name=\"snils\" inputmode=\"numeric\" placeholder=\"123-456-789 64\">\
         <label for=\"birthdate\">Дата рождения</label><input id=\"birthdate\" name=\"birthdate\" type=\"date\" autocomplete=\"bday\">\
         <label for=\"email\">Электронная почта</label><input id=\"email\" name=\"email\" type=\"email\" autocomplete=\"email\">\
         <label for=\"phone\">Телефон</label><input id=\"phone\" name=\"phone\" type=\"tel\" autocomplete=\"tel\">\
         <label for=\"assurance\">Уровень учётной записи</label><select id=\"assurance\" name=\"assurance\">{levels}</select>\
         <div><button class=\"primary\" type=\"submit\">Войти</button></div></form>\
         <form method=\"post\" action=\"{base}/authorize\">{hidden}<input type=\"hidden\" name=\"action\" value=\"cancel\">\
         <button class=\"secondary\" type=\"submit\">Отказаться от входа и вернуться</button></form>"
    );
    page(sim.issuer(), "Вход", &body)
}

/// A person described on the login page; the subject is derived from what identifies them, so
/// the same description logs in as the same person.
fn custom_person(form: &LoginForm) -> Result<PersonConfig, &'static str> {
    let text = |v: &Option<String>| v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
    let family_name = text(&form.family_name).ok_or("Укажите фамилию.")?;
    let given_name = text(&form.given_name).ok_or("Укажите имя.")?;
    let snils = match text(&form.snils) {
        Some(s) => Some(Snils::parse(&s).map_err(|_| "СНИЛС указан неверно: проверьте цифры и контрольное число.")?),
        None => None,
    };
    let assurance = AssuranceLevel::parse(form.assurance.as_deref().unwrap_or("standard")).ok_or("Неизвестный уровень учётной записи.")?;
    let birthdate = text(&form.birthdate);
    let seed = format!("{family_name}|{given_name}|{}|{}", snils.as_ref().map(Snils::digits).unwrap_or_default(), birthdate.clone().unwrap_or_default());
    let sub = format!("custom-{}", &Sha256::digest(seed.as_bytes()).iter().map(|b| format!("{b:02x}")).collect::<String>()[..24]);
    Ok(PersonConfig {
        sub,
        snils,
        family_name,
        given_name,
        middle_name: text(&form.middle_name),
        birthdate,
        email: text(&form.email),
        phone: text(&form.phone),
        assurance,
        note: None,
    })
}

/// `POST /authorize`: the person chose; send the browser back with a code, or with an error.
pub(crate) async fn authorize_submit(State(sim): State<Arc<Simulator>>, Form(form): Form<LoginForm>) -> Response {
    let checked = match form.request.check(&sim) {
        Ok(c) => c,
        Err(refusal) => return refuse(&sim, refusal),
    };
    // A configured test person is signed in to the federal personal account as well (one login
    // for both, as on the federal portal); a described one has no account pages.
    let mut signed_in = None;
    let person = match form.action.as_str() {
        "cancel" => return back_to(&sim, &checked, &[("error", "access_denied"), ("error_description", "the person declined to log in")]),
        "login" => match form.person.as_deref().and_then(|sub| sim.person(sub)) {
            Some(p) => {
                signed_in = Some(sim.sessions.start(&p.sub));
                p.clone()
            }
            None => return (StatusCode::BAD_REQUEST, Html(login_page(&sim, &form.request, Some("Такого пользователя нет.")))).into_response(),
        },
        "custom" => match custom_person(&form) {
            Ok(p) => p,
            Err(message) => return (StatusCode::BAD_REQUEST, Html(login_page(&sim, &form.request, Some(message)))).into_response(),
        },
        _ => return refusal_page(&sim, "Форма входа отправлена неверно."),
    };
    let code = random_token();
    let auth_time = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let grant = Grant {
        client_id: checked.client_id.clone(),
        redirect_uri: checked.redirect_uri.clone(),
        person,
        nonce: form.request.nonce.clone(),
        code_challenge: form.request.code_challenge.clone().unwrap_or_default(),
        scopes: form.request.scopes(),
        issued: Instant::now(),
        auth_time,
        used: false,
    };
    {
        let mut codes = sim.codes.lock().unwrap_or_else(PoisonError::into_inner);
        // Forget codes nobody exchanged, so a long-running simulator does not grow.
        codes.retain(|_, g| g.issued.elapsed().as_secs() < 600);
        codes.insert(code.clone(), grant);
    }
    tracing::info!(client = %checked.client_id, "person logged in, code issued");
    let mut response = back_to(&sim, &checked, &[("code", &code)]);
    if let Some(token) = signed_in {
        crate::session::set_cookie(&mut response, sim.issuer(), Some(&token));
    }
    response
}
