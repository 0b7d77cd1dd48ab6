//! Deciding: approval with the result document (the clerk's upload, or one made from the
//! service's template) and refusal with one of the service's grounds and an explanation.
//! The document's file is stored (and synced) first; then the decision, its history, its outbox
//! rows and the document's row are written in one transaction. Refused or lost, the file goes.

use std::collections::BTreeMap;

use domain::access::Principal;
use domain::application::{Action, Actor, Refusal, Status};
use domain::dates::{format_dotted, parse_date};
use domain::forms::{FieldType, FileFormat, FormSchema};
use domain::localized::Lang;

use super::staff_application;
use super::work::{lost_race, must_work_on};
use crate::applications::attachments::{receive, Limits, Received};
use crate::applications::changes;
use crate::documents::decision::{approval_pdf, refusal_pdf, DecisionText};
use crate::files::scan::NoScanner;
use crate::store::{Change, DbApplication};
use crate::{Db, Error, FileStore, Portal, Result};
use domain::region::RegionRules;

/// The result document of an approval.
pub enum ResultDocument {
    /// The clerk uploaded it (see [`result_file_limits`]).
    Uploaded(Received),
    /// Made from the service's template (or the built-in one).
    Generated,
}

/// What an uploaded result document must be: a PDF of at most 20 MB.
pub fn result_file_limits() -> Limits {
    Limits { max_bytes: 20 * 1024 * 1024, formats: vec![FileFormat::Pdf] }
}

/// Refuses, before anything of a decision's form is read, unless `staff` may decide
/// application `id` now.
pub async fn may_decide(p: &Portal, staff: &Principal, id: &str) -> Result<()> {
    decidable(&p.db, staff, id).await.map(|_| ())
}

/// `staff` approves application `id` (in their work) and issues `document` as its result.
pub async fn approve(p: &Portal, staff: &Principal, id: &str, document: ResultDocument) -> Result<()> {
    let (db, now) = (&p.db, p.now());
    let checked = async {
        let rules = p.rules().await?;
        let row = decidable(db, staff, id).await?;
        let approve = Change::new(id, Status::InReview, Action::Approve, Actor::Clerk, Some(staff.person_id), None, now)?;
        let issue = Change::new(id, approve.to, Action::IssueResult, Actor::Clerk, Some(staff.person_id), None, now)?;
        Ok::<_, Error>((rules, row, [approve, issue]))
    }
    .await;
    let (rules, row, steps) = match checked {
        Ok(checked) => checked,
        Err(e) => {
            if let ResultDocument::Uploaded(r) = document {
                r.discard().await;
            }
            return Err(e);
        }
    };
    let received = match document {
        ResultDocument::Uploaded(r) => r,
        ResultDocument::Generated => {
            let text = decision_text(db, staff, &row, None, None, &rules, now).await?;
            let template = db.service_template(&row.service_code).await?;
            let pdf = approval_pdf(rules.default_locale.as_str(), template.as_deref(), &text)?;
            store_pdf(&p.files, &format!("{} {}", text.result, text.number), pdf).await?
        }
    };
    write_decision(db, &steps, received, now).await
}

/// `staff` refuses application `id` on ground number `ground` of its service, explaining why in
/// `comment`; the refusal is issued as a document.
pub async fn refuse(p: &Portal, staff: &Principal, id: &str, ground: Option<usize>, comment: &str) -> Result<()> {
    let (db, now) = (&p.db, p.now());
    let rules = &p.rules().await?;
    let row = decidable(db, staff, id).await?;
    let lang = &rules.default_locale;
    let entry = db.service_entry(&row.service_code).await?.ok_or(Error::Refused(Refusal::NotFound))?;
    let ground = ground.and_then(|i| entry.refusal_grounds.get(i)).ok_or(Error::Refused(Refusal::NoGround))?.get(lang, lang).to_owned();
    let comment = comment.trim();
    if comment.is_empty() {
        return Err(Error::Refused(Refusal::EmptyMessage));
    }
    let note: String = format!("{ground}. {comment}").chars().take(1000).collect();
    let refuse = Change::new(id, Status::InReview, Action::Refuse, Actor::Clerk, Some(staff.person_id), Some(note), now)?;
    let text = decision_text(db, staff, &row, Some(ground), Some(comment.to_owned()), rules, now).await?;
    let pdf = refusal_pdf(lang.as_str(), &text)?;
    let received = store_pdf(&p.files, &format!("{} {}", refusal_file_name(lang.as_str()), text.number), pdf).await?;
    write_decision(db, &[refuse], received, now).await
}

fn refusal_file_name(lang: &str) -> &'static str {
    if lang == "ru" {
        "Решение об отказе"
    } else {
        "Refusal"
    }
}

/// Application `id` if it is in review and `staff` may decide it.
async fn decidable(db: &Db, staff: &Principal, id: &str) -> Result<DbApplication> {
    let row = staff_application(db, staff, id).await?;
    must_work_on(staff, &row)?;
    if row.status()? != Status::InReview {
        return Err(lost_race(db, id, Action::Approve).await);
    }
    Ok(row)
}

#[allow(clippy::too_many_arguments)]
async fn decision_text(
    db: &Db,
    staff: &Principal,
    row: &DbApplication,
    ground: Option<String>,
    comment: Option<String>,
    rules: &RegionRules,
    now: i64,
) -> Result<DecisionText> {
    let lang = &rules.default_locale;
    let catalog = db.catalog(lang.clone()).await?;
    let entry = db.service_entry(&row.service_code).await?.ok_or(Error::Refused(Refusal::NotFound))?;
    let department = catalog.department_names().await?.remove(&row.department_code).unwrap_or_else(|| row.department_code.clone());
    let schema = db.form_version(&row.service_code, row.form_version).await?;
    Ok(DecisionText {
        region: rules.name.get(lang, lang).to_owned(),
        department,
        service: entry.title.get(lang, lang).to_owned(),
        number: row.number.clone().unwrap_or_default(),
        registered: row.submitted_at.map(|at| format_dotted(rules.today(at))).unwrap_or_default(),
        decided: format_dotted(rules.today(now)),
        applicant: db.person_name(row.applicant_id).await?,
        clerk: db.person_name(staff.person_id).await?,
        result: entry.result.get(lang, lang).to_owned(),
        ground,
        comment,
        answers: answers_shown(schema.as_ref(), row.form_data()?.values, lang),
    })
}

/// The top-level answers as a document shows them: a choice by its label, a date `DD.MM.YYYY`.
fn answers_shown(schema: Option<&FormSchema>, values: BTreeMap<String, String>, lang: &Lang) -> BTreeMap<String, String> {
    values
        .into_iter()
        .map(|(id, value)| {
            let field = schema.and_then(|s| s.field(&id));
            let label = field.and_then(|f| f.options.iter().find(|o| o.value == value)).map(|o| o.label.get(lang, lang).to_owned());
            let date = field.filter(|f| f.kind == FieldType::Date).and_then(|_| parse_date(&value)).map(format_dotted);
            (id, label.or(date).unwrap_or(value))
        })
        .collect()
}

/// Stores a generated PDF as a new attachment file named `title`.pdf.
async fn store_pdf(files: &FileStore, title: &str, pdf: Vec<u8>) -> Result<Received> {
    let chunks = futures_util::stream::iter([Ok::<_, std::convert::Infallible>(bytes::Bytes::from(pdf))]);
    // Made here, not uploaded: there is nothing to scan.
    receive(files, &NoScanner, &format!("{title}.pdf"), chunks, &result_file_limits()).await
}

/// Writes `changes` (the first guarded by the status it starts from), the decision's time and
/// `document` as the application's result, in one transaction.
async fn write_decision(db: &Db, steps: &[Change], document: Received, now: i64) -> Result<()> {
    let id = steps[0].application_id.clone();
    let written: Result<bool> = async {
        let mut tx = db.begin().await?;
        for change in steps {
            if !changes::write(&mut tx, change).await? {
                return Ok(false);
            }
        }
        tx.decided(&id, now).await?;
        tx.insert_attachment(&id, &document.as_attachment("result", None, None), now).await?;
        tx.commit().await?;
        Ok(true)
    }
    .await;
    match written {
        Ok(true) => {
            document.keep();
            Ok(())
        }
        Ok(false) => {
            document.discard().await;
            Err(lost_race(db, &id, steps[0].action).await)
        }
        Err(e) => {
            document.discard().await;
            Err(e)
        }
    }
}
