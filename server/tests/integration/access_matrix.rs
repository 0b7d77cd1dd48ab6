//! The authorization matrix: every route, page and server function the portal serves, read from
//! the router itself (a new one without a row here fails this test), asked by seven people over
//! HTTP, on SQLite and PostgreSQL. Citizen A's applications and files are never readable or
//! writable by citizen B; department X's never by a clerk of department Y; drafts are their
//! applicant's alone; the operator runs the portal, not the departments.

use std::collections::BTreeSet;

use axum::http::Method;
use backend::applications::attachments::{attach, Upload};
use backend::testing::person_id_by_snils;
use domain::identity::{Role, Snils, StaffRole};
use serde_json::{json, Value};

use crate::support::{on_both, portal_with_sim, Answer, Browser, LivePortal};

/// What a person may get.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum E {
    /// Served: any answer but a login, 403 or 404 (and never a 5xx).
    Ok,
    /// Asked to log in: 401, or a redirect to the login.
    Login,
    /// Refused: 403 or 404.
    Deny,
}
use E::{Deny, Login, Ok};

/// The seven, in this order.
const PEOPLE: [&str; 7] = ["anonymous", "citizen A", "citizen B", "clerk of X", "clerk of Y", "head of X", "operator"];

/// How a row's request is sent.
enum Body {
    None,
    Form(Vec<(String, String)>),
    Multipart(Vec<(String, String)>, Vec<(String, String, Vec<u8>)>),
    Json(Value),
}

struct Row {
    method: Method,
    /// The route as the router lists it.
    pattern: &'static str,
    /// The address asked, with this test's objects in it.
    path: String,
    body: Body,
    expect: [E; 7],
}

fn get(pattern: &'static str, path: impl Into<String>, expect: [E; 7]) -> Row {
    Row { method: Method::GET, pattern, path: path.into(), body: Body::None, expect }
}

fn post(pattern: &'static str, path: impl Into<String>, form: &[(&str, &str)], expect: [E; 7]) -> Row {
    let form = form.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    Row { method: Method::POST, pattern, path: path.into(), body: Body::Form(form), expect }
}

fn multipart(pattern: &'static str, path: impl Into<String>, fields: &[(&str, &str)], file: Option<(&str, &str, &[u8])>, expect: [E; 7]) -> Row {
    let fields = fields.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    let files = file.map(|(f, n, b)| vec![(f.to_owned(), n.to_owned(), b.to_vec())]).unwrap_or_default();
    Row { method: Method::POST, pattern, path: path.into(), body: Body::Multipart(fields, files), expect }
}

/// A server function called with its arguments form-encoded, as the page's scripts call it.
fn function(endpoint: &'static str, args: &[(&str, &str)], expect: [E; 7]) -> Row {
    post(endpoint, endpoint, args, expect)
}

fn json_function(endpoint: &'static str, args: Value, expect: [E; 7]) -> Row {
    Row { method: Method::POST, pattern: endpoint, path: endpoint.into(), body: Body::Json(args), expect }
}

const EVERYONE: [E; 7] = [Ok; 7];
const LOGGED_IN: [E; 7] = [Login, Ok, Ok, Ok, Ok, Ok, Ok];
/// Citizen A's own object.
const A_ONLY: [E; 7] = [Login, Ok, Deny, Deny, Deny, Deny, Deny];
/// X's back office: its clerk and head.
const X_STAFF: [E; 7] = [Login, Deny, Deny, Ok, Deny, Ok, Deny];
const OFFICE: [E; 7] = [Login, Deny, Deny, Ok, Ok, Ok, Deny];
const HEAD: [E; 7] = [Login, Deny, Deny, Deny, Deny, Ok, Deny];
const OPERATOR: [E; 7] = [Login, Deny, Deny, Deny, Deny, Deny, Ok];

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";

/// The objects the rows ask about.
struct Objects {
    /// A's registered kindergarten application, in department X (`minobr`), with a file.
    application: String,
    application_file: String,
    /// A's draft, with a file.
    draft: String,
    draft_file: String,
    /// The person id of X's clerk, to hand the application over to.
    clerk_x: String,
}

fn rows(o: &Objects) -> Vec<Row> {
    let (app, draft) = (&o.application, &o.draft);
    let office = |action: &str| format!("/office/applications/{app}/{action}");
    let deny_all = [Deny; 7];
    vec![
        // Public pages and files.
        get("/", "/", EVERYONE),
        get("/services", "/services?category=family", EVERYONE),
        get("/services/{code}", "/services/kindergarten-enrolment", EVERYONE),
        get("/search", "/search?q=%D0%BF%D0%B0%D1%81%D0%BF%D0%BE%D1%80%D1%82", EVERYONE),
        get("/departments/{code}", "/departments/minobr", EVERYONE),
        get("/life-situations/{code}", "/life-situations/birth-of-child", EVERYONE),
        get("/login/error", "/login/error?reason=cancelled", EVERYONE),
        get("/status", "/status?number=99-2026-000001&code=ABCD-EFGH", EVERYONE),
        get("/opendata", "/opendata", EVERYONE),
        get("/opendata/{file}", "/opendata/figures.json", EVERYONE),
        function("/api/applications/status", &[("number", "99-2026-000001"), ("code", "ABCD-EFGH")], EVERYONE),
        get("/healthz", "/healthz", EVERYONE),
        get("/readyz", "/readyz", EVERYONE),
        get("/branding/coat-of-arms", "/branding/coat-of-arms", EVERYONE),
        get("/favicon.ico", "/favicon.ico", EVERYONE),
        get("/files/blanks/{service}/{file}", "/files/blanks/kindergarten-enrolment/kindergarten-enrolment.odt", EVERYONE),
        get("/robots.txt", "/robots.txt", EVERYONE),
        get("/sitemap.xml", "/sitemap.xml", EVERYONE),
        get("/.well-known/jwks.json", "/.well-known/jwks.json", EVERYONE),
        // Not served without its token.
        get("/metrics", "/metrics", deny_all),
        post("/settings/language", "/settings/language", &[("lang", "ru")], EVERYONE),
        post("/settings/low-vision", "/settings/low-vision", &[("on", "0")], EVERYONE),
        get("/auth/login", "/auth/login?next=/me", EVERYONE),
        get("/auth/callback", "/auth/callback", EVERYONE),
        function("/api/catalog/home", &[], EVERYONE),
        function("/api/catalog/service", &[("code", "kindergarten-enrolment")], EVERYONE),
        function("/api/catalog/department", &[("code", "minobr")], EVERYONE),
        function("/api/catalog/life-situation", &[("code", "birth-of-child")], EVERYONE),
        function("/api/catalog/search", &[("query", "паспорт"), ("offset", "0")], EVERYONE),
        json_function("/api/catalog/services", json!({ "filter": { "category": "family" } }), EVERYONE),
        // One's own account.
        get("/me", "/me", LOGGED_IN),
        get("/me/applications", "/me/applications", LOGGED_IN),
        get("/notifications", "/notifications", LOGGED_IN),
        function("/api/account/page", &[], LOGGED_IN),
        function("/api/account/notifications", &[], LOGGED_IN),
        function("/api/applications/list", &[("shown", "all")], LOGGED_IN),
        post("/notifications/read", "/notifications/read", &[], LOGGED_IN),
        post("/me/notifications", "/me/notifications", &[], LOGGED_IN),
        get("/services/{code}/apply", "/services/kindergarten-enrolment/apply", LOGGED_IN),
        function("/api/applications/start", &[("code", "kindergarten-enrolment")], LOGGED_IN),
        post("/services/{code}/apply", "/services/kindergarten-enrolment/apply", &[], LOGGED_IN),
        // A's application: A and department X.
        get("/applications/{id}", format!("/applications/{app}"), A_ONLY),
        get("/applications/{id}/print", format!("/applications/{app}/print"), A_ONLY),
        function("/api/applications/page", &[("id", app)], A_ONLY),
        get("/applications/{id}/receipt.pdf", format!("/applications/{app}/receipt.pdf"), A_ONLY),
        get("/applications/{id}/files/{file}", format!("/applications/{app}/files/{}", o.application_file), [Login, Ok, Deny, Ok, Deny, Ok, Deny]),
        multipart("/applications/{id}/reply", format!("/applications/{app}/reply"), &[("body", "Ответ")], None, A_ONLY),
        // A's draft: A alone, staff of its department included.
        get("/applications/{id}/edit/{step}", format!("/applications/{draft}/edit/1"), A_ONLY),
        get("/applications/{id}/review", format!("/applications/{draft}/review"), A_ONLY),
        get("/applications/{id}/files/{file}", format!("/applications/{draft}/files/{}", o.draft_file), A_ONLY),
        function("/api/applications/step", &[("id", draft), ("step", "0"), ("check", "false")], A_ONLY),
        function("/api/applications/review", &[("id", draft), ("check", "false")], A_ONLY),
        json_function("/api/applications/autosave", json!({ "id": draft, "step": 0, "data": { "values": { "family_name": "Иванова" } } }), A_ONLY),
        multipart("/applications/{id}/edit/{step}", format!("/applications/{draft}/edit/1"), &[("go", "save"), ("family_name", "Иванова")], None, A_ONLY),
        post("/applications/{id}/submit", format!("/applications/{draft}/submit"), &[], A_ONLY),
        // The back office.
        get("/office", "/office", OFFICE),
        function("/api/office/queue", &[("filter[queue]", "new")], OFFICE),
        get("/office/applications/{id}", format!("/office/applications/{app}"), X_STAFF_PAGE),
        function("/api/office/application", &[("id", app)], X_STAFF_PAGE),
        function("/api/office/application", &[("id", draft)], [Login, Deny, Deny, Deny, Deny, Deny, Deny]),
        get("/office/stats", "/office/stats", HEAD),
        function("/api/office/head", &[], HEAD),
        post("/office/applications/{id}/take", office("take"), &[], X_STAFF),
        post("/office/applications/{id}/request", office("request"), &[("message", "Приложите справку")], X_STAFF),
        post("/office/applications/{id}/assign", office("assign"), &[("clerk", &o.clerk_x)], X_STAFF),
        post("/office/applications/{id}/return", office("return"), &[], X_STAFF),
        post("/office/applications/{id}/refuse", office("refuse"), &[("ground", "99"), ("comment", "")], X_STAFF),
        multipart("/office/applications/{id}/approve", office("approve"), &[("result", "upload")], Some(("file", "result.pdf", PDF)), X_STAFF),
        post("/office/applications/{id}/take", format!("/office/applications/{draft}/take"), &[], [Login, Deny, Deny, Deny, Deny, Deny, Deny]),
        // The operator.
        get("/admin", "/admin", OPERATOR_PAGE),
        get("/admin/access-log", "/admin/access-log", OPERATOR_PAGE),
        get("/admin/federation", "/admin/federation", OPERATOR_PAGE),
        get("/admin/catalog", "/admin/catalog", OPERATOR_PAGE),
        get("/admin/catalog/service/{code}/form", "/admin/catalog/service/kindergarten-enrolment/form", OPERATOR_PAGE),
        get("/admin/catalog/{kind}/{code}", "/admin/catalog/service/kindergarten-enrolment", OPERATOR_PAGE),
        get("/admin/branding", "/admin/branding", OPERATOR_PAGE),
        get("/admin/dashboard", "/admin/dashboard", OPERATOR_PAGE),
        get("/admin/staff", "/admin/staff", OPERATOR_PAGE),
        get("/admin/audit", "/admin/audit", OPERATOR_PAGE),
        get("/admin/api-clients", "/admin/api-clients", OPERATOR_PAGE),
        function("/api/admin/api-clients", &[], OPERATOR_PAGE),
        get("/admin/webhooks", "/admin/webhooks", OPERATOR_PAGE),
        function("/api/admin/webhooks", &[], OPERATOR_PAGE),
        function("/api/admin/home", &[], OPERATOR_PAGE),
        function("/api/admin/access-log", &[], OPERATOR_PAGE),
        function("/api/admin/federation", &[], OPERATOR_PAGE),
        function("/api/admin/audit", &[], OPERATOR_PAGE),
        function("/api/admin/catalog", &[], OPERATOR_PAGE),
        function("/api/admin/catalog-entry", &[("kind", "service"), ("code", "kindergarten-enrolment")], OPERATOR_PAGE),
        function("/api/admin/catalog-form", &[("code", "kindergarten-enrolment")], OPERATOR_PAGE),
        function("/api/admin/branding", &[], OPERATOR_PAGE),
        function("/api/admin/dashboard", &[], OPERATOR_PAGE),
        function("/api/admin/staff", &[], OPERATOR_PAGE),
        get("/admin/region-pack.zip", "/admin/region-pack.zip", OPERATOR),
        get("/admin/dashboard.csv", "/admin/dashboard.csv", OPERATOR),
        get("/admin/register.xml", "/admin/register.xml", OPERATOR),
        post("/admin/federation/retry", "/admin/federation/retry", &[], OPERATOR),
        post("/admin/staff/grant", "/admin/staff/grant", &[("snils", "112-233-445 95"), ("role", "clerk"), ("department", "minsoc")], OPERATOR),
        post("/admin/staff/revoke", "/admin/staff/revoke", &[("snils", "112-233-445 95"), ("role", "clerk"), ("department", "minsoc")], OPERATOR),
        post("/admin/catalog/{kind}/{code}", "/admin/catalog/category/family", &[("read_at", "0")], OPERATOR),
        post("/admin/catalog/{kind}/{code}/publish", "/admin/catalog/category/family/publish", &[("read_at", "0"), ("published", "true")], OPERATOR),
        post(
            "/admin/catalog/service/{code}/blanks/remove",
            "/admin/catalog/service/kindergarten-enrolment/blanks/remove",
            &[("read_at", "0"), ("file", "none.odt")],
            OPERATOR,
        ),
        post(
            "/admin/catalog/service/{code}/form",
            "/admin/catalog/service/kindergarten-enrolment/form",
            &[("read_at", "0"), ("schema", "{}"), ("action", "save")],
            OPERATOR,
        ),
        multipart(
            "/admin/catalog/service/{code}/blanks",
            "/admin/catalog/service/kindergarten-enrolment/blanks",
            &[("read_at", "0"), ("title.ru", "Бланк"), ("title.en", "Blank")],
            Some(("file", "blank.pdf", PDF)),
            OPERATOR,
        ),
        multipart("/admin/branding", "/admin/branding", &[("read_at", "0")], None, OPERATOR),
        // A register file without passports changes nothing.
        multipart(
            "/admin/register",
            "/admin/register",
            &[],
            Some(("file", "register.xml", br#"<services region="demo" language="ru" generated="2026-12-03T10:00:00Z"/>"#)),
            OPERATOR,
        ),
        post("/admin/api-clients", "/admin/api-clients", &[("name", "Система"), ("department", "minobr"), ("scope", "read")], OPERATOR),
        // Nobody's to revoke: the operator is told there is none.
        post("/admin/api-clients/{id}/revoke", "/admin/api-clients/0000000000000000/revoke", &[], [Login, Deny, Deny, Deny, Deny, Deny, Deny]),
        post(
            "/admin/api-clients/{id}/webhook",
            "/admin/api-clients/0000000000000000/webhook",
            &[("url", "https://cases.region.ru/hook")],
            [Login, Deny, Deny, Deny, Deny, Deny, Deny],
        ),
        post("/admin/api-clients/{id}/webhook/remove", "/admin/api-clients/0000000000000000/webhook/remove", &[], [Login, Deny, Deny, Deny, Deny, Deny, Deny]),
        post("/admin/webhooks/{id}/replay", "/admin/webhooks/999999/replay", &[], [Login, Deny, Deny, Deny, Deny, Deny, Deny]),
        // The public API: open documentation; every operation wants a client's key, which no
        // session cookie replaces (its own matrix of clients is in `api.rs`).
        get("/api/v1/openapi.json", "/api/v1/openapi.json", EVERYONE),
        get("/api/v1/reference", "/api/v1/reference", EVERYONE),
        get("/api/v1/{*rest}", "/api/v1/nothing/here", deny_all),
        post("/api/v1/{*rest}", "/api/v1/nothing/here", &[], deny_all),
        get("/api/v1/applications", "/api/v1/applications", NO_KEY),
        get("/api/v1/applications/{id}", format!("/api/v1/applications/{app}"), NO_KEY),
        get("/api/v1/applications/{id}/files/{file}", format!("/api/v1/applications/{app}/files/{}", o.application_file), NO_KEY),
        post("/api/v1/applications/{id}/take", format!("/api/v1/applications/{app}/take"), &[], NO_KEY),
        post("/api/v1/applications/{id}/return", format!("/api/v1/applications/{app}/return"), &[], NO_KEY),
        post("/api/v1/applications/{id}/questions", format!("/api/v1/applications/{app}/questions"), &[], NO_KEY),
        post("/api/v1/applications/{id}/refusal", format!("/api/v1/applications/{app}/refusal"), &[], NO_KEY),
        post("/api/v1/applications/{id}/approval", format!("/api/v1/applications/{app}/approval"), &[], NO_KEY),
        // Last: what ends an object or a session.
        post("/applications/{id}/withdraw", format!("/applications/{app}/withdraw"), &[], A_ONLY),
        post("/applications/{id}/delete", format!("/applications/{draft}/delete"), &[], A_ONLY),
        post("/auth/logout-everywhere", "/auth/logout-everywhere", &[], EVERYONE),
        post("/auth/logout", "/auth/logout", &[], EVERYONE),
    ]
}

/// Pages of the back office: anonymous visitors are asked to log in (401), citizens and the
/// operator refused (403), a clerk of another department told there is no such application (404).
const X_STAFF_PAGE: [E; 7] = [Login, Deny, Deny, Ok, Deny, Ok, Deny];
const OPERATOR_PAGE: [E; 7] = OPERATOR;
/// The API without a key: 401 whoever's cookies come with it.
const NO_KEY: [E; 7] = [Login; 7];

/// What `answer` is.
fn class(answer: &Answer) -> Option<E> {
    let to_login = answer.location.as_deref().is_some_and(|l| l.starts_with("/auth/login"));
    match answer.status {
        401 => Some(Login),
        300..=399 if to_login => Some(Login),
        403 | 404 => Some(Deny),
        500.. => None,
        _ => Some(Ok),
    }
}

async fn ask(b: &mut Browser, base: &str, row: &Row) -> Answer {
    let url = format!("{base}{}", row.path);
    match (&row.method, &row.body) {
        (&Method::GET, _) => b.get(&url).await,
        (_, Body::Form(form)) => {
            let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            b.post(&url, &pairs).await
        }
        (_, Body::Multipart(fields, files)) => {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            let files: Vec<(&str, &str, Vec<u8>)> = files.iter().map(|(f, n, b)| (f.as_str(), n.as_str(), b.clone())).collect();
            b.post_multipart(&url, &fields, &files).await
        }
        (_, Body::Json(value)) => b.post_json(&url, value).await,
        (_, Body::None) => b.post(&url, &[]).await,
    }
}

/// A's registered application with a file, and A's draft with a file.
async fn objects(p: &LivePortal) -> Objects {
    let portal = &p.state.portal;
    let db = &portal.db;
    let a = db.principal(person_id_by_snils(db, "12345678964").await).await.unwrap().unwrap();
    let upload = || Upload { field_path: "guardianship_document".into(), file_name: "скан.pdf".into(), bytes: bytes::Bytes::from_static(PDF) };
    let application = backend::applications::drafts::start_draft(portal, &a, "kindergarten-enrolment").await.unwrap();
    backend::testing::fill_kindergarten(portal, &a, &application).await;
    // Filed by the child's guardian, with the document appointing her.
    let guardian = backend::testing::form_values(&[
        ("family_name", "Иванова"),
        ("given_name", "Мария"),
        ("middle_name", "Петровна"),
        ("snils", "123-456-789 64"),
        ("phone", "+7 900 111-22-33"),
        ("email", "ivanova@example.ru"),
        ("relation", "guardian"),
        ("passport", "4510 123456"),
    ]);
    backend::applications::drafts::save_step(portal, &a, &application, 0, &guardian).await.unwrap();
    let application_file = attach(portal, &a, &application, upload()).await.unwrap().id;
    backend::applications::submit::submit(portal, &a, &application).await.unwrap();
    let draft = backend::applications::drafts::start_draft(portal, &a, "kindergarten-enrolment").await.unwrap();
    let draft_file = attach(portal, &a, &draft, upload()).await.unwrap().id;
    let clerk_x = person_id_by_snils(db, "45678901238").await.to_string();
    Objects { application, application_file, draft, draft_file, clerk_x }
}

#[tokio::test]
async fn every_route_answers_each_person_only_what_is_theirs() {
    on_both(async |t| {
        let (p, _sim) = portal_with_sim(t).await;
        let db = &p.state.portal.db;
        for (snils, role, department) in [
            ("456-789-012 38", Role::Clerk, Some("minobr")),
            ("345-678-901 23", Role::Clerk, Some("minsoc")),
            ("567-890-123 43", Role::Head, Some("minobr")),
            ("678-901-234 38", Role::Operator, None),
        ] {
            db.grant_role(&Snils::parse(snils).unwrap(), &StaffRole::new(role, department.map(str::to_owned)).unwrap(), "test", 0).await.unwrap();
        }
        let mut people: Vec<Browser> = Vec::new();
        for sub in [None, Some("ivanova"), Some("petrov"), Some("clerk"), Some("clerk-y"), Some("head"), Some("operator")] {
            let mut b = Browser::new();
            if let Some(sub) = sub {
                b.login(&p.url, sub).await;
            }
            people.push(b);
        }
        let o = objects(&p).await;
        let rows = rows(&o);

        // Every route the router serves has a row, and every row names a route it serves.
        let served: BTreeSet<(String, String)> = portal::serve::route_list().into_iter().map(|(m, path)| (m.to_string(), path)).collect();
        let covered: BTreeSet<(String, String)> = rows.iter().map(|r| (r.method.to_string(), r.pattern.to_owned())).collect();
        let missing: Vec<_> = served.difference(&covered).collect();
        assert!(missing.is_empty(), "routes without a row in the authorization matrix: {missing:?}");
        let stale: Vec<_> = covered.difference(&served).collect();
        assert!(stale.is_empty(), "rows for routes the router does not serve: {stale:?}");

        let mut wrong = Vec::new();
        for row in &rows {
            // Those refused ask first, so an allowed change cannot hide a refusal.
            let mut order: Vec<usize> = (0..7).filter(|i| row.expect[*i] != Ok).collect();
            order.extend((0..7).filter(|i| row.expect[*i] == Ok));
            for who in order {
                let answer = ask(&mut people[who], &p.url, row).await;
                let got = class(&answer);
                if got != Some(row.expect[who]) {
                    wrong.push(format!(
                        "{} {} as {}: {} {:?} (expected {:?})",
                        row.method, row.path, PEOPLE[who], answer.status, answer.location, row.expect[who]
                    ));
                }
            }
        }
        assert!(wrong.is_empty(), "{} answers differ from the matrix:\n{}", wrong.len(), wrong.join("\n"));
    })
    .await;
}
