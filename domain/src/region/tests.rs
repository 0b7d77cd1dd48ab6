use super::*;

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
        },
        catalog: CatalogPack {
            categories: vec![CategoryEntry { code: "family".into(), title: text("Семья", "Family") }],
            departments: vec![DepartmentEntry { code: "social".into(), name: text("Соцзащита", "Social") }],
            services: vec![ServiceEntry {
                code: "child-benefit".into(),
                title: text("Пособие", "Benefit"),
                summary: text("Кратко", "Short"),
                category: "family".into(),
                department: "social".into(),
                stage: Stage::try_from(2u8).unwrap(),
                priority: true,
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
        [
            "catalog.yaml services[0].category: unknown category \"nope\"",
            "catalog.yaml services[0].department: unknown department \"minzdrav\"",
        ]
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
    assert_eq!(
        problems(&p),
        [
            "region.toml name: text in \"ru\" is missing",
            "catalog.yaml services[0].summary: text in \"en\" is missing",
        ]
    );
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
        [
            "region.toml default_locale: \"de\" is not among locales",
            "region.toml coat_of_arms: \"../../etc/passwd\" must be a file name inside the pack",
        ]
    );
}

#[test]
fn contrast_ratio_matches_wcag_reference_values() {
    assert!((contrast_ratio([0, 0, 0], [255, 255, 255]) - 21.0).abs() < 1e-9);
    assert!((contrast_ratio([119, 119, 119], [255, 255, 255]) - 4.48).abs() < 0.01);
}
