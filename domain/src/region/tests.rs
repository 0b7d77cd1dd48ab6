use super::*;
use crate::stage::Stage;

fn text(ru: &str, en: &str) -> LocalizedText {
    let mut t = LocalizedText::default();
    t.0.insert(Lang::parse("ru").unwrap(), ru.into());
    t.0.insert(Lang::parse("en").unwrap(), en.into());
    t
}

fn pack() -> RegionPack {
    RegionPack {
        manifest: RegionManifest {
            code: "demo".into(),
            name: text("Демо", "Demo"),
            default_locale: Lang::parse("ru").unwrap(),
            locales: vec![Lang::parse("ru").unwrap(), Lang::parse("en").unwrap()],
            coat_of_arms: Some("coat.svg".into()),
            colours: Colours { primary: "#1f4e8c".into(), accent: "#1d5fa8".into() },
            contacts: Contacts::default(),
            number_prefix: None,
            calendar: Default::default(),
            utc_offset_hours: None,
            footer_links: Vec::new(),
        },
        catalog: CatalogPack {
            categories: vec![CategoryEntry { code: "family".into(), title: text("Семья", "Family") }],
            life_situations: vec![LifeSituationEntry {
                code: "birth".into(),
                title: text("Рождение ребёнка", "Birth of a child"),
                summary: text("Что сделать", "What to do"),
            }],
            departments: vec![DepartmentEntry {
                code: "social".into(),
                name: text("Соцзащита", "Social"),
                address: Some(text("ул. Ленина, 1", "1 Lenin St")),
                phone: Some("8 800 000-00-00".into()),
                email: Some("social@demo.example".into()),
                hours: None,
                website: Some("https://social.demo.example".into()),
            }],
            municipalities: vec![MunicipalityEntry { code: "ozersk".into(), name: text("Озёрск", "Ozyorsk") }],
            services: vec![ServiceEntry {
                code: "child-benefit".into(),
                title: text("Пособие", "Benefit"),
                summary: text("Кратко", "Short"),
                category: "family".into(),
                life_situations: vec!["birth".into()],
                department: "social".into(),
                municipalities: vec!["ozersk".into()],
                applicants: text("Родители", "Parents"),
                documents: vec![DocumentEntry { title: text("Паспорт", "Passport"), interagency: false }],
                fee: text("Бесплатно", "Free"),
                term_days: 10,
                result: text("Выплата", "Payment"),
                refusal_grounds: vec![text("Неполный комплект", "Incomplete documents")],
                legal_basis: vec![text("Закон края", "Regional law")],
                channels: vec![Channel::Online, Channel::Mfc],
                stage: Stage::try_from(2u8).unwrap(),
                priority: true,
                blanks: vec![BlankEntry { file: "blanks/benefit.odt".into(), title: text("Заявление", "Application") }],
                online_form: None,
                assurance: None,
                pause_while_awaiting: false,
                register_id: None,
            }],
        },
    }
}

fn problems(p: &RegionPack) -> Vec<String> {
    p.validate().iter().map(ToString::to_string).collect()
}

#[test]
fn a_consistent_pack_has_no_errors() {
    assert_eq!(problems(&pack()), Vec::<String>::new());
}

#[test]
fn unknown_references_name_the_field_and_the_code() {
    let mut p = pack();
    p.catalog.services[0].department = "minzdrav".into();
    p.catalog.services[0].category = "nope".into();
    assert_eq!(
        problems(&p),
        ["catalog.yaml services[0].category: unknown category \"nope\"", "catalog.yaml services[0].department: unknown department \"minzdrav\"",]
    );
}

#[test]
fn duplicate_and_malformed_codes_are_reported() {
    let mut p = pack();
    let mut second = p.catalog.categories[0].clone();
    p.catalog.categories.push(second.clone());
    second.code = "Bad Code".into();
    p.catalog.categories.push(second);
    assert_eq!(
        problems(&p),
        [
            "catalog.yaml categories[1].code: duplicate code \"family\"",
            "catalog.yaml categories[2].code: \"Bad Code\" is not a code (1-64 of a-z, 0-9, - and _)",
        ]
    );
}

#[test]
fn every_text_needs_every_region_language() {
    let mut p = pack();
    p.catalog.services[0].summary.0.remove(&Lang::parse("en").unwrap());
    p.manifest.name.0.insert(Lang::parse("ru").unwrap(), "  ".into());
    assert_eq!(problems(&p), ["region.toml name: text in \"ru\" is missing", "catalog.yaml services[0].summary: text in \"en\" is missing",]);
}

#[test]
fn colours_must_parse_and_keep_white_text_readable() {
    let mut p = pack();
    p.manifest.colours.primary = "#ffff00".into();
    p.manifest.colours.accent = "blue".into();
    assert_eq!(
        problems(&p),
        [
            "region.toml colours.primary: contrast with white is 1.07:1, WCAG AA needs 4.5:1",
            "region.toml colours.accent: \"blue\" is not a colour like #1f4e8c",
        ]
    );
}

#[test]
fn default_locale_must_be_listed_and_coat_of_arms_stay_inside_the_pack() {
    let mut p = pack();
    p.manifest.default_locale = Lang::parse("de").unwrap();
    p.manifest.coat_of_arms = Some("../../etc/passwd".into());
    assert_eq!(
        problems(&p),
        ["region.toml default_locale: \"de\" is not among locales", "region.toml coat_of_arms: \"../../etc/passwd\" must be a file name inside the pack",]
    );
}

#[test]
fn contrast_ratio_matches_wcag_reference_values() {
    assert!((contrast_ratio([0, 0, 0], [255, 255, 255]) - 21.0).abs() < 1e-9);
    assert!((contrast_ratio([119, 119, 119], [255, 255, 255]) - 4.48).abs() < 0.01);
}

#[test]
fn references_to_life_situations_and_municipalities_must_exist() {
    let mut p = pack();
    p.catalog.services[0].life_situations.push("retirement".into());
    p.catalog.services[0].municipalities = vec!["ozersk".into(), "atlantis".into()];
    assert_eq!(
        problems(&p),
        [
            "catalog.yaml services[0].life_situations[1]: unknown life situation \"retirement\"",
            "catalog.yaml services[0].municipalities[1]: unknown municipality \"atlantis\"",
        ]
    );
}

#[test]
fn passport_fields_are_checked() {
    let mut p = pack();
    let s = &mut p.catalog.services[0];
    s.term_days = 0;
    s.blanks.push(BlankEntry { file: "../secret.pdf".into(), title: text("Бланк", "Blank") });
    s.blanks.push(s.blanks[0].clone());
    s.documents[0].title.0.remove(&Lang::parse("en").unwrap());
    s.online_form = Some("Form!".into());
    p.catalog.departments[0].website = Some("social.example".into());
    p.catalog.departments[0].email = Some("nobody".into());
    assert_eq!(
        problems(&p),
        [
            "catalog.yaml services[0].documents[0].title: text in \"en\" is missing",
            "catalog.yaml departments[0].website: \"social.example\" must start with https://",
            "catalog.yaml departments[0].email: \"nobody\" is not an email address",
            "catalog.yaml services[0].term_days: the regulatory term must be at least 1 working day",
            "catalog.yaml services[0].blanks[1].file: \"../secret.pdf\" must be a file under blanks/",
            "catalog.yaml services[0].blanks[2].file: \"blanks/benefit.odt\" is listed twice",
            "catalog.yaml services[0].online_form: \"Form!\" is not a code (1-64 of a-z, 0-9, - and _)",
        ]
    );
}

#[test]
fn stages_not_backed_by_the_pack_are_warned_about() {
    let mut p = pack();
    assert!(p.warnings().is_empty(), "stage 2 with a blank form is backed");
    p.catalog.services[0].stage = Stage::try_from(4u8).unwrap();
    p.catalog.services[0].blanks.clear();
    let warnings: Vec<String> = p.warnings().iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [
            "catalog.yaml services[0].stage: stage 4 claims blank forms, but the service has none",
            "catalog.yaml services[0].stage: stage 4 claims online applications, but the service has no online_form",
        ]
    );
    assert!(p.validate().is_empty(), "warnings do not stop an import");
}

/// docs/catalog.schema.json is generated from these types; `UPDATE_SCHEMA=1 cargo test -p domain`
/// rewrites it after a change.
#[test]
fn the_published_catalog_schema_matches_the_code() {
    let schema = schemars::schema_for!(CatalogPack);
    let generated = serde_json::to_string_pretty(&schema).unwrap() + "\n";
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/catalog.schema.json");
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let published = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(published == generated, "docs/catalog.schema.json is out of date: run UPDATE_SCHEMA=1 cargo test -p domain");
}
