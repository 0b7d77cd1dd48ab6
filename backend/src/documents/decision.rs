//! Decision documents: an approval (the service's own template from its region pack, or the
//! built-in one) and a refusal with its ground.

use serde::Serialize;

use super::{built_in_pdf, context, markup_pdf};
use crate::{Error, Result};

/// What a decision says.
#[derive(Debug, Clone, Serialize)]
pub struct DecisionText {
    /// The region's name.
    pub region: String,
    /// The department.
    pub department: String,
    /// The service.
    pub service: String,
    /// Registration number.
    pub number: String,
    /// Registration date, `DD.MM.YYYY`.
    pub registered: String,
    /// Decision date, `DD.MM.YYYY`.
    pub decided: String,
    /// The applicant's full name.
    pub applicant: String,
    /// The clerk's full name.
    pub clerk: String,
    /// What the applicant gets (the passport's result).
    pub result: String,
    /// A refusal's ground.
    pub ground: Option<String>,
    /// The clerk's explanation.
    pub comment: Option<String>,
    /// The applicant's answers by field id (top-level fields), for a service's own template.
    pub answers: std::collections::BTreeMap<String, String>,
}

/// The approval as PDF: the service's `template` when it has one, else the built-in one.
pub fn approval_pdf(lang: &str, template: Option<&str>, text: &DecisionText) -> Result<Vec<u8>> {
    match template {
        Some(source) => {
            let markup = tera::Tera::one_off(source, &context(text)?, false).map_err(|e| Error::Document(e.to_string()))?;
            markup_pdf(&markup, lang)
        }
        None => built_in_pdf("approval", lang, text),
    }
}

/// The refusal as PDF, with its ground.
pub fn refusal_pdf(lang: &str, text: &DecisionText) -> Result<Vec<u8>> {
    built_in_pdf("refusal", lang, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> DecisionText {
        DecisionText {
            region: "Приозёрский край".into(),
            department: "Министерство природных ресурсов Приозёрского края".into(),
            service: "Выдача разрешения на добычу охотничьих ресурсов".into(),
            number: "99-2026-000007".into(),
            registered: "23.11.2026".into(),
            decided: "25.11.2026".into(),
            applicant: "Петров Сергей Иванович".into(),
            clerk: "Кузнецова Ольга Николаевна".into(),
            result: "Разрешение на добычу охотничьих ресурсов".into(),
            ground: Some("Заявитель не имеет охотничьего билета".into()),
            comment: Some("Билет аннулирован".into()),
            answers: [("species".to_owned(), "кабан".to_owned())].into(),
        }
    }

    /// The first page's text with every run of whitespace (line breaks too) as one space.
    fn text_of(pdf: &[u8]) -> String {
        lopdf::Document::load_mem(pdf).unwrap().extract_text(&[1]).unwrap().split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn the_built_in_decisions_read_with_their_details() {
        let approval = text_of(&approval_pdf("ru", None, &sample()).unwrap());
        assert!(approval.contains("Решение о предоставлении государственной услуги") && approval.contains("99-2026-000007"), "{approval}");
        let refusal = text_of(&refusal_pdf("ru", &sample()).unwrap());
        assert!(refusal.contains("Заявитель не имеет охотничьего билета") && refusal.contains("Билет аннулирован"), "{refusal}");
        assert!(text_of(&refusal_pdf("en", &sample()).unwrap()).contains("Ground for refusal"));
    }

    #[test]
    fn a_service_template_gets_the_answers() {
        let template = "# Разрешение на добычу охотничьих ресурсов № {{ number }}\n@row Владелец | {{ applicant }}\n@row Вид | {{ answers.species }}";
        let text = text_of(&approval_pdf("ru", Some(template), &sample()).unwrap());
        assert!(text.contains("Разрешение на добычу охотничьих ресурсов № 99-2026-000007") && text.contains("кабан"), "{text}");
        assert!(super::super::check_template("{{ broken").is_err());
        assert!(super::super::check_template(template).is_ok());
    }
}
