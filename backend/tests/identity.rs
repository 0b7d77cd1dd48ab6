//! Persons, staff roles, sessions, login attempts and the audit trail on SQLite and PostgreSQL.

use backend::clock::{HOUR_MS, MINUTE_MS};
use backend::identity::{LoginAttempt, SessionPolicy};
use backend::store::AuditEntry;
use backend::store::Revoked;
use backend::testing::on_both;
use domain::identity::{AssuranceLevel, Profile, Role, Snils, StaffRole};

fn profile(family: &str, snils: Option<&str>, assurance: AssuranceLevel) -> Profile {
    Profile {
        family_name: family.into(),
        given_name: "Мария".into(),
        middle_name: Some("Петровна".into()),
        snils: snils.map(|s| Snils::parse(s).unwrap()),
        birthdate: Some("1988-04-12".into()),
        email: Some("m@example.ru".into()),
        phone: None,
        assurance,
    }
}

const POLICY: SessionPolicy = SessionPolicy { idle_ms: 30 * MINUTE_MS, absolute_ms: 12 * HOUR_MS };
const T0: i64 = 1_790_000_000_000;

#[tokio::test]
async fn a_person_is_created_once_and_updated_from_later_claims() {
    on_both(async |t| {
        let db = &t.db;
        let id = db.upsert_person("sub-1", &profile("Иванова", Some("123-456-789 64"), AssuranceLevel::Standard), T0).await.unwrap();
        let again = db.upsert_person("sub-1", &profile("Петрова", Some("123-456-789 64"), AssuranceLevel::Confirmed), T0 + 1).await.unwrap();
        assert_eq!(id, again);
        let stored = db.profile(id).await.unwrap().unwrap();
        assert_eq!(stored.family_name, "Петрова");
        assert_eq!(stored.assurance, AssuranceLevel::Confirmed);
        assert_eq!(stored.snils.unwrap().to_string(), "123-456-789 64");
        let other = db.upsert_person("sub-2", &profile("Смирнов", None, AssuranceLevel::Simplified), T0).await.unwrap();
        assert_ne!(other, id);
        assert_eq!(db.profile(9_999).await.unwrap(), None);
    })
    .await;
}

#[tokio::test]
async fn roles_granted_by_snils_apply_before_and_after_the_first_login() {
    on_both(async |t| {
        let db = &t.db;
        let snils = Snils::parse("456-789-012 38").unwrap();
        let clerk = StaffRole::new(Role::Clerk, Some("minsoc".into())).unwrap();
        let operator = StaffRole::new(Role::Operator, None).unwrap();
        assert!(db.grant_role(&snils, &clerk, "cli", T0).await.unwrap(), "granted before the person exists");
        assert!(!db.grant_role(&snils, &clerk, "cli", T0).await.unwrap(), "granting twice changes nothing");
        let id = db.upsert_person("sub-k", &profile("Кузнецова", Some("456-789-012 38"), AssuranceLevel::Confirmed), T0).await.unwrap();
        let principal = db.principal(id).await.unwrap().unwrap();
        assert_eq!(principal.roles, vec![clerk.clone()]);
        assert!(principal.works_in("minsoc"));
        db.grant_role(&snils, &operator, "cli", T0).await.unwrap();
        assert_eq!(db.staff_roles(&snils).await.unwrap(), [clerk.clone(), operator.clone()]);
        assert_eq!(db.revoke_role(&snils, &clerk).await.unwrap(), Revoked::Yes);
        assert_eq!(db.revoke_role(&snils, &clerk).await.unwrap(), Revoked::NotHeld);
        assert_eq!(db.principal(id).await.unwrap().unwrap().roles, [operator]);

        let citizen = db.upsert_person("sub-c", &profile("Без СНИЛС", None, AssuranceLevel::Simplified), T0).await.unwrap();
        assert!(db.principal(citizen).await.unwrap().unwrap().roles.is_empty());
        let declared = db.upsert_person("sub-s", &profile("Кузнецова", Some("456-789-012 38"), AssuranceLevel::Standard), T0).await.unwrap();
        assert!(
            db.principal(declared).await.unwrap().unwrap().roles.is_empty(),
            "an account below the confirmed level that carries the SNILS gets none of its roles"
        );
    })
    .await;
}

#[tokio::test]
async fn sessions_end_when_idle_too_long_at_their_absolute_expiry_or_on_logout() {
    on_both(async |t| {
        let db = &t.db;
        let id = db.upsert_person("sub-1", &profile("Иванова", None, AssuranceLevel::Standard), T0).await.unwrap();
        let secret = db.create_session(id, Some("token"), POLICY, T0).await.unwrap();
        let active = db.active_session(&secret, POLICY, T0 + MINUTE_MS).await.unwrap().unwrap();
        assert_eq!(active.principal.person_id, id);
        assert_eq!(active.name, "Мария Петровна");
        assert!(db.active_session("forged", POLICY, T0).await.unwrap().is_none());

        // Used every 20 minutes, it lives until its absolute expiry.
        let mut now = T0;
        while now + 20 * MINUTE_MS < T0 + POLICY.absolute_ms {
            now += 20 * MINUTE_MS;
            assert!(db.active_session(&secret, POLICY, now).await.unwrap().is_some(), "alive at +{} min", (now - T0) / MINUTE_MS);
        }
        assert!(db.active_session(&secret, POLICY, T0 + POLICY.absolute_ms).await.unwrap().is_none(), "absolute expiry");

        let idle = db.create_session(id, None, POLICY, T0).await.unwrap();
        assert!(db.active_session(&idle, POLICY, T0 + 31 * MINUTE_MS).await.unwrap().is_none(), "idle expiry");

        let a = db.create_session(id, Some("id-token-a"), POLICY, T0).await.unwrap();
        let b = db.create_session(id, None, POLICY, T0).await.unwrap();
        assert_ne!(a, b, "every login gets a new secret");
        assert_eq!(db.session_count(id, POLICY, T0).await.unwrap(), 2);
        assert_eq!(db.end_session(&a).await.unwrap(), Some((id, Some("id-token-a".into()))));
        assert_eq!(db.end_session(&a).await.unwrap(), None);
        assert!(db.active_session(&b, POLICY, T0).await.unwrap().is_some());
        db.create_session(id, None, POLICY, T0).await.unwrap();
        assert_eq!(db.end_all_sessions(id).await.unwrap(), 2);
        assert!(db.active_session(&b, POLICY, T0).await.unwrap().is_none());
    })
    .await;
}

#[tokio::test]
async fn a_login_attempt_is_taken_once_and_old_ones_are_purged() {
    on_both(async |t| {
        let db = &t.db;
        let attempt = LoginAttempt {
            state: "s1".into(),
            browser_hash: "h".into(),
            nonce: "n".into(),
            pkce_verifier: "v".into(),
            return_to: "/me".into(),
            created_at: T0,
        };
        db.save_login_attempt(&attempt).await.unwrap();
        assert_eq!(db.take_login_attempt("s1").await.unwrap(), Some(attempt.clone()));
        assert_eq!(db.take_login_attempt("s1").await.unwrap(), None, "a state is good once");
        db.save_login_attempt(&LoginAttempt { state: "old".into(), ..attempt }).await.unwrap();
        assert_eq!(db.purge_expired_sessions(POLICY, T0 + HOUR_MS).await.unwrap(), 1);
        assert_eq!(db.take_login_attempt("old").await.unwrap(), None);
    })
    .await;
}

#[tokio::test]
async fn audit_records_are_kept_newest_first() {
    on_both(async |t| {
        let db = &t.db;
        db.audit(&AuditEntry::new(None, "login_failed").with(serde_json::json!({"reason": "bad_state"})), T0).await.unwrap();
        let id = db.upsert_person("sub-1", &profile("Иванова", None, AssuranceLevel::Standard), T0).await.unwrap();
        db.audit(&AuditEntry::new(Some(id), "login").in_request(Some("req-1".into())), T0 + 1).await.unwrap();
        let all = db.audit_records(None, 10).await.unwrap();
        assert_eq!(all.iter().map(|r| r.action.as_str()).collect::<Vec<_>>(), ["login", "login_failed"]);
        assert_eq!(all[0].actor_id, Some(id));
        assert_eq!(all[0].request_id.as_deref(), Some("req-1"));
        let failed = db.audit_records(Some("login_failed"), 10).await.unwrap();
        assert_eq!(failed.len(), 1);
        assert!(failed[0].details.contains("bad_state"));
    })
    .await;
}
