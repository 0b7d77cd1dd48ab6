//! The operator's staff page and audit trail through the running server on SQLite and
//! PostgreSQL: who may reach the pages, their server functions and the role forms; a role
//! granted by SNILS to someone who never logged in, used, and revoked at the next request;
//! refused input shown on the page with nothing written; the grant on the audit page.

use backend::testing::count_rows;
use domain::identity::Role;

use crate::support::{on_both, portal_with_sim, staff, Answer, Browser, LivePortal};

async fn audit_count(p: &LivePortal) -> i64 {
    count_rows(&p.state.portal.db, "audit_log").await
}

async fn roles_count(p: &LivePortal) -> i64 {
    count_rows(&p.state.portal.db, "staff_roles").await
}

/// The problem code of a redirect back to the staff page.
fn problem(a: &Answer) -> Option<String> {
    let location = a.location.as_deref()?;
    location.split(['?', '&']).find_map(|kv| kv.strip_prefix("problem=")).map(str::to_owned)
}

#[tokio::test]
async fn only_the_operator_reaches_the_staff_and_audit_pages_their_functions_and_the_role_forms() {
    on_both(async |t| {
        let (p, _sim) = portal_with_sim(t).await;
        let mut anonymous = Browser::new();
        let mut citizen = Browser::new();
        citizen.login(&p.url, "ivanova").await;
        let mut clerk = staff(&p, "clerk", "456-789-012 38", Role::Clerk, Some("minsoc")).await;
        let mut head = staff(&p, "head", "567-890-123 43", Role::Head, Some("minsoc")).await;
        let mut operator = staff(&p, "operator", "678-901-234 38", Role::Operator, None).await;

        // (page, server function, [anonymous, citizen, clerk, head, operator])
        let table = [
            ("/admin/staff", "/api/admin/staff", [401, 403, 403, 403, 200]),
            ("/admin/audit", "/api/admin/audit", [401, 403, 403, 403, 200]),
            ("/admin/audit?action=login&actor=%D0%A1%D0%BE%D0%BA&from=2020-01-01&to=2099-12-31", "/api/admin/audit", [401, 403, 403, 403, 200]),
            ("/admin/access-log", "/api/admin/access-log", [401, 403, 403, 403, 200]),
            ("/admin/access-log?staff=x&number=1&from=2020-01-01&to=2099-12-31&before=5", "/api/admin/access-log", [401, 403, 403, 403, 200]),
        ];
        for (page, function, expected) in table {
            for (who, b) in [&mut anonymous, &mut citizen, &mut clerk, &mut head, &mut operator].into_iter().enumerate() {
                let got = b.get(&format!("{}{page}", p.url)).await.status;
                assert_eq!(got, expected[who], "{page} as person #{who}");
                let got = b.post(&format!("{}{function}", p.url), &[]).await.status;
                assert_eq!(got, expected[who], "{function} as person #{who}");
            }
        }

        // The forms change nothing for anyone but the operator.
        let (roles, audit) = (roles_count(&p).await, audit_count(&p).await);
        let grant = [("snils", "345-678-901 23"), ("role", "operator"), ("department", "")];
        let revoke = [("snils", "67890123438"), ("role", "operator"), ("department", "")];
        for (who, b) in [&mut anonymous, &mut citizen, &mut clerk, &mut head].into_iter().enumerate() {
            for (path, form) in [("/admin/staff/grant", &grant), ("/admin/staff/revoke", &revoke)] {
                let got = b.post(&format!("{}{path}", p.url), form).await;
                match who {
                    0 => assert_eq!((got.status, got.location.as_deref()), (303, Some("/auth/login?next=/admin/staff")), "{path} anonymous"),
                    _ => assert_eq!(got.status, 403, "{path} as person #{who}: the area is not theirs"),
                }
            }
        }
        assert_eq!((roles_count(&p).await, audit_count(&p).await), (roles, audit), "nothing changed, nothing audited");

        // The operator may; the last operator role stays.
        let got = operator.post(&format!("{}/admin/staff/revoke", p.url), &revoke).await;
        assert_eq!((got.status, problem(&got).as_deref()), (303, Some("last_operator")));
        let page = operator.follow(&p.url, got).await;
        assert!(page.body.contains("Это последняя роль оператора в регионе"), "the refusal in words");
        let got = operator.post(&format!("{}/admin/staff/grant", p.url), &grant).await;
        assert_eq!((got.status, got.location.as_deref()), (303, Some("/admin/staff?done=granted")));
        assert_eq!(roles_count(&p).await, roles + 1);
    })
    .await;
}

#[tokio::test]
async fn a_role_granted_by_snils_works_at_the_first_login_and_a_revoke_at_the_next_request() {
    on_both(async |t| {
        let (p, _sim) = portal_with_sim(t).await;
        let mut operator = staff(&p, "operator", "678-901-234 38", Role::Operator, None).await;
        let grant_url = format!("{}/admin/staff/grant", p.url);
        let (roles, audit) = (roles_count(&p).await, audit_count(&p).await);

        // Refused input: said on the page, the form filled again, nothing written.
        for (form, code) in [
            ([("snils", "234-567-890 98"), ("role", "clerk"), ("department", "minsoc")], "bad_snils"),
            ([("snils", "345-678-901 23"), ("role", "clerk"), ("department", "")], "department_required"),
            ([("snils", "345-678-901 23"), ("role", "head"), ("department", "no-such")], "unknown_department"),
            ([("snils", "345-678-901 23"), ("role", "root"), ("department", "")], "bad_role"),
        ] {
            let got = operator.post(&grant_url, &form).await;
            assert_eq!((got.status, problem(&got).as_deref()), (303, Some(code)), "{form:?}");
            assert!(got.location.as_deref().unwrap().starts_with("/admin/staff?"));
        }
        let got = operator.post(&grant_url, &[("snils", "234-567-890 98"), ("role", "clerk"), ("department", "minsoc")]).await;
        let page = operator.follow(&p.url, got).await;
        assert_eq!(page.status, 200);
        assert!(page.body.contains("СНИЛС указан неверно"), "the localized error");
        assert!(page.body.contains("role=\"alert\""));
        assert!(page.body.contains("value=\"234-567-890 98\""), "the typed SNILS is kept");
        assert_eq!((roles_count(&p).await, audit_count(&p).await), (roles, audit), "nothing written");
        let unreadable = operator.post_json(&grant_url, &serde_json::json!({ "snils": 1 })).await;
        assert_eq!(unreadable.status, 400, "not a form: a localized 400, never a 500");

        // Granted to Petrov, who has never logged in.
        let form = [("snils", "345-678-901 23"), ("role", "clerk"), ("department", "minsoc")];
        let got = operator.post(&grant_url, &form).await;
        assert_eq!(got.location.as_deref(), Some("/admin/staff?done=granted"));
        let page = operator.get(&format!("{}/admin/staff?done=granted", p.url)).await;
        assert!(page.body.contains("Роль выдана."));
        let row = page.body.split("345-678-901 23").next().unwrap();
        assert!(row.rsplit("<tr").next().unwrap().contains("ещё не входил на портал"), "listed as not logged in yet");
        assert!(page.body.contains("Министерство социальной защиты Приозёрского края"));

        let mut morozova = Browser::new();
        morozova.login(&p.url, "clerk-y").await;
        assert_eq!(morozova.get(&format!("{}/office", p.url)).await.status, 200, "the role works at the first login");
        let page = operator.get(&format!("{}/admin/staff", p.url)).await;
        assert!(page.body.contains("Морозова Анна"), "named once logged in");

        // A role granted to the SNILS of a standard account takes no effect: roles need a
        // confirmed account, so an account that merely declares a SNILS gets nothing.
        let got = operator.post(&grant_url, &[("snils", "234-567-890 99"), ("role", "clerk"), ("department", "minsoc")]).await;
        assert_eq!(got.location.as_deref(), Some("/admin/staff?done=granted"));
        let mut petrov = Browser::new();
        petrov.login(&p.url, "petrov").await;
        assert_eq!(petrov.get(&format!("{}/office", p.url)).await.status, 403, "a standard account gets no role");

        // The audit page shows the grant with its actor.
        let audit_page = operator.get(&format!("{}/admin/audit?action=role_granted", p.url)).await;
        assert_eq!(audit_page.status, 200);
        let grant_row = audit_page.body.split("<tr").find(|r| r.contains("345-678-901 23")).expect("the grant is listed");
        assert!(grant_row.contains("Выдана роль") && grant_row.contains("Соколова Елена"), "{grant_row}");
        assert!(grant_row.contains("minsoc") && grant_row.contains("clerk"), "{grant_row}");
        let by_actor = operator.get(&format!("{}/admin/audit?actor=%D1%81%D0%BE%D0%BA%D0%BE%D0%BB%D0%BE%D0%B2%D0%B0", p.url)).await;
        assert!(by_actor.body.contains("345-678-901 23"), "filtered by the actor's name in lower case");

        // Revoked: Morozova's very next request is refused, in the same session.
        let revoke = [("snils", "34567890123"), ("role", "clerk"), ("department", "minsoc")];
        let got = operator.post(&format!("{}/admin/staff/revoke", p.url), &revoke).await;
        assert_eq!(got.location.as_deref(), Some("/admin/staff?done=revoked"));
        assert_eq!(morozova.get(&format!("{}/office", p.url)).await.status, 403, "no waiting for a new login");
        let records = p.state.portal.db.audit_records(Some("role_revoked"), 5).await.unwrap();
        assert_eq!(records.len(), 1);
        let operator_id = backend::testing::person_id_by_snils(&p.state.portal.db, "67890123438").await;
        assert_eq!(records[0].actor_id, Some(operator_id));
        assert_eq!(records[0].subject.as_deref(), Some("345-678-901 23"));

        // An administrative change shows only the fields it changed, before and after.
        let change = serde_json::json!({
            "kind": "service", "code": "kindergarten-enrolment",
            "before": { "title": { "ru": "Запись" }, "fee": 0 }, "after": { "title": { "ru": "Зачисление" }, "fee": 0 }
        });
        let entry = backend::store::AuditEntry::new(Some(operator_id), "catalog_changed").with(change);
        p.state.portal.db.audit(&entry, backend::clock::now_ms()).await.unwrap();
        let page = operator.get(&format!("{}/admin/audit?action=catalog_changed", p.url)).await;
        assert!(page.body.contains("Изменение каталога"), "the action in words");
        assert!(page.body.contains("<caption>Изменения: service «kindergarten-enrolment»</caption>"), "{}", page.body);
        assert!(page.body.contains("<th scope=\"row\"><code>title</code></th>"));
        let unquoted = page.body.replace("&quot;", "\"");
        assert!(unquoted.contains(r#"{"ru":"Запись"}"#) && unquoted.contains(r#"{"ru":"Зачисление"}"#), "nested values as compact JSON");
        assert!(!page.body.contains("<code>fee</code>"), "unchanged fields are left out");
    })
    .await;
}
