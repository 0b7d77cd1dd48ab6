//! A real S3-compatible server for tests: moto's server mode (`moto_server`, from PyPI), on
//! loopback, keeping everything in memory. Killed when dropped.

use object_store::aws::AmazonS3Builder;

/// Credentials the test server accepts (it checks none, but S3 clients sign every request).
const KEY_ID: &str = "portal-test";
const SECRET: &str = "portal-test-secret";
const REGION: &str = "us-east-1";

/// A running test S3 server.
pub struct S3Server {
    /// Its address, e.g. `http://127.0.0.1:39001`.
    pub endpoint: String,
    child: std::process::Child,
}

impl S3Server {
    /// Starts one on a free port with an empty bucket `bucket`; panics (saying how to install it)
    /// when `moto_server` is missing.
    pub async fn start(bucket: &str) -> S3Server {
        let port = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port").local_addr().expect("address").port();
        let mut child = std::process::Command::new("moto_server")
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("moto_server runs; install it with `python3 -m pip install 'moto[server]'` (scripts/setup.sh does)");
        let endpoint = format!("http://127.0.0.1:{port}");
        let client = reqwest::Client::new();
        let start = std::time::Instant::now();
        // Creating the bucket is also the readiness check.
        while !client.put(format!("{endpoint}/{bucket}")).send().await.is_ok_and(|r| r.status().is_success()) {
            if let Ok(Some(status)) = child.try_wait() {
                panic!("moto_server exited ({status})");
            }
            assert!(start.elapsed() < std::time::Duration::from_secs(30), "moto_server did not start");
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        S3Server { endpoint, child }
    }

    /// A client of this server, as `AmazonS3Builder::from_env` makes one from [`S3Server::env`].
    pub fn builder(&self) -> AmazonS3Builder {
        AmazonS3Builder::new().with_endpoint(&self.endpoint).with_allow_http(true).with_access_key_id(KEY_ID).with_secret_access_key(SECRET).with_region(REGION)
    }

    /// The standard `AWS_*` variables that point a process at this server.
    pub fn env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("AWS_ENDPOINT_URL", self.endpoint.clone()),
            ("AWS_ALLOW_HTTP", "true".into()),
            ("AWS_ACCESS_KEY_ID", KEY_ID.into()),
            ("AWS_SECRET_ACCESS_KEY", SECRET.into()),
            ("AWS_REGION", REGION.into()),
        ]
    }
}

impl Drop for S3Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
