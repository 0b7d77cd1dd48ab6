//! Login through a real, standard OpenID provider: panva's OpenID Certified `oidc-provider` on
//! Node.js (tools/oidc-provider), with the federal simulator unmounted. The relying party is
//! standard, not made for our simulator.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use backend::testing::count_rows;

use crate::support::{free_port, hidden_fields, on_both, Browser, LivePortal};

/// The provider as its own process; killed when dropped.
struct RealProvider {
    url: String,
    secret: String,
    child: Child,
}

impl RealProvider {
    fn start(portal_url: &str) -> RealProvider {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tools/oidc-provider");
        assert!(dir.join("node_modules/oidc-provider").is_dir(), "run ./x setup: the OpenID provider for tests is not installed");
        let port = free_port();
        let url = format!("http://127.0.0.1:{port}");
        // A secret with characters that must be form-encoded in HTTP Basic authentication.
        let secret = "real+secret/with=and:".to_owned();
        let mut child = Command::new("node")
            .arg("provider.mjs")
            .current_dir(&dir)
            .env("PORT", port.to_string())
            .env("ISSUER", &url)
            .env("CLIENT_ID", "portal")
            .env("CLIENT_SECRET", &secret)
            .env("REDIRECT_URI", format!("{portal_url}/auth/callback"))
            .env("POST_LOGOUT_REDIRECT_URI", format!("{portal_url}/"))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("node runs");
        let mut line = String::new();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        while !line.contains("listening") {
            line.clear();
            assert!(out.read_line(&mut line).unwrap() > 0, "the OpenID provider did not start");
        }
        RealProvider { url, secret, child }
    }
}

impl Drop for RealProvider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `location` against `base` when it is a path.
fn absolute(base: &str, location: &str) -> String {
    if location.starts_with('/') {
        format!("{base}{location}")
    } else {
        location.to_owned()
    }
}

#[tokio::test]
async fn a_standard_openid_provider_logs_people_in_with_the_simulator_unmounted() {
    on_both(async |t| {
        let port = free_port();
        let provider = RealProvider::start(&format!("http://127.0.0.1:{port}"));
        let p = LivePortal::start(t, port, &provider.url, &provider.secret, |_| {}).await;
        let mut b = Browser::new();
        assert_eq!(b.get(&format!("{}/federal/.well-known/openid-configuration", p.url)).await.status, 404, "no simulator");
        let home = b.get(&format!("{}/", p.url)).await;
        assert!(!home.body.contains("demo-banner"), "and no demo banner");

        // The portal sends the browser to the provider, which asks who logs in (a plain form).
        let authorize = b.start_login(&p.url, "/me").await;
        assert!(authorize.starts_with(&format!("{}/auth?", provider.url)), "{authorize}");
        let interaction = b.get(&authorize).await;
        assert_eq!(interaction.status, 303);
        let form = b.get(&absolute(&provider.url, interaction.location.as_deref().unwrap())).await;
        assert_eq!(form.status, 200, "{}", form.body);
        let action = form.body.split("action=\"").nth(1).and_then(|r| r.split('"').next()).unwrap().to_owned();
        assert!(hidden_fields(&form.body).is_empty());
        let resumed = b.post(&absolute(&provider.url, &action), &[("login", "real-ivanova"), ("password", "any")]).await;
        assert_eq!(resumed.status, 303, "{}", resumed.body);
        let back = b.get(&absolute(&provider.url, resumed.location.as_deref().unwrap())).await;
        let callback = back.location.clone().unwrap();
        assert!(callback.starts_with(&format!("{}/auth/callback?code=", p.url)), "{callback}");

        // The portal checks the answer like any provider's and logs the person in.
        let done = b.get(&callback).await;
        assert_eq!((done.status, done.location.as_deref()), (303, Some("/me")), "{}", done.body);
        let me = b.get(&format!("{}/me", p.url)).await;
        assert_eq!(me.status, 200);
        assert_eq!(me.cache_control.as_deref(), Some("no-store"), "a page naming its person is kept by no cache");
        for shown in ["Иванова Мария Петровна", "123-456-789 64", "ivanova@example.ru", "Подтверждённая"] {
            assert!(me.body.contains(shown), "{shown} on the account page");
        }
        assert_eq!(count_rows(&p.state.portal.db, "persons").await, 1);
        let logins = p.state.portal.db.audit_records(Some("login"), 5).await.unwrap();
        assert_eq!(logins.len(), 1);

        // Logging out ends both sessions: the portal's, then the provider's.
        let out = b.post(&format!("{}/auth/logout", p.url), &[]).await;
        let end_session = out.location.clone().unwrap();
        assert!(end_session.starts_with(&format!("{}/session/end?", provider.url)), "{end_session}");
        assert_eq!(count_rows(&p.state.portal.db, "sessions").await, 0);
        assert_eq!(b.get(&format!("{}/me", p.url)).await.status, 401);
    })
    .await;
}
