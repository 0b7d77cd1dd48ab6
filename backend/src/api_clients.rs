//! Departments' systems as API clients: registered by the operator (the key is shown once and
//! only its SHA-256 kept), listed, revoked, and recognised by their key on every call. Keys are
//! 256 random bits, so a fast hash is enough: nobody can guess one to test against the hash.
//! Every registration and revocation is audited with the operator who did it.

use domain::access::Principal;
use domain::api_client::{check_client, client_principal, key_client_id, ClientProblem, ClientView, ClientsPage, Scopes, KEY_PREFIX};
use domain::catalog::Link;
use domain::localized::Lang;
use rand::RngCore;
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::compare::same_secret;
use crate::store::{ApiClientRow, AuditEntry, NewApiClient};
use crate::{Error, Portal, Result};

/// A client recognised by its key: who it acts as and what it may do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    /// The client's id.
    pub client_id: String,
    /// Its department.
    pub department: String,
    /// The clerk-like principal it acts as.
    pub principal: Principal,
    /// Its scopes.
    pub scopes: Scopes,
}

/// Hex of SHA-256 of `key`.
fn key_hash(key: &str) -> String {
    Sha256::digest(key.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rand::rngs::OsRng.fill_bytes(&mut buf);
    buf.iter().map(|b| format!("{b:02x}")).collect()
}

/// Registers a client of `department` named `name` with `scopes` on behalf of `operator`; its key,
/// to be shown once, or why not.
pub async fn register(
    p: &Portal,
    operator: &Principal,
    department: &str,
    name: &str,
    scopes: &Scopes,
    request_id: Option<String>,
) -> Result<std::result::Result<(String, String), ClientProblem>> {
    if let Err(problem) = check_client(name, scopes) {
        return Ok(Err(problem));
    }
    let department = department.trim();
    if !p.db.department_exists(department).await? {
        return Ok(Err(ClientProblem::Department));
    }
    let id = random_hex(8);
    let key = format!("{KEY_PREFIX}{id}_{}", random_hex(32));
    let now = p.now();
    let client = NewApiClient {
        id: &id,
        department_code: department,
        name: name.trim(),
        scopes: &scopes.to_text(),
        key_hash: &key_hash(&key),
        created_by: operator.person_id,
    };
    p.db.insert_api_client(&client, now).await?;
    let details = json!({ "department": department, "name": name.trim(), "scopes": scopes.to_text() });
    p.db.audit(&AuditEntry::new(Some(operator.person_id), "api_client_registered").about(id.clone()).with(details).in_request(request_id), now).await?;
    Ok(Ok((id, key)))
}

/// Every client, newest first, with department names in `lang`, and the departments.
pub async fn clients_page(p: &Portal, lang: Lang) -> Result<ClientsPage> {
    let rules = p.rules().await?;
    let names = p.db.catalog(lang).await?.department_names().await?;
    let clients =
        p.db.api_clients()
            .await?
            .into_iter()
            .map(|r| {
                Ok(ClientView {
                    scopes: Scopes::parse(&r.scopes).ok_or_else(|| Error::Corrupt(format!("scopes {:?}", r.scopes)))?,
                    department: names.get(&r.department_code).cloned().unwrap_or_else(|| r.department_code.clone()),
                    created_at: rules.local_time(r.created_at),
                    last_used_at: r.last_used_at.map(|t| rules.local_time(t)),
                    revoked_at: r.revoked_at.map(|t| rules.local_time(t)),
                    webhook_url: r.webhook_url,
                    id: r.id,
                    name: r.name,
                })
            })
            .collect::<Result<Vec<_>>>()?;
    let mut departments: Vec<Link> = names.into_iter().map(|(code, title)| Link { code, title }).collect();
    departments.sort_by_cached_key(|d| (d.title.to_lowercase(), d.code.clone()));
    Ok(ClientsPage { clients, departments })
}

/// Revokes client `id` on behalf of `operator`; false when there was nothing to revoke.
pub async fn revoke(p: &Portal, operator: &Principal, id: &str, request_id: Option<String>) -> Result<bool> {
    let now = p.now();
    if !p.db.revoke_api_client(id, now).await? {
        return Ok(false);
    }
    p.db.audit(&AuditEntry::new(Some(operator.person_id), "api_client_revoked").about(id.to_owned()).in_request(request_id), now).await?;
    Ok(true)
}

/// The client whose key is `key`, if it is one and not revoked.
pub async fn authenticate(p: &Portal, key: &str) -> Result<Option<Caller>> {
    let Some(id) = key_client_id(key) else { return Ok(None) };
    let Some(row) = p.db.api_client(id).await? else { return Ok(None) };
    if row.revoked_at.is_some() || !same(&row, key) {
        return Ok(None);
    }
    // Bookkeeping only: a busy database must not refuse the call.
    if let Err(e) = p.db.touch_api_client(id, p.now()).await {
        tracing::warn!(error = %e, client = id, "could not note an API client's last call");
    }
    let scopes = Scopes::parse(&row.scopes).ok_or_else(|| Error::Corrupt(format!("scopes {:?}", row.scopes)))?;
    Ok(Some(Caller { principal: client_principal(row.person_id, &row.department_code), client_id: row.id, department: row.department_code, scopes }))
}

/// The key's hash matches the stored one, compared in constant time.
fn same(row: &ApiClientRow, key: &str) -> bool {
    same_secret(key_hash(key).as_bytes(), row.key_hash.as_bytes())
}
