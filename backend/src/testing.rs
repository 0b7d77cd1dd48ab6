//! Test support: run one test body on SQLite and on PostgreSQL.
//!
//! Each call gets a fresh SQLite file and a fresh PostgreSQL database (dropped afterwards, even when
//! the body panics). PostgreSQL comes from `PORTAL_TEST_POSTGRES_URL`, by default
//! `postgres://postgres@127.0.0.1:5432/postgres`; when it is unreachable the test fails: database
//! tests never skip.

use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicU32, Ordering};

use futures_util::FutureExt;
use sqlx::{Connection, Executor, PgConnection};

mod people;
mod redis;
mod s3;

pub use crate::store::testing::*;
use crate::store::Backend;
use crate::{Db, Portal};
pub use people::TestPerson;
pub use redis::RedisServer;
pub use s3::S3Server;

/// Default server the test databases are created on.
pub const DEFAULT_POSTGRES_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// The administrative PostgreSQL URL for tests.
pub fn postgres_admin_url() -> String {
    std::env::var("PORTAL_TEST_POSTGRES_URL").unwrap_or_else(|_| DEFAULT_POSTGRES_URL.to_owned())
}

/// A migrated database that removes itself when [`TestDb::cleanup`] is called.
pub struct TestDb {
    /// The database under test.
    pub db: Db,
    /// Its URL, for code under test that connects itself.
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    /// The folder is deleted when dropped.
    Sqlite {
        _dir: tempfile::TempDir,
    },
    Postgres {
        admin_url: String,
        name: String,
    },
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

impl TestDb {
    /// A fresh, migrated SQLite database in a temporary folder.
    pub async fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().expect("temporary folder");
        let url = format!("sqlite://{}", dir.path().join("portal.db").display());
        let db = Db::connect(&url).await.expect("open SQLite");
        db.migrate().await.expect("migrate SQLite");
        TestDb { db, url, cleanup: Cleanup::Sqlite { _dir: dir } }
    }

    /// A fresh, migrated PostgreSQL database; panics when PostgreSQL is unreachable.
    pub async fn postgres() -> TestDb {
        let t = Self::postgres_empty().await;
        t.db.migrate().await.expect("migrate PostgreSQL");
        t
    }

    /// A fresh PostgreSQL database without even the migrations (to restore a dump into).
    pub async fn postgres_empty() -> TestDb {
        let admin_url = postgres_admin_url();
        let name = format!(
            "portal_test_{}_{}_{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed),
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0)
        );
        let mut admin = PgConnection::connect(&admin_url)
            .await
            .unwrap_or_else(|e| panic!("PostgreSQL at {admin_url} is unreachable ({e}); database tests run on both databases and never skip"));
        admin.execute(format!("CREATE DATABASE {name}").as_str()).await.expect("create test database");
        let url = replace_database(&admin_url, &name);
        let db = Db::connect(&url).await.expect("connect to test database");
        TestDb { db, url, cleanup: Cleanup::Postgres { admin_url, name } }
    }

    /// Closes the database and removes it.
    pub async fn cleanup(self) {
        self.db.close().await;
        if let Cleanup::Postgres { admin_url, name } = self.cleanup {
            if let Ok(mut admin) = PgConnection::connect(&admin_url).await {
                let _ = admin.execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str()).await;
            }
        }
    }
}

/// `postgres://host/db?x` with its database name replaced by `name`.
fn replace_database(url: &str, name: &str) -> String {
    let (base, query) = url.split_once('?').map_or((url, None), |(b, q)| (b, Some(q)));
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let base = match base[scheme_end..].find('/') {
        Some(slash) => &base[..scheme_end + slash],
        None => base,
    };
    match query {
        Some(q) => format!("{base}/{name}?{q}"),
        None => format!("{base}/{name}"),
    }
}

/// Form data of top-level `pairs`.
pub fn form_values(pairs: &[(&str, &str)]) -> domain::forms::FormData {
    domain::forms::FormData { values: pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect(), groups: Default::default() }
}

/// The demo kindergarten form's third step claiming a priority right, whose proof (a file in
/// `priority_proof`) the caller adds.
pub const KINDERGARTEN_PRIORITY_STEP: [(&str, &str); 6] = [
    ("desired_date", "2027-09-01"),
    ("municipality", "priozyorsk"),
    ("preferred_kindergarten", "Детский сад № 5 «Солнышко»"),
    ("day_mode", "full"),
    ("has_priority_right", "true"),
    ("priority_kind", "large_family"),
];

/// A child entry of the demo kindergarten form.
pub fn kindergarten_child(given: &str, birthdate: &str, snils: &str) -> domain::forms::Entry {
    [
        ("family_name", "Иванова"),
        ("given_name", given),
        ("birthdate", birthdate),
        ("birth_certificate", "IV-АБ 123456"),
        ("snils", snils),
        ("address", "г. Приозёрск, ул. Лесная, д. 5, кв. 12"),
        ("special_needs", "none"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect()
}

/// Fills every step of `who`'s draft `id` of the demo kindergarten form (two children,
/// Priozyorsk) so that it can be submitted.
pub async fn fill_kindergarten(p: &Portal, who: &domain::access::Principal, id: &str) {
    use crate::applications::drafts::save_step;
    let step0 = form_values(&[
        ("family_name", "Иванова"),
        ("given_name", "Мария"),
        ("middle_name", "Петровна"),
        ("snils", "123-456-789 64"),
        ("phone", "+7 900 111-22-33"),
        ("email", "ivanova@example.ru"),
        ("relation", "mother"),
        ("passport", "4510 123456"),
    ]);
    save_step(p, who, id, 0, &step0).await.expect("step 1");
    let mut step1 = domain::forms::FormData::default();
    step1.groups.insert(
        "children".into(),
        vec![kindergarten_child("Анна", "2022-05-10", "147-258-369 88"), kindergarten_child("Пётр", "2024-01-15", "258-369-147 14")],
    );
    save_step(p, who, id, 1, &step1).await.expect("step 2");
    let step2 = form_values(&[
        ("desired_date", "2027-09-01"),
        ("municipality", "priozyorsk"),
        ("preferred_kindergarten", "Детский сад № 5 «Солнышко»"),
        ("day_mode", "full"),
    ]);
    save_step(p, who, id, 2, &step2).await.expect("step 3");
    save_step(p, who, id, 3, &form_values(&[("consent_personal_data", "true"), ("confirm_accuracy", "true")])).await.expect("step 4");
}

/// Files `n` demo kindergarten applications of `citizen` the real way (answers copied from one
/// filled draft, then submitted), calling `each` after each; their ids.
pub async fn file_kindergartens(p: &Portal, citizen: &domain::access::Principal, n: usize, mut each: impl AsyncFnMut(usize)) -> Vec<String> {
    use crate::applications::drafts::start_draft;
    let service = "kindergarten-enrolment";
    // One person sending many at one moment: beyond what a person may send in an hour.
    let p = &p.clone().with_limits(crate::portal::Limits { submissions_per_hour: i64::MAX, open_drafts: i64::MAX });
    let template = start_draft(p, citizen, service).await.expect("start a draft");
    fill_kindergarten(p, citizen, &template).await;
    let mut ids = Vec::with_capacity(n);
    for i in 0..n {
        let id = start_draft(p, citizen, service).await.expect("start a draft");
        copy_answers(&p.db, &template, &id).await;
        crate::applications::submit::submit(p, citizen, &id).await.expect("submit");
        ids.push(id);
        each(i).await;
    }
    ids
}

/// A portal over a test database: its files in a temporary folder (removed when dropped), its
/// clock standing where the test sets it.
pub struct TestPortal {
    /// The portal.
    pub portal: Portal,
    _files: tempfile::TempDir,
}

impl std::ops::Deref for TestPortal {
    type Target = Portal;
    fn deref(&self) -> &Portal {
        &self.portal
    }
}

impl TestPortal {
    /// Imports the demo region pack into this portal.
    pub async fn import_demo(&self) {
        crate::region_pack::import(&self.db, &self.files, &demo_pack()).await.expect("the demo pack imports");
    }
}

impl TestDb {
    /// A portal over this database with its clock at `now`.
    pub fn portal(&self, now: i64) -> TestPortal {
        let dir = tempfile::tempdir().expect("temporary folder");
        let files = crate::FileStore::local(dir.path()).expect("file store");
        TestPortal { portal: Portal::new(self.db.clone(), files).with_clock(crate::clock::Clock::fixed(now)), _files: dir }
    }
}

/// A real SMTP server on loopback for tests: Python's aiosmtpd, storing what it receives in a
/// Maildir and refusing for good (550) every recipient whose address begins with `rejected@`.
/// Killed when dropped; [`SmtpServer::stop`] and [`SmtpServer::restart`] make an outage.
pub struct SmtpServer {
    /// Its port.
    pub port: u16,
    child: Option<std::process::Child>,
    dir: tempfile::TempDir,
}

impl SmtpServer {
    /// Starts a server on a free port; panics (saying how to install it) when aiosmtpd is missing.
    pub async fn start() -> SmtpServer {
        let port = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port").local_addr().expect("address").port();
        let mut server = SmtpServer { port, child: None, dir: tempfile::tempdir().expect("temporary folder") };
        server.restart().await;
        server
    }

    /// Starts it (again) on its port.
    pub async fn restart(&mut self) {
        let maildir = self.dir.path().join("mail");
        std::fs::write(self.dir.path().join("test_smtp_handler.py"), SMTP_HANDLER).expect("write the SMTP handler");
        let child = std::process::Command::new("python3")
            .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{}", self.port), "-c", "test_smtp_handler.Handler"])
            .arg(&maildir)
            .env("PYTHONPATH", self.dir.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("python3 runs");
        self.child = Some(child);
        let start = std::time::Instant::now();
        while tokio::net::TcpStream::connect(("127.0.0.1", self.port)).await.is_err() {
            if let Some(status) = self.child.as_mut().and_then(|c| c.try_wait().ok().flatten()) {
                panic!("the test SMTP server exited ({status}); install it with `python3 -m pip install aiosmtpd` (scripts/setup.sh does)");
            }
            assert!(start.elapsed() < std::time::Duration::from_secs(20), "the test SMTP server did not start");
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    }

    /// Stops it: connections are refused until [`SmtpServer::restart`].
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Every message received so far, raw, oldest first.
    pub fn messages(&self) -> Vec<Vec<u8>> {
        let dir = self.dir.path().join("mail").join("new");
        let mut files: Vec<(std::time::SystemTime, std::path::PathBuf)> = std::fs::read_dir(&dir)
            .map(|entries| {
                entries.filter_map(|e| e.ok()).map(|e| (e.metadata().and_then(|m| m.modified()).unwrap_or(std::time::UNIX_EPOCH), e.path())).collect()
            })
            .unwrap_or_default();
        files.sort();
        files.into_iter().map(|(_, path)| std::fs::read(path).expect("read a message")).collect()
    }
}

/// The test server's handler: aiosmtpd's Maildir handler that refuses `rejected@…` for good.
const SMTP_HANDLER: &str = r#"
from aiosmtpd.handlers import Mailbox

class Handler(Mailbox):
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("rejected@"):
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"
"#;

impl Drop for SmtpServer {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The EICAR test string, which every antivirus reports as a virus by agreement.
pub const EICAR: &str = r"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

/// A small PDF carrying the EICAR string in its body: a file type the forms accept, which a
/// scanner must refuse.
pub fn infected_pdf() -> Vec<u8> {
    format!("%PDF-1.4\n1 0 obj << /Length 68 >> stream\n{EICAR}\nendstream endobj\ntrailer << >>\n%%EOF\n").into_bytes()
}

/// A real ClamAV daemon (`clamd`, Debian's clamav-daemon) on loopback, with a signature database
/// the test writes itself (signature downloads are impossible here): the EICAR test file by its
/// hash and by its bytes anywhere in a file. Killed when dropped.
pub struct ClamdServer {
    /// Its address for `scanner.clamd`.
    pub address: String,
    child: std::process::Child,
    _dir: tempfile::TempDir,
}

impl ClamdServer {
    /// Starts clamd on a free port; panics (saying how to install it) when it is missing.
    pub async fn start() -> ClamdServer {
        let dir = tempfile::tempdir().expect("temporary folder");
        let port = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port").local_addr().expect("address").port();
        let db = dir.path().join("db");
        std::fs::create_dir_all(&db).expect("database folder");
        std::fs::create_dir_all(dir.path().join("tmp")).expect("scratch folder");
        std::fs::write(db.join("test.hdb"), format!("44d88612fea8a8f36de82e1278abb02f:{}:Eicar-Test-HDB\n", EICAR.len())).expect("hdb");
        let hex: String = EICAR.bytes().map(|b| format!("{b:02x}")).collect();
        std::fs::write(db.join("test.ndb"), format!("Eicar-Test-NDB:0:*:{hex}\n")).expect("ndb");
        let d = dir.path().display();
        let conf = format!(
            "TCPSocket {port}\nTCPAddr 127.0.0.1\nForeground yes\nDatabaseDirectory {d}/db\nTemporaryDirectory {d}/tmp\n\
             PidFile {d}/clamd.pid\nLogFile {d}/clamd.log\nStreamMaxLength 60M\nMaxThreads 4\nSelfCheck 0\n"
        );
        std::fs::write(dir.path().join("clamd.conf"), conf).expect("clamd.conf");
        let mut child = std::process::Command::new("clamd")
            .arg("-c")
            .arg(dir.path().join("clamd.conf"))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("clamd runs; install it with `apt-get install clamav-daemon` (scripts/setup.sh does)");
        let start = std::time::Instant::now();
        let log = dir.path().join("clamd.log");
        // Ready once it says it listens on this port (a PONG alone could come from another clamd).
        while !std::fs::read_to_string(&log).unwrap_or_default().contains(&format!(":{port}")) {
            if let Ok(Some(status)) = child.try_wait() {
                panic!("clamd exited ({status}): {}", std::fs::read_to_string(&log).unwrap_or_default());
            }
            assert!(start.elapsed() < std::time::Duration::from_secs(30), "clamd did not start");
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        ClamdServer { address: format!("127.0.0.1:{port}"), child, _dir: dir }
    }
}

impl Drop for ClamdServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What the region pack fuzz target (`fuzz/`, `./x fuzz`) runs, also replayed over
/// `fuzz/regressions/region_pack` by the tests: the bytes, split at lines `#--- <path>`, are the
/// files of a pack folder (`region.toml`, `catalog.yaml`, `forms/…`, blank files); reading and
/// checking it must not panic, whatever they hold.
pub async fn load_pack_bytes(data: &[u8]) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let text = String::from_utf8_lossy(data);
    for part in text.split("#--- ").skip(1) {
        let (path, content) = part.split_once('\n').unwrap_or((part, ""));
        let path = path.trim();
        // Only plain relative paths inside the folder.
        let safe = !path.is_empty() && path.split('/').all(|p| !p.is_empty() && p != ".." && p != "." && !p.contains('\\'));
        if !safe {
            continue;
        }
        let file = dir.path().join(path);
        if let Some(parent) = file.parent() {
            let _ = std::fs::create_dir_all(parent);
        }
        let _ = std::fs::write(file, content);
    }
    let _ = crate::region_pack::load(dir.path(), &crate::region_pack::Quiet).await;
}

/// The demo region pack shipped with the portal.
pub fn demo_pack() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../regions/demo")
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).expect("read folder") {
        let entry = entry.expect("folder entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy file");
        }
    }
}

/// A copy of the demo pack in a temporary folder with `edit` applied to its `catalog.yaml`.
pub fn edited_demo_pack(edit: impl Fn(String) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    copy_dir(&demo_pack(), dir.path());
    let catalog = dir.path().join("catalog.yaml");
    let text = std::fs::read_to_string(&catalog).expect("demo catalog");
    std::fs::write(&catalog, edit(text)).expect("write catalog");
    dir
}

/// Runs `test` on a fresh SQLite and then on a fresh PostgreSQL database, removing both after,
/// also when the test panics.
pub async fn on_both(test: impl AsyncFn(&TestDb)) {
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let t = match backend {
            Backend::Sqlite => TestDb::sqlite().await,
            Backend::Postgres => TestDb::postgres().await,
        };
        let outcome = AssertUnwindSafe(test(&t)).catch_unwind().await;
        t.cleanup().await;
        if let Err(panic) = outcome {
            eprintln!("the test failed on {backend:?}");
            std::panic::resume_unwind(panic);
        }
    }
}

/// Every file under `dir`, at any depth (to show what a process left on disk).
pub fn files_in(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(files_in(&path));
        } else {
            found.push(path);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::replace_database;

    #[test]
    fn database_name_is_replaced_and_options_kept() {
        assert_eq!(replace_database("postgres://u@h:5432/postgres", "x"), "postgres://u@h:5432/x");
        assert_eq!(replace_database("postgres://h", "x"), "postgres://h/x");
        assert_eq!(replace_database("postgres://h/db?sslmode=disable", "x"), "postgres://h/x?sslmode=disable");
    }
}
