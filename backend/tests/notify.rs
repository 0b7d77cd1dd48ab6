//! Notifications on SQLite and PostgreSQL with a real SMTP server on loopback (aiosmtpd): each
//! event tells its audience once in the portal and by email in their language, with both parts
//! and the link; an SMTP outage delays mail and loses none; templates are pinned by snapshots.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use backend::applications::applicant::reply;
use backend::notify::centre::{email_choices, notification_page};
use backend::notify::fanout::{fanout_round, FanoutSettings};
use backend::notify::mail::{send_round, MailSettings, Mailer, TlsMode};
use backend::notify::templates::{render, EmailVars};
use backend::office::decide::refuse;
use backend::office::work::{request_info, take};
use backend::outbox::Topic;
use backend::testing::{file_kindergartens, on_both, SmtpServer, TestDb, TestPerson, TestPortal};
use backend::Db;
use domain::access::Principal;
use domain::identity::{Role, Snils, StaffRole};
use domain::localized::Lang;
use domain::notify::Kind;
use mailparse::MailHeaderMap;

const NOW: i64 = 1_795_417_200_000;
const PORTAL: &str = "https://gosuslugi.priozyorsky.example";

fn mailer(smtp: &SmtpServer) -> Mailer {
    Mailer::new(MailSettings {
        host: "127.0.0.1".into(),
        port: smtp.port,
        tls: TlsMode::None,
        credentials: None,
        from: "Госуслуги Приозёрского края <noreply@gosuslugi.priozyorsky.example>".into(),
        max_attempts: 100,
        backoff_base_ms: 10,
        backoff_max_ms: 200,
    })
    .unwrap()
}

/// Runs the fan-out and the mail worker until both topics have nothing pending.
async fn drain(db: &Db, mailer: &Mailer) {
    let settings = FanoutSettings { public_url: PORTAL.into(), email: true };
    let start = Instant::now();
    loop {
        fanout_round(db, &settings, "test").await.unwrap();
        send_round(db, mailer, "test").await.unwrap();
        let (n, e) = (db.outbox_counts(Topic::Notify.as_str()).await.unwrap(), db.outbox_counts(Topic::Email.as_str()).await.unwrap());
        if n.pending == 0 && e.pending == 0 {
            return;
        }
        assert!(start.elapsed() < Duration::from_secs(60), "not drained: {n:?} {e:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// A received message: recipient, subject, message id, plain text, HTML, HTML language.
struct Received {
    to: String,
    subject: String,
    message_id: String,
    text: String,
    html: String,
}

fn parse(raw: &[u8]) -> Received {
    let mail = mailparse::parse_mail(raw).unwrap();
    assert_eq!(mail.ctype.mimetype, "multipart/alternative");
    let part = |mime: &str| mail.subparts.iter().find(|p| p.ctype.mimetype == mime).unwrap_or_else(|| panic!("a {mime} part")).get_body().unwrap();
    Received {
        to: mail.headers.get_first_value("To").unwrap(),
        subject: mail.headers.get_first_value("Subject").unwrap(),
        message_id: mail.headers.get_first_value("Message-ID").unwrap(),
        text: part("text/plain"),
        html: part("text/html"),
    }
}

async fn region(t: &TestDb) -> (domain::region::RegionRules, TestPortal) {
    let p = t.portal(NOW);
    p.import_demo().await;
    (p.rules().await.unwrap(), p)
}

/// A clerk and the head of `minobr`, with their addresses.
async fn clerk_and_head(t: &TestDb) -> (Principal, Principal) {
    let clerk = TestPerson::new("kuznetsova", "456-789-012 38").named("Тестова", "Ольга").email("kuznetsova@example.ru").clerk_of("minobr");
    let head = TestPerson::new("volkov", "567-890-123 43").named("Тестова", "Игорь").email("volkov@example.ru").head_of("minobr");
    (clerk.create(&t.db, NOW).await, head.create(&t.db, NOW).await)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_event_tells_its_audience_once_in_the_portal_and_by_email_in_their_language() {
    on_both(async |t: &TestDb| {
        let (rules, p) = region(t).await;
        let citizen = TestPerson::new("ivanova", "123-456-789 64").named("Тестова", "Мария").email("ivanova@example.ru").lang("en").create(&t.db, NOW).await;
        let (clerk, head) = clerk_and_head(t).await;
        let smtp = SmtpServer::start().await;
        let mailer = mailer(&smtp);

        let id = file_kindergartens(&p, &citizen, 1, async |_| {}).await.remove(0);
        take(&p, &clerk, &id).await.unwrap();
        request_info(&p, &clerk, &id, "Приложите справку", &["Справка".into()]).await.unwrap();
        reply(&p, &citizen, &id, "Прикладываю", Vec::new()).await.unwrap();
        refuse(&p, &clerk, &id, Some(0), "Ребёнку не исполнилось 2 месяца").await.unwrap();
        drain(&t.db, &mailer).await;

        let kinds = |page: domain::notify::NotificationPage| page.items.iter().rev().map(|n| n.kind).collect::<Vec<_>>();
        let mine = notification_page(&t.db, citizen.person_id, &rules).await.unwrap();
        assert_eq!(mine.unread, 3);
        assert_eq!(mine.items[0].link, format!("/applications/{id}"));
        assert_eq!(kinds(mine), [Kind::Registered, Kind::InfoRequested, Kind::Decided]);
        let clerks = notification_page(&t.db, clerk.person_id, &rules).await.unwrap();
        assert_eq!(kinds(clerks.clone()), [Kind::Replied]);
        assert_eq!(clerks.items[0].link, format!("/office/applications/{id}"));
        assert_eq!(notification_page(&t.db, head.person_id, &rules).await.unwrap().items.len(), 0, "the head is not told of a reply");

        let mail: Vec<Received> = smtp.messages().iter().map(|m| parse(m)).collect();
        assert_eq!(mail.len(), 4);
        let number = notification_page(&t.db, citizen.person_id, &rules).await.unwrap().items[0].number.clone().unwrap();
        let to_citizen: Vec<&Received> = mail.iter().filter(|m| m.to.contains("ivanova@example.ru")).collect();
        assert_eq!(
            to_citizen.iter().map(|m| m.subject.as_str()).collect::<Vec<_>>(),
            [
                format!("Application No. {number} is registered"),
                format!("More information needed for application No. {number}"),
                format!("Application No. {number} has been refused"),
            ],
            "in the citizen's last chosen language"
        );
        let link = format!("{PORTAL}/applications/{id}");
        for m in &to_citizen {
            assert!(m.text.contains(&link) && m.html.contains(&format!("href=\"{link}\"")), "the link in both parts");
            assert!(m.html.contains("<html lang=\"en\">") && m.html.contains("Priozyorsky Krai") && m.html.contains("#1f4e8c"), "branded");
            assert!(m.text.contains("Dear Мария"));
        }
        let to_clerk = mail.iter().find(|m| m.to.contains("kuznetsova@example.ru")).unwrap();
        assert_eq!(to_clerk.subject, format!("Заявитель ответил по заявлению № {number}"), "the region's default language");
        assert!(to_clerk.text.contains(&format!("{PORTAL}/office/applications/{id}")));
        let ids: HashSet<&str> = mail.iter().map(|m| m.message_id.as_str()).collect();
        assert_eq!(ids.len(), 4);
        assert!(ids.iter().all(|i| i.ends_with("@gosuslugi.priozyorsky.example>")));

        // A worker that runs the same rows again (after a crash) tells nobody twice.
        backend::testing::reset_outbox(&t.db, Topic::Notify.as_str()).await;
        backend::testing::reset_outbox(&t.db, Topic::Email.as_str()).await;
        let emails_before = t.db.outbox_counts(Topic::Email.as_str()).await.unwrap();
        drain(&t.db, &mailer).await;
        assert_eq!(notification_page(&t.db, citizen.person_id, &rules).await.unwrap().items.len(), 3);
        assert_eq!(t.db.outbox_counts(Topic::Email.as_str()).await.unwrap().delivered, emails_before.pending, "no new email rows");
        let again: HashSet<String> = smtp.messages().iter().map(|m| parse(m).message_id).collect();
        assert_eq!(again.len(), 4, "a re-sent email carries the same Message-ID: {} received", smtp.messages().len());

        // Marking read: one, then all; never another person's.
        let first = notification_page(&t.db, citizen.person_id, &rules).await.unwrap().items[0].id;
        assert_eq!(t.db.mark_read(clerk.person_id, Some(first), NOW).await.unwrap(), 0);
        assert_eq!(t.db.mark_read(citizen.person_id, Some(first), NOW).await.unwrap(), 1);
        assert_eq!(t.db.unread_count(citizen.person_id).await.unwrap(), 2);
        assert_eq!(t.db.mark_read(citizen.person_id, None, NOW).await.unwrap(), 2);
        assert_eq!(t.db.unread_count(citizen.person_id).await.unwrap(), 0);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_smtp_outage_delays_mail_and_every_message_arrives_once_after_it() {
    on_both(async |t: &TestDb| {
        let (_rules, p) = region(t).await;
        let citizen = TestPerson::new("ivanova", "123-456-789 64").named("Тестова", "Мария").email("ivanova@example.ru").create(&t.db, NOW).await;
        let mut smtp = SmtpServer::start().await;
        let mailer = mailer(&smtp);
        smtp.stop();
        file_kindergartens(&p, &citizen, 5, async |_| {}).await;
        let settings = FanoutSettings { public_url: PORTAL.into(), email: true };
        while t.db.outbox_counts(Topic::Notify.as_str()).await.unwrap().pending > 0 {
            fanout_round(&t.db, &settings, "test").await.unwrap();
        }
        for _ in 0..3 {
            send_round(&t.db, &mailer, "test").await.unwrap();
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
        let waiting = t.db.outbox_counts(Topic::Email.as_str()).await.unwrap();
        assert_eq!((waiting.pending, waiting.delivered, waiting.failed), (5, 0, 0), "waiting, not lost");
        smtp.restart().await;
        drain(&t.db, &mailer).await;
        let mail: Vec<Received> = smtp.messages().iter().map(|m| parse(m)).collect();
        assert_eq!(mail.len(), 5);
        assert_eq!(mail.iter().map(|m| m.message_id.as_str()).collect::<HashSet<_>>().len(), 5, "each once");
        assert!(mail.iter().all(|m| m.subject.starts_with("Заявление № ") && m.subject.ends_with(" зарегистрировано")));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn email_can_be_turned_off_per_kind_and_the_portal_still_tells() {
    on_both(async |t: &TestDb| {
        let (_rules, p) = region(t).await;
        let citizen = TestPerson::new("ivanova", "123-456-789 64").named("Тестова", "Мария").email("ivanova@example.ru").create(&t.db, NOW).await;
        let kinds = Kind::for_person(false, false);
        t.db.set_email_choices(citizen.person_id, &kinds, &[Kind::Decided]).await.unwrap();
        let choices = email_choices(&t.db, citizen.person_id, &kinds).await.unwrap();
        assert_eq!(choices.iter().filter(|c| c.email).map(|c| c.kind).collect::<Vec<_>>(), [Kind::Decided]);
        let smtp = SmtpServer::start().await;
        file_kindergartens(&p, &citizen, 1, async |_| {}).await;
        drain(&t.db, &mailer(&smtp)).await;
        assert_eq!(smtp.messages().len(), 0, "no email for a kind turned off");
        assert_eq!(t.db.unread_count(citizen.person_id).await.unwrap(), 1, "the portal still tells");
    })
    .await;
}

#[test]
fn every_email_template_renders_in_every_language() {
    let vars = |refused| EmailVars {
        name: "Мария Петровна".into(),
        region: "Приозёрский край".into(),
        number: "99-2026-000123".into(),
        service: "Постановка на учёт и зачисление детей в детские сады".into(),
        refused,
        link: "https://gosuslugi.priozyorsky.example/applications/3f0c".into(),
        colour: "#1f4e8c".into(),
    };
    for lang in ["ru", "en"] {
        for kind in Kind::ALL {
            for refused in if kind == Kind::Decided { vec![false, true] } else { vec![false] } {
                let email = render(kind, &Lang::parse(lang).unwrap(), &vars(refused), "ivanova@example.ru", "m1").unwrap();
                let name = format!("{lang}-{}{}", kind.as_str(), if refused { "-refused" } else { "" });
                insta::assert_snapshot!(format!("{name}-subject"), email.subject);
                insta::assert_snapshot!(format!("{name}-text"), email.text);
                insta::assert_snapshot!(format!("{name}-html"), email.html);
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deadlines_tell_the_department_and_failing_federal_delivery_tells_the_operators() {
    use backend::testing::{insert_outbox, seed_applications, Seed};
    on_both(async |t: &TestDb| {
        let (rules, p) = region(t).await;
        let citizen = TestPerson::new("ivanova", "123-456-789 64").named("Тестова", "Мария").email("ivanova@example.ru").create(&t.db, NOW).await;
        let (clerk, head) = clerk_and_head(t).await;
        let outsider = TestPerson::new("sokolova", "678-901-234 38").named("Тестова", "Елена").email("sokolova@example.ru").create(&t.db, NOW).await;
        t.db.grant_role(&Snils::parse("678-901-234 38").unwrap(), &StaffRole { role: Role::Operator, department: None }, "test", NOW).await.unwrap();
        let seed = |i: usize, assignee: Option<i64>| Seed {
            id: format!("00000000-0000-4000-8000-{i:012}"),
            number: format!("99-2026-{:06}", 900 + i),
            service: "kindergarten-enrolment".into(),
            department: "minobr".into(),
            applicant_id: citizen.person_id,
            applicant_name: "Тестова Мария".into(),
            status: if assignee.is_some() { "in_review" } else { "registered" }.into(),
            assignee_id: assignee,
            origin: "regional".into(),
            municipality: None,
            submitted_at: NOW - 30 * 86_400_000,
            deadline: "2026-11-10".into(),
            decided_at: None,
        };
        // Overdue: one nobody works on (every clerk and the head hear), one the clerk works on.
        seed_applications(&t.db, &[seed(1, None), seed(2, Some(clerk.person_id))]).await;
        assert_eq!(backend::office::deadlines::warn_deadlines(&p).await.unwrap(), 2);
        // A federal message parked: the operators hear, once a day.
        insert_outbox(&t.db, Topic::Federal.as_str(), "x", "x:register", "{}", NOW).await;
        let row = t.db.claim_outbox(Topic::Federal.as_str(), "w", NOW, 1_000, 1, true).await.unwrap().remove(0);
        let policy = backend::outbox::RetryPolicy { max_attempts: 1, base_ms: 1, max_ms: 1 };
        t.db.outbox_failed(row.id, "w", "HTTP 401", true, NOW + policy.delay_ms(row.attempts, &mut rand::thread_rng()), NOW).await.unwrap();
        assert!(backend::notify::fanout::warn_federal_trouble(&t.db, NOW).await.unwrap());
        assert!(!backend::notify::fanout::warn_federal_trouble(&t.db, NOW + 60_000).await.unwrap(), "once a day");
        let smtp = SmtpServer::start().await;
        drain(&t.db, &mailer(&smtp)).await;

        let kinds = |p: &Principal| {
            let db = t.db.clone();
            let rules = rules.clone();
            let id = p.person_id;
            async move { notification_page(&db, id, &rules).await.unwrap().items.iter().map(|n| (n.kind, n.number.clone())).collect::<Vec<_>>() }
        };
        let overdue = |i: usize| (Kind::DeadlineOverdue, Some(format!("99-2026-{:06}", 900 + i)));
        let mut clerks = kinds(&clerk).await;
        clerks.sort_by_key(|(_, n)| n.clone());
        assert_eq!(clerks, [overdue(1), overdue(2)]);
        let mut heads = kinds(&head).await;
        heads.sort_by_key(|(_, n)| n.clone());
        assert_eq!(heads, [overdue(1), overdue(2)]);
        assert_eq!(kinds(&citizen).await, [], "the applicant is not told of the department's deadlines");
        assert_eq!(kinds(&outsider).await, [(Kind::FederalFailing, None)]);
        let subjects: Vec<String> = smtp.messages().iter().map(|m| parse(m).subject).collect();
        assert_eq!(subjects.iter().filter(|s| s.starts_with("Срок по заявлению")).count(), 4);
        assert!(subjects.contains(&"Сообщения на федеральный портал не доставляются".to_owned()));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_permanent_rejection_is_parked_with_the_servers_answer_for_the_operator() {
    on_both(async |t: &TestDb| {
        let (rules, p) = region(t).await;
        let citizen = TestPerson::new("rejected", "123-456-789 64").named("Тестова", "Мария").email("rejected@example.ru").create(&t.db, NOW).await;
        let smtp = SmtpServer::start().await;
        file_kindergartens(&p, &citizen, 1, async |_| {}).await;
        drain(&t.db, &mailer(&smtp)).await;
        assert_eq!(smtp.messages().len(), 0);
        let health = backend::outbox::health(&t.db, Topic::Email, &rules).await.unwrap();
        assert_eq!((health.failed, health.delivered), (1, 0));
        let parked = &health.parked[0];
        assert_eq!(parked.kind, "email");
        assert!(parked.number.as_deref().is_some_and(|n| n.starts_with("99-")), "named by its application's number");
        assert_eq!(parked.attempts, 1, "not retried: the server refused for good");
        assert!(parked.last_error.contains("550") && parked.last_error.contains("No such mailbox here"), "{}", parked.last_error);
        assert_eq!(t.db.unread_count(citizen.person_id).await.unwrap(), 1, "the portal still tells");
    })
    .await;
}
