//! The operator's dashboards through the running server on SQLite and PostgreSQL: only the
//! operator may see the page, call its server function or download its CSV files; the files
//! have the page's figures; a bad period is a localized 400, never a 500.

use backend::testing::{person_id_by_snils, seed_applications, Seed};
use domain::dates::{add_days, format_date};
use domain::identity::Role;

use crate::support::{everyone, on_both, portal_with_sim, staff, Browser};

/// An application of the demo kindergarten service written straight into the database.
fn application(i: usize, applicant: i64, status: &str, submitted_at: i64, deadline: &str) -> Seed {
    Seed {
        id: format!("00000000-0000-4000-9000-{i:012}"),
        number: format!("99-2026-{:06}", 300_000 + i),
        service: "kindergarten-enrolment".into(),
        department: "minobr".into(),
        applicant_id: applicant,
        applicant_name: format!("Заявитель{i} Тест"),
        status: status.into(),
        assignee_id: None,
        origin: "regional".into(),
        municipality: None,
        submitted_at,
        deadline: deadline.into(),
        decided_at: None,
    }
}

/// The lines of a CSV file as the portal writes it (no quoted fields expected here).
fn csv_lines(bytes: &[u8]) -> Vec<Vec<String>> {
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with a byte order mark");
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    assert!(text.ends_with("\r\n"), "CRLF line ends");
    text.split_terminator("\r\n").map(|l| l.split(';').map(str::to_owned).collect()).collect()
}

#[tokio::test]
async fn only_the_operator_sees_the_dashboard_its_function_and_its_files() {
    on_both(async |t| {
        let (p, _sim) = portal_with_sim(t).await;
        let [mut anonymous, mut citizen, mut clerk, mut head, mut operator] = everyone(&p).await;

        let csv = format!("{}/admin/dashboard.csv?chart=stages", p.url);
        // [anonymous, citizen, clerk, head, operator]
        let page = [401, 403, 403, 403, 200];
        let function = [401, 403, 403, 403, 200];
        let file = [303, 403, 403, 403, 200];
        for (who, b) in [&mut anonymous, &mut citizen, &mut clerk, &mut head, &mut operator].into_iter().enumerate() {
            let got = b.get(&format!("{}/admin/dashboard", p.url)).await;
            assert_eq!(got.status, page[who], "the page as person #{who}");
            let got = b.post(&format!("{}/api/admin/dashboard", p.url), &[]).await;
            assert_eq!(got.status, function[who], "the server function as person #{who}: {}", got.body);
            let got = b.get(&csv).await;
            assert_eq!(got.status, file[who], "the CSV file as person #{who}");
            if who == 0 {
                assert!(got.location.unwrap().starts_with("/auth/login"), "sent to log in");
            } else if who < 4 {
                assert!(!got.body.contains("Этап"), "nothing of the file");
            }
        }
        let admin = operator.get(&format!("{}/admin", p.url)).await;
        assert!(admin.body.contains("href=\"/admin/dashboard\""), "the administration links to the dashboard");
    })
    .await;
}

#[tokio::test]
async fn the_operator_gets_the_figures_on_the_page_and_in_csv_files() {
    on_both(async |t| {
        let (p, _sim) = portal_with_sim(t).await;
        let mut operator = staff(&p, "operator", "678-901-234 38", Role::Operator, None).await;
        let mut citizen = Browser::new();
        citizen.login(&p.url, "ivanova").await;
        let db = &p.state.portal.db;
        let applicant = person_id_by_snils(db, "12345678964").await;
        let rules = db.region_rules().await.unwrap().unwrap();
        let now = backend::clock::now_ms();
        let today = rules.today(now);
        seed_applications(
            db,
            &[application(1, applicant, "registered", now - 1_000, "2000-01-03"), application(2, applicant, "in_review", now - 2_000, "2999-01-01")],
        )
        .await;

        let page = operator.get(&format!("{}/admin/dashboard", p.url)).await;
        assert_eq!(page.status, 200);
        assert!(page.body.contains("Услуги по этапам перевода в электронный вид"));
        assert!(page.body.contains("12 из 17"), "priority services online, of all priority services of the demo region");
        assert!(page.body.contains("<table") && page.body.contains("aria-hidden=\"true\""), "charts hidden, tables read");
        assert!(page.body.contains("в рабочих днях"), "the page says how processing times are counted");

        let (status, bytes, disposition) = operator.get_bytes(&format!("{}/admin/dashboard.csv?chart=stages", p.url)).await;
        assert_eq!(status, 200);
        assert!(disposition.unwrap().starts_with("attachment; filename=\"dashboard-stages-"));
        let lines = csv_lines(&bytes);
        assert_eq!(lines[0], ["Этап", "Все опубликованные услуги", "Приоритетные услуги"]);
        assert_eq!(lines[1], ["1. Информация об услуге", "5", "1"]);
        assert_eq!(lines[3], ["3. Подача заявления онлайн", "21", "8"]);
        assert_eq!(lines.last().unwrap(), &["Всего", "51", "17"]);

        let (_, bytes, _) = operator.get_bytes(&format!("{}/admin/dashboard.csv?chart=overdue", p.url)).await;
        let lines = csv_lines(&bytes);
        assert_eq!(lines, [vec!["Ведомство", "Нерассмотренных", "Из них просрочено"], vec!["Министерство образования Приозёрского края", "2", "1"]]);

        let (from, to) = (format_date(add_days(today, -1)), format_date(today));
        let (_, bytes, disposition) = operator.get_bytes(&format!("{}/admin/dashboard.csv?chart=applications&from={from}&to={to}", p.url)).await;
        assert_eq!(disposition.unwrap(), format!("attachment; filename=\"dashboard-applications-{from}-{to}.csv\""));
        let lines = csv_lines(&bytes);
        assert_eq!(lines[0].len(), 3, "day, the one service, total: {:?}", lines[0]);
        assert!(lines[0][1].contains("детские сады"), "{:?}", lines[0]);
        assert_eq!(lines[1..].iter().map(|l| l[0].clone()).collect::<Vec<_>>(), [from.clone(), to.clone()]);
        assert_eq!(lines[1..].iter().map(|l| l[2].parse::<i64>().unwrap()).sum::<i64>(), 2);

        let (_, bytes, _) = operator.get_bytes(&format!("{}/admin/dashboard.csv?chart=delivery", p.url)).await;
        assert_eq!(csv_lines(&bytes)[0], ["Состояние", "Сообщений"]);
    })
    .await;
}

#[tokio::test]
async fn a_bad_period_or_chart_is_a_localized_400_not_a_500() {
    on_both(async |t| {
        let (p, _sim) = portal_with_sim(t).await;
        let mut operator = staff(&p, "operator", "678-901-234 38", Role::Operator, None).await;
        let cases = [
            ("from=2026-13-01", "Дата начала периода указана неверно"),
            ("to=вчера", "Дата окончания периода указана неверно"),
            ("from=2026-11-10&to=2026-11-01", "Дата начала периода позже даты окончания"),
            ("from=2020-01-01&to=2026-01-01", "Период не может быть длиннее 366 дней"),
        ];
        for (query, sentence) in cases {
            let page = operator.get(&format!("{}/admin/dashboard?{query}", p.url)).await;
            assert_eq!(page.status, 400, "{query}");
            assert!(page.body.contains(sentence), "{query}: the page says why");
            assert!(page.body.contains("name=\"from\""), "{query}: and offers the form again");
            let file = operator.get(&format!("{}/admin/dashboard.csv?chart=stages&{query}", p.url)).await;
            assert_eq!(file.status, 400, "{query}");
            assert!(file.body.contains(sentence), "{query}: the file's answer says why");
        }
        let unknown = operator.get(&format!("{}/admin/dashboard.csv?chart=everything", p.url)).await;
        assert_eq!(unknown.status, 400);
        assert!(unknown.body.contains("Такой диаграммы нет"));
        let english = operator.post(&format!("{}/settings/language", p.url), &[("lang", "en")]).await;
        assert!(english.status < 400);
        let page = operator.get(&format!("{}/admin/dashboard?from=2026-11-10&to=2026-11-01", p.url)).await;
        assert!(page.body.contains("The start date of the period is after its end date"), "in the visitor's language");
    })
    .await;
}
