//! Webhooks (docs/api.md): a department's system registered as an API client may give the
//! operator an address; every registration, reply and change of status of its department's
//! applications is then delivered there, signed ([`signing`]), through the outbox (queued by the
//! notification fan-out in the same way as notifications, retried through the system's outages,
//! parked after the last attempt). The outbox rows are the delivery log the operator reads and
//! replays from. Deliveries carry no personal data: the system fetches what it needs through the
//! API, where its key and scopes are checked.

pub mod delivery;
pub mod signing;

use std::collections::HashMap;

use domain::access::Principal;
use domain::api_client::{ClientProblem, Scope, Scopes};
use domain::dates::utc_rfc3339;
use domain::webhook::{DeliveryProblem, DeliveryState, DeliveryView, WebhookData, WebhookEvent, WebhookPayload, MAX_URL};
use serde_json::json;

use crate::outbox::{Claimed, Message, Notice, Topic, WebhookCall};
use crate::store::{About, AuditEntry};
use crate::{Db, Portal, Result};

/// Every webhook row's ordering key begins so: `wh:{client}:{application}` keeps one
/// application's events to one client in order.
const KEY_PREFIX: &str = "wh:";

/// Deliveries the operator's log shows.
pub const LOG_PAGE: i64 = 100;

/// Whether `host` is this machine or a private, link-local or otherwise internal network.
fn internal(host: &url::Host<&str>) -> bool {
    use std::net::Ipv4Addr;
    let v4 = |ip: &Ipv4Addr| {
        ip.is_loopback()
            || ip.is_private()
            || ip.is_link_local()
            || ip.is_unspecified()
            || ip.is_broadcast()
            || (ip.octets()[0] == 100 && (64..128).contains(&ip.octets()[1]))
    };
    match host {
        url::Host::Domain(d) => d.eq_ignore_ascii_case("localhost") || d.to_ascii_lowercase().ends_with(".localhost"),
        url::Host::Ipv4(ip) => v4(ip),
        url::Host::Ipv6(ip) => match ip.to_ipv4_mapped() {
            Some(mapped) => v4(&mapped),
            // Loopback, unspecified, unique local (fc00::/7), link-local (fe80::/10).
            None => ip.is_loopback() || ip.is_unspecified() || (ip.segments()[0] & 0xfe00) == 0xfc00 || (ip.segments()[0] & 0xffc0) == 0xfe80,
        },
    }
}

/// `text` as a webhook address, or why not: `https://` with a host outside the portal's own
/// networks, no credentials in it. Addresses on this machine or a private network (and plain
/// `http://` to them) only with `allow_internal`, for departments' systems inside the region's
/// network and for tests: otherwise an operator's account could probe the portal's neighbours.
pub fn check_url(text: &str, allow_internal: bool) -> std::result::Result<String, ClientProblem> {
    let text = text.trim();
    let url = url::Url::parse(text).map_err(|_| ClientProblem::WebhookUrl)?;
    let Some(host) = url.host() else { return Err(ClientProblem::WebhookUrl) };
    let internal = internal(&host);
    let scheme_ok = url.scheme() == "https" || (url.scheme() == "http" && internal);
    if !scheme_ok
        || (internal && !allow_internal)
        || !url.username().is_empty()
        || url.password().is_some()
        || url.fragment().is_some()
        || text.chars().count() > MAX_URL
    {
        return Err(ClientProblem::WebhookUrl);
    }
    Ok(url.to_string())
}

/// Gives client `client_id` the webhook address `url` on behalf of `operator`, with a new secret
/// (returned, to be shown once; deliveries from now on are signed with it); `None` when there is
/// no such client or it is revoked.
pub async fn set(
    p: &Portal,
    operator: &Principal,
    client_id: &str,
    url: &str,
    allow_internal: bool,
    request_id: Option<String>,
) -> Result<Option<std::result::Result<String, ClientProblem>>> {
    let url = match check_url(url, allow_internal) {
        Ok(url) => url,
        Err(problem) => return Ok(Some(Err(problem))),
    };
    let secret = signing::new_secret();
    if !p.db.set_webhook(client_id, Some((&url, &secret))).await? {
        return Ok(None);
    }
    let entry = AuditEntry::new(Some(operator.person_id), "webhook_set").about(client_id.to_owned()).with(json!({ "url": url })).in_request(request_id);
    p.db.audit(&entry, p.now()).await?;
    Ok(Some(Ok(secret)))
}

/// Removes client `client_id`'s webhook on behalf of `operator`; deliveries still waiting are
/// parked when their turn comes. False when there is no such client or it is revoked.
pub async fn remove(p: &Portal, operator: &Principal, client_id: &str, request_id: Option<String>) -> Result<bool> {
    if !p.db.set_webhook(client_id, None).await? {
        return Ok(false);
    }
    p.db.audit(&AuditEntry::new(Some(operator.person_id), "webhook_removed").about(client_id.to_owned()).in_request(request_id), p.now()).await?;
    Ok(true)
}

/// Queues the deliveries of notice `row` (about application `about`) to the systems of its
/// department that have a webhook; a repeated notice queues nothing new. Returns how many were
/// queued.
pub async fn queue(db: &Db, row: &Claimed, notice: &Notice, about: Option<&About>, now: i64) -> Result<u64> {
    let Notice::StatusChanged { application_id, seq, action, status, .. } = notice else { return Ok(0) };
    let Some(event) = WebhookEvent::of(*action) else { return Ok(0) };
    let Some(about) = about else { return Ok(0) };
    // Only clients that may read applications hear of them.
    let clients: Vec<String> = db
        .webhook_clients(&about.department_code)
        .await?
        .into_iter()
        .filter(|(_, scopes)| Scopes::parse(scopes).is_some_and(|s| s.allow(Scope::Read)))
        .map(|(id, _)| id)
        .collect();
    if clients.is_empty() {
        return Ok(0);
    }
    let payload = WebhookPayload {
        event,
        timestamp: utc_rfc3339(now),
        data: WebhookData {
            application_id: application_id.clone(),
            number: about.number.clone(),
            service_code: about.service_code.clone(),
            action: *action,
            status: *status,
            seq: *seq,
        },
    };
    let rows: Vec<_> = clients
        .into_iter()
        .map(|client_id| {
            let key = format!("{KEY_PREFIX}{client_id}:{application_id}");
            let message_id = format!("{}:wh:{client_id}", row.message_id);
            Message::Webhook(WebhookCall { client_id, payload: payload.clone() }).row(key, message_id)
        })
        .collect();
    let mut tx = db.begin().await?;
    let queued = tx.enqueue_once(&rows, now).await?;
    tx.commit().await?;
    Ok(queued)
}

/// The latest deliveries, newest first, times in the region's local time.
pub async fn log(p: &Portal) -> Result<Vec<DeliveryView>> {
    let rules = p.rules().await?;
    let names: HashMap<String, String> = p.db.api_clients().await?.into_iter().map(|c| (c.id, c.name)).collect();
    let rows = p.db.outbox_log(Topic::Webhook.as_str(), KEY_PREFIX, LOG_PAGE).await?;
    let mut log = Vec::with_capacity(rows.len());
    for row in rows {
        let Ok(Message::Webhook(call)) = Message::read(Topic::Webhook, &row.payload) else {
            tracing::warn!(row = row.id, "an unreadable webhook delivery left out of the log");
            continue;
        };
        log.push(DeliveryView {
            id: row.id,
            client: names.get(&call.client_id).cloned().unwrap_or(call.client_id),
            event: call.payload.event,
            number: call.payload.data.number,
            state: DeliveryState::of_row(&row.state),
            attempts: row.attempts,
            problem: row.last_error.as_deref().map(DeliveryProblem::of_error),
            created_at: rules.local_time(row.created_at),
            done_at: row.done_at.map(|t| rules.local_time(t)),
        });
    }
    Ok(log)
}

/// Sends delivery `id` again on behalf of `operator` (after the system lost it, or once it is
/// back after the last attempt); false when there is no such delivery or it is still waiting.
pub async fn replay(p: &Portal, operator: &Principal, id: i64, request_id: Option<String>) -> Result<bool> {
    let now = p.now();
    if !p.db.outbox_replay(Topic::Webhook.as_str(), id, now).await? {
        return Ok(false);
    }
    p.db.audit(&AuditEntry::new(Some(operator.person_id), "webhook_replayed").about(id.to_string()).in_request(request_id), now).await?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::check_url;
    use domain::api_client::ClientProblem;

    #[test]
    fn addresses_are_https_outside_and_internal_ones_only_when_allowed() {
        assert_eq!(check_url(" https://cases.minobr.region.ru/hooks/portal ", false).as_deref(), Ok("https://cases.minobr.region.ru/hooks/portal"));
        for internal in
            ["http://127.0.0.1:9000/hook", "http://localhost/hook", "http://[::1]:8080/", "https://10.0.0.5/hook", "https://192.168.1.2/", "http://172.16.0.1/"]
        {
            assert_eq!(check_url(internal, false), Err(ClientProblem::WebhookUrl), "{internal}");
            assert!(check_url(internal, true).is_ok(), "{internal}");
        }
        for never in [
            "",
            "cases.region.ru/hook",
            "http://cases.region.ru/hook",
            "ftp://cases.region.ru/",
            "https://user:pw@cases.region.ru/",
            "https://cases.region.ru/#x",
            "javascript:alert(1)",
            "https://169.254.169.254/latest/meta-data/",
            "https://100.64.0.1/",
            "https://[fd00::1]/",
            "https://[fe80::1]/",
            "https://[::ffff:10.0.0.1]/",
            "https://0.0.0.0/",
            &format!("https://cases.region.ru/{}", "a".repeat(500)),
        ] {
            assert!(check_url(never, false).is_err(), "{never}");
        }
        assert!(check_url("https://169.254.169.254/", true).is_ok(), "allowed internal means allowed");
    }
}
