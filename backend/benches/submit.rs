//! Submitting applications with one 1 MB attachment each, on SQLite in a temporary folder:
//! `cargo bench -p backend --bench submit [-- N CONCURRENCY]`. Drafts are filled beforehand; the
//! timed part is what a citizen's final steps cost: uploading the scan (checked, hashed, written
//! and synced) and submitting (validated again, numbered, registered, history and outbox written
//! in one transaction). Afterwards every application, row and file is counted: nothing lost.
//!
//! `PHASES=1` times all uploads, then all submissions, separately; `PUTS=1` times only writing
//! the files to the store (the disk's share).

use std::sync::Arc;
use std::time::Instant;

use backend::applications::attachments::{attach, Upload};
use backend::applications::drafts::{save_step, start_draft};
use backend::applications::submit::submit;
use backend::clock::Clock;
use backend::files::scan::NoScanner;
use backend::testing::{fill_kindergarten, form_values, KINDERGARTEN_PRIORITY_STEP};
use backend::{Db, FileStore, Portal};
use bytes::Bytes;
use domain::access::Principal;
use domain::identity::{AssuranceLevel, Profile, Snils};

async fn filled_draft(p: &Portal, i: usize) -> (Principal, String) {
    let profile = Profile {
        family_name: "Иванова".into(),
        given_name: "Мария".into(),
        middle_name: None,
        snils: Some(Snils::parse("123-456-789 64").expect("SNILS")),
        birthdate: None,
        email: Some("m@example.ru".into()),
        phone: Some("+7 900 111-22-33".into()),
        assurance: AssuranceLevel::Confirmed,
    };
    let person = p.db.upsert_person(&format!("bench-{i}"), &profile, p.now()).await.expect("person");
    let who = p.db.principal(person).await.expect("principal").expect("principal");
    let id = start_draft(p, &who, "kindergarten-enrolment").await.expect("draft");
    fill_kindergarten(p, &who, &id).await;
    // A priority right, so that the form asks for its proof (the scan uploaded below).
    let step2 = form_values(&KINDERGARTEN_PRIORITY_STEP);
    save_step(p, &who, &id, 2, &step2).await.expect("step 3");
    (who, id)
}

fn main() {
    let args: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let n = args.first().copied().unwrap_or(2000);
    let concurrency = args.get(1).copied().unwrap_or(32);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    runtime.block_on(async move {
        let dir = tempfile::tempdir().expect("temporary folder");
        let db = Db::connect(&format!("sqlite://{}", dir.path().join("portal.db").display())).await.expect("SQLite");
        db.migrate().await.expect("migrate");
        let files = FileStore::local(&dir.path().join("files")).expect("files");
        let pack = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../regions/demo");
        backend::region_pack::import(&db, &files, &pack).await.expect("demo pack");
        let now = backend::clock::now_ms();
        // One moment for the whole run, no virus scanner.
        let p = Portal::new(db.clone(), files.clone()).with_clock(Clock::fixed(now)).with_scanner(Arc::new(NoScanner));
        // The region's rules, read (and cached) before the timed part.
        p.rules().await.expect("rules");
        eprintln!("filling {n} drafts…");
        let mut drafts = Vec::with_capacity(n);
        for i in 0..n {
            drafts.push(filled_draft(&p, i).await);
        }
        // A 1 MB scan: a PDF header and filler.
        let mut scan = b"%PDF-1.4\n".to_vec();
        scan.resize(1024 * 1024, b' ');
        let scan = Bytes::from(scan);

        if std::env::var("PUTS").is_ok() {
            let t = Instant::now();
            let mut handles = Vec::new();
            for k in 0..concurrency {
                let (files, scan) = (files.clone(), scan.clone());
                handles.push(tokio::spawn(async move {
                    for i in (k..n).step_by(concurrency) {
                        files.put(&format!("x/{:02x}/{i}", i % 256), scan.clone()).await.expect("put");
                    }
                }));
            }
            for h in handles { h.await.expect("put"); }
            println!("puts only: {:.0}/s", n as f64 / t.elapsed().as_secs_f64());
            return;
        }
        if std::env::var("PHASES").is_ok() {
            let t = Instant::now();
            let mut handles = Vec::new();
            for chunk in drafts.chunks(drafts.len().div_ceil(concurrency)) {
                let (p, scan, chunk) = (p.clone(), scan.clone(), chunk.to_vec());
                handles.push(tokio::spawn(async move {
                    for (who, id) in chunk {
                        let upload = Upload { field_path: "priority_proof".into(), file_name: "скан.pdf".into(), bytes: scan.clone() };
                        attach(&p, &who, &id, upload).await.expect("attach");
                    }
                }));
            }
            for h in handles { h.await.expect("attach"); }
            println!("uploads only: {:.0}/s", n as f64 / t.elapsed().as_secs_f64());
            let t = Instant::now();
            let mut handles = Vec::new();
            for chunk in drafts.chunks(drafts.len().div_ceil(concurrency)) {
                let (p, chunk) = (p.clone(), chunk.to_vec());
                handles.push(tokio::spawn(async move {
                    for (who, id) in chunk {
                        submit(&p, &who, &id).await.expect("submit");
                    }
                }));
            }
            for h in handles { h.await.expect("submit"); }
            println!("submissions only: {:.0}/s", n as f64 / t.elapsed().as_secs_f64());
            return;
        }
        let queue = Arc::new(std::sync::Mutex::new(drafts));
        let started = Instant::now();
        let mut workers = Vec::new();
        for _ in 0..concurrency {
            let (p, queue, scan) = (p.clone(), queue.clone(), scan.clone());
            workers.push(tokio::spawn(async move {
                let mut latencies = Vec::new();
                loop {
                    let Some((who, id)) = queue.lock().expect("queue").pop() else { break };
                    let t = Instant::now();
                    let upload = Upload { field_path: "priority_proof".into(), file_name: "скан.pdf".into(), bytes: scan.clone() };
                    attach(&p, &who, &id, upload).await.expect("attach");
                    let a = t.elapsed();
                    submit(&p, &who, &id).await.expect("submit");
                    latencies.push((t.elapsed(), a));
                }
                latencies
            }));
        }
        let mut latencies = Vec::new();
        for w in workers {
            latencies.extend(w.await.expect("worker"));
        }
        let elapsed = started.elapsed();
        let attach_ms: f64 = latencies.iter().map(|(_, a)| a.as_secs_f64() * 1000.0).sum::<f64>() / latencies.len() as f64;
        let mut latencies: Vec<_> = latencies.into_iter().map(|(t, _)| t).collect();
        latencies.sort();
        let p = |q: f64| latencies[((latencies.len() as f64 - 1.0) * q) as usize].as_secs_f64() * 1000.0;
        eprintln!("mean time in the upload: {attach_ms:.1} ms of {:.1} ms", latencies.iter().map(|l| l.as_secs_f64() * 1000.0).sum::<f64>() / latencies.len() as f64);
        println!(
            "submitted {n} applications with a 1 MB attachment each in {:.2} s: {:.0} submissions/s (concurrency {concurrency}); latency p50 {:.1} ms, p99 {:.1} ms",
            elapsed.as_secs_f64(),
            n as f64 / elapsed.as_secs_f64(),
            p(0.5),
            p(0.99)
        );
        // Nothing lost: every application registered, every file recorded and on disk, whole.
        let registered = backend::testing::count_rows(&db, "application_events").await / 2;
        let attachments = backend::testing::count_rows(&db, "attachments").await;
        let on_disk = walk(&dir.path().join("files/attachments"));
        println!("check: {registered} registered, {attachments} attachment rows, {} files of 1 MB on disk", on_disk);
        assert_eq!((registered, attachments, on_disk), (n as i64, n as i64, n), "nothing may be lost");
    });
}

/// Files of exactly 1 MB under `dir`.
fn walk(dir: &std::path::Path) -> usize {
    let mut count = 0;
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            count += walk(&path);
        } else if entry.metadata().is_ok_and(|m| m.len() == 1024 * 1024) {
            count += 1;
        }
    }
    count
}
