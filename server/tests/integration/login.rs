//! Federated login over real HTTP, with the federal simulator as its own process, on SQLite and
//! PostgreSQL: the journey, the sessions, every attack the issue names, and role checks.

use backend::testing::count_rows;
use serde_json::json;

use crate::support::{everyone, free_port, on_both, portal_with_sim, Browser, FederalSim, LivePortal};

/// Nothing of a login was kept: no person, no session.
async fn nothing_stored(p: &LivePortal) {
    let db = &p.state.portal.db;
    assert_eq!(count_rows(db, "persons").await, 0, "no person stored");
    assert_eq!(count_rows(db, "sessions").await, 0, "no session stored");
}

/// The newest refused login in the audit trail, as `(reason, detail)`.
async fn last_refusal(p: &LivePortal) -> (String, String) {
    let records = p.state.portal.db.audit_records(Some("login_failed"), 1).await.unwrap();
    let details: serde_json::Value = serde_json::from_str(&records.first().expect("a login_failed record").details).unwrap();
    (details["reason"].as_str().unwrap().to_owned(), details["detail"].as_str().unwrap().to_owned())
}

#[tokio::test]
async fn a_citizen_logs_in_sees_their_profile_and_logs_out_of_both_portals() {
    on_both(async |t| {
        let (p, sim) = portal_with_sim(t).await;
        let mut b = Browser::new();
        let authorize = b.start_login(&p.url, "/me").await;
        assert!(authorize.starts_with(&format!("{}/authorize?", sim.url)), "{authorize}");
        for part in ["response_type=code", "code_challenge_method=S256", "code_challenge=", "state=", "nonce=", "scope=openid"] {
            assert!(authorize.contains(part), "{part} in {authorize}");
        }
        let login_cookie = b.cookies.get("login").cloned().expect("the login is tied to this browser");
        assert!(!login_cookie.is_empty());

        let page = b.get(&authorize).await;
        assert!(page.body.contains("Иванова Мария Петровна"), "{}", page.body);
        let back = b.choose_person(&page, "ivanova").await;
        assert!(back.starts_with(&format!("{}/auth/callback?code=", p.url)), "{back}");
        let done = b.get(&back).await;
        assert_eq!((done.status, done.location.as_deref()), (303, Some("/me")));
        let session_line = done.set_cookies.iter().find(|c| c.starts_with("session=")).expect("a session cookie");
        for attribute in ["HttpOnly", "SameSite=Lax", "Path=/"] {
            assert!(session_line.contains(attribute), "{attribute} in {session_line}");
        }
        assert!(!session_line.contains("Secure"), "plain HTTP here");
        assert!(!b.cookies.contains_key("login"), "the login cookie is gone");

        let me = b.get(&format!("{}/me", p.url)).await;
        assert_eq!(me.status, 200, "{}", me.body);
        for shown in ["Иванова Мария Петровна", "123-456-789 64", "12.04.1988", "ivanova@example.ru", "Подтверждённая", "Выйти"]
        {
            assert!(me.body.contains(shown), "{shown} on /me");
        }
        let audit = p.state.portal.db.audit_records(Some("login"), 5).await.unwrap();
        assert_eq!(audit.len(), 1);

        let out = b.post(&format!("{}/auth/logout", p.url), &[]).await;
        assert_eq!(out.status, 303);
        let end_session = out.location.unwrap();
        assert!(end_session.starts_with(&format!("{}/logout?id_token_hint=", sim.url)), "{end_session}");
        assert!(end_session.contains("post_logout_redirect_uri="));
        assert!(!b.cookies.contains_key("session"));
        let home = b.get(&end_session).await;
        assert_eq!(home.location.as_deref(), Some(format!("{}/", p.url).as_str()), "the provider sends the browser home");
        let me = b.get(&format!("{}/me", p.url)).await;
        assert_eq!(me.status, 401, "logged out");
        assert!(me.body.contains("Войти через Госуслуги"));
        assert_eq!(count_rows(&p.state.portal.db, "sessions").await, 0);
    })
    .await;
}

#[tokio::test]
async fn each_login_gets_a_new_session_and_a_planted_cookie_is_worthless() {
    on_both(async |t| {
        let (p, _sim) = portal_with_sim(t).await;
        let mut b = Browser::new();
        b.cookies.insert("session".into(), "planted-by-an-attacker".into());
        let me = b.get(&format!("{}/me", p.url)).await;
        assert_eq!(me.status, 401);
        assert!(me.set_cookies.iter().any(|c| c.starts_with("session=;") || c.contains("Max-Age=0")), "an unknown session cookie is deleted");
        b.login(&p.url, "ivanova").await;
        let first = b.cookies["session"].clone();
        assert_ne!(first, "planted-by-an-attacker");
        b.login(&p.url, "ivanova").await;
        assert_ne!(b.cookies["session"], first, "a new session id on every login");
        assert_eq!(count_rows(&p.state.portal.db, "persons").await, 1, "the same person, updated");
    })
    .await;
}

#[tokio::test]
async fn a_tampered_or_foreign_id_token_is_refused_and_nothing_is_stored() {
    on_both(async |t| {
        let (p, sim) = portal_with_sim(t).await;
        for (fault, detail) in [
            ("tampered_signature", "Signature verification failed"),
            ("unknown_key", "No matching key found"),
            ("wrong_issuer", "Invalid issuer"),
            ("wrong_audience", "Invalid audiences"),
            ("expired", "Expired"),
            ("wrong_nonce", "Invalid nonce"),
            ("alg_none", "No signature found"),
            ("hs256_client_secret", "algorithm `HS256` is not one of"),
        ] {
            sim.set_faults(json!({ "id_token": fault })).await;
            let mut b = Browser::new();
            let done = b.login_until_callback(&p.url, "ivanova").await;
            assert_eq!(done.location.as_deref(), Some("/login/error?reason=bad_token"), "{fault}");
            assert!(!b.cookies.contains_key("session"), "{fault}");
            nothing_stored(&p).await;
            let (reason, logged) = last_refusal(&p).await;
            assert_eq!(reason, "bad_token", "{fault}");
            assert!(logged.contains(detail), "{fault}: {logged}");
            let page = b.follow(&p.url, done).await;
            assert_eq!(page.status, 400);
            assert!(page.body.contains("Не удалось подтвердить подлинность ответа федерального портала"), "{fault}");
            assert!(page.body.contains("href=\"/auth/login\""), "a way to try again");
        }
        // A provider whose discovery offers HS256 from the start: still refused.
        let port = free_port();
        let careless = FederalSim::start(&format!("http://127.0.0.1:{port}"));
        careless.set_faults(json!({ "id_token": "hs256_client_secret" })).await;
        let fresh = LivePortal::start(t, port, &careless.url, &careless.secret, |_| {}).await;
        let done = Browser::new().login_until_callback(&fresh.url, "ivanova").await;
        assert_eq!(done.location.as_deref(), Some("/login/error?reason=bad_token"));
        assert!(last_refusal(&fresh).await.1.contains("algorithm `HS256` is not one of"));
        nothing_stored(&fresh).await;

        sim.set_faults(json!({})).await;
        Browser::new().login(&p.url, "ivanova").await;
    })
    .await;
}

#[tokio::test]
async fn a_token_endpoint_that_is_down_or_userinfo_for_another_person_stores_nothing() {
    on_both(async |t| {
        let (p, sim) = portal_with_sim(t).await;
        sim.set_faults(json!({ "token_outage": true })).await;
        let mut b = Browser::new();
        let done = b.login_until_callback(&p.url, "ivanova").await;
        assert_eq!(done.location.as_deref(), Some("/login/error?reason=unavailable"));
        let page = b.follow(&p.url, done).await;
        assert_eq!(page.status, 503);
        assert!(page.body.contains("Федеральный портал сейчас недоступен"));
        nothing_stored(&p).await;

        sim.set_faults(json!({ "userinfo_other_subject": true })).await;
        let mut b = Browser::new();
        let done = b.login_until_callback(&p.url, "ivanova").await;
        assert_eq!(done.location.as_deref(), Some("/login/error?reason=bad_token"));
        let (reason, logged) = last_refusal(&p).await;
        assert_eq!(reason, "bad_token");
        assert!(logged.contains("userinfo"), "{logged}");
        assert!(!b.cookies.contains_key("session"));
        nothing_stored(&p).await;
    })
    .await;
}

#[tokio::test]
async fn a_replayed_foreign_or_missing_state_is_refused() {
    on_both(async |t| {
        let (p, _sim) = portal_with_sim(t).await;
        // Replay: the same answer twice.
        let mut b = Browser::new();
        let authorize = b.start_login(&p.url, "/me").await;
        let page = b.get(&authorize).await;
        let back = b.choose_person(&page, "ivanova").await;
        assert_eq!(b.get(&back).await.location.as_deref(), Some("/me"));
        let replay = b.get(&back).await;
        assert_eq!(replay.location.as_deref(), Some("/login/error?reason=bad_state"));
        assert_eq!(last_refusal(&p).await.1, "state refused: unknown or already used state");

        // Another browser brings back an answer to a login it did not start.
        let mut victim = Browser::new();
        let authorize = victim.start_login(&p.url, "/me").await;
        let page = victim.get(&authorize).await;
        let back = victim.choose_person(&page, "petrov").await;
        let mut attacker = Browser::new();
        let stolen = attacker.get(&back).await;
        assert_eq!(stolen.location.as_deref(), Some("/login/error?reason=bad_state"));
        assert_eq!(last_refusal(&p).await.1, "state refused: the login was started in another browser");
        let too_late = victim.get(&back).await;
        assert_eq!(too_late.location.as_deref(), Some("/login/error?reason=bad_state"), "the state was spent by the failed try");

        // Made-up and missing states.
        let mut b = Browser::new();
        b.start_login(&p.url, "/me").await;
        for query in ["code=x&state=made-up", "code=x", "", "state=%ZZ&code"] {
            let a = b.get(&format!("{}/auth/callback?{query}", p.url)).await;
            assert_eq!(a.location.as_deref(), Some("/login/error?reason=bad_state"), "{query}");
        }
        assert_eq!(count_rows(&p.state.portal.db, "sessions").await, 1, "only the first, honest login");
    })
    .await;
}

#[tokio::test]
async fn a_code_used_twice_is_refused_by_the_provider() {
    on_both(async |t| {
        let (p, _sim) = portal_with_sim(t).await;
        let mut b = Browser::new();
        let authorize = b.start_login(&p.url, "/me").await;
        let page = b.get(&authorize).await;
        let back = b.choose_person(&page, "ivanova").await;
        assert_eq!(b.get(&back).await.location.as_deref(), Some("/me"));
        let code = back.split("code=").nth(1).unwrap().split('&').next().unwrap().to_owned();

        let mut again = Browser::new();
        let authorize = again.start_login(&p.url, "/me").await;
        let state = authorize.split("state=").nth(1).unwrap().split('&').next().unwrap().to_owned();
        let reuse = again.get(&format!("{}/auth/callback?code={code}&state={state}", p.url)).await;
        assert_eq!(reuse.location.as_deref(), Some("/login/error?reason=bad_token"));
        let (_, detail) = last_refusal(&p).await;
        assert!(detail.contains("invalid_grant"), "{detail}");
        assert_eq!(count_rows(&p.state.portal.db, "sessions").await, 1);
    })
    .await;
}

#[tokio::test]
async fn cancelling_at_the_provider_is_explained_and_stores_nothing() {
    on_both(async |t| {
        let (p, _sim) = portal_with_sim(t).await;
        let mut b = Browser::new();
        let authorize = b.start_login(&p.url, "/me").await;
        let page = b.get(&authorize).await;
        let mut form = crate::support::hidden_fields(&page.body);
        form.retain(|(k, _)| k != "action");
        form.push(("action".into(), "cancel".into()));
        let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let back = b.post(&format!("{}/authorize", authorize.split("/authorize").next().unwrap()), &pairs).await;
        let done = b.get(&back.location.unwrap()).await;
        assert_eq!(done.location.as_deref(), Some("/login/error?reason=cancelled"));
        let page = b.follow(&p.url, done).await;
        assert!(page.body.contains("Вы отказались от входа"), "{}", page.body);
        nothing_stored(&p).await;
    })
    .await;
}

#[tokio::test]
async fn a_provider_that_is_down_gets_a_clear_page_and_nothing_is_stored() {
    on_both(async |t| {
        // Down before the login starts: nobody listens at the issuer.
        let port = free_port();
        let dead = format!("http://127.0.0.1:{}", free_port());
        let p = LivePortal::start(t, port, &dead, "secret", |_| {}).await;
        let mut b = Browser::new();
        let start = b.get(&format!("{}/auth/login?next=/me", p.url)).await;
        assert_eq!(start.location.as_deref(), Some("/login/error?reason=unavailable"));
        let page = b.follow(&p.url, start).await;
        assert_eq!(page.status, 503);
        assert!(page.body.contains("Федеральный портал сейчас недоступен"));
        assert_eq!(last_refusal(&p).await.0, "unavailable");
        nothing_stored(&p).await;
        drop(p);

        // Down between the login page and the answer.
        let port = free_port();
        let mut sim = FederalSim::start(&format!("http://127.0.0.1:{port}"));
        let p = LivePortal::start(t, port, &sim.url, &sim.secret, |_| {}).await;
        let mut b = Browser::new();
        let authorize = b.start_login(&p.url, "/me").await;
        let page = b.get(&authorize).await;
        let back = b.choose_person(&page, "ivanova").await;
        sim.stop();
        let done = b.get(&back).await;
        assert_eq!(done.location.as_deref(), Some("/login/error?reason=unavailable"));
        nothing_stored(&p).await;
    })
    .await;
}

#[tokio::test]
async fn rotated_provider_keys_are_fetched_again() {
    on_both(async |t| {
        let (p, sim) = portal_with_sim(t).await;
        Browser::new().login(&p.url, "ivanova").await;
        sim.rotate_keys().await;
        Browser::new().login(&p.url, "petrov").await;
        assert_eq!(count_rows(&p.state.portal.db, "sessions").await, 2);
    })
    .await;
}

#[tokio::test]
async fn logging_out_everywhere_ends_every_session_of_the_person() {
    on_both(async |t| {
        let (p, _sim) = portal_with_sim(t).await;
        let (mut phone, mut laptop, mut other) = (Browser::new(), Browser::new(), Browser::new());
        phone.login(&p.url, "ivanova").await;
        laptop.login(&p.url, "ivanova").await;
        other.login(&p.url, "petrov").await;
        let me = laptop.get(&format!("{}/me", p.url)).await;
        assert!(me.body.contains("Открытых сеансов: 2"), "{}", me.body);
        let out = laptop.post(&format!("{}/auth/logout-everywhere", p.url), &[]).await;
        assert_eq!(out.status, 303);
        assert_eq!(phone.get(&format!("{}/me", p.url)).await.status, 401, "the phone is logged out too");
        assert_eq!(other.get(&format!("{}/me", p.url)).await.status, 200, "other people are not");
        let audit = p.state.portal.db.audit_records(Some("logout_everywhere"), 1).await.unwrap();
        assert!(audit[0].details.contains("\"sessions\":2"), "{:?}", audit[0]);
    })
    .await;
}

#[tokio::test]
async fn over_https_the_session_and_login_cookies_are_secure_and_host_only() {
    on_both(async |t| {
        let port = free_port();
        let sim = FederalSim::start(&format!("http://127.0.0.1:{port}"));
        let p = LivePortal::start(t, port, &sim.url, &sim.secret, |c| c.https = true).await;
        let host_only = |line: &str| {
            let attributes: Vec<&str> = line.split("; ").collect();
            attributes.contains(&"Secure") && attributes.contains(&"HttpOnly") && attributes.contains(&"Path=/") && !line.contains("Domain=")
        };
        let mut b = Browser::new();
        let start = b.get(&format!("{}/auth/login?next=/me", p.url)).await;
        let binding = start.set_cookies.iter().find(|c| c.starts_with("__Host-login=")).expect("a __Host- login cookie");
        assert!(host_only(binding), "{binding}");
        let done = b.login_until_callback(&p.url, "ivanova").await;
        let line = done.set_cookies.iter().find(|c| c.starts_with("__Host-session=")).expect("a __Host- session cookie");
        assert!(host_only(line), "{line}");
    })
    .await;
}

#[tokio::test]
async fn every_staff_page_and_server_function_checks_the_role() {
    on_both(async |t| {
        let (p, _sim) = portal_with_sim(t).await;
        let [mut anonymous, mut citizen, mut clerk, mut head, mut operator] = everyone(&p).await;

        // (page, server function, [anonymous, citizen, clerk, head, operator])
        let table = [
            ("/me", "/api/account/page", [401, 200, 200, 200, 200]),
            ("/notifications", "/api/account/notifications", [401, 200, 200, 200, 200]),
            ("/admin", "/api/admin/home", [401, 403, 403, 403, 200]),
            ("/admin/access-log", "/api/admin/access-log", [401, 403, 403, 403, 200]),
            ("/admin/federation", "/api/admin/federation", [401, 403, 403, 403, 200]),
        ];
        for (page, function, expected) in table {
            for (who, b) in [&mut anonymous, &mut citizen, &mut clerk, &mut head, &mut operator].into_iter().enumerate() {
                let got = b.get(&format!("{}{page}", p.url)).await.status;
                assert_eq!(got, expected[who], "{page} as person #{who}");
                let got = b.post(&format!("{}{function}", p.url), &[]).await.status;
                assert_eq!(got, expected[who], "{function} as person #{who}");
            }
        }
        // The back office's pages and functions have their own test (office.rs).
        let office = clerk.get(&format!("{}/office", p.url)).await;
        assert_eq!(office.status, 200);
        assert!(office.body.contains("Министерство социальной защиты"), "the clerk's department by name");
        let home = operator.get(&format!("{}/", p.url)).await;
        assert!(home.body.contains("href=\"/admin\""), "the operator sees the staff entry point");
        assert!(!home.body.contains("href=\"/office\""));
        let home = citizen.get(&format!("{}/", p.url)).await;
        assert!(!home.body.contains("href=\"/admin\"") && !home.body.contains("href=\"/office\""), "a citizen does not");
        let home = clerk.get(&format!("{}/", p.url)).await;
        assert!(home.body.contains("href=\"/office\"") && !home.body.contains("href=\"/admin\""));
    })
    .await;
}
