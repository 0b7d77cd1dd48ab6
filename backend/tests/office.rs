//! The back office on SQLite and PostgreSQL: queues and their filters, taking into work (two at
//! once: one wins), asking the applicant and the paused clock, decisions with their documents,
//! the head's view, deadline warnings, and who may see and do what.

use backend::applications::applicant::reply;
use backend::applications::drafts::start_draft;
use backend::applications::queries::application_page;
use backend::applications::submit::submit;
use backend::files::scan::NoScanner;
use backend::office::deadlines::warn_deadlines;
use backend::office::decide::{approve, refuse, result_file_limits, ResultDocument};
use backend::office::head::head_view;
use backend::office::page::staff_page;
use backend::office::queue::queue;
use backend::office::work::{assign, give_back, request_info, take};
use backend::testing::{count_rows, demo_pack, fill_kindergarten, on_both, seed_applications, Seed, TestDb, TestPerson, TestPortal};
use backend::Error;
use domain::access::Principal;
use domain::application::{Action, Origin, Refusal, Status};
use domain::localized::Lang;
use domain::office::{Cursor, Queue, QueueFilter, Urgency, QUEUE_PAGE};

/// Monday 23 November 2026, 10:00 in Moscow.
const NOW: i64 = 1_795_417_200_000;
const DAY: i64 = 86_400_000;

fn ru() -> Lang {
    Lang::parse("ru").unwrap()
}

fn refusal(result: Result<impl std::fmt::Debug, Error>) -> Refusal {
    match result {
        Err(Error::Refused(r)) => r,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// Everyone the back office deals with.
struct Cast {
    citizen: Principal,
    /// Clerks of the education ministry (minobr), which handles kindergarten places.
    clerk: Principal,
    clerk2: Principal,
    /// Head of minobr.
    head: Principal,
    /// A clerk of the social ministry (minsoc).
    outsider: Principal,
    /// The portal the office works through, its clock at `NOW` until a test moves it.
    p: TestPortal,
}

async fn cast(t: &TestDb) -> Cast {
    let p = t.portal(NOW);
    backend::region_pack::import(&p.db, &p.files, &demo_pack()).await.unwrap();
    p.rules().await.unwrap();
    Cast {
        citizen: TestPerson::new("ivanova", "123-456-789 64")
            .named("Иванова", "Мария")
            .email("ivanova@example.ru")
            .phone("+7 900 111-22-33")
            .create(&t.db, NOW)
            .await,
        clerk: TestPerson::new("kuznetsova", "456-789-012 38")
            .named("Кузнецова", "Ольга")
            .email("kuznetsova@example.ru")
            .phone("+7 900 111-22-33")
            .clerk_of("minobr")
            .create(&t.db, NOW)
            .await,
        clerk2: TestPerson::new("orlov", "345-678-901 23")
            .named("Орлов", "Антон")
            .email("orlov@example.ru")
            .phone("+7 900 111-22-33")
            .clerk_of("minobr")
            .create(&t.db, NOW)
            .await,
        head: TestPerson::new("volkov", "567-890-123 43")
            .named("Волков", "Игорь")
            .email("volkov@example.ru")
            .phone("+7 900 111-22-33")
            .head_of("minobr")
            .create(&t.db, NOW)
            .await,
        outsider: TestPerson::new("sokolova", "678-901-234 38")
            .named("Соколова", "Елена")
            .email("sokolova@example.ru")
            .phone("+7 900 111-22-33")
            .clerk_of("minsoc")
            .create(&t.db, NOW)
            .await,
        p,
    }
}

/// A kindergarten application filed and registered the real way; its id.
async fn filed(c: &Cast) -> String {
    c.p.clock.set(NOW);
    let id = start_draft(&c.p, &c.citizen, "kindergarten-enrolment").await.unwrap();
    fill_kindergarten(&c.p, &c.citizen, &id).await;
    submit(&c.p, &c.citizen, &id).await.unwrap();
    id
}

fn pdf_text(bytes: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages).unwrap().split_whitespace().collect::<Vec<_>>().join(" ")
}

fn seed(i: usize, department: &str, service: &str, applicant: &Principal, status: &str, deadline: &str) -> Seed {
    Seed {
        id: format!("00000000-0000-4000-8000-{i:012}"),
        number: format!("99-2026-{:06}", 100_000 + i),
        service: service.into(),
        department: department.into(),
        applicant_id: applicant.person_id,
        applicant_name: format!("Заявитель{i} Тест"),
        status: status.into(),
        assignee_id: None,
        origin: "regional".into(),
        municipality: None,
        submitted_at: NOW - 10 * DAY,
        deadline: deadline.into(),
        decided_at: None,
    }
}

#[tokio::test]
async fn two_clerks_taking_at_once_one_wins_and_the_other_is_told_who() {
    on_both(async |t| {
        let c = cast(t).await;
        let id = filed(&c).await;
        let (a, b) = tokio::join!(take(&c.p, &c.clerk, &id), take(&c.p, &c.clerk2, &id));
        let (winner, loser) = match (a, b) {
            (Ok(()), Err(e)) => ("Кузнецова Ольга", e),
            (Err(e), Ok(())) => ("Орлов Антон", e),
            other => panic!("exactly one must win: {other:?}"),
        };
        assert_eq!(refusal(Err::<(), _>(loser)), Refusal::AlreadyTaken { by: winner.into() });
        let page = application_page(&c.p, &c.citizen, &id, ru()).await.unwrap();
        assert_eq!(page.summary.status, Status::InReview);
        assert_eq!(page.history.iter().filter(|h| h.action == Action::Take).count(), 1, "one history entry");

        // Many at once, again after a return: still exactly one.
        let taker = if winner.starts_with("Кузнецова") { &c.clerk } else { &c.clerk2 };
        give_back(&c.p, taker, &id).await.unwrap();
        let attempts = futures_util::future::join_all((0..8).map(|i| take(&c.p, if i % 2 == 0 { &c.clerk } else { &c.clerk2 }, &id))).await;
        assert_eq!(attempts.iter().filter(|r| r.is_ok()).count(), 1, "{attempts:?}");
        assert!(attempts.iter().filter_map(|r| r.as_ref().err()).all(|e| matches!(e, Error::Refused(Refusal::AlreadyTaken { .. }))));
    })
    .await;
}

#[tokio::test]
async fn staff_of_other_departments_citizens_and_non_assignees_are_refused() {
    on_both(async |t| {
        let c = cast(t).await;
        let id = filed(&c).await;
        // Another department's clerk and the applicant find nothing, for every office action.
        for who in [&c.outsider, &c.citizen] {
            assert_eq!(refusal(staff_page(&c.p, who, &id, ru()).await), Refusal::NotFound);
            assert_eq!(refusal(take(&c.p, who, &id).await), Refusal::NotFound);
            assert_eq!(refusal(give_back(&c.p, who, &id).await), Refusal::NotFound);
            assert_eq!(refusal(request_info(&c.p, who, &id, "Нужна справка", &[]).await), Refusal::NotFound);
            assert_eq!(refusal(approve(&c.p, who, &id, ResultDocument::Generated).await), Refusal::NotFound);
            assert_eq!(refusal(refuse(&c.p, who, &id, Some(0), "Нет").await), Refusal::NotFound);
            assert_eq!(refusal(assign(&c.p, who, &id, c.clerk.person_id).await), Refusal::NotFound);
        }
        let outsiders_queue = queue(&c.p, &c.outsider, &QueueFilter::default(), None, ru()).await.unwrap();
        assert!(outsiders_queue.rows.is_empty(), "minsoc does not see minobr's applications");
        assert!(t.db.audit_records(Some("personal_data_access"), 10).await.unwrap().is_empty(), "refused readers leave no access record");

        // Nothing can be decided before someone takes it.
        assert!(matches!(refusal(approve(&c.p, &c.head, &id, ResultDocument::Generated).await), Refusal::Transition(_)));
        take(&c.p, &c.clerk, &id).await.unwrap();
        // The other clerk may not act on it; the head may.
        assert_eq!(refusal(request_info(&c.p, &c.clerk2, &id, "Нужна справка", &[]).await), Refusal::NotAssignee);
        assert_eq!(refusal(refuse(&c.p, &c.clerk2, &id, Some(0), "Нет").await), Refusal::NotAssignee);
        assert_eq!(refusal(give_back(&c.p, &c.clerk2, &id).await), Refusal::NotAssignee);
        assert_eq!(refusal(assign(&c.p, &c.clerk, &id, c.clerk2.person_id).await), Refusal::HeadOnly);
        assert_eq!(refusal(assign(&c.p, &c.head, &id, c.outsider.person_id).await), Refusal::NotFound, "only to staff of the department");
        assign(&c.p, &c.head, &id, c.clerk2.person_id).await.unwrap();
        assert_eq!(refusal(request_info(&c.p, &c.clerk, &id, "Нужна справка", &[]).await), Refusal::NotAssignee, "handed over");
        let page = staff_page(&c.p, &c.head, &id, ru()).await.unwrap();
        assert_eq!(page.assignee.as_deref(), Some("Орлов Антон"));
        assert!(page.actions.decide && !page.actions.take);
        assert!(page.actions.assign_to.iter().all(|l| l.code != c.clerk2.person_id.to_string()), "not to whom it is with");
        assert!(refusal(head_view(&c.p, &c.clerk, ru()).await) == Refusal::HeadOnly);
    })
    .await;
}

#[tokio::test]
async fn every_opening_of_an_application_by_staff_is_audited() {
    on_both(async |t| {
        let c = cast(t).await;
        let id = filed(&c).await;
        let page = staff_page(&c.p, &c.clerk, &id, ru()).await.unwrap();
        assert_eq!(page.applicant.name, "Иванова Мария");
        assert_eq!(page.applicant.snils.as_deref(), Some("123-456-789 64"));
        assert_eq!((page.days_left, page.urgency), (7, Urgency::InTime));
        assert!(page.actions.take && !page.actions.decide);
        c.p.clock.set(NOW + 1000);
        staff_page(&c.p, &c.head, &id, ru()).await.unwrap();
        let records = t.db.audit_records(Some("personal_data_access"), 10).await.unwrap();
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].actor_id, Some(c.head.person_id));
        assert_eq!(records[1].actor_id, Some(c.clerk.person_id));
        assert!(records.iter().all(|r| r.subject.as_deref() == Some(id.as_str()) && r.details.contains("application")));
    })
    .await;
}

#[tokio::test]
async fn asking_the_applicant_stops_the_clock_only_where_the_service_says_so() {
    on_both(async |t| {
        let c = cast(t).await;
        // Kindergarten places: the clock runs on.
        let id = filed(&c).await;
        take(&c.p, &c.clerk, &id).await.unwrap();
        assert_eq!(refusal(request_info(&c.p, &c.clerk, &id, "   ", &[]).await), Refusal::EmptyMessage);
        request_info(&c.p, &c.clerk, &id, "Приложите справку о составе семьи", &["Справка о составе семьи".into(), " ".into()]).await.unwrap();
        let page = application_page(&c.p, &c.citizen, &id, ru()).await.unwrap();
        assert_eq!(page.summary.status, Status::AwaitingApplicant);
        assert!(page.can_reply);
        assert_eq!(page.messages[0].missing, ["Справка о составе семьи"]);
        let awaiting = queue(&c.p, &c.clerk, &QueueFilter { queue: Queue::Awaiting, ..Default::default() }, None, ru()).await.unwrap();
        assert_eq!(awaiting.rows.len(), 1);
        // A reply four working days later (Tuesday 24 → Monday 30 November).
        c.p.clock.set(NOW + 7 * DAY);
        reply(&c.p, &c.citizen, &id, "Справку приложила", Vec::new()).await.unwrap();
        let page = application_page(&c.p, &c.citizen, &id, ru()).await.unwrap();
        assert_eq!(page.summary.status, Status::InReview);
        assert_eq!(page.summary.deadline.as_deref(), Some("2026-12-02"), "the kindergarten clock does not stop");

        // A housing subsidy's clock stops while the applicant is asked.
        let mut s = seed(1, "minsoc", "housing-subsidy", &c.citizen, "in_review", "2026-12-02");
        s.assignee_id = Some(c.outsider.person_id);
        seed_applications(&t.db, &[s.clone()]).await;
        c.p.clock.set(NOW + DAY);
        request_info(&c.p, &c.outsider, &s.id, "Нужна выписка", &[]).await.unwrap();
        c.p.clock.set(NOW + 7 * DAY);
        reply(&c.p, &c.citizen, &s.id, "Выписка", Vec::new()).await.unwrap();
        let page = application_page(&c.p, &c.citizen, &s.id, ru()).await.unwrap();
        assert_eq!(page.summary.deadline.as_deref(), Some("2026-12-08"), "four working days paused");
        // Replying twice is refused: nobody asked again.
        c.p.clock.set(NOW + 8 * DAY);
        assert!(matches!(refusal(reply(&c.p, &c.citizen, &s.id, "Ещё", Vec::new()).await), Refusal::Transition(_)));
    })
    .await;
}

#[tokio::test]
async fn approval_issues_a_generated_or_uploaded_result_and_refusal_needs_a_ground_and_a_reason() {
    on_both(async |t| {
        let c = cast(t).await;
        // Generated from the built-in template.
        let id = filed(&c).await;
        take(&c.p, &c.clerk, &id).await.unwrap();
        c.p.clock.set(NOW + DAY);
        approve(&c.p, &c.clerk, &id, ResultDocument::Generated).await.unwrap();
        let page = application_page(&c.p, &c.citizen, &id, ru()).await.unwrap();
        assert_eq!(page.summary.status, Status::ResultIssued);
        assert_eq!(
            page.history.iter().map(|h| h.action).collect::<Vec<_>>(),
            [Action::Submit, Action::Register, Action::Take, Action::Approve, Action::IssueResult]
        );
        assert_eq!(
            page.history.iter().map(|h| h.by.as_deref()).collect::<Vec<_>>(),
            [None, None, Some("Кузнецова Ольга"), Some("Кузнецова Ольга"), Some("Кузнецова Ольга")],
            "who did what"
        );
        assert_eq!(page.results.len(), 1);
        let file = t.db.attachment_file(&id, &page.results[0].id).await.unwrap().unwrap();
        let text = pdf_text(&c.p.files.get(&file.key).await.unwrap().unwrap());
        assert!(text.contains("Решение о предоставлении") && text.contains("99-2026-000001") && text.contains("Кузнецова Ольга"), "{text}");
        // Deciding again is refused and changes nothing.
        c.p.clock.set(NOW + DAY);
        assert!(matches!(refusal(approve(&c.p, &c.clerk, &id, ResultDocument::Generated).await), Refusal::Transition(_)));
        assert_eq!(count_rows(&t.db, "attachments").await, 1);

        // Uploaded by the clerk.
        let id = filed(&c).await;
        take(&c.p, &c.clerk, &id).await.unwrap();
        let pdf = bytes::Bytes::from_static(b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");
        let received = backend::applications::attachments::receive(
            &c.p.files,
            &NoScanner,
            "Направление.pdf",
            futures_util::stream::iter([Ok::<_, std::io::Error>(pdf)]),
            &result_file_limits(),
        )
        .await
        .unwrap();
        // The other clerk's upload is refused and its file removed.
        let key = received.key.clone();
        assert_eq!(refusal(approve(&c.p, &c.clerk2, &id, ResultDocument::Uploaded(received)).await), Refusal::NotAssignee);
        assert!(!c.p.files.exists(&key).await.unwrap(), "a refused upload leaves no file");
        let received = backend::applications::attachments::receive(
            &c.p.files,
            &NoScanner,
            "Направление.pdf",
            futures_util::stream::iter([Ok::<_, std::io::Error>(bytes::Bytes::from_static(b"%PDF-1.4\n%%EOF\n"))]),
            &result_file_limits(),
        )
        .await
        .unwrap();
        approve(&c.p, &c.clerk, &id, ResultDocument::Uploaded(received)).await.unwrap();
        let page = application_page(&c.p, &c.citizen, &id, ru()).await.unwrap();
        assert_eq!(page.results.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), ["Направление.pdf"]);

        // Refusal: a ground of the service and an explanation, both required.
        let id = filed(&c).await;
        take(&c.p, &c.clerk, &id).await.unwrap();
        assert_eq!(refusal(refuse(&c.p, &c.clerk, &id, None, "Нет мест").await), Refusal::NoGround);
        assert_eq!(refusal(refuse(&c.p, &c.clerk, &id, Some(99), "Нет мест").await), Refusal::NoGround);
        assert_eq!(refusal(refuse(&c.p, &c.clerk, &id, Some(0), "  ").await), Refusal::EmptyMessage);
        let staff = staff_page(&c.p, &c.clerk, &id, ru()).await.unwrap();
        refuse(&c.p, &c.clerk, &id, Some(0), "Ребёнку больше 7 лет").await.unwrap();
        let page = application_page(&c.p, &c.citizen, &id, ru()).await.unwrap();
        assert_eq!(page.summary.status, Status::Refused);
        let note = page.history.last().unwrap().note.clone().unwrap();
        assert!(note.starts_with(&staff.refusal_grounds[0]) && note.ends_with("Ребёнку больше 7 лет"), "{note}");
        let file = t.db.attachment_file(&id, &page.results[0].id).await.unwrap().unwrap();
        let text = pdf_text(&c.p.files.get(&file.key).await.unwrap().unwrap());
        assert!(text.contains("Решение об отказе") && text.contains("Ребёнку больше 7 лет"), "{text}");
        assert!(!page.can_withdraw, "nothing after a decision");
    })
    .await;
}

#[tokio::test]
async fn a_service_template_makes_its_own_result_document() {
    on_both(async |t| {
        let c = cast(t).await;
        let hunter =
            TestPerson::new("hunter", "234-567-890 99").named("Петров", "Сергей").email("hunter@example.ru").phone("+7 900 111-22-33").create(&t.db, NOW).await;
        let clerk = TestPerson::new("nature", "147-258-369 88")
            .named("Лесная", "Анна")
            .email("nature@example.ru")
            .phone("+7 900 111-22-33")
            .clerk_of("minprirody")
            .create(&t.db, NOW)
            .await;
        let mut s = seed(7, "minprirody", "hunting-permit", &hunter, "in_review", "2026-11-30");
        s.assignee_id = Some(clerk.person_id);
        seed_applications(&t.db, &[s.clone()]).await;
        approve(&c.p, &clerk, &s.id, ResultDocument::Generated).await.unwrap();
        let page = application_page(&c.p, &hunter, &s.id, ru()).await.unwrap();
        let file = t.db.attachment_file(&s.id, &page.results[0].id).await.unwrap().unwrap();
        let text = pdf_text(&c.p.files.get(&file.key).await.unwrap().unwrap());
        assert!(text.contains("Разрешение на добычу охотничьих ресурсов") && text.contains("Петров Сергей"), "{text}");
    })
    .await;
}

#[tokio::test]
async fn queues_filter_search_and_page_by_deadline() {
    on_both(async |t| {
        let c = cast(t).await;
        let mut seeds = Vec::new();
        for i in 0..60 {
            let mut s = seed(i, "minobr", "kindergarten-enrolment", &c.citizen, "registered", &format!("2026-12-{:02}", 1 + i % 20));
            s.municipality = Some(if i % 3 == 0 { "lesnoy" } else { "priozyorsk" }.into());
            if i % 10 == 0 {
                s.origin = "federal".into();
            }
            seeds.push(s);
        }
        seeds[5].applicant_name = "Ёлкина Алёна".into();
        seeds[6].status = "in_review".into();
        seeds[6].assignee_id = Some(c.clerk.person_id);
        seeds[7].deadline = "2026-11-20".into();
        seeds[8].status = "approved".into();
        seeds.push(seed(100, "minsoc", "housing-subsidy", &c.citizen, "registered", "2026-12-01"));
        seed_applications(&t.db, &seeds).await;
        let q = |filter: QueueFilter, cursor: Option<Cursor>| {
            let c = &c;
            async move { queue(&c.p, &c.clerk, &filter, cursor.as_ref(), ru()).await.unwrap() }
        };

        // New: registered only, by deadline then id, a page at a time, every row once.
        let first = q(QueueFilter::default(), None).await;
        assert_eq!(first.rows.len(), QUEUE_PAGE);
        assert_eq!(first.rows[0].deadline.as_deref(), Some("2026-11-20"), "the most urgent first");
        assert_eq!(first.rows[0].urgency, Urgency::Overdue);
        assert_eq!((first.near, first.overdue), (0, 1), "minsoc's are not counted");
        let mut seen: Vec<String> = first.rows.iter().map(|r| r.id.clone()).collect();
        let mut cursor = first.next.clone();
        while let Some(at) = cursor {
            let page = q(QueueFilter::default(), Some(at)).await;
            seen.extend(page.rows.iter().map(|r| r.id.clone()));
            cursor = page.next;
        }
        assert_eq!(seen.len(), 58, "60 minus one in review, one approved; not minsoc's");
        let mut unique = seen.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 58);

        let mine = q(QueueFilter { queue: Queue::Mine, ..Default::default() }, None).await;
        assert_eq!(mine.rows.iter().map(|r| r.number.as_str()).collect::<Vec<_>>(), ["99-2026-100006"]);
        assert_eq!(mine.rows[0].assignee.as_deref(), Some("Кузнецова Ольга"));
        let overdue = q(QueueFilter { queue: Queue::Overdue, ..Default::default() }, None).await;
        assert_eq!(overdue.rows.len(), 1);
        let decided = q(QueueFilter { queue: Queue::Decided, ..Default::default() }, None).await;
        assert_eq!(decided.rows.len(), 1);

        let by_municipality = q(QueueFilter { municipality: Some("lesnoy".into()), ..Default::default() }, None).await;
        assert!(by_municipality.rows.len() == 19 && by_municipality.next.is_none(), "{}", by_municipality.rows.len());
        let federal = q(QueueFilter { origin: Some(Origin::Federal), ..Default::default() }, None).await;
        assert_eq!(federal.rows.len(), 6);
        assert!(federal.rows.iter().all(|r| r.origin == Origin::Federal));
        let by_number = q(QueueFilter { search: Some("99-2026-100042".into()), ..Default::default() }, None).await;
        assert_eq!(by_number.rows.len(), 1);
        let by_name = q(QueueFilter { search: Some("елкина".into()), ..Default::default() }, None).await;
        assert_eq!(by_name.rows.iter().map(|r| r.applicant.as_str()).collect::<Vec<_>>(), ["Ёлкина Алёна"], "case and ё do not matter");
        let wildcard = q(QueueFilter { search: Some("%".into()), ..Default::default() }, None).await;
        assert!(wildcard.rows.is_empty(), "search text is taken literally");
        let dated = q(QueueFilter { from: Some("2026-11-13".into()), to: Some("2026-11-13".into()), ..Default::default() }, None).await;
        assert_eq!(dated.rows.len(), QUEUE_PAGE, "submitted on 13 November");
        let none = q(QueueFilter { from: Some("2026-11-14".into()), ..Default::default() }, None).await;
        assert!(none.rows.is_empty());
        let other_department = q(QueueFilter { department: Some("minsoc".into()), ..Default::default() }, None).await;
        assert_eq!(other_department.rows.len(), QUEUE_PAGE, "a department not theirs falls back to their own");
        assert!(other_department.rows.iter().all(|r| r.service_title.contains("детские сады")));
        assert_eq!(first.departments.iter().map(|d| d.code.as_str()).collect::<Vec<_>>(), ["minobr"]);
        assert!(first.services.iter().any(|s| s.code == "kindergarten-enrolment") && first.services.iter().all(|s| s.code != "housing-subsidy"));
    })
    .await;
}

#[tokio::test]
async fn the_head_sees_load_overdue_and_processing_times() {
    on_both(async |t| {
        let c = cast(t).await;
        let mut seeds = Vec::new();
        for i in 0..4 {
            let mut s = seed(i, "minobr", "kindergarten-enrolment", &c.citizen, "in_review", "2026-12-10");
            s.assignee_id = Some(if i < 3 { c.clerk.person_id } else { c.clerk2.person_id });
            seeds.push(s);
        }
        seeds.push(seed(10, "minobr", "school-enrolment", &c.citizen, "registered", "2026-11-20"));
        seeds.push(seed(11, "minobr", "kindergarten-enrolment", &c.citizen, "registered", "2026-12-20"));
        // Decided after 1, 2, … 10 working days: registered Monday 2 November, decided later
        // (4 November is a public holiday).
        for (k, day) in [3, 5, 6, 9, 10, 11, 12, 13, 16, 17].into_iter().enumerate() {
            let mut s = seed(20 + k, "minobr", "kindergarten-enrolment", &c.citizen, "result_issued", "2026-11-11");
            s.submitted_at = 1_793_599_200_000; // 2 November 2026, 09:00 in Moscow
            s.decided_at = Some(s.submitted_at + (day - 2) * DAY);
            seeds.push(s);
        }
        seeds.push(seed(40, "minsoc", "housing-subsidy", &c.citizen, "registered", "2026-11-01"));
        seed_applications(&t.db, &seeds).await;
        let view = head_view(&c.p, &c.head, ru()).await.unwrap();
        let load: Vec<(&str, i64)> = view.load.iter().map(|l| (l.name.as_str(), l.in_review)).collect();
        assert_eq!(load, [("Кузнецова Ольга", 3), ("Орлов Антон", 1), ("Волков Игорь", 0)]);
        assert_eq!(view.unassigned, 2);
        assert_eq!(view.overdue.len(), 1, "minsoc's overdue one is not the head's");
        assert!(view.overdue[0].0.contains("общеобразовательную") && view.overdue[0].1 == 1, "{:?}", view.overdue);
        assert_eq!(view.decided, 10);
        assert_eq!((view.average_days, view.p90_days), (5.5, 9));
    })
    .await;
}

#[tokio::test]
async fn deadline_warnings_are_queued_once_per_state() {
    on_both(async |t| {
        let c = cast(t).await;
        let mut seeds = vec![
            seed(1, "minobr", "kindergarten-enrolment", &c.citizen, "in_review", "2026-11-24"),
            seed(2, "minobr", "kindergarten-enrolment", &c.citizen, "registered", "2026-11-20"),
            seed(3, "minobr", "kindergarten-enrolment", &c.citizen, "registered", "2026-12-20"),
            seed(4, "minsoc", "housing-subsidy", &c.citizen, "awaiting_applicant", "2026-11-20"),
            seed(5, "minobr", "kindergarten-enrolment", &c.citizen, "result_issued", "2026-11-20"),
        ];
        seeds[0].assignee_id = Some(c.clerk.person_id);
        seed_applications(&t.db, &seeds).await;
        assert_eq!(warn_deadlines(&c.p).await.unwrap(), 2, "near and overdue; not the paused, far or decided ones");
        c.p.clock.set(NOW + 3_600_000);
        assert_eq!(warn_deadlines(&c.p).await.unwrap(), 0, "nobody is warned twice");
        // The near one passes its deadline: warned again, as overdue.
        c.p.clock.set(NOW + 2 * DAY);
        assert_eq!(warn_deadlines(&c.p).await.unwrap(), 1);
        assert_eq!(count_rows(&t.db, "outbox").await, 3);
    })
    .await;
}
