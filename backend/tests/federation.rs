//! Federation on SQLite and PostgreSQL against the federal simulator over real HTTP: exactly-once,
//! in-order delivery through failures, an outage and a crashed worker; two workers on one
//! database; the inbox with duplicates and bad messages; parking and the operator's retry.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::routing::get;
use axum::{Json, Router};
use backend::federation::delivery::{deliver_round, run};
use backend::federation::inbound::poll_inbox;
use backend::federation::{Es256Signer, Keyring};
use backend::federation::{FederalClient, FederationSettings};
use backend::office::work::take;
use backend::outbox::Topic;
use backend::testing::{count_rows, file_kindergartens, on_both, TestDb, TestPerson, TestPortal};
use backend::Db;
use domain::access::Principal;
use domain::identity::{AssuranceLevel, Snils};
use domain::region::RegionRules;
use federal_sim::config::{PersonConfig, RegionConfig, ServiceRef, SimConfig};
use serde_json::{json, Value};

const NOW: i64 = 1_795_417_200_000;
const SERVICE: &str = "kindergarten-enrolment";

/// The federal simulator and the region's published keys, both on loopback ports.
struct Federal {
    url: String,
    keyring: Arc<Keyring>,
    http: reqwest::Client,
}

async fn serve(listener: tokio::net::TcpListener, router: Router) {
    tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });
}

async fn federal() -> Federal {
    let keyring = Arc::new(Keyring::single(Arc::new(Es256Signer::generate())));
    let keys = keyring.jwks();
    let jwks_listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let jwks_url = format!("http://{}/.well-known/jwks.json", jwks_listener.local_addr().unwrap());
    serve(jwks_listener, Router::new().route("/.well-known/jwks.json", get(move || async move { Json(keys) }))).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let config = SimConfig {
        issuer: url.clone(),
        listen: listener.local_addr().unwrap(),
        control: true,
        token_seconds: 600,
        clients: Vec::new(),
        persons: vec![PersonConfig {
            sub: "ivanova".into(),
            snils: Some(Snils::parse("123-456-789 64").unwrap()),
            family_name: "Иванова".into(),
            given_name: "Мария".into(),
            middle_name: Some("Петровна".into()),
            birthdate: Some("1988-04-12".into()),
            email: Some("ivanova@example.ru".into()),
            phone: None,
            assurance: AssuranceLevel::Confirmed,
            note: None,
        }],
        regions: vec![RegionConfig {
            code: "demo".into(),
            name: "Приозёрский край".into(),
            jwks_url,
            services: vec![ServiceRef { code: SERVICE.into(), title: "Запись в детский сад".into() }],
        }],
    };
    serve(listener, federal_sim::router(federal_sim::Simulator::new(config))).await;
    Federal { url, keyring, http: reqwest::Client::new() }
}

impl Federal {
    /// A client with quick retries, so tests of many failures take seconds.
    fn client(&self, max_attempts: i32) -> FederalClient {
        let mut settings = FederationSettings::new(&self.url, "demo");
        settings.max_attempts = max_attempts;
        settings.backoff_base_ms = 5;
        settings.backoff_max_ms = 200;
        settings.timeout_ms = 5_000;
        FederalClient::new(settings, self.keyring.clone())
    }

    async fn faults(&self, federation: Value) {
        let r = self.http.put(format!("{}/sim/control/faults", self.url)).json(&json!({ "federation": federation })).send().await.unwrap();
        assert!(r.status().is_success(), "{}", r.text().await.unwrap());
    }

    async fn state(&self) -> Value {
        self.http.get(format!("{}/sim/control/federation", self.url)).send().await.unwrap().json().await.unwrap()
    }

    async fn file(&self, body: Value) -> String {
        let r: Value = self.http.post(format!("{}/sim/control/inbox", self.url)).json(&body).send().await.unwrap().json().await.unwrap();
        r["message_id"].as_str().unwrap().to_owned()
    }
}

struct Region {
    p: TestPortal,
    rules: RegionRules,
    citizen: Principal,
    clerk: Principal,
}

async fn region(t: &TestDb) -> Region {
    let p = t.portal(NOW);
    p.import_demo().await;
    let db = &t.db;
    Region {
        rules: p.rules().await.unwrap(),
        citizen: TestPerson::new("ivanova", "123-456-789 64").create(db, NOW).await,
        clerk: TestPerson::new("kuznetsova", "456-789-012 38").clerk_of("minobr").create(db, NOW).await,
        p,
    }
}

async fn file_applications(r: &Region, n: usize, each: impl AsyncFnMut(usize)) -> Vec<String> {
    file_kindergartens(&r.p, &r.citizen, n, each).await
}

/// Waits until the federal outbox has nothing pending.
async fn drained(db: &Db) {
    let start = Instant::now();
    loop {
        let counts = db.outbox_counts(Topic::Federal.as_str()).await.unwrap();
        if counts.pending == 0 {
            return;
        }
        assert!(start.elapsed() < Duration::from_secs(240), "the outbox did not drain: {counts:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Every record has its events 1..=n in order with the expected statuses.
fn assert_in_order(state: &Value, expected: impl Fn(&str) -> Vec<&'static str>) {
    for record in state["records"].as_array().unwrap() {
        let id = record["application_id"].as_str().unwrap();
        let seqs: Vec<i64> = record["events"].as_array().unwrap().iter().map(|e| e["seq"].as_i64().unwrap()).collect();
        let statuses: Vec<&str> = record["events"].as_array().unwrap().iter().map(|e| e["status"].as_str().unwrap()).collect();
        let want = expected(id);
        assert_eq!(seqs, (1..=want.len() as i64).collect::<Vec<_>>(), "events of {id}");
        assert_eq!(statuses, want, "statuses of {id}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_applications_reach_the_federal_side_exactly_once_through_errors_and_an_outage() {
    on_both(async |t: &TestDb| {
        let fed = federal().await;
        let r = region(t).await;
        fed.faults(json!({ "error_rate": 0.3, "lost_response_rate": 0.1 })).await;
        let worker = tokio::spawn(run(t.db.clone(), fed.client(1_000), "worker-1".into()));
        let ids = file_applications(&r, 1_000, async |i| {
            // An outage window in the middle of the filing.
            if i == 400 {
                fed.faults(json!({ "outage": true })).await;
            }
            if i == 600 {
                fed.faults(json!({ "error_rate": 0.3, "lost_response_rate": 0.1 })).await;
            }
        })
        .await;
        // A clerk takes every tenth into work while delivery goes on: a third event.
        r.p.clock.set(NOW + 1);
        for id in ids.iter().step_by(10) {
            take(&r.p, &r.clerk, id).await.unwrap();
        }
        drained(&t.db).await;
        worker.abort();
        let state = fed.state().await;
        let taken: std::collections::HashSet<&str> = ids.iter().step_by(10).map(String::as_str).collect();
        assert_eq!(state["records"].as_array().unwrap().len(), 1_000);
        assert_in_order(&state, |id| if taken.contains(id) { vec!["submitted", "registered", "in_review"] } else { vec!["submitted", "registered"] });
        let c = &state["counters"];
        assert_eq!(c["applied"], 1_000 + 2_000 + 100, "{c}");
        assert!(c["lost_responses"].as_u64().unwrap() > 0 && c["duplicates"].as_u64().unwrap() > 0, "retries after lost answers were duplicates: {c}");
        let counts = t.db.outbox_counts(Topic::Federal.as_str()).await.unwrap();
        assert_eq!((counts.delivered, counts.failed), (3_100, 0));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_on_one_database_send_each_message_once() {
    on_both(async |t: &TestDb| {
        let fed = federal().await;
        let r = region(t).await;
        file_applications(&r, 200, async |_| {}).await;
        // Two pools on one database: as two portal processes would have.
        let (a, b) = (Db::connect(&t.url).await.unwrap(), Db::connect(&t.url).await.unwrap());
        let workers = [tokio::spawn(run(a.clone(), fed.client(10), "process-a".into())), tokio::spawn(run(b.clone(), fed.client(10), "process-b".into()))];
        drained(&t.db).await;
        for w in workers {
            w.abort();
        }
        let state = fed.state().await;
        let c = &state["counters"];
        assert_eq!(c["received"], 600, "every message sent once: {c}");
        assert_eq!(c["duplicates"], 0);
        assert_in_order(&state, |_| vec!["submitted", "registered"]);
        a.close().await;
        b.close().await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_worker_that_dies_after_sending_leaves_its_messages_to_another_and_nothing_is_applied_twice() {
    on_both(async |t: &TestDb| {
        let fed = federal().await;
        let r = region(t).await;
        file_applications(&r, 50, async |_| {}).await;
        let client = fed.client(10);
        // The dying worker claims with a short lease, sends, and never records the outcome.
        let lease_ends = Instant::now() + Duration::from_millis(3_000);
        let claimed = t.db.claim_outbox(Topic::Federal.as_str(), "dead", backend::clock::now_ms(), 3_000, 1_000, true).await.unwrap();
        assert_eq!(claimed.len(), 50, "one message per application at a time");
        for row in &claimed {
            let message = serde_json::from_str(&row.payload).unwrap();
            client.send(&message).await;
        }
        let round = deliver_round(&t.db, &client, "alive").await.unwrap();
        assert_eq!(round.claimed, 0, "leased rows are not claimed by another");
        tokio::time::sleep_until((lease_ends + Duration::from_millis(50)).into()).await;
        let worker = tokio::spawn(run(t.db.clone(), client, "alive".into()));
        drained(&t.db).await;
        worker.abort();
        let state = fed.state().await;
        assert_eq!(state["records"].as_array().unwrap().len(), 50);
        assert_eq!(state["counters"]["applied"], 150);
        assert_eq!(state["counters"]["duplicates"], 50, "the registrations were sent again and recognised");
        assert_in_order(&state, |_| vec!["submitted", "registered"]);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_message_failing_to_the_end_is_parked_holds_back_its_successors_and_goes_out_on_retry() {
    on_both(async |t: &TestDb| {
        let fed = federal().await;
        let r = region(t).await;
        let ids = file_applications(&r, 1, async |_| {}).await;
        let client = fed.client(3);
        fed.faults(json!({ "outage": true })).await;
        for _ in 0..3 {
            deliver_round(&t.db, &client, "w").await.unwrap();
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
        let parked = t.db.outbox_parked(Topic::Federal.as_str(), 10).await.unwrap();
        assert_eq!(parked.len(), 1);
        assert_eq!(parked[0].message_id, format!("{}:register", ids[0]));
        assert_eq!(parked[0].attempts, 3);
        assert!(parked[0].last_error.as_deref().unwrap().starts_with("HTTP 503"), "{:?}", parked[0].last_error);
        let counts = t.db.outbox_counts(Topic::Federal.as_str()).await.unwrap();
        assert_eq!((counts.pending, counts.failed), (2, 1), "its status events wait behind it");
        fed.faults(json!({})).await;
        assert_eq!(deliver_round(&t.db, &client, "w").await.unwrap().claimed, 0, "nothing overtakes a parked message");
        assert_eq!(t.db.outbox_retry(Topic::Federal.as_str(), None, backend::clock::now_ms()).await.unwrap(), 1);
        let worker = tokio::spawn(run(t.db.clone(), client, "w".into()));
        drained(&t.db).await;
        worker.abort();
        let state = fed.state().await;
        assert_in_order(&state, |_| vec!["submitted", "registered"]);
        assert_eq!(t.db.outbox_counts(Topic::Federal.as_str()).await.unwrap().failed, 0);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inbox_messages_are_stored_once_and_bad_ones_are_rejected_with_nothing_stored() {
    on_both(async |t: &TestDb| {
        let fed = federal().await;
        let r = region(t).await;
        let form = json!([{ "label": "Суть обращения", "value": "Прошу записать сына в детский сад" }]);
        let good = fed.file(json!({ "region": "demo", "service_code": SERVICE, "subject": "ivanova", "form": form })).await;
        fed.file(json!({ "region": "demo", "service_code": SERVICE, "subject": "ivanova", "spoil": "signature" })).await;
        fed.file(json!({ "region": "demo", "service_code": SERVICE, "subject": "ivanova", "spoil": "malformed" })).await;
        fed.file(json!({ "region": "demo", "service_code": "no-such-service", "subject": "ivanova" })).await;
        fed.faults(json!({ "duplicate_inbox": true })).await;
        let client = fed.client(10);
        let before = count_rows(&t.db, "applications").await;
        let first = poll_inbox(&t.db, &client, &r.rules, NOW).await.unwrap();
        assert_eq!((first.stored, first.duplicates, first.rejected), (1, 1, 6), "each listed twice; bad ones refused each time");
        let again = poll_inbox(&t.db, &client, &r.rules, NOW).await.unwrap();
        assert_eq!(again.stored, 0, "a re-delivery stores nothing");
        // The message names the person who logged in here before; who they are stays as that
        // login vouched (the simulator's "ivanova" carries another name and an email).
        let profile = t.db.profile(r.citizen.person_id).await.unwrap().unwrap();
        assert_eq!((profile.family_name.as_str(), profile.email.as_deref()), ("Тестова", None), "{profile:?}");
        assert_eq!(count_rows(&t.db, "applications").await, before + 1);
        assert_eq!(count_rows(&t.db, "federal_inbox").await, 1);
        // The clerk's queue holds it, marked as filed on the federal portal.
        let filter = domain::office::QueueFilter { origin: Some(domain::application::Origin::Federal), ..Default::default() };
        let queue = backend::office::queue::queue(&r.p, &r.clerk, &filter, None, domain::localized::Lang::parse("ru").unwrap()).await.unwrap();
        assert_eq!(queue.rows.len(), 1);
        let worker = tokio::spawn(run(t.db.clone(), client, "w".into()));
        drained(&t.db).await;
        worker.abort();
        let state = fed.state().await;
        let records = state["records"].as_array().unwrap();
        assert_eq!(records.len(), 1, "{state}");
        assert_eq!(records[0]["origin"], "federal");
        assert_eq!(records[0]["status"], "registered");
        assert_eq!(records[0]["number"], queue.rows[0].number.as_str());
        assert_eq!(state["counters"]["acks_accepted"], 1);
        assert_eq!(state["counters"]["acks_rejected"], 3);
        let _ = good;
    })
    .await;
}
