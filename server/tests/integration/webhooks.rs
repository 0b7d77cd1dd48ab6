//! Webhooks on both databases: a department's system, simulated here as a small HTTP server that
//! checks every signature, hears of its department's applications (and nothing of another's)
//! through its own outage, works them through the API, and the operator replays a delivery from
//! the log. The workers' rounds are run by hand so that each step is seen.

use std::sync::{Arc, Mutex};

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use backend::notify::fanout::{fanout_round, FanoutSettings};
use backend::outbox::Round;
use backend::webhooks::delivery::{delivery_round, Deliverer, WebhookSettings};
use backend::webhooks::signing::verify;
use domain::identity::Role;
use domain::webhook::DeliveryState;
use serde_json::{json, Value};

use crate::api::{filed, register, System, PDF};
use crate::support::{free_port, on_both, portal_with_sim, staff, FederalSim, LivePortal};

/// What the simulated system answers, and what it has received.
#[derive(Default)]
struct Department {
    /// The status it answers with while not 2xx (an outage, or "gone").
    answer: Option<u16>,
    /// Per path: the signing secret it was handed.
    secrets: Vec<(String, String)>,
    /// Every attempt: path, `webhook-id`, whether the signature held, the body.
    attempts: Vec<(String, String, bool, Value)>,
}

type Shared = Arc<Mutex<Department>>;

async fn receive(State(dept): State<Shared>, Path(path): Path<String>, headers: HeaderMap, body: axum::body::Bytes) -> StatusCode {
    let mut d = dept.lock().unwrap();
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    let (id, timestamp) = (header("webhook-id"), header("webhook-timestamp").parse().unwrap_or(0));
    let secret = d.secrets.iter().find(|(p, _)| *p == path).map(|(_, s)| s.clone()).unwrap_or_default();
    let signed = verify(&secret, &id, timestamp, &body, &header("webhook-signature"));
    d.attempts.push((path, id, signed, serde_json::from_slice(&body).unwrap_or(Value::Null)));
    match d.answer {
        Some(status) => StatusCode::from_u16(status).unwrap(),
        None if signed => StatusCode::NO_CONTENT,
        None => StatusCode::UNAUTHORIZED,
    }
}

async fn department() -> (String, Shared) {
    let dept = Shared::default();
    let app = axum::Router::new().route("/hooks/{path}", axum::routing::post(receive)).with_state(dept.clone());
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await.unwrap();
    let url = format!("http://127.0.0.1:{}/hooks", listener.local_addr().unwrap().port());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, dept)
}

/// The notification fan-out until it has nothing left, then one round of webhook delivery.
async fn rounds(p: &LivePortal, deliverer: &Deliverer) -> Round {
    let db = &p.state.portal.db;
    let settings = FanoutSettings { public_url: p.url.clone(), email: false };
    // One notice per application a round: they go in order.
    while fanout_round(db, &settings, "test-fanout").await.unwrap().claimed > 0 {}
    delivery_round(db, deliverer, "test-webhooks").await.unwrap()
}

/// The events delivered to `path` (2xx answered), in order: (type, action).
fn delivered(dept: &Shared, path: &str) -> Vec<(String, String)> {
    let d = dept.lock().unwrap();
    let mut seen: Vec<&str> = Vec::new();
    d.attempts
        .iter()
        .filter(|(p, id, signed, _)| {
            p == path && *signed && !seen.contains(&id.as_str()) && {
                seen.push(id);
                true
            }
        })
        .map(|(_, _, _, b)| (b["type"].as_str().unwrap().to_owned(), b["data"]["action"].as_str().unwrap().to_owned()))
        .collect()
}

#[tokio::test]
async fn a_department_system_hears_of_its_applications_through_its_outage_and_works_them_through_the_api() {
    on_both(async |t| {
        // The simulated system listens on this machine: the operator's configuration allows it.
        let port = free_port();
        let sim = FederalSim::start(&format!("http://127.0.0.1:{port}"));
        let p = LivePortal::start(t, port, &sim.url, &sim.secret, |c| c.webhooks.allow_internal = true).await;
        let (hooks, dept) = department().await;
        let mut operator = staff(&p, "operator", "678-901-234 38", Role::Operator, None).await;
        let key = register(&p, &mut operator, "АИС «Образование»", "minobr", &["read", "work", "decide"]).await;
        let other = register(&p, &mut operator, "АИС «Соцзащита»", "minsoc", &["read"]).await;
        let client = |key: &str| key.split('_').nth(1).unwrap().to_owned();

        // A bad address is refused and sets nothing; good ones show their secret once.
        let refused = operator.post(&format!("{}/admin/api-clients/{}/webhook", p.url, client(&key)), &[("url", "http://cases.region.ru/hook")]).await;
        assert_eq!(refused.location.as_deref(), Some("/admin/api-clients?problem=webhook-url"));
        for (key, path) in [(&key, "minobr"), (&other, "minsoc")] {
            let page = operator.post(&format!("{}/admin/api-clients/{}/webhook", p.url, client(key)), &[("url", &format!("{hooks}/{path}"))]).await;
            assert_eq!((page.status, page.cache_control.as_deref()), (200, Some("no-store")), "{}", page.body);
            let start = page.body.find("value=\"whsec_").expect("the secret is shown") + "value=\"".len();
            let secret = page.body[start..].split('"').next().unwrap().to_owned();
            dept.lock().unwrap().secrets.push((path.to_owned(), secret));
        }
        let listed = operator.get(&format!("{}/admin/api-clients", p.url)).await;
        assert!(listed.body.contains(&format!("{hooks}/minobr")) && !listed.body.contains("whsec_"), "the address is listed, the secret never again");

        // The system is down when an application is registered: the delivery waits and is tried
        // again, under the same id, until it is back.
        let deliverer =
            Deliverer::new(WebhookSettings { timeout_ms: 5_000, max_attempts: 5, backoff_base_ms: 1, backoff_max_ms: 1, allow_internal: true }).unwrap();
        dept.lock().unwrap().answer = Some(503);
        let (id, _) = filed(&p).await;
        assert_eq!(rounds(&p, &deliverer).await, Round { claimed: 1, delivered: 0, retrying: 1, parked: 0 }, "one delivery, to minobr only");
        assert_eq!(rounds(&p, &deliverer).await.retrying, 1);
        dept.lock().unwrap().answer = None;
        assert_eq!(rounds(&p, &deliverer).await.delivered, 1);
        {
            let d = dept.lock().unwrap();
            assert_eq!(d.attempts.len(), 3);
            assert!(d.attempts.iter().all(|a| a.1 == d.attempts[0].1 && a.2), "one id, signed every time");
            let body = &d.attempts[2].3;
            assert_eq!((body["type"].as_str(), body["data"]["application_id"].as_str()), (Some("application.registered"), Some(id.as_str())));
            assert!(body["data"]["number"].is_string() && body.get("applicant").is_none(), "a number, nothing personal: {body}");
        }

        // Told, the system works the application through the API alone.
        let system = System::new(&p, &key);
        assert_eq!(system.post(&format!("/api/v1/applications/{id}/take"), json!({})).await.0, 204);
        let question = json!({ "message": "Приложите справку с места работы", "missing": ["Справка с места работы"] });
        assert_eq!(system.post(&format!("/api/v1/applications/{id}/questions"), question).await.0, 204);
        rounds(&p, &deliverer).await;
        let portal = &p.state.portal;
        let a = portal.db.principal(backend::testing::person_id_by_snils(&portal.db, "12345678964").await).await.unwrap().unwrap();
        backend::applications::applicant::reply(portal, &a, &id, "Справку приложу лично", Vec::new()).await.unwrap();
        rounds(&p, &deliverer).await;
        assert_eq!(system.post_bytes(&format!("/api/v1/applications/{id}/approval"), "application/pdf", PDF).await.0, 204);
        while rounds(&p, &deliverer).await.claimed > 0 {}
        let events = delivered(&dept, "minobr");
        let pairs: Vec<(&str, &str)> = events.iter().map(|(t, a)| (t.as_str(), a.as_str())).collect();
        assert_eq!(
            pairs,
            [
                ("application.registered", "register"),
                ("application.status_changed", "take"),
                ("application.status_changed", "request_info"),
                ("application.replied", "reply"),
                ("application.status_changed", "approve"),
                ("application.status_changed", "issue_result"),
            ],
            "every event, in order"
        );
        assert!(delivered(&dept, "minsoc").is_empty(), "another department's system hears nothing of it");

        // The operator's log, and a replay: the same delivery, under its id, once more.
        let log = operator.get(&format!("{}/admin/webhooks", p.url)).await;
        assert!(log.body.contains("АИС «Образование»") && log.body.contains("доставлено"), "{}", log.body);
        let entries = backend::webhooks::log(portal).await.unwrap();
        let first = entries.last().unwrap();
        assert_eq!((first.attempts, first.event.as_str()), (3, "application.registered"));
        let replayed = operator.post(&format!("{}/admin/webhooks/{}/replay", p.url, first.id), &[]).await;
        assert_eq!(replayed.location.as_deref(), Some("/admin/webhooks?done=replayed"));
        let before = dept.lock().unwrap().attempts.len();
        assert_eq!(rounds(&p, &deliverer).await.delivered, 1);
        let ids: Vec<String> = dept.lock().unwrap().attempts.iter().map(|a| a.1.clone()).collect();
        assert_eq!(ids[before], ids[0], "a replay keeps its id");

        // A system that refuses for good (410) is not hammered: parked at once, replayed once fixed.
        dept.lock().unwrap().answer = Some(410);
        let (second, _) = filed(&p).await;
        assert_eq!(rounds(&p, &deliverer).await.parked, 1);
        let parked = backend::webhooks::log(portal).await.unwrap().into_iter().find(|d| d.state == DeliveryState::Failed).unwrap();
        assert_eq!(parked.problem, Some(domain::webhook::DeliveryProblem::Answered(410)));
        dept.lock().unwrap().answer = None;
        assert_eq!(operator.post(&format!("{}/admin/webhooks/{}/replay", p.url, parked.id), &[]).await.status, 303);
        assert_eq!(rounds(&p, &deliverer).await.delivered, 1);
        let last = dept.lock().unwrap().attempts.last().unwrap().3.clone();
        assert_eq!(last["data"]["application_id"].as_str(), Some(second.as_str()));

        // Nobody but the operator replays or sets a webhook (the access matrix has the rest).
        let [nobody, citizen, clerk, head, _] = crate::support::everyone(&p).await;
        for mut b in [nobody, citizen, clerk, head] {
            let replay = b.post(&format!("{}/admin/webhooks/{}/replay", p.url, parked.id), &[]).await;
            let set = b.post(&format!("{}/admin/api-clients/{}/webhook", p.url, client(&other)), &[("url", "https://evil.example/")]).await;
            for answer in [replay, set] {
                assert!(answer.status == 403 || answer.location.as_deref().is_some_and(|l| l.starts_with("/auth/login")), "{}", answer.status);
            }
        }
        let now = backend::webhooks::log(portal).await.unwrap().into_iter().find(|d| d.id == parked.id).unwrap();
        assert_eq!((now.state, now.attempts), (DeliveryState::Delivered, 1), "nobody else replayed it");
        let listed = operator.get(&format!("{}/admin/api-clients", p.url)).await;
        assert!(!listed.body.contains("evil.example"), "nobody else set one");

        // Removed, the webhook gets nothing more: a delivery replayed after is parked.
        let removed = operator.post(&format!("{}/admin/api-clients/{}/webhook/remove", p.url, client(&key)), &[]).await;
        assert_eq!(removed.location.as_deref(), Some("/admin/api-clients?done=webhook-removed"));
        assert_eq!(operator.post(&format!("{}/admin/webhooks/{}/replay", p.url, parked.id), &[]).await.status, 303);
        assert_eq!(rounds(&p, &deliverer).await.parked, 1);
        assert_eq!(operator.post(&format!("{}/admin/webhooks/not-a-number/replay", p.url), &[]).await.status, 404);
    })
    .await;
}

#[tokio::test]
async fn by_default_a_webhook_cannot_point_into_the_portals_own_network() {
    on_both(async |t| {
        let (p, _sim) = portal_with_sim(t).await;
        let mut operator = staff(&p, "operator", "678-901-234 38", Role::Operator, None).await;
        let key = register(&p, &mut operator, "АИС", "minobr", &["read"]).await;
        let client = key.split('_').nth(1).unwrap();
        for url in ["http://127.0.0.1:9/hook", "https://10.0.0.5/hook", "https://169.254.169.254/latest/meta-data/"] {
            let refused = operator.post(&format!("{}/admin/api-clients/{client}/webhook", p.url), &[("url", url)]).await;
            assert_eq!(refused.location.as_deref(), Some("/admin/api-clients?problem=webhook-url"), "{url}");
        }
        assert!(p.state.portal.db.api_client(client).await.unwrap().unwrap().webhook_url.is_none());
    })
    .await;
}
