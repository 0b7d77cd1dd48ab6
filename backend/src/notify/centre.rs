//! The notification centre: a person's notifications, the unread count in the header, marking
//! read; the email choice per kind of event; the language emails are written in.

use domain::notify::{EmailChoice, Kind, Notification, NotificationPage};

use super::fanout::link_of;
use crate::db::{with_pool, with_writer};
use crate::region_rules::RegionRules;
use crate::{Db, Error, Result};

/// Notifications shown at once.
pub const PAGE: i64 = 50;

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    kind: String,
    application_id: Option<String>,
    number: Option<String>,
    created_at: i64,
    read_at: Option<i64>,
}

impl Db {
    /// How many of person `person_id`'s notifications are unread.
    pub async fn unread_count(&self, person_id: i64) -> Result<i64> {
        let (n,): (i64,) = with_pool!(self, |p| sqlx::query_as("SELECT COUNT(*) FROM notifications WHERE person_id = $1 AND read_at IS NULL")
            .bind(person_id)
            .fetch_one(p)
            .await?);
        Ok(n)
    }

    /// The newest notifications of `person_id`, times in the region's local time.
    pub async fn notification_page(&self, person_id: i64, rules: &RegionRules) -> Result<NotificationPage> {
        let rows: Vec<Row> = with_pool!(self, |p| sqlx::query_as(
            "SELECT id, kind, application_id, number, created_at, read_at FROM notifications WHERE person_id = $1 ORDER BY id DESC LIMIT $2"
        )
        .bind(person_id)
        .bind(PAGE)
        .fetch_all(p)
        .await?);
        let items = rows
            .into_iter()
            .map(|r| {
                let kind = Kind::parse(&r.kind).ok_or_else(|| Error::Corrupt(format!("notification kind {:?}", r.kind)))?;
                Ok(Notification {
                    id: r.id,
                    kind,
                    link: link_of(kind, r.application_id.as_deref()),
                    number: r.number,
                    at: rules.local_time(r.created_at),
                    read: r.read_at.is_some(),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(NotificationPage { items, unread: self.unread_count(person_id).await? })
    }

    /// Marks notification `id` (every one, when `None`) of `person_id` read; another person's
    /// is not touched. Returns how many changed.
    pub async fn mark_read(&self, person_id: i64, id: Option<i64>, now: i64) -> Result<u64> {
        Ok(with_writer!(self, |p| sqlx::query(
            "UPDATE notifications SET read_at = $1 WHERE person_id = $2 AND read_at IS NULL AND ($3 IS NULL OR id = $3)"
        )
        .bind(now)
        .bind(person_id)
        .bind(id)
        .execute(p)
        .await?
        .rows_affected()))
    }

    /// Whether email is on for each of `kinds` for `person_id` (on unless turned off).
    pub async fn email_choices(&self, person_id: i64, kinds: &[Kind]) -> Result<Vec<EmailChoice>> {
        let off = self.email_off(person_id).await?;
        Ok(kinds.iter().map(|k| EmailChoice { kind: *k, email: !off.iter().any(|o| o == k.as_str()) }).collect())
    }

    /// Sets email on for the `on` ones among `kinds`, off for the rest.
    pub async fn set_email_choices(&self, person_id: i64, kinds: &[Kind], on: &[Kind]) -> Result<()> {
        with_writer!(self, |p| {
            let mut tx = p.begin().await?;
            for kind in kinds {
                sqlx::query(
                    "INSERT INTO notification_settings (person_id, kind, email) VALUES ($1, $2, $3) \
                     ON CONFLICT (person_id, kind) DO UPDATE SET email = excluded.email",
                )
                .bind(person_id)
                .bind(kind.as_str())
                .bind(on.contains(kind))
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// Remembers the portal language `person_id` chose last; their emails are written in it.
    pub async fn set_person_lang(&self, person_id: i64, lang: &str) -> Result<()> {
        with_writer!(self, |p| {
            sqlx::query("UPDATE persons SET lang = $1 WHERE id = $2").bind(lang).bind(person_id).execute(p).await?;
        });
        Ok(())
    }
}
