//! The exchange with the federal register over HTTP, on both databases: the operator downloads
//! the passports, the register's file comes back with a changed term, fee and register number,
//! and the catalog takes them in (and says what it left out and what needs translating); a broken
//! file changes nothing and says why in the operator's language.

use backend::catalog_editor::{self, Actor, Entry};
use domain::identity::Role;

use crate::support::{on_both, portal_with_sim, staff, Browser, LivePortal};

const SERVICE: &str = "kindergarten-enrolment";

/// The `<service>` element of `code` in `xml`: its start and end.
fn block(xml: &str, code: &str) -> (usize, usize) {
    let start = xml.find(&format!("<service code=\"{code}\"")).unwrap_or_else(|| panic!("{code} is exported"));
    let end = start + xml[start..].find("</service>").unwrap() + "</service>".len();
    (start, end)
}

async fn upload(p: &LivePortal, operator: &mut Browser, xml: &str) -> (u16, String) {
    let answer = operator.post_multipart(&format!("{}/admin/register", p.url), &[], &[("file", "register.xml", xml.as_bytes().to_vec())]).await;
    (answer.status, answer.body)
}

#[tokio::test]
async fn the_catalog_exchanges_service_passports_with_the_federal_register() {
    on_both(async |t| {
        let (p, _sim) = portal_with_sim(t).await;
        let mut operator = staff(&p, "operator", "678-901-234 38", Role::Operator, None).await;
        let exported = operator.get(&format!("{}/admin/register.xml", p.url)).await;
        assert_eq!(exported.status, 200);
        let xml = exported.body;
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<services region=\"") && xml.contains("language=\"ru\""), "{xml}");
        let (start, end) = block(&xml, SERVICE);
        let passport = &xml[start..end];
        assert!(passport.contains("<authority code=\"minobr\">") && passport.contains("unit=\"working-days\""), "{passport}");

        // The register's answer: a new term, fee and number for the service, and one it does not know.
        let days = passport.split("days=\"").nth(1).unwrap().split('"').next().unwrap();
        let fee = passport.split("<fee>").nth(1).unwrap().split("</fee>").next().unwrap();
        let changed = passport
            .replacen(&format!("days=\"{days}\""), "days=\"9\"", 1)
            .replacen(&format!("<fee>{fee}</fee>"), "<fee>200 рублей</fee>", 1)
            .replacen(&format!("<service code=\"{SERVICE}\""), &format!("<service code=\"{SERVICE}\" registerId=\"6100000000161234567\""), 1);
        let stranger = passport.replacen(&format!("code=\"{SERVICE}\""), "code=\"no-such-service\"", 1);
        let answer = format!("{}{changed}{stranger}{}", &xml[..start], &xml[end..]);
        let (status, page) = upload(&p, &mut operator, &answer).await;
        assert_eq!(status, 200, "{page}");
        assert!(page.contains("Обновлён 1 паспорт услуги") && page.contains("registerId, term, fee"), "{page}");
        assert!(page.contains("no-such-service") && page.contains("проверьте переводы"), "{page}");

        let terms = p.state.portal.db.service_entry(SERVICE).await.unwrap().unwrap();
        assert_eq!((terms.term_days, terms.register_id.as_deref()), (9, Some("6100000000161234567")));
        let mut anonymous = Browser::new();
        let passport_page = anonymous.get(&format!("{}/services/{SERVICE}", p.url)).await;
        assert!(passport_page.body.contains("200 рублей"), "the citizen sees the register's fee");
        let again = operator.get(&format!("{}/admin/register.xml", p.url)).await.body;
        assert!(again.contains("registerId=\"6100000000161234567\"") && again.contains("days=\"9\""));
        let (status, page) = upload(&p, &mut operator, &again).await;
        assert_eq!(status, 200);
        assert!(page.contains("Обновлено паспортов услуг: 0"), "the same file again changes nothing: {page}");

        // The editor's form has no register number: saving the service there keeps it.
        let portal = &p.state.portal;
        let mut edited = portal.db.service_entry(SERVICE).await.unwrap().unwrap();
        edited.register_id = None;
        let actor = Actor { person_id: backend::testing::person_id_by_snils(&portal.db, "67890123438").await, request_id: None };
        let version = portal.db.catalog_version().await.unwrap();
        catalog_editor::apply(portal, version, &actor, |pack| catalog_editor::update(pack, Entry::Service(edited))).await.unwrap().unwrap();
        let kept = portal.db.service_entry(SERVICE).await.unwrap().unwrap().register_id;
        assert_eq!(kept.as_deref(), Some("6100000000161234567"));
        let again = operator.get(&format!("{}/admin/register.xml", p.url)).await.body;

        // Broken files change nothing and say why.
        let version = p.state.portal.db.catalog_version().await.unwrap();
        let (a, b) = block(&again, SERVICE);
        let spoil = |from: &str, to: &str| format!("{}{}{}", &again[..a], again[a..b].replacen(from, to, 1), &again[b..]);
        for (file, says) in [
            ("not xml at all".to_owned(), "Файл не прочитан"),
            (again.replacen("language=\"ru\"", "language=\"en\"", 1), "не на языке реестра"),
            (again.replacen("<services region=\"", "<services region=\"x", 1), "для другого региона"),
            (format!("{}{}{}", &again[..b], &again[a..b], &again[b..]), "дважды"),
            (spoil("<electronicStage>", "<electronicStage>9"), "этап перевода в электронный вид должен быть от 1 до 5"),
            (spoil("<authority code=\"minobr\">", "<authority code=\"nowhere\">"), "ведомство, которого нет"),
            (spoil("days=\"9\"", "days=\"0\""), "срок должен быть не меньше 1 рабочего дня"),
        ] {
            let (status, page) = upload(&p, &mut operator, &file).await;
            assert_eq!(status, 422, "{page}");
            assert!(page.contains(says) && page.contains("Ничего не изменено"), "{says}: {page}");
        }
        assert_eq!(p.state.portal.db.catalog_version().await.unwrap(), version, "nothing written");
    })
    .await;
}
