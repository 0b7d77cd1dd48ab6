//! Submission: the whole form checked again (the server is the authority), then in one
//! transaction the registration number, the status changes with their history, and the outbox
//! rows for the federal portal and notifications. A double click, a refresh or a retried request
//! finds the application submitted and gets the same receipt: the draft's id is the idempotency key.

use domain::application::{Action, Actor, Refusal, Status};
use domain::views::Receipt;
use domain::dates::format_date;
use domain::forms::{validate, FormData, Scope};
use domain::localized::Lang;
use domain::federation::{Applicant, Registration};

use super::attachments::files_of;
use super::changes::{write_events, Change, OutboxRow, TOPIC_FEDERAL};
use crate::db::{with_pool, with_writer};
use crate::federation::client::Outgoing;
use crate::region_rules::RegionRules;
use crate::{Db, Error, Result};

/// A top-level form field with this id names the municipality (by its catalog code) the
/// application is filed for; the back office filters by it.
pub const MUNICIPALITY_FIELD: &str = "municipality";

/// Submits draft `id` of `person_id`; returns its registration number. Refused when the form has
/// problems (nothing changes) or changed since the draft began (the draft now follows the new form).
pub async fn submit(db: &Db, person_id: i64, id: &str, rules: &RegionRules, now: i64) -> Result<String> {
    let row = db.own_application(person_id, id).await?;
    if row.status()? != Status::Draft {
        return row.number.ok_or(Error::Refused(Refusal::NotEditable));
    }
    let (current, schema) = db.service_form(&row.service_code).await?.ok_or(Error::Refused(Refusal::NotOnline))?;
    let data = row.form_data()?;
    if current != row.form_version {
        follow_new_form(db, id, current, &schema, &data, now).await?;
        return Err(Error::Refused(Refusal::FormChanged));
    }
    let today = rules.today(now);
    let attachments = db.attachment_rows(id).await?;
    let errors = validate(&schema, &data, &files_of(&attachments), today, Scope::All);
    if !errors.is_empty() {
        return Err(Error::Refused(Refusal::Invalid { errors }));
    }
    let terms = db.service_terms(&row.service_code).await?.ok_or(Error::Refused(Refusal::NotOnline))?;
    let deadline = format_date(rules.calendar.add_working_days(today, u32::from(terms.term_days)));
    let profile = db.profile(person_id).await?.ok_or(Error::Refused(Refusal::NotFound))?;
    // The account level is checked again: it may have changed since the draft began, and so may
    // the service's requirement.
    domain::access::may_apply(profile.assurance, terms.assurance).map_err(|e| Error::Refused(Refusal::AssuranceTooLow(e)))?;
    if db.submissions_since(person_id, now - 3_600_000).await? >= rules.submissions_per_hour {
        return Err(Error::Refused(Refusal::TooManySubmissions));
    }
    let subject = db.person_subject(person_id).await?;
    let year = today.year();
    let submitted = Change::new(id, Status::Draft, Action::Submit, Actor::Applicant, Some(person_id), None, now)?;
    let registered = Change::new(id, Status::Submitted, Action::Register, Actor::System, None, None, now)?;
    let won = with_writer!(db, |p| {
        let mut tx = p.begin().await?;
        let (sequence,): (i64,) = sqlx::query_as(
            "INSERT INTO registration_counters (year, last) VALUES ($1, 1) \
             ON CONFLICT (year) DO UPDATE SET last = registration_counters.last + 1 RETURNING last",
        )
        .bind(year)
        .fetch_one(&mut *tx)
        .await?;
        let number = domain::application::registration_number(&rules.number_prefix, year, sequence);
        // Submitted and registered at once, guarded by the draft status: a racing request finds
        // it registered and rolls back (its counter step with it).
        let claimed = sqlx::query(
            "UPDATE applications SET status = $1, number = $2, submitted_at = $3, deadline = $4, applicant_name = $5, updated_at = $3, \
             applicant_key = $6, municipality_code = $7 WHERE id = $8 AND status = 'draft'",
        )
        .bind(registered.to.as_str())
        .bind(&number)
        .bind(now)
        .bind(&deadline)
        .bind(profile.full_name())
        .bind(crate::office::name_key(&profile.full_name()))
        .bind(data.values.get(MUNICIPALITY_FIELD).filter(|m| !m.is_empty()))
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if !claimed {
            tx.rollback().await?;
            None
        } else {
            // The federal portal learns of the application before any of its status events.
            let register = Outgoing::Register(Registration {
                message_id: format!("{id}:register"),
                application_id: id.to_owned(),
                region: rules.code.clone(),
                number: number.clone(),
                service_code: row.service_code.clone(),
                service_title: terms.title.get(&rules.default_locale, &rules.default_locale).to_owned(),
                department_code: row.department_code.clone(),
                applicant: Applicant { subject: subject.clone(), snils: profile.snils.as_ref().map(ToString::to_string), name: profile.full_name() },
                submitted_at: now,
                deadline: deadline.clone(),
            });
            let register = OutboxRow {
                topic: TOPIC_FEDERAL,
                ordering_key: id.to_owned(),
                message_id: format!("{id}:register"),
                payload: serde_json::to_string(&register).map_err(|e| Error::Corrupt(e.to_string()))?,
            };
            // A draft has no history yet: these are its first two events.
            write_events!(tx, &[&submitted, &registered], 1, vec![register]);
            tx.commit().await?;
            Some(number)
        }
    });
    match won {
        Some(number) => {
            tracing::info!(application = id, %number, "application submitted and registered");
            Ok(number)
        }
        // Another request submitted it a moment ago: its number.
        None => db.own_application(person_id, id).await?.number.ok_or_else(|| Error::Corrupt("a registered application has no number".into())),
    }
}

/// Moves a draft to form version `version`: values and files the new form does not have are
/// dropped, the rest kept.
async fn follow_new_form(db: &Db, id: &str, version: i32, schema: &domain::forms::FormSchema, data: &FormData, now: i64) -> Result<()> {
    let mut kept = FormData::default();
    for (key, value) in &data.values {
        if schema.resolve(key).is_some() {
            kept.values.insert(key.clone(), value.clone());
        }
    }
    for (group, entries) in &data.groups {
        let Some(g) = schema.field(group).filter(|f| f.kind == domain::forms::FieldType::Group) else { continue };
        let entries = entries
            .iter()
            .map(|e| e.iter().filter(|(k, _)| g.fields.iter().any(|f| &f.id == *k)).map(|(k, v)| (k.clone(), v.clone())).collect())
            .collect();
        kept.groups.insert(group.clone(), entries);
    }
    let json = serde_json::to_string(&kept).map_err(|e| Error::Corrupt(e.to_string()))?;
    with_writer!(db, |p| {
        sqlx::query("UPDATE applications SET form_version = $1, data = $2, updated_at = $3 WHERE id = $4 AND status = 'draft'")
            .bind(version)
            .bind(json)
            .bind(now)
            .bind(id)
            .execute(p)
            .await?;
    });
    tracing::info!(application = id, version, "draft moved to the service's new form");
    Ok(())
}

/// The receipt of `person_id`'s registered application `id`.
pub async fn receipt(db: &Db, person_id: i64, id: &str, lang: Lang, rules: &RegionRules) -> Result<Receipt> {
    let row = db.own_application(person_id, id).await?;
    let (Some(number), Some(submitted_at), Some(deadline)) = (row.number.clone(), row.submitted_at, row.deadline.clone()) else {
        return Err(Error::Refused(Refusal::NotFound));
    };
    let catalog = db.catalog(lang).await?;
    let service_title = catalog.service_title(&row.service_code).await?.unwrap_or_else(|| row.service_code.clone());
    let department = catalog.department_names().await?.remove(&row.department_code).unwrap_or_else(|| row.department_code.clone());
    Ok(Receipt { id: row.id, number, registered_at: rules.local_time(submitted_at), service_title, department, deadline })
}

impl Db {
    /// How many applications person `person_id` sent here since `since`.
    pub async fn submissions_since(&self, person_id: i64, since: i64) -> Result<i64> {
        let (n,): (i64,) = with_pool!(self, |p| sqlx::query_as(
            "SELECT COUNT(*) FROM applications WHERE applicant_id = $1 AND origin = 'regional' AND submitted_at >= $2"
        )
        .bind(person_id)
        .bind(since)
        .fetch_one(p)
        .await?);
        Ok(n)
    }

    /// The provider's subject identifier of person `id`.
    pub async fn person_subject(&self, id: i64) -> Result<String> {
        let (subject,): (String,) =
            with_pool!(self, |p| sqlx::query_as("SELECT subject FROM persons WHERE id = $1").bind(id).fetch_one(p).await?);
        Ok(subject)
    }
}
