//! The demo switch: the built-in federal simulator only when asked, a banner on every page while
//! it logs people in, and the simulator's own account pages closed to anyone not signed in there.

use crate::support::{free_port, on_both, Browser, FederalSim, LivePortal};

#[tokio::test]
async fn in_demo_mode_every_page_says_that_logins_are_simulated() {
    on_both(async |t| {
        let port = free_port();
        let demo = LivePortal::start(t, port, "", "", |c| {
            c.oidc.issuer_url = None;
            c.oidc.client_secret = None;
            c.demo = true;
        })
        .await;
        let mut b = Browser::new();
        for path in ["/", "/services", "/services/kindergarten-enrolment", "/no-such-page"] {
            let page = b.get(&format!("{}{path}", demo.url)).await;
            assert!(page.body.contains("class=\"demo-banner\"") && page.body.contains("Демонстрационный режим"), "{path}: {}", page.body);
        }
        let discovery = b.get(&format!("{}/federal/.well-known/openid-configuration", demo.url)).await;
        assert_eq!(discovery.status, 200, "the simulator is mounted in demo mode");
        drop(demo);

        let sim = FederalSim::start(&format!("http://127.0.0.1:{}", free_port()));
        let real = LivePortal::start(t, free_port(), &sim.url, &sim.secret, |_| {}).await;
        let home = b.get(&format!("{}/", real.url)).await;
        assert!(!home.body.contains("demo-banner"), "no banner with a real provider");
        assert_eq!(b.get(&format!("{}/federal/.well-known/openid-configuration", real.url)).await.status, 404, "and no simulator");
    })
    .await;
}

#[tokio::test]
async fn the_simulators_account_and_filing_pages_need_its_own_login() {
    let sim = FederalSim::start("http://127.0.0.1:9");
    let mut stranger = Browser::new();
    let account = stranger.get(&format!("{}/lk/ivanova", sim.url)).await;
    assert_eq!((account.status, account.location.as_deref()), (303, Some(format!("{}/lk", sim.url).as_str())));
    let filing = stranger.get(&format!("{}/lk/ivanova/file", sim.url)).await;
    assert_eq!(filing.status, 303);
    let filed = stranger.post(&format!("{}/lk/ivanova/file", sim.url), &[("service", "demo|kindergarten-enrolment"), ("request", "injected")]).await;
    assert_eq!(filed.status, 303, "a filing without the person's login is sent to log in");

    let sign_in = stranger.post(&format!("{}/lk/login", sim.url), &[("person", "ivanova")]).await;
    assert_eq!(sign_in.location.as_deref(), Some(format!("{}/lk/ivanova", sim.url).as_str()));
    let own = stranger.get(&format!("{}/lk/ivanova", sim.url)).await;
    assert_eq!(own.status, 200);
    assert!(own.body.contains("Иванова Мария Петровна"));
    assert!(own.body.contains("Заявлений пока нет."), "the refused filing left nothing: {}", own.body);
    assert_eq!(stranger.get(&format!("{}/lk/petrov", sim.url)).await.status, 303, "another person's account stays closed");
    stranger.post(&format!("{}/lk/logout", sim.url), &[]).await;
    assert_eq!(stranger.get(&format!("{}/lk/ivanova", sim.url)).await.status, 303, "signed out");
}
