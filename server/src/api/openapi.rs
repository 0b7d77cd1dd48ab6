//! The OpenAPI 3.1 document of `/api/v1`, generated from the handlers' annotations and the model's
//! types (never written by hand), served as JSON, and a reference page rendered from the same
//! document on the server: readable without JavaScript, linked from the operator's client page.

use app::i18n::I18n;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{Html, IntoResponse, Response};
use utoipa::openapi::path::Operation;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::applications;
use super::model::{
    Answers, ApiActions, ApiApplicant, ApiApplication, ApiFile, ApiHistoryEntry, ApiMessage, ApiQueue, ApiStatus, ApiUrgency, Question, QueueItem, QueuePage,
    RefusalBody,
};
use crate::problem::{caller_lang, Kind, Problem};
use crate::state::AppState;
use crate::visitor::visitor_lang;

/// The document's root.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Regional portal API",
        version = "1",
        description = "For departments' own case-management systems: the department's queue, its applications with answers and files, work on them and decisions. A client is registered by the portal's operator for one department with scopes (read, work, decide) and calls with its key as a bearer token. Errors are RFC 9457 problem documents; lists page by cursor; times are the region's local time."
    ),
    paths(
        applications::list,
        applications::read,
        applications::download,
        applications::take,
        applications::give_back,
        applications::ask,
        applications::refuse,
        applications::approve
    ),
    components(schemas(
        Problem, QueuePage, QueueItem, ApiQueue, ApiStatus, ApiUrgency, ApiApplication, ApiApplicant, Answers, ApiFile,
        ApiMessage, ApiHistoryEntry, ApiActions, Question, RefusalBody
    )),
    modifiers(&BearerKey),
    tags(
        (name = "applications", description = "The queue and the applications"),
        (name = "work", description = "Taking into work and asking the applicant"),
        (name = "decisions", description = "Approval with a result document, refusal")
    )
)]
pub struct ApiDoc;

/// The bearer key every operation asks for.
struct BearerKey;

impl Modify for BearerKey {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        let components = doc.components.get_or_insert_with(Default::default);
        let scheme = HttpBuilder::new()
            .scheme(HttpAuthScheme::Bearer)
            .bearer_format("rpk_<id>_<secret>")
            .description(Some("The client's API key, as the operator's page showed it once."))
            .build();
        components.add_security_scheme("api_key", SecurityScheme::Http(scheme));
    }
}

/// `GET /api/v1/openapi.json`.
pub async fn document() -> Response {
    let mut response = ApiDoc::openapi().to_json().unwrap_or_default().into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

use crate::fallback_page::{self, escape_html as escape};

/// One operation's section.
fn operation(method: &str, path: &str, op: &Operation, i18n: &I18n) -> String {
    let summary = op.summary.as_deref().unwrap_or_default();
    let description = op.description.as_deref().unwrap_or_default();
    let scopes: Vec<String> = op
        .security
        .iter()
        .flatten()
        .filter_map(|s| serde_json::to_value(s).ok())
        .filter_map(|v| v.get("api_key").cloned())
        .flat_map(|v| v.as_array().cloned().unwrap_or_default())
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect();
    let mut html = format!(
        "<section class=\"api-operation\"><h3><code>{} {}</code></h3><p>{}</p>",
        method.to_uppercase(),
        escape(path),
        escape(&[summary, description].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" "))
    );
    if !scopes.is_empty() {
        html += &format!("<p>{}: <code>{}</code></p>", escape(&i18n.t("api-reference-scope")), escape(&scopes.join(", ")));
    }
    html += &format!(
        "<table><caption>{}</caption><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
        escape(&i18n.t("api-reference-responses")),
        escape(&i18n.t("api-reference-status")),
        escape(&i18n.t("api-reference-meaning"))
    );
    for (status, response) in &op.responses.responses {
        let text = match response {
            utoipa::openapi::RefOr::T(r) => r.description.clone(),
            utoipa::openapi::RefOr::Ref(r) => r.ref_location.clone(),
        };
        html += &format!("<tr><td>{}</td><td>{}</td></tr>", escape(status), escape(&text));
    }
    html + "</tbody></table></section>"
}

/// `GET /api/v1/reference`: the document as a page, with the kinds of problem a client meets.
pub async fn reference(State(state): State<AppState>, headers: HeaderMap) -> Html<String> {
    let (default, _) = visitor_lang(&state, &headers).await;
    let i18n = caller_lang(&headers, default.as_str());
    let doc = ApiDoc::openapi();
    let mut operations = String::new();
    for (path, item) in &doc.paths.paths {
        for (method, op) in [("get", &item.get), ("post", &item.post)] {
            if let Some(op) = op {
                operations += &operation(method, path, op, &i18n);
            }
        }
    }
    let problems: String = Kind::ALL
        .iter()
        .map(|k| {
            format!(
                "<tr id=\"problem-{}\"><td><code>{}</code></td><td>{}</td><td>{}</td></tr>",
                k.slug(),
                k.slug(),
                k.status().as_u16(),
                escape(&i18n.t(&format!("{}-detail", k.key())))
            )
        })
        .collect();
    let t = |key: &str| escape(&i18n.t(key));
    let body = format!(
        "<p>{intro}</p><p><a href=\"/api/v1/openapi.json\">{json}</a></p>\
         <h2>{auth}</h2><p>{auth_text}</p>\
         <h2>{ops}</h2>{operations}\
         <h2>{problems_title}</h2><p>{problems_text}</p><table><thead><tr><th scope=\"col\"><code>type</code></th><th scope=\"col\">{status}</th><th scope=\"col\">{meaning}</th></tr></thead><tbody>{problems}</tbody></table>",
        intro = t("api-reference-intro"),
        json = t("api-reference-json"),
        auth = t("api-reference-auth"),
        auth_text = t("api-reference-auth-text"),
        ops = t("api-reference-operations"),
        problems_title = t("api-reference-problems"),
        problems_text = t("api-reference-problems-text"),
        status = t("api-reference-status"),
        meaning = t("api-reference-meaning"),
    );
    Html(fallback_page::styled(i18n.lang(), &i18n.t("api-reference-title"), &i18n.t("skip-to-content"), &body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_of_the_api_is_in_the_document_and_nothing_else() {
        let doc = ApiDoc::openapi();
        let mut documented: Vec<(String, String)> = Vec::new();
        for (path, item) in &doc.paths.paths {
            for (method, op) in [("GET", &item.get), ("POST", &item.post)] {
                if op.is_some() {
                    documented.push((method.to_owned(), path.clone()));
                }
            }
        }
        let mut routed: Vec<(String, String)> = crate::serve::route_list()
            .into_iter()
            .filter(|(_, p)| p.starts_with(super::super::PREFIX))
            .filter(|(_, p)| !p.ends_with("/openapi.json") && !p.ends_with("/reference") && !p.ends_with("{*rest}"))
            .map(|(m, p)| (m.to_string(), p))
            .collect();
        documented.sort();
        routed.sort();
        assert_eq!(documented, routed);
        assert!(doc.to_json().unwrap().contains("\"openapi\":\"3.1.0\""));
    }

    #[test]
    fn no_cookie_authenticated_server_function_lives_under_the_api() {
        // The CSRF guard leaves the API's prefix alone because only keys authenticate there.
        let functions: Vec<String> = leptos::server_fn::axum::server_fn_paths().map(|(path, _)| path.to_owned()).collect();
        assert!(!functions.is_empty());
        assert!(functions.iter().all(|p| !p.starts_with(crate::problem::API_PREFIX)), "{functions:?}");
    }
}
