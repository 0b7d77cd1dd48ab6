//! The back office over HTTP on SQLite and PostgreSQL: every office page, server function and
//! form post checks who asks (anonymous, the applicant, clerks of two departments, the head), and
//! the forms answer with the page that says what happened.

use backend::testing::{person_id_by_snils, seed_applications, Seed};
use domain::identity::{Role, Snils, StaffRole};

use crate::support::{on_both, portal_with_sim, Browser, LivePortal};

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

/// A browser logged in as `sub` after `role` of `department` was granted to `snils`.
async fn staff(p: &LivePortal, sub: &str, snils: &str, role: Role, department: &str) -> Browser {
    let role = StaffRole::new(role, Some(department.to_owned())).unwrap();
    p.state.portal.db.grant_role(&Snils::parse(snils).unwrap(), &role, "test", 0).await.unwrap();
    let mut b = Browser::new();
    b.login(&p.url, sub).await;
    b
}

/// A registered kindergarten application of the education ministry (minobr), filed by `applicant`.
async fn registered(p: &LivePortal, applicant: i64, n: usize) -> String {
    let id = format!("00000000-0000-4000-8000-{n:012}");
    let now = backend::clock::now_ms();
    let deadline = domain::dates::add_days(domain::calendar::local_date(now, 3), 14);
    seed_applications(
        &p.state.portal.db,
        &[Seed {
            id: id.clone(),
            number: format!("99-2026-{:06}", 500 + n),
            service: "kindergarten-enrolment".into(),
            department: "minobr".into(),
            applicant_id: applicant,
            applicant_name: "Иванова Мария Петровна".into(),
            status: "registered".into(),
            assignee_id: None,
            origin: "regional".into(),
            municipality: Some("priozyorsk".into()),
            submitted_at: now,
            deadline: domain::dates::format_date(deadline),
            decided_at: None,
        }],
    )
    .await;
    id
}

/// What it is, the address, the form's fields, and the status each of five people gets.
type PageRow<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)], [u16; 5]);
#[tokio::test]
async fn every_office_page_server_function_and_form_checks_who_asks() {
    on_both(async |t| {
        let (p, _sim) = portal_with_sim(t).await;
        let mut anonymous = Browser::new();
        let mut citizen = Browser::new();
        citizen.login(&p.url, "ivanova").await;
        let mut clerk = staff(&p, "clerk", "456-789-012 38", Role::Clerk, "minobr").await;
        let mut outsider = staff(&p, "clerk-y", "345-678-901 23", Role::Clerk, "minsoc").await;
        let mut head = staff(&p, "head", "567-890-123 43", Role::Head, "minobr").await;
        let applicant = person_id_by_snils(&p.state.portal.db, "12345678964").await;
        let id = registered(&p, applicant, 1).await;

        // (what, GET page or POST server function with its arguments, [anonymous, citizen, clerk, outsider, head])
        let application = format!("/office/applications/{id}");
        let pages: [PageRow; 6] = [
            ("page", "/office", &[], [401, 403, 200, 200, 200]),
            ("function", "/api/office/queue", &[("filter[queue]", "new")], [401, 403, 200, 200, 200]),
            ("page", &application, &[], [401, 403, 200, 404, 200]),
            ("function", "/api/office/application", &[("id", &id)], [401, 403, 200, 404, 200]),
            ("page", "/office/stats", &[], [401, 403, 403, 403, 200]),
            ("function", "/api/office/head", &[], [401, 403, 403, 403, 200]),
        ];
        for (kind, path, args, expected) in pages {
            for (who, b) in [&mut anonymous, &mut citizen, &mut clerk, &mut outsider, &mut head].into_iter().enumerate() {
                let url = format!("{}{path}", p.url);
                let got = if kind == "page" { b.get(&url).await } else { b.post(&url, args).await };
                assert_eq!(got.status, expected[who], "{path} as person #{who}: {}", got.body.chars().take(300).collect::<String>());
            }
        }
        // The queue shows the application to its department only.
        assert!(clerk.get(&format!("{}/office", p.url)).await.body.contains("99-2026-000501"));
        assert!(!outsider.get(&format!("{}/office", p.url)).await.body.contains("99-2026-000501"));

        // Form posts: nobody logged in is sent to log in; a citizen is refused the area (403); staff of
        // another department find nothing (404).
        let post = |action: &str| format!("{}{application}/{action}", p.url);
        let login = anonymous.post(&post("take"), &[]).await;
        assert_eq!(login.status, 303);
        assert!(login.location.unwrap().starts_with("/auth/login"));
        for (b, refused) in [(&mut citizen, 403), (&mut outsider, 404)] {
            for action in ["take", "return", "request", "refuse", "assign"] {
                assert_eq!(b.post(&post(action), &[("message", "x"), ("ground", "0"), ("comment", "x"), ("clerk", "1")]).await.status, refused, "{action}");
            }
            assert_eq!(b.post_multipart(&post("approve"), &[("result", "generate")], &[]).await.status, refused);
        }

        // The clerk takes it; the head taking it too is told who has it.
        let taken = clerk.post(&post("take"), &[]).await;
        assert_eq!(taken.location.as_deref(), Some(format!("{application}?done=take").as_str()));
        let again = head.post(&post("take"), &[]).await;
        assert_eq!(again.location.as_deref(), Some(format!("{application}?problem=already_taken").as_str()));
        let page = head.get(&format!("{}{application}?problem=already_taken", p.url)).await;
        assert!(page.body.contains("Это заявление уже взял в работу другой специалист: Кузнецова Ольга"), "the page names who took it");

        // An empty request and a refusal without a ground change nothing and say why.
        let empty = clerk.post(&post("request"), &[("message", "  "), ("missing", "")]).await;
        assert_eq!(empty.location.as_deref(), Some(format!("{application}?problem=empty_message").as_str()));
        let no_ground = clerk.post(&post("refuse"), &[("comment", "Нет оснований")]).await;
        assert_eq!(no_ground.location.as_deref(), Some(format!("{application}?problem=no_ground").as_str()));
        // What is not a form at all gets the localized sentence, not the framework's English.
        for action in ["request", "refuse", "assign", "approve"] {
            let garbled = clerk.post_json(&post(action), &serde_json::json!({ "message": "x" })).await;
            assert_eq!(garbled.status, 400, "{action}");
            assert!(garbled.body.contains("Форма отправлена неверно"), "{action}: {}", garbled.body.chars().take(200).collect::<String>());
        }
        let no_file = clerk.post_multipart(&post("approve"), &[("result", "upload")], &[]).await;
        assert_eq!(no_file.location.as_deref(), Some(format!("{application}?problem=no_result").as_str()));
        let not_pdf = clerk.post_multipart(&post("approve"), &[("result", "upload")], &[("file", "result.png", b"\x89PNG\r\n\x1a\n....".to_vec())]).await;
        assert!(not_pdf.location.as_deref().unwrap().contains("?upload=wrong_type"), "{not_pdf:?}");
        let shown = clerk.get(&format!("{}{}", p.url, not_pdf.location.unwrap())).await;
        assert!(shown.body.contains("role=\"alert\""), "the refusal is shown on the page");

        // The head hands it to himself; then the clerk may no longer act on it.
        let head_id = person_id_by_snils(&p.state.portal.db, "56789012343").await;
        let assigned = head.post(&post("assign"), &[("clerk", &head_id.to_string())]).await;
        assert_eq!(assigned.location.as_deref(), Some(format!("{application}?done=assign").as_str()));
        let refused = clerk.post(&post("return"), &[]).await;
        assert_eq!(refused.location.as_deref(), Some(format!("{application}?problem=not_assignee").as_str()));
        let approved = head.post_multipart(&post("approve"), &[("result", "upload")], &[("file", "result.pdf", PDF.to_vec())]).await;
        assert_eq!(approved.location.as_deref(), Some(format!("{application}?done=approve").as_str()));

        // Staff downloads of the applicant's files are audited; the citizen's are not.
        let page = head.get(&format!("{}{application}", p.url)).await;
        let file = page.body.split(&format!("/applications/{id}/files/")).nth(1).unwrap().split('"').next().unwrap().to_owned();
        let (status, bytes, _) = head.get_bytes(&format!("{}/applications/{id}/files/{file}", p.url)).await;
        assert_eq!((status, bytes.as_slice()), (200, PDF));
        let (status, _, _) = citizen.get_bytes(&format!("{}/applications/{id}/files/{file}", p.url)).await;
        assert_eq!(status, 200, "the applicant downloads the result");
        let (status, _, _) = outsider.get_bytes(&format!("{}/applications/{id}/files/{file}", p.url)).await;
        assert_eq!(status, 404);
        let records = p.state.portal.db.audit_records(Some("personal_data_access"), 50).await.unwrap();
        assert!(records.iter().any(|r| r.actor_id == Some(head_id) && r.details.contains(&format!("file:{file}"))), "{records:?}");
        assert!(records.iter().all(|r| r.actor_id != Some(applicant)), "the applicant reading their own is not staff access");

        // The operator reviews the trail: who, which application, what.
        let operator_role = StaffRole::new(Role::Operator, None).unwrap();
        p.state.portal.db.grant_role(&Snils::parse("678-901-234 38").unwrap(), &operator_role, "test", 0).await.unwrap();
        let mut operator = Browser::new();
        operator.login(&p.url, "operator").await;
        let log = operator.get(&format!("{}/admin/access-log", p.url)).await;
        assert_eq!(log.status, 200);
        assert!(log.body.contains("Волков Дмитрий") && log.body.contains("99-2026-000501") && log.body.contains("файл «result.pdf»"), "{}", log.body);
    })
    .await;
}
