//! The notification centre: a person's notifications with where each leads, and the email choice
//! per kind of event.

use domain::notify::{EmailChoice, Kind, Notification, NotificationPage};

use super::fanout::link_of;
use crate::{Db, Error, Result};
use domain::region::RegionRules;

/// Notifications shown at once.
pub const PAGE: i64 = 50;

/// The newest notifications of `person_id`, times in the region's local time.
pub async fn notification_page(db: &Db, person_id: i64, rules: &RegionRules) -> Result<NotificationPage> {
    let items = db
        .notifications_of(person_id, PAGE)
        .await?
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
    Ok(NotificationPage { items, unread: db.unread_count(person_id).await? })
}

/// Whether email is on for each of `kinds` for `person_id` (on unless turned off).
pub async fn email_choices(db: &Db, person_id: i64, kinds: &[Kind]) -> Result<Vec<EmailChoice>> {
    let off = db.email_off(person_id).await?;
    Ok(kinds.iter().map(|k| EmailChoice { kind: *k, email: !off.iter().any(|o| o == k.as_str()) }).collect())
}
