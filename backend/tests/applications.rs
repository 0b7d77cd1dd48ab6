//! Online applications on SQLite and PostgreSQL: drafts, files, submission, numbers, history,
//! outbox, withdrawal, and every bad input the issue names.

use backend::applications::attachments::{attach, detach, Upload};
use backend::applications::drafts::{add_entry, delete_draft, draft_step, remove_entry, save_step, start_draft};
use backend::applications::queries::{application_page, my_applications, Shown};
use backend::applications::submit::submit;
use backend::applications::{applicant::withdraw, TOPIC_FEDERAL, TOPIC_NOTIFY};
use backend::files::scan::NoScanner;
use backend::region_rules::RegionRules;
use backend::testing::{count_rows, demo_pack, form_values as values, on_both, TestDb};
use backend::{Error, FileStore};
use bytes::Bytes;
use domain::access::Principal;
use domain::application::{Refusal, Status, UploadProblem};
use domain::forms::Problem;
use domain::identity::{AssuranceLevel, Profile, Snils};
use domain::localized::Lang;

/// 23 November 2026, 10:00 in Moscow.
const NOW: i64 = 1_795_417_200_000;

fn ru() -> Lang {
    Lang::parse("ru").unwrap()
}

struct World {
    files: FileStore,
    _dir: tempfile::TempDir,
    rules: RegionRules,
}

async fn world(t: &TestDb) -> World {
    let dir = tempfile::tempdir().unwrap();
    let files = FileStore::local(dir.path()).unwrap();
    backend::region_pack::import(&t.db, &files, &demo_pack()).await.unwrap();
    let rules = t.db.region_rules().await.unwrap().unwrap();
    World { files, _dir: dir, rules }
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

async fn fill_kindergarten(t: &TestDb, who: &Principal, id: &str) {
    backend::testing::fill_kindergarten(&t.db, who.person_id, id, NOW).await;
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
        let id = start_draft(&t.db, &who, "kindergarten-enrolment", NOW).await.unwrap();
        assert_eq!(start_draft(&t.db, &who, "kindergarten-enrolment", NOW).await.unwrap(), id, "one draft per service");
        let step = draft_step(&t.db, who.person_id, &id, 0, false, ru(), &w.rules, NOW).await.unwrap();
        assert_eq!(step.data.values["family_name"], "Иванова");
        assert_eq!(step.data.values["snils"], "123-456-789 64");
        assert_eq!(step.data.values["phone"], "+7 900 111-22-33");
        assert_eq!(step.data.groups["children"].len(), 1);
        assert_eq!(step.service_title, "Постановка на учёт и зачисление детей в детские сады");
        assert_eq!(step.today, "2026-11-23");

        let other = citizen(t, "petrov", AssuranceLevel::Confirmed).await;
        assert_eq!(refusal(draft_step(&t.db, other.person_id, &id, 0, false, ru(), &w.rules, NOW).await), Refusal::NotFound);
        assert_eq!(refusal(save_step(&t.db, other.person_id, &id, 0, &values(&[("family_name", "X")]), NOW).await), Refusal::NotFound, "targets another citizen's draft");
        assert_eq!(refusal(delete_draft(&t.db, &w.files, other.person_id, &id).await), Refusal::NotFound);

        let simplified = citizen(t, "smirnov", AssuranceLevel::Simplified).await;
        assert!(matches!(refusal(start_draft(&t.db, &simplified, "kindergarten-enrolment", NOW).await), Refusal::AssuranceTooLow(_)));
        assert_eq!(refusal(start_draft(&t.db, &who, "internal-passport", NOW).await), Refusal::NotOnline, "a stage-2 service");
        assert_eq!(refusal(start_draft(&t.db, &who, "no-such-service", NOW).await), Refusal::NotOnline);
        assert_eq!(count_rows(&t.db, "applications").await, 1);
    })
    .await;
}

#[tokio::test]
async fn steps_keep_what_was_typed_and_refuse_fields_the_form_does_not_have() {
    on_both(async |t| {
        let w = world(t).await;
        let who = citizen(t, "ivanova", AssuranceLevel::Confirmed).await;
        let id = start_draft(&t.db, &who, "kindergarten-enrolment", NOW).await.unwrap();
        // Bad values are kept as typed; checking the step names each problem.
        save_step(&t.db, who.person_id, &id, 0, &values(&[("family_name", "Иванова"), ("snils", "123-456-789 65"), ("email", "nope")]), NOW).await.unwrap();
        let step = draft_step(&t.db, who.person_id, &id, 0, true, ru(), &w.rules, NOW).await.unwrap();
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
        let before = draft_step(&t.db, who.person_id, &id, 0, false, ru(), &w.rules, NOW).await.unwrap().data;
        let r = refusal(save_step(&t.db, who.person_id, &id, 0, &values(&[("family_name", "X"), ("is_admin", "true"), ("desired_date", "2027-01-01")]), NOW).await);
        assert_eq!(r, Refusal::UnknownFields { paths: vec!["desired_date".into(), "is_admin".into()] }, "a field of another step counts as unknown too");
        assert_eq!(draft_step(&t.db, who.person_id, &id, 0, false, ru(), &w.rules, NOW).await.unwrap().data, before, "nothing changed");
    })
    .await;
}

#[tokio::test]
async fn files_are_checked_before_anything_is_stored() {
    on_both(async |t| {
        let w = world(t).await;
        let who = citizen(t, "ivanova", AssuranceLevel::Confirmed).await;
        let id = start_draft(&t.db, &who, "kindergarten-enrolment", NOW).await.unwrap();
        let upload = |path: &str, bytes: Vec<u8>| Upload { field_path: path.into(), file_name: "скан.pdf".into(), bytes: Bytes::from(bytes) };
        let try_attach = |u: Upload| attach(&t.db, &w.files, &NoScanner, who.person_id, &id, u, NOW);
        assert_eq!(refusal(try_attach(upload("priority_proof", vec![])).await), Refusal::Upload { problem: UploadProblem::Empty });
        let mut big = PDF.to_vec();
        big.resize(5 * 1024 * 1024 + 1, b' ');
        assert_eq!(refusal(try_attach(upload("priority_proof", big)).await), Refusal::Upload { problem: UploadProblem::TooLarge { max_kb: 5120 } });
        let exe = b"MZ\x90\x00 this is a program pretending to be a PDF".to_vec();
        assert!(matches!(refusal(try_attach(upload("priority_proof", exe)).await), Refusal::Upload { problem: UploadProblem::WrongType { .. } }), "judged by content, not by name");
        let odt = std::fs::read(demo_pack().join("blanks/kindergarten-enrolment.odt")).unwrap();
        assert!(matches!(refusal(try_attach(upload("priority_proof", odt)).await), Refusal::Upload { problem: UploadProblem::WrongType { .. } }), "ODT is not among this field's formats");
        assert_eq!(refusal(try_attach(upload("family_name", PDF.to_vec())).await), Refusal::Upload { problem: UploadProblem::NotAFileField });
        assert_eq!(refusal(try_attach(upload("children[7].photo", PDF.to_vec())).await), Refusal::Upload { problem: UploadProblem::NotAFileField });
        assert_eq!(count_rows(&t.db, "attachments").await, 0, "nothing recorded");
        assert!(!w._dir.path().join("attachments").exists(), "nothing left in the file store");

        for _ in 0..3 {
            try_attach(upload("priority_proof", PDF.to_vec())).await.unwrap();
        }
        assert_eq!(refusal(try_attach(upload("priority_proof", PDF.to_vec())).await), Refusal::Upload { problem: UploadProblem::TooMany { max: 3 } });
        let step = draft_step(&t.db, who.person_id, &id, 2, false, ru(), &w.rules, NOW).await.unwrap();
        assert_eq!(step.files.len(), 3);
        detach(&t.db, &w.files, who.person_id, &id, &step.files[0].id).await.unwrap();
        assert_eq!(count_rows(&t.db, "attachments").await, 2);
        let other = citizen(t, "petrov", AssuranceLevel::Confirmed).await;
        assert_eq!(refusal(detach(&t.db, &w.files, other.person_id, &id, &step.files[1].id).await), Refusal::NotFound);
    })
    .await;
}

#[tokio::test]
async fn a_streamed_file_is_stopped_as_soon_as_it_is_too_large_or_breaks_off_and_leaves_nothing() {
    use backend::applications::attachments::attach_stream;
    on_both(async |t| {
        let w = world(t).await;
        let who = citizen(t, "ivanova", AssuranceLevel::Confirmed).await;
        let id = start_draft(&t.db, &who, "kindergarten-enrolment", NOW).await.unwrap();
        // 5 MB allowed: a PDF arriving in 64 KB pieces, 6 MB long.
        let piece = Bytes::from(vec![b' '; 64 * 1024]);
        let mut pieces = vec![Ok::<_, std::io::Error>(Bytes::from_static(PDF))];
        pieces.extend((0..96).map(|_| Ok(piece.clone())));
        let r = attach_stream(&t.db, &w.files, &NoScanner, who.person_id, &id, "priority_proof", "big.pdf", futures_util::stream::iter(pieces), NOW).await;
        assert_eq!(refusal(r), Refusal::Upload { problem: UploadProblem::TooLarge { max_kb: 5120 } });
        let broken = vec![Ok(Bytes::from_static(PDF)), Ok(piece.clone()), Ok(piece), Err(std::io::Error::other("connection reset"))];
        let r = attach_stream(&t.db, &w.files, &NoScanner, who.person_id, &id, "priority_proof", "cut.pdf", futures_util::stream::iter(broken), NOW).await;
        assert_eq!(refusal(r), Refusal::Upload { problem: UploadProblem::Interrupted });
        assert_eq!(count_rows(&t.db, "attachments").await, 0);
        let stored: Vec<_> = walkdir(w._dir.path());
        assert!(stored.iter().all(|p| !p.contains("attachments")), "no file or partial file left: {stored:?}");
        // In pieces and within the limit, it is accepted whole.
        let mut pieces = vec![Ok::<_, std::io::Error>(Bytes::from_static(PDF))];
        pieces.extend((0..20).map(|_| Ok(Bytes::from(vec![b' '; 64 * 1024]))));
        let file = attach_stream(&t.db, &w.files, &NoScanner, who.person_id, &id, "priority_proof", "ok.pdf", futures_util::stream::iter(pieces), NOW).await.unwrap();
        assert_eq!(file.size, PDF.len() as u64 + 20 * 64 * 1024);
    })
    .await;
}

/// Every file under `dir`, as text paths.
fn walkdir(dir: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walkdir(&path));
        } else {
            out.push(path.display().to_string());
        }
    }
    out
}

#[tokio::test]
async fn group_entries_are_added_and_removed_with_their_files() {
    on_both(async |t| {
        let w = world(t).await;
        let who = citizen(t, "ivanova", AssuranceLevel::Confirmed).await;
        let id = start_draft(&t.db, &who, "kindergarten-enrolment", NOW).await.unwrap();
        for _ in 0..10 {
            add_entry(&t.db, who.person_id, &id, "children", NOW).await.unwrap();
        }
        let data = draft_step(&t.db, who.person_id, &id, 1, false, ru(), &w.rules, NOW).await.unwrap().data;
        assert_eq!(data.groups["children"].len(), 5, "no more than max_items");
        remove_entry(&t.db, &w.files, who.person_id, &id, "children", 0, NOW).await.unwrap();
        let data = draft_step(&t.db, who.person_id, &id, 1, false, ru(), &w.rules, NOW).await.unwrap().data;
        assert_eq!(data.groups["children"].len(), 4);
        assert!(matches!(refusal(remove_entry(&t.db, &w.files, who.person_id, &id, "children", 9, NOW).await), Refusal::UnknownFields { .. }));
        assert!(matches!(refusal(add_entry(&t.db, who.person_id, &id, "pets", NOW).await), Refusal::UnknownFields { .. }));
    })
    .await;
}

#[tokio::test]
async fn submission_registers_once_with_a_number_history_deadline_and_outbox() {
    on_both(async |t| {
        let w = world(t).await;
        let who = citizen(t, "ivanova", AssuranceLevel::Confirmed).await;
        let id = start_draft(&t.db, &who, "kindergarten-enrolment", NOW).await.unwrap();

        // Incomplete: refused with every problem, nothing changes.
        let Refusal::Invalid { errors } = refusal(submit(&t.db, who.person_id, &id, &w.rules, NOW).await) else { panic!() };
        assert!(errors.iter().any(|e| e.path == "consent_personal_data" && e.problem == Problem::MustBeChecked), "{errors:?}");
        assert_eq!(count_rows(&t.db, "outbox").await, 0);
        assert_eq!(count_rows(&t.db, "application_events").await, 0);

        fill_kindergarten(t, &who, &id).await;
        // A hidden field filled: the priority kind without the priority right.
        save_step(&t.db, who.person_id, &id, 2, &values(&[("desired_date", "2027-09-01"), ("municipality", "priozyorsk"), ("preferred_kindergarten", "№ 5"), ("day_mode", "full"), ("priority_kind", "large_family")]), NOW).await.unwrap();
        let Refusal::Invalid { errors } = refusal(submit(&t.db, who.person_id, &id, &w.rules, NOW).await) else { panic!() };
        assert_eq!(errors.iter().map(|e| (e.path.as_str(), &e.problem)).collect::<Vec<_>>(), [("priority_kind", &Problem::HiddenFilled)]);

        fill_kindergarten(t, &who, &id).await;
        let number = submit(&t.db, who.person_id, &id, &w.rules, NOW).await.unwrap();
        let receipt = backend::applications::submit::receipt(&t.db, who.person_id, &id, ru(), &w.rules).await.unwrap();
        assert_eq!((number.as_str(), receipt.number.as_str()), ("99-2026-000001", "99-2026-000001"));
        assert_eq!(receipt.registered_at, "2026-11-23 10:00");
        assert_eq!(receipt.department, "Министерство образования Приозёрского края");
        // 7 working days after Monday 23 November 2026.
        assert_eq!(receipt.deadline, "2026-12-02");
        // A double click or a refresh: the same receipt, nothing more.
        assert_eq!(submit(&t.db, who.person_id, &id, &w.rules, NOW + 500).await.unwrap(), number, "the same number");
        assert_eq!(count_rows(&t.db, "application_events").await, 2, "submitted, registered");
        assert_eq!(count_rows(&t.db, "outbox").await, 5, "register + (status, notify) × 2");
        let topics = backend::testing::outbox_topics(&t.db, &id).await;
        assert_eq!(topics, [TOPIC_FEDERAL, TOPIC_FEDERAL, TOPIC_NOTIFY, TOPIC_FEDERAL, TOPIC_NOTIFY], "the registration goes first");
        assert_eq!(refusal(save_step(&t.db, who.person_id, &id, 0, &values(&[]), NOW).await), Refusal::NotEditable);

        let page = application_page(&t.db, who.person_id, &id, ru(), &w.rules).await.unwrap();
        assert_eq!(page.summary.status, Status::Registered);
        assert_eq!(page.history.iter().map(|h| h.status).collect::<Vec<_>>(), [Status::Submitted, Status::Registered]);
        assert!(page.can_withdraw && !page.can_reply);
        assert_eq!(page.data.groups["children"].len(), 2);

        // The next application gets the next number.
        let second = start_draft(&t.db, &who, "kindergarten-enrolment", NOW).await.unwrap();
        assert_ne!(second, id, "a new draft once the first is sent");
        fill_kindergarten(t, &who, &second).await;
        assert_eq!(submit(&t.db, who.person_id, &second, &w.rules, NOW).await.unwrap(), "99-2026-000002");
        let list = my_applications(&t.db, who.person_id, Shown::Active, ru(), &w.rules).await.unwrap();
        assert_eq!(list.len(), 2);
        assert!(my_applications(&t.db, who.person_id, Shown::Drafts, ru(), &w.rules).await.unwrap().is_empty());
    })
    .await;
}

#[tokio::test]
async fn the_account_level_a_service_requires_is_checked_again_at_submission() {
    on_both(async |t| {
        let w = world(t).await;
        let who = citizen(t, "ivanova", AssuranceLevel::Confirmed).await;
        let id = start_draft(&t.db, &who, "kindergarten-enrolment", NOW).await.unwrap();
        fill_kindergarten(t, &who, &id).await;
        // A later login vouches for less than the service needs (its confirmation withdrawn).
        citizen(t, "ivanova", AssuranceLevel::Simplified).await;
        assert!(matches!(refusal(submit(&t.db, who.person_id, &id, &w.rules, NOW).await), Refusal::AssuranceTooLow(_)));
        assert_eq!(count_rows(&t.db, "outbox").await, 0, "nothing is sent");
        assert_eq!(count_rows(&t.db, "application_events").await, 0, "and it stays a draft");
        citizen(t, "ivanova", AssuranceLevel::Standard).await;
        assert_eq!(submit(&t.db, who.person_id, &id, &w.rules, NOW).await.unwrap(), "99-2026-000001");
    })
    .await;
}

#[tokio::test]
async fn racing_submissions_of_one_draft_give_one_application() {
    on_both(async |t| {
        let w = world(t).await;
        let who = citizen(t, "ivanova", AssuranceLevel::Confirmed).await;
        let id = start_draft(&t.db, &who, "kindergarten-enrolment", NOW).await.unwrap();
        fill_kindergarten(t, &who, &id).await;
        let attempts = (0..6).map(|_| submit(&t.db, who.person_id, &id, &w.rules, NOW));
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
        let id = start_draft(&t.db, &who, "kindergarten-enrolment", NOW).await.unwrap();
        fill_kindergarten(t, &who, &id).await;
        // The operator re-imports the pack with the day-mode question removed.
        let pack = backend::testing::edited_demo_pack(|c| c);
        let form = pack.path().join("forms/kindergarten-enrolment.json");
        let mut schema: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&form).unwrap()).unwrap();
        let fields = schema["steps"][2]["fields"].as_array_mut().unwrap();
        fields.retain(|f| f["id"] != "day_mode");
        std::fs::write(&form, schema.to_string()).unwrap();
        backend::region_pack::import(&t.db, &w.files, pack.path()).await.unwrap();

        assert_eq!(refusal(submit(&t.db, who.person_id, &id, &w.rules, NOW).await), Refusal::FormChanged);
        assert_eq!(count_rows(&t.db, "outbox").await, 0, "nothing submitted");
        let step = draft_step(&t.db, who.person_id, &id, 2, false, ru(), &w.rules, NOW).await.unwrap();
        assert!(!step.data.values.contains_key("day_mode"), "the value of the vanished field is dropped");
        assert_eq!(step.data.values["municipality"], "priozyorsk", "the rest is kept");
        assert_eq!(submit(&t.db, who.person_id, &id, &w.rules, NOW).await.unwrap(), "99-2026-000001");
    })
    .await;
}

#[tokio::test]
async fn withdrawal_is_allowed_before_a_decision_only_and_drafts_can_be_deleted() {
    on_both(async |t| {
        let w = world(t).await;
        let who = citizen(t, "ivanova", AssuranceLevel::Confirmed).await;
        let id = start_draft(&t.db, &who, "kindergarten-enrolment", NOW).await.unwrap();
        assert!(matches!(refusal(withdraw(&t.db, who.person_id, &id, NOW).await), Refusal::Transition(_)), "a draft is deleted, not withdrawn");
        fill_kindergarten(t, &who, &id).await;
        submit(&t.db, who.person_id, &id, &w.rules, NOW).await.unwrap();
        let other = citizen(t, "petrov", AssuranceLevel::Confirmed).await;
        assert_eq!(refusal(withdraw(&t.db, other.person_id, &id, NOW).await), Refusal::NotFound);
        withdraw(&t.db, who.person_id, &id, NOW + 1000).await.unwrap();
        let page = application_page(&t.db, who.person_id, &id, ru(), &w.rules).await.unwrap();
        assert_eq!(page.summary.status, Status::Withdrawn);
        assert!(!page.can_withdraw);
        assert!(matches!(refusal(withdraw(&t.db, who.person_id, &id, NOW).await), Refusal::Transition(_)));
        assert_eq!(my_applications(&t.db, who.person_id, Shown::Closed, ru(), &w.rules).await.unwrap().len(), 1);

        let draft = start_draft(&t.db, &who, "hunting-permit", NOW).await.unwrap();
        let late = Upload { field_path: "priority_proof".into(), file_name: "a.pdf".into(), bytes: Bytes::from_static(PDF) };
        assert_eq!(refusal(attach(&t.db, &w.files, &NoScanner, who.person_id, &id, late, NOW).await), Refusal::NotEditable, "no files added after submission");
        delete_draft(&t.db, &w.files, who.person_id, &draft).await.unwrap();
        assert_eq!(refusal(draft_step(&t.db, who.person_id, &draft, 0, false, ru(), &w.rules, NOW).await), Refusal::NotFound);
        assert_eq!(refusal(delete_draft(&t.db, &w.files, who.person_id, &id).await), Refusal::NotEditable, "a sent application is not a draft");
    })
    .await;
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
    let scanner = Clamd::new(&clamd.address).unwrap();
    on_both(async |t| {
        let w = world(t).await;
        let who = citizen(t, "ivanova", AssuranceLevel::Confirmed).await;
        let id = start_draft(&t.db, &who, "kindergarten-enrolment", NOW).await.unwrap();
        let upload = |name: &str, bytes: Vec<u8>| Upload { field_path: "priority_proof".into(), file_name: name.into(), bytes: Bytes::from(bytes) };
        let infected = attach(&t.db, &w.files, &scanner, who.person_id, &id, upload("справка.pdf", backend::testing::infected_pdf()), NOW).await;
        assert_eq!(refusal(infected), Refusal::Upload { problem: UploadProblem::Rejected });
        assert_eq!((count_rows(&t.db, "attachments").await, stored_attachments(&w)), (0, 0), "kept nowhere");

        // A clean file passes, named after its content.
        let clean = attach(&t.db, &w.files, &scanner, who.person_id, &id, upload("справка.exe", PDF.to_vec()), NOW).await.unwrap();
        assert_eq!(clean.name, "справка.pdf");
        assert_eq!((count_rows(&t.db, "attachments").await, stored_attachments(&w)), (1, 1));
    })
    .await;
    assert!(matches!(scanner.status().await, ScannerStatus::On { answers: true, .. }));

    // The scanner gone: files are refused, never taken unchecked.
    drop(clamd);
    assert!(matches!(scanner.status().await, ScannerStatus::On { answers: false, .. }));
    on_both(async |t| {
        let w = world(t).await;
        let who = citizen(t, "ivanova", AssuranceLevel::Confirmed).await;
        let id = start_draft(&t.db, &who, "kindergarten-enrolment", NOW).await.unwrap();
        let upload = Upload { field_path: "priority_proof".into(), file_name: "скан.pdf".into(), bytes: Bytes::from_static(PDF) };
        let refused = attach(&t.db, &w.files, &scanner, who.person_id, &id, upload, NOW).await;
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
        let rules = RegionRules { submissions_per_hour: 1, ..w.rules.clone() };
        let first = start_draft(&t.db, &who, "kindergarten-enrolment", NOW).await.unwrap();
        fill_kindergarten(t, &who, &first).await;
        submit(&t.db, who.person_id, &first, &rules, NOW).await.unwrap();
        let second = start_draft(&t.db, &who, "kindergarten-enrolment", NOW).await.unwrap();
        fill_kindergarten(t, &who, &second).await;
        assert_eq!(refusal(submit(&t.db, who.person_id, &second, &rules, NOW + 60_000).await), Refusal::TooManySubmissions);
        assert_eq!(submit(&t.db, who.person_id, &second, &rules, NOW + 3_600_001).await.unwrap(), "99-2026-000002", "an hour later");

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
        assert_eq!(refusal(start_draft(&t.db, &who, "kindergarten-enrolment", NOW).await), Refusal::TooManyDrafts);
        delete_draft(&t.db, &w.files, who.person_id, &seeds[0].id).await.unwrap();
        start_draft(&t.db, &who, "kindergarten-enrolment", NOW).await.unwrap();
    })
    .await;
}
