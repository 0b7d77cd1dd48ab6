//! Language tags and texts given in several languages.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// A language tag as used in `locales/` file names and the `lang` cookie: `ru`, `en`, `tt`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Lang(String);

/// Why a string is not a language tag.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("\"{0}\" is not a language tag (two or three lowercase latin letters)")]
pub struct InvalidLang(pub String);

impl Lang {
    /// Parses a primary language subtag: two or three lowercase ASCII letters.
    pub fn parse(tag: &str) -> Result<Self, InvalidLang> {
        let ok = (2..=3).contains(&tag.len()) && tag.bytes().all(|b| b.is_ascii_lowercase());
        if ok {
            Ok(Self(tag.to_owned()))
        } else {
            Err(InvalidLang(tag.to_owned()))
        }
    }

    /// The tag as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Lang {
    type Error = InvalidLang;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Lang> for String {
    fn from(value: Lang) -> Self {
        value.0
    }
}

/// A text of the catalog given per language, e.g. `{ru: "Паспорт", en: "Passport"}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalizedText(pub BTreeMap<Lang, String>);

impl LocalizedText {
    /// The text in `lang`, else in `fallback`, else in any language present, else "".
    pub fn get<'a>(&'a self, lang: &Lang, fallback: &Lang) -> &'a str {
        self.0.get(lang).or_else(|| self.0.get(fallback)).or_else(|| self.0.values().next()).map(String::as_str).unwrap_or("")
    }

    /// Languages this text is given in.
    pub fn langs(&self) -> impl Iterator<Item = &Lang> {
        self.0.keys()
    }

    /// True when no language has a non-blank text.
    pub fn is_blank(&self) -> bool {
        self.0.values().all(|t| t.trim().is_empty())
    }
}

#[cfg(feature = "schema")]
mod schema {
    use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};

    use super::{Lang, LocalizedText};

    impl JsonSchema for Lang {
        fn schema_name() -> std::borrow::Cow<'static, str> {
            "Lang".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({ "type": "string", "pattern": "^[a-z]{2,3}$", "description": "Language tag, e.g. ru or en" })
        }
    }

    impl JsonSchema for LocalizedText {
        fn schema_name() -> std::borrow::Cow<'static, str> {
            "LocalizedText".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "type": "object",
                "description": "A text per language, e.g. { ru: \"Паспорт\", en: \"Passport\" }; every language of region.toml",
                "propertyNames": { "pattern": "^[a-z]{2,3}$" },
                "additionalProperties": { "type": "string", "minLength": 1 },
                "minProperties": 1
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(s: &str) -> Lang {
        Lang::parse(s).unwrap()
    }

    #[test]
    fn lang_accepts_two_or_three_lowercase_letters() {
        assert!(Lang::parse("ru").is_ok());
        assert!(Lang::parse("tyv").is_ok());
        for bad in ["", "r", "RU", "ru-RU", "../x", "русский", "abcd"] {
            assert_eq!(Lang::parse(bad), Err(InvalidLang(bad.into())), "{bad}");
        }
    }

    #[test]
    fn localized_text_falls_back_to_the_default_language_then_any() {
        let mut t = LocalizedText::default();
        t.0.insert(lang("ru"), "Паспорт".into());
        assert_eq!(t.get(&lang("en"), &lang("ru")), "Паспорт");
        t.0.insert(lang("en"), "Passport".into());
        assert_eq!(t.get(&lang("en"), &lang("ru")), "Passport");
        assert_eq!(t.get(&lang("tt"), &lang("de")), "Passport", "any language beats nothing");
        assert_eq!(LocalizedText::default().get(&lang("ru"), &lang("ru")), "");
    }
}
