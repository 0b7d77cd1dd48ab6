//! Where a value sits in a form: a top-level field (`phone`) or a field of a group's entry
//! (`children[1].name`). The one parser of these names, for posted forms, files and pages.

use std::fmt;

/// Group entries are numbered below this, whatever a schema says: a bigger index is no entry.
pub const MAX_ENTRY_INDEX: usize = 1000;

/// A parsed field name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FieldPath {
    /// A top-level field.
    Field(String),
    /// Field `field` of entry `index` of group `group`.
    Entry {
        /// The group's id.
        group: String,
        /// The entry, from 0.
        index: usize,
        /// The field's id within the group.
        field: String,
    },
}

impl FieldPath {
    /// `name` as a path: an id, or `group[index].id` with an index below [`MAX_ENTRY_INDEX`] written
    /// without leading zeros. Ids are what schemas allow (a-z, 0-9 and `_`, from a letter).
    pub fn parse(name: &str) -> Option<FieldPath> {
        match name.split_once('[') {
            None => is_id(name).then(|| FieldPath::Field(name.to_owned())),
            Some((group, rest)) => {
                let (index, field) = rest.split_once("].")?;
                let canonical = !index.is_empty() && (index == "0" || !index.starts_with('0')) && index.bytes().all(|b| b.is_ascii_digit());
                let index: usize = index.parse().ok().filter(|i| canonical && *i < MAX_ENTRY_INDEX)?;
                (is_id(group) && is_id(field)).then(|| FieldPath::Entry { group: group.to_owned(), index, field: field.to_owned() })
            }
        }
    }

    /// The field's own id (for an entry, the id within its group).
    pub fn field(&self) -> &str {
        match self {
            FieldPath::Field(id) | FieldPath::Entry { field: id, .. } => id,
        }
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldPath::Field(id) => f.write_str(id),
            FieldPath::Entry { group, index, field } => write!(f, "{group}[{index}].{field}"),
        }
    }
}

/// An id as schemas write them.
fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes().next().is_some_and(|b| b.is_ascii_lowercase())
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn names_parse_into_paths_and_back() {
        assert_eq!(FieldPath::parse("phone"), Some(FieldPath::Field("phone".into())));
        let entry = FieldPath::parse("children[12].birth_date").unwrap();
        assert_eq!(entry, FieldPath::Entry { group: "children".into(), index: 12, field: "birth_date".into() });
        assert_eq!(entry.to_string(), "children[12].birth_date");
        assert_eq!(entry.field(), "birth_date");
        for bad in [
            "",
            "Phone",
            "a b",
            "children[].x",
            "children[01].x",
            "children[-1].x",
            "children[1]x",
            "children[1].",
            "[1].x",
            "children[1000].x",
            "c[1].d[2].e",
            "a.b",
        ] {
            assert_eq!(FieldPath::parse(bad), None, "{bad:?}");
        }
    }

    proptest! {
        #[test]
        fn every_path_reads_back_as_itself(group in "[a-z][a-z0-9_]{0,10}", field in "[a-z][a-z0-9_]{0,10}", index in 0usize..MAX_ENTRY_INDEX) {
            let path = FieldPath::Entry { group, index, field };
            prop_assert_eq!(FieldPath::parse(&path.to_string()), Some(path));
        }

        #[test]
        fn no_name_breaks_the_parser(name in ".{0,40}") {
            if let Some(path) = FieldPath::parse(&name) {
                prop_assert_eq!(path.to_string(), name);
            }
        }
    }
}
