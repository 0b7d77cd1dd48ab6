//! The federal personal account: a person's applications from every region with their statuses,
//! and a page to file an application for a regional service on the federal side. Each is open
//! only to the person signed in to the simulator (`session`); anyone else is sent to sign in.

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Form;
use domain::federation::{Ack, Answer, InboundApplicant, InboundApplication};
use serde::Deserialize;
use serde_json::json;

use crate::config::PersonConfig;
use crate::html::{escape, page};
use crate::random::random_token;
use crate::Simulator;

/// Status names as the federal personal account shows them.
fn status_name(status: &str) -> &str {
    match status {
        "submitted" => "Отправлено в ведомство",
        "registered" => "Зарегистрировано",
        "in_review" => "На рассмотрении",
        "awaiting_applicant" => "Требуются сведения от заявителя",
        "approved" => "Одобрено",
        "refused" => "Отказано",
        "result_issued" => "Одобрено, результат выдан",
        "withdrawn" => "Отозвано заявителем",
        other => other,
    }
}

fn full_name(p: &PersonConfig) -> String {
    [Some(p.family_name.as_str()), Some(p.given_name.as_str()), p.middle_name.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" ")
}

fn now_ms() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64)
}

/// How a filed message is spoiled, for tests of the region's checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Spoil {
    /// The signature does not match the content.
    Signature,
    /// The signed payload is not an application.
    Malformed,
}

impl Simulator {
    /// Files an application of `person` for `service_code` of `region` into the region's inbox;
    /// returns its message id.
    pub fn file_application(&self, region: &str, service_code: &str, person: &PersonConfig, form: Vec<Answer>, spoil: Option<Spoil>) -> Result<String, String> {
        let region_config = self.regions().into_iter().find(|r| r.code == region).ok_or_else(|| format!("unknown region {region}"))?;
        let service_title = region_config.services.iter().find(|s| s.code == service_code).map_or_else(|| service_code.to_owned(), |s| s.title.clone());
        let message = InboundApplication {
            message_id: format!("fed-msg-{}", random_token()),
            federal_id: format!("fed-{}", &random_token()[..12]),
            region: region.to_owned(),
            service_code: service_code.to_owned(),
            submitted_at: now_ms(),
            applicant: InboundApplicant {
                subject: person.sub.clone(),
                snils: person.snils.as_ref().map(ToString::to_string),
                family_name: person.family_name.clone(),
                given_name: person.given_name.clone(),
                middle_name: person.middle_name.clone(),
                birthdate: person.birthdate.clone(),
                email: person.email.clone(),
                phone: person.phone.clone(),
                assurance: person.assurance.as_str().to_owned(),
            },
            form,
        };
        let payload = match spoil {
            Some(Spoil::Malformed) => json!({ "message_id": message.message_id, "hello": "not an application" }),
            _ => serde_json::to_value(&message).map_err(|e| e.to_string())?,
        };
        let mut jws = self.keys.read().unwrap_or_else(std::sync::PoisonError::into_inner).current().sign(&payload);
        if spoil == Some(Spoil::Signature) {
            // Another payload under the same signature.
            let mut parts: Vec<String> = jws.split('.').map(str::to_owned).collect();
            let mut tampered = payload.clone();
            tampered["service_code"] = json!("tampered");
            parts[1] = base64::Engine::encode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, tampered.to_string());
            jws = parts.join(".");
        }
        let id = message.message_id.clone();
        tracing::info!(message_id = %id, %region, %service_code, "application filed on the federal side");
        self.registry().file(message, jws, service_title);
        Ok(id)
    }
}

/// `GET /lk`: the signed-in person's account, or the sign-in: pick a test person.
pub(crate) async fn choose(State(sim): State<Arc<Simulator>>, headers: HeaderMap) -> Response {
    if let Some(sub) = sim.sessions.signed_in(&headers) {
        return Redirect::to(&format!("{}/lk/{sub}", sim.issuer())).into_response();
    }
    let base = escape(sim.issuer());
    let persons: String = sim
        .config
        .persons
        .iter()
        .map(|p| {
            format!(
                "<li><button class=\"person\" type=\"submit\" name=\"person\" value=\"{}\"><strong>{}</strong></button></li>",
                escape(&p.sub),
                escape(&full_name(p))
            )
        })
        .collect();
    let body = format!(
        "<h1>Вход в личный кабинет</h1><form method=\"post\" action=\"{base}/lk/login\" class=\"card\">\
         <h2 id=\"persons\">Выберите тестового пользователя</h2><ul class=\"persons\" aria-labelledby=\"persons\">{persons}</ul></form>"
    );
    Html(page(sim.issuer(), "Вход в личный кабинет", &body)).into_response()
}

#[derive(Deserialize)]
pub(crate) struct SignInForm {
    person: String,
}

/// `POST /lk/login`: signs the chosen test person in and opens their account.
pub(crate) async fn sign_in(State(sim): State<Arc<Simulator>>, Form(form): Form<SignInForm>) -> Response {
    let Some(person) = sim.person(&form.person) else {
        return (StatusCode::BAD_REQUEST, Html(page(sim.issuer(), "Вход невозможен", "<h1>Такого пользователя нет</h1>"))).into_response();
    };
    let token = sim.sessions.start(&person.sub);
    let mut response = Redirect::to(&format!("{}/lk/{}", sim.issuer(), person.sub)).into_response();
    crate::session::set_cookie(&mut response, sim.issuer(), Some(&token));
    response
}

/// `POST /lk/logout`: ends the sign-in.
pub(crate) async fn sign_out(State(sim): State<Arc<Simulator>>, headers: HeaderMap) -> Response {
    sim.sessions.end(&headers);
    let mut response = Redirect::to(&format!("{}/lk", sim.issuer())).into_response();
    crate::session::set_cookie(&mut response, sim.issuer(), None);
    response
}

/// The test person `sub` when the request is signed in as them; otherwise the answer that sends
/// the browser to sign in (or says there is no such person).
fn own(sim: &Simulator, headers: &HeaderMap, sub: &str) -> Result<PersonConfig, Box<Response>> {
    let Some(person) = sim.person(sub) else {
        return Err(Box::new((StatusCode::NOT_FOUND, Html(page(sim.issuer(), "Не найдено", "<h1>Пользователь не найден</h1>"))).into_response()));
    };
    if sim.sessions.signed_in(headers).as_deref() != Some(sub) {
        return Err(Box::new(Redirect::to(&format!("{}/lk", sim.issuer())).into_response()));
    }
    Ok(person.clone())
}

#[derive(Deserialize)]
pub(crate) struct AccountQuery {
    filed: Option<String>,
}

/// `GET /lk/{sub}`: the person's applications from every region.
pub(crate) async fn account(State(sim): State<Arc<Simulator>>, Path(sub): Path<String>, headers: HeaderMap, Query(q): Query<AccountQuery>) -> Response {
    let person = match own(&sim, &headers, &sub) {
        Ok(p) => p,
        Err(answer) => return *answer,
    };
    let base = escape(sim.issuer());
    let region_name = |code: &str| sim.regions().iter().find(|r| r.code == code).map_or_else(|| code.to_owned(), |r| r.name.clone());
    let (records, waiting) = sim.registry().of_person(&sub);
    let mut rows = String::new();
    for r in &records {
        rows.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"status\">{}</td></tr>",
            escape(&r.number),
            escape(&r.service_title),
            escape(&region_name(&r.region)),
            if r.origin == "federal" { "Госуслуги" } else { "Региональный портал" },
            escape(status_name(&r.status)),
        ));
    }
    for item in &waiting {
        let state = match &item.ack {
            Some(Ack::Rejected { reason }) => format!("Не принято регионом: {}", escape(reason)),
            _ => "Отправлено в регион".into(),
        };
        rows.push_str(&format!(
            "<tr><td>—</td><td>{}</td><td>{}</td><td>Госуслуги</td><td class=\"status\">{state}</td></tr>",
            escape(&item.service_title),
            escape(&region_name(&item.message.region)),
        ));
    }
    let table = if rows.is_empty() {
        "<p>Заявлений пока нет.</p>".to_owned()
    } else {
        format!(
            "<table><caption>Заявления во всех регионах</caption><thead><tr><th scope=\"col\">Номер</th><th scope=\"col\">Услуга</th>\
             <th scope=\"col\">Регион</th><th scope=\"col\">Подано через</th><th scope=\"col\">Статус</th></tr></thead><tbody>{rows}</tbody></table>"
        )
    };
    let notice =
        if q.filed.is_some() { "<div class=\"card\" role=\"status\"><p>Заявление отправлено в регион.</p></div>" } else { "" };
    let body = format!(
        "<h1>Личный кабинет: {}</h1>{notice}<div class=\"card\">{table}</div><p><a class=\"button\" href=\"{base}/lk/{}/file\">Подать заявление на региональную услугу</a></p>\
         <form method=\"post\" action=\"{base}/lk/logout\"><button class=\"secondary\" type=\"submit\">Выйти из личного кабинета</button></form>",
        escape(&full_name(&person)),
        escape(&sub)
    );
    Html(page(sim.issuer(), "Личный кабинет", &body)).into_response()
}

/// `GET /lk/{sub}/file`: the filing form.
pub(crate) async fn file_page(State(sim): State<Arc<Simulator>>, Path(sub): Path<String>, headers: HeaderMap) -> Response {
    match own(&sim, &headers, &sub) {
        Ok(person) => Html(filing_form(&sim, &person, None)).into_response(),
        Err(answer) => *answer,
    }
}

fn filing_form(sim: &Simulator, person: &PersonConfig, error: Option<&str>) -> String {
    let base = escape(sim.issuer());
    let regions = sim.regions();
    let options: String = regions
        .iter()
        .flat_map(|r| r.services.iter().map(move |s| (r, s)))
        .map(|(r, s)| format!("<option value=\"{}|{}\">{} — {}</option>", escape(&r.code), escape(&s.code), escape(&r.name), escape(&s.title)))
        .collect();
    let error = error.map_or_else(String::new, |e| format!("<div class=\"error\" role=\"alert\"><p>{}</p></div>", escape(e)));
    let body = format!(
        "<h1>Заявление на региональную услугу</h1>{error}<form method=\"post\" action=\"{base}/lk/{sub}/file\" class=\"card\">\
         <p>Заявитель: {name}</p>\
         <label for=\"service\">Услуга</label><select id=\"service\" name=\"service\" required>{options}</select>\
         <label for=\"request\">Суть обращения</label><input id=\"request\" name=\"request\" required maxlength=\"500\">\
         <label for=\"phone\">Телефон для связи</label><input id=\"phone\" name=\"phone\" value=\"{phone}\" maxlength=\"30\">\
         <button class=\"primary\" type=\"submit\">Отправить заявление</button></form>",
        sub = escape(&person.sub),
        name = escape(&full_name(person)),
        phone = escape(person.phone.as_deref().unwrap_or_default()),
    );
    page(sim.issuer(), "Подать заявление", &body)
}

#[derive(Deserialize)]
pub(crate) struct FilingForm {
    service: String,
    request: String,
    phone: Option<String>,
}

/// `POST /lk/{sub}/file`
pub(crate) async fn file_submit(State(sim): State<Arc<Simulator>>, Path(sub): Path<String>, headers: HeaderMap, Form(form): Form<FilingForm>) -> Response {
    let person = match own(&sim, &headers, &sub) {
        Ok(p) => p,
        Err(answer) => return *answer,
    };
    let request = form.request.trim();
    let Some((region, service)) = form.service.split_once('|') else {
        return (StatusCode::BAD_REQUEST, Html(filing_form(&sim, &person, Some("Выберите услугу.")))).into_response();
    };
    if request.is_empty() {
        return (StatusCode::BAD_REQUEST, Html(filing_form(&sim, &person, Some("Опишите суть обращения.")))).into_response();
    }
    let mut answers = vec![Answer { label: "Суть обращения".into(), value: request.to_owned() }];
    if let Some(phone) = form.phone.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        answers.push(Answer { label: "Телефон для связи".into(), value: phone.to_owned() });
    }
    match sim.file_application(region, service, &person, answers, None) {
        Ok(_) => Redirect::to(&format!("{}/lk/{}?filed=1", sim.issuer(), sub)).into_response(),
        Err(e) => (StatusCode::BAD_REQUEST, Html(filing_form(&sim, &person, Some(&e)))).into_response(),
    }
}
