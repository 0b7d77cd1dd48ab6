//! Sending emails over SMTP with lettre: the `email` outbox rows, each with a stable `Message-ID`,
//! HTML with a plain-text alternative. A server that is down or answers "try later" (4xx) delays
//! the email; a permanent rejection (5xx) parks it for the operator with the server's answer.

use std::time::Duration;

use lettre::message::header::ContentType;
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use serde::{Deserialize, Serialize};

use crate::outbox::{self, Attempt, Claiming, Email, RetryPolicy, Round, Topic};
use crate::{Db, Error, Result};

/// How the SMTP connection is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TlsMode {
    /// Plain text (a relay on the same host or network).
    None,
    /// Plain connection upgraded with STARTTLS (port 587).
    Starttls,
    /// TLS from the first byte (port 465).
    Tls,
}

/// The SMTP server and the sender.
#[derive(Debug, Clone)]
pub struct MailSettings {
    /// Host name.
    pub host: String,
    /// Port.
    pub port: u16,
    /// Security of the connection.
    pub tls: TlsMode,
    /// User name and password, when the server wants them.
    pub credentials: Option<(String, String)>,
    /// The sender, e.g. `Госуслуги Приозёрского края <noreply@gosuslugi.example>`.
    pub from: String,
    /// Attempts before an email is parked.
    pub max_attempts: i32,
    /// First retry delay in milliseconds.
    pub backoff_base_ms: i64,
    /// Longest retry delay.
    pub backoff_max_ms: i64,
}

/// Whether `text` is a sender address (`Name <user@host>` or `user@host`).
pub fn is_sender(text: &str) -> bool {
    text.parse::<Mailbox>().is_ok()
}

/// A connection pool to the SMTP server.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    settings: MailSettings,
}

impl Mailer {
    /// A mailer per `settings`; fails on a bad sender address or TLS set-up.
    pub fn new(settings: MailSettings) -> Result<Mailer> {
        let from: Mailbox = settings.from.parse().map_err(|e| Error::Mail(format!("mail.from \"{}\": {e}", settings.from)))?;
        let tls = |host: &str| TlsParameters::new(host.to_owned()).map_err(|e| Error::Mail(format!("mail TLS: {e}")));
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&settings.host).port(settings.port).timeout(Some(Duration::from_secs(20)));
        builder = match settings.tls {
            TlsMode::None => builder.tls(Tls::None),
            TlsMode::Starttls => builder.tls(Tls::Required(tls(&settings.host)?)),
            TlsMode::Tls => builder.tls(Tls::Wrapper(tls(&settings.host)?)),
        };
        if let Some((user, password)) = &settings.credentials {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        Ok(Mailer { transport: builder.build(), from, settings })
    }

    /// The domain of the sender's address, for `Message-ID`s.
    fn domain(&self) -> &str {
        self.from.email.domain()
    }

    /// Sends one email; the answer says whether it went, may be retried, or never will.
    pub async fn send(&self, email: &Email) -> Attempt {
        let to: Mailbox = match email.to.parse() {
            Ok(to) => to,
            Err(e) => return Attempt::Permanent(format!("address \"{}\": {e}", email.to)),
        };
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(&email.subject)
            .message_id(Some(format!("<{}@{}>", message_id_local(&email.message_id), self.domain())))
            .multipart(
                MultiPart::alternative()
                    .singlepart(SinglePart::builder().header(ContentType::TEXT_PLAIN).body(email.text.clone()))
                    .singlepart(SinglePart::builder().header(ContentType::TEXT_HTML).body(email.html.clone())),
            );
        let message = match message {
            Ok(m) => m,
            Err(e) => return Attempt::Permanent(format!("the email cannot be built: {e}")),
        };
        match self.transport.send(message).await {
            Ok(_) => Attempt::Delivered,
            Err(e) if e.is_permanent() => Attempt::Permanent(format!("rejected by the mail server: {e}")),
            Err(e) => Attempt::Retry(format!("not sent yet: {e}")),
        }
    }
}

/// The local part of a `Message-ID` for our message id: only characters every server accepts.
fn message_id_local(id: &str) -> String {
    id.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '.' { c } else { '.' }).collect()
}

/// One round: claims `email` rows and sends them.
pub async fn send_round(db: &Db, mailer: &Mailer, worker: &str) -> Result<Round> {
    let s = &mailer.settings;
    let claiming = Claiming {
        lease_ms: 120_000,
        batch: 20,
        concurrency: 1,
        retry: RetryPolicy { max_attempts: s.max_attempts, base_ms: s.backoff_base_ms, max_ms: s.backoff_max_ms },
    };
    outbox::round(db, Topic::Email, worker, &claiming, |row| async move {
        match &row.message {
            outbox::Message::Email(email) => mailer.send(email).await,
            other => Attempt::Permanent(format!("not an email: {other:?}")),
        }
    })
    .await
}

/// Sends for ever; rests a second when there is nothing to send or the server is away.
pub async fn run(db: Db, mailer: Mailer, worker: String) {
    tracing::info!(host = %mailer.settings.host, port = mailer.settings.port, "mail worker started");
    loop {
        match send_round(&db, &mailer, &worker).await {
            Ok(round) if round.claimed > 0 => {}
            Ok(_) => tokio::time::sleep(Duration::from_secs(1)).await,
            Err(e) => {
                tracing::warn!(error = %e, "mail round failed; retrying");
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        }
    }
}
