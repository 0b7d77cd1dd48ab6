//! What each problem, refusal and refused upload says, in the reader's language.
use domain::application::{Refusal, UploadProblem};
use domain::forms::{FileFormat, Problem};
use domain::localized::Lang;

use crate::format;
use crate::format::human_size;
use crate::i18n::I18n;

/// "PDF, JPG, PNG".
pub fn formats_text(formats: &[FileFormat]) -> String {
    formats.iter().map(|f| f.extension().to_uppercase()).collect::<Vec<_>>().join(", ")
}

/// The message of a problem with a value.
pub fn problem_text(i18n: I18n, problem: &Problem) -> String {
    let lang = Lang::parse(i18n.lang()).unwrap_or_else(|_| Lang::parse("ru").expect("a tag"));
    match problem {
        Problem::Required => i18n.t("problem-required"),
        Problem::MustBeChecked => i18n.t("problem-must-be-checked"),
        Problem::TooShort { min } => i18n.t_with("problem-too-short", &[("min", (*min).into())]),
        Problem::TooLong { max } => i18n.t_with("problem-too-long", &[("max", (*max).into())]),
        Problem::Pattern { message } | Problem::Rule { message } => message.get(&lang, &lang).to_owned(),
        Problem::NotANumber => i18n.t("problem-not-a-number"),
        Problem::NotAWholeNumber => i18n.t("problem-not-a-whole-number"),
        Problem::BelowMin { min } => i18n.t_with("problem-below-min", &[("min", min.clone().into())]),
        Problem::AboveMax { max } => i18n.t_with("problem-above-max", &[("max", max.clone().into())]),
        Problem::NotADate => i18n.t("problem-not-a-date"),
        Problem::DateTooEarly { min } => i18n.t_with("problem-date-too-early", &[("min", format::date(min).into())]),
        Problem::DateTooLate { max } => i18n.t_with("problem-date-too-late", &[("max", format::date(max).into())]),
        Problem::UnknownOption => i18n.t("problem-unknown-option"),
        Problem::BadPhone => i18n.t("problem-bad-phone"),
        Problem::BadEmail => i18n.t("problem-bad-email"),
        Problem::SnilsFormat => i18n.t("problem-snils-format"),
        Problem::SnilsControlSum => i18n.t("problem-snils-control-sum"),
        Problem::InnFormat { digits } => i18n.t_with("problem-inn-format", &[("digits", (*digits).into())]),
        Problem::InnControlSum => i18n.t("problem-inn-control-sum"),
        Problem::OgrnFormat { digits } => i18n.t_with("problem-ogrn-format", &[("digits", (*digits).into())]),
        Problem::OgrnControlSum => i18n.t("problem-ogrn-control-sum"),
        Problem::PassportFormat => i18n.t("problem-passport-format"),
        Problem::AddressTooShort => i18n.t("problem-address-too-short"),
        Problem::TooFewEntries { min } => i18n.t_with("problem-too-few-entries", &[("min", (*min).into())]),
        Problem::TooManyEntries { max } => i18n.t_with("problem-too-many-entries", &[("max", (*max).into())]),
        Problem::TooManyFiles { max } => i18n.t_with("problem-too-many-files", &[("max", (*max).into())]),
        Problem::FileTooLarge { max_kb } => i18n.t_with("problem-file-too-large", &[("size", human_size(i18n, max_kb * 1024).into())]),
        Problem::FileType { accepted } => i18n.t_with("problem-file-type", &[("formats", formats_text(accepted).into())]),
        Problem::HiddenFilled => i18n.t("problem-hidden-filled"),
        Problem::UnknownField => i18n.t("problem-unknown-field"),
    }
}

/// The message of a refused upload.
pub fn upload_text(i18n: I18n, problem: &UploadProblem) -> String {
    match problem {
        UploadProblem::NotAFileField => i18n.t("upload-not-a-file-field"),
        UploadProblem::Empty => i18n.t("upload-empty"),
        UploadProblem::TooLarge { max_kb } => i18n.t_with("upload-too-large", &[("size", human_size(i18n, max_kb * 1024).into())]),
        UploadProblem::TooMany { max } => i18n.t_with("upload-too-many", &[("max", (*max).into())]),
        UploadProblem::WrongType { accepted } => i18n.t_with("upload-wrong-type", &[("formats", formats_text(accepted).into())]),
        UploadProblem::Rejected => i18n.t("upload-rejected"),
        UploadProblem::ScanUnavailable => i18n.t("upload-scan-unavailable"),
        UploadProblem::Interrupted => i18n.t("upload-interrupted"),
    }
}

/// The message of a refused action.
pub fn refusal_text(i18n: I18n, refusal: &Refusal) -> String {
    match refusal {
        Refusal::NotFound => i18n.t("not-found-text"),
        Refusal::NotOnline => i18n.t("refusal-not-online"),
        Refusal::AssuranceTooLow(low) => {
            let needed = i18n.t(&format!("assurance-needed-{}", low.required.as_str()));
            i18n.t_with("passport-assurance-required", &[("level", needed.into())])
        }
        Refusal::NotEditable => i18n.t("refusal-not-editable"),
        Refusal::UnknownFields { .. } => i18n.t("refusal-unknown-fields"),
        Refusal::Invalid { .. } => i18n.t("refusal-invalid"),
        Refusal::FormChanged => i18n.t("review-changed"),
        Refusal::Upload { problem } => upload_text(i18n, problem),
        Refusal::Transition(_) => i18n.t("refusal-transition"),
        Refusal::EmptyMessage => i18n.t("refusal-empty-message"),
        Refusal::AlreadyTaken { by } => i18n.t_with("refusal-already-taken", &[("by", by.clone().into())]),
        Refusal::NotAssignee => i18n.t("refusal-not-assignee"),
        Refusal::NoGround => i18n.t("refusal-no-ground"),
        Refusal::NoResult => i18n.t("refusal-no-result"),
        Refusal::HeadOnly => i18n.t("refusal-head-only"),
        Refusal::TooMuch => i18n.t("refusal-too-much"),
        Refusal::TooManyDrafts => i18n.t_with("refusal-too-many-drafts", &[("max", domain::application::MAX_OPEN_DRAFTS.into())]),
        Refusal::TooManySubmissions => i18n.t_with("refusal-too-many-submissions", &[("max", domain::application::MAX_SUBMISSIONS_PER_HOUR.into())]),
    }
}

/// What a refused upload, named in the address by the server's redirect, says.
pub fn upload_notice(i18n: I18n, q: &leptos_router::params::ParamsMap) -> Option<String> {
    let limit = q.get("limit").and_then(|l| l.parse::<u64>().ok()).unwrap_or(0);
    let formats = q.get("formats").unwrap_or_default();
    let accepted: Vec<FileFormat> = formats
        .split(',')
        .filter_map(|f| [FileFormat::Pdf, FileFormat::Jpeg, FileFormat::Png, FileFormat::Odt, FileFormat::Docx].into_iter().find(|x| x.extension() == f))
        .collect();
    let problem = match q.get("upload")?.as_str() {
        "empty" => UploadProblem::Empty,
        "too_large" => UploadProblem::TooLarge { max_kb: limit },
        "too_many" => UploadProblem::TooMany { max: u32::try_from(limit).unwrap_or(0) },
        "wrong_type" => UploadProblem::WrongType { accepted },
        "rejected" => UploadProblem::Rejected,
        "scan_unavailable" => UploadProblem::ScanUnavailable,
        "interrupted" => UploadProblem::Interrupted,
        _ => UploadProblem::NotAFileField,
    };
    Some(refusal_text(i18n, &Refusal::Upload { problem }))
}
