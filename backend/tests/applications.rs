//! Online applications on SQLite and PostgreSQL: drafts, files, submission, numbers, history,
//! outbox, withdrawal, and every bad input the issue names.

use backend::applications::applicant::withdraw;
use backend::applications::attachments::{attach, detach, Upload};
use backend::applications::drafts::{add_entry, delete_draft, draft_step, remove_entry, save_step, start_draft};
use backend::applications::queries::{application_page, my_applications, Shown};
use backend::applications::submit::submit;
use backend::clock::Clock;
use backend::outbox::Topic;
use backend::portal::Limits;
use backend::testing::{count_rows, demo_pack, form_values as values, on_both, TestDb};
use backend::{Error, FileStore, Portal};
use bytes::Bytes;
use domain::access::Principal;
use domain::application::{Refusal, Status, UploadProblem};
use domain::forms::Problem;
use domain::identity::{AssuranceLevel, Profile, Snils};
use domain::localized::Lang;
use std::sync::Arc;

/// 23 November 2026, 10:00 in Moscow.
const NOW: i64 = 1_795_417_200_000;

fn ru() -> Lang {
    Lang::parse("ru").unwrap()
}

/// The portal over the test database, its files in `_dir` (looked at directly by some tests),
/// its clock at `NOW`, the demo pack imported.
struct World {
    p: Portal,
    _dir: tempfile::TempDir,
}

impl std::ops::Deref for World {
    type Target = Portal;
    fn deref(&self) -> &Portal {
        &self.p
    }
}

async fn world(t: &TestDb) -> World {
    let dir = tempfile::tempdir().unwrap();
    let files = FileStore::local(dir.path()).unwrap();
    let p = Portal::new(t.db.clone(), files).with_clock(Clock::fixed(NOW));
    backend::region_pack::import(&p.db, &p.files, &demo_pack()).await.unwrap();
    World { p, _dir: dir }
}

async fn citizen(t: &TestDb, sub: &str, assurance: AssuranceLevel) -> Principal {
    let profile = Profile {
        family_name: "Иванова".into(),
        given_name: "Мария".into(),
        middle_name: Some("Петровна".into()),
        snils: Some(Snils::parse("123-456-789 64").unwrap()),
        birthdate: Some("1988-04-12".into()),
        email: Some("ivanova@example.ru".into()),
        phone: Some("+7 900 111-22-33".into()),
        assurance,
    };
    let id = t.db.upsert_person(sub, &profile, NOW).await.unwrap();
    t.db.principal(id).await.unwrap().unwrap()
}

async fn fill_kindergarten(w: &World, who: &Principal, id: &str) {
    backend::testing::fill_kindergarten(w, who, id).await;
}

fn refusal(result: Result<impl std::fmt::Debug, Error>) -> Refusal {
    match result {
        Err(Error::Refused(r)) => r,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";

#[tokio::test]
async fn a_draft_is_prefilled_kept_once_per_service_and_only_for_its_applicant() {
    on_both(async |t| {
        let w = world(t).await;
        let who = citizen(t, "ivanova", AssuranceLevel::Confirmed).await;
        let id = start_draft(&w, &who, "kindergarten-enrolment").await.unwrap();
        assert_eq!(start_draft(&w, &who, "kindergarten-enrolment").await.unwrap(), id, "one draft per service");
        let step = draft_step(&w, &who, &id, 0, false, ru()).await.unwrap();
        assert_eq!(step.data.values["family_name"], "Иванова");
        assert_eq!(step.data.values["snils"], "123-456-789 64");
        assert_eq!(step.data.values["phone"], "+7 900 111-22-33");
        assert_eq!(step.data.groups["children"].len(), 1);
        assert_eq!(step.service_title, "Постановка на учёт и зачисление детей в детские сады");
        assert_eq!(step.today, "2026-11-23");

        let other = citizen(t, "petrov", AssuranceLevel::Confirmed).await;
        assert_eq!(refusal(draft_step(&w, &other, &id, 0, false, ru()).await), Refusal::NotFound);
        assert_eq!(refusal(save_step(&w, &other, &id, 0, &values(&[("family_name", "X")])).await), Refusal::NotFound, "targets another citizen's draft");
        assert_eq!(refusal(delete_draft(&w, &other, &id).await), Refusal::NotFound);

        let simplified = citizen(t, "smirnov", AssuranceLevel::Simplified).await;
        assert!(matches!(refusal(start_draft(&w, &simplified, "kindergarten-enrolment").await), Refusal::AssuranceTooLow(_)));
        assert_eq!(refusal(start_draft(&w, &who, "internal-passport").await), Refusal::NotOnline, "a stage-2 service");
        assert_eq!(refusal(start_draft(&w, &who, "no-such-service").await), Refusal::NotOnline);
        assert_eq!(count_rows(&t.db, "applications").await, 1);
    })
    .await;
}

#[tokio::test]
async fn steps_keep_what_was_typed_and_refuse_fields_the_form_does_not_have() {
    on_both(async |t| {
        let w = world(t).await;
        let who = citizen(t, "ivanova", AssuranceLevel::Confirmed).await;
        let id = start_draft(&w, &who, "kindergarten-enrolment").await.unwrap();
        // Bad values are kept as typed; checking the step names each problem.
        save_step(&w, &who, &id, 0, &values(&[("family_name", "Иванова"), ("snils", "123-456-789 65"), ("email", "nope")])).await.unwrap();
        let step = draft_step(&w, &who, &id, 0, true, ru()).await.unwrap();
        assert_eq!(step.data.values["snils"], "123-456-789 65", "the value is kept as typed");
        let problems: Vec<(String, Problem)> = step.errors.iter().map(|e| (e.path.clone(), e.problem.clone())).collect();
        for expected in [
            ("snils".to_owned(), Problem::SnilsControlSum),
            ("email".to_owned(), Problem::BadEmail),
            ("given_name".to_owned(), Problem::Required),
            ("relation".to_owned(), Problem::Required),
        ] {
            assert!(problems.contains(&expected), "{expected:?} in {problems:?}");
        }
        let before = draft_step(&w, &who, &id, 0, false, ru()).await.unwrap().data;
        let r = refusal(save_step(&w, &who, &id, 0, &values(&[("family_name", "X"), ("is_admin", "true"), ("desired_date", "2027-01-01")])).await);
        assert_eq!(r, Refusal::UnknownFields { paths: vec!["desired_date".into(), "is_admin".into()] }, "a field of another step counts as unknown too");
        assert_eq!(draft_step(&w, &who, &id, 0, false, ru()).await.unwrap().data, before, "nothing changed");
    })
    .await;
}

#[tokio::test]
async fn files_are_checked_before_anything_is_stored() {
    on_both(async |t| {
        let w = world(t).await;
        let who = citizen(t, "ivanova", AssuranceLevel::Confirmed).await;
        let id = start_draft(&w, &who, "kindergarten-enrolment").await.unwrap();
        let upload = |path: &str, bytes: Vec<u8>| Upload { field_path: path.into(), file_name: "скан.pdf".into(), bytes: Bytes::from(bytes) };
        let try_attach = |u: Upload| attach(&w, &who, &id, u);
        assert_eq!(refusal(try_attach(upload("priority_proof", vec![])).await), Refusal::Upload { problem: UploadProblem::Empty });
        let mut big = PDF.to_vec();
        big.resize(5 * 1024 * 1024 + 1, b' ');
        assert_eq!(refusal(try_attach(upload("priority_proof", big)).await), Refusal::Upload { problem: UploadProblem::TooLarge { max_kb: 5120 } });
        let exe = b"MZ\x90\x00 this is a program pretending to be a PDF".to_vec();
        assert!(
            matches!(refusal(try_attach(upload("priority_proof", exe)).await), Refusal::Upload { problem: UploadProblem::WrongType { .. } }),
            "judged by content, not by name"
        );
        let odt = std::fs::read(demo_pack().join("blanks/kindergarten-enrolment.odt")).unwrap();
        assert!(
            matches!(refusal(try_attach(upload("priority_proof", odt)).await), Refusal::Upload { problem: UploadProblem::WrongType { .. } }),
            "ODT is not among this field's formats"
        );
        assert_eq!(refusal(try_attach(upload("family_name", PDF.to_vec())).await), Refusal::Upload { problem: UploadProblem::NotAFileField });
        assert_eq!(refusal(try_attach(upload("children[7].photo", PDF.to_vec())).await), Refusal::Upload { problem: UploadProblem::NotAFileField });
        assert_eq!(count_rows(&t.db, "attachments").await, 0, "nothing recorded");
        assert!(!w._dir.path().join("attachments").exists(), "nothing left in the file store");

        for _ in 0..3 {
            try_attach(upload("priority_proof", PDF.to_vec())).await.unwrap();
        }
        assert_eq!(refusal(try_attach(upload("priority_proof", PDF.to_vec())).await), Refusal::Upload { problem: UploadProblem::TooMany { max: 3 } });
        let step = draft_step(&w, &who, &id, 2, false, ru()).await.unwrap();
        assert_eq!(step.files.len(), 3);
        detach(&w, &who, &id, &step.files[0].id).await.unwrap();
        assert_eq!(count_rows(&t.db, "attachments").await, 2);
        let other = citizen(t, "petrov", AssuranceLevel::Confirmed).await;
        assert_eq!(refusal(detach(&w, &other, &id, &step.files[1].id).await), Refusal::NotFound);
    })
    .await;
}

#[tokio::test]
async fn a_streamed_file_is_stopped_as_soon_as_it_is_too_large_or_breaks_off_and_leaves_nothing() {
    use backend::applications::attachments::attach_stream;
    on_both(async |t| {
        let w = world(t).await;
        let who = citizen(t, "ivanova", AssuranceLevel::Confirmed).await;
        let id = start_draft(&w, &who, "kindergarten-enrolment").await.unwrap();
        // 5 MB allowed: a PDF arriving in 64 KB pieces, 6 MB long.
        let piece = Bytes::from(vec![b' '; 64 * 1024]);
        let mut pieces = vec![Ok::<_, std::io::Error>(Bytes::from_static(PDF))];
        pieces.extend((0..96).map(|_| Ok(piece.clone())));
        let r = attach_stream(&w, &who, &id, "priority_proof", "big.pdf", futures_util::stream::iter(pieces)).await;
        assert_eq!(refusal(r), Refusal::Upload { problem: UploadProblem::TooLarge { max_kb: 5120 } });
        let broken = vec![Ok(Bytes::from_static(PDF)), Ok(piece.clone()), Ok(piece), Err(std::io::Error::other("connection reset"))];
        let r = attach_stream(&w, &who, &id, "priority_proof", "cut.pdf", futures_util::stream::iter(broken)).await;
        assert_eq!(refusal(r), Refusal::Upload { problem: UploadProblem::Interrupted });
        assert_eq!(count_rows(&t.db, "attachments").await, 0);
        let stored: Vec<String> = backend::testing::files_in(w._dir.path()).iter().map(|p| p.display().to_string()).collect();
        assert!(stored.iter().all(|p| !p.contains("attachments")), "no file or partial file left: {stored:?}");
        // In pieces and within the limit, it is accepted whole.
        let mut pieces = vec![Ok::<_, std::io::Error>(Bytes::from_static(PDF))];
        pieces.extend((0..20).map(|_| Ok(Bytes::from(vec![b' '; 64 * 1024]))));
        let file = attach_stream(&w, &who, &id, "priority_proof", "ok.pdf", futures_util::stream::iter(pieces)).await.unwrap();
        assert_eq!(file.size, PDF.len() as u64 + 20 * 64 * 1024);
    })
    .await;
}

#[tokio::test]
async fn group_entries_are_added_and_removed_with_their_files() {
    on_both(async |t| {
        let w = world(t).await;
        let who = citizen(t, "ivanova", AssuranceLevel::Confirmed).await;
        let id = start_draft(&w, &who, "kindergarten-enrolment").await.unwrap();
        for _ in 0..10 {
            add_entry(&w, &who, &id, "children").await.unwrap();
        }
        let data = draft_step(&w, &who, &id, 1, false, ru()).await.unwrap().data;
        assert_eq!(data.groups["children"].len(), 5, "no more than max_items");
        remove_entry(&w, &who, &id, "children", 0).await.unwrap();
        let data = draft_step(&w, &who, &id, 1, false, ru()).await.unwrap().data;
        assert_eq!(data.groups["children"].len(), 4);
        assert!(matches!(refusal(remove_entry(&w, &who, &id, "children", 9).await), Refusal::UnknownFields { .. }));
        assert!(matches!(refusal(add_entry(&w, &who, &id, "pets").await), Refusal::UnknownFields { .. }));
    })
    .await;
}

#[tokio::test]
async fn submission_registers_once_with_a_number_history_deadline_and_outbox() {
    on_both(async |t| {
        let w = world(t).await;
        let who = citizen(t, "ivanova", AssuranceLevel::Confirmed).await;
        let id = start_draft(&w, &who, "kindergarten-enrolment").await.unwrap();

        // Incomplete: refused with every problem, nothing changes.
        let Refusal::Invalid { errors } = refusal(submit(&w, &who, &id).await) else { panic!() };
        assert!(errors.iter().any(|e| e.path == "consent_personal_data" && e.problem == Problem::MustBeChecked), "{errors:?}");
        assert_eq!(count_rows(&t.db, "outbox").await, 0);
        assert_eq!(count_rows(&t.db, "application_events").await, 0);

        fill_kindergarten(&w, &who, &id).await;
        // A hidden field filled: the priority kind without the priority right.
        save_step(
            &w,
            &who,
            &id,
            2,
            &values(&[
                ("desired_date", "2027-09-01"),
                ("municipality", "priozyorsk"),
                ("preferred_kindergarten", "№ 5"),
                ("day_mode", "full"),
                ("priority_kind", "large_family"),
            ]),
        )
        .await
        .unwrap();
        let Refusal::Invalid { errors } = refusal(submit(&w, &who, &id).await) else { panic!() };
        assert_eq!(errors.iter().map(|e| (e.path.as_str(), &e.problem)).collect::<Vec<_>>(), [("priority_kind", &Problem::HiddenFilled)]);

        fill_kindergarten(&w, &who, &id).await;
        let number = submit(&w, &who, &id).await.unwrap();
        let receipt = backend::applications::submit::receipt(&w, &who, &id, ru()).await.unwrap();
        assert_eq!((number.as_str(), receipt.number.as_str()), ("99-2026-000001", "99-2026-000001"));
        assert_eq!(receipt.registered_at, "2026-11-23 10:00");
        assert_eq!(receipt.department, "Министерство образования Приозёрского края");
        // 7 working days after Monday 23 November 2026.
        assert_eq!(receipt.deadline, "2026-12-02");
        // A double click or a refresh: the same receipt, nothing more.
        w.clock.set(NOW + 500);
        assert_eq!(submit(&w, &who, &id).await.unwrap(), number, "the same number");
        w.clock.set(NOW);
        assert_eq!(count_rows(&t.db, "application_events").await, 2, "submitted, registered");
        assert_eq!(count_rows(&t.db, "outbox").await, 5, "register + (status, notify) × 2");
        let topics = backend::testing::outbox_topics(&t.db, &id).await;
        assert_eq!(
            topics,
            [Topic::Federal.as_str(), Topic::Federal.as_str(), Topic::Notify.as_str(), Topic::Federal.as_str(), Topic::Notify.as_str()],
            "the registration goes first"
        );
        assert_eq!(refusal(save_step(&w, &who, &id, 0, &values(&[])).await), Refusal::NotEditable);

        let page = application_page(&w, &who, &id, ru()).await.unwrap();
        assert_eq!(page.summary.status, Status::Registered);
        assert_eq!(page.history.iter().map(|h| h.status).collect::<Vec<_>>(), [Status::Submitted, Status::Registered]);
        assert!(page.can_withdraw && !page.can_reply);
        assert_eq!(page.data.groups["children"].len(), 2);

        // The next application gets the next number.
        let second = start_draft(&w, &who, "kindergarten-enrolment").await.unwrap();
        assert_ne!(second, id, "a new draft once the first is sent");
        fill_kindergarten(&w, &who, &second).await;
        assert_eq!(submit(&w, &who, &second).await.unwrap(), "99-2026-000002");
        let list = my_applications(&w, &who, Shown::Active, ru()).await.unwrap();
        assert_eq!(list.len(), 2);
        assert!(my_applications(&w, &who, Shown::Drafts, ru()).await.unwrap().is_empty());
    })
    .await;
}

#[tokio::test]
async fn the_account_level_a_service_requires_is_checked_again_at_submission() {
    on_both(async |t| {
        let w = world(t).await;
        let who = citizen(t, "ivanova", AssuranceLevel::Confirmed).await;
        let id = start_draft(&w, &who, "kindergarten-enrolment").await.unwrap();
        fill_kindergarten(&w, &who, &id).await;
        // A later login vouches for less than the service needs (its confirmation withdrawn).
        citizen(t, "ivanova", AssuranceLevel::Simplified).await;
        assert!(matches!(refusal(submit(&w, &who, &id).await), Refusal::AssuranceTooLow(_)));
        assert_eq!(count_rows(&t.db, "outbox").await, 0, "nothing is sent");
        assert_eq!(count_rows(&t.db, "application_events").await, 0, "and it stays a draft");
        citizen(t, "ivanova", AssuranceLevel::Standard).await;
        assert_eq!(submit(&w, &who, &id).await.unwrap(), "99-2026-000001");
    })
    .await;
}

#[tokio::test]
async fn racing_submissions_of_one_draft_give_one_application() {
    on_both(async |t| {
        let w = world(t).await;
        let who = citizen(t, "ivanova", AssuranceLevel::Confirmed).await;
        let id = start_draft(&w, &who, "kindergarten-enrolment").await.unwrap();
        fill_kindergarten(&w, &who, &id).await;
        let attempts = (0..6).map(|_| submit(&w, &who, &id));
        let receipts = futures_util::future::join_all(attempts).await;
        let numbers: Vec<String> = receipts.into_iter().map(Result::unwrap).collect();
        assert!(numbers.iter().all(|n| n == "99-2026-000001"), "{numbers:?}");
        assert_eq!(count_rows(&t.db, "application_events").await, 2);
        assert_eq!(count_rows(&t.db, "outbox").await, 5);
    })
    .await;
}

#[tokio::test]
async fn a_form_changed_between_draft_and_submit_is_explained_and_the_draft_follows_it() {
    on_both(async |t| {
        let w = world(t).await;
        let who = citizen(t, "ivanova", AssuranceLevel::Confirmed).await;
        let id = start_draft(&w, &who, "kindergarten-enrolment").await.unwrap();
        fill_kindergarten(&w, &who, &id).await;
        // The operator re-imports the pack with the day-mode question removed.
        let pack = backend::testing::edited_demo_pack(|c| c);
        let form = pack.path().join("forms/kindergarten-enrolment.json");
        let mut schema: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&form).unwrap()).unwrap();
        let fields = schema["steps"][2]["fields"].as_array_mut().unwrap();
        fields.retain(|f| f["id"] != "day_mode");
        std::fs::write(&form, schema.to_string()).unwrap();
        backend::region_pack::import(&w.db, &w.files, pack.path()).await.unwrap();

        assert_eq!(refusal(submit(&w, &who, &id).await), Refusal::FormChanged);
        assert_eq!(count_rows(&t.db, "outbox").await, 0, "nothing submitted");
        let step = draft_step(&w, &who, &id, 2, false, ru()).await.unwrap();
        assert!(!step.data.values.contains_key("day_mode"), "the value of the vanished field is dropped");
        assert_eq!(step.data.values["municipality"], "priozyorsk", "the rest is kept");
        assert_eq!(submit(&w, &who, &id).await.unwrap(), "99-2026-000001");
    })
    .await;
}

#[tokio::test]
async fn withdrawal_is_allowed_before_a_decision_only_and_drafts_can_be_deleted() {
    on_both(async |t| {
        let w = world(t).await;
        let who = citizen(t, "ivanova", AssuranceLevel::Confirmed).await;
        let id = start_draft(&w, &who, "kindergarten-enrolment").await.unwrap();
        assert!(matches!(refusal(withdraw(&w, &who, &id).await), Refusal::Transition(_)), "a draft is deleted, not withdrawn");
        fill_kindergarten(&w, &who, &id).await;
        submit(&w, &who, &id).await.unwrap();
        let other = citizen(t, "petrov", AssuranceLevel::Confirmed).await;
        assert_eq!(refusal(withdraw(&w, &other, &id).await), Refusal::NotFound);
        w.clock.set(NOW + 1000);
        withdraw(&w, &who, &id).await.unwrap();
        w.clock.set(NOW);
        let page = application_page(&w, &who, &id, ru()).await.unwrap();
        assert_eq!(page.summary.status, Status::Withdrawn);
        assert!(!page.can_withdraw);
        assert!(matches!(refusal(withdraw(&w, &who, &id).await), Refusal::Transition(_)));
        assert_eq!(my_applications(&w, &who, Shown::Closed, ru()).await.unwrap().len(), 1);

        let draft = start_draft(&w, &who, "hunting-permit").await.unwrap();
        let late = Upload { field_path: "priority_proof".into(), file_name: "a.pdf".into(), bytes: Bytes::from_static(PDF) };
        assert_eq!(refusal(attach(&w, &who, &id, late).await), Refusal::NotEditable, "no files added after submission");
        delete_draft(&w, &who, &draft).await.unwrap();
        assert_eq!(refusal(draft_step(&w, &who, &draft, 0, false, ru()).await), Refusal::NotFound);
        assert_eq!(refusal(delete_draft(&w, &who, &id).await), Refusal::NotEditable, "a sent application is not a draft");
    })
    .await;
}

/// `w` with `scanner` checking uploads.
fn scanned(w: World, scanner: &Arc<backend::files::clamd::Clamd>) -> World {
    World { p: w.p.clone().with_scanner(scanner.clone()), _dir: w._dir }
}

/// Files in the store's attachment folders.
fn stored_attachments(w: &World) -> usize {
    let root = w._dir.path().join("attachments");
    std::fs::read_dir(&root).map_or(0, |dirs| dirs.filter_map(Result::ok).map(|d| std::fs::read_dir(d.path()).map_or(0, |f| f.count())).sum())
}

#[tokio::test]
async fn a_file_the_virus_scanner_flags_is_refused_and_kept_nowhere() {
    use backend::files::clamd::Clamd;
    use backend::files::scan::{Scanner, ScannerStatus};
    let clamd = backend::testing::ClamdServer::start().await;
    let scanner = Arc::new(Clamd::new(&clamd.address).unwrap());
    on_both(async |t| {
        let w = scanned(world(t).await, &scanner);
        let who = citizen(t, "ivanova", AssuranceLevel::Confirmed).await;
        let id = start_draft(&w, &who, "kindergarten-enrolment").await.unwrap();
        let upload = |name: &str, bytes: Vec<u8>| Upload { field_path: "priority_proof".into(), file_name: name.into(), bytes: Bytes::from(bytes) };
        let infected = attach(&w, &who, &id, upload("справка.pdf", backend::testing::infected_pdf())).await;
        assert_eq!(refusal(infected), Refusal::Upload { problem: UploadProblem::Rejected });
        assert_eq!((count_rows(&t.db, "attachments").await, stored_attachments(&w)), (0, 0), "kept nowhere");

        // A clean file passes, named after its content.
        let clean = attach(&w, &who, &id, upload("справка.exe", PDF.to_vec())).await.unwrap();
        assert_eq!(clean.name, "справка.pdf");
        assert_eq!((count_rows(&t.db, "attachments").await, stored_attachments(&w)), (1, 1));
    })
    .await;
    assert!(matches!(scanner.status().await, ScannerStatus::On { answers: true, .. }));

    // The scanner gone: files are refused, never taken unchecked.
    drop(clamd);
    assert!(matches!(scanner.status().await, ScannerStatus::On { answers: false, .. }));
    on_both(async |t| {
        let w = scanned(world(t).await, &scanner);
        let who = citizen(t, "ivanova", AssuranceLevel::Confirmed).await;
        let id = start_draft(&w, &who, "kindergarten-enrolment").await.unwrap();
        let upload = Upload { field_path: "priority_proof".into(), file_name: "скан.pdf".into(), bytes: Bytes::from_static(PDF) };
        let refused = attach(&w, &who, &id, upload).await;
        assert_eq!(refusal(refused), Refusal::Upload { problem: UploadProblem::ScanUnavailable });
        assert_eq!((count_rows(&t.db, "attachments").await, stored_attachments(&w)), (0, 0));
    })
    .await;
}

#[tokio::test]
async fn a_person_sends_so_many_applications_an_hour_and_keeps_so_many_drafts() {
    use domain::application::MAX_OPEN_DRAFTS;
    on_both(async |t| {
        let w = world(t).await;
        let who = citizen(t, "ivanova", AssuranceLevel::Confirmed).await;
        // One application an hour for submitting; drafts under the default limits.
        let limited = w.p.clone().with_limits(Limits { submissions_per_hour: 1, ..w.limits });
        let first = start_draft(&w, &who, "kindergarten-enrolment").await.unwrap();
        fill_kindergarten(&w, &who, &first).await;
        submit(&limited, &who, &first).await.unwrap();
        let second = start_draft(&w, &who, "kindergarten-enrolment").await.unwrap();
        fill_kindergarten(&w, &who, &second).await;
        w.clock.set(NOW + 60_000);
        assert_eq!(refusal(submit(&limited, &who, &second).await), Refusal::TooManySubmissions);
        w.clock.set(NOW + 3_600_001);
        assert_eq!(submit(&limited, &who, &second).await.unwrap(), "99-2026-000002", "an hour later");
        w.clock.set(NOW);

        // Drafts of as many services as the cap: no new one until one is sent or deleted.
        let codes: Vec<String> = backend::testing::public_catalog(&t.db)
            .await
            .iter()
            .filter_map(|line| line.strip_prefix("services:")?.split(':').nth(1).map(str::to_owned))
            .filter(|code| code != "kindergarten-enrolment")
            .take(MAX_OPEN_DRAFTS as usize)
            .collect();
        let seeds: Vec<backend::testing::Seed> = codes
            .iter()
            .enumerate()
            .map(|(i, code)| backend::testing::Seed {
                id: format!("00000000-0000-4000-a000-{i:012}"),
                number: format!("draft-{i}"),
                service: code.clone(),
                department: "minobr".into(),
                applicant_id: who.person_id,
                applicant_name: "Иванова Мария Петровна".into(),
                status: "draft".into(),
                assignee_id: None,
                origin: "regional".into(),
                municipality: None,
                submitted_at: NOW,
                deadline: "2026-12-31".into(),
                decided_at: None,
            })
            .collect();
        backend::testing::seed_applications(&t.db, &seeds).await;
        assert_eq!(refusal(start_draft(&w, &who, "kindergarten-enrolment").await), Refusal::TooManyDrafts);
        delete_draft(&w, &who, &seeds[0].id).await.unwrap();
        start_draft(&w, &who, "kindergarten-enrolment").await.unwrap();
    })
    .await;
}
