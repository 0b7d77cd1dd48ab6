//! Bad input through the running server (`portal serve` as its own process), on SQLite and
//! PostgreSQL: posts that ask the server to build far more than they carry, bodies for someone
//! else's application, fields longer than their form allows, uploads cut off on every upload
//! route, unknown catalog filters and overlong searches. Each gets a clear 4xx; the process's
//! memory and the file store stay as they were (both measured).

use std::io::Write;
use std::path::Path;
use std::time::Duration;

use backend::testing::{count_rows, person_id_by_snils, seed_applications, Seed, TestDb};
use domain::identity::{Role, Snils, StaffRole};

use crate::support::{free_port, on_both, Browser, FederalSim, PortalProcess};

/// Files in the store (the data folder's `files`), staging files included.
fn stored_files(data: &Path) -> usize {
    fn count(dir: &Path) -> usize {
        std::fs::read_dir(dir).map_or(0, |entries| entries.filter_map(Result::ok).map(|e| if e.path().is_dir() { count(&e.path()) } else { 1 }).sum())
    }
    count(&data.join("files"))
}

/// Waits until the store holds `expected` files (a cut-off request is cleaned up as it ends).
async fn store_settles(data: &Path, expected: usize) {
    for _ in 0..50 {
        if stored_files(data) == expected {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(stored_files(data), expected, "the file store is as it was");
}

/// An application of the demo citizen in department `minobr`, in `status`, written straight
/// into the database.
async fn seeded(t: &TestDb, n: usize, applicant: i64, status: &str, assignee: Option<i64>) -> String {
    let id = format!("00000000-0000-4000-9000-{n:012}");
    let now = backend::clock::now_ms();
    let deadline = domain::dates::add_days(domain::calendar::local_date(now, 3), 14);
    let seed = Seed {
        id: id.clone(),
        number: format!("99-2026-{:06}", 700 + n),
        service: "kindergarten-enrolment".into(),
        department: "minobr".into(),
        applicant_id: applicant,
        applicant_name: "Иванова Мария Петровна".into(),
        status: status.into(),
        assignee_id: assignee,
        origin: "regional".into(),
        municipality: Some("priozyorsk".into()),
        submitted_at: now,
        deadline: domain::dates::format_date(deadline),
        decided_at: None,
    };
    seed_applications(&t.db, &[seed]).await;
    id
}

/// Sends the start of a multipart post to `path` (text parts, then a file part of 256 KB of a
/// PDF) and hangs up, as a phone losing its signal does.
async fn cut_off(port: u16, path: &str, cookies: &str, texts: &[(&str, &str)], file_field: &str) {
    let boundary = "cutoffboundary";
    let mut body: Vec<u8> =
        texts.iter().flat_map(|(k, v)| format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n").into_bytes()).collect();
    body.extend(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{file_field}\"; filename=\"scan.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n"
        )
        .into_bytes(),
    );
    body.extend(std::iter::repeat_n(b' ', 256 * 1024));
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nCookie: {cookies}\r\nSec-Fetch-Site: same-origin\r\n\
         Content-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {}\r\n\r\n",
        body.len() + 1024 * 1024
    );
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(&body).unwrap();
    stream.flush().unwrap();
    // Let the server take in what came, then hang up mid-file.
    tokio::time::sleep(Duration::from_millis(300)).await;
    drop(stream);
}

fn cookie_header(b: &Browser) -> String {
    b.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ")
}

/// The application's stored form data (to see that a refused post changed nothing).
async fn draft_data(t: &TestDb, person: i64, id: &str, step: usize) -> domain::forms::FormData {
    let p = t.portal(backend::clock::now_ms());
    let who = t.db.principal(person).await.unwrap().unwrap();
    let lang = domain::localized::Lang::parse("ru").unwrap();
    backend::applications::drafts::draft_step(&p, &who, id, step, false, lang).await.unwrap().data
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn posts_that_ask_for_more_than_they_carry_are_refused_and_cost_nothing() {
    on_both(async |t| {
        let port = free_port();
        let url = format!("http://127.0.0.1:{port}");
        let sim = FederalSim::start(&url);
        let data = tempfile::tempdir().unwrap();
        let portal = PortalProcess::start(t, port, &sim, data.path(), &[("PORTAL_RATE_LIMIT__REQUESTS_PER_SECOND", "0")]).await;
        let mut a = Browser::new();
        a.login(&url, "ivanova").await;
        let mut b = Browser::new();
        b.login(&url, "petrov").await;
        let start = a.post(&format!("{url}/services/kindergarten-enrolment/apply"), &[]).await;
        let step1 = start.location.unwrap();
        let draft = step1.split('/').nth(2).unwrap().to_owned();
        let person = person_id_by_snils(&t.db, "12345678964").await;
        // Warm up: an ordinary page and save, so the allocator has its working set.
        for _ in 0..3 {
            a.get(&format!("{url}{step1}")).await;
            a.post_multipart(
                &format!("{url}/applications/{draft}/edit/2"),
                &[("go", "save"), ("__count.children", "1"), ("children[0].family_name", "Иванова")],
                &[],
            )
            .await;
        }
        let before = draft_data(t, person, &draft, 1).await;
        let files_before = stored_files(data.path());
        let resident = portal.resident_kb();

        // 1.3 MB of `__count.<group>=1000` parts: once this built 1,000 entries per name.
        let counts: Vec<(String, String)> = (0..12_000).map(|i| (format!("__count.g{i}"), "1000".to_owned())).collect();
        // The server refuses as soon as it has read enough to know, and may hang up before the
        // client has sent the rest; when the answer arrives, it is the localized 413.
        if let Some(got) = a.post_many(&format!("{url}/applications/{draft}/edit/2"), &counts).await {
            assert_eq!(got.status, 413, "{}", got.body);
            assert!(got.body.contains("Форма отправлена с данными сверх допустимого"), "localized: {}", got.body);
        }
        // The real group, asking for more entries than the form allows.
        let asked = vec![("__count.children".to_owned(), "1000".to_owned())];
        if let Some(got) = a.post_many(&format!("{url}/applications/{draft}/edit/2"), &asked).await {
            assert_eq!(got.status, 413);
        }
        // A field far longer than its form allows (500 characters).
        let long = vec![("family_name".to_owned(), "я".repeat(200_000))];
        if let Some(got) = a.post_many(&format!("{url}/applications/{draft}/edit/1"), &long).await {
            assert_eq!(got.status, 413);
        }
        // A body for someone else's draft is not read at all.
        if let Some(got) = b.post_many(&format!("{url}/applications/{draft}/edit/1"), &long).await {
            assert_eq!(got.status, 404);
        }
        // A reply far longer than a message may be.
        let awaiting = seeded(t, 1, person, "awaiting_applicant", None).await;
        let reply = vec![("body".to_owned(), "я".repeat(6_000))];
        if let Some(got) = a.post_many(&format!("{url}/applications/{awaiting}/reply"), &reply).await {
            assert_eq!(got.status, 413);
        }
        assert_eq!(count_rows(&t.db, "messages").await, 0, "no reply was stored");

        assert_eq!(draft_data(t, person, &draft, 1).await, before, "nothing was saved");
        assert_eq!(stored_files(data.path()), files_before);
        let grown = portal.resident_kb().saturating_sub(resident);
        assert!(grown < 16 * 1024, "the server grew by {grown} KB for a few MB of refused posts");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_upload_cut_off_on_any_upload_route_leaves_nothing() {
    on_both(async |t| {
        let port = free_port();
        let url = format!("http://127.0.0.1:{port}");
        let sim = FederalSim::start(&url);
        let data = tempfile::tempdir().unwrap();
        let portal = PortalProcess::start(t, port, &sim, data.path(), &[("PORTAL_RATE_LIMIT__REQUESTS_PER_SECOND", "0")]).await;
        let grant = |snils: &str, role: Role, department: Option<&str>| {
            let role = StaffRole::new(role, department.map(str::to_owned)).unwrap();
            let snils = Snils::parse(snils).unwrap();
            async move { t.db.grant_role(&snils, &role, "test", 0).await.unwrap() }
        };
        grant("456-789-012 38", Role::Clerk, Some("minobr")).await;
        grant("678-901-234 38", Role::Operator, None).await;
        let mut citizen = Browser::new();
        citizen.login(&url, "ivanova").await;
        let mut clerk = Browser::new();
        clerk.login(&url, "clerk").await;
        let mut operator = Browser::new();
        operator.login(&url, "operator").await;
        let person = person_id_by_snils(&t.db, "12345678964").await;
        let clerk_id = person_id_by_snils(&t.db, "45678901238").await;
        let draft = citizen.post(&format!("{url}/services/kindergarten-enrolment/apply"), &[]).await.location.unwrap();
        let draft = draft.split('/').nth(2).unwrap().to_owned();
        let awaiting = seeded(t, 2, person, "awaiting_applicant", None).await;
        let in_review = seeded(t, 3, person, "in_review", Some(clerk_id)).await;
        let files = stored_files(data.path());
        let (attachments, resident) = (count_rows(&t.db, "attachments").await, portal.resident_kb());

        let uploads: [UploadRoute; 5] = [
            (&citizen, format!("/applications/{draft}/edit/1"), &[("go", "save")], "guardianship_document"),
            (&citizen, format!("/applications/{awaiting}/reply"), &[("body", "Справка")], "files"),
            (&clerk, format!("/office/applications/{in_review}/approve"), &[("result", "upload")], "file"),
            (&operator, "/admin/catalog/service/kindergarten-enrolment/blanks".to_owned(), &[("title.ru", "Бланк"), ("title.en", "Blank")], "file"),
            (&operator, "/admin/branding".to_owned(), &[("name.ru", "Край")], "coat"),
        ];
        for (who, path, texts, field) in uploads {
            cut_off(port, &path, &cookie_header(who), texts, field).await;
            store_settles(data.path(), files).await;
        }
        assert_eq!(count_rows(&t.db, "attachments").await, attachments, "nothing recorded");
        let grown = portal.resident_kb().saturating_sub(resident);
        assert!(grown < 16 * 1024, "the server grew by {grown} KB");
        // The server still serves.
        assert_eq!(citizen.get(&format!("{url}/applications/{draft}/edit/1")).await.status, 200);
    })
    .await;
}

/// Who posts, to where, with which text fields, and the file field's name.
type UploadRoute<'a> = (&'a Browser, String, &'a [(&'a str, &'a str)], &'a str);
#[tokio::test]
async fn unknown_catalog_filters_and_overlong_searches_are_a_localized_400() {
    on_both(async |t| {
        let port = free_port();
        let url = format!("http://127.0.0.1:{port}");
        let sim = FederalSim::start(&url);
        let data = tempfile::tempdir().unwrap();
        let _portal = PortalProcess::start(t, port, &sim, data.path(), &[]).await;
        let mut b = Browser::new();
        for path in
            ["/services?category=no-such-category", "/services?department=%3Cscript%3E", "/services?stage=9", "/services?municipality=nowhere&category=family"]
        {
            let page = b.get(&format!("{url}{path}")).await;
            assert_eq!(page.status, 400, "{path}");
            assert!(page.body.contains("Запрос не понят"), "{path}: localized");
        }
        assert_eq!(b.get(&format!("{url}/services?category=family")).await.status, 200, "a real filter still works");
        let long = "а".repeat(300);
        let page = b.get(&format!("{url}/search?q={long}")).await;
        assert_eq!(page.status, 400);
        let json = b.post_json(&format!("{url}/api/catalog/services"), &serde_json::json!({ "filter": { "category": "nope" } })).await;
        assert_eq!(json.status, 400);
        assert!(!json.body.contains("nope"), "nothing of the input echoed: {}", json.body);
        // Arguments a server function cannot read are the caller's mistake, not the server's.
        for (function, args) in [("/api/catalog/search", [("query", "x"), ("offset", "many")]), ("/api/applications/list", [("shown", "everything"), ("", "")])]
        {
            assert_eq!(b.post(&format!("{url}{function}"), &args).await.status, 400, "{function}");
        }
    })
    .await;
}
