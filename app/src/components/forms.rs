//! Online forms: a step as a form (live checks and autosave when JavaScript runs), the answers
//! read back, the progress indicator, and the texts of every problem.
mod answers;
mod field_control;
mod form_step;
mod messages;
mod preview;
mod progress;

pub use answers::Answers;
pub use form_step::FormStep;
pub use messages::{problem_text, refusal_text, upload_notice};
pub use preview::FormPreview;
pub use progress::Progress;
