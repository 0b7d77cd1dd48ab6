//! Notifications as stored: each person's notifications (one per event), who to tell of an
//! application's event, and the email choices per kind.

use domain::notify::{Audience, Kind};

use super::{with_pool, with_tx, with_writer, Tx};
use crate::{Db, Result};

/// A stored notification.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DbNotification {
    pub id: i64,
    pub kind: String,
    pub application_id: Option<String>,
    pub number: Option<String>,
    pub created_at: i64,
    pub read_at: Option<i64>,
}

/// A person to tell.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Recipient {
    /// Their id.
    pub person_id: i64,
    /// Their address from the federal profile.
    pub email: Option<String>,
    /// Their last chosen portal language.
    pub lang: Option<String>,
    /// Given and middle name, for the greeting.
    pub given_name: String,
    pub middle_name: Option<String>,
}

/// What an application's event is told with: its number, service, department and people.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct About {
    pub number: Option<String>,
    pub service_code: String,
    pub department_code: String,
    pub applicant_id: i64,
    pub assignee_id: Option<i64>,
    pub status: String,
}

const PERSON: &str = "SELECT p.id AS person_id, p.email, p.lang, p.given_name, p.middle_name FROM persons p";

impl Db {
    /// How many of person `person_id`'s notifications are unread.
    #[tracing::instrument(skip_all)]
    pub async fn unread_count(&self, person_id: i64) -> Result<i64> {
        let (n,): (i64,) = with_pool!(self, |p| sqlx::query_as("SELECT COUNT(*) FROM notifications WHERE person_id = $1 AND read_at IS NULL")
            .bind(person_id)
            .fetch_one(p)
            .await?);
        Ok(n)
    }

    /// The newest `limit` notifications of `person_id`, newest first.
    #[tracing::instrument(skip_all)]
    pub async fn notifications_of(&self, person_id: i64, limit: i64) -> Result<Vec<DbNotification>> {
        Ok(with_pool!(self, |p| sqlx::query_as(
            "SELECT id, kind, application_id, number, created_at, read_at FROM notifications WHERE person_id = $1 ORDER BY id DESC LIMIT $2"
        )
        .bind(person_id)
        .bind(limit)
        .fetch_all(p)
        .await?))
    }

    /// Marks notification `id` (every one, when `None`) of `person_id` read; another person's
    /// is not touched. Returns how many changed.
    #[tracing::instrument(skip_all)]
    pub async fn mark_read(&self, person_id: i64, id: Option<i64>, now: i64) -> Result<u64> {
        Ok(with_writer!(self, |p| sqlx::query("UPDATE notifications SET read_at = $1 WHERE person_id = $2 AND read_at IS NULL AND ($3 IS NULL OR id = $3)")
            .bind(now)
            .bind(person_id)
            .bind(id)
            .execute(p)
            .await?
            .rows_affected()))
    }

    /// Kinds person `person_id` turned email off for.
    #[tracing::instrument(skip_all)]
    pub async fn email_off(&self, person_id: i64) -> Result<Vec<String>> {
        let rows: Vec<(String,)> = with_pool!(self, |p| sqlx::query_as("SELECT kind FROM notification_settings WHERE person_id = $1 AND NOT email")
            .bind(person_id)
            .fetch_all(p)
            .await?);
        Ok(rows.into_iter().map(|(k,)| k).collect())
    }

    /// Sets email on for the `on` ones among `kinds`, off for the rest.
    #[tracing::instrument(skip_all)]
    pub async fn set_email_choices(&self, person_id: i64, kinds: &[Kind], on: &[Kind]) -> Result<()> {
        let mut tx = self.begin().await?;
        for kind in kinds {
            with_tx!(tx, |c| {
                sqlx::query(
                    "INSERT INTO notification_settings (person_id, kind, email) VALUES ($1, $2, $3) \
                     ON CONFLICT (person_id, kind) DO UPDATE SET email = excluded.email",
                )
                .bind(person_id)
                .bind(kind.as_str())
                .bind(on.contains(kind))
                .execute(&mut *c)
                .await?;
            });
        }
        tx.commit().await
    }

    /// Application `application_id` as its events are told.
    #[tracing::instrument(skip_all)]
    pub async fn about(&self, application_id: &str) -> Result<Option<About>> {
        Ok(with_pool!(self, |p| sqlx::query_as(
            "SELECT number, service_code, department_code, applicant_id, assignee_id, status FROM applications WHERE id = $1"
        )
        .bind(application_id)
        .fetch_optional(p)
        .await?))
    }

    /// The people of `audience` for an event about application `about` (none needs one only for the operators).
    #[tracing::instrument(skip_all)]
    pub async fn recipients(&self, audience: Audience, about: Option<&About>) -> Result<Vec<Recipient>> {
        let rows: Vec<Recipient> = match (audience, about) {
            (Audience::Applicant, Some(a)) => {
                with_pool!(self, |p| sqlx::query_as(&format!("{PERSON} WHERE p.id = $1")).bind(a.applicant_id).fetch_all(p).await?)
            }
            (Audience::Assignee, Some(a)) => match a.assignee_id {
                Some(id) => with_pool!(self, |p| sqlx::query_as(&format!("{PERSON} WHERE p.id = $1")).bind(id).fetch_all(p).await?),
                None => Vec::new(),
            },
            // The clerk working on it, or every clerk of the department when nobody is; and the heads.
            (Audience::Department, Some(a)) => with_pool!(self, |p| sqlx::query_as(&format!(
                "{PERSON} WHERE p.id = $1 OR p.snils IN (SELECT snils FROM staff_roles WHERE department_code = $2 \
                 AND (role = 'head' OR (role = 'clerk' AND $1 IS NULL))) ORDER BY p.id"
            ))
            .bind(a.assignee_id)
            .bind(&a.department_code)
            .fetch_all(p)
            .await?),
            (Audience::Operators, _) => with_pool!(self, |p| sqlx::query_as(&format!(
                "{PERSON} WHERE p.snils IN (SELECT snils FROM staff_roles WHERE role = 'operator') ORDER BY p.id"
            ))
            .fetch_all(p)
            .await?),
            (_, None) => Vec::new(),
        };
        Ok(rows)
    }
}

impl Tx {
    /// One notification of event `event_key` for each of `people`; nothing new for a person told
    /// of it before.
    #[tracing::instrument(skip_all)]
    pub async fn notify(&mut self, people: &[i64], event_key: &str, kind: Kind, application_id: Option<&str>, number: Option<&str>, now: i64) -> Result<()> {
        for person_id in people {
            with_tx!(self, |c| {
                sqlx::query(
                    "INSERT INTO notifications (person_id, event_key, kind, application_id, number, created_at) VALUES ($1, $2, $3, $4, $5, $6) \
                     ON CONFLICT (person_id, event_key) DO NOTHING",
                )
                .bind(person_id)
                .bind(event_key)
                .bind(kind.as_str())
                .bind(application_id)
                .bind(number)
                .bind(now)
                .execute(&mut *c)
                .await?;
            });
        }
        Ok(())
    }
}
