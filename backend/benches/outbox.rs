//! Draining the federal outbox to a local simulator over HTTP:
//! `cargo bench -p backend --bench outbox [-- sqlite|postgres APPLICATIONS]`. Each application
//! has three messages (registration and two status events), written into the outbox beforehand;
//! the timed part is the production delivery loop (claim, sign, send 32 at once, settle) until
//! nothing is pending. Afterwards the simulator's count proves every message applied once.

use std::sync::Arc;
use std::time::Instant;

use axum::routing::get;
use axum::{Json, Router};
use backend::federation::delivery::deliver_round;
use backend::federation::{Es256Signer, Keyring};
use backend::federation::{FederalClient, FederationSettings};
use backend::outbox::Topic;
use backend::testing::{insert_outbox, TestDb};
use domain::federation::{Applicant, Outgoing, Registration, StatusEvent};
use federal_sim::config::{RegionConfig, SimConfig};

async fn serve(router: Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("address");
    tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });
    format!("http://{addr}")
}

fn messages(i: usize, now: i64) -> Vec<(String, String, String)> {
    let id = format!("00000000-0000-4000-8000-{i:012}");
    let register = Outgoing::Register(Registration {
        message_id: format!("{id}:register"),
        application_id: id.clone(),
        region: "demo".into(),
        number: format!("99-2026-{i:06}"),
        service_code: "kindergarten-enrolment".into(),
        service_title: "Постановка на учёт и зачисление детей в детские сады".into(),
        department_code: "minobr".into(),
        applicant: Applicant { subject: format!("person-{i}"), snils: None, name: "Иванова Мария Петровна".into() },
        submitted_at: now,
        deadline: "2026-12-04".into(),
    });
    let mut out = vec![(id.clone(), format!("{id}:register"), serde_json::to_string(&register).expect("JSON"))];
    for (seq, status) in [(1, "submitted"), (2, "registered")] {
        let event = Outgoing::Status {
            application_id: id.clone(),
            event: StatusEvent { message_id: format!("{id}:status:{seq}"), seq, status: status.into(), action: "submit".into(), at: now, note: None },
        };
        out.push((id.clone(), format!("{id}:status:{seq}"), serde_json::to_string(&event).expect("JSON")));
    }
    out
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    let postgres = args.iter().any(|a| a == "postgres");
    let applications = args.iter().find_map(|a| a.parse::<usize>().ok()).unwrap_or(2_000);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    runtime.block_on(async move {
        let t = if postgres { TestDb::postgres().await } else { TestDb::sqlite().await };
        let keyring = Arc::new(Keyring::single(Arc::new(Es256Signer::generate())));
        let keys = keyring.jwks();
        let jwks_url = format!("{}/jwks.json", serve(Router::new().route("/jwks.json", get(move || async move { Json(keys) }))).await);
        // The simulator's address must be known to its configuration: bind first.
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let config = SimConfig {
            issuer: url.clone(),
            listen: listener.local_addr().expect("address"),
            control: true,
            token_seconds: 600,
            clients: Vec::new(),
            persons: Vec::new(),
            regions: vec![RegionConfig { code: "demo".into(), name: "Demo".into(), jwks_url, services: Vec::new() }],
        };
        let app = federal_sim::router(federal_sim::Simulator::new(config));
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        let now = backend::clock::now_ms();
        eprintln!("writing {} messages…", applications * 3);
        for i in 0..applications {
            for (key, message_id, payload) in messages(i, now) {
                insert_outbox(&t.db, Topic::Federal.as_str(), &key, &message_id, &payload, now).await;
            }
        }
        let client = FederalClient::new(FederationSettings::new(&url, "demo"), keyring);
        let start = Instant::now();
        let mut rounds = 0;
        loop {
            let round = deliver_round(&t.db, &client, "bench").await.expect("round");
            rounds += 1;
            if round.claimed == 0 && t.db.outbox_counts(Topic::Federal.as_str()).await.expect("counts").pending == 0 {
                break;
            }
        }
        let seconds = start.elapsed().as_secs_f64();
        let state: serde_json::Value = reqwest::get(format!("{url}/sim/control/federation")).await.expect("state").json().await.expect("JSON");
        let applied = state["counters"]["applied"].as_u64().unwrap_or(0);
        let sent = applications * 3;
        assert_eq!(applied, sent as u64, "every message applied once");
        println!(
            "{}: {sent} messages of {applications} applications delivered in {seconds:.2} s ({rounds} rounds): {:.0} messages/s; applied at the simulator: {applied}",
            if postgres { "PostgreSQL" } else { "SQLite" },
            sent as f64 / seconds
        );
        t.cleanup().await;
    });
}
