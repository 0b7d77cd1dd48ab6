//! Documents the portal generates in-process: the receipt of an application and decisions.
//! Texts come from tera templates per language (`templates/documents/<name>.<lang>.txt`, or a
//! service's own from its region pack); layout and PDF from [`pdf`].

pub mod decision;
pub mod pdf;
pub mod receipt;

use std::sync::OnceLock;

use serde::Serialize;

use crate::{Error, Result};

/// The built-in templates, `(name.lang, source)`.
const TEMPLATES: &[(&str, &str)] = &[
    ("receipt.ru", include_str!("../templates/documents/receipt.ru.txt")),
    ("receipt.en", include_str!("../templates/documents/receipt.en.txt")),
    ("approval.ru", include_str!("../templates/documents/approval.ru.txt")),
    ("approval.en", include_str!("../templates/documents/approval.en.txt")),
    ("refusal.ru", include_str!("../templates/documents/refusal.ru.txt")),
    ("refusal.en", include_str!("../templates/documents/refusal.en.txt")),
];

fn templates() -> &'static tera::Tera {
    static TERA: OnceLock<tera::Tera> = OnceLock::new();
    TERA.get_or_init(|| {
        let mut tera = tera::Tera::default();
        // Plain text for the PDF layout, not HTML: nothing to escape.
        tera.autoescape_on(vec![]);
        for (name, source) in TEMPLATES {
            // Every built-in template is rendered by the tests: a broken one cannot ship.
            if let Err(e) = tera.add_raw_template(name, source) {
                tracing::error!(template = name, error = %e, "document template does not compile");
            }
        }
        tera
    })
}

fn context(values: &impl Serialize) -> Result<tera::Context> {
    tera::Context::from_serialize(values).map_err(|e| Error::Document(e.to_string()))
}

/// The PDF of built-in template `name` in `lang` (Russian when there is none in it) with `values`.
fn built_in_pdf(name: &str, lang: &str, values: &impl Serialize) -> Result<Vec<u8>> {
    let lang = if TEMPLATES.iter().any(|(n, _)| *n == format!("{name}.{lang}")) { lang } else { "ru" };
    let markup = templates().render(&format!("{name}.{lang}"), &context(values)?).map_err(|e| Error::Document(e.to_string()))?;
    markup_pdf(&markup, lang)
}

/// The PDF of a document written in the layout markup; its first line (a heading) is its title.
fn markup_pdf(markup: &str, lang: &str) -> Result<Vec<u8>> {
    let title = markup.lines().next().unwrap_or_default().trim_start_matches("# ").to_owned();
    pdf::render_pdf(&title, lang, &pdf::parse_markup(markup)).map_err(|e| Error::Document(e.to_string()))
}

/// Checks a template a region pack provides: it must compile.
pub fn check_template(source: &str) -> std::result::Result<(), String> {
    tera::Tera::one_off(source, &tera::Context::new(), false).map(|_| ()).or_else(|e| {
        // Rendering with no values fails on the first variable: only syntax counts here.
        let mut tera = tera::Tera::default();
        tera.add_raw_template("check", source).map_err(|_| e.to_string())
    })
}
