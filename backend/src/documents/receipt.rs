//! The receipt (расписка) of a registered application, as PDF in the applicant's language.

use serde::Serialize;

use super::built_in_pdf;
use crate::Result;

/// What a receipt says.
#[derive(Debug, Clone, Serialize)]
pub struct ReceiptText {
    /// The region's name.
    pub region: String,
    /// Registration number.
    pub number: String,
    /// When registered, `DD.MM.YYYY HH:MM` local time.
    pub registered_at: String,
    /// The service.
    pub service: String,
    /// The department.
    pub department: String,
    /// The applicant's full name.
    pub applicant: String,
    /// The regulatory term in working days.
    pub term_days: u16,
    /// The deadline, `DD.MM.YYYY`.
    pub deadline: String,
    /// The application's page.
    pub link: String,
    /// The code for the status check without logging in (`ABCD-EFGH`), if it has one.
    pub status_code: Option<String>,
    /// The page of that check.
    pub status_link: String,
}

/// The receipt as PDF in `lang` (Russian when there is no template for it).
pub fn receipt_pdf(lang: &str, text: &ReceiptText) -> Result<Vec<u8>> {
    built_in_pdf("receipt", lang, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> ReceiptText {
        ReceiptText {
            region: "Приозёрский край".into(),
            number: "99-2026-000123".into(),
            registered_at: "23.11.2026 14:05".into(),
            service: "Постановка на учёт и зачисление детей в детские сады".into(),
            department: "Министерство образования Приозёрского края".into(),
            applicant: "Иванова Мария Петровна".into(),
            term_days: 7,
            deadline: "02.12.2026".into(),
            link: "http://127.0.0.1:3000/applications/abc".into(),
            status_code: Some("ABCD-EFGH".into()),
            status_link: "http://127.0.0.1:3000/status".into(),
        }
    }

    #[test]
    fn the_receipt_reads_in_russian_with_every_detail() {
        let pdf = receipt_pdf("ru", &sample()).unwrap();
        let text = lopdf::Document::load_mem(&pdf).unwrap().extract_text(&[1]).unwrap();
        for expected in
            ["Расписка в получении заявления", "99-2026-000123", "23.11.2026 14:05", "детские сады", "Иванова Мария Петровна", "02.12.2026", "ABCD-EFGH"]
        {
            assert!(text.contains(expected), "{expected} in {text}");
        }
    }

    #[test]
    fn english_has_its_own_template_and_other_languages_get_russian() {
        let en = lopdf::Document::load_mem(&receipt_pdf("en", &sample()).unwrap()).unwrap().extract_text(&[1]).unwrap();
        assert!(en.contains("Receipt of your application") && en.contains("7 working days"), "{en}");
        let tt = lopdf::Document::load_mem(&receipt_pdf("tt", &sample()).unwrap()).unwrap().extract_text(&[1]).unwrap();
        assert!(tt.contains("Расписка"));
    }
}
