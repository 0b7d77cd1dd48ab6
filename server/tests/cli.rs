//! The `portal` binary as an operator runs it: configuration errors, migrate, import-region,
//! serve with JSON logs and graceful shutdown on SIGTERM.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use backend::testing::on_both;

fn portal() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_portal"));
    cmd.current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(".."));
    for (key, _) in std::env::vars().filter(|(k, _)| k.starts_with("PORTAL_")) {
        cmd.env_remove(key);
    }
    cmd
}

fn demo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../regions/demo")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("run portal")
}

#[test]
fn a_wrong_configuration_stops_start_up_with_one_line_naming_the_key() {
    let out = run(portal().arg("migrate").env("PORTAL_LISTEN", "localhost"));
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stderr), "portal: configuration error: PORTAL_LISTEN: invalid socket address syntax\n");

    let out = run(portal().args(["--config", "/nonexistent/portal.toml", "migrate"]));
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stderr), "portal: configuration error: --config /nonexistent/portal.toml: no such file\n");
}

#[tokio::test]
async fn import_region_is_idempotent_and_refuses_a_broken_pack_on_both_databases() {
    on_both(async |t| {
        let data = tempfile::tempdir().unwrap();
        let import = |dir: &Path| {
            run(portal()
                .args(["import-region"])
                .arg(dir)
                .env("PORTAL_DATABASE_URL", &t.url)
                .env("PORTAL_DATA_DIR", data.path())
                .env("PORTAL_LOG_LEVEL", "warn"))
        };
        let first = import(&demo());
        assert!(first.status.success(), "{}", text(&first.stderr));
        let first_line = text(&first.stdout);
        let added: u32 = first_line
            .strip_prefix("region pack imported: ")
            .and_then(|rest| rest.split(' ').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("unexpected summary: {first_line}"));
        assert!(added > 90, "region, categories, situations, departments, municipalities, services: {first_line}");
        assert!(first_line.ends_with(" added, 0 updated, 0 unchanged, 0 unpublished\n"), "{first_line}");
        let warnings = text(&first.stderr);
        assert!(
            warnings.lines().all(|l| l.starts_with("warning: catalog.yaml:") && l.ends_with("is not in the pack yet: applying online is not offered")),
            "only the online forms still missing from the demo pack are warned about: {warnings}"
        );
        let second = import(&demo());
        assert_eq!(text(&second.stdout), format!("region pack imported: 0 added, 0 updated, {added} unchanged, 0 unpublished\n"));

        let broken = tempfile::tempdir().unwrap();
        std::fs::write(broken.path().join("region.toml"), "code = \"Demo!\"\n").unwrap();
        let out = import(broken.path());
        assert_eq!(out.status.code(), Some(1));
        let stderr = text(&out.stderr);
        assert!(stderr.contains("region.toml:1: missing field `name`"), "{stderr}");
        assert_eq!(stderr.lines().filter(|l| l.starts_with("portal: ")).count(), 1, "{stderr}");
    })
    .await;
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn http_get(port: u16, path: &str) -> Option<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    write!(stream, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\nX-Request-Id: test-request-42\r\n\r\n").ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    Some(response)
}

#[test]
fn serve_on_the_embedded_default_logs_json_with_request_ids_and_stops_gracefully() {
    let data = tempfile::tempdir().unwrap();
    let port = free_port();
    let child = portal()
        .arg("serve")
        .env("PORTAL_LISTEN", format!("127.0.0.1:{port}"))
        .env("PORTAL_DATA_DIR", data.path())
        .env("PORTAL_LOG_FORMAT", "json")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let health = loop {
        if let Some(r) = http_get(port, "/healthz") {
            break r;
        }
        assert!(started.elapsed() < Duration::from_secs(30), "the portal did not start");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(health.starts_with("HTTP/1.0 200") || health.starts_with("HTTP/1.1 200"), "{health}");
    assert!(data.path().join("portal.db").exists(), "SQLite file in the data folder");
    let home = http_get(port, "/").unwrap();
    assert!(home.contains("Приозёрский край"), "the demo region was imported on first start");

    let status = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "graceful shutdown exits 0: {}", text(&out.stderr));
    let logs = text(&out.stdout);
    let lines: Vec<&str> = logs.lines().collect();
    assert!(lines.iter().all(|l| l.starts_with('{') && l.ends_with('}')), "every line is JSON: {logs}");
    assert!(
        lines.iter().any(|l| l.contains("\"request_id\":\"test-request-42\"") && l.contains("\"path\":\"/\"")),
        "request lines carry the request id: {logs}"
    );
    assert!(logs.contains("portal stopped gracefully"), "{logs}");
}
