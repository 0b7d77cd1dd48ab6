//! The notification forms over HTTP on SQLite and PostgreSQL: only one's own notifications are
//! marked read, email choices are saved per person, bad forms get a clear answer, and the language
//! a person picks is remembered for their emails.

use backend::notify::centre::{email_choices, notification_page};
use backend::notify::fanout::{fanout_round, FanoutSettings};
use backend::outbox::Topic;
use backend::testing::{file_kindergartens, person_id_by_snils};
use domain::notify::Kind;

use crate::support::{on_both, portal_with_sim, Browser};

#[tokio::test]
async fn people_read_and_set_only_their_own_notifications() {
    on_both(async |t| {
        let (p, _sim) = portal_with_sim(t).await;
        let db = &p.state.portal.db;
        let mut citizen = Browser::new();
        citizen.login(&p.url, "ivanova").await;
        let mut other = Browser::new();
        other.login(&p.url, "petrov").await;
        let ivanova = person_id_by_snils(db, "12345678964").await;
        let principal = db.principal(ivanova).await.unwrap().unwrap();
        let rules = db.region_rules().await.unwrap().unwrap();
        file_kindergartens(&p.state.portal, &principal, 1, async |_| {}).await;
        let settings = FanoutSettings { public_url: p.url.clone(), email: false };
        while db.outbox_counts(Topic::Notify.as_str()).await.unwrap().pending > 0 {
            fanout_round(db, &settings, "test").await.unwrap();
        }
        let page = citizen.get(&format!("{}/notifications", p.url)).await;
        assert!(page.body.contains("зарегистрировано"), "the registration is told");
        assert!(page.body.contains("Уведомления: 1 непрочитанное"), "the bell counts it");
        let id = notification_page(db, ivanova, &rules).await.unwrap().items[0].id;

        // Somebody else cannot mark it read; its owner can.
        let answer = other.post(&format!("{}/notifications/read", p.url), &[("id", &id.to_string())]).await;
        assert_eq!(answer.status, 303);
        assert_eq!(db.unread_count(ivanova).await.unwrap(), 1);
        assert_eq!(citizen.post(&format!("{}/notifications/read", p.url), &[("id", "x")]).await.status, 400);
        assert_eq!(Browser::new().post(&format!("{}/notifications/read", p.url), &[]).await.status, 303, "anonymous: to the login");
        citizen.post(&format!("{}/notifications/read", p.url), &[("id", &id.to_string())]).await;
        assert_eq!(db.unread_count(ivanova).await.unwrap(), 0);

        // Email choices: what is not ticked is off.
        let saved = citizen.post(&format!("{}/me/notifications", p.url), &[("decided", "on")]).await;
        assert_eq!(saved.location.as_deref(), Some("/me?saved=notifications#notifications"));
        let choices = email_choices(db, ivanova, &Kind::for_person(false, false)).await.unwrap();
        assert_eq!(choices.iter().filter(|c| c.email).map(|c| c.kind).collect::<Vec<_>>(), [Kind::Decided]);
        let me = citizen.get(&format!("{}/me", p.url)).await;
        let form = me.body.split("name=\"decided\"").nth(1).map(|rest| rest.chars().take(40).collect::<String>());
        assert!(me.body.contains("name=\"decided\" value=\"on\" checked"), "the form shows the choice: {} {form:?}", me.status);

        // The language picked while logged in is the one emails are written in.
        citizen.post(&format!("{}/settings/language", p.url), &[("lang", "en")]).await;
        let (lang,): (Option<String>,) = backend::testing::person_lang(db, ivanova).await;
        assert_eq!(lang.as_deref(), Some("en"));
    })
    .await;
}
