//! The production shape on one machine: HAProxy in front of two web replicas, a worker of its
//! own, PostgreSQL, an S3 bucket (moto), Redis, and the federal simulator as its own process.
//! Everything goes through the balancer as a browser would. One replica is killed with SIGKILL
//! during a rush of submissions, and the worker in the middle of delivery: no application
//! answered "submitted" is lost and nothing reaches the federal side twice. `./x cluster` runs
//! this test alone.

use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use backend::outbox::Topic;
use backend::testing::{files_in, RedisServer, S3Server, TestDb};

use crate::applications::{submit_with_scan, PDF};
use crate::support::{free_port, portal_command, Browser, FederalSim, PortalProcess};

/// HAProxy from Debian, round robin over the replicas, taking a replica out when its `/readyz`
/// fails; killed when dropped.
struct Balancer {
    child: Child,
    url: String,
    _dir: tempfile::TempDir,
}

impl Balancer {
    async fn start_on(port: u16, replicas: &[u16]) -> Balancer {
        let dir = tempfile::tempdir().unwrap();
        let servers: String = replicas.iter().enumerate().map(|(n, p)| format!("  server web{n} 127.0.0.1:{p} check\n")).collect();
        let config = format!(
            "global\n  maxconn 512\ndefaults\n  mode http\n  timeout connect 2s\n  timeout client 60s\n  timeout server 60s\n  \
             retries 2\n  option redispatch\n  option forwardfor\nfrontend portal\n  bind 127.0.0.1:{port}\n  default_backend web\n\
             backend web\n  balance roundrobin\n  option httpchk GET /readyz\n  default-server inter 300ms fall 2 rise 2\n{servers}"
        );
        let path = dir.path().join("haproxy.cfg");
        std::fs::write(&path, config).unwrap();
        let child = Command::new("haproxy")
            .arg("-f")
            .arg(&path)
            .arg("-db")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("haproxy (Debian's package; scripts/setup.sh test installs it)");
        let url = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        while !reqwest::get(format!("{url}/readyz")).await.is_ok_and(|r| r.status().is_success()) {
            assert!(started.elapsed() < Duration::from_secs(20), "HAProxy did not start");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Balancer { child, url, _dir: dir }
    }
}

impl Drop for Balancer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn pending(t: &TestDb) -> i64 {
    t.db.outbox_counts(Topic::Federal.as_str()).await.unwrap().pending
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cluster_behind_a_balancer_loses_nothing_when_a_replica_and_the_worker_die() {
    let t = TestDb::postgres().await;
    let (s3, redis) = (S3Server::start("portal").await, RedisServer::start().await);
    let (port_a, port_b) = (free_port(), free_port());
    // The balancer's port is known only once it runs; the replicas learn it first.
    let lb_port = free_port();
    let lb_url = format!("http://127.0.0.1:{lb_port}");
    let sim = FederalSim::start(&lb_url);
    let dirs: Vec<tempfile::TempDir> = (0..4).map(|_| tempfile::tempdir().unwrap()).collect();
    let key = dirs[3].path().join("federation-key.json");
    let made = portal_command("create-signing-key", &t, port_a, &sim, dirs[0].path(), &[]).arg(&key).output().unwrap();
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));

    let mut env: Vec<(&str, String)> = s3.env();
    env.extend([
        ("PORTAL_FILES__URL", "s3://portal/cluster".to_owned()),
        ("PORTAL_FEDERATION__SIGNING_KEY", key.display().to_string()),
        ("PORTAL_PUBLIC_URL", lb_url.clone()),
        ("PORTAL_REDIS_URL", redis.url.clone()),
        ("PORTAL_BEHIND_PROXY", "true".to_owned()),
        ("PORTAL_WORKERS", "false".to_owned()),
    ]);
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let migrated = portal_command("migrate", &t, port_a, &sim, dirs[0].path(), &env).output().unwrap();
    assert!(migrated.status.success(), "{}", String::from_utf8_lossy(&migrated.stderr));
    let replica_a = PortalProcess::start(&t, port_a, &sim, dirs[0].path(), &env).await;
    let _replica_b = PortalProcess::start(&t, port_b, &sim, dirs[1].path(), &env).await;
    let worker = PortalProcess::worker(&t, port_a, &sim, dirs[2].path(), &env[..env.len() - 1]);
    let lb = Balancer::start_on(lb_port, &[port_a, port_b]).await;
    let url = lb.url.clone();
    // The federal side is down during the rush: registrations wait in the outbox.
    sim.set_faults(serde_json::json!({ "federation": { "outage": true } })).await;

    // A rush of citizens; replica A dies with SIGKILL once a few have got through.
    let (started, submitted) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let mut journeys = Vec::new();
    for n in 0..16 {
        let (url, started, submitted) = (url.clone(), started.clone(), submitted.clone());
        journeys.push(tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(150 * n)).await;
            started.fetch_add(1, Ordering::SeqCst);
            // A request failing in flight at the kill ends the journey with a panic, counted below.
            let (id, _) = submit_with_scan(&mut Browser::new(), &url, &format!("citizen-{}", n + 1)).await;
            submitted.fetch_add(1, Ordering::SeqCst);
            id
        }));
    }
    let waiting = Instant::now();
    while submitted.load(Ordering::SeqCst) < 4 {
        assert!(waiting.elapsed() < Duration::from_secs(120), "no submission got through");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    replica_a.kill();
    let submitted_before = submitted.load(Ordering::SeqCst);
    let in_progress = started.load(Ordering::SeqCst) - submitted_before;
    let mut answered = Vec::new();
    let mut failed = 0;
    for journey in journeys {
        match journey.await {
            Ok(id) => answered.push(id),
            Err(_) => failed += 1,
        }
    }
    eprintln!("rush: {} answered ({submitted_before} before the kill), {failed} failed of {in_progress} in progress at the kill", answered.len());
    assert!(failed <= in_progress, "only journeys in progress when the replica died may fail: {failed} failed, {in_progress} were in progress");
    assert!(answered.len() > submitted_before, "replica B goes on serving after A died");

    // The federal side is back, slowly; the worker dies in the middle of delivering and comes
    // back: every answered submission reaches the federal side, each message once.
    sim.set_faults(serde_json::json!({ "federation": { "latency_ms": 500 } })).await;
    let started = Instant::now();
    while sim.federation().await["counters"]["applied"].as_u64().unwrap_or(0) < 2 {
        assert!(started.elapsed() < Duration::from_secs(60), "the worker delivers nothing");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(pending(&t).await > 0, "still delivering when the worker dies");
    worker.kill();
    sim.set_faults(serde_json::json!({})).await;
    let _worker = PortalProcess::worker(&t, port_a, &sim, dirs[2].path(), &env[..env.len() - 1]);
    let started = Instant::now();
    while pending(&t).await > 0 {
        assert!(started.elapsed() < Duration::from_secs(120), "the restarted worker did not deliver");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let federal = sim.federation().await;
    let records = federal["records"].as_array().unwrap();
    for id in &answered {
        assert!(records.iter().any(|r| r["application_id"] == id.as_str()), "application {id} answered \"submitted\" is lost");
    }

    // A clerk approves one through the balancer; the federal side holds the approval once.
    let granted = portal_command("grant-role", &t, port_a, &sim, dirs[0].path(), &env)
        .args(["--snils", "456-789-012 38", "--role", "clerk", "--department", "minobr"])
        .output()
        .unwrap();
    assert!(granted.status.success(), "{}", String::from_utf8_lossy(&granted.stderr));
    let mut clerk = Browser::new();
    clerk.login(&url, "clerk").await;
    let office = format!("{url}/office/applications/{}", answered[0]);
    assert_eq!(clerk.post(&format!("{office}/take"), &[]).await.status, 303);
    let approved = clerk.post_multipart(&format!("{office}/approve"), &[("result", "upload")], &[("file", "result.pdf", PDF.to_vec())]).await;
    assert!(approved.location.as_deref().is_some_and(|l| l.ends_with("?done=approve")), "{approved:?}");
    let started = Instant::now();
    loop {
        let federal = sim.federation().await;
        let record = federal["records"].as_array().unwrap().iter().find(|r| r["application_id"] == answered[0].as_str()).cloned().unwrap();
        if record["events"].as_array().unwrap().iter().any(|e| e["status"] == "approved") {
            let seqs: Vec<i64> = record["events"].as_array().unwrap().iter().map(|e| e["seq"].as_i64().unwrap()).collect();
            let unique: std::collections::BTreeSet<i64> = seqs.iter().copied().collect();
            assert_eq!(unique.len(), seqs.len(), "an event applied twice: {record}");
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(60), "the approval did not reach the federal side: {record}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let federal = sim.federation().await;
    assert_eq!(federal["counters"]["bad_signatures"], 0, "{}", federal["counters"]);
    let per_application: std::collections::BTreeMap<&str, usize> = federal["records"].as_array().unwrap().iter().fold(Default::default(), |mut seen, r| {
        *seen.entry(r["application_id"].as_str().unwrap()).or_default() += 1;
        seen
    });
    assert!(per_application.values().all(|n| *n == 1), "a registration held twice: {per_application:?}");

    // The replicas and the worker kept nothing of their own.
    for dir in &dirs[..3] {
        assert_eq!(files_in(dir.path()), Vec::<std::path::PathBuf>::new(), "{}", dir.path().display());
    }
    t.cleanup().await;
}
