//! Plain text matching for the catalog list until full-text search arrives: case, punctuation
//! and ё/е differences do not matter, and every word of the query must occur.

/// Lowercases, folds ё to е and turns everything but letters and digits into single spaces.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = true;
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = if c == 'ё' { 'е' } else { c };
        if c.is_alphanumeric() {
            out.push(c);
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    out.truncate(out.trim_end().len());
    out
}

/// True when every word of `query` occurs in `text` (both compared normalized).
pub fn matches_all_words(text: &str, query: &str) -> bool {
    let text = normalize(text);
    normalize(query).split(' ').filter(|w| !w.is_empty()).all(|w| text.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn case_punctuation_and_yo_do_not_matter() {
        assert_eq!(normalize("  Ёлка, ЗЕЛЁНАЯ!! "), "елка зеленая");
        assert!(matches_all_words("Выдача паспорта гражданина", "ПАСПОРТ, выдача"));
        assert!(matches_all_words("Учёт семьи", "учет"));
        assert!(!matches_all_words("Выдача паспорта", "паспорт пособие"));
        assert!(matches_all_words("anything", "  ,, "), "an empty query matches everything");
    }

    proptest! {
        #[test]
        fn normalizing_is_idempotent(s in "\\PC{0,40}") {
            let once = normalize(&s);
            prop_assert_eq!(normalize(&once), once.clone());
            prop_assert!(matches_all_words(&s, &once));
        }
    }
}
