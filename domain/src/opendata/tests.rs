use proptest::prelude::*;

use super::*;

fn day(date: &str) -> i64 {
    i64::from(crate::dates::parse_date(date).unwrap().to_julian_day()) - 2_440_588
}

fn count(date: &str, service: &str, online: bool, applications: i64, decided: i64, decision_days: i64) -> DayCount {
    DayCount { day: day(date), service: service.into(), online, applications, decided, decision_ms: decision_days * 86_400_000 }
}

#[test]
fn days_add_up_to_months_per_service() {
    let figures = month_figures(&[
        count("2026-11-30", "kindergarten", true, 5, 4, 10),
        count("2026-11-01", "kindergarten", false, 1, 1, 5),
        count("2026-12-01", "kindergarten", true, 2, 0, 0),
        count("2026-11-15", "archive", true, 2, 2, 3),
    ]);
    let month = |month: &str, service: &str, applications, filed_online, online_share, decided, mean_processing_days| MonthFigures {
        service: service.into(),
        month: month.into(),
        applications,
        filed_online,
        online_share,
        decided,
        mean_processing_days,
    };
    assert_eq!(
        figures,
        [
            month("2026-11", "archive", 2, 2, 1.0, 2, None),
            month("2026-11", "kindergarten", 6, 5, 0.833, 5, Some(3.0)),
            month("2026-12", "kindergarten", 2, 2, 1.0, 0, None),
        ]
    );
}

#[test]
fn every_record_has_a_field_for_each_column_of_its_dictionary() {
    let ru = Lang::parse("ru").unwrap();
    let text = |s: &str| LocalizedText([(ru.clone(), s.to_owned())].into());
    let service = OpenService {
        code: "s".into(),
        title: text("Услуга, с запятой"),
        summary: text("Кратко"),
        category: "c".into(),
        life_situations: vec![],
        department: "d".into(),
        municipalities: vec!["m1".into(), "m2".into()],
        applicants: text("Граждане"),
        documents: vec![OpenDocument { title: text("Паспорт"), interagency: false }, OpenDocument { title: text("Выписка"), interagency: true }],
        fee: text("Бесплатно"),
        term_days: 10,
        result: text("Решение"),
        refusal_grounds: vec![text("Нет права")],
        legal_basis: vec![],
        channels: vec![Channel::Online, Channel::Mfc],
        stage: Stage::try_from(3u8).unwrap(),
        priority: true,
        online: true,
        url: "https://gosuslugi.example/services/s".into(),
    };
    let fields = service.fields(&ru);
    assert_eq!(fields.len(), Dataset::Services.columns().len());
    assert_eq!((fields[5].as_str(), fields[7].as_str(), fields[8].as_str(), fields[14].as_str()), ("m1|m2", "Паспорт", "Выписка", "online|mfc"));
    let file = csv(Dataset::Services, &[service], &ru);
    assert!(file.starts_with("code,title,summary,") && file.contains("\"Услуга, с запятой\""), "{file}");
    let department =
        DepartmentEntry { code: "d".into(), name: text("Ведомство"), address: None, phone: None, email: None, hours: None, website: None };
    assert_eq!(department.fields(&ru).len(), Dataset::Departments.columns().len());
    assert_eq!(MunicipalityEntry { code: "m".into(), name: text("Город") }.fields(&ru).len(), Dataset::Municipalities.columns().len());
    assert_eq!(month_figures(&[count("2026-01-01", "s", true, 1, 1, 1)])[0].fields(&ru).len(), Dataset::Figures.columns().len());
    let dictionary = structure_csv(Dataset::Figures, &["ru", "en"], |lang, key| format!("{lang}:{key}"));
    assert_eq!(dictionary.lines().count(), 1 + Dataset::Figures.columns().len());
    assert!(
        dictionary.starts_with(
            "field,format,description_ru,description_en\r\nservice,string,ru:opendata-field-figures-service,en:opendata-field-figures-service\r\n"
        ),
        "{dictionary}"
    );
}

proptest! {
    #[test]
    fn months_keep_every_application_and_decision(counts in proptest::collection::vec((0i64..1000, 0usize..3, any::<bool>(), 1i64..50, 0i64..50, 0i64..100), 0..40)) {
        let days: Vec<DayCount> = counts
            .iter()
            .map(|&(d, s, online, n, decided, days)| DayCount { day: 20_000 + d, service: format!("s{s}"), online, applications: n, decided: decided.min(n), decision_ms: days * 86_400_000 * decided.min(n) })
            .collect();
        let months = month_figures(&days);
        prop_assert_eq!(months.iter().map(|m| m.applications).sum::<i64>(), days.iter().map(|d| d.applications).sum::<i64>());
        prop_assert_eq!(months.iter().map(|m| m.decided).sum::<i64>(), days.iter().map(|d| d.decided).sum::<i64>());
        for m in &months {
            prop_assert!(m.filed_online <= m.applications && (0.0..=1.0).contains(&m.online_share));
            prop_assert_eq!(m.mean_processing_days.is_some(), m.decided >= MIN_DECIDED_FOR_MEAN, "too few decisions hide the mean");
            prop_assert!(m.mean_processing_days.unwrap_or(0.0) <= 100.0);
        }
    }
}

/// docs/opendata/*.schema.json are generated from these types; `UPDATE_SCHEMA=1 cargo test -p
/// domain` rewrites them after a change. The portal serves them as they are.
#[test]
fn the_published_open_data_schemas_match_the_code() {
    let schemas = [
        (Dataset::Services, schemars::schema_for!(Published<OpenService>)),
        (Dataset::Departments, schemars::schema_for!(Published<DepartmentEntry>)),
        (Dataset::Municipalities, schemars::schema_for!(Published<MunicipalityEntry>)),
        (Dataset::Figures, schemars::schema_for!(Published<MonthFigures>)),
    ];
    for (dataset, schema) in schemas {
        let generated = serde_json::to_string_pretty(&schema).unwrap() + "\n";
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../docs/opendata/{}.schema.json", dataset.code()));
        if std::env::var_os("UPDATE_SCHEMA").is_some() {
            std::fs::write(&path, &generated).unwrap();
        }
        let published = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(published == generated, "{} is out of date: run UPDATE_SCHEMA=1 cargo test -p domain", path.display());
    }
}
