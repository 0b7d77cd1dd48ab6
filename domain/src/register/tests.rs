use proptest::prelude::*;

use super::*;

fn langs() -> Vec<Lang> {
    vec![Lang::parse("ru").unwrap(), Lang::parse("en").unwrap()]
}

fn both(ru: &str, en: &str) -> LocalizedText {
    let [r, e] = [0, 1].map(|i| langs()[i].clone());
    LocalizedText([(r, ru.to_owned()), (e, en.to_owned())].into())
}

fn service(term_days: u16, stage: u8) -> ServiceEntry {
    ServiceEntry {
        code: "archive-certificate".into(),
        title: both("Выдача архивной справки", "Archive certificate"),
        summary: both("Кратко", "Short"),
        category: "social".into(),
        life_situations: vec![],
        department: "archive".into(),
        municipalities: vec![],
        applicants: both("Граждане", "Citizens"),
        documents: vec![
            DocumentEntry { title: both("Паспорт", "Passport"), interagency: false },
            DocumentEntry { title: both("Выписка ЕГРН", "Land register extract"), interagency: true },
        ],
        fee: both("Бесплатно", "Free of charge"),
        term_days,
        result: both("Справка", "Certificate"),
        refusal_grounds: vec![both("Нет сведений", "No records")],
        legal_basis: vec![both("Закон об архивном деле", "Archives Act")],
        channels: vec![Channel::Online, Channel::Mfc],
        stage: Stage::try_from(stage).unwrap(),
        priority: false,
        blanks: vec![],
        online_form: None,
        assurance: None,
        pause_while_awaiting: false,
        register_id: Some("6100000000161234567".into()),
    }
}

fn archive() -> DepartmentEntry {
    DepartmentEntry {
        code: "archive".into(),
        name: both("Архивное управление", "Archives"),
        address: None,
        phone: None,
        email: None,
        hours: None,
        website: None,
    }
}

#[test]
fn a_changed_passport_changes_its_fields_and_says_which_need_translating() {
    let ru = &langs()[0];
    let mut s = service(10, 3);
    let mut p = passport(&s, &archive(), ru);
    assert_eq!((p.name.as_str(), p.term.days, p.documents.documents[1].source.as_str()), ("Выдача архивной справки", 10, "interagency"));
    p.term.days = 7;
    p.fee = "200 рублей".into();
    p.refusal_grounds.items.push("Запрос не по адресу".into());
    p.channels.items = vec!["portal".into()];
    let taken = take(&mut s, &p, ru, &langs()).unwrap();
    assert_eq!(taken.changed, ["term", "fee", "refusalGrounds", "channels"]);
    assert_eq!(taken.to_translate, ["fee", "refusalGrounds"]);
    assert_eq!((s.term_days, s.fee.get(ru, ru), s.fee.get(&langs()[1], ru)), (7, "200 рублей", "Free of charge"), "English kept for a translator");
    assert_eq!(s.refusal_grounds[1].get(&langs()[1], ru), "Запрос не по адресу", "a new item reads in every language until translated");
    assert_eq!(s.channels, [Channel::Online]);
}

#[test]
fn a_refused_passport_changes_nothing() {
    let ru = &langs()[0];
    let original = service(10, 3);
    let good = passport(&original, &archive(), ru);
    type Spoil = Box<dyn Fn(&mut RegisterService)>;
    let broken: Vec<(Spoil, PassportProblem)> = vec![
        (Box::new(|p| p.register_id = Some("61-00".into())), PassportProblem::RegisterId("61-00".into())),
        (Box::new(|p| p.name = "  ".into()), PassportProblem::Empty("name")),
        (Box::new(|p| p.legal_acts.items.push(String::new())), PassportProblem::Empty("legalActs")),
        (Box::new(|p| p.term.days = 0), PassportProblem::Term),
        (Box::new(|p| p.term.unit = "calendar-days".into()), PassportProblem::Term),
        (Box::new(|p| p.electronic_stage = 6), PassportProblem::Stage),
        (Box::new(|p| p.channels.items.push("fax".into())), PassportProblem::Channel("fax".into())),
        (Box::new(|p| p.documents.documents[0].source = "court".into()), PassportProblem::Source("court".into())),
    ];
    for (spoil, problem) in broken {
        let mut p = good.clone();
        spoil(&mut p);
        let mut s = original.clone();
        assert_eq!(take(&mut s, &p, ru, &langs()), Err(problem));
        assert_eq!(s, original);
    }
    assert!(is_register_id("6100000000161234567") && !is_register_id("") && !is_register_id(&"1".repeat(21)));
}

proptest! {
    #[test]
    fn a_passport_taken_back_changes_nothing(term in 1u16..400, stage in 1u8..=5, grounds in 0usize..4) {
        let ru = &langs()[0];
        let mut s = service(term, stage);
        s.refusal_grounds = (0..grounds).map(|i| both(&format!("Основание {i}"), &format!("Ground {i}"))).collect();
        let original = s.clone();
        let taken = take(&mut s, &passport(&original, &archive(), ru), ru, &langs()).unwrap();
        prop_assert!(taken.changed.is_empty(), "{:?}", taken.changed);
        prop_assert_eq!(s, original);
    }
}
