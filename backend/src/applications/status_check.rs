//! Status by number: the registration number and the receipt's code show where an application
//! stands to anyone, without logging in, and nothing else. A wrong code, an unknown number and an
//! application without a code all read the same "not found", so numbers cannot be probed; the
//! general rate limit keeps the code (≈ 2^40) beyond guessing.

use domain::localized::Lang;
use domain::status_check::{normalize_code, PublicStatus};

use crate::compare::same_secret;
use crate::{Portal, Result};

/// The status of the application numbered `number` if `code` is its receipt's.
pub async fn public_status(p: &Portal, number: &str, code: &str, lang: Lang) -> Result<Option<PublicStatus>> {
    let (number, Some(code)) = (number.trim(), normalize_code(code)) else { return Ok(None) };
    if number.is_empty() || number.len() > 40 {
        return Ok(None);
    }
    let Some(row) = p.db.application_by_number(number).await? else { return Ok(None) };
    let matches = row.status_code.as_deref().is_some_and(|stored| same_secret(stored.as_bytes(), code.as_bytes()));
    if !matches {
        tracing::info!(number, "a status check with a wrong code");
        return Ok(None);
    }
    let rules = p.rules().await?;
    let title = p.db.catalog(lang).await?.service_title(&row.service_code).await?.unwrap_or_else(|| row.service_code.clone());
    Ok(Some(PublicStatus {
        number: number.to_owned(),
        service_title: title,
        status: row.status()?,
        registered_at: row.submitted_at.map(|t| rules.local_time(t)).unwrap_or_default(),
        updated_at: rules.local_time(row.updated_at),
        deadline: row.deadline,
    }))
}
