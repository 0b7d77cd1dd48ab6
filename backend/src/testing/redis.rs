//! A real Redis for tests: its own `redis-server` (Debian's redis-server) on a free loopback port,
//! keeping nothing on disk, so a test may stop and restart it. Killed when dropped.

/// A running test Redis.
pub struct RedisServer {
    /// Its address, e.g. `redis://127.0.0.1:39002`.
    pub url: String,
    port: u16,
    child: Option<std::process::Child>,
}

impl RedisServer {
    /// Starts one; panics (saying how to install it) when `redis-server` is missing.
    pub async fn start() -> RedisServer {
        let port = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port").local_addr().expect("address").port();
        let mut server = RedisServer { url: format!("redis://127.0.0.1:{port}"), port, child: None };
        server.restart().await;
        server
    }

    /// Starts it (again, empty) on its port.
    pub async fn restart(&mut self) {
        let child = std::process::Command::new("redis-server")
            .args(["--port", &self.port.to_string(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("redis-server runs; install it with `apt-get install redis-server` (scripts/setup.sh does)");
        self.child = Some(child);
        let start = std::time::Instant::now();
        while tokio::net::TcpStream::connect(("127.0.0.1", self.port)).await.is_err() {
            assert!(start.elapsed() < std::time::Duration::from_secs(20), "redis-server did not start");
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
    }

    /// Stops it: connections are refused until [`RedisServer::restart`].
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        self.stop();
    }
}
