//! Email texts: a tera template per event and language (`templates/email/{lang}/{kind}.txt`:
//! the subject on the first line, then the plain text), and one HTML layout with the region's
//! name and colour that sets the same paragraphs and link. A language without templates gets the
//! Russian ones.

use std::sync::OnceLock;

use domain::localized::Lang;
use domain::notify::Kind;
use serde::Serialize;

use crate::outbox::Email;
use crate::{Error, Result};

/// What an email's texts may use.
#[derive(Debug, Clone, Serialize)]
pub struct EmailVars {
    /// The recipient's given and middle name.
    pub name: String,
    /// The region's name.
    pub region: String,
    /// The application's registration number.
    pub number: String,
    /// The service's title.
    pub service: String,
    /// A decision was a refusal.
    pub refused: bool,
    /// The page it is about, absolute.
    pub link: String,
    /// The region's brand colour.
    pub colour: String,
}

macro_rules! texts {
    ($($lang:literal),*) => {
        &[$(
            ($lang, "registered", include_str!(concat!("../../templates/email/", $lang, "/registered.txt"))),
            ($lang, "info_requested", include_str!(concat!("../../templates/email/", $lang, "/info_requested.txt"))),
            ($lang, "decided", include_str!(concat!("../../templates/email/", $lang, "/decided.txt"))),
            ($lang, "replied", include_str!(concat!("../../templates/email/", $lang, "/replied.txt"))),
            ($lang, "deadline_near", include_str!(concat!("../../templates/email/", $lang, "/deadline_near.txt"))),
            ($lang, "deadline_overdue", include_str!(concat!("../../templates/email/", $lang, "/deadline_overdue.txt"))),
            ($lang, "federal_failing", include_str!(concat!("../../templates/email/", $lang, "/federal_failing.txt"))),
            ($lang, "layout", include_str!(concat!("../../templates/email/", $lang, "/layout.txt"))),
        )*]
    };
}

/// Every template, by language and name.
const TEXTS: &[(&str, &str, &str)] = texts!("ru", "en");
const LAYOUT: &str = include_str!("../../templates/email/layout.html");

fn tera() -> &'static tera::Tera {
    static TERA: OnceLock<tera::Tera> = OnceLock::new();
    TERA.get_or_init(|| {
        let mut tera = tera::Tera::default();
        // Plain text is not escaped; the HTML layout is (its name ends in .html).
        tera.add_raw_templates(TEXTS.iter().map(|(lang, name, text)| (format!("{lang}/{name}.txt"), *text)).chain([("layout.html".to_owned(), LAYOUT)]))
            .expect("the email templates are valid (checked by the tests)");
        tera
    })
}

fn render_one(name: &str, context: &tera::Context) -> Result<String> {
    tera().render(name, context).map_err(|e| Error::Document(format!("email template {name}: {e:?}")))
}

/// The email of `kind` in `lang` (Russian when there is no template in it) to `to`.
pub fn render(kind: Kind, lang: &Lang, vars: &EmailVars, to: &str, message_id: &str) -> Result<Email> {
    let lang = if TEXTS.iter().any(|(l, ..)| *l == lang.as_str()) { lang.as_str() } else { "ru" };
    let context = tera::Context::from_serialize(vars).map_err(|e| Error::Document(e.to_string()))?;
    let whole = render_one(&format!("{lang}/{}.txt", kind.as_str()), &context)?;
    let (subject, body) = whole.split_once('\n').unwrap_or((whole.as_str(), ""));
    let text = body.trim().to_owned();
    let layout = render_one(&format!("{lang}/layout.txt"), &context)?;
    let mut lines = layout.lines();
    let (portal, open, footer) = (lines.next().unwrap_or_default(), lines.next().unwrap_or_default(), lines.next().unwrap_or_default());
    // The HTML sets the text's paragraphs; the link (a paragraph of its own) becomes a button.
    let paragraphs: Vec<String> =
        text.split("\n\n").map(|p| p.lines().filter(|l| l.trim() != vars.link).collect::<Vec<_>>().join(" ")).filter(|p| !p.trim().is_empty()).collect();
    let mut html = tera::Context::new();
    html.insert("lang", lang);
    html.insert("subject", subject.trim());
    html.insert("paragraphs", &paragraphs);
    html.insert("link", &vars.link);
    html.insert("colour", &vars.colour);
    html.insert("region", &vars.region);
    html.insert("portal", portal);
    html.insert("open", open);
    html.insert("footer", footer);
    Ok(Email {
        to: to.to_owned(),
        subject: subject.trim().to_owned(),
        text: format!("{text}\n\n-- \n{footer}\n"),
        html: render_one("layout.html", &html)?,
        message_id: message_id.to_owned(),
        lang: lang.to_owned(),
    })
}
