//! The SQL of the test support (`crate::testing`): reading what tests check, and writing rows
//! straight into the database where filling forms one by one would take too long.

use super::{with_pool, with_writer};
use crate::Db;

/// What the public catalog holds (published entries with their sources and order, blanks,
/// current online forms, the region), one line each, for comparing two portals' catalogs.
pub async fn public_catalog(db: &Db) -> Vec<String> {
    let mut rows = Vec::new();
    for table in ["categories", "life_situations", "departments", "municipalities", "services"] {
        let sql = format!("SELECT code, source, position FROM {table} WHERE published ORDER BY position");
        let got: Vec<(String, String, i32)> = with_pool!(db, |p| sqlx::query_as(&sql).fetch_all(p).await.expect("catalog rows"));
        rows.extend(got.into_iter().map(|(c, s, p)| format!("{table}:{p}:{c}:{s}")));
    }
    let blanks: Vec<(String, String, String, String)> = with_pool!(db, |p| sqlx::query_as(
        "SELECT b.service_code, b.file_name, b.title, b.sha256 FROM blanks b JOIN services s ON s.code = b.service_code \
         WHERE b.published AND s.published ORDER BY b.service_code, b.position"
    )
    .fetch_all(p)
    .await
    .expect("blank rows"));
    rows.extend(blanks.into_iter().map(|b| format!("blank:{b:?}")));
    let forms: Vec<(String, String)> = with_pool!(db, |p| sqlx::query_as(
        "SELECT s.code, f.schema FROM services s JOIN form_schemas f ON f.service_code = s.code AND f.version = s.form_version \
         WHERE s.published ORDER BY s.code"
    )
    .fetch_all(p)
    .await
    .expect("form rows"));
    rows.extend(forms.into_iter().map(|f| format!("form:{f:?}")));
    let region: (String, String, String) =
        with_pool!(db, |p| sqlx::query_as("SELECT name, colour_primary, source FROM region").fetch_one(p).await.expect("region"));
    rows.push(format!("region:{region:?}"));
    rows
}

/// Rows in `table` (a fixed name from the test), for checking that nothing was stored.
pub async fn count_rows(db: &Db, table: &str) -> i64 {
    assert!(table.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'), "a table name");
    let sql = format!("SELECT COUNT(*) FROM {table}");
    let (n,): (i64,) = with_pool!(db, |p| sqlx::query_as(&sql).fetch_one(p).await.expect("count rows"));
    n
}

/// Applications sent (every status but draft).
pub async fn count_sent(db: &Db) -> i64 {
    let (n,): (i64,) =
        with_pool!(db, |p| sqlx::query_as("SELECT COUNT(*) FROM applications WHERE status <> 'draft'").fetch_one(p).await.expect("count applications"));
    n
}

/// The federal portal's registrations: application id, when queued, and when the federal side
/// took it (`None`: not yet).
pub async fn federal_registrations(db: &Db) -> Vec<(String, i64, Option<i64>)> {
    with_pool!(db, |p| sqlx::query_as(
        "SELECT ordering_key, created_at, CASE WHEN state = 'delivered' THEN done_at END FROM outbox \
         WHERE topic = 'federal' AND message_id LIKE '%:register'"
    )
    .fetch_all(p)
    .await
    .expect("registrations"))
}

/// Topics of the outbox rows of `ordering_key` (e.g. an application), in the order written.
pub async fn outbox_topics(db: &Db, ordering_key: &str) -> Vec<String> {
    let rows: Vec<(String,)> = with_pool!(db, |p| sqlx::query_as("SELECT topic FROM outbox WHERE ordering_key = $1 ORDER BY id")
        .bind(ordering_key)
        .fetch_all(p)
        .await
        .expect("outbox rows"));
    rows.into_iter().map(|(t,)| t).collect()
}

/// Gives draft `to` the form answers of draft `from` (same service): many filled drafts without
/// filling each one step by step.
pub async fn copy_answers(db: &Db, from: &str, to: &str) {
    with_writer!(db, |p| {
        sqlx::query("UPDATE applications SET data = (SELECT data FROM applications WHERE id = $1) WHERE id = $2")
            .bind(from)
            .bind(to)
            .execute(p)
            .await
            .expect("copy answers");
    });
}

/// Puts every row of `topic` back to pending, as if no worker had handled them (a crash after
/// the work, before recording it).
pub async fn reset_outbox(db: &Db, topic: &str) {
    with_writer!(db, |p| {
        sqlx::query("UPDATE outbox SET state = 'pending', lease_until = NULL, leased_by = NULL, done_at = NULL WHERE topic = $1")
            .bind(topic)
            .execute(p)
            .await
            .expect("reset the outbox");
    });
}

/// Writes an outbox row (for tests of what reads the outbox).
pub async fn insert_outbox(db: &Db, topic: &str, ordering_key: &str, message_id: &str, payload: &str, now: i64) {
    with_writer!(db, |p| {
        sqlx::query("INSERT INTO outbox (topic, ordering_key, message_id, payload, created_at, available_at) VALUES ($1, $2, $3, $4, $5, $5)")
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
    with_pool!(db, |p| sqlx::query_as("SELECT lang FROM persons WHERE id = $1").bind(id).fetch_one(p).await.expect("a person"))
}

/// The id of the person with `snils` (digits only, as stored), once they have logged in.
pub async fn person_id_by_snils(db: &Db, snils: &str) -> i64 {
    let (id,): (i64,) =
        with_pool!(db, |p| sqlx::query_as("SELECT id FROM persons WHERE snils = $1").bind(snils).fetch_one(p).await.expect("a person with this SNILS"));
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
        with_writer!(db, |pool| {
            let mut q = sqlx::query(&sql);
            for s in chunk {
                q = q
                    .bind(&s.id)
                    .bind(&s.number)
                    .bind(&s.service)
                    .bind(&s.department)
                    .bind(s.applicant_id)
                    .bind(&s.applicant_name)
                    .bind(domain::office::name_key(&s.applicant_name))
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
