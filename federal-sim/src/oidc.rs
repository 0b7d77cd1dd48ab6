//! The OpenID Connect endpoints a relying party calls: discovery, JWKS, token, userinfo and end
//! session. The login page itself (the authorization endpoint) is in `login.rs`.

use std::sync::{Arc, PoisonError};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::{Form, Json};
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use hmac::{Hmac, Mac};
use serde::Deserialize;
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

use crate::config::PersonConfig;
use crate::faults::IdTokenFault;
use crate::html::{escape, page};
use crate::random::random_token;
use crate::Simulator;

/// How long an authorization code may wait to be exchanged.
const CODE_LIFETIME: Duration = Duration::from_secs(60);

/// An issued authorization code, waiting for the token request.
pub(crate) struct Grant {
    pub client_id: String,
    pub redirect_uri: String,
    pub person: PersonConfig,
    pub nonce: Option<String>,
    pub code_challenge: String,
    pub scopes: Vec<String>,
    pub issued: Instant,
    pub auth_time: u64,
    /// Set when exchanged; a second exchange is refused and revokes what the first gave.
    pub used: bool,
}

/// An issued access token, good for userinfo.
pub(crate) struct AccessGrant {
    pub person: PersonConfig,
    pub scopes: Vec<String>,
    pub expires: Instant,
    pub code: String,
}

fn now_secs() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// `GET /.well-known/openid-configuration`
pub(crate) async fn discovery(State(sim): State<Arc<Simulator>>) -> Json<Value> {
    let base = sim.issuer();
    // While HMAC-signed tokens are issued, they are also offered here, as a careless provider
    // would: the client must refuse them anyway.
    let algs = if sim.faults().id_token == Some(IdTokenFault::Hs256ClientSecret) { json!(["RS256", "HS256"]) } else { json!(["RS256"]) };
    Json(json!({
        "issuer": base,
        "authorization_endpoint": format!("{base}/authorize"),
        "token_endpoint": format!("{base}/token"),
        "userinfo_endpoint": format!("{base}/userinfo"),
        "jwks_uri": format!("{base}/jwks"),
        "end_session_endpoint": format!("{base}/logout"),
        "response_types_supported": ["code"],
        "grant_types_supported": ["authorization_code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": algs,
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
        "code_challenge_methods_supported": ["S256"],
        "scopes_supported": ["openid", "profile", "email", "phone", "snils"],
        "claims_supported": [
            "sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "family_name", "given_name", "middle_name",
            "birthdate", "email", "phone_number", "snils", "assurance_level"
        ],
    }))
}

/// `GET /jwks`
pub(crate) async fn jwks(State(sim): State<Arc<Simulator>>) -> Json<Value> {
    Json(sim.keys.read().unwrap_or_else(PoisonError::into_inner).jwks())
}

/// The claims of `person` that `scopes` allow, plus `sub` and the assurance level.
pub(crate) fn person_claims(person: &PersonConfig, scopes: &[String]) -> Map<String, Value> {
    let has = |s: &str| scopes.iter().any(|x| x == s);
    let mut claims = Map::new();
    claims.insert("sub".into(), person.sub.clone().into());
    claims.insert("assurance_level".into(), person.assurance.as_str().into());
    let mut put = |name: &str, value: Option<&String>| {
        if let Some(v) = value {
            claims.insert(name.into(), v.clone().into());
        }
    };
    if has("profile") {
        put("family_name", Some(&person.family_name));
        put("given_name", Some(&person.given_name));
        put("middle_name", person.middle_name.as_ref());
        put("birthdate", person.birthdate.as_ref());
    }
    if has("email") {
        put("email", person.email.as_ref());
    }
    if has("phone") {
        put("phone_number", person.phone.as_ref());
    }
    if has("snils") {
        put("snils", person.snils.as_ref().map(ToString::to_string).as_ref());
    }
    claims
}

/// Form of `POST /token`.
#[derive(Deserialize)]
pub(crate) struct TokenRequest {
    grant_type: Option<String>,
    code: Option<String>,
    redirect_uri: Option<String>,
    code_verifier: Option<String>,
    client_id: Option<String>,
    client_secret: Option<String>,
}

fn token_error(status: StatusCode, error: &str, description: &str) -> Response {
    tracing::info!(error, description, "token request refused");
    (status, [(header::CACHE_CONTROL, "no-store")], Json(json!({ "error": error, "error_description": description }))).into_response()
}

/// The client credentials of a token request: HTTP Basic (form-encoded parts, RFC 6749 §2.3.1)
/// or the form's own fields.
fn client_credentials(headers: &HeaderMap, form: &TokenRequest) -> Option<(String, String)> {
    let basic = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Basic "))
        .and_then(|b64| STANDARD.decode(b64.trim()).ok())
        .and_then(|bytes| String::from_utf8(bytes).ok());
    if let Some(pair) = basic {
        let (id, secret) = pair.split_once(':')?;
        let decode = |s: &str| percent_encoding::percent_decode_str(&s.replace('+', " ")).decode_utf8().ok().map(|c| c.into_owned());
        return Some((decode(id)?, decode(secret)?));
    }
    Some((form.client_id.clone()?, form.client_secret.clone()?))
}

/// `POST /token`: exchanges a code (with its PKCE verifier) for an ID token and access token.
pub(crate) async fn token(State(sim): State<Arc<Simulator>>, headers: HeaderMap, Form(form): Form<TokenRequest>) -> Response {
    if sim.faults().token_outage {
        tracing::warn!("the token endpoint is down, as asked");
        return (StatusCode::SERVICE_UNAVAILABLE, "token endpoint unavailable").into_response();
    }
    let Some((client_id, secret)) = client_credentials(&headers, &form) else {
        return token_error(StatusCode::UNAUTHORIZED, "invalid_client", "client authentication is required");
    };
    match sim.client(&client_id) {
        Some(c) if c.client_secret == secret => {}
        _ => return token_error(StatusCode::UNAUTHORIZED, "invalid_client", "unknown client or wrong secret"),
    }
    if form.grant_type.as_deref() != Some("authorization_code") {
        return token_error(StatusCode::BAD_REQUEST, "unsupported_grant_type", "only authorization_code is supported");
    }
    let Some(code) = form.code.as_deref() else {
        return token_error(StatusCode::BAD_REQUEST, "invalid_request", "code is missing");
    };
    let grant = {
        let mut codes = sim.codes.lock().unwrap_or_else(PoisonError::into_inner);
        let Some(grant) = codes.get_mut(code) else {
            return token_error(StatusCode::BAD_REQUEST, "invalid_grant", "unknown code");
        };
        if grant.used {
            // RFC 6749 §4.1.2: a code used twice revokes what it gave the first time.
            sim.tokens.lock().unwrap_or_else(PoisonError::into_inner).retain(|_, t| t.code != code);
            return token_error(StatusCode::BAD_REQUEST, "invalid_grant", "the code was already used");
        }
        grant.used = true;
        if grant.issued.elapsed() > CODE_LIFETIME {
            return token_error(StatusCode::BAD_REQUEST, "invalid_grant", "the code has expired");
        }
        if grant.client_id != client_id || form.redirect_uri.as_deref() != Some(grant.redirect_uri.as_str()) {
            return token_error(StatusCode::BAD_REQUEST, "invalid_grant", "the code was issued to another client or redirect_uri");
        }
        let verifier = form.code_verifier.as_deref().unwrap_or_default();
        if URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes())) != grant.code_challenge {
            return token_error(StatusCode::BAD_REQUEST, "invalid_grant", "PKCE verification failed");
        }
        (grant.person.clone(), grant.nonce.clone(), grant.scopes.clone(), grant.auth_time)
    };
    let (person, nonce, scopes, auth_time) = grant;
    let access_token = random_token();
    let lifetime = Duration::from_secs(u64::from(sim.config.token_seconds));
    sim.tokens.lock().unwrap_or_else(PoisonError::into_inner).insert(
        access_token.clone(),
        AccessGrant { person: person.clone(), scopes: scopes.clone(), expires: Instant::now() + lifetime, code: code.to_owned() },
    );
    let id_token = sim.id_token(&client_id, &person, &scopes, nonce, auth_time);
    let body = json!({
        "access_token": access_token,
        "token_type": "Bearer",
        "expires_in": sim.config.token_seconds,
        "id_token": id_token,
        "scope": scopes.join(" "),
    });
    ([(header::CACHE_CONTROL, "no-store")], Json(body)).into_response()
}

impl Simulator {
    /// A signed ID token, damaged as the current fault says.
    fn id_token(&self, client_id: &str, person: &PersonConfig, scopes: &[String], nonce: Option<String>, auth_time: u64) -> String {
        let now = now_secs();
        let mut claims = person_claims(person, scopes);
        claims.insert("iss".into(), self.issuer().into());
        claims.insert("aud".into(), client_id.into());
        claims.insert("iat".into(), now.into());
        claims.insert("exp".into(), (now + u64::from(self.config.token_seconds)).into());
        claims.insert("auth_time".into(), auth_time.into());
        if let Some(nonce) = nonce {
            claims.insert("nonce".into(), nonce.into());
        }
        let fault = self.faults().id_token;
        match fault {
            Some(IdTokenFault::WrongIssuer) => {
                claims.insert("iss".into(), "https://other-provider.example".into());
            }
            Some(IdTokenFault::WrongAudience) => {
                claims.insert("aud".into(), "another-client".into());
            }
            Some(IdTokenFault::Expired) => {
                claims.insert("iat".into(), (now - 7200).into());
                claims.insert("exp".into(), (now - 3600).into());
            }
            Some(IdTokenFault::WrongNonce) => {
                claims.insert("nonce".into(), "forged-nonce".into());
            }
            _ => {}
        }
        if let Some(f) = fault {
            tracing::warn!(fault = ?f, "issuing a damaged ID token as asked");
        }
        let claims = Value::Object(claims);
        match fault {
            Some(IdTokenFault::UnknownKey) => self.rogue_key.sign(&claims),
            Some(IdTokenFault::TamperedSignature) => {
                // Signed, then the content changed: the signature no longer matches.
                let token = self.keys.read().unwrap_or_else(PoisonError::into_inner).current().sign(&claims);
                let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
                let mut forged = claims;
                forged["sub"] = "someone-else".into();
                parts[1] = URL_SAFE_NO_PAD.encode(forged.to_string());
                parts.join(".")
            }
            Some(IdTokenFault::AlgNone) => format!("{}.{}.", b64_json(&json!({ "alg": "none", "typ": "JWT" })), b64_json(&claims)),
            Some(IdTokenFault::Hs256ClientSecret) => {
                let secret = self.client(client_id).map(|c| c.client_secret.clone()).unwrap_or_default();
                let input = format!("{}.{}", b64_json(&json!({ "alg": "HS256", "typ": "JWT" })), b64_json(&claims));
                let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret.as_bytes()).expect("HMAC takes a key of any length");
                mac.update(input.as_bytes());
                format!("{input}.{}", URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes()))
            }
            _ => self.keys.read().unwrap_or_else(PoisonError::into_inner).current().sign(&claims),
        }
    }
}

fn b64_json(value: &Value) -> String {
    URL_SAFE_NO_PAD.encode(value.to_string())
}

/// `GET|POST /userinfo` with `Authorization: Bearer …`.
pub(crate) async fn userinfo(State(sim): State<Arc<Simulator>>, headers: HeaderMap) -> Response {
    let token = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer ")).map(str::trim);
    let tokens = sim.tokens.lock().unwrap_or_else(PoisonError::into_inner);
    match token.and_then(|t| tokens.get(t)).filter(|g| g.expires > Instant::now()) {
        Some(grant) => {
            let mut claims = person_claims(&grant.person, &grant.scopes);
            if sim.faults().userinfo_other_subject {
                tracing::warn!("answering userinfo with another subject, as asked");
                claims.insert("sub".into(), "someone-else".into());
            }
            Json(Value::Object(claims)).into_response()
        }
        None => (StatusCode::UNAUTHORIZED, [(header::WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")]).into_response(),
    }
}

/// Query of `GET /logout` (RP-initiated logout).
#[derive(Deserialize)]
pub(crate) struct EndSession {
    post_logout_redirect_uri: Option<String>,
    state: Option<String>,
}

/// `GET /logout`: ends the federal session and returns to a registered address, if one was given.
pub(crate) async fn end_session(State(sim): State<Arc<Simulator>>, headers: HeaderMap, Query(q): Query<EndSession>) -> Response {
    sim.sessions.end(&headers);
    let mut response = leave(&sim, &q);
    crate::session::set_cookie(&mut response, sim.issuer(), None);
    response
}

/// Back to the relying party's registered address, else a page saying the session ended.
fn leave(sim: &Simulator, q: &EndSession) -> Response {
    let registered =
        q.post_logout_redirect_uri.as_deref().filter(|uri| sim.config.clients.iter().any(|c| c.post_logout_redirect_uris.iter().any(|r| r == uri)));
    if let Some(uri) = registered {
        if let Ok(mut url) = url::Url::parse(uri) {
            if let Some(state) = &q.state {
                url.query_pairs_mut().append_pair("state", state);
            }
            return Redirect::to(url.as_str()).into_response();
        }
    }
    let body = format!(
        "<h1>Вы вышли из федерального портала</h1><div class=\"card\"><p>Сеанс завершён.</p>\
         <p><a href=\"{}/\">На главную симулятора</a></p></div>",
        escape(sim.issuer())
    );
    Html(page(sim.issuer(), "Выход", &body)).into_response()
}
