//! What `/api/v1` sends and takes: its own types, separate from the pages' view types, so that the
//! pages can change while the API keeps its promise. Each derives its schema for the OpenAPI
//! document; times are the region's local time, `YYYY-MM-DD HH:MM`, dates `YYYY-MM-DD`.

use std::collections::BTreeMap;

use domain::application::{Actor, Origin, Status};
use domain::office::{QueueRow, StaffPage, Urgency};
use domain::views::{FileView, HistoryEntry, MessageView};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// Where an application stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ApiStatus {
    /// Being filled in (never shown to a department).
    Draft,
    /// Sent, not yet registered.
    Submitted,
    /// Registered, waiting in the queue.
    Registered,
    /// Taken into work.
    InReview,
    /// The applicant was asked for more.
    AwaitingApplicant,
    /// Approved; the result is being issued.
    Approved,
    /// Refused.
    Refused,
    /// The result is issued.
    ResultIssued,
    /// Withdrawn by the applicant.
    Withdrawn,
}

impl From<Status> for ApiStatus {
    fn from(s: Status) -> ApiStatus {
        match s {
            Status::Draft => ApiStatus::Draft,
            Status::Submitted => ApiStatus::Submitted,
            Status::Registered => ApiStatus::Registered,
            Status::InReview => ApiStatus::InReview,
            Status::AwaitingApplicant => ApiStatus::AwaitingApplicant,
            Status::Approved => ApiStatus::Approved,
            Status::Refused => ApiStatus::Refused,
            Status::ResultIssued => ApiStatus::ResultIssued,
            Status::Withdrawn => ApiStatus::Withdrawn,
        }
    }
}

/// The queues of a department, as in the browser office.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ApiQueue {
    /// Registered, nobody has taken them yet.
    #[default]
    New,
    /// In work with this client.
    Mine,
    /// Waiting for the applicant.
    Awaiting,
    /// Not decided and past their deadline.
    Overdue,
    /// Decided or withdrawn.
    Decided,
}

impl From<ApiQueue> for domain::office::Queue {
    fn from(q: ApiQueue) -> domain::office::Queue {
        use domain::office::Queue;
        match q {
            ApiQueue::New => Queue::New,
            ApiQueue::Mine => Queue::Mine,
            ApiQueue::Awaiting => Queue::Awaiting,
            ApiQueue::Overdue => Queue::Overdue,
            ApiQueue::Decided => Queue::Decided,
        }
    }
}

/// Which page of which queue.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct QueueParams {
    /// Which queue; `new` when not given.
    pub queue: Option<ApiQueue>,
    /// Only this service (its code).
    #[param(max_length = 100)]
    pub service: Option<String>,
    /// Where the page starts: `next_cursor` of the page before.
    #[param(max_length = 100)]
    pub cursor: Option<String>,
}

/// How close a deadline is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ApiUrgency {
    /// Past the deadline.
    Overdue,
    /// A few working days left.
    Near,
    /// More time than that.
    InTime,
    /// Decided or withdrawn: no deadline runs.
    Closed,
}

impl From<Urgency> for ApiUrgency {
    fn from(u: Urgency) -> ApiUrgency {
        match u {
            Urgency::Overdue => ApiUrgency::Overdue,
            Urgency::Near => ApiUrgency::Near,
            Urgency::InTime => ApiUrgency::InTime,
            Urgency::Closed => ApiUrgency::Closed,
        }
    }
}

/// One application in a queue.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct QueueItem {
    /// Its id, for the other operations.
    pub id: String,
    /// Registration number.
    pub number: String,
    /// Service title.
    pub service_title: String,
    /// Applicant's name.
    pub applicant: String,
    /// When it was filed.
    pub submitted_at: String,
    /// Legal deadline.
    pub deadline: Option<String>,
    /// Working days left (negative: overdue).
    pub days_left: i64,
    /// How urgent.
    pub urgency: ApiUrgency,
    /// Status.
    pub status: ApiStatus,
    /// Who works on it.
    pub assignee: Option<String>,
}

impl From<QueueRow> for QueueItem {
    fn from(r: QueueRow) -> QueueItem {
        QueueItem {
            id: r.id,
            number: r.number,
            service_title: r.service_title,
            applicant: r.applicant,
            submitted_at: r.submitted_at,
            deadline: r.deadline,
            days_left: r.days_left,
            urgency: r.urgency.into(),
            status: r.status.into(),
            assignee: r.assignee,
        }
    }
}

/// A page of a queue, by deadline.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct QueuePage {
    /// The applications.
    pub items: Vec<QueueItem>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// A file of an application.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ApiFile {
    /// Its id.
    pub id: String,
    /// Its name as uploaded.
    pub name: String,
    /// Size in bytes.
    pub size: u64,
    /// The form's field it answers, if any.
    pub field: Option<String>,
    /// Where to download it (audited).
    pub href: String,
}

fn file(application: &str, f: FileView) -> ApiFile {
    ApiFile { href: format!("/api/v1/applications/{application}/files/{}", f.id), id: f.id, name: f.name, size: f.size, field: f.field }
}

/// Who applied.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ApiApplicant {
    /// Full name.
    pub name: String,
    /// SNILS.
    pub snils: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// Email.
    pub email: Option<String>,
}

/// What the applicant entered.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Answers {
    /// Field id → value (a ticked box is `"true"`).
    pub values: BTreeMap<String, String>,
    /// Repeatable group id → its entries (field id → value).
    pub groups: BTreeMap<String, Vec<BTreeMap<String, String>>>,
}

/// One step of the application's history.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ApiHistoryEntry {
    /// When.
    pub at: String,
    /// What was done (`submit`, `register`, `take`, `request_info`, `reply`, `approve`, …).
    pub action: String,
    /// Who did it: `applicant`, `clerk` or `system`.
    pub actor: String,
    /// Their name, for staff.
    pub by: Option<String>,
    /// The status after it.
    pub status: ApiStatus,
    /// A note (a question's start, a hand-over's clerk).
    pub note: Option<String>,
}

impl From<HistoryEntry> for ApiHistoryEntry {
    fn from(h: HistoryEntry) -> ApiHistoryEntry {
        ApiHistoryEntry { at: h.at, action: h.action.as_str().to_owned(), actor: actor(h.actor).to_owned(), by: h.by, status: h.status.into(), note: h.note }
    }
}

fn actor(a: Actor) -> &'static str {
    a.as_str()
}

/// A message between the department and the applicant.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ApiMessage {
    /// When.
    pub at: String,
    /// From the department (else from the applicant).
    pub from_department: bool,
    /// Its text.
    pub body: String,
    /// Documents asked for.
    pub missing: Vec<String>,
    /// Files sent with it.
    pub files: Vec<ApiFile>,
}

/// What this client may do with the application now.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ApiActions {
    /// Take it into work.
    pub take: bool,
    /// Give it back to the queue.
    pub give_back: bool,
    /// Ask the applicant.
    pub ask: bool,
    /// Approve or refuse.
    pub decide: bool,
}

/// An application as its department sees it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ApiApplication {
    /// Its id.
    pub id: String,
    /// Registration number.
    pub number: Option<String>,
    /// Service code.
    pub service_code: String,
    /// Service title.
    pub service_title: String,
    /// Status.
    pub status: ApiStatus,
    /// `regional` (filed here) or `federal` (on the federal portal).
    pub origin: String,
    /// When it was registered.
    pub registered_at: Option<String>,
    /// Legal deadline.
    pub deadline: Option<String>,
    /// Working days left.
    pub days_left: i64,
    /// How urgent.
    pub urgency: ApiUrgency,
    /// Who works on it.
    pub assignee: Option<String>,
    /// Who applied.
    pub applicant: ApiApplicant,
    /// What they entered.
    pub answers: Answers,
    /// Files attached to the form.
    pub files: Vec<ApiFile>,
    /// Messages, oldest first.
    pub messages: Vec<ApiMessage>,
    /// Result documents issued.
    pub results: Vec<ApiFile>,
    /// History, oldest first.
    pub history: Vec<ApiHistoryEntry>,
    /// What this client may do now.
    pub actions: ApiActions,
    /// The service's grounds for refusal: `ground` of a refusal is an index into this list.
    pub refusal_grounds: Vec<String>,
}

impl From<StaffPage> for ApiApplication {
    fn from(s: StaffPage) -> ApiApplication {
        let page = s.page;
        let id = page.summary.id.clone();
        let message = |m: MessageView| ApiMessage {
            at: m.at,
            from_department: m.from_clerk,
            body: m.body,
            missing: m.missing,
            files: m.files.into_iter().map(|f| file(&id, f)).collect(),
        };
        ApiApplication {
            number: page.summary.number,
            service_code: page.summary.service_code,
            service_title: page.summary.service_title,
            status: page.summary.status.into(),
            origin: match page.origin {
                Origin::Regional => "regional",
                Origin::Federal => "federal",
            }
            .to_owned(),
            registered_at: page.registered_at,
            deadline: page.summary.deadline,
            days_left: s.days_left,
            urgency: s.urgency.into(),
            assignee: s.assignee,
            applicant: ApiApplicant { name: s.applicant.name, snils: s.applicant.snils, phone: s.applicant.phone, email: s.applicant.email },
            answers: Answers { values: page.data.values, groups: page.data.groups },
            files: page.files.into_iter().map(|f| file(&id, f)).collect(),
            messages: page.messages.into_iter().map(message).collect(),
            results: page.results.into_iter().map(|f| file(&id, f)).collect(),
            history: page.history.into_iter().map(Into::into).collect(),
            actions: ApiActions { take: s.actions.take, give_back: s.actions.give_back, ask: s.actions.request, decide: s.actions.decide },
            refusal_grounds: s.refusal_grounds,
            id,
        }
    }
}

/// A question to the applicant.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// What to tell the applicant.
    #[schema(min_length = 1, max_length = 4000)]
    pub message: String,
    /// Documents to send.
    #[serde(default)]
    #[schema(max_items = 20)]
    pub missing: Vec<String>,
}

/// A refusal.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefusalBody {
    /// Index of the ground in the application's `refusal_grounds`.
    #[schema(minimum = 0)]
    pub ground: usize,
    /// The explanation to the applicant.
    #[schema(min_length = 1, max_length = 4000)]
    pub comment: String,
}

/// What happened.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Done {
    /// The application's status now.
    pub status: ApiStatus,
}
