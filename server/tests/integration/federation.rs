//! Federation through the running server on SQLite and PostgreSQL: the portal process killed with
//! SIGKILL in the middle of delivery and started again still gets every message applied exactly
//! once; the operator's page of parked messages and its retry; the published keys and metrics.

use std::path::Path;
use std::time::{Duration, Instant};

use backend::outbox::Topic;
use backend::testing::{demo_pack, file_kindergartens, insert_outbox, TestDb};
use domain::identity::{AssuranceLevel, Profile, Role, Snils};

use crate::support::{free_port, on_both, portal_command, portal_with_sim, staff, Browser, FederalSim, LivePortal, PortalProcess};

/// The demo region imported over `t` with its files in `data`, and `n` kindergarten applications
/// by Ivanova waiting in the federal outbox.
async fn file_for_delivery(t: &TestDb, data: &Path, n: usize) {
    let files = backend::FileStore::local(data).unwrap();
    backend::region_pack::import(&t.db, &files, &demo_pack()).await.unwrap();
    let profile = Profile {
        family_name: "Иванова".into(),
        given_name: "Мария".into(),
        middle_name: None,
        snils: Some(Snils::parse("123-456-789 64").unwrap()),
        birthdate: None,
        email: None,
        phone: None,
        assurance: AssuranceLevel::Confirmed,
    };
    let person = t.db.upsert_person("ivanova", &profile, 0).await.unwrap();
    let citizen = t.db.principal(person).await.unwrap().unwrap();
    let use_cases = backend::Portal::new(t.db.clone(), files).with_clock(backend::clock::Clock::fixed(backend::clock::now_ms()));
    file_kindergartens(&use_cases, &citizen, n, async |_| {}).await;
}

async fn counters(sim: &FederalSim) -> serde_json::Value {
    sim.federation().await["counters"].clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_portal_killed_in_the_middle_of_delivery_and_restarted_gets_every_message_applied_once() {
    on_both(async |t| {
        let port = free_port();
        let sim = FederalSim::start(&format!("http://127.0.0.1:{port}"));
        let data = tempfile::tempdir().unwrap();
        file_for_delivery(t, data.path(), 200).await;
        // Slow answers keep many messages in flight when the process dies.
        sim.set_faults(serde_json::json!({ "federation": { "latency_ms": 150 } })).await;

        let portal = PortalProcess::start(t, port, &sim, data.path(), &[]).await;
        let start = Instant::now();
        while counters(&sim).await["applied"].as_u64().unwrap() < 100 {
            assert!(start.elapsed() < Duration::from_secs(60), "delivery did not start");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        portal.kill();
        let at_kill = counters(&sim).await["applied"].as_u64().unwrap();
        assert!(at_kill < 600, "killed in the middle, not after the end ({at_kill} applied)");
        let held = t.db.outbox_counts(Topic::Federal.as_str()).await.unwrap().pending;
        assert!(held > 0);

        sim.set_faults(serde_json::json!({})).await;
        let _portal = PortalProcess::start(t, port, &sim, data.path(), &[]).await;
        let start = Instant::now();
        while t.db.outbox_counts(Topic::Federal.as_str()).await.unwrap().pending > 0 {
            assert!(start.elapsed() < Duration::from_secs(120), "the outbox did not drain after the restart");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let state = sim.federation().await;
        let records = state["records"].as_array().unwrap();
        assert_eq!(records.len(), 200);
        for r in records {
            let seqs: Vec<i64> = r["events"].as_array().unwrap().iter().map(|e| e["seq"].as_i64().unwrap()).collect();
            assert_eq!(seqs, [1, 2], "{r}");
        }
        assert_eq!(state["counters"]["applied"], 600, "each message applied exactly once: {}", state["counters"]);
    })
    .await;
}

/// Web replicas (`workers = false`) with the background work in a `portal worker` of its own, on
/// another machine's data folder: all sign with one key made by `portal create-signing-key`, the
/// web process publishes it and sends nothing, the worker delivers every message exactly once.
/// `portal rotate-signing-key` then brings in the next key with overlap, without a restart.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn web_replicas_without_workers_and_a_worker_of_their_own_share_one_key_and_the_work() {
    on_both(async |t| {
        let port = free_port();
        let sim = FederalSim::start(&format!("http://127.0.0.1:{port}"));
        let (web_data, worker_data, secrets) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        file_for_delivery(t, web_data.path(), 20).await;
        let queued = t.db.outbox_counts(Topic::Federal.as_str()).await.unwrap().pending;
        assert!(queued >= 20, "a registration per application at least: {queued}");
        let key = secrets.path().join("federation-key.json");
        let key_env = ("PORTAL_FEDERATION__SIGNING_KEY", key.to_str().unwrap());
        let web_only = [("PORTAL_WORKERS", "false"), key_env];

        let refused = portal_command("serve", t, port, &sim, web_data.path(), &web_only).output().unwrap();
        let said = String::from_utf8_lossy(&refused.stderr);
        assert!(!refused.status.success() && said.contains("portal create-signing-key"), "a web replica never makes a key of its own: {said}");
        assert!(!key.exists());
        let made = portal_command("create-signing-key", t, port, &sim, web_data.path(), &[]).arg(&key).output().unwrap();
        assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
        let again = portal_command("create-signing-key", t, port, &sim, web_data.path(), &[]).arg(&key).output().unwrap();
        assert!(!again.status.success() && String::from_utf8_lossy(&again.stderr).contains("exists"), "a key in use is never replaced");

        let _web = PortalProcess::start(t, port, &sim, web_data.path(), &web_only).await;
        let kid = backend::federation::Keyring::load(&key).unwrap().signer().kid().to_owned();
        let jwks: serde_json::Value = reqwest::get(format!("http://127.0.0.1:{port}/.well-known/jwks.json")).await.unwrap().json().await.unwrap();
        assert_eq!(jwks["keys"][0]["kid"], kid.as_str(), "the web replica publishes the shared key");
        // Long enough for a worker inside it to have sent a good part of the messages.
        tokio::time::sleep(Duration::from_secs(2)).await;
        assert_eq!(t.db.outbox_counts(Topic::Federal.as_str()).await.unwrap().pending, queued, "the web replica sends nothing");
        assert_eq!(counters(&sim).await["applied"], 0);

        let _worker = PortalProcess::worker(t, port, &sim, worker_data.path(), &[key_env]);
        let start = Instant::now();
        while t.db.outbox_counts(Topic::Federal.as_str()).await.unwrap().pending > 0 {
            assert!(start.elapsed() < Duration::from_secs(60), "the worker did not deliver");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let state = sim.federation().await;
        assert_eq!(state["records"].as_array().unwrap().len(), 20);
        assert_eq!(state["counters"]["applied"], queued, "each message applied once, its signature checked against the published key: {}", state["counters"]);
        assert!(!worker_data.path().join("federation-key.json").exists(), "the worker made no key of its own");

        // Rotation with overlap, no restart: the next key is published at once and signs later,
        // the old one stays published for a grace after that.
        let jwks_kids = async || -> Vec<String> {
            let jwks: serde_json::Value = reqwest::get(format!("http://127.0.0.1:{port}/.well-known/jwks.json")).await.unwrap().json().await.unwrap();
            jwks["keys"].as_array().unwrap().iter().map(|k| k["kid"].as_str().unwrap().to_owned()).collect()
        };
        let rotated = portal_command("rotate-signing-key", t, port, &sim, web_data.path(), &[])
            .args([key.to_str().unwrap(), "--publish-for", "3s", "--grace", "3s"])
            .output()
            .unwrap();
        assert!(rotated.status.success(), "{}", String::from_utf8_lossy(&rotated.stderr));
        let next = backend::federation::Keyring::load(&key).unwrap().jwks()["keys"][1]["kid"].as_str().unwrap().to_owned();
        assert_eq!(jwks_kids().await, [kid.clone(), next.clone()], "the web replica publishes the next key before it signs");
        assert_eq!(counters(&sim).await["signed_by"].get(&next), None, "nothing is signed with it yet");
        let start = Instant::now();
        while counters(&sim).await["signed_by"].get(&next).is_none() {
            assert!(start.elapsed() < Duration::from_secs(30), "the worker never signed with the next key: {}", counters(&sim).await);
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        file_for_delivery(t, web_data.path(), 3).await;
        let start = Instant::now();
        while t.db.outbox_counts(Topic::Federal.as_str()).await.unwrap().pending > 0 {
            assert!(start.elapsed() < Duration::from_secs(60), "nothing delivered after the rotation");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        tokio::time::sleep(Duration::from_secs(3)).await;
        assert_eq!(jwks_kids().await, [next], "after the grace only the new key is published");
        let counters = counters(&sim).await;
        assert_eq!(counters["bad_signatures"], 0, "no request was refused over the rotation: {counters}");
        assert_eq!(sim.federation().await["records"].as_array().unwrap().len(), 23);
    })
    .await;
}

#[tokio::test]
async fn the_operator_sees_parked_messages_with_their_last_answer_and_retries_them_and_nobody_else_can() {
    on_both(async |t| {
        let (p, _sim) = portal_with_sim(t).await;
        let db = &p.state.portal.db;
        let now = backend::clock::now_ms();
        // Two messages that the federal side refused for good.
        for n in 1..=2 {
            insert_outbox(db, Topic::Federal.as_str(), &format!("app-{n}"), &format!("app-{n}:register"), "{}", now).await;
        }
        for row in db.claim_outbox(Topic::Federal.as_str(), "w", now, 60_000, 10, true).await.unwrap() {
            // Refused for good: parked at once (when it would have come back does not matter).
            db.outbox_failed(row.id, "w", "HTTP 422: another message already holds this sequence number", true, now + 1, now).await.unwrap();
        }
        let mut anonymous = Browser::new();
        let mut citizen = Browser::new();
        citizen.login(&p.url, "ivanova").await;
        let mut clerk = staff(&p, "clerk", "456-789-012 38", Role::Clerk, Some("minobr")).await;
        let mut operator = staff(&p, "operator", "678-901-234 38", Role::Operator, None).await;

        let page = operator.get(&format!("{}/admin/federation", p.url)).await;
        assert_eq!(page.status, 200);
        assert!(page.body.contains("HTTP 422: another message already holds this sequence number"), "the last answer is shown");
        assert_eq!(page.body.matches("name=\"id\"").count(), 2, "a retry form per parked message");

        // Only the operator may put them back.
        for (who, b) in [&mut anonymous, &mut citizen, &mut clerk].into_iter().enumerate() {
            let got = b.post(&format!("{}/admin/federation/retry", p.url), &[]).await;
            assert!(matches!(got.status, 303 | 403), "person #{who}: {}", got.status);
            assert_eq!(db.outbox_counts(Topic::Federal.as_str()).await.unwrap().failed, 2, "person #{who} changed nothing");
        }
        let parked = db.outbox_parked(Topic::Federal.as_str(), 10).await.unwrap();
        let one = operator.post(&format!("{}/admin/federation/retry", p.url), &[("id", &parked[0].id.to_string())]).await;
        assert_eq!((one.status, one.location.as_deref()), (303, Some("/admin/federation?retried=1")));
        let page = operator.get(&format!("{}/admin/federation?retried=1", p.url)).await;
        assert!(page.body.contains("1 сообщение поставлено в очередь на отправку."));
        let all = operator.post(&format!("{}/admin/federation/retry", p.url), &[]).await;
        assert_eq!(all.location.as_deref(), Some("/admin/federation?retried=1"));
        let counts = db.outbox_counts(Topic::Federal.as_str()).await.unwrap();
        assert_eq!((counts.pending, counts.failed), (2, 0));
        let bad = operator.post(&format!("{}/admin/federation/retry", p.url), &[("id", "not-a-number")]).await;
        assert_eq!(bad.status, 400, "a bad form is refused, not a 500");
    })
    .await;
}

#[tokio::test]
async fn keys_are_published_and_metrics_need_the_token() {
    on_both(async |t| {
        let (p, _sim) = portal_with_sim(t).await;
        let mut b = Browser::new();
        let jwks = b.get(&format!("{}/.well-known/jwks.json", p.url)).await;
        assert_eq!(jwks.status, 200);
        assert_eq!(serde_json::from_str::<serde_json::Value>(&jwks.body).unwrap()["keys"], serde_json::json!([]), "federation is off here: no key");
        assert_eq!(b.get(&format!("{}/metrics", p.url)).await.status, 404, "no token configured: not served");
        drop(p);

        let port = free_port();
        let sim = FederalSim::start(&format!("http://127.0.0.1:{port}"));
        let p = LivePortal::start(t, port, &sim.url, &sim.secret, |c| c.metrics_token = Some("a-long-enough-metrics-token".into())).await;
        let http = reqwest::Client::new();
        let url = format!("{}/metrics", p.url);
        assert_eq!(http.get(&url).send().await.unwrap().status(), 401);
        assert_eq!(http.get(&url).bearer_auth("a-long-enough-metrics-token-x").send().await.unwrap().status(), 401);
        let ok = http.get(&url).bearer_auth("a-long-enough-metrics-token").send().await.unwrap();
        assert_eq!(ok.status(), 200);
        let text = ok.text().await.unwrap();
        assert!(text.contains("portal_federal_messages{state=\"failed\"} 0"), "{text}");
        assert!(text.contains("portal_federal_oldest_pending_seconds 0"), "{text}");
    })
    .await;
}
