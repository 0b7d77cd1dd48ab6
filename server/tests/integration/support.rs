//! What the journey tests stand on: the federal simulator as its own process, the portal serving
//! on a real port, and a small cookie-keeping HTTP "browser" that follows nothing by itself, so
//! every redirect of a login can be checked.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use backend::testing::TestDb;
use backend::FileStore;
use portal::config::Config;
use portal::serve::router;
use portal::state::{app_state, AppState};

/// A free port on loopback (bound and released; good enough for tests).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

pub use backend::testing::on_both;

/// `target/debug/federal-sim`, built first when missing (e.g. `cargo test -p portal` alone).
fn federal_sim_binary() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().and_then(Path::parent).unwrap().to_owned();
    let bin = dir.join("federal-sim");
    if !bin.exists() {
        let status = Command::new(env!("CARGO")).args(["build", "-p", "federal-sim"]).status().unwrap();
        assert!(status.success(), "could not build federal-sim");
    }
    bin
}

/// The federal simulator running as its own process; killed when dropped.
pub struct FederalSim {
    /// Its issuer address.
    pub url: String,
    /// The client secret the portal uses.
    pub secret: String,
    child: Child,
    _dir: tempfile::TempDir,
}

/// Test persons: a citizen with a confirmed account, one with a standard account, and two
/// clerks, a head and an operator (roles are granted by the tests; they take effect only for
/// confirmed accounts).
const PERSONS: &str = r#"
[[persons]]
sub = "ivanova"
snils = "123-456-789 64"
family_name = "Иванова"
given_name = "Мария"
middle_name = "Петровна"
birthdate = "1988-04-12"
email = "ivanova@example.ru"
phone = "+7 900 111-22-33"
assurance = "confirmed"

[[persons]]
sub = "petrov"
snils = "234-567-890 99"
family_name = "Петров"
given_name = "Сергей"
assurance = "standard"

[[persons]]
sub = "clerk"
snils = "456-789-012 38"
family_name = "Кузнецова"
given_name = "Ольга"
assurance = "confirmed"

[[persons]]
sub = "clerk-y"
snils = "345-678-901 23"
family_name = "Морозова"
given_name = "Анна"
assurance = "confirmed"

[[persons]]
sub = "head"
snils = "567-890-123 43"
family_name = "Волков"
given_name = "Дмитрий"
assurance = "confirmed"

[[persons]]
sub = "operator"
snils = "678-901-234 38"
family_name = "Соколова"
given_name = "Елена"
assurance = "confirmed"
"#;

/// Citizens `citizen-1` to `citizen-16` with confirmed accounts, for rushes of many people.
fn rush() -> String {
    (1..=16)
        .map(|n| format!("\n[[persons]]\nsub = \"citizen-{n}\"\nfamily_name = \"Жителева\"\ngiven_name = \"Анна {n}\"\nassurance = \"confirmed\"\n"))
        .collect()
}

impl FederalSim {
    /// Starts a simulator that knows the portal at `portal_url`.
    pub fn start(portal_url: &str) -> FederalSim {
        let port = free_port();
        let url = format!("http://127.0.0.1:{port}");
        let secret = "test-secret-with-+/=-and-:".to_owned();
        let dir = tempfile::tempdir().unwrap();
        let config = format!(
            "issuer = \"{url}\"\nlisten = \"127.0.0.1:{port}\"\ncontrol = true\n\n\
             [[clients]]\nclient_id = \"portal\"\nclient_secret = \"{secret}\"\n\
             redirect_uris = [\"{portal_url}/auth/callback\"]\npost_logout_redirect_uris = [\"{portal_url}/\"]\n\n\
             [[regions]]\ncode = \"demo\"\nname = \"Приозёрский край\"\njwks_url = \"{portal_url}/.well-known/jwks.json\"\n\
             services = [{{ code = \"kindergarten-enrolment\", title = \"Запись в детский сад\" }}]\n{PERSONS}{}",
            rush()
        );
        let path = dir.path().join("sim.toml");
        std::fs::write(&path, config).unwrap();
        let mut child = Command::new(federal_sim_binary()).arg("--config").arg(&path).env("FEDERAL_SIM_LOG", "warn").stdout(Stdio::piped()).spawn().unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        assert!(line.contains("listening"), "federal-sim did not start: {line:?}");
        FederalSim { url, secret, child, _dir: dir }
    }

    /// Sets the simulator's faults (`/sim/control/faults`).
    pub async fn set_faults(&self, faults: serde_json::Value) {
        let r = reqwest::Client::new().put(format!("{}/sim/control/faults", self.url)).json(&faults).send().await.unwrap();
        assert!(r.status().is_success());
    }

    /// The simulator's federation counters and records (`/sim/control/federation`).
    pub async fn federation(&self) -> serde_json::Value {
        reqwest::Client::new().get(format!("{}/sim/control/federation", self.url)).send().await.unwrap().json().await.unwrap()
    }

    /// Makes a new signing key current.
    pub async fn rotate_keys(&self) {
        let r = reqwest::Client::new().post(format!("{}/sim/control/rotate-keys", self.url)).send().await.unwrap();
        assert!(r.status().is_success());
    }

    /// Stops the simulator now.
    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for FederalSim {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The portal serving on a real port over `db`, with the demo region, logging in through `issuer`.
pub struct LivePortal {
    /// Its address.
    pub url: String,
    /// Its state, for reaching into the database.
    pub state: AppState,
    server: tokio::task::JoinHandle<()>,
    _files: tempfile::TempDir,
}

impl LivePortal {
    /// Imports the demo region into `t` and serves on `port` with `issuer` and `secret`.
    pub async fn start(t: &TestDb, port: u16, issuer: &str, secret: &str, edit: impl FnOnce(&mut Config)) -> LivePortal {
        // `TEST_LOG=debug` shows the portal's log with a failing test's output.
        let _ = tracing_subscriber::fmt().with_env_filter(tracing_subscriber::EnvFilter::from_env("TEST_LOG")).with_test_writer().try_init();
        let files_dir = tempfile::tempdir().unwrap();
        let files = FileStore::local(files_dir.path()).unwrap();
        backend::region_pack::import(&t.db, &files, &backend::testing::demo_pack()).await.unwrap();
        let url = format!("http://127.0.0.1:{port}");
        let mut config = Config { listen: ([127, 0, 0, 1], port).into(), public_url: Some(url.clone()), ..Config::default() };
        config.oidc.issuer_url = Some(issuer.to_owned());
        config.oidc.client_id = "portal".into();
        config.oidc.client_secret = Some(secret.to_owned());
        config.rate_limit.requests_per_second = 0;
        edit(&mut config);
        let state = app_state(config, t.db.clone(), files).unwrap();
        let app = router(state.clone()).into_make_service_with_connect_info::<std::net::SocketAddr>();
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await.unwrap();
        let server = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        LivePortal { url, state, server, _files: files_dir }
    }
}

impl Drop for LivePortal {
    fn drop(&mut self) {
        self.server.abort();
    }
}

/// `portal serve` (or `portal worker`) as its own process over test database `t`, logging in and
/// federated through `sim`, with `env` added to its environment; killed when dropped.
pub struct PortalProcess {
    child: Child,
}

/// `portal {subcommand}` over test database `t`, on `port`, logging in and federated through
/// `sim`, with its data in `data_dir` and `env` added to its environment.
pub fn portal_command(subcommand: &str, t: &TestDb, port: u16, sim: &FederalSim, data_dir: &Path, env: &[(&str, &str)]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_portal"));
    command
        .arg(subcommand)
        .env("PORTAL_LISTEN", format!("127.0.0.1:{port}"))
        .env("PORTAL_DATABASE_URL", &t.url)
        .env("PORTAL_DATA_DIR", data_dir)
        .env("PORTAL_REGION", backend::testing::demo_pack())
        .env("PORTAL_LOG_LEVEL", "warn")
        .env("PORTAL_OIDC__ISSUER_URL", &sim.url)
        .env("PORTAL_OIDC__CLIENT_ID", "portal")
        .env("PORTAL_OIDC__CLIENT_SECRET", &sim.secret)
        .env("PORTAL_FEDERATION__URL", &sim.url)
        .env("PORTAL_FEDERATION__LEASE_SECONDS", "2")
        .env("PORTAL_FEDERATION__BACKOFF_BASE_MS", "20")
        .env("PORTAL_FEDERATION__BACKOFF_MAX_MS", "500")
        .envs(env.iter().copied());
    command
}

impl PortalProcess {
    /// Starts it on `port` with its data in `data_dir`, and waits until it is ready.
    pub async fn start(t: &TestDb, port: u16, sim: &FederalSim, data_dir: &Path, env: &[(&str, &str)]) -> PortalProcess {
        let child = portal_command("serve", t, port, sim, data_dir, env).stdout(Stdio::null()).spawn().unwrap();
        let ready = format!("http://127.0.0.1:{port}/readyz");
        let start = std::time::Instant::now();
        while !reqwest::get(&ready).await.is_ok_and(|r| r.status().is_success()) {
            assert!(start.elapsed() < std::time::Duration::from_secs(30), "the portal did not start");
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        PortalProcess { child }
    }

    /// `portal worker` beside a portal on `port`, with its data in `data_dir`.
    pub fn worker(t: &TestDb, port: u16, sim: &FederalSim, data_dir: &Path, env: &[(&str, &str)]) -> PortalProcess {
        PortalProcess { child: portal_command("worker", t, port, sim, data_dir, env).stdout(Stdio::null()).spawn().unwrap() }
    }

    /// SIGKILL: no shutdown, leases left held, answers never recorded.
    pub fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }

    /// Its resident memory now, in KB (`VmRSS` of /proc).
    pub fn resident_kb(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
        line.split_whitespace().nth(1).unwrap().parse().unwrap()
    }
}

impl Drop for PortalProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A browser logged in as `sub` after `role` (of `department`, if any) was granted to `snils`.
pub async fn staff(p: &LivePortal, sub: &str, snils: &str, role: domain::identity::Role, department: Option<&str>) -> Browser {
    let role = domain::identity::StaffRole::new(role, department.map(str::to_owned)).unwrap();
    p.state.portal.db.grant_role(&domain::identity::Snils::parse(snils).unwrap(), &role, "test", 0).await.unwrap();
    let mut b = Browser::new();
    b.login(&p.url, sub).await;
    b
}

/// The five people most access tests ask with: nobody logged in, the citizen Ivanova, a clerk
/// of `minsoc`, the head of `minobr` and the region's operator.
pub async fn everyone(p: &LivePortal) -> [Browser; 5] {
    use domain::identity::Role;
    let mut citizen = Browser::new();
    citizen.login(&p.url, "ivanova").await;
    let clerk = staff(p, "clerk", "456-789-012 38", Role::Clerk, Some("minsoc")).await;
    let head = staff(p, "head", "567-890-123 43", Role::Head, Some("minobr")).await;
    let operator = staff(p, "operator", "678-901-234 38", Role::Operator, None).await;
    [Browser::new(), citizen, clerk, head, operator]
}

/// A simulator and a portal that know each other, on one test database.
pub async fn portal_with_sim(t: &TestDb) -> (LivePortal, FederalSim) {
    let port = free_port();
    let sim = FederalSim::start(&format!("http://127.0.0.1:{port}"));
    let portal = LivePortal::start(t, port, &sim.url, &sim.secret, |_| {}).await;
    (portal, sim)
}

/// One HTTP answer, read whole.
#[derive(Debug)]
pub struct Answer {
    /// Status code.
    pub status: u16,
    /// `Location`, for redirects.
    pub location: Option<String>,
    /// Every `Set-Cookie` line.
    pub set_cookies: Vec<String>,
    /// `Cache-Control`, if any.
    pub cache_control: Option<String>,
    /// `X-Page-Cache` (`hit` or `miss`) on the catalog pages the page cache handles.
    pub page_cache: Option<String>,
    /// The body as text.
    pub body: String,
}

/// A browser without JavaScript that keeps cookies (by name; these tests use one host) and
/// follows redirects only when asked.
#[derive(Default)]
pub struct Browser {
    http: reqwest::Client,
    /// Cookies by name.
    pub cookies: HashMap<String, String>,
}

impl Browser {
    /// A browser with no cookies.
    pub fn new() -> Browser {
        Browser { http: reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap(), cookies: HashMap::new() }
    }

    fn cookie_header(&self) -> String {
        self.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ")
    }

    async fn read(&mut self, response: reqwest::Response) -> Answer {
        let status = response.status().as_u16();
        let location = response.headers().get("location").map(|v| v.to_str().unwrap().to_owned());
        let cache_control = response.headers().get("cache-control").map(|v| v.to_str().unwrap().to_owned());
        let page_cache = response.headers().get("x-page-cache").map(|v| v.to_str().unwrap().to_owned());
        let set_cookies: Vec<String> = response.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_owned()).collect();
        for line in &set_cookies {
            let pair = line.split(';').next().unwrap();
            let (name, value) = pair.split_once('=').unwrap();
            if value.is_empty() || line.contains("Max-Age=0") {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.to_owned(), value.to_owned());
            }
        }
        Answer { status, location, set_cookies, cache_control, page_cache, body: response.text().await.unwrap() }
    }

    /// `GET url`.
    pub async fn get(&mut self, url: &str) -> Answer {
        let response = self.http.get(url).header("cookie", self.cookie_header()).send().await.unwrap();
        self.read(response).await
    }

    /// `POST url` with a form, as a same-origin page would send it.
    pub async fn post(&mut self, url: &str, form: &[(&str, &str)]) -> Answer {
        let response = self.http.post(url).header("cookie", self.cookie_header()).header("sec-fetch-site", "same-origin").form(form).send().await.unwrap();
        self.read(response).await
    }

    /// `POST url` as `multipart/form-data` with text `fields` and `files` (field, name, bytes).
    pub async fn post_multipart(&mut self, url: &str, fields: &[(&str, &str)], files: &[(&str, &str, Vec<u8>)]) -> Answer {
        let mut form = reqwest::multipart::Form::new();
        for (k, v) in fields {
            form = form.text(k.to_string(), v.to_string());
        }
        for (field, name, bytes) in files {
            form = form.part(field.to_string(), reqwest::multipart::Part::bytes(bytes.clone()).file_name(name.to_string()));
        }
        let response = self.http.post(url).header("cookie", self.cookie_header()).header("sec-fetch-site", "same-origin").multipart(form).send().await.unwrap();
        self.read(response).await
    }

    /// `POST url` as `multipart/form-data` with text `fields`, the body built whole first (for
    /// posts of very many parts). `None` when the server answered and hung up before taking the
    /// whole body (as it should when it refuses a body unread).
    pub async fn post_many(&mut self, url: &str, fields: &[(String, String)]) -> Option<Answer> {
        let boundary = "manypartsboundary";
        let mut body = String::new();
        for (k, v) in fields {
            body.push_str(&format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n"));
        }
        body.push_str(&format!("--{boundary}--\r\n"));
        let response = self
            .http
            .post(url)
            .header("cookie", self.cookie_header())
            .header("sec-fetch-site", "same-origin")
            .header("content-type", format!("multipart/form-data; boundary={boundary}"))
            .body(body)
            .send()
            .await;
        match response {
            Ok(response) => Some(self.read(response).await),
            Err(e) if e.is_request() || e.is_body() => None,
            Err(e) => panic!("{e}"),
        }
    }

    /// `POST url` with a JSON body, as the page's own scripts call server functions.
    pub async fn post_json(&mut self, url: &str, body: &serde_json::Value) -> Answer {
        let response = self
            .http
            .post(url)
            .header("cookie", self.cookie_header())
            .header("sec-fetch-site", "same-origin")
            .header("accept", "application/json")
            .json(body)
            .send()
            .await
            .unwrap();
        self.read(response).await
    }

    /// `GET url` returning the raw bytes and status.
    pub async fn get_bytes(&mut self, url: &str) -> (u16, Vec<u8>, Option<String>) {
        let response = self.http.get(url).header("cookie", self.cookie_header()).send().await.unwrap();
        let status = response.status().as_u16();
        let disposition = response.headers().get("content-disposition").map(|v| v.to_str().unwrap().to_owned());
        (status, response.bytes().await.unwrap().to_vec(), disposition)
    }

    /// Follows redirects from `answer` (relative ones against `base`) until a page.
    pub async fn follow(&mut self, base: &str, mut answer: Answer) -> Answer {
        for _ in 0..10 {
            let Some(location) = answer.location.clone().filter(|_| (300..400).contains(&answer.status)) else { return answer };
            let url = if location.starts_with('/') { format!("{base}{location}") } else { location };
            answer = self.get(&url).await;
        }
        panic!("too many redirects");
    }

    /// Logs in at `portal` as the simulator's test person `sub`, stopping at the portal's
    /// callback answer (a redirect to where the login was going, or to the error page).
    pub async fn login_until_callback(&mut self, portal: &str, sub: &str) -> Answer {
        let authorize = self.start_login(portal, "/me").await;
        let page = self.get(&authorize).await;
        assert_eq!(page.status, 200, "{}", page.body);
        let back = self.choose_person(&page, sub).await;
        self.get(&back).await
    }

    /// `/auth/login?next=…`; returns the provider's authorization address.
    pub async fn start_login(&mut self, portal: &str, next: &str) -> String {
        let start = self.get(&format!("{portal}/auth/login?next={next}")).await;
        assert_eq!(start.status, 303, "{}", start.body);
        start.location.unwrap()
    }

    /// Submits the provider's login page as `sub`; returns the address it sends the browser to.
    pub async fn choose_person(&mut self, login_page: &Answer, sub: &str) -> String {
        let mut form = hidden_fields(&login_page.body);
        form.push(("person".into(), sub.into()));
        let action = form_action(&login_page.body);
        let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let chosen = self.post(&action, &pairs).await;
        assert_eq!(chosen.status, 303, "{}", chosen.body);
        chosen.location.unwrap()
    }

    /// Logs in as `sub` and checks it worked.
    pub async fn login(&mut self, portal: &str, sub: &str) {
        let done = self.login_until_callback(portal, sub).await;
        assert_eq!(done.status, 303, "{}", done.body);
        assert_eq!(done.location.as_deref(), Some("/me"), "{done:?}");
    }
}

fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

/// The hidden fields of the first form of a page (the simulator's person picker, whose
/// `action` is `login`).
pub fn hidden_fields(html: &str) -> Vec<(String, String)> {
    let form = html.split("</form>").next().unwrap_or("");
    form.split("<input type=\"hidden\" ")
        .skip(1)
        .filter_map(|rest| {
            let name = rest.strip_prefix("name=\"")?.split('"').next()?;
            let value = rest.split("value=\"").nth(1)?.split('"').next()?;
            Some((name.to_owned(), unescape(value)))
        })
        .collect()
}

fn form_action(html: &str) -> String {
    unescape(html.split("<form method=\"post\" action=\"").nth(1).and_then(|r| r.split('"').next()).unwrap())
}
