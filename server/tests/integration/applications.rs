//! Online applications over HTTP, as a browser without JavaScript uses them, on SQLite and
//! PostgreSQL: the form pages and their posts, files, submission, the receipt, and who may see what.

use backend::testing::count_rows;

use crate::support::{on_both, portal_with_sim, Browser};

pub const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

/// Starts a kindergarten draft; returns its id.
pub async fn start(b: &mut Browser, url: &str) -> String {
    let started = b.post(&format!("{url}/services/kindergarten-enrolment/apply"), &[]).await;
    assert_eq!(started.status, 303, "{}", started.body);
    let location = started.location.unwrap();
    location.strip_prefix("/applications/").and_then(|r| r.strip_suffix("/edit/1")).unwrap().to_owned()
}

/// Posts step `n` of draft `id` with `fields` (and `go`); returns where it sends the browser.
pub async fn post_step(b: &mut Browser, url: &str, id: &str, n: usize, fields: &[(&str, &str)], files: &[(&str, &str, Vec<u8>)]) -> String {
    let a = b.post_multipart(&format!("{url}/applications/{id}/edit/{n}"), fields, files).await;
    assert_eq!(a.status, 303, "{}", a.body);
    a.location.unwrap()
}

const CHILD: &[(&str, &str)] = &[
    ("children[0].family_name", "Иванова"),
    ("children[0].given_name", "Анна"),
    ("children[0].birthdate", "2022-05-10"),
    ("children[0].birth_certificate", "IV-АБ 123456"),
    ("children[0].snils", "147-258-369 88"),
    ("children[0].address", "г. Приозёрск, ул. Лесная, д. 5, кв. 12"),
    ("children[0].special_needs", "none"),
    ("__count.children", "1"),
];

pub async fn fill_all(b: &mut Browser, url: &str, id: &str) {
    let step1 = [
        ("family_name", "Иванова"),
        ("given_name", "Мария"),
        ("snils", "123-456-789 64"),
        ("phone", "+7 900 111-22-33"),
        ("email", "ivanova@example.ru"),
        ("relation", "mother"),
        ("passport", "4510 123456"),
        ("go", "next"),
    ];
    assert_eq!(post_step(b, url, id, 1, &step1, &[]).await, format!("/applications/{id}/edit/2"));
    let mut step2 = CHILD.to_vec();
    step2.push(("go", "next"));
    assert_eq!(post_step(b, url, id, 2, &step2, &[]).await, format!("/applications/{id}/edit/3"));
    let step3 = [
        ("desired_date", "01.09.2027"),
        ("municipality", "priozyorsk"),
        ("preferred_kindergarten", "№ 5"),
        ("day_mode", "full"),
        ("has_priority_right", "true"),
        ("priority_kind", "large_family"),
        ("go", "next"),
    ];
    let scan = [("priority_proof", "справка о многодетности.pdf", PDF.to_vec())];
    assert_eq!(post_step(b, url, id, 3, &step3, &scan).await, format!("/applications/{id}/edit/4"));
    let step4 = [("consent_personal_data", "true"), ("confirm_accuracy", "true"), ("go", "next")];
    assert_eq!(post_step(b, url, id, 4, &step4, &[]).await, format!("/applications/{id}/review"));
}

/// Files a complete application with its scan as `b` on `url`, logged in as `who`: the
/// application's id and the scan's file id.
pub async fn submit_with_scan(b: &mut Browser, url: &str, who: &str) -> (String, String) {
    b.login(url, who).await;
    let id = start(b, url).await;
    fill_all(b, url, &id).await;
    let review = b.get(&format!("{url}/applications/{id}/review")).await;
    let file_id = review.body.split(&format!("/applications/{id}/files/")).nth(1).unwrap().split('"').next().unwrap().to_owned();
    let sent = b.post(&format!("{url}/applications/{id}/submit"), &[]).await;
    assert_eq!(sent.location.as_deref(), Some(format!("/applications/{id}?submitted=1").as_str()), "{}", sent.body);
    (id, file_id)
}

/// That `b` is still logged in on `url` and finds application `id` with its scan `file_id` (after
/// the installation moved or was restored).
pub async fn still_has(b: &mut Browser, url: &str, id: &str, file_id: &str) {
    let mine = b.get(&format!("{url}/me/applications?shown=active")).await;
    assert_eq!(mine.status, 200, "the session is there");
    assert!(mine.body.contains(&format!("/applications/{id}")), "and the application");
    let (status, bytes, _) = b.get_bytes(&format!("{url}/applications/{id}/files/{file_id}")).await;
    assert_eq!((status, bytes.as_slice()), (200, PDF), "and the scan");
}

#[tokio::test]
async fn a_citizen_fills_sends_and_follows_an_application_without_javascript() {
    on_both(async |t| {
        let (p, _sim) = portal_with_sim(t).await;
        let mut b = Browser::new();
        b.login(&p.url, "ivanova").await;
        let id = start(&mut b, &p.url).await;
        assert_eq!(start(&mut b, &p.url).await, id, "starting again resumes the draft");

        let page = b.get(&format!("{}/applications/{id}/edit/1", p.url)).await;
        assert_eq!(page.status, 200);
        assert!(page.body.contains("value=\"Иванова\"") && page.body.contains("value=\"123-456-789 64\""), "prefilled from the profile");

        // Sent incomplete: back to the step with the problems and every value kept.
        let again =
            post_step(&mut b, &p.url, &id, 1, &[("family_name", "Иванова"), ("passport", "4510 12345"), ("email", "ivanova@"), ("go", "next")], &[]).await;
        assert_eq!(again, format!("/applications/{id}/edit/1?check=1"));
        let page = b.get(&format!("{}{again}", p.url)).await;
        for shown in [
            "Исправьте ошибки",
            "Введите серию (4 цифры) и номер (6 цифр), например 4510 123456.",
            "Введите адрес электронной почты",
            "value=\"4510 12345\"",
            "value=\"ivanova@\"",
        ] {
            assert!(page.body.contains(shown), "{shown}");
        }
        // "Save draft" saves without checking.
        assert_eq!(post_step(&mut b, &p.url, &id, 1, &[("family_name", "Иванова"), ("go", "save")], &[]).await, format!("/applications/{id}/edit/1?saved=1"));

        // Children: add, remove.
        let mut with_add = CHILD.to_vec();
        with_add.push(("go", "add:children"));
        assert_eq!(post_step(&mut b, &p.url, &id, 2, &with_add, &[]).await, format!("/applications/{id}/edit/2#f-children"));
        let page = b.get(&format!("{}/applications/{id}/edit/2", p.url)).await;
        assert!(page.body.contains("Ребёнок: 2") && page.body.contains("value=\"Анна\""), "a second, empty entry; the first kept");
        post_step(&mut b, &p.url, &id, 2, &[("__count.children", "2"), ("go", "remove:children:1")], &[]).await;
        let page = b.get(&format!("{}/applications/{id}/edit/2", p.url)).await;
        assert!(!page.body.contains("Ребёнок: 2"));

        // A refused file says why and stores nothing.
        let refused =
            post_step(&mut b, &p.url, &id, 3, &[("has_priority_right", "true"), ("go", "save")], &[("priority_proof", "virus.exe", b"MZ\x90\x00".to_vec())])
                .await;
        assert_eq!(refused, format!("/applications/{id}/edit/3?upload=wrong_type&limit=0&formats=pdf,jpg,png"));
        let page = b.get(&format!("{}{refused}", p.url)).await;
        assert!(page.body.contains("Такой файл не подходит. Подходят: PDF, JPG, PNG."), "{}", page.body);
        assert_eq!(count_rows(&p.state.portal.db, "attachments").await, 0);

        fill_all(&mut b, &p.url, &id).await;
        let review = b.get(&format!("{}/applications/{id}/review", p.url)).await;
        assert!(review.body.contains("Проверьте заявление") && review.body.contains("справка о многодетности.pdf"));
        let sent = b.post(&format!("{}/applications/{id}/submit", p.url), &[]).await;
        assert_eq!(sent.location.as_deref(), Some(format!("/applications/{id}?submitted=1").as_str()));
        let again = b.post(&format!("{}/applications/{id}/submit", p.url), &[]).await;
        assert_eq!(again.location, sent.location, "sending twice: the same application");
        assert_eq!(count_rows(&p.state.portal.db, "application_events").await, 2);

        let page = b.get(&format!("{}/applications/{id}?submitted=1", p.url)).await;
        assert!(page.body.contains("Заявление отправлено и зарегистрировано"));
        let number = page.body.split("class=\"big-number\">").nth(1).unwrap().split('<').next().unwrap().to_owned();
        assert!(number.starts_with("99-") && number.len() == "99-2026-000001".len(), "{number}");

        let (status, pdf, disposition) = b.get_bytes(&format!("{}/applications/{id}/receipt.pdf", p.url)).await;
        assert_eq!(status, 200);
        assert!(disposition.unwrap().contains(".pdf"));
        let text = lopdf::Document::load_mem(&pdf).unwrap().extract_text(&[1]).unwrap();
        assert!(text.contains(&number) && text.contains("Расписка в получении заявления"), "{text}");

        let file_id = review.body.split(&format!("/applications/{id}/files/")).nth(1).unwrap().split('"').next().unwrap().to_owned();
        let (status, bytes, disposition) = b.get_bytes(&format!("{}/applications/{id}/files/{file_id}", p.url)).await;
        assert_eq!((status, bytes.as_slice()), (200, PDF));
        assert!(disposition.unwrap().contains("filename*=UTF-8''%D1%81%D0%BF%D1%80%D0%B0%D0%B2%D0%BA%D0%B0"), "the Cyrillic name");

        let print = b.get(&format!("{}/applications/{id}/print", p.url)).await;
        assert!(print.body.contains(&format!("Заявление № {number}")) && print.body.contains("Анна"));
        let list = b.get(&format!("{}/me/applications?shown=active", p.url)).await;
        assert!(list.body.contains(&number) && list.body.contains("Зарегистрировано"));
        let drafts = b.get(&format!("{}/me/applications?shown=drafts", p.url)).await;
        assert!(!drafts.body.contains(&number));

        // Withdrawn before a decision.
        let out = b.post(&format!("{}/applications/{id}/withdraw", p.url), &[]).await;
        assert_eq!(out.location.as_deref(), Some(format!("/applications/{id}").as_str()));
        let page = b.get(&format!("{}/applications/{id}", p.url)).await;
        assert!(page.body.contains("Отозвано заявителем") && !page.body.contains("Отозвать заявление</button>"));
    })
    .await;
}

#[tokio::test]
async fn nobody_else_sees_or_changes_an_application_and_visitors_are_sent_to_log_in() {
    on_both(async |t| {
        let (p, _sim) = portal_with_sim(t).await;
        let mut owner = Browser::new();
        owner.login(&p.url, "ivanova").await;
        let id = start(&mut owner, &p.url).await;
        fill_all(&mut owner, &p.url, &id).await;
        let review = owner.get(&format!("{}/applications/{id}/review", p.url)).await;
        let file_id = review.body.split(&format!("/applications/{id}/files/")).nth(1).unwrap().split('"').next().unwrap().to_owned();
        let before = count_rows(&p.state.portal.db, "attachments").await;

        let mut other = Browser::new();
        other.login(&p.url, "petrov").await;
        for page in
            [format!("/applications/{id}"), format!("/applications/{id}/edit/1"), format!("/applications/{id}/review"), format!("/applications/{id}/print")]
        {
            assert_eq!(other.get(&format!("{}{page}", p.url)).await.status, 404, "{page}");
        }
        assert_eq!(other.get_bytes(&format!("{}/applications/{id}/files/{file_id}", p.url)).await.0, 404);
        assert_eq!(other.get_bytes(&format!("{}/applications/{id}/receipt.pdf", p.url)).await.0, 404);
        let a = other.post_multipart(&format!("{}/applications/{id}/edit/1", p.url), &[("family_name", "Взломщик"), ("go", "save")], &[]).await;
        assert_eq!(a.status, 404, "targets another citizen's draft");
        let a = other.post_multipart(&format!("{}/applications/{id}/edit/3", p.url), &[("go", "save")], &[("priority_proof", "x.pdf", PDF.to_vec())]).await;
        assert_eq!(a.status, 404);
        for action in ["submit", "delete", "withdraw"] {
            assert_eq!(other.post(&format!("{}/applications/{id}/{action}", p.url), &[]).await.status, 404, "{action}");
        }
        assert_eq!(count_rows(&p.state.portal.db, "attachments").await, before, "nothing added");
        let page = owner.get(&format!("{}/applications/{id}/edit/1", p.url)).await;
        assert!(page.body.contains("value=\"Иванова\"") && !page.body.contains("Взломщик"));

        let mut visitor = Browser::new();
        let a = visitor.post(&format!("{}/services/kindergarten-enrolment/apply", p.url), &[]).await;
        assert_eq!(a.location.as_deref(), Some("/auth/login?next=/services/kindergarten-enrolment/apply"));
        assert_eq!(visitor.get(&format!("{}/me/applications", p.url)).await.status, 401);
        assert_eq!(visitor.get(&format!("{}/applications/{id}", p.url)).await.status, 401);
        // A download link followed before logging in leads to the login, then back to the file.
        let file = format!("/applications/{id}/files/{file_id}");
        let a = visitor.get(&format!("{}{file}", p.url)).await;
        assert_eq!((a.status, a.location.as_deref()), (303, Some(format!("/auth/login?next={file}").as_str())));
    })
    .await;
}

#[tokio::test]
async fn crafted_posts_with_unknown_or_hidden_fields_are_refused_with_a_clear_message() {
    on_both(async |t| {
        let (p, _sim) = portal_with_sim(t).await;
        let mut b = Browser::new();
        b.login(&p.url, "ivanova").await;
        let id = start(&mut b, &p.url).await;
        let a =
            b.post_multipart(&format!("{}/applications/{id}/edit/1", p.url), &[("family_name", "Иванова"), ("is_admin", "true"), ("go", "save")], &[]).await;
        assert_eq!(a.status, 400);
        assert!(a.body.contains("Форма отправлена с полями, которых в ней нет"), "{}", a.body);
        // The JSON autosave refuses the same.
        let a = b
            .post_json(&format!("{}/api/applications/autosave", p.url), &serde_json::json!({ "id": id, "step": 0, "data": { "values": { "salary": "1" } } }))
            .await;
        assert!(a.status >= 400, "{}", a.body);
        // A hidden field filled: refused at submission with the problem named.
        fill_all(&mut b, &p.url, &id).await;
        post_step(
            &mut b,
            &p.url,
            &id,
            3,
            &[
                ("desired_date", "2027-09-01"),
                ("municipality", "priozyorsk"),
                ("preferred_kindergarten", "№ 5"),
                ("day_mode", "full"),
                ("priority_kind", "large_family"),
                ("go", "save"),
            ],
            &[],
        )
        .await;
        let sent = b.post(&format!("{}/applications/{id}/submit", p.url), &[]).await;
        assert_eq!(sent.location.as_deref(), Some(format!("/applications/{id}/review?check=1").as_str()));
        let review = b.get(&format!("{}/applications/{id}/review?check=1", p.url)).await;
        assert!(review.body.contains("При выбранных ответах это поле не заполняется"), "{}", review.body);
        assert_eq!(count_rows(&p.state.portal.db, "application_events").await, 0, "nothing submitted");
    })
    .await;
}

#[tokio::test]
async fn a_service_that_needs_a_confirmed_account_tells_a_lower_one_how_to_raise_it() {
    on_both(async |t| {
        let (p, _sim) = portal_with_sim(t).await;
        let url = format!("{}/services/housing-subsidy", p.url);
        let mut anonymous = Browser::new();
        let page = anonymous.get(&url).await;
        assert!(page.body.contains("нужна подтверждённая учётная запись"), "everyone is told what is needed");
        let mut standard = Browser::new();
        standard.login(&p.url, "petrov").await;
        let page = standard.get(&url).await;
        assert!(page.body.contains("У вашей учётной записи уровень «Стандартная»"), "{}", page.body);
        assert!(page.body.contains("Повысить его можно на федеральном портале"));
        let refused = standard.post(&format!("{}/services/housing-subsidy/apply", p.url), &[]).await;
        assert_eq!(refused.location.as_deref(), Some("/services/housing-subsidy/apply"), "back to the page that explains");
        let start = standard.get(&format!("{}/services/housing-subsidy/apply", p.url)).await;
        assert!(start.body.contains("У вашей учётной записи уровень «Стандартная»") && !start.body.contains("Начать заполнение"));
        assert_eq!(count_rows(&p.state.portal.db, "applications").await, 0, "no draft for a too-low account");
        let mut confirmed = Browser::new();
        confirmed.login(&p.url, "ivanova").await;
        let page = confirmed.get(&url).await;
        assert!(page.body.contains("нужна подтверждённая учётная запись") && !page.body.contains("У вашей учётной записи уровень"));
    })
    .await;
}
