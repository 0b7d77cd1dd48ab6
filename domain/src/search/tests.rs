use proptest::prelude::*;

use super::*;

fn index() -> SearchIndex {
    SearchIndex::new(vec![
        vec![(Field::Title, "Выдача и замена паспорта гражданина"), (Field::Summary, "Паспорт выдаётся с 14 лет.")],
        vec![(Field::Title, "Единовременное пособие при рождении ребёнка"), (Field::Rest, "Министерство социальной защиты")],
        vec![(Field::Title, "Ежемесячная выплата"), (Field::Summary, "Пособие на ребенка до трёх лет")],
        vec![(Field::Title, "Housing and utilities allowance"), (Field::Summary, "Allowances for families")],
        vec![(Field::Title, "Запись к врачу"), (Field::Rest, "Заграничный паспорт не нужен")],
    ])
}

fn docs(q: &str) -> Vec<u32> {
    index().search(&Query::parse(q)).iter().map(|h| h.doc).collect()
}

#[test]
fn russian_word_forms_find_each_other() {
    assert_eq!(docs("паспорта "), [0, 4], "«паспорта» finds «паспорт», title ranks above the rest");
    assert_eq!(docs("пособия "), [1, 2], "«пособия» finds «пособие», title above summary");
    assert_eq!(docs("ребенка "), [1, 2]);
}

#[test]
fn yo_case_and_punctuation_do_not_matter() {
    assert_eq!(docs("РЕБЁНКА!!! "), [1, 2]);
    assert_eq!(docs("ребенка"), docs("ребёнка"));
    assert_eq!(docs("«Пособие», ребёнка… "), [1, 2]);
}

#[test]
fn english_word_forms_find_each_other() {
    assert_eq!(docs("allowance "), [3]);
    assert_eq!(docs("Families "), [3]);
}

#[test]
fn the_word_being_typed_matches_as_a_prefix() {
    assert_eq!(docs("пасп"), [0, 4]);
    assert_eq!(docs("пасп "), Vec::<u32>::new(), "a finished word is not a prefix");
    assert_eq!(docs("выдача пасп"), [0]);
    assert_eq!(docs("hous"), [3]);
}

#[test]
fn every_word_must_match_and_empty_queries_find_nothing() {
    assert_eq!(docs("паспорт врач "), [4]);
    assert_eq!(docs("паспорт трактор "), Vec::<u32>::new());
    assert_eq!(docs("  ,,, "), Vec::<u32>::new());
}

#[test]
fn highlighting_marks_matching_words_as_written() {
    let q = Query::parse("паспорта выда");
    let marked: Vec<(String, bool)> = highlight("Выдача и замена паспорта: паспорт!", &q).into_iter().map(|s| (s.text, s.hit)).collect();
    assert_eq!(
        marked,
        [
            ("Выдача".to_owned(), true),
            (" и замена ".to_owned(), false),
            ("паспорта".to_owned(), true),
            (": ".to_owned(), false),
            ("паспорт".to_owned(), true),
            ("!".to_owned(), false),
        ]
    );
}

proptest! {
    #[test]
    fn normalizing_is_idempotent(s in "\\PC{0,40}") {
        let once = normalize(&s);
        prop_assert_eq!(normalize(&once), once.clone());
    }

    #[test]
    fn highlighting_keeps_the_text(s in "\\PC{0,60}", q in "\\PC{0,20}") {
        let joined: String = highlight(&s, &Query::parse(&q)).into_iter().map(|seg| seg.text).collect();
        prop_assert_eq!(joined, s);
    }

    #[test]
    fn a_document_is_found_by_its_own_title(title in "[а-яё]{3,12}( [а-яё]{3,12}){0,3}") {
        let index = SearchIndex::new(vec![vec![(Field::Title, title.as_str())]]);
        let found = index.search(&Query::parse(&format!("{title} ")));
        prop_assert_eq!(found.len(), 1);
    }
}
