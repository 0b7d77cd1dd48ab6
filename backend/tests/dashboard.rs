//! The operator's dashboards on SQLite and PostgreSQL: every chart's figures from seeded
//! applications and outbox rows, exact to the application, with the edges of days and periods
//! in the region's time zone.

use backend::dashboard::{daily_applications, dashboard, delivery_figures, overdue_by_department, processing_times, stage_figures};
use backend::office::queue::queue;
use backend::outbox::{RetryPolicy, Topic};
use backend::testing::{insert_outbox, on_both, seed_applications, Seed, TestDb, TestPerson, TestPortal};
use domain::access::Principal;
use domain::dashboard::{parse_period, Period};
use domain::dates::parse_date;
use domain::localized::Lang;
use domain::office::{Queue, QueueFilter};
use domain::region::RegionRules;

/// Monday 23 November 2026, 10:00 in Moscow (the demo region is UTC+3).
const NOW: i64 = 1_795_417_200_000;
const HOUR: i64 = 3_600_000;
const DAY: i64 = 86_400_000;
/// 23 November 2026, 00:00 in Moscow.
const MIDNIGHT: i64 = NOW - 10 * HOUR;

fn ru() -> Lang {
    Lang::parse("ru").unwrap()
}

fn period(from: &str, to: &str) -> Period {
    Period { from: parse_date(from).unwrap(), to: parse_date(to).unwrap() }
}

/// The demo region imported, its rules, a citizen who files everything, and the portal (its
/// clock at `NOW`).
async fn region(t: &TestDb) -> (RegionRules, Principal, TestPortal) {
    let portal = t.portal(NOW);
    portal.import_demo().await;
    let rules = portal.rules().await.unwrap();
    assert_eq!(rules.utc_offset, 3, "these tests count days in Moscow time");
    (rules, TestPerson::new("ivanova", "123-456-789 64").named("Иванова", "Мария").create(&t.db, NOW).await, portal)
}

fn seed(i: usize, service: &str, department: &str, citizen: &Principal, status: &str, submitted_at: i64, deadline: &str) -> Seed {
    Seed {
        id: format!("00000000-0000-4000-8000-{i:012}"),
        number: format!("99-2026-{:06}", 200_000 + i),
        service: service.into(),
        department: department.into(),
        applicant_id: citizen.person_id,
        applicant_name: format!("Заявитель{i} Тест"),
        status: status.into(),
        assignee_id: None,
        origin: "regional".into(),
        municipality: None,
        submitted_at,
        deadline: deadline.into(),
        decided_at: None,
    }
}

#[tokio::test]
async fn stages_count_the_published_services_and_the_priority_ones_of_the_demo_region() {
    on_both(async |t| {
        region(t).await;
        let s = stage_figures(&t.db).await.unwrap();
        assert_eq!(s.all, [5, 16, 21, 6, 3]);
        assert_eq!(s.priority, [1, 4, 8, 3, 1]);
        assert_eq!((s.priority_online(), s.priority_total(), s.published()), (12, 17, 51));
        let priority = t.db.catalog(ru()).await.unwrap().priority_services().await.unwrap();
        assert_eq!(priority.len() as i64, s.priority_total(), "the same priority services as the home page lists");
    })
    .await;
}

#[tokio::test]
async fn applications_are_counted_per_region_day_and_service_within_the_period() {
    on_both(async |t| {
        let (rules, citizen, _portal) = region(t).await;
        let monday = MIDNIGHT - 7 * DAY; // 16 November, 00:00 in Moscow
        let k = "kindergarten-enrolment";
        let s = "school-enrolment";
        let seeds = [
            seed(1, k, "minobr", &citizen, "registered", monday, "2026-12-01"),
            seed(2, k, "minobr", &citizen, "in_review", monday + 12 * HOUR, "2026-12-01"),
            seed(3, k, "minobr", &citizen, "withdrawn", monday + DAY - 1, "2026-12-01"),
            seed(4, k, "minobr", &citizen, "registered", MIDNIGHT - 1, "2026-12-01"), // Sunday 22nd, 23:59:59
            seed(5, k, "minobr", &citizen, "registered", monday - 1, "2026-12-01"),   // the 15th: before
            seed(6, k, "minobr", &citizen, "registered", MIDNIGHT, "2026-12-01"),     // the 23rd: after
            seed(7, s, "minobr", &citizen, "registered", monday + 2 * DAY + HOUR, "2026-12-01"),
            seed(8, s, "minobr", &citizen, "approved", monday + 2 * DAY + 20 * HOUR, "2026-12-01"),
        ];
        seed_applications(&t.db, &seeds).await;
        let daily = daily_applications(&t.db, ru(), &rules, period("2026-11-16", "2026-11-22")).await.unwrap();
        assert_eq!(daily.days.first().map(String::as_str), Some("2026-11-16"));
        assert_eq!(daily.days.len(), 7);
        let series: Vec<(&str, Vec<i64>)> = daily.series.iter().map(|s| (s.code.as_str(), s.counts.clone())).collect();
        assert_eq!(series, [(k, vec![3, 0, 0, 0, 0, 0, 1]), (s, vec![0, 0, 2, 0, 0, 0, 0])]);
        assert!(daily.series[0].title.contains("детские сады"), "{}", daily.series[0].title);
        assert_eq!(daily.totals(), [3, 0, 2, 0, 0, 0, 1]);

        let one_day = daily_applications(&t.db, ru(), &rules, period("2026-11-23", "2026-11-23")).await.unwrap();
        assert_eq!(one_day.series.iter().map(|s| s.total()).collect::<Vec<_>>(), [1]);
        let empty = daily_applications(&t.db, ru(), &rules, period("2026-10-01", "2026-10-02")).await.unwrap();
        assert!(empty.series.is_empty() && empty.totals() == [0, 0]);
    })
    .await;
}

#[tokio::test]
async fn processing_times_count_working_days_of_the_decisions_in_the_period() {
    on_both(async |t| {
        let (rules, citizen, _portal) = region(t).await;
        let k = "kindergarten-enrolment";
        let registered = 1_793_599_200_000; // Monday 2 November 2026, 09:00 in Moscow
        let mut seeds = Vec::new();
        // Decided after 1, 2, … 10 working days (4 November is a public holiday).
        for (i, day) in [3, 5, 6, 9, 10, 11, 12, 13, 16, 17].into_iter().enumerate() {
            let mut s = seed(i, k, "minobr", &citizen, "result_issued", registered, "2026-11-20");
            s.decided_at = Some(registered + (day - 2) * DAY);
            seeds.push(s);
        }
        let mut same_day = seed(20, k, "minobr", &citizen, "refused", registered, "2026-11-20");
        same_day.decided_at = Some(registered + 6 * HOUR);
        let mut long = seed(21, k, "minobr", &citizen, "approved", registered - 90 * DAY, "2026-09-01");
        long.decided_at = Some(registered + HOUR);
        let mut before = seed(22, k, "minobr", &citizen, "approved", registered - 10 * DAY, "2026-11-20");
        before.decided_at = Some(registered - 33 * HOUR - 1); // 31 October, 23:59:59 in Moscow
        let mut after = seed(23, k, "minobr", &citizen, "approved", registered, "2026-11-20");
        after.decided_at = Some(MIDNIGHT + 8 * DAY); // 1 December
        let open = seed(24, k, "minobr", &citizen, "in_review", registered, "2026-11-20");
        seeds.extend([same_day, long, before, after, open]);
        seed_applications(&t.db, &seeds).await;

        let p = processing_times(&t.db, &rules, period("2026-11-01", "2026-11-30")).await.unwrap();
        assert_eq!(p.decided, 12);
        let buckets: Vec<(String, i64)> = p.buckets.iter().map(|b| (b.short_label(), b.count)).collect();
        let expected = [("0", 1), ("1–2", 2), ("3–5", 3), ("6–10", 5), ("11–20", 0), ("21–30", 0), ("31+", 1)];
        assert_eq!(buckets, expected.map(|(l, n)| (l.to_owned(), n)));
    })
    .await;
}

#[tokio::test]
async fn overdue_per_department_is_the_back_office_overdue_queue() {
    on_both(async |t| {
        let (rules, citizen, portal) = region(t).await;
        let k = "kindergarten-enrolment";
        let h = "housing-subsidy";
        let at = NOW - 20 * DAY;
        let seeds = [
            seed(1, k, "minobr", &citizen, "registered", at, "2026-11-20"),
            seed(2, k, "minobr", &citizen, "in_review", at, "2026-11-22"),
            seed(3, k, "minobr", &citizen, "awaiting_applicant", at, "2026-11-23"), // due today: not yet
            seed(4, k, "minobr", &citizen, "registered", at, "2026-12-10"),
            seed(5, k, "minobr", &citizen, "approved", at, "2026-11-01"), // decided
            seed(6, h, "minsoc", &citizen, "in_review", at, "2026-11-01"),
            seed(7, h, "minsoc", &citizen, "withdrawn", at, "2026-11-01"),
        ];
        seed_applications(&t.db, &seeds).await;
        let overdue = overdue_by_department(&t.db, ru(), &rules, NOW).await.unwrap();
        let rows: Vec<(&str, i64, i64)> = overdue.iter().map(|d| (d.code.as_str(), d.open, d.overdue)).collect();
        assert_eq!(rows, [("minobr", 4, 2), ("minsoc", 1, 1)]);
        assert_eq!(overdue[1].name, "Министерство социальной защиты Приозёрского края");

        // The clerk's "overdue" tab lists the same applications.
        let clerk = TestPerson::new("kuznetsova", "456-789-012 38").named("Иванова", "Мария").clerk_of("minobr").create(&t.db, NOW).await;
        let filter = QueueFilter { queue: Queue::Overdue, ..QueueFilter::default() };
        let page = queue(&portal, &clerk, &filter, None, ru()).await.unwrap();
        assert_eq!(page.rows.len() as i64, overdue[0].overdue);
        assert_eq!(page.overdue, overdue[0].overdue);
    })
    .await;
}

#[tokio::test]
async fn delivery_counts_federal_messages_by_state_and_not_emails() {
    on_both(async |t| {
        let (rules, _citizen, _portal) = region(t).await;
        let empty = delivery_figures(&t.db, &rules).await.unwrap();
        assert_eq!((empty.pending, empty.failed, empty.delivered, empty.oldest_pending), (0, 0, 0, None));
        for n in 1..=3 {
            insert_outbox(&t.db, Topic::Federal.as_str(), &format!("app-{n}"), &format!("app-{n}:register"), "{}", NOW + n * 60_000).await;
        }
        insert_outbox(&t.db, Topic::Email.as_str(), "mail-1", "mail-1", "{}", NOW).await;
        let mut claimed = t.db.claim_outbox(Topic::Federal.as_str(), "w", NOW + DAY, 60_000, 10, true).await.unwrap();
        claimed.sort_by_key(|c| c.id);
        assert_eq!(claimed.len(), 3);
        t.db.outbox_delivered(&[claimed[0].id], NOW + DAY).await.unwrap();
        let policy = RetryPolicy { max_attempts: 5, base_ms: 1, max_ms: 1 };
        t.db.outbox_failed(claimed[1].id, "w", "HTTP 422", true, NOW + DAY + policy.delay_ms(claimed[1].attempts, &mut rand::thread_rng()), NOW + DAY)
            .await
            .unwrap();
        let d = delivery_figures(&t.db, &rules).await.unwrap();
        assert_eq!((d.pending, d.failed, d.delivered), (1, 1, 1));
        assert_eq!(d.oldest_pending.as_deref(), Some("2026-11-23 10:03"), "the one still pending, in Moscow time");
    })
    .await;
}

#[tokio::test]
async fn the_whole_dashboard_of_the_default_period_ends_today() {
    on_both(async |t| {
        let (rules, citizen, portal) = region(t).await;
        seed_applications(&t.db, &[seed(1, "kindergarten-enrolment", "minobr", &citizen, "registered", NOW - HOUR, "2026-11-01")]).await;
        let p = parse_period(None, None, rules.today(NOW)).unwrap();
        let d = dashboard(&portal, ru(), p).await.unwrap();
        assert_eq!((d.from.as_str(), d.to.as_str(), d.today.as_str()), ("2026-10-25", "2026-11-23", "2026-11-23"));
        assert_eq!(d.applications.days.len(), 30);
        assert_eq!(d.applications.totals().last(), Some(&1));
        assert_eq!(d.overdue.iter().map(|o| o.overdue).sum::<i64>(), 1);
        assert_eq!(d.processing.decided, 0);
        assert_eq!(d.stages.priority_total(), 17);
    })
    .await;
}
