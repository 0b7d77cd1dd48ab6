//! The operator's staff list and role changes, the audit trail's filters and pages, and the
//! filters of the personal-data trail, on SQLite and PostgreSQL.

use backend::staff::{grant, revoke, staff_page, RoleRequest};
use backend::store::AuditEntry;
use backend::testing::{count_rows, on_both, seed_applications, Seed, TestDb, TestPortal};
use domain::access::Principal;
use domain::identity::{AssuranceLevel, Profile, Role, Snils, StaffRole};
use domain::localized::Lang;
use domain::region::RegionRules;
use domain::staff::{AccessLogFilter, Actor, AuditDetails, AuditFilter, GrantedBy, StaffChange, StaffProblem, AUDIT_PAGE};
use serde_json::json;

/// 2026-03-10 12:00 UTC.
const NOW: i64 = 1_773_144_000_000;
const DAY: i64 = 86_400_000;

/// A portal over `t` with the demo region imported, its clock at `NOW`, and the region's rules.
async fn region(t: &TestDb) -> (TestPortal, RegionRules) {
    let p = t.portal(NOW);
    p.import_demo().await;
    let rules = p.rules().await.unwrap();
    (p, rules)
}

/// A person who has logged in, with `roles` granted; as the access rules see them.
async fn person(t: &TestDb, sub: &str, family: &str, given: &str, snils: &str, roles: &[(Role, Option<&str>)]) -> Principal {
    let snils = Snils::parse(snils).unwrap();
    for (role, department) in roles {
        let role = StaffRole::new(*role, department.map(str::to_owned)).unwrap();
        t.db.grant_role(&snils, &role, "cli", NOW).await.unwrap();
    }
    let profile = Profile {
        family_name: family.into(),
        given_name: given.into(),
        middle_name: Some("Петровна".into()),
        snils: Some(snils),
        birthdate: None,
        email: None,
        phone: None,
        assurance: AssuranceLevel::Confirmed,
    };
    let id = t.db.upsert_person(sub, &profile, NOW).await.unwrap();
    t.db.principal(id).await.unwrap().unwrap()
}

fn ru() -> Lang {
    Lang::parse("ru").unwrap()
}

fn request<'a>(snils: &'a str, role: &'a str, department: &'a str) -> RoleRequest<'a> {
    RoleRequest { snils, role, department }
}

#[tokio::test]
async fn the_staff_list_names_holders_departments_and_who_granted() {
    on_both(async |t| {
        let (p, rules) = region(t).await;
        let operator = person(t, "sokolova", "Соколова", "Елена", "678-901-234 38", &[(Role::Operator, None)]).await;
        person(t, "kuznetsova", "Кузнецова", "Ольга", "456-789-012 38", &[(Role::Clerk, Some("minsoc"))]).await;
        // Granted on the page to someone who has never logged in.
        let done = grant(&p, &operator, &request("234-567-890 99", "head", "zags"), None).await.unwrap();
        assert_eq!(done, Ok(StaffChange::Granted));

        let page = staff_page(&p, ru()).await.unwrap();
        let rows: Vec<(Option<&str>, &str, Role, Option<&str>)> =
            page.members.iter().map(|m| (m.name.as_deref(), m.snils.as_str(), m.role, m.department.as_deref())).collect();
        assert_eq!(
            rows,
            [
                (Some("Кузнецова Ольга Петровна"), "456-789-012 38", Role::Clerk, Some("Министерство социальной защиты Приозёрского края")),
                (Some("Соколова Елена Петровна"), "678-901-234 38", Role::Operator, None),
                (None, "234-567-890 99", Role::Head, Some("Агентство ЗАГС Приозёрского края")),
            ]
        );
        assert_eq!(page.members[0].granted_by, GrantedBy::CommandLine);
        assert_eq!(page.members[2].granted_by, GrantedBy::Person("Соколова Елена Петровна".into()), "the operator who granted it, by name");
        assert_eq!(page.members[2].snils_digits, "23456789099");
        assert_eq!(page.members[2].granted_at, rules.local_time(NOW));
        assert!(page.departments.iter().any(|d| d.code == "zags" && d.title == "Агентство ЗАГС Приозёрского края"));
        let mut sorted = page.departments.clone();
        sorted.sort_by_key(|d| d.title.to_lowercase());
        assert_eq!(page.departments, sorted, "departments by name");
    })
    .await;
}

#[tokio::test]
async fn a_grant_is_checked_like_the_command_line_and_audited_with_its_operator() {
    on_both(async |t| {
        let (p, _) = region(t).await;
        let operator = person(t, "sokolova", "Соколова", "Елена", "678-901-234 38", &[(Role::Operator, None)]).await;
        let before = count_rows(&t.db, "staff_roles").await;
        for (req, problem) in [
            (request("123-456-789 65", "clerk", "minsoc"), StaffProblem::BadSnils),
            (request("", "clerk", "minsoc"), StaffProblem::BadSnils),
            (request("123-456-789 64", "admin", "minsoc"), StaffProblem::BadRole),
            (request("123-456-789 64", "clerk", ""), StaffProblem::DepartmentRequired),
            (request("123-456-789 64", "head", "  "), StaffProblem::DepartmentRequired),
            (request("123-456-789 64", "clerk", "no-such"), StaffProblem::UnknownDepartment),
            (request("678-901-234 38", "clerk", "minsoc"), StaffProblem::OwnRoles),
            (request("67890123438", "head", "minsoc"), StaffProblem::OwnRoles),
        ] {
            assert_eq!(grant(&p, &operator, &req, None).await.unwrap(), Err(problem), "{req:?}");
        }
        assert_eq!(count_rows(&t.db, "staff_roles").await, before, "nothing granted");
        assert!(t.db.audit_records(None, 10).await.unwrap().is_empty(), "nothing audited");

        // The operator role ignores a department; the SNILS may be typed without separators.
        assert_eq!(grant(&p, &operator, &request("12345678964", "operator", "minsoc"), None).await.unwrap(), Ok(StaffChange::Granted));
        assert_eq!(grant(&p, &operator, &request("123-456-789 64", "operator", ""), None).await.unwrap(), Ok(StaffChange::AlreadyGranted));
        let roles = t.db.staff_roles(&Snils::parse("123-456-789 64").unwrap()).await.unwrap();
        assert_eq!(roles, [StaffRole { role: Role::Operator, department: None }]);
        let audit = t.db.audit_records(Some("role_granted"), 10).await.unwrap();
        assert_eq!(audit.len(), 1, "a repeated grant is not a change");
        assert_eq!(audit[0].actor_id, Some(operator.person_id));
        assert_eq!(audit[0].subject.as_deref(), Some("123-456-789 64"));
        let details: serde_json::Value = serde_json::from_str(&audit[0].details).unwrap();
        assert_eq!(details, json!({ "role": "operator", "department": null, "by": "67890123438" }));
    })
    .await;
}

#[tokio::test]
async fn the_last_operator_role_of_the_region_cannot_be_revoked() {
    on_both(async |t| {
        let (p, _) = region(t).await;
        let first = person(t, "sokolova", "Соколова", "Елена", "678-901-234 38", &[(Role::Operator, None), (Role::Clerk, Some("minsoc"))]).await;
        let last = revoke(&p, &first, &request("678-901-234 38", "operator", ""), None).await.unwrap();
        assert_eq!(last, Err(StaffProblem::LastOperator));
        assert_eq!(count_rows(&t.db, "staff_roles").await, 2, "nothing revoked");
        // Other roles of the last operator may go.
        assert_eq!(revoke(&p, &first, &request("678-901-234 38", "clerk", "minsoc"), None).await.unwrap(), Ok(StaffChange::Revoked));
        assert_eq!(revoke(&p, &first, &request("678-901-234 38", "clerk", "minsoc"), None).await.unwrap(), Ok(StaffChange::NotHeld));

        grant(&p, &first, &request("123-456-789 64", "operator", ""), None).await.unwrap().unwrap();
        p.clock.set(NOW + 1);
        assert_eq!(revoke(&p, &first, &request("678-901-234 38", "operator", ""), None).await.unwrap(), Ok(StaffChange::Revoked));
        p.clock.set(NOW);
        let second = t.db.staff_roles(&Snils::parse("123-456-789 64").unwrap()).await.unwrap();
        assert_eq!(second, [StaffRole { role: Role::Operator, department: None }]);
        assert_eq!(revoke(&p, &first, &request("123-456-789 64", "operator", ""), None).await.unwrap(), Err(StaffProblem::LastOperator));
        let revoked = t.db.audit_records(Some("role_revoked"), 10).await.unwrap();
        assert_eq!(revoked.len(), 2);
        assert!(revoked.iter().all(|r| r.actor_id == Some(first.person_id)));
        assert_eq!(serde_json::from_str::<serde_json::Value>(&revoked[0].details).unwrap()["role"], "operator");
    })
    .await;
}

#[tokio::test]
async fn two_operators_revoking_each_other_at_once_leave_one() {
    on_both(async |t| {
        let (p, _) = region(t).await;
        let a = person(t, "sokolova", "Соколова", "Елена", "678-901-234 38", &[(Role::Operator, None)]).await;
        let b = person(t, "ivanova", "Иванова", "Мария", "123-456-789 64", &[(Role::Operator, None)]).await;
        for round in 0..5 {
            let (of_b, of_a) = (request("123-456-789 64", "operator", ""), request("678-901-234 38", "operator", ""));
            let (x, y) = tokio::join!(revoke(&p, &a, &of_b, None), revoke(&p, &b, &of_a, None));
            let outcomes = [x.unwrap(), y.unwrap()];
            assert!(outcomes.contains(&Ok(StaffChange::Revoked)) && outcomes.contains(&Err(StaffProblem::LastOperator)), "{outcomes:?}");
            assert_eq!(count_rows(&t.db, "staff_roles").await, 1, "one operator left in round {round}");
            // Both operators again for the next round.
            for snils in ["678-901-234 38", "123-456-789 64"] {
                t.db.grant_role(&Snils::parse(snils).unwrap(), &StaffRole { role: Role::Operator, department: None }, "cli", NOW).await.unwrap();
            }
        }
    })
    .await;
}

#[tokio::test]
async fn the_audit_trail_filters_by_action_actor_and_period_and_pages_by_id() {
    on_both(async |t| {
        let (_p, rules) = region(t).await;
        let sokolova = person(t, "sokolova", "Соколова", "Елена", "678-901-234 38", &[]).await;
        let kuznetsova = person(t, "kuznetsova", "Кузнецова", "Ольга", "456-789-012 38", &[]).await;
        let db = &t.db;
        // Region time is UTC+3 (demo pack): 2026-03-10 22:00 UTC is already the 11th there.
        db.audit(&AuditEntry::new(Some(sokolova.person_id), "login"), NOW - 2 * DAY).await.unwrap();
        db.audit(&AuditEntry::new(Some(kuznetsova.person_id), "login"), NOW).await.unwrap();
        db.audit(&AuditEntry::new(None, "login_failed").with(json!({ "reason": "assurance" })), NOW + 10 * 3_600_000).await.unwrap();
        db.audit(&AuditEntry::new(None, "role_granted").about("123-456-789 64").with(json!({ "role": "clerk", "by": "cli" })), NOW).await.unwrap();
        let change = json!({ "kind": "service", "code": "kindergarten-enrolment", "before": { "title": "А", "fee": 0 }, "after": { "title": "Б", "fee": 0 } });
        db.audit(&AuditEntry::new(Some(sokolova.person_id), "catalog_changed").with(change), NOW).await.unwrap();

        let all = db.audit_page(&AuditFilter::default(), None, &rules).await.unwrap();
        assert_eq!(all.rows.len(), 5);
        assert!(all.rows.windows(2).all(|w| w[0].id > w[1].id), "newest first");
        assert_eq!(all.actions, ["catalog_changed", "login", "login_failed", "role_granted"]);
        assert_eq!(all.next, None);
        let by_action = |a: &str| all.rows.iter().find(|r| r.action == a).unwrap().clone();
        assert_eq!(by_action("login_failed").actor, Actor::System);
        assert_eq!(by_action("role_granted").actor, Actor::CommandLine);
        assert_eq!(by_action("catalog_changed").actor, Actor::Person("Соколова Елена Петровна".into()));
        match by_action("catalog_changed").details {
            AuditDetails::Change { kind, code, fields } => {
                assert_eq!((kind.as_str(), code.as_str()), ("service", "kindergarten-enrolment"));
                assert_eq!(fields.len(), 1, "only the changed field");
                assert_eq!((fields[0].field.as_str(), fields[0].before.as_deref(), fields[0].after.as_deref()), ("title", Some("А"), Some("Б")));
            }
            other => panic!("{other:?}"),
        }

        let f = |action: Option<&str>, actor: Option<&str>, from: Option<&str>, to: Option<&str>| AuditFilter {
            action: action.map(Into::into),
            actor: actor.map(Into::into),
            from: from.map(Into::into),
            to: to.map(Into::into),
        };
        let rules = &rules;
        let actions =
            |filter: AuditFilter| async move { db.audit_page(&filter, None, rules).await.unwrap().rows.into_iter().map(|r| r.action).collect::<Vec<_>>() };
        assert_eq!(actions(f(Some("login"), None, None, None)).await, ["login", "login"]);
        assert_eq!(actions(f(None, Some("соколова"), None, None)).await, ["catalog_changed", "login"], "a name in any case");
        assert_eq!(actions(f(None, Some("ОЛЬГА"), None, None)).await, ["login"]);
        assert_eq!(actions(f(None, Some("456-789"), None, None)).await, ["login"], "part of a SNILS");
        assert_eq!(actions(f(Some("login"), Some("Соколова"), None, None)).await, ["login"]);
        assert_eq!(actions(f(None, Some("%"), None, None)).await, Vec::<String>::new(), "wildcards are literal");
        assert_eq!(actions(f(None, None, Some("2026-03-10"), Some("2026-03-10"))).await, ["catalog_changed", "role_granted", "login"]);
        assert_eq!(actions(f(None, None, Some("2026-03-11"), None)).await, ["login_failed"], "22:00 UTC is the next day in the region");
        assert_eq!(actions(f(None, None, None, Some("2026-03-08"))).await, ["login"]);
        assert_eq!(actions(f(None, None, Some("not a date"), None)).await.len(), 5, "an unreadable date is no limit");

        // Pages go on from the oldest shown, keeping the filter.
        for i in 0..AUDIT_PAGE as i64 + 3 {
            db.audit(&AuditEntry::new(Some(kuznetsova.person_id), "logout"), NOW + i).await.unwrap();
        }
        let logouts = f(Some("logout"), None, None, None);
        let first = db.audit_page(&logouts, None, rules).await.unwrap();
        assert_eq!(first.rows.len(), AUDIT_PAGE);
        let next = first.next.expect("a next page");
        assert_eq!(next, first.rows.last().unwrap().id);
        let second = db.audit_page(&logouts, Some(next), rules).await.unwrap();
        assert_eq!(second.rows.len(), 3);
        assert!(second.rows.iter().all(|r| r.action == "logout" && r.id < next));
        assert_eq!(second.next, None);
    })
    .await;
}

fn seed(id: &str, number: &str, applicant: i64) -> Seed {
    Seed {
        id: id.into(),
        number: number.into(),
        service: "kindergarten-enrolment".into(),
        department: "minobr".into(),
        applicant_id: applicant,
        applicant_name: "Иванова Мария".into(),
        status: "registered".into(),
        assignee_id: None,
        origin: "regional".into(),
        municipality: None,
        submitted_at: NOW - 10 * DAY,
        deadline: "2026-04-01".into(),
        decided_at: None,
    }
}

#[tokio::test]
async fn the_access_log_filters_by_staff_member_application_and_period() {
    on_both(async |t| {
        let (_p, rules) = region(t).await;
        let citizen = person(t, "ivanova", "Иванова", "Мария", "123-456-789 64", &[]).await;
        let kuznetsova = person(t, "kuznetsova", "Кузнецова", "Ольга", "456-789-012 38", &[(Role::Clerk, Some("minobr"))]).await;
        let volkov = person(t, "volkov", "Волков", "Игорь", "567-890-123 43", &[(Role::Head, Some("minobr"))]).await;
        let db = &t.db;
        seed_applications(db, &[seed("a1", "ПК-2026-000101", citizen.person_id), seed("a2", "ПК-2026-000202", citizen.person_id)]).await;
        let open = |who: i64, app: &'static str, at: i64| async move {
            db.audit(&AuditEntry::new(Some(who), "personal_data_access").about(app).with(json!({ "what": "application" })), at).await.unwrap();
        };
        open(kuznetsova.person_id, "a1", NOW - 3 * DAY).await;
        open(kuznetsova.person_id, "a2", NOW).await;
        open(volkov.person_id, "a1", NOW).await;
        db.audit(&AuditEntry::new(Some(volkov.person_id), "login"), NOW).await.unwrap();

        let rules = &rules;
        let list = |filter: AccessLogFilter, before: Option<i64>| async move {
            db.personal_data_accesses(before, &filter, rules).await.unwrap().into_iter().map(|a| (a.staff, a.application)).collect::<Vec<_>>()
        };
        let k = ("Кузнецова Ольга Петровна".to_owned(), "ПК-2026-000202".to_owned());
        let k_old = ("Кузнецова Ольга Петровна".to_owned(), "ПК-2026-000101".to_owned());
        let v = ("Волков Игорь Петровна".to_owned(), "ПК-2026-000101".to_owned());
        assert_eq!(list(AccessLogFilter::default(), None).await, [v.clone(), k.clone(), k_old.clone()], "only openings, newest first");
        let staff = |s: &str| AccessLogFilter { staff: Some(s.into()), ..Default::default() };
        assert_eq!(list(staff("кузнецова"), None).await, [k.clone(), k_old.clone()]);
        assert_eq!(list(staff("567-890-123 43"), None).await, vec![v.clone()], "by SNILS");
        assert_eq!(list(staff("Петров "), None).await, [v.clone(), k.clone(), k_old.clone()], "surrounding spaces do not count");
        let number = AccessLogFilter { number: Some("000101".into()), ..Default::default() };
        assert_eq!(list(number, None).await, [v.clone(), k_old.clone()]);
        let exact = AccessLogFilter { number: Some("ПК-2026-000202".into()), ..Default::default() };
        assert_eq!(list(exact, None).await, vec![k.clone()]);
        let period = AccessLogFilter { from: Some("2026-03-05".into()), to: Some("2026-03-07".into()), ..Default::default() };
        assert_eq!(list(period, None).await, vec![k_old.clone()]);
        let both = AccessLogFilter { staff: Some("Кузнецова".into()), from: Some("2026-03-10".into()), ..Default::default() };
        assert_eq!(list(both, None).await, vec![k.clone()]);
        // The "older" link: the filter with `before`.
        let newest = db.personal_data_accesses(None, &staff("Кузнецова"), rules).await.unwrap();
        assert_eq!(list(staff("Кузнецова"), Some(newest[0].id)).await, vec![k_old.clone()]);
    })
    .await;
}
