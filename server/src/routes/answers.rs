//! How routes answer what they cannot take: one place for the localized 400s, 404s and 413s, so
//! every route says "not yours" the same way (404, never a hint that it exists).

use app::i18n::I18n;
use domain::application::{Refusal, UploadProblem};

use super::multipart::PartError;
use crate::error::AppError;

/// The answer to a form that cannot be read (not form data, cut off, a field missing): the
/// visitor gets the localized sentence, the cause goes to the log only.
pub fn unreadable(i18n: &I18n, cause: impl std::fmt::Display) -> AppError {
    tracing::info!(%cause, "unreadable form");
    AppError::BadRequest(i18n.t("settings-bad-form"))
}

/// The answer to a part of a multipart form that cannot be taken.
pub fn bad_part(i18n: &I18n, e: PartError) -> AppError {
    match e {
        PartError::TooLong => AppError::TooLarge(i18n.t("refusal-too-much")),
        PartError::Unreadable(cause) => unreadable(i18n, cause),
    }
}

/// A refusal the page cannot show by itself: 404 for what is not theirs, 413 for more than a
/// form sends, else a localized 400; a failure is logged and answered with the generic page.
pub fn refused(i18n: &I18n, e: backend::Error) -> AppError {
    match e {
        backend::Error::Refused(Refusal::NotFound) => AppError::NotFound,
        backend::Error::Refused(Refusal::TooMuch) => AppError::TooLarge(i18n.t("refusal-too-much")),
        backend::Error::Refused(r) => AppError::BadRequest(app::components::forms::refusal_text(*i18n, &r)),
        e => e.into(),
    }
}

/// Where a refused upload sends the person: back to the step, with the reason in the address.
pub fn upload_refused(step_url: &str, problem: &UploadProblem) -> String {
    let (kind, limit, formats) = match problem {
        UploadProblem::NotAFileField => ("not_a_file_field", 0, String::new()),
        UploadProblem::Empty => ("empty", 0, String::new()),
        UploadProblem::TooLarge { max_kb } => ("too_large", *max_kb, String::new()),
        UploadProblem::TooMany { max } => ("too_many", u64::from(*max), String::new()),
        UploadProblem::WrongType { accepted } => ("wrong_type", 0, accepted.iter().map(|f| f.extension()).collect::<Vec<_>>().join(",")),
        UploadProblem::Rejected => ("rejected", 0, String::new()),
        UploadProblem::ScanUnavailable => ("scan_unavailable", 0, String::new()),
        UploadProblem::Interrupted => ("interrupted", 0, String::new()),
    };
    format!("{step_url}?upload={kind}&limit={limit}&formats={formats}")
}
