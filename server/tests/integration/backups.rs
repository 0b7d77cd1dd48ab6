//! The restore drill of docs/deployment.md, with the same tools and commands: the database
//! dumped with `pg_dump` and the bucket copied out with `aws s3 sync`, both restored into empty
//! ones, and the portal on the restored pair serves the same citizen the same application and
//! scan.

use std::process::Command;

use backend::testing::{count_rows, S3Server, TestDb};
use backend::FileStore;

use crate::applications::{still_has, submit_with_scan};
use crate::support::{free_port, Browser, FederalSim, PortalProcess};

/// Runs `program` with `args` and the S3 server's `AWS_*` variables; panics with its output
/// when it fails.
fn run(program: &str, args: &[&str], s3: &S3Server) {
    let out = Command::new(program).args(args).envs(s3.env()).output().unwrap_or_else(|e| panic!("{program}: {e}"));
    assert!(out.status.success(), "{program} {args:?}: {}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dumped_database_and_bucket_restored_into_empty_ones_serve_the_same_applications_and_files() {
    let live = TestDb::postgres().await;
    let s3 = S3Server::start("portal").await;
    let port = free_port();
    let url = format!("http://127.0.0.1:{port}");
    let sim = FederalSim::start(&url);
    let (data, backup) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let key = data.path().join("federation-key.json");
    let s3_env = s3.env();
    let mut env: Vec<(&str, &str)> = s3_env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    env.push(("PORTAL_FILES__URL", "s3://portal/files"));

    let portal = PortalProcess::start(&live, port, &sim, data.path(), &env).await;
    let mut citizen = Browser::new();
    let (id, file_id) = submit_with_scan(&mut citizen, &url, "ivanova").await;
    portal.kill();

    // The drill: dump both, restore both into empty ones (the commands docs/deployment.md gives).
    let dump = backup.path().join("portal.dump");
    let files = backup.path().join("files");
    let endpoint = s3.env().into_iter().find(|(k, _)| *k == "AWS_ENDPOINT_URL").unwrap().1;
    run("pg_dump", &["--format=custom", "--file", dump.to_str().unwrap(), &live.url], &s3);
    run("aws", &["s3", "sync", "--endpoint-url", &endpoint, "s3://portal/files", files.to_str().unwrap()], &s3);
    let restored = TestDb::postgres_empty().await;
    run("pg_restore", &["--no-owner", "--exit-on-error", "--dbname", &restored.url, dump.to_str().unwrap()], &s3);
    run("aws", &["s3", "mb", "--endpoint-url", &endpoint, "s3://restored"], &s3);
    run("aws", &["s3", "sync", "--endpoint-url", &endpoint, files.to_str().unwrap(), "s3://restored/files"], &s3);
    for table in ["applications", "attachments", "sessions", "audit_log"] {
        assert_eq!(count_rows(&restored.db, table).await, count_rows(&live.db, table).await, "{table}");
    }
    let keys = |bucket: &'static str| FileStore::s3(s3.builder(), bucket, "files").unwrap();
    let (mut before, mut after) = (keys("portal").keys().await.unwrap(), keys("restored").keys().await.unwrap());
    before.sort();
    after.sort();
    assert_eq!(before, after);

    // The portal on the restored pair (same address, same signing key) serves the same things.
    env.pop();
    env.extend([("PORTAL_FILES__URL", "s3://restored/files"), ("PORTAL_FEDERATION__SIGNING_KEY", key.to_str().unwrap())]);
    let fresh = tempfile::tempdir().unwrap();
    let _restored_portal = PortalProcess::start(&restored, port, &sim, fresh.path(), &env).await;
    still_has(&mut citizen, &url, &id, &file_id).await;

    live.cleanup().await;
    restored.cleanup().await;
}
