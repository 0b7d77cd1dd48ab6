//! Localized text: every string a page shows comes from `locales/<lang>.ftl` (Fluent syntax).
//!
//! All locale files are embedded at build time; adding a language is adding a file. A message
//! missing in one language falls back to the default language (Russian).

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

include!(concat!(env!("OUT_DIR"), "/locales.rs"));

/// The language of the portal when nothing else is known.
pub const DEFAULT_LANG: &str = "ru";

type Bundle = FluentBundle<FluentResource>;

fn bundles() -> &'static HashMap<&'static str, Arc<Bundle>> {
    static BUNDLES: OnceLock<HashMap<&'static str, Arc<Bundle>>> = OnceLock::new();
    BUNDLES.get_or_init(|| {
        LOCALES
            .iter()
            .map(|(tag, source)| {
                let lang: LanguageIdentifier = tag.parse().expect("locale file names are language tags");
                let mut bundle = FluentBundle::new_concurrent(vec![lang]);
                // No Unicode isolation marks: they would show up in titles and attributes.
                bundle.set_use_isolating(false);
                let resource =
                    FluentResource::try_new((*source).to_owned()).unwrap_or_else(|(_, errors)| panic!("locales/{tag}.ftl has syntax errors: {errors:?}"));
                bundle.add_resource(resource).unwrap_or_else(|e| panic!("locales/{tag}.ftl: {e:?}"));
                (*tag, Arc::new(bundle))
            })
            .collect()
    })
}

/// Language tags that have a locale file, sorted.
pub fn available_langs() -> impl Iterator<Item = &'static str> {
    LOCALES.iter().map(|(tag, _)| *tag)
}

/// True when `tag` has a locale file.
pub fn is_available(tag: &str) -> bool {
    available_langs().any(|t| t == tag)
}

/// Picks the page language: the visitor's choice, else the region's default, else Russian.
pub fn negotiate(chosen: Option<&str>, region_default: Option<&str>) -> &'static str {
    [chosen, region_default].into_iter().flatten().find_map(|tag| available_langs().find(|t| *t == tag)).unwrap_or(DEFAULT_LANG)
}

/// Translator for one language; provided as context to every component.
#[derive(Clone, Copy, Debug)]
pub struct I18n {
    lang: &'static str,
}

impl I18n {
    /// Translator for `lang`; an unknown language gets the default one.
    pub fn new(lang: &str) -> I18n {
        I18n { lang: negotiate(Some(lang), None) }
    }

    /// The language tag, for `lang` attributes.
    pub fn lang(&self) -> &'static str {
        self.lang
    }

    /// The message `key`.
    pub fn t(&self, key: &str) -> String {
        self.format(key, None)
    }

    /// The message `key` with arguments, e.g. `("count", 3.into())`.
    pub fn t_with(&self, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        self.format(key, Some(&fluent_args))
    }

    fn format(&self, key: &str, args: Option<&FluentArgs>) -> String {
        let bundles = bundles();
        for tag in [self.lang, DEFAULT_LANG] {
            let Some(bundle) = bundles.get(tag) else { continue };
            if let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                return bundle.format_pattern(pattern, args, &mut errors).into_owned();
            }
        }
        key.to_owned()
    }
}

/// The page's translator.
pub fn use_i18n() -> I18n {
    leptos::prelude::use_context::<I18n>().unwrap_or_else(|| I18n::new(DEFAULT_LANG))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message_ids(source: &str) -> Vec<String> {
        let resource = FluentResource::try_new(source.to_owned()).expect("valid Fluent");
        let mut ids: Vec<String> = resource
            .entries()
            .filter_map(|e| match e {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
                _ => None,
            })
            .collect();
        ids.sort();
        ids
    }

    #[test]
    fn every_locale_has_every_message_of_the_default_one() {
        let default = LOCALES.iter().find(|(t, _)| *t == DEFAULT_LANG).expect("ru.ftl exists").1;
        let expected = message_ids(default);
        for (tag, source) in LOCALES {
            assert_eq!(message_ids(source), expected, "locales/{tag}.ftl differs from ru.ftl");
        }
    }

    #[test]
    fn russian_plurals_follow_cldr() {
        let ru = I18n::new("ru");
        let n = |c: i64| ru.t_with("category-services", &[("count", c.into())]);
        assert_eq!([n(1), n(3), n(5), n(21), n(11)], ["1 услуга", "3 услуги", "5 услуг", "21 услуга", "11 услуг"]);
        assert_eq!(I18n::new("en").t_with("category-services", &[("count", 1.into())]), "1 service");
    }

    #[test]
    fn unknown_languages_and_keys_fall_back() {
        assert_eq!(I18n::new("xx").lang(), "ru");
        assert_eq!(I18n::new("en").t("no-such-key"), "no-such-key");
        assert_eq!(negotiate(Some("de"), Some("en")), "en");
        assert_eq!(negotiate(None, None), "ru");
    }
}
