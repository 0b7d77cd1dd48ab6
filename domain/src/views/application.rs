//! What application pages show, already resolved to the reader's language. These travel from the
//! server to the browser, so they are plain serialisable data. Times are the region's local time,
//! written `YYYY-MM-DD HH:MM`; dates `YYYY-MM-DD`.

use serde::{Deserialize, Serialize};

use crate::application::{Action, Actor, Origin, Status};
use crate::forms::{FieldError, FormData, FormSchema};

/// An attached file as pages list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileView {
    /// Its id, part of its download address.
    pub id: String,
    /// The name it was uploaded with.
    pub name: String,
    /// Size in bytes.
    pub size: u64,
    /// The form field it belongs to (`scan`, `children[0].certificate`), if any.
    pub field: Option<String>,
}

/// One step of a draft, as the form page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DraftStep {
    /// The draft's id.
    pub id: String,
    /// The service applied for.
    pub service_code: String,
    /// Its title.
    pub service_title: String,
    /// The form (texts in every language; pages pick theirs).
    pub schema: FormSchema,
    /// Index of the step shown.
    pub step: usize,
    /// Everything entered so far.
    pub data: FormData,
    /// Files uploaded so far.
    pub files: Vec<FileView>,
    /// Problems to show: those of this step when the page was sent and refused, else none.
    pub errors: Vec<FieldError>,
    /// Today in the region, `YYYY-MM-DD`, so the browser checks dates as the server will.
    pub today: String,
}

/// What the citizen gets on submission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    /// The application's id.
    pub id: String,
    /// Registration number.
    pub number: String,
    /// When it was registered (local time).
    pub registered_at: String,
    /// The service's title.
    pub service_title: String,
    /// The department's name.
    pub department: String,
    /// The regulatory deadline, `YYYY-MM-DD`.
    pub deadline: String,
    /// The code that shows the status without logging in (`ABCD-EFGH`), with the number.
    pub status_code: Option<String>,
}

/// An application in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationSummary {
    /// Its id.
    pub id: String,
    /// Registration number, once registered.
    pub number: Option<String>,
    /// The service's code.
    pub service_code: String,
    /// The service's title.
    pub service_title: String,
    /// Where it stands.
    pub status: Status,
    /// Last change (local time).
    pub updated_at: String,
    /// Regulatory deadline, `YYYY-MM-DD`.
    pub deadline: Option<String>,
}

/// One line of an application's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// When (local time).
    pub at: String,
    /// What happened.
    pub action: Action,
    /// By whom.
    pub actor: Actor,
    /// The clerk's or head's name, for what staff did.
    pub by: Option<String>,
    /// The status after it.
    pub status: Status,
    /// Why, when given (a refusal's reason, a request's message).
    pub note: Option<String>,
}

/// A message between applicant and clerk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageView {
    /// When (local time).
    pub at: String,
    /// From the clerk (`true`) or the applicant.
    pub from_clerk: bool,
    /// The text.
    pub body: String,
    /// For a clerk's request: the documents missing.
    pub missing: Vec<String>,
    /// Files sent with it.
    pub files: Vec<FileView>,
}

/// An application's page for its applicant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApplicationPage {
    /// Number, service, status, dates.
    pub summary: ApplicationSummary,
    /// The department's name.
    pub department: String,
    /// Where it was filed.
    pub origin: Origin,
    /// When it was registered (local time).
    pub registered_at: Option<String>,
    /// The form it was filed with.
    pub schema: FormSchema,
    /// What was entered.
    pub data: FormData,
    /// Filed on the federal portal: its form's questions and answers (the regional form is empty).
    pub federal_answers: Vec<crate::federation::Answer>,
    /// Files of the form.
    pub files: Vec<FileView>,
    /// History, oldest first.
    pub history: Vec<HistoryEntry>,
    /// Messages, oldest first.
    pub messages: Vec<MessageView>,
    /// The result documents, once issued.
    pub results: Vec<FileView>,
    /// The applicant may still withdraw it.
    pub can_withdraw: bool,
    /// The clerk is waiting for the applicant's answer.
    pub can_reply: bool,
    /// The receipt's code for the status check without logging in (`ABCD-EFGH`); shown to the
    /// applicant only.
    pub status_code: Option<String>,
}
