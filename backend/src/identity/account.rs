//! What a person sees of themselves: their account page.

use domain::catalog::Link;
use domain::localized::Lang;
use domain::views::{AccountPage, RoleInDepartment};

use super::SessionPolicy;
use crate::{Db, Result};

/// The account page of `person_id` in `lang`; `None` when there is no such person.
pub async fn account_page(db: &Db, person_id: i64, lang: Lang, policy: SessionPolicy, now: i64) -> Result<Option<AccountPage>> {
    let Some(profile) = db.profile(person_id).await? else { return Ok(None) };
    let roles = match &profile.snils {
        Some(snils) => db.staff_roles(snils).await?,
        None => Vec::new(),
    };
    let staff = roles.iter().any(|r| r.role != domain::identity::Role::Operator);
    let operator = roles.iter().any(|r| r.role == domain::identity::Role::Operator);
    let email_choices = crate::notify::centre::email_choices(db, person_id, &domain::notify::Kind::for_person(staff, operator)).await?;
    let names = db.catalog(lang).await?.department_names().await?;
    let roles = roles
        .into_iter()
        .map(|r| RoleInDepartment {
            role: r.role,
            department: r.department.map(|code| Link { title: names.get(&code).cloned().unwrap_or_else(|| code.clone()), code }),
        })
        .collect();
    let sessions = db.session_count(person_id, policy, now).await?;
    Ok(Some(AccountPage { profile, roles, sessions, account_url: None, email_choices }))
}
