//! The public API `/api/v1` over HTTP, on both databases: a department's own system, registered
//! by the operator in the browser, works an application from the queue to the decision through
//! the API alone; clients see only their own department and do only what their scopes allow;
//! every refusal is a localized problem document.

use backend::applications::attachments::{attach, Upload};
use backend::testing::person_id_by_snils;
use domain::identity::Role;
use serde_json::{json, Value};

use crate::support::{on_both, portal_with_sim, staff, Browser, LivePortal};

pub(crate) const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";

/// Ivanova's registered kindergarten application (department `minobr`) with a scan; its id and
/// the scan's.
pub(crate) async fn filed(p: &LivePortal) -> (String, String) {
    let portal = &p.state.portal;
    Browser::new().login(&p.url, "ivanova").await;
    let a = portal.db.principal(person_id_by_snils(&portal.db, "12345678964").await).await.unwrap().unwrap();
    let id = backend::applications::drafts::start_draft(portal, &a, "kindergarten-enrolment").await.unwrap();
    backend::testing::fill_kindergarten(portal, &a, &id).await;
    // Filed by the children's guardian, with the document appointing her.
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
    backend::applications::drafts::save_step(portal, &a, &id, 0, &guardian).await.unwrap();
    let upload = Upload { field_path: "guardianship_document".into(), file_name: "решение.pdf".into(), bytes: bytes::Bytes::from_static(PDF) };
    let file = attach(portal, &a, &id, upload).await.unwrap().id;
    backend::applications::submit::submit(portal, &a, &id).await.unwrap();
    (id, file)
}

/// The operator registers a client in the browser; the key from the page that shows it once.
pub(crate) async fn register(p: &LivePortal, operator: &mut Browser, name: &str, department: &str, scopes: &[&str]) -> String {
    let mut form = vec![("name", name), ("department", department)];
    form.extend(scopes.iter().map(|s| ("scope", *s)));
    let page = operator.post(&format!("{}/admin/api-clients", p.url), &form).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert_eq!(page.cache_control.as_deref(), Some("no-store"), "the key page is never cached");
    let start = page.body.find("value=\"rpk_").expect("the key is shown") + "value=\"".len();
    page.body[start..].split('"').next().unwrap().to_owned()
}

/// A department's system: a plain HTTP client with its key.
pub(crate) struct System {
    http: reqwest::Client,
    base: String,
    key: String,
}

impl System {
    pub(crate) fn new(p: &LivePortal, key: &str) -> System {
        System { http: reqwest::Client::new(), base: p.url.clone(), key: key.to_owned() }
    }

    async fn send(&self, request: reqwest::RequestBuilder) -> (u16, Value) {
        let r = request.bearer_auth(&self.key).header("accept-language", "en").send().await.unwrap();
        let status = r.status().as_u16();
        let problem = r.headers().get("content-type").is_some_and(|t| t == "application/problem+json");
        let text = r.text().await.unwrap();
        let body = serde_json::from_str(&text).unwrap_or(Value::Null);
        if status >= 400 {
            assert!(problem, "{status} is a problem document: {text}");
            assert_eq!(body["status"], status, "{text}");
        }
        (status, body)
    }

    pub(crate) async fn get(&self, path: &str) -> (u16, Value) {
        self.send(self.http.get(format!("{}{path}", self.base))).await
    }

    pub(crate) async fn post(&self, path: &str, body: Value) -> (u16, Value) {
        self.send(self.http.post(format!("{}{path}", self.base)).json(&body)).await
    }

    pub(crate) async fn post_bytes(&self, path: &str, content_type: &str, body: &'static [u8]) -> (u16, Value) {
        self.send(self.http.post(format!("{}{path}", self.base)).header("content-type", content_type).body(body)).await
    }
}

#[tokio::test]
async fn a_department_system_works_an_application_from_the_queue_to_the_decision_through_the_api() {
    on_both(async |t| {
        let (p, _sim) = portal_with_sim(t).await;
        let (id, scan) = filed(&p).await;
        let mut operator = staff(&p, "operator", "678-901-234 38", Role::Operator, None).await;
        let key = register(&p, &mut operator, "АИС «Образование»", "minobr", &["read", "work", "decide"]).await;
        let listed = operator.get(&format!("{}/admin/api-clients", p.url)).await;
        assert!(listed.body.contains("АИС «Образование»") && !listed.body.contains(&key), "listed, its key never again");
        let system = System::new(&p, &key);

        // The queue, then the application with its answers and the scan.
        let (status, queue) = system.get("/api/v1/applications?queue=new").await;
        assert_eq!(status, 200, "{queue}");
        let item = queue["items"].as_array().unwrap().iter().find(|i| i["id"] == id.as_str()).expect("in the new queue").clone();
        assert_eq!(item["status"], "registered");
        let (status, application) = system.get(&format!("/api/v1/applications/{id}")).await;
        assert_eq!(status, 200, "{application}");
        assert_eq!(application["answers"]["values"]["family_name"], "Иванова");
        assert_eq!(application["answers"]["groups"]["children"].as_array().unwrap().len(), 2);
        assert_eq!(application["applicant"]["snils"], "123-456-789 64");
        assert_eq!(application["actions"]["take"], true);
        let href = application["files"].as_array().unwrap().iter().find(|f| f["id"] == scan.as_str()).expect("the scan is listed")["href"]
            .as_str()
            .unwrap()
            .to_owned();
        let bytes = system.http.get(format!("{}{href}", p.url)).bearer_auth(&key).send().await.unwrap().bytes().await.unwrap();
        assert_eq!(&bytes[..], PDF);

        // Work: take (a second take is a conflict), ask, the applicant answers.
        assert_eq!(system.post(&format!("/api/v1/applications/{id}/take"), json!({})).await.0, 204);
        let (status, problem) = system.post(&format!("/api/v1/applications/{id}/take"), json!({})).await;
        assert_eq!((status, problem["type"].as_str()), (409, Some("/api/v1/reference#problem-conflict")), "{problem}");
        let (status, problem) = system.post(&format!("/api/v1/applications/{id}/questions"), json!({ "message": "  " })).await;
        assert_eq!(status, 422, "an empty question: {problem}");
        let question = json!({ "message": "Приложите справку с места работы", "missing": ["Справка с места работы"] });
        assert_eq!(system.post(&format!("/api/v1/applications/{id}/questions"), question).await.0, 204);
        let portal = &p.state.portal;
        let a = portal.db.principal(person_id_by_snils(&portal.db, "12345678964").await).await.unwrap().unwrap();
        backend::applications::applicant::reply(portal, &a, &id, "Справку приложу лично", Vec::new()).await.unwrap();
        let (_, application) = system.get(&format!("/api/v1/applications/{id}")).await;
        assert_eq!(application["status"], "in_review");
        let messages = application["messages"].as_array().unwrap();
        assert_eq!((messages[0]["from_department"].as_bool(), messages[1]["body"].as_str()), (Some(true), Some("Справку приложу лично")));

        // The decision with the department's own document, which the applicant then has.
        let (status, problem) = system.post_bytes(&format!("/api/v1/applications/{id}/approval"), "application/pdf", b"not a pdf at all").await;
        assert_eq!(status, 422, "not a PDF: {problem}");
        assert_eq!(system.post_bytes(&format!("/api/v1/applications/{id}/approval"), "application/pdf", PDF).await.0, 204);
        let (_, application) = system.get(&format!("/api/v1/applications/{id}")).await;
        assert_eq!(application["status"], "result_issued");
        assert_eq!(application["results"].as_array().unwrap().len(), 1);
        let history: Vec<&str> = application["history"].as_array().unwrap().iter().map(|h| h["action"].as_str().unwrap()).collect();
        assert!(history.ends_with(&["take", "request_info", "reply", "approve", "issue_result"]), "{history:?}");
        let by = application["history"].as_array().unwrap().iter().find(|h| h["action"] == "take").unwrap()["by"].clone();
        assert_eq!(by, "АИС «Образование»", "history names the system");
        let page = backend::applications::queries::application_page(portal, &a, &id, domain::localized::Lang::parse("ru").unwrap()).await.unwrap();
        assert_eq!(page.results.len(), 1, "the applicant has the result");

        // Its readings are in the operator's trail of personal data, under the system's name.
        let trail = operator.get(&format!("{}/admin/access-log", p.url)).await;
        assert!(trail.body.contains("АИС «Образование»"), "the API's readings are audited like a clerk's");

        // Revoked, the key stops at once.
        let client_id = key.split('_').nth(1).unwrap();
        let revoked = operator.post(&format!("{}/admin/api-clients/{client_id}/revoke", p.url), &[]).await;
        assert_eq!(revoked.location.as_deref(), Some("/admin/api-clients?done=revoked"));
        assert_eq!(system.get("/api/v1/applications").await.0, 401);
    })
    .await;
}

#[tokio::test]
async fn clients_see_only_their_department_and_do_only_what_their_scopes_allow() {
    on_both(async |t| {
        let (p, _sim) = portal_with_sim(t).await;
        let (id, scan) = filed(&p).await;
        let mut operator = staff(&p, "operator", "678-901-234 38", Role::Operator, None).await;
        let x = System::new(&p, &register(&p, &mut operator, "X", "minobr", &["read", "work", "decide"]).await);
        let x_read = System::new(&p, &register(&p, &mut operator, "X read", "minobr", &["read"]).await);
        let y = System::new(&p, &register(&p, &mut operator, "Y", "minsoc", &["read", "work", "decide"]).await);
        let forged = System::new(&p, &format!("rpk_0123456789abcdef_{}", "0".repeat(64)));

        // Department Y's client: nothing of X's exists for it.
        let (status, queue) = y.get("/api/v1/applications?queue=new").await;
        assert_eq!((status, queue["items"].as_array().map(Vec::len)), (200, Some(0)));
        for (path, body) in [
            (format!("/api/v1/applications/{id}"), None),
            (format!("/api/v1/applications/{id}/files/{scan}"), None),
            (format!("/api/v1/applications/{id}/take"), Some(json!({}))),
            (format!("/api/v1/applications/{id}/refusal"), Some(json!({ "ground": 0, "comment": "Нет" }))),
        ] {
            let (status, problem) = match body {
                Some(b) => y.post(&path, b).await,
                None => y.get(&path).await,
            };
            assert_eq!(status, 404, "{path}: {problem}");
        }
        // Read-only: reads, never works or decides; unknown and forged keys: nothing at all.
        let (status, seen) = x_read.get(&format!("/api/v1/applications/{id}")).await;
        assert_eq!(status, 200);
        assert_eq!((seen["actions"]["take"].as_bool(), seen["actions"]["decide"].as_bool()), (Some(false), Some(false)), "only what its scopes allow");
        let (status, problem) = x_read.post(&format!("/api/v1/applications/{id}/take"), json!({})).await;
        assert_eq!(status, 403, "{problem}");
        assert!(problem["detail"].as_str().unwrap().contains("work"), "{problem}");
        assert_eq!(x_read.post_bytes(&format!("/api/v1/applications/{id}/approval"), "application/pdf", PDF).await.0, 403);
        // The scope is checked before the body is read: even an unreadable one gets 403.
        assert_eq!(x_read.post_bytes(&format!("/api/v1/applications/{id}/questions"), "text/plain", b"x").await.0, 403);
        assert_eq!(forged.get("/api/v1/applications").await.0, 401);
        // Bad input: a clear problem, nothing changed.
        assert_eq!(x.get("/api/v1/applications?queue=everything").await.0, 400);
        assert_eq!(x.get("/api/v1/applications?cursor=garbage").await.0, 400);
        assert_eq!(x.post_bytes(&format!("/api/v1/applications/{id}/questions"), "application/json", b"{not json").await.0, 400);
        assert_eq!(x.post_bytes(&format!("/api/v1/applications/{id}/questions"), "text/plain", b"hello").await.0, 400);
        assert_eq!(x.get("/api/v1/no-such-thing").await.0, 404, "a problem, not a server function's page");
        assert_eq!(x.post(&format!("/api/v1/applications/{id}/files"), json!({})).await.0, 404);
        let (_, still) = x.get(&format!("/api/v1/applications/{id}")).await;
        assert_eq!(still["status"], "registered", "refusals change nothing");

        // Problems speak the caller's language.
        let anonymous = reqwest::Client::new();
        let ru: Value = anonymous.get(format!("{}/api/v1/applications", p.url)).header("accept-language", "ru").send().await.unwrap().json().await.unwrap();
        let en = anonymous.get(format!("{}/api/v1/applications", p.url)).header("accept-language", "en-GB,en;q=0.8").send().await.unwrap();
        assert_eq!(en.headers().get("www-authenticate").and_then(|v| v.to_str().ok()), Some("Bearer realm=\"api\""));
        let en: Value = en.json().await.unwrap();
        assert_eq!((ru["title"].as_str(), en["title"].as_str()), (Some("Нет аутентификации"), Some("Not authenticated")));

        // A department system's calls need no same-origin header: a key is not a cookie.
        assert_eq!(x.post(&format!("/api/v1/applications/{id}/take"), json!({})).await.0, 204);
    })
    .await;
}

#[tokio::test]
async fn the_openapi_document_and_its_reference_page_describe_every_operation() {
    on_both(async |t| {
        let (p, _sim) = portal_with_sim(t).await;
        let mut b = Browser::new();
        let doc: Value = serde_json::from_str(&b.get(&format!("{}/api/v1/openapi.json", p.url)).await.body).unwrap();
        assert_eq!(doc["openapi"], "3.1.0");
        assert!(doc["components"]["securitySchemes"]["api_key"]["scheme"] == "bearer");
        let page = b.get(&format!("{}/api/v1/reference", p.url)).await;
        for path in doc["paths"].as_object().unwrap().keys() {
            assert!(page.body.contains(path.as_str()), "{path} is on the reference page");
        }
        assert!(page.body.contains("id=\"problem-conflict\""), "problem types resolve to the page");
    })
    .await;
}

/// Schemathesis (from PyPI, installed by `scripts/setup.sh`) sends what the OpenAPI document
/// allows and much it does not, with a client's key, against applications that exist: no answer
/// may be a server error or differ from the document.
#[tokio::test]
async fn schemathesis_finds_no_server_error_and_no_answer_outside_the_document() {
    on_both(async |t| {
        let (p, _sim) = portal_with_sim(t).await;
        for _ in 0..3 {
            filed(&p).await;
        }
        let mut operator = staff(&p, "operator", "678-901-234 38", Role::Operator, None).await;
        let key = register(&p, &mut operator, "Schemathesis", "minobr", &["read", "work", "decide"]).await;
        let reports = tempfile::tempdir().unwrap();
        let mut command = std::process::Command::new("schemathesis");
        command
            .args(["run", &format!("{}/api/v1/openapi.json", p.url), "--header", &format!("Authorization: Bearer {key}")])
            .args(["--checks", "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance"])
            .args(["--max-examples", "40", "--seed", "1", "--workers", "1", "--no-color", "--report-dir"])
            .arg(reports.path());
        // The portal answers on this test's runtime: the run waits on a thread of its own.
        let out = tokio::task::spawn_blocking(move || command.output()).await.unwrap().expect("schemathesis runs (scripts/setup.sh test installs it)");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "schemathesis found problems:\n{text}\n{}", String::from_utf8_lossy(&out.stderr));
    })
    .await;
}
