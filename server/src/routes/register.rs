//! The exchange with the federal register of services, for the operator: `GET
//! /admin/register.xml` downloads every published passport in the register's structure; `POST
//! /admin/register` takes such a file in (a multipart upload, scanned like every upload) and
//! answers with a page saying what changed, what was left out and what needs translating, or why
//! nothing was taken. Both work without JavaScript; the rules are `backend::register`'s.
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, State};
use axum::http::{header, HeaderValue};
use axum::response::{Html, IntoResponse, Response};
use backend::catalog_editor::Actor;
use backend::register::{ImportProblem, ImportReport};

use super::catalog_admin::{multipart_fields, operator_file};
use crate::error::AppError;
use crate::extract::{Operator, RequestId};
use crate::fallback_page::{escape_html, styled};
use crate::state::AppState;
use crate::visitor::Visitor;

/// `GET /admin/register.xml`
pub async fn export(State(state): State<AppState>, Operator(who): Operator) -> Result<Response, AppError> {
    let (region, xml) = backend::register::export(&state.portal).await?;
    tracing::info!(person_id = who.person_id, %region, "register passports downloaded");
    Ok(operator_file("application/xml; charset=utf-8", &format!("register-{region}.xml"), xml))
}

/// `POST /admin/register` with the file in `file`.
pub async fn import(
    State(state): State<AppState>,
    Operator(who): Operator,
    RequestId(request): RequestId,
    v: Visitor,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, AppError> {
    let i18n = &v.i18n;
    let (_, file) = multipart_fields(&state, i18n, multipart).await?;
    let Some((_, bytes)) = file else { return Err(AppError::BadRequest(i18n.t("register-no-file"))) };
    let actor = Actor { person_id: who.person_id, request_id: request };
    let outcome = backend::register::import(&state.portal, &actor, &bytes).await?;
    let (status, body) = match outcome {
        Ok(report) => (axum::http::StatusCode::OK, report_html(&v, &report)),
        Err(problem) => (axum::http::StatusCode::UNPROCESSABLE_ENTITY, problem_html(&v, &problem)),
    };
    let mut response = (status, Html(styled(i18n.lang(), &i18n.t("register-import-title"), &i18n.t("skip-to-content"), &body))).into_response();
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

fn list(items: &[(String, Vec<&'static str>)]) -> String {
    let rows: Vec<String> =
        items.iter().map(|(code, fields)| format!("<li><code>{}</code>: {}</li>", escape_html(code), escape_html(&fields.join(", ")))).collect();
    format!("<ul>{}</ul>", rows.concat())
}

fn back(v: &Visitor) -> String {
    format!("<p><a href=\"/admin/catalog\">← {}</a></p>", escape_html(&v.i18n.t("admin-catalog-title")))
}

fn report_html(v: &Visitor, r: &ImportReport) -> String {
    let i18n = &v.i18n;
    let count = |key: &str, n: usize| escape_html(&i18n.t_with(key, &[("count", (n as i64).into())]));
    let mut html = format!("<div class=\"notice success\" role=\"status\"><p>{}</p></div>", count("register-updated", r.updated.len()));
    if !r.updated.is_empty() {
        html.push_str(&list(&r.updated));
    }
    html.push_str(&format!("<p>{}</p>", count("register-unchanged", r.unchanged)));
    if !r.unknown.is_empty() {
        let codes: Vec<String> = r.unknown.iter().map(|c| format!("<code>{}</code>", escape_html(c))).collect();
        html.push_str(&format!("<h2>{}</h2><p>{}</p>", escape_html(&i18n.t("register-unknown")), codes.join(", ")));
    }
    if !r.to_translate.is_empty() {
        html.push_str(&format!("<h2>{}</h2>{}", escape_html(&i18n.t("register-translate")), list(&r.to_translate)));
    }
    html + &back(v)
}

fn problem_html(v: &Visitor, problem: &ImportProblem) -> String {
    let i18n = &v.i18n;
    let (key, detail) = match problem {
        ImportProblem::Unreadable(e) => ("register-problem-unreadable", e.clone()),
        ImportProblem::Region(r) => ("register-problem-region", r.clone()),
        ImportProblem::Language(l) => ("register-problem-language", l.clone()),
        ImportProblem::Repeated(code) => ("register-problem-repeated", code.clone()),
        ImportProblem::Passport(code, p) => {
            let (key, value) = p.message();
            ("register-problem-passport", format!("{code}: {}", i18n.t_with(key, &[("value", value.into())])))
        }
        ImportProblem::Authority(code, a) => ("register-problem-authority", format!("{code}: {a}")),
        ImportProblem::Pack(errors) => ("register-problem-pack", errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")),
        ImportProblem::Conflict => ("register-problem-conflict", String::new()),
    };
    format!("<div class=\"notice error\" role=\"alert\"><p>{}</p><p><code>{}</code></p></div>{}", escape_html(&i18n.t(key)), escape_html(&detail), back(v))
}
