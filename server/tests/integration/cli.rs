//! The `portal` binary as an operator runs it: configuration errors, migrate, import-region,
//! serve with JSON logs and graceful shutdown on SIGTERM.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::support::on_both;
use backend::testing::TestDb;

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

#[tokio::test]
async fn export_region_writes_a_pack_that_imports_into_an_empty_portal_as_the_same_catalog() {
    on_both(async |t| {
        let data = tempfile::tempdir().unwrap();
        let cmd = |url: &str, data: &Path, args: &[&std::ffi::OsStr]| {
            run(portal().args(args).env("PORTAL_DATABASE_URL", url).env("PORTAL_DATA_DIR", data).env("PORTAL_LOG_LEVEL", "warn"))
        };
        assert!(cmd(&t.url, data.path(), &["import-region".as_ref(), demo().as_os_str()]).status.success());
        let out_dir = tempfile::tempdir().unwrap();
        let pack = out_dir.path().join("pack");
        let out = cmd(&t.url, data.path(), &["export-region".as_ref(), pack.as_os_str()]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert!(text(&out.stdout).starts_with("region pack exported: "), "{}", text(&out.stdout));

        let other = if t.url.starts_with("sqlite") { TestDb::sqlite().await } else { TestDb::postgres().await };
        let other_data = tempfile::tempdir().unwrap();
        let out = cmd(&other.url, other_data.path(), &["import-region".as_ref(), pack.as_os_str()]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        let first = backend::Db::connect(&t.url).await.unwrap();
        assert_eq!(backend::testing::public_catalog(&other.db).await, backend::testing::public_catalog(&first).await);
        first.close().await;

        let again = cmd(&t.url, data.path(), &["export-region".as_ref(), pack.as_os_str()]);
        assert_eq!(again.status.code(), Some(1), "a folder that is not empty is not overwritten");
        assert!(text(&again.stderr).contains("is not empty"), "{}", text(&again.stderr));
        other.cleanup().await;
    })
    .await;
}

#[tokio::test]
async fn grant_role_bootstraps_staff_by_snils_and_refuses_wrong_arguments() {
    on_both(async |t| {
        let data = tempfile::tempdir().unwrap();
        let portal_cmd =
            |args: &[&str]| run(portal().args(args).env("PORTAL_DATABASE_URL", &t.url).env("PORTAL_DATA_DIR", data.path()).env("PORTAL_LOG_LEVEL", "warn"));
        assert!(portal_cmd(&["import-region", demo().to_str().unwrap()]).status.success());

        let out = portal_cmd(&["grant-role", "--snils", "678-901-234 38", "--role", "operator"]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert_eq!(text(&out.stdout), "granted: 678-901-234 38 is now operator\n");
        let out = portal_cmd(&["grant-role", "--snils", "67890123438", "--role", "operator"]);
        assert_eq!(text(&out.stdout), "unchanged: 678-901-234 38 was already operator\n");
        let out = portal_cmd(&["grant-role", "--snils", "456-789-012 38", "--role", "clerk", "--department", "minsoc"]);
        assert_eq!(text(&out.stdout), "granted: 456-789-012 38 is now clerk of minsoc\n");

        for (args, error) in [
            (vec!["--snils", "678-901-234 39", "--role", "operator"], "portal: --snils \"678-901-234 39\": the control sum of the SNILS does not match\n"),
            (vec!["--snils", "678-901-234 38", "--role", "king"], "portal: --role \"king\": must be clerk, head or operator\n"),
            (vec!["--snils", "678-901-234 38", "--role", "clerk"], "portal: the clerk role needs a department\n"),
            (
                vec!["--snils", "678-901-234 38", "--role", "operator", "--department", "minsoc"],
                "portal: the operator role is for the whole region and takes no department\n",
            ),
            (
                vec!["--snils", "678-901-234 38", "--role", "head", "--department", "nowhere"],
                "portal: --department \"nowhere\": no such department in the catalog\n",
            ),
        ] {
            let mut full = vec!["grant-role"];
            full.extend(args);
            let out = portal_cmd(&full);
            assert_eq!(out.status.code(), Some(1), "{full:?}");
            assert_eq!(text(&out.stderr), error, "{full:?}");
        }

        let db = backend::Db::connect(&t.url).await.unwrap();
        let roles = db.staff_roles(&domain::identity::Snils::parse("678-901-234 38").unwrap()).await.unwrap();
        assert_eq!(roles.len(), 1, "the refused grants changed nothing: {roles:?}");
        let audit = db.audit_records(Some("role_granted"), 10).await.unwrap();
        assert_eq!(audit.len(), 2, "each real change is audited once");

        let out = portal_cmd(&["revoke-role", "--snils", "456-789-012 38", "--role", "clerk", "--department", "minsoc"]);
        assert_eq!(text(&out.stdout), "revoked: 456-789-012 38 is no longer clerk of minsoc\n");
        let out = portal_cmd(&["revoke-role", "--snils", "456-789-012 38", "--role", "clerk", "--department", "minsoc"]);
        assert_eq!(text(&out.stdout), "unchanged: 456-789-012 38 was not clerk of minsoc\n");
        // The command line keeps the browser's rule: never the region's last operator role.
        let out = portal_cmd(&["revoke-role", "--snils", "678-901-234 38", "--role", "operator"]);
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(text(&out.stderr), "portal: 678-901-234 38 holds the region's last operator role; grant it to someone else first\n");
        let db = backend::Db::connect(&t.url).await.unwrap();
        assert_eq!(db.staff_roles(&domain::identity::Snils::parse("678-901-234 38").unwrap()).await.unwrap().len(), 1, "still the operator");
        db.close().await;
        db.close().await;
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
fn serve_without_a_provider_or_the_demo_switch_refuses_to_start() {
    let data = tempfile::tempdir().unwrap();
    let out = portal().arg("serve").env("PORTAL_LISTEN", format!("127.0.0.1:{}", free_port())).env("PORTAL_DATA_DIR", data.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr).lines().last().unwrap_or_default(),
        "portal: configuration error: no identity provider: set oidc.issuer_url (PORTAL_OIDC__ISSUER_URL) to your OpenID provider, \
         or demo = true (PORTAL_DEMO=true) for a demonstration with the built-in federal simulator"
    );
    assert!(!data.path().join("portal.db").exists(), "nothing was created");
}

#[test]
fn serve_on_the_embedded_default_logs_json_with_request_ids_and_stops_gracefully() {
    let temp = tempfile::tempdir().unwrap();
    let data = temp.path().join("data");
    let port = free_port();
    let child = portal()
        .arg("serve")
        .env("PORTAL_LISTEN", format!("127.0.0.1:{port}"))
        .env("PORTAL_DATA_DIR", &data)
        .env("PORTAL_DEMO", "true")
        // The request id of the client (here: of a proxy in front) is kept only behind a proxy.
        .env("PORTAL_BEHIND_PROXY", "true")
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
    let mode = |path: &Path| std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(path).unwrap().permissions()) & 0o777;
    assert_eq!(mode(&data), 0o700, "the data folder is the portal's alone");
    assert_eq!(mode(&data.join("portal.db")), 0o600, "SQLite file in the data folder, private");
    let home = http_get(port, "/").unwrap();
    assert!(home.contains("Приозёрский край"), "the demo region was imported on first start");
    let discovery = http_get(port, "/federal/.well-known/openid-configuration").unwrap();
    assert!(discovery.contains(&format!("\"issuer\":\"http://127.0.0.1:{port}/federal\"")), "the built-in federal simulator is the provider: {discovery}");
    let login = http_get(port, "/auth/login?next=/me").unwrap();
    assert!(login.contains(&format!("location: http://127.0.0.1:{port}/federal/authorize?")), "{login}");

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
