//! Growing up: a region that started on the embedded default (SQLite and a folder) moves to
//! PostgreSQL and an S3 bucket with `portal migrate-data`, and keeps its history: the citizen's
//! session, application and scan are there after the move. The copy refuses a target holding
//! anything else and resumes after being killed half-way.

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use backend::testing::{count_rows, demo_pack, S3Server, TestDb};
use backend::FileStore;
use bytes::Bytes;

use crate::applications::{start, still_has, submit_with_scan};
use crate::support::{free_port, portal_command, Browser, FederalSim, PortalProcess};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_installation_that_started_small_moves_to_postgres_and_s3_with_its_history() {
    let (source, target, occupied) = (TestDb::sqlite().await, TestDb::postgres().await, TestDb::postgres().await);
    let s3 = S3Server::start("portal").await;
    let port = free_port();
    let url = format!("http://127.0.0.1:{port}");
    let sim = FederalSim::start(&url);
    let data = tempfile::tempdir().unwrap();

    // Small: one process, SQLite, a folder. A citizen files an application with a scan.
    let small = PortalProcess::start(&source, port, &sim, data.path(), &[]).await;
    let mut citizen = Browser::new();
    let (id, file_id) = submit_with_scan(&mut citizen, &url, "ivanova").await;
    small.kill();

    let s3_env = s3.env();
    let mut env: Vec<(&str, &str)> = s3_env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let migrate = |to_database: &str, to_files: &str| {
        let mut command = portal_command("migrate-data", &source, port, &sim, data.path(), &env);
        command.args(["--to-database", to_database, "--to-files", to_files]);
        command
    };

    // A target holding another installation, or a bucket prefix holding files, is refused.
    let elsewhere = tempfile::tempdir().unwrap();
    backend::region_pack::import(&occupied.db, &FileStore::local(elsewhere.path()).unwrap(), &demo_pack()).await.unwrap();
    let refused = migrate(&occupied.url, "s3://portal/occupied").output().unwrap();
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(!refused.status.success() && said.contains("not empty") && said.contains("region"), "{said}");
    assert_eq!(count_rows(&occupied.db, "data_migrations").await, 0, "nothing was written");
    FileStore::s3(s3.builder(), "portal", "occupied").unwrap().put("x.pdf", Bytes::from_static(b"x")).await.unwrap();
    let refused = migrate(&target.url, "s3://portal/occupied").output().unwrap();
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(!refused.status.success() && said.contains("file store is not empty"), "{said}");
    assert_eq!(count_rows(&target.db, "data_migrations").await, 0, "nothing was written");

    // Killed after its first table, then run again: it resumes and checks everything.
    let mut first = migrate(&target.url, "s3://portal/region").stdout(Stdio::piped()).stderr(Stdio::null()).spawn().unwrap();
    let mut lines = BufReader::new(first.stdout.take().unwrap()).lines();
    let said = lines.next().unwrap().unwrap();
    first.kill().unwrap();
    first.wait().unwrap();
    assert!(said.starts_with("table "), "{said}");
    assert_eq!(count_rows(&target.db, "data_migrations").await, 1, "the copy under way is recorded");
    let second = migrate(&target.url, "s3://portal/region").output().unwrap();
    let said = String::from_utf8_lossy(&second.stdout);
    assert!(second.status.success(), "{said}{}", String::from_utf8_lossy(&second.stderr));
    assert!(said.contains("installation copied (resumed)") && said.contains("all checked"), "{said}");
    assert!(said.lines().any(|l| l.starts_with("table ")), "the second run copied what the first had not: {said}");
    let third = migrate(&target.url, "s3://portal/region").output().unwrap();
    let said = String::from_utf8_lossy(&third.stdout);
    assert!(third.status.success() && said.contains("finished copy") && !said.contains("table "), "a finished copy is only checked: {said}");
    for table in ["applications", "attachments", "persons", "sessions", "audit_log", "outbox"] {
        assert_eq!(count_rows(&target.db, table).await, count_rows(&source.db, table).await, "{table}");
    }
    let keys = FileStore::s3(s3.builder(), "portal", "region").unwrap().keys().await.unwrap();
    let local = FileStore::local(&data.path().join("files")).unwrap().keys().await.unwrap();
    assert_eq!(keys.len(), local.len(), "{keys:?}");

    // Grown up: the same address on PostgreSQL and the bucket, signing with the same key.
    let key = data.path().join("federation-key.json");
    env.extend([("PORTAL_FILES__URL", "s3://portal/region"), ("PORTAL_FEDERATION__SIGNING_KEY", key.to_str().unwrap())]);
    let empty = tempfile::tempdir().unwrap();
    let _grown = PortalProcess::start(&target, port, &sim, empty.path(), &env).await;
    still_has(&mut citizen, &url, &id, &file_id).await;
    let next = start(&mut citizen, &url).await;
    assert_ne!(next, id, "new rows take new numbers after the copied ones");

    for db in [source, target, occupied] {
        db.cleanup().await;
    }
}
