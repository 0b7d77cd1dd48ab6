//! Persons (federal identities as a login last vouched for them) and staff roles (granted by
//! SNILS).

use domain::access::Principal;
use domain::identity::{AssuranceLevel, Profile, Role, Snils, StaffRole};

use super::{with_pool, with_tx, with_writer, Backend};
use crate::{Db, Error, Result};

#[derive(sqlx::FromRow)]
struct DbProfile {
    snils: Option<String>,
    family_name: String,
    given_name: String,
    middle_name: Option<String>,
    birthdate: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    assurance: String,
}

pub(crate) fn assurance(text: &str) -> Result<AssuranceLevel> {
    AssuranceLevel::parse(text).ok_or_else(|| Error::Corrupt(format!("assurance level {text:?}")))
}

impl DbProfile {
    fn into_profile(self) -> Result<Profile> {
        Ok(Profile {
            snils: self.snils.as_deref().map(Snils::parse).transpose().map_err(|e| Error::Corrupt(format!("stored SNILS: {e}")))?,
            assurance: assurance(&self.assurance)?,
            family_name: self.family_name,
            given_name: self.given_name,
            middle_name: self.middle_name,
            birthdate: self.birthdate,
            email: self.email,
            phone: self.phone,
        })
    }
}

/// What [`Db::revoke_role`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Revoked {
    /// The role was taken away.
    Yes,
    /// They did not have it.
    NotHeld,
    /// Refused: it is the region's last operator role.
    LastOperator,
}

fn role_of(role: &str, department: String) -> Result<StaffRole> {
    let role = Role::parse(role).ok_or_else(|| Error::Corrupt(format!("staff role {role:?}")))?;
    Ok(StaffRole { role, department: (!department.is_empty()).then_some(department) })
}

impl Db {
    /// Creates the person with the provider's `subject`, or updates their profile from the
    /// latest claims; returns their id.
    #[tracing::instrument(skip_all)]
    pub async fn upsert_person(&self, subject: &str, profile: &Profile, now: i64) -> Result<i64> {
        self.write_person(
            subject,
            profile,
            now,
            "ON CONFLICT (subject) DO UPDATE SET snils = excluded.snils, family_name = excluded.family_name, \
             given_name = excluded.given_name, middle_name = excluded.middle_name, birthdate = excluded.birthdate, \
             email = excluded.email, phone = excluded.phone, assurance = excluded.assurance, updated_at = excluded.updated_at",
        )
        .await
    }

    /// The person with the provider's `subject`, created from `profile` when new. An existing
    /// person is left as their last login vouched for them: a federation message names the
    /// person but never changes who they are (SNILS, name, contacts, assurance level).
    #[tracing::instrument(skip_all)]
    pub async fn person_named_by_message(&self, subject: &str, profile: &Profile, now: i64) -> Result<i64> {
        self.write_person(subject, profile, now, "ON CONFLICT (subject) DO NOTHING").await
    }

    /// Inserts the person `subject` with `profile`, doing `on_conflict` when they exist; their id.
    async fn write_person(&self, subject: &str, profile: &Profile, now: i64, on_conflict: &'static str) -> Result<i64> {
        let sql = format!(
            "INSERT INTO persons (subject, snils, family_name, given_name, middle_name, birthdate, email, phone, assurance, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) {on_conflict}"
        );
        with_writer!(self, |p| {
            sqlx::query(&sql)
                .bind(subject)
                .bind(profile.snils.as_ref().map(Snils::digits))
                .bind(&profile.family_name)
                .bind(&profile.given_name)
                .bind(&profile.middle_name)
                .bind(&profile.birthdate)
                .bind(&profile.email)
                .bind(&profile.phone)
                .bind(profile.assurance.as_str())
                .bind(now)
                .execute(p)
                .await?;
        });
        let (id,): (i64,) = with_writer!(self, |p| sqlx::query_as("SELECT id FROM persons WHERE subject = $1").bind(subject).fetch_one(p).await?);
        Ok(id)
    }

    /// The stored federal profile of person `id`.
    #[tracing::instrument(skip_all)]
    pub async fn profile(&self, id: i64) -> Result<Option<Profile>> {
        let row: Option<DbProfile> = with_pool!(self, |p| sqlx::query_as(
            "SELECT snils, family_name, given_name, middle_name, birthdate, email, phone, assurance FROM persons WHERE id = $1"
        )
        .bind(id)
        .fetch_optional(p)
        .await?);
        row.map(DbProfile::into_profile).transpose()
    }

    /// Person `id` as the access rules see them: assurance level and staff roles.
    #[tracing::instrument(skip_all)]
    pub async fn principal(&self, id: i64) -> Result<Option<Principal>> {
        let row: Option<(String, Option<String>)> =
            with_pool!(self, |p| sqlx::query_as("SELECT assurance, snils FROM persons WHERE id = $1").bind(id).fetch_optional(p).await?);
        let Some((level, snils)) = row else { return Ok(None) };
        let level = assurance(&level)?;
        let granted = match snils {
            Some(s) if level == AssuranceLevel::Confirmed => self.roles_of(&s).await?,
            _ => Vec::new(),
        };
        Ok(Some(Principal::new(id, level, granted)))
    }

    async fn roles_of(&self, snils_digits: &str) -> Result<Vec<StaffRole>> {
        let rows: Vec<(String, String)> =
            with_pool!(self, |p| sqlx::query_as("SELECT role, department_code FROM staff_roles WHERE snils = $1 ORDER BY role, department_code")
                .bind(snils_digits)
                .fetch_all(p)
                .await?);
        rows.into_iter().map(|(r, d)| role_of(&r, d)).collect()
    }

    /// The staff roles granted to `snils`.
    #[tracing::instrument(skip_all)]
    pub async fn staff_roles(&self, snils: &Snils) -> Result<Vec<StaffRole>> {
        self.roles_of(snils.digits()).await
    }

    /// Grants `role` to whoever has `snils` (now or when they first log in); `false` when they
    /// had it already.
    #[tracing::instrument(skip_all)]
    pub async fn grant_role(&self, snils: &Snils, role: &StaffRole, granted_by: &str, now: i64) -> Result<bool> {
        let inserted = with_writer!(self, |p| sqlx::query(
            "INSERT INTO staff_roles (snils, role, department_code, granted_at, granted_by) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (snils, role, department_code) DO NOTHING"
        )
        .bind(snils.digits())
        .bind(role.role.as_str())
        .bind(role.department.as_deref().unwrap_or(""))
        .bind(now)
        .bind(granted_by)
        .execute(p)
        .await?
        .rows_affected());
        Ok(inserted == 1)
    }

    /// Takes `role` away from `snils`, never the region's last operator role: the check and the
    /// removal are one transaction, and on PostgreSQL the operator roles are locked meanwhile, so
    /// two operators revoking each other at once cannot leave the region with none.
    #[tracing::instrument(skip_all)]
    pub async fn revoke_role(&self, snils: &Snils, role: &StaffRole) -> Result<Revoked> {
        let mut tx = self.begin().await?;
        let lock = match tx.backend() {
            Backend::Postgres => " FOR UPDATE",
            // SQLite writes take turns on one connection: nobody else writes meanwhile.
            Backend::Sqlite => "",
        };
        let sql = format!("SELECT snils FROM staff_roles WHERE role = 'operator'{lock}");
        let operators: Vec<(String,)> = with_tx!(tx, |c| sqlx::query_as(&sql).fetch_all(&mut *c).await?);
        if role.role == Role::Operator && operators.iter().all(|(s,)| s == snils.digits()) {
            return Ok(Revoked::LastOperator);
        }
        let deleted = with_tx!(tx, |c| sqlx::query("DELETE FROM staff_roles WHERE snils = $1 AND role = $2 AND department_code = $3")
            .bind(snils.digits())
            .bind(role.role.as_str())
            .bind(role.department.as_deref().unwrap_or(""))
            .execute(&mut *c)
            .await?
            .rows_affected());
        tx.commit().await?;
        Ok(if deleted == 1 { Revoked::Yes } else { Revoked::NotHeld })
    }

    /// Published services and people holding a staff role, for the operator's overview.
    #[tracing::instrument(skip_all)]
    pub async fn portal_counts(&self) -> Result<(i64, i64)> {
        let (services,): (i64,) = with_pool!(self, |p| sqlx::query_as("SELECT COUNT(*) FROM services WHERE published").fetch_one(p).await?);
        let (staff,): (i64,) = with_pool!(self, |p| sqlx::query_as("SELECT COUNT(DISTINCT snils) FROM staff_roles").fetch_one(p).await?);
        Ok((services, staff))
    }

    /// True when the department `code` exists (published or not).
    #[tracing::instrument(skip_all)]
    pub async fn department_exists(&self, code: &str) -> Result<bool> {
        let row: Option<(String,)> = with_pool!(self, |p| sqlx::query_as("SELECT code FROM departments WHERE code = $1").bind(code).fetch_optional(p).await?);
        Ok(row.is_some())
    }

    /// The provider's subject identifier of person `id`.
    #[tracing::instrument(skip_all)]
    pub async fn person_subject(&self, id: i64) -> Result<String> {
        let (subject,): (String,) = with_pool!(self, |p| sqlx::query_as("SELECT subject FROM persons WHERE id = $1").bind(id).fetch_one(p).await?);
        Ok(subject)
    }

    /// Remembers the language person `id` reads the portal in (their emails use it).
    #[tracing::instrument(skip_all)]
    pub async fn set_person_lang(&self, person_id: i64, lang: &str) -> Result<()> {
        with_writer!(self, |p| {
            sqlx::query("UPDATE persons SET lang = $1 WHERE id = $2").bind(lang).bind(person_id).execute(p).await?;
        });
        Ok(())
    }

    /// The full name of person `id`; empty when there is none.
    #[tracing::instrument(skip_all)]
    pub async fn person_name(&self, id: i64) -> Result<String> {
        let row: Option<(String, String, Option<String>)> =
            with_pool!(self, |p| sqlx::query_as("SELECT family_name, given_name, middle_name FROM persons WHERE id = $1").bind(id).fetch_optional(p).await?);
        Ok(row.map(|(f, g, m)| domain::identity::full_name(f, Some(g), m)).unwrap_or_default())
    }
}

/// A staff role with the names of its holder and of who granted it, once they have logged in.
#[derive(Debug, sqlx::FromRow)]
pub struct StaffRoleRow {
    pub snils: String,
    pub role: String,
    pub department_code: String,
    pub granted_at: i64,
    pub granted_by: String,
    pub family_name: Option<String>,
    pub given_name: Option<String>,
    pub middle_name: Option<String>,
    pub by_family: Option<String>,
    pub by_given: Option<String>,
    pub by_middle: Option<String>,
}

impl Db {
    /// Every staff role with the names of its holder and its granter; a SNILS may belong to more
    /// than one federal account: the newest one names the person.
    #[tracing::instrument(skip_all)]
    pub async fn staff_roles_named(&self) -> Result<Vec<StaffRoleRow>> {
        Ok(with_pool!(self, |p| sqlx::query_as(
            "SELECT r.snils, r.role, r.department_code, r.granted_at, r.granted_by, \
             p.family_name, p.given_name, p.middle_name, g.family_name AS by_family, g.given_name AS by_given, g.middle_name AS by_middle \
             FROM staff_roles r \
             LEFT JOIN persons p ON p.id = (SELECT MAX(id) FROM persons WHERE snils = r.snils) \
             LEFT JOIN persons g ON g.id = (SELECT MAX(id) FROM persons WHERE snils = r.granted_by) \
             ORDER BY r.snils, r.role, r.department_code"
        )
        .fetch_all(p)
        .await?))
    }
}
