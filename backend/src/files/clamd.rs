//! ClamAV's scanning daemon (`clamd`) over its socket protocol: the stored file is streamed to it
//! with `zINSTREAM` (4-byte big-endian lengths, a zero length to end) and its one-line answer read
//! back. Anything but a clear answer counts as "could not scan": a file is never taken unchecked.

use std::path::PathBuf;
use std::time::Duration;

use futures_util::future::BoxFuture;
use futures_util::StreamExt;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

use super::scan::{Scanner, ScannerStatus, Verdict};
use crate::FileStore;

/// Bytes sent per chunk.
const CHUNK: usize = 64 * 1024;
/// No scan may take longer (a stuck daemon must not hold an upload forever).
const TIMEOUT: Duration = Duration::from_secs(60);
/// Longest answer read.
const MAX_REPLY: u64 = 4096;

/// Where `clamd` listens.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Address {
    /// `host:port` (clamd's `TCPSocket`/`TCPAddr`).
    Tcp(String),
    /// `unix:/path` (clamd's `LocalSocket`).
    Unix(PathBuf),
}

/// A `clamd` to ask.
#[derive(Debug, Clone)]
pub struct Clamd {
    address: Address,
}

trait Io: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> Io for T {}

impl Clamd {
    /// The daemon at `address`: `host:port`, or `unix:/path/to/clamd.ctl`.
    pub fn new(address: &str) -> Result<Clamd, String> {
        let address = match address.strip_prefix("unix:") {
            Some(path) if !path.is_empty() => Address::Unix(PathBuf::from(path)),
            Some(_) => return Err("unix: needs the socket's path".into()),
            None if address.rsplit_once(':').is_some_and(|(host, port)| !host.is_empty() && port.parse::<u16>().is_ok()) => Address::Tcp(address.to_owned()),
            None => return Err(format!("\"{address}\" is neither host:port nor unix:/path")),
        };
        Ok(Clamd { address })
    }

    async fn connect(&self) -> std::io::Result<Box<dyn Io>> {
        Ok(match &self.address {
            Address::Tcp(addr) => Box::new(tokio::net::TcpStream::connect(addr).await?),
            #[cfg(unix)]
            Address::Unix(path) => Box::new(tokio::net::UnixStream::connect(path).await?),
            #[cfg(not(unix))]
            Address::Unix(_) => return Err(std::io::Error::other("unix sockets need a unix system")),
        })
    }

    /// A connection on which `command` (with its NUL) was sent.
    async fn start(&self, command: &[u8]) -> Result<Box<dyn Io>, String> {
        let mut conn = self.connect().await.map_err(|e| format!("cannot connect to clamd: {e}"))?;
        conn.write_all(command).await.map_err(|e| format!("clamd: {e}"))?;
        Ok(conn)
    }

    /// clamd's answer, read to its end. `sent` is how sending went: clamd closes as soon as a
    /// stream passes its limit, and its answer still says why.
    async fn answer(conn: Box<dyn Io>, sent: Result<(), String>) -> Result<String, String> {
        let mut reply = Vec::new();
        conn.take(MAX_REPLY).read_to_end(&mut reply).await.map_err(|e| format!("clamd's answer: {e}"))?;
        let reply = String::from_utf8_lossy(&reply).trim_end_matches(['\0', '\n']).to_owned();
        match (reply.is_empty(), sent) {
            (true, Err(e)) => Err(e),
            (true, Ok(())) => Err("clamd closed the connection without an answer".into()),
            (false, _) => Ok(reply),
        }
    }

    /// Streams the file under `key` to clamd; its answer.
    async fn scan_file(&self, files: &FileStore, key: &str) -> Result<String, String> {
        let stored = files.open(key).await.map_err(|e| format!("reading the file to scan: {e}"))?.ok_or("the file to scan is missing")?;
        let mut stream = stored.stream;
        let mut conn = self.start(b"zINSTREAM\0").await?;
        let sent: Result<(), String> = async {
            while let Some(chunk) = stream.next().await {
                let chunk = chunk.map_err(|e| format!("reading the file to scan: {e}"))?;
                for piece in chunk.chunks(CHUNK) {
                    let len = u32::try_from(piece.len()).map_err(|_| "chunk too large")?;
                    conn.write_all(&len.to_be_bytes()).await.map_err(|e| format!("sending to clamd: {e}"))?;
                    conn.write_all(piece).await.map_err(|e| format!("sending to clamd: {e}"))?;
                }
            }
            conn.write_all(&[0, 0, 0, 0]).await.map_err(|e| format!("sending to clamd: {e}"))?;
            conn.flush().await.map_err(|e| format!("sending to clamd: {e}"))
        }
        .await;
        Self::answer(conn, sent).await
    }
}

/// The verdict of clamd's answer to a stream.
fn verdict(reply: &str) -> Verdict {
    let answer = reply.strip_prefix("stream: ").unwrap_or(reply);
    if answer == "OK" {
        Verdict::Clean
    } else if let Some(name) = answer.strip_suffix(" FOUND") {
        Verdict::Refused(format!("clamd found {name}"))
    } else {
        // "INSTREAM size limit exceeded. ERROR" and the like: the file was not scanned.
        Verdict::Unavailable(format!("clamd answered {answer:?}"))
    }
}

impl Scanner for Clamd {
    fn scan<'a>(&'a self, files: &'a FileStore, key: &'a str, _name: &'a str) -> BoxFuture<'a, Verdict> {
        Box::pin(async move {
            match tokio::time::timeout(TIMEOUT, self.scan_file(files, key)).await {
                Ok(Ok(reply)) => verdict(&reply),
                Ok(Err(e)) => Verdict::Unavailable(e),
                Err(_) => Verdict::Unavailable("clamd did not answer in time".into()),
            }
        })
    }

    fn status(&self) -> BoxFuture<'_, ScannerStatus> {
        Box::pin(async move {
            let ping = async { Self::answer(self.start(b"zPING\0").await?, Ok(())).await };
            let pong = tokio::time::timeout(Duration::from_secs(5), ping).await;
            let address = match &self.address {
                Address::Tcp(a) => a.clone(),
                Address::Unix(p) => format!("unix:{}", p.display()),
            };
            ScannerStatus::On { address, answers: matches!(pong, Ok(Ok(ref r)) if r == "PONG") }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_host_and_port_or_a_unix_socket() {
        assert_eq!(Clamd::new("127.0.0.1:3310").unwrap().address, Address::Tcp("127.0.0.1:3310".into()));
        assert_eq!(Clamd::new("unix:/run/clamav/clamd.ctl").unwrap().address, Address::Unix("/run/clamav/clamd.ctl".into()));
        for bad in ["", "clamd", "host:", ":3310", "host:99999", "unix:"] {
            assert!(Clamd::new(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn answers_become_verdicts() {
        assert_eq!(verdict("stream: OK"), Verdict::Clean);
        assert_eq!(verdict("stream: Eicar-Test-HDB.UNOFFICIAL FOUND"), Verdict::Refused("clamd found Eicar-Test-HDB.UNOFFICIAL".into()));
        assert!(matches!(verdict("INSTREAM size limit exceeded. ERROR"), Verdict::Unavailable(_)));
        assert!(matches!(verdict("COMMAND READ TIMED OUT"), Verdict::Unavailable(_)));
    }
}
