//! Status by number over HTTP, on both databases: the receipt's code with the registration number
//! shows the status to anyone without logging in, and nothing about the applicant; a wrong code,
//! a foreign number or nonsense read the same "not found" and change nothing.

use backend::testing::person_id_by_snils;

use crate::support::{on_both, portal_with_sim, Browser};

#[tokio::test]
async fn the_number_and_the_receipts_code_show_the_status_to_anyone_and_nothing_more() {
    on_both(async |t| {
        let (p, _sim) = portal_with_sim(t).await;
        let mut citizen = Browser::new();
        citizen.login(&p.url, "ivanova").await;
        let portal = &p.state.portal;
        let a = portal.db.principal(person_id_by_snils(&portal.db, "12345678964").await).await.unwrap().unwrap();
        let id = backend::applications::drafts::start_draft(portal, &a, "kindergarten-enrolment").await.unwrap();
        backend::testing::fill_kindergarten(portal, &a, &id).await;
        let number = backend::applications::submit::submit(portal, &a, &id).await.unwrap();

        // The applicant sees the code on the application's page and on the receipt.
        let page = citizen.get(&format!("{}/applications/{id}", p.url)).await;
        let code =
            page.body.split("Код проверки статуса</dt><dd><span class=\"nowrap\">").nth(1).expect("the code is shown").split('<').next().unwrap().to_owned();
        assert!(domain::status_check::normalize_code(&code).is_some(), "{code}");
        let (_, pdf, _) = citizen.get_bytes(&format!("{}/applications/{id}/receipt.pdf", p.url)).await;
        let text = lopdf::Document::load_mem(&pdf).unwrap().extract_text(&[1]).unwrap();
        assert!(text.contains(&code) && text.contains("/status"), "{text}");

        // Anyone with both: the status, and nothing about who applied.
        let mut anyone = Browser::new();
        let status = |number: &str, code: &str| format!("{}/status?number={}&code={}", p.url, urlencode(number), urlencode(code));
        let shown = anyone.get(&status(&number, &code.to_lowercase().replace('-', " "))).await;
        assert_eq!(shown.status, 200);
        assert!(shown.body.contains("Зарегистрировано") && shown.body.contains("детские сады"), "{}", shown.body);
        for private in ["Иванова", "Мария", "123-456-789 64", "ivanova@example.ru", "Приозёрск, ул. Лесная"] {
            assert!(!shown.body.contains(private), "{private} must not show");
        }
        // Wrong code, another number, nonsense: the same "not found".
        let wrong_code = format!("{}{}", &code[..code.len() - 1], if code.ends_with('A') { 'B' } else { 'A' });
        for (n, c) in
            [(number.as_str(), wrong_code.as_str()), ("99-2026-999999", code.as_str()), (number.as_str(), "0"), ("'; DROP TABLE applications; --", "ABCD-EFGH")]
        {
            let answer = anyone.get(&status(n, c)).await;
            assert_eq!(answer.status, 200, "{n} {c}");
            assert!(answer.body.contains("Заявления с таким номером и кодом нет"), "{n} {c}");
            assert!(!answer.body.contains("Зарегистрировано"), "{n} {c}");
        }
        // The empty form invites; the server function answers the same way.
        let empty = anyone.get(&format!("{}/status", p.url)).await;
        assert!(empty.body.contains("Показать статус") && !empty.body.contains("Заявления с таким номером"));
    })
    .await;
}

fn urlencode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}
