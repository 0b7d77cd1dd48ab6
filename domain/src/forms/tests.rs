//! The validator on every field type, conditions, groups, rules, and the schema checks.

use proptest::prelude::*;
use time::Date;

use super::*;
use crate::dates::parse_date;
use crate::identity::{AssuranceLevel, Profile, Snils};
use crate::localized::Lang;

fn schema(json: &str) -> FormSchema {
    serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json}"))
}

fn today() -> Date {
    parse_date("2026-11-23").unwrap()
}

fn locales() -> Vec<Lang> {
    vec![Lang::parse("ru").unwrap(), Lang::parse("en").unwrap()]
}

const T: &str = r#"{"ru": "Т", "en": "T"}"#;

/// A one-step form with one field of `type` and the extra attributes `attrs`.
fn one(kind: &str, attrs: &str) -> FormSchema {
    let attrs = if attrs.is_empty() { String::new() } else { format!(", {attrs}") };
    schema(&format!(r#"{{"steps": [{{"id": "s", "title": {T}, "fields": [{{"id": "f", "type": "{kind}", "label": {T}, "required": true{attrs}}}]}}]}}"#))
}

fn problems_of(schema: &FormSchema, value: &str) -> Vec<Problem> {
    let mut data = FormData::default();
    data.values.insert("f".into(), value.into());
    validate(schema, &data, &Files::new(), today(), Scope::All).into_iter().map(|e| e.problem).collect()
}

fn ok(schema: &FormSchema, value: &str) {
    assert_eq!(problems_of(schema, value), [], "{value:?} should pass");
}

fn bad(schema: &FormSchema, value: &str, expected: Problem) {
    assert_eq!(problems_of(schema, value), [expected], "{value:?}");
}

#[test]
fn every_field_type_refuses_its_bad_values() {
    let text =
        one("text", r#""min_length": 2, "max_length": 5, "pattern": {"regex": "[А-ЯЁа-яё-]+", "message": {"ru": "Только кириллица", "en": "Cyrillic only"}}"#);
    ok(&text, "Анна");
    bad(&text, "А", Problem::TooShort { min: 2 });
    bad(&text, "Анастасия", Problem::TooLong { max: 5 });
    assert!(matches!(problems_of(&text, "Anna")[..], [Problem::Pattern { .. }]));
    assert!(matches!(problems_of(&text, "Анна1")[..], [Problem::Pattern { .. }]), "the whole text must match");
    bad(&text, "   ", Problem::Required);

    let long = one("long_text", "");
    ok(&long, &"я".repeat(5000));
    bad(&long, &"я".repeat(5001), Problem::TooLong { max: 5000 });
    bad(&one("text", ""), &"x".repeat(501), Problem::TooLong { max: 500 });

    let number = one("number", r#""min": 1, "max": 10, "integer": true"#);
    ok(&number, "7");
    bad(&number, "0", Problem::BelowMin { min: "1".into() });
    bad(&number, "11", Problem::AboveMax { max: "10".into() });
    bad(&number, "2,5", Problem::NotAWholeNumber);
    for nan in ["seven", "NaN", "inf", "1e3", "--1"] {
        bad(&number, nan, Problem::NotANumber);
    }
    ok(&one("number", ""), "2,5");

    let date = one("date", r#""min": "today-18y", "max": "today""#);
    ok(&date, "2020-01-01");
    bad(&date, "2030-01-01", Problem::DateTooLate { max: "2026-11-23".into() });
    bad(&date, "2000-01-01", Problem::DateTooEarly { min: "2008-11-23".into() });
    ok(&date, "01.01.2020");
    for not_a_date in ["2020.01.01", "2020-02-30", "вчера", "1.1.2020"] {
        bad(&date, not_a_date, Problem::NotADate);
    }

    let choice = format!(r#""options": [{{"value": "a", "label": {T}}}, {{"value": "b", "label": {T}}}]"#);
    for kind in ["select", "radio"] {
        let s = one(kind, &choice);
        ok(&s, "b");
        bad(&s, "c", Problem::UnknownOption);
    }

    let checkbox = one("checkbox", "");
    ok(&checkbox, "true");
    bad(&checkbox, "", Problem::MustBeChecked);
    bad(&checkbox, "yes", Problem::MustBeChecked);

    let phone = one("phone", "");
    for good in ["+7 900 111-22-33", "8 (900) 111-22-33", "79001112233"] {
        ok(&phone, good);
    }
    for wrong in ["+7 900 111-22", "+1 900 111 22 33", "900-111-22-33", "+7 900 1l1-22-33", "++79001112233"] {
        bad(&phone, wrong, Problem::BadPhone);
    }

    let email = one("email", "");
    ok(&email, "m.ivanova@example.ru");
    for wrong in ["ivanova", "ivanova@", "@example.ru", "a@b", "a b@example.ru", "a@@example.ru", "a@example.ru."] {
        bad(&email, wrong, Problem::BadEmail);
    }

    let snils = one("snils", "");
    ok(&snils, "123-456-789 64");
    bad(&snils, "123-456-789 65", Problem::SnilsControlSum);
    bad(&snils, "123-456-789", Problem::SnilsFormat);

    let inn = one("inn", r#""of": "organisation""#);
    ok(&inn, "7707083893");
    bad(&inn, "7707083894", Problem::InnControlSum);
    bad(&inn, "500100732259", Problem::InnFormat { digits: 10 });
    let person_inn = one("inn", r#""of": "person""#);
    ok(&person_inn, "500100732259");
    bad(&person_inn, "500100732258", Problem::InnControlSum);
    let any_inn = one("inn", "");
    ok(&any_inn, "7707083893");
    ok(&any_inn, "500100732259");
    bad(&any_inn, "12345", Problem::InnFormat { digits: 0 });

    let ogrn = one("ogrn", r#""of": "organisation""#);
    ok(&ogrn, "1027700132195");
    bad(&ogrn, "1027700132196", Problem::OgrnControlSum);
    bad(&ogrn, "304500116000157", Problem::OgrnFormat { digits: 13 });
    let ogrnip = one("ogrn", r#""of": "entrepreneur""#);
    ok(&ogrnip, "304500116000157");
    bad(&ogrnip, "304500116000158", Problem::OgrnControlSum);

    let passport = one("passport", "");
    ok(&passport, "4510 123456");
    ok(&passport, "4510123456");
    for wrong in ["4510 12345", "45I0 123456", "4510-123456"] {
        bad(&passport, wrong, Problem::PassportFormat);
    }

    let address = one("address", "");
    ok(&address, "г. Приозёрск, ул. Лесная, д. 5, кв. 12");
    bad(&address, "Лесная 5", Problem::AddressTooShort);
}

/// Kindergarten enrolment in miniature: applicant, children (repeatable), a benefit that only
/// applies when ticked, and a desired date not before any child's birth.
fn kindergarten() -> FormSchema {
    schema(&format!(
        r#"{{
        "steps": [
            {{"id": "applicant", "title": {T}, "fields": [
                {{"id": "family_name", "type": "text", "label": {T}, "required": true, "prefill": "family_name"}},
                {{"id": "snils", "type": "snils", "label": {T}, "required": true, "prefill": "snils"}},
                {{"id": "has_benefit", "type": "checkbox", "label": {T}}},
                {{"id": "benefit_doc", "type": "file", "label": {T}, "required": true, "visible_if": {{"field": "has_benefit", "checked": true}}, "max_files": 2, "max_size_kb": 1024, "accept": ["pdf", "jpeg"]}},
                {{"id": "benefit_kind", "type": "text", "label": {T}, "visible_if": {{"field": "has_benefit", "checked": true}}}}
            ]}},
            {{"id": "children", "title": {T}, "fields": [
                {{"id": "children", "type": "group", "label": {T}, "min_items": 1, "max_items": 3, "fields": [
                    {{"id": "name", "type": "text", "label": {T}, "required": true}},
                    {{"id": "birthdate", "type": "date", "label": {T}, "required": true, "max": "today"}},
                    {{"id": "needs", "type": "radio", "label": {T}, "options": [{{"value": "none", "label": {T}}}, {{"value": "special", "label": {T}}}]}},
                    {{"id": "needs_detail", "type": "long_text", "label": {T}, "required": true, "visible_if": {{"field": "needs", "equals": "special"}}}}
                ]}},
                {{"id": "desired_date", "type": "date", "label": {T}, "required": true}}
            ]}}
        ],
        "rules": [{{"type": "date_order", "earlier": "children.birthdate", "later": "desired_date", "message": {{"ru": "Не раньше рождения", "en": "Not before birth"}}}}]
    }}"#
    ))
}

fn child(name: &str, birthdate: &str) -> Entry {
    [("name", name), ("birthdate", birthdate)].into_iter().map(|(k, v)| (k.to_owned(), v.to_owned())).collect()
}

fn filled_kindergarten() -> FormData {
    let mut d = FormData::default();
    d.values.insert("family_name".into(), "Иванова".into());
    d.values.insert("snils".into(), "123-456-789 64".into());
    d.values.insert("desired_date".into(), "2027-09-01".into());
    d.groups.insert("children".into(), vec![child("Анна", "2022-05-10"), child("Пётр", "2024-01-15")]);
    d
}

fn paths(errors: &[FieldError]) -> Vec<(String, Problem)> {
    errors.iter().map(|e| (e.path.clone(), e.problem.clone())).collect()
}

#[test]
fn the_example_form_is_a_valid_schema_and_a_full_answer_passes() {
    let s = kindergarten();
    assert_eq!(s.check(&locales()), []);
    assert_eq!(validate(&s, &filled_kindergarten(), &Files::new(), today(), Scope::All), []);
}

#[test]
fn groups_count_their_entries_and_check_each_one() {
    let s = kindergarten();
    let mut d = filled_kindergarten();
    d.groups.insert("children".into(), vec![]);
    assert_eq!(paths(&validate(&s, &d, &Files::new(), today(), Scope::Step(1))), [("children".into(), Problem::TooFewEntries { min: 1 })]);
    d.groups.insert("children".into(), vec![child("А", "2022-01-01"); 4]);
    assert_eq!(paths(&validate(&s, &d, &Files::new(), today(), Scope::Step(1))), [("children".into(), Problem::TooManyEntries { max: 3 })]);
    d.groups.insert("children".into(), vec![child("Анна", "2022-05-10"), child("", "2030-01-01")]);
    assert_eq!(
        paths(&validate(&s, &d, &Files::new(), today(), Scope::Step(1))),
        [("children[1].name".into(), Problem::Required), ("children[1].birthdate".into(), Problem::DateTooLate { max: "2026-11-23".into() }),]
    );
}

#[test]
fn conditional_fields_are_checked_only_when_shown_and_must_be_empty_when_hidden() {
    let s = kindergarten();
    let mut d = filled_kindergarten();
    let files = |n: usize| -> Files { [("benefit_doc".to_owned(), vec![FileInfo { size: 1000, format: FileFormat::Pdf }; n])].into() };
    // Not ticked: the document is not asked for, and must not be there.
    assert_eq!(validate(&s, &d, &Files::new(), today(), Scope::Step(0)), []);
    assert_eq!(paths(&validate(&s, &d, &files(1), today(), Scope::Step(0))), [("benefit_doc".into(), Problem::HiddenFilled)]);
    d.values.insert("benefit_kind".into(), "многодетная семья".into());
    assert_eq!(paths(&validate(&s, &d, &Files::new(), today(), Scope::Step(0))), [("benefit_kind".into(), Problem::HiddenFilled)]);
    // Ticked: now it is required.
    d.values.insert("has_benefit".into(), "true".into());
    assert_eq!(paths(&validate(&s, &d, &Files::new(), today(), Scope::Step(0))), [("benefit_doc".into(), Problem::Required)]);
    assert_eq!(validate(&s, &d, &files(2), today(), Scope::Step(0)), []);
    assert_eq!(paths(&validate(&s, &d, &files(3), today(), Scope::Step(0))), [("benefit_doc".into(), Problem::TooManyFiles { max: 2 })]);
    let big: Files = [("benefit_doc".to_owned(), vec![FileInfo { size: 2 * 1024 * 1024, format: FileFormat::Png }])].into();
    assert_eq!(
        paths(&validate(&s, &d, &big, today(), Scope::Step(0))),
        [
            ("benefit_doc".into(), Problem::FileTooLarge { max_kb: 1024 }),
            ("benefit_doc".into(), Problem::FileType { accepted: vec![FileFormat::Pdf, FileFormat::Jpeg] }),
        ]
    );
    // Within a group entry, the condition reads the same entry.
    let mut d = filled_kindergarten();
    d.groups.get_mut("children").unwrap()[1].insert("needs".into(), "special".into());
    assert_eq!(paths(&validate(&s, &d, &Files::new(), today(), Scope::All)), [("children[1].needs_detail".into(), Problem::Required)]);
    d.groups.get_mut("children").unwrap()[0].insert("needs_detail".into(), "аллергия".into());
    assert!(paths(&validate(&s, &d, &Files::new(), today(), Scope::All)).contains(&("children[0].needs_detail".into(), Problem::HiddenFilled)));
}

#[test]
fn a_cross_field_rule_holds_for_every_entry() {
    let s = kindergarten();
    let mut d = filled_kindergarten();
    d.values.insert("desired_date".into(), "2023-01-01".into());
    let errors = validate(&s, &d, &Files::new(), today(), Scope::Step(1));
    assert_eq!(errors.len(), 1, "reported once at the later date: {errors:?}");
    assert_eq!(errors[0].path, "desired_date");
    assert!(
        matches!(&errors[0].problem, Problem::Rule { message } if message.get(&Lang::parse("ru").unwrap(), &Lang::parse("ru").unwrap()) == "Не раньше рождения")
    );
    assert_eq!(validate(&s, &d, &Files::new(), today(), Scope::Step(0)), [], "not this step's business");
}

#[test]
fn unknown_fields_anywhere_are_refused() {
    let s = kindergarten();
    let mut d = filled_kindergarten();
    d.values.insert("is_admin".into(), "true".into());
    d.groups.get_mut("children").unwrap()[0].insert("salary".into(), "1".into());
    d.groups.insert("pets".into(), vec![Entry::new()]);
    d.values.insert("children".into(), "x".into());
    let files: Files = [("children[5].photo".to_owned(), vec![]), ("benefit_doc".to_owned(), vec![])].into();
    let mut got: Vec<String> =
        validate(&s, &d, &files, today(), Scope::All).into_iter().filter(|e| e.problem == Problem::UnknownField).map(|e| e.path).collect();
    got.sort();
    assert_eq!(got, ["children", "children[0].salary", "children[5].photo", "is_admin", "pets"]);
}

#[test]
fn a_draft_is_prefilled_from_the_federal_profile() {
    let profile = Profile {
        family_name: "Иванова".into(),
        given_name: "Мария".into(),
        middle_name: None,
        snils: Some(Snils::parse("123-456-789 64").unwrap()),
        birthdate: None,
        email: None,
        phone: None,
        assurance: AssuranceLevel::Confirmed,
    };
    let d = kindergarten().prefilled(&profile);
    assert_eq!(d.values["family_name"], "Иванова");
    assert_eq!(d.values["snils"], "123-456-789 64");
    assert_eq!(d.groups["children"], vec![Entry::new()], "one empty child to start with");
}

#[test]
fn a_posted_step_replaces_only_that_step_and_refuses_strangers() {
    let s = kindergarten();
    let d = filled_kindergarten();
    let mut posted = FormData::default();
    posted.values.insert("family_name".into(), "Петрова".into());
    let next = s.with_step(0, &d, &posted).unwrap();
    assert_eq!(next.values["family_name"], "Петрова");
    assert!(!next.values.contains_key("snils"), "a field the page did not send is emptied");
    assert_eq!(next.values["desired_date"], "2027-09-01", "other steps are kept");
    posted.values.insert("desired_date".into(), "2027-01-01".into());
    assert_eq!(s.with_step(0, &d, &posted), Err(vec!["desired_date".into()]));
    let mut posted = FormData::default();
    posted.groups.insert("children".into(), vec![child("Анна", "2022-05-10")]);
    posted.groups.get_mut("children").unwrap()[0].insert("x".into(), "1".into());
    assert_eq!(s.with_step(1, &d, &posted), Err(vec!["children[0].x".into()]));
    let limit = s.field("children").unwrap().item_limit() as usize;
    let posted = FormData { groups: [("children".to_owned(), vec![Entry::new(); limit + 1])].into(), ..FormData::default() };
    assert_eq!(s.with_step(1, &d, &posted), Err(vec![format!("children[{limit}]")]), "no more entries than the group allows");
}

#[test]
fn schema_checks_name_the_place_and_the_problem() {
    let check = |json: &str| -> Vec<String> { schema(json).check(&locales()).iter().map(ToString::to_string).collect() };
    let wrap = |fields: &str| format!(r#"{{"steps": [{{"id": "s", "title": {T}, "fields": [{fields}]}}]}}"#);
    assert_eq!(
        check(&wrap(&format!(r#"{{"id": "a", "type": "date", "label": {T}, "max_length": 5}}"#))),
        ["steps[0].fields[0].max_length: does not apply to a date field"]
    );
    assert_eq!(check(&wrap(&format!(r#"{{"id": "a", "type": "select", "label": {T}}}"#))), ["steps[0].fields[0].options: a select field needs options"]);
    assert_eq!(check(&wrap(r#"{"id": "a", "type": "text", "label": {"ru": "Т"}}"#)), ["steps[0].fields[0].label: text in \"en\" is missing"]);
    assert_eq!(
        check(&wrap(&format!(r#"{{"id": "a", "type": "text", "label": {T}, "pattern": {{"regex": "([", "message": {T}}}}}"#)))[0]
            .split(": not a regular expression")
            .next()
            .unwrap(),
        "steps[0].fields[0].pattern.regex"
    );
    assert_eq!(
        check(&wrap(&format!(r#"{{"id": "a", "type": "text", "label": {T}, "visible_if": {{"field": "b", "equals": "x"}}}}"#))),
        ["steps[0].fields[0].visible_if.field: no field \"b\" in the same group or at the top"]
    );
    assert_eq!(
        check(&wrap(&format!(r#"{{"id": "a", "type": "date", "label": {T}, "min": "yesterday"}}"#))),
        ["steps[0].fields[0].min: \"yesterday\" is not YYYY-MM-DD, today, or today±N d|m|y"]
    );
    assert_eq!(
        check(&wrap(&format!(r#"{{"id": "a", "type": "text", "label": {T}}}, {{"id": "a", "type": "email", "label": {T}}}"#))),
        ["steps[0].fields[1].id: field id \"a\" is used twice in the form"]
    );
    assert_eq!(
        check(&wrap(&format!(
            r#"{{"id": "g", "type": "group", "label": {T}, "fields": [{{"id": "h", "type": "group", "label": {T}, "fields": [{{"id": "x", "type": "text", "label": {T}}}]}}]}}"#
        ))),
        ["steps[0].fields[0].fields[0].type: a group cannot be inside a group"]
    );
    assert_eq!(
        check(&wrap(&format!(r#"{{"id": "f", "type": "file", "label": {T}, "max_size_kb": 999999}}"#))),
        ["steps[0].fields[0].max_size_kb: must be 1 to 51200"]
    );
    assert_eq!(
        check(&format!(
            r#"{{"steps": [{{"id": "s", "title": {T}, "fields": [{{"id": "d", "type": "text", "label": {T}}}]}}],
               "rules": [{{"type": "date_order", "earlier": "d", "later": "nope", "message": {T}}}]}}"#
        )),
        ["rules[0].earlier: \"d\" is not a date field", "rules[0].later: no field \"nope\" (write group.field for a field of a group)"]
    );
    assert!(
        serde_json::from_str::<FormSchema>(&wrap(&format!(r#"{{"id": "a", "type": "text", "label": {T}, "colour": "red"}}"#))).is_err(),
        "unknown attributes"
    );
}

fn valid_snils() -> impl Strategy<Value = String> {
    (1_002_000u32..999_999_999).prop_map(|n| {
        let nine = format!("{n:09}");
        format!("{nine}{:02}", crate::identity::snils_control_sum(&nine))
    })
}

proptest! {
    #[test]
    fn any_answer_gets_a_verdict_without_panicking(
        values in proptest::collection::btree_map("[a-z_]{1,12}", "\\PC{0,40}", 0..8),
        names in proptest::collection::vec("\\PC{0,20}", 0..5),
    ) {
        let s = kindergarten();
        let mut d = FormData { values, groups: Default::default() };
        d.groups.insert("children".into(), names.iter().map(|n| child(n, n)).collect());
        let _ = validate(&s, &d, &Files::new(), today(), Scope::All);
        for step in 0..s.steps.len() {
            let _ = validate(&s, &d, &Files::new(), today(), Scope::Step(step));
        }
    }

    #[test]
    fn every_valid_snils_passes_and_every_wrong_control_sum_fails(snils in valid_snils(), delta in 1u32..100) {
        let s = one("snils", "");
        prop_assert_eq!(problems_of(&s, &snils), vec![]);
        let control: u32 = snils[9..].parse().unwrap();
        let wrong = format!("{}{:02}", &snils[..9], (control + delta) % 100);
        prop_assert_eq!(problems_of(&s, &wrong), vec![Problem::SnilsControlSum]);
    }

    #[test]
    fn text_length_limits_count_characters_not_bytes(n in 0usize..20) {
        let s = one("text", r#""max_length": 10"#);
        let value = "ё".repeat(n.max(1));
        let too_long = n > 10;
        prop_assert_eq!(problems_of(&s, &value) == vec![Problem::TooLong { max: 10 }], too_long);
    }

    #[test]
    fn a_date_inside_its_bounds_passes_and_outside_fails(offset in -400i32..400) {
        let s = one("date", r#""min": "today-180d", "max": "today+180d""#);
        let date = crate::dates::format_date(crate::dates::add_days(today(), offset));
        let inside = (-180..=180).contains(&offset);
        prop_assert_eq!(problems_of(&s, &date).is_empty(), inside);
    }
}

/// A step with a text field (at most 5 characters) and a group of at most 2 children.
fn posted_schema() -> FormSchema {
    schema(&format!(
        r#"{{"steps": [{{"id": "s", "title": {T}, "fields": [
            {{"id": "name", "type": "text", "label": {T}, "max_length": 5}},
            {{"id": "scan", "type": "file", "label": {T}, "max_files": 1}},
            {{"id": "children", "type": "group", "label": {T}, "max_items": 2, "fields": [{{"id": "child", "type": "text", "label": {T}}}]}}
        ]}}, {{"id": "t", "title": {T}, "fields": [{{"id": "later", "type": "text", "label": {T}}}]}}]}}"#
    ))
}

#[test]
fn a_posted_step_takes_its_own_fields_within_the_schemas_limits() {
    let s = posted_schema();
    let mut post = s.posted_step(0).unwrap();
    post.value("name", "Анна".into()).unwrap();
    post.value("children[1].child", "Пётр".into()).unwrap();
    post.count("children", "2").unwrap();
    let data = post.finish().unwrap();
    assert_eq!(data.values["name"], "Анна");
    assert_eq!(data.groups["children"].len(), 2, "the count keeps an entry left empty");
    assert_eq!(data.groups["children"][1]["child"], "Пётр");
    assert!(s.posted_step(2).is_none());

    // Names of another step, of no field or of a file are unknown, and named.
    let mut post = s.posted_step(0).unwrap();
    for name in ["later", "is_admin", "scan", "children[0].nope"] {
        post.value(name, "x".into()).unwrap();
    }
    assert_eq!(post.finish(), Err(PostProblem::Unknown(vec!["later".into(), "is_admin".into(), "scan".into(), "children[0].nope".into()])));

    // More than the schema allows is refused as a whole.
    let too_much = |f: &dyn Fn(&mut PostedStep<'_>) -> Result<(), PostProblem>| {
        let mut post = s.posted_step(0).unwrap();
        f(&mut post)
    };
    assert_eq!(too_much(&|p| p.count("children", "3")), Err(PostProblem::TooMuch), "max_items is 2");
    assert_eq!(too_much(&|p| p.count("children", "1000")), Err(PostProblem::TooMuch));
    let mut beyond = s.posted_step(0).unwrap();
    beyond.value("children[2].child", "x".into()).unwrap();
    assert_eq!(beyond.finish(), Err(PostProblem::Unknown(vec!["children[2].child".into()])), "an entry past max_items is no field");
    assert_eq!(too_much(&|p| p.value("name", "я".repeat(11))), Err(PostProblem::TooMuch), "twice max_length at most");
    assert!(too_much(&|p| p.value("name", "я".repeat(10))).is_ok(), "the validator names a smaller overrun at the field");
    assert_eq!(too_much(&|p| (0..30).try_for_each(|i| p.unknown(&format!("__count.g{i}")))), Err(PostProblem::TooMuch));
    assert_eq!(too_much(&|p| (0..100).try_for_each(|_| p.part())), Err(PostProblem::TooMuch));
    let post = s.posted_step(0).unwrap();
    assert_eq!(post.value_limit("name"), 5 * 2 * 4);
    assert_eq!(post.value_limit("go"), posted::CONTROL_BYTES);
}

proptest! {
    /// Whatever is posted, what is built stays within the schema: at most `max_items` entries of
    /// known fields, each value within twice its field's length.
    #[test]
    fn no_post_builds_more_than_the_schema_allows(parts in proptest::collection::vec(("(name|children\\[[0-9]{1,4}\\]\\.child|__count\\.children|[a-z_]{1,8})", ".{0,12}"), 0..60)) {
        let s = posted_schema();
        let mut post = s.posted_step(0).unwrap();
        for (name, value) in parts {
            let taken = post.part().and_then(|()| match name.strip_prefix("__count.") {
                Some(group) => post.count(group, &value),
                None => post.value(&name, value),
            });
            if taken.is_err() {
                return Ok(());
            }
        }
        if let Ok(data) = post.finish() {
            prop_assert!(data.groups.get("children").map_or(0, Vec::len) <= 2);
            prop_assert!(data.values.keys().all(|k| k == "name"));
            prop_assert!(data.values.get("name").map_or(0, |v| v.chars().count()) <= 10);
        }
    }
}
