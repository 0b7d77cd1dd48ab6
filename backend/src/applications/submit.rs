//! Submission: the whole form checked again (the server is the authority), then in one
//! transaction the registration number, the status changes with their history, and the outbox
//! rows for the federal portal and notifications. A double click, a refresh or a retried request
//! finds the application submitted and gets the same receipt: the draft's id is the idempotency key.

use domain::access::Principal;
use domain::application::{Action, Actor, Refusal, Status};
use domain::dates::{dotted_date_time, dotted_text, format_date};
use domain::federation::{Applicant, Outgoing, Registration};
use domain::forms::{validate, FormData, FormSchema, Scope};
use domain::localized::Lang;
use domain::views::Receipt;

use super::attachments::files_of;
use super::changes;
use crate::documents::receipt::{receipt_pdf, ReceiptText};
use crate::outbox::Message;
use crate::store::{Change, Registered};
use crate::{Error, Portal, Result};

/// A top-level form field with this id names the municipality (by its catalog code) the
/// application is filed for; the back office filters by it.
pub const MUNICIPALITY_FIELD: &str = "municipality";

/// Submits `who`'s draft `id`; returns its registration number. Refused when the form has
/// problems (nothing changes) or changed since the draft began (the draft now follows the new form).
pub async fn submit(p: &Portal, who: &Principal, id: &str) -> Result<String> {
    let db = &p.db;
    let now = p.now();
    let row = db.own_application(who.person_id, id).await?;
    if row.status()? != Status::Draft {
        return row.number.ok_or(Error::Refused(Refusal::NotEditable));
    }
    let (current, schema) = db.service_form(&row.service_code).await?.ok_or(Error::Refused(Refusal::NotOnline))?;
    let data = row.form_data()?;
    if current != row.form_version {
        follow_new_form(p, id, current, &schema, &data).await?;
        return Err(Error::Refused(Refusal::FormChanged));
    }
    let rules = p.rules().await?;
    let today = rules.today(now);
    let attachments = db.attachment_rows(id).await?;
    let errors = validate(&schema, &data, &files_of(&attachments), today, Scope::All);
    if !errors.is_empty() {
        return Err(Error::Refused(Refusal::Invalid { errors }));
    }
    let terms = db.service_terms(&row.service_code).await?.ok_or(Error::Refused(Refusal::NotOnline))?;
    let deadline = format_date(rules.calendar.add_working_days(today, u32::from(terms.term_days)));
    let profile = db.profile(who.person_id).await?.ok_or(Error::Refused(Refusal::NotFound))?;
    // The account level is checked again: it may have changed since the draft began, and so may
    // the service's requirement.
    domain::access::may_apply(profile.assurance, terms.assurance).map_err(|e| Error::Refused(Refusal::AssuranceTooLow(e)))?;
    if db.submissions_since(who.person_id, now - crate::clock::HOUR_MS).await? >= p.limits.submissions_per_hour {
        return Err(Error::Refused(Refusal::TooManySubmissions));
    }
    let subject = db.person_subject(who.person_id).await?;
    let year = today.year();
    let submitted = Change::new(id, Status::Draft, Action::Submit, Actor::Applicant, Some(who.person_id), None, now)?;
    let registered = Change::new(id, Status::Submitted, Action::Register, Actor::System, None, None, now)?;
    let name = profile.full_name();
    let mut tx = db.begin().await?;
    // Submitted and registered at once, guarded by the draft status: a racing request finds it
    // registered and rolls back.
    let won = tx
        .register(&Registered {
            id,
            status: registered.to,
            submitted_at: now,
            deadline: &deadline,
            applicant_name: &name,
            applicant_key: &domain::office::name_key(&name),
            municipality: data.values.get(MUNICIPALITY_FIELD).map(String::as_str).filter(|m| !m.is_empty()),
            status_code: &new_status_code(),
        })
        .await?;
    if !won {
        drop(tx);
        // Another request submitted it a moment ago: its number.
        return db.own_application(who.person_id, id).await?.number.ok_or_else(|| Error::Corrupt("a registered application has no number".into()));
    }
    // The federal portal learns of the application before any of its status events.
    let register = |number: &str| {
        let registration = Outgoing::Register(Registration {
            message_id: format!("{id}:register"),
            application_id: id.to_owned(),
            region: rules.code.clone(),
            number: number.to_owned(),
            service_code: row.service_code.clone(),
            service_title: terms.title.get(&rules.default_locale, &rules.default_locale).to_owned(),
            department_code: row.department_code.clone(),
            applicant: Applicant { subject, snils: profile.snils.as_ref().map(ToString::to_string), name },
            submitted_at: now,
            deadline,
        });
        Message::Federal(registration).row(id, format!("{id}:register"))
    };
    let number = changes::write_first(&mut tx, &[&submitted, &registered], (&rules.number_prefix, year), register).await?;
    tx.commit().await?;
    tracing::info!(application = id, %number, "application submitted and registered");
    Ok(number)
}

/// Moves a draft to form version `version`: values and files the new form does not have are
/// dropped, the rest kept.
async fn follow_new_form(p: &Portal, id: &str, version: i32, schema: &FormSchema, data: &FormData) -> Result<()> {
    let mut kept = FormData::default();
    for (key, value) in &data.values {
        if schema.resolve(key).is_some() {
            kept.values.insert(key.clone(), value.clone());
        }
    }
    for (group, entries) in &data.groups {
        let Some(g) = schema.field(group).filter(|f| f.kind == domain::forms::FieldType::Group) else { continue };
        let entries =
            entries.iter().map(|e| e.iter().filter(|(k, _)| g.fields.iter().any(|f| &f.id == *k)).map(|(k, v)| (k.clone(), v.clone())).collect()).collect();
        kept.groups.insert(group.clone(), entries);
    }
    p.db.store_draft_data(id, &kept, Some(version), p.now()).await?;
    tracing::info!(application = id, version, "draft moved to the service's new form");
    Ok(())
}

/// A fresh code for the public status check, from the operating system's randomness.
fn new_status_code() -> String {
    use rand::Rng;
    let mut rng = rand::rngs::OsRng;
    (0..domain::status_check::CODE_LEN).map(|_| domain::status_check::ALPHABET[rng.gen_range(0..domain::status_check::ALPHABET.len())] as char).collect()
}

/// The receipt of `who`'s registered application `id`.
pub async fn receipt(p: &Portal, who: &Principal, id: &str, lang: Lang) -> Result<Receipt> {
    let row = p.db.own_application(who.person_id, id).await?;
    let (Some(number), Some(submitted_at), Some(deadline)) = (row.number.clone(), row.submitted_at, row.deadline.clone()) else {
        return Err(Error::Refused(Refusal::NotFound));
    };
    let rules = p.rules().await?;
    let catalog = p.db.catalog(lang).await?;
    let service_title = catalog.service_title(&row.service_code).await?.unwrap_or_else(|| row.service_code.clone());
    let department = catalog.department_names().await?.remove(&row.department_code).unwrap_or_else(|| row.department_code.clone());
    let status_code = row.status_code.as_deref().map(domain::status_check::display_code);
    Ok(Receipt { id: row.id, number, registered_at: rules.local_time(submitted_at), service_title, department, deadline, status_code })
}

/// The receipt of `who`'s registered application `id` as a PDF in `lang` that links to `link`;
/// with its registration number, for the file's name.
pub async fn receipt_document(p: &Portal, who: &Principal, id: &str, lang: Lang, link: String) -> Result<(String, Vec<u8>)> {
    let r = receipt(p, who, id, lang.clone()).await?;
    let rules = p.rules().await?;
    let row = p.db.own_application(who.person_id, id).await?;
    let text = ReceiptText {
        region: rules.name.get(&lang, &rules.default_locale).to_owned(),
        registered_at: dotted_date_time(&r.registered_at),
        service: r.service_title,
        department: r.department,
        applicant: p.db.profile(who.person_id).await?.map(|profile| profile.full_name()).unwrap_or_default(),
        term_days: p.db.service_terms(&row.service_code).await?.map_or(0, |t| t.term_days),
        deadline: dotted_text(&r.deadline),
        status_link: link.rsplit_once("/applications/").map_or_else(|| "/status".to_owned(), |(base, _)| format!("{base}/status")),
        link,
        status_code: r.status_code.clone(),
        number: r.number.clone(),
    };
    Ok((r.number, receipt_pdf(lang.as_str(), &text)?))
}
