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

use crate::db::Backend;
use crate::Db;

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
    Sqlite { _dir: tempfile::TempDir },
    Postgres { admin_url: String, name: String },
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
        let admin_url = postgres_admin_url();
        let name = format!(
            "portal_test_{}_{}_{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed),
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0)
        );
        let mut admin = PgConnection::connect(&admin_url).await.unwrap_or_else(|e| {
            panic!("PostgreSQL at {admin_url} is unreachable ({e}); database tests run on both databases and never skip")
        });
        admin.execute(format!("CREATE DATABASE {name}").as_str()).await.expect("create test database");
        let url = replace_database(&admin_url, &name);
        let db = Db::connect(&url).await.expect("connect to test database");
        db.migrate().await.expect("migrate PostgreSQL");
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

/// What the public catalog holds (published entries with their sources and order, blanks,
/// current online forms, the region), one line each, for comparing two portals' catalogs.
pub async fn public_catalog(db: &Db) -> Vec<String> {
    let mut rows = Vec::new();
    for table in ["categories", "life_situations", "departments", "municipalities", "services"] {
        let sql = format!("SELECT code, source, position FROM {table} WHERE published ORDER BY position");
        let got: Vec<(String, String, i32)> = crate::db::with_pool!(db, |p| sqlx::query_as(&sql).fetch_all(p).await.expect("catalog rows"));
        rows.extend(got.into_iter().map(|(c, s, p)| format!("{table}:{p}:{c}:{s}")));
    }
    let blanks: Vec<(String, String, String, String)> = crate::db::with_pool!(db, |p| sqlx::query_as(
        "SELECT b.service_code, b.file_name, b.title, b.sha256 FROM blanks b JOIN services s ON s.code = b.service_code \
         WHERE b.published AND s.published ORDER BY b.service_code, b.position"
    )
    .fetch_all(p)
    .await
    .expect("blank rows"));
    rows.extend(blanks.into_iter().map(|b| format!("blank:{b:?}")));
    let forms: Vec<(String, String)> = crate::db::with_pool!(db, |p| sqlx::query_as(
        "SELECT s.code, f.schema FROM services s JOIN form_schemas f ON f.service_code = s.code AND f.version = s.form_version \
         WHERE s.published ORDER BY s.code"
    )
    .fetch_all(p)
    .await
    .expect("form rows"));
    rows.extend(forms.into_iter().map(|f| format!("form:{f:?}")));
    let region: (String, String, String) =
        crate::db::with_pool!(db, |p| sqlx::query_as("SELECT name, colour_primary, source FROM region").fetch_one(p).await.expect("region"));
    rows.push(format!("region:{region:?}"));
    rows
}

/// Rows in `table` (a fixed name from the test), for checking that nothing was stored.
pub async fn count_rows(db: &Db, table: &str) -> i64 {
    assert!(table.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'), "a table name");
    let sql = format!("SELECT COUNT(*) FROM {table}");
    let (n,): (i64,) = crate::db::with_pool!(db, |p| sqlx::query_as(&sql).fetch_one(p).await.expect("count rows"));
    n
}

/// Topics of the outbox rows of `ordering_key` (e.g. an application), in the order written.
pub async fn outbox_topics(db: &Db, ordering_key: &str) -> Vec<String> {
    let rows: Vec<(String,)> = crate::db::with_pool!(db, |p| sqlx::query_as("SELECT topic FROM outbox WHERE ordering_key = $1 ORDER BY id")
        .bind(ordering_key)
        .fetch_all(p)
        .await
        .expect("outbox rows"));
    rows.into_iter().map(|(t,)| t).collect()
}

/// Form data of top-level `pairs`.
pub fn form_values(pairs: &[(&str, &str)]) -> domain::forms::FormData {
    domain::forms::FormData { values: pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect(), groups: Default::default() }
}

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

/// Fills every step of `person_id`'s draft `id` of the demo kindergarten form (two children,
/// Priozyorsk) so that it can be submitted.
pub async fn fill_kindergarten(db: &Db, person_id: i64, id: &str, now: i64) {
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
    save_step(db, person_id, id, 0, &step0, now).await.expect("step 1");
    let mut step1 = domain::forms::FormData::default();
    step1.groups.insert("children".into(), vec![kindergarten_child("Анна", "2022-05-10", "147-258-369 88"), kindergarten_child("Пётр", "2024-01-15", "258-369-147 14")]);
    save_step(db, person_id, id, 1, &step1, now).await.expect("step 2");
    let step2 = form_values(&[
        ("desired_date", "2027-09-01"),
        ("municipality", "priozyorsk"),
        ("preferred_kindergarten", "Детский сад № 5 «Солнышко»"),
        ("day_mode", "full"),
    ]);
    save_step(db, person_id, id, 2, &step2, now).await.expect("step 3");
    save_step(db, person_id, id, 3, &form_values(&[("consent_personal_data", "true"), ("confirm_accuracy", "true")]), now).await.expect("step 4");
}

/// Gives draft `to` the form answers of draft `from` (same service): many filled drafts without
/// filling each one step by step.
pub async fn copy_answers(db: &Db, from: &str, to: &str) {
    crate::db::with_writer!(db, |p| {
        sqlx::query("UPDATE applications SET data = (SELECT data FROM applications WHERE id = $1) WHERE id = $2")
            .bind(from)
            .bind(to)
            .execute(p)
            .await
            .expect("copy answers");
    });
}

/// Files `n` demo kindergarten applications of `citizen` the real way (answers copied from one
/// filled draft, then submitted), calling `each` after each; their ids.
pub async fn file_kindergartens(
    db: &Db,
    citizen: &domain::access::Principal,
    rules: &crate::region_rules::RegionRules,
    n: usize,
    now: i64,
    mut each: impl AsyncFnMut(usize),
) -> Vec<String> {
    use crate::applications::drafts::start_draft;
    let service = "kindergarten-enrolment";
    // One person sending many at one moment: beyond what a person may send in an hour.
    let rules = &crate::region_rules::RegionRules { submissions_per_hour: i64::MAX, ..rules.clone() };
    let template = start_draft(db, citizen, service, now).await.expect("start a draft");
    fill_kindergarten(db, citizen.person_id, &template, now).await;
    let mut ids = Vec::with_capacity(n);
    for i in 0..n {
        let id = start_draft(db, citizen, service, now).await.expect("start a draft");
        copy_answers(db, &template, &id).await;
        crate::applications::submit::submit(db, citizen.person_id, &id, rules, now).await.expect("submit");
        ids.push(id);
        each(i).await;
    }
    ids
}

/// Puts every row of `topic` back to pending, as if no worker had handled them (a crash after
/// the work, before recording it).
pub async fn reset_outbox(db: &Db, topic: &str) {
    crate::db::with_writer!(db, |p| {
        sqlx::query("UPDATE outbox SET state = 'pending', lease_until = NULL, leased_by = NULL, done_at = NULL WHERE topic = $1")
            .bind(topic)
            .execute(p)
            .await
            .expect("reset the outbox");
    });
}

/// Writes an outbox row (for tests of what reads the outbox).
pub async fn insert_outbox(db: &Db, topic: &str, ordering_key: &str, message_id: &str, payload: &str, now: i64) {
    crate::db::with_writer!(db, |p| {
        sqlx::query(&crate::applications::changes::outbox_insert(1))
            .bind(topic)
            .bind(ordering_key)
            .bind(message_id)
            .bind(payload)
            .bind(now)
            .execute(p)
            .await
            .expect("insert an outbox row");
    });
}

/// The language person `id` chose last.
pub async fn person_lang(db: &Db, id: i64) -> (Option<String>,) {
    crate::db::with_pool!(db, |p| sqlx::query_as("SELECT lang FROM persons WHERE id = $1").bind(id).fetch_one(p).await.expect("a person"))
}

/// The id of the person with `snils` (digits only, as stored), once they have logged in.
pub async fn person_id_by_snils(db: &Db, snils: &str) -> i64 {
    let (id,): (i64,) = crate::db::with_pool!(db, |p| sqlx::query_as("SELECT id FROM persons WHERE snils = $1").bind(snils).fetch_one(p).await.expect("a person with this SNILS"));
    id
}

/// A registered application written straight into the database: what submission would have
/// written, without filling a form. For back-office tests and benchmarks that need many.
#[derive(Debug, Clone)]
pub struct Seed {
    /// Its id.
    pub id: String,
    /// Registration number.
    pub number: String,
    /// The service (its current form version is recorded).
    pub service: String,
    /// The department.
    pub department: String,
    /// Who applied.
    pub applicant_id: i64,
    /// Their full name.
    pub applicant_name: String,
    /// Status as stored (`registered`, `in_review`…).
    pub status: String,
    /// Who works on it.
    pub assignee_id: Option<i64>,
    /// `regional` or `federal`.
    pub origin: String,
    /// Municipality code.
    pub municipality: Option<String>,
    /// Registered at, UTC milliseconds.
    pub submitted_at: i64,
    /// Deadline `YYYY-MM-DD`.
    pub deadline: String,
    /// Decided at, for decided ones.
    pub decided_at: Option<i64>,
}

/// Writes `seeds` in statements of a few hundred rows.
pub async fn seed_applications(db: &Db, seeds: &[Seed]) {
    const COLUMNS: usize = 17;
    for chunk in seeds.chunks(400) {
        let rows: Vec<String> = (0..chunk.len())
            .map(|i| {
                let b = i * COLUMNS;
                let p: Vec<String> = (1..=COLUMNS).map(|k| format!("${}", b + k)).collect();
                format!("({}, COALESCE((SELECT form_version FROM services WHERE code = {}), 1), {})", p[..4].join(", "), p[2], p[4..].join(", "))
            })
            .collect();
        let sql = format!(
            "INSERT INTO applications (id, number, service_code, department_code, form_version, applicant_id, applicant_name, applicant_key, \
             status, assignee_id, origin, municipality_code, submitted_at, deadline, decided_at, data, created_at, updated_at) VALUES {}",
            rows.join(", ")
        );
        crate::db::with_writer!(db, |pool| {
            let mut q = sqlx::query(&sql);
            for s in chunk {
                q = q
                    .bind(&s.id)
                    .bind(&s.number)
                    .bind(&s.service)
                    .bind(&s.department)
                    .bind(s.applicant_id)
                    .bind(&s.applicant_name)
                    .bind(crate::office::name_key(&s.applicant_name))
                    .bind(&s.status)
                    .bind(s.assignee_id)
                    .bind(&s.origin)
                    .bind(&s.municipality)
                    .bind(s.submitted_at)
                    .bind(&s.deadline)
                    .bind(s.decided_at)
                    .bind("{}")
                    .bind(s.submitted_at)
                    .bind(s.submitted_at);
            }
            q.execute(pool).await.expect("seed applications");
        });
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
            .map(|entries| entries.filter_map(|e| e.ok()).map(|e| (e.metadata().and_then(|m| m.modified()).unwrap_or(std::time::UNIX_EPOCH), e.path())).collect())
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
