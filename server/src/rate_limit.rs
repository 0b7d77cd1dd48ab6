//! Request budgets per client address (GCRA): a general one for every request and a tighter one
//! for the login routes (start and the provider's answer). An IPv6 client is counted by its /64
//! network, which one subscriber usually holds whole. Over budget: a localized 429 page with
//! `Retry-After`. Each process keeps its own budgets (`governor`); with `redis_url` every replica
//! draws on the same ones in Redis, and while Redis does not answer each counts alone again.
mod shared;

use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use app::i18n::I18n;
use app::ui::LANG_COOKIE;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, RateLimiter};

use crate::config::RateLimitConfig;
use crate::cookies::request_cookie;
use crate::fallback_page;
use shared::Quota;
pub use shared::SharedBudgets;

/// One budget: its name in Redis, its quota, and this process's own limiter for it.
#[derive(Clone)]
struct Budget {
    kind: &'static str,
    quota: Quota,
    local: Arc<DefaultKeyedRateLimiter<IpAddr>>,
}

impl Budget {
    fn new(kind: &'static str, quota: Quota) -> Budget {
        let gcra =
            governor::Quota::with_period(quota.interval).expect("a period over zero").allow_burst(NonZeroU32::new(quota.burst).unwrap_or(NonZeroU32::MIN));
        Budget { kind, quota, local: Arc::new(RateLimiter::keyed(gcra)) }
    }
}

/// The budgets; `None` where the configuration turned a limit off.
#[derive(Clone, Default)]
pub struct RateLimits {
    general: Option<Budget>,
    logins: Option<Budget>,
    /// Budgets every replica shares, when `redis_url` is set.
    shared: Option<SharedBudgets>,
    /// While Redis is not answering (seconds since the epoch until which it is not asked), so
    /// that an outage costs requests no waiting for time-outs.
    shared_resting_until: Arc<AtomicU64>,
    /// Behind our reverse proxy, the client is the last `X-Forwarded-For` hop.
    behind_proxy: bool,
}

impl RateLimits {
    /// Budgets as configured, kept in this process; `behind_proxy` as the configuration says.
    pub fn new(config: &RateLimitConfig, behind_proxy: bool) -> RateLimits {
        let general = NonZeroU32::new(config.requests_per_second).map(|rate| {
            let burst = if config.burst == 0 { rate.get() } else { config.burst };
            Budget::new("general", Quota { interval: Duration::from_secs(1) / rate.get(), burst })
        });
        let logins = NonZeroU32::new(config.logins_per_minute)
            .map(|rate| Budget::new("logins", Quota { interval: Duration::from_secs(60) / rate.get(), burst: rate.get() }));
        RateLimits { general, logins, shared: None, shared_resting_until: Arc::default(), behind_proxy }
    }

    /// The same budgets, kept in Redis for every replica.
    pub fn shared_through(self, shared: SharedBudgets) -> RateLimits {
        RateLimits { shared: Some(shared), ..self }
    }

    /// Forgets addresses that have been quiet long enough to have their full budget again.
    pub fn forget_quiet(&self) {
        for budget in [&self.general, &self.logins].into_iter().flatten() {
            budget.local.retain_recent();
        }
    }

    /// Takes a request of `ip` from `budget`: `None` when it may pass, else how long to wait.
    async fn take(&self, budget: &Budget, ip: IpAddr) -> Option<Duration> {
        if let Some(shared) = self.shared.as_ref().filter(|_| unix_now() >= self.shared_resting_until.load(Ordering::Relaxed)) {
            match shared.take(budget.kind, ip, budget.quota).await {
                Ok(answer) => return answer,
                Err(e) => {
                    self.shared_resting_until.store(unix_now() + REDIS_REST.as_secs(), Ordering::Relaxed);
                    warn_now_and_then(&e);
                }
            }
        }
        budget.local.check_key(&ip).err().map(|not_until| not_until.wait_time_from(DefaultClock::default().now()))
    }
}

/// How long Redis is left alone after it failed to answer, before it is asked again.
const REDIS_REST: Duration = Duration::from_secs(2);

fn unix_now() -> u64 {
    u64::try_from(backend::clock::now_ms() / 1000).unwrap_or(0)
}

/// Says that Redis is not answering at most once a minute, not on every request of an outage.
fn warn_now_and_then(error: &redis::RedisError) {
    static LAST: AtomicU64 = AtomicU64::new(0);
    let now = unix_now();
    if now.saturating_sub(LAST.swap(now, Ordering::Relaxed)) >= 60 {
        tracing::warn!(%error, "Redis does not answer: each process keeps its own rate limits until it does");
    }
}

/// The client's address: the connection's peer, or behind a proxy the last `X-Forwarded-For` hop.
pub fn client_ip(headers: &HeaderMap, peer: Option<IpAddr>, behind_proxy: bool) -> Option<IpAddr> {
    if behind_proxy {
        let forwarded = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|a| a.trim().parse().ok())
            .next_back();
        if forwarded.is_some() {
            return forwarded;
        }
    }
    peer
}

/// The budget a client address draws on: itself, or for IPv6 its /64 network.
pub fn budget_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6(std::net::Ipv6Addr::from(u128::from(v6) & !((1u128 << 64) - 1))),
        },
    }
}

/// Refuses a request over its address's budget.
pub async fn limit(State(limits): State<RateLimits>, req: Request, next: Next) -> Response {
    let peer = req.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
    let Some(ip) = client_ip(req.headers(), peer, limits.behind_proxy).map(budget_key) else { return next.run(req).await };
    let logins = if matches!(req.uri().path(), "/auth/login" | "/auth/callback") { limits.logins.as_ref() } else { None };
    for budget in [limits.general.as_ref(), logins].into_iter().flatten() {
        if let Some(wait) = limits.take(budget, ip).await {
            tracing::warn!(%ip, path = %req.uri().path(), "rate limit exceeded");
            if req.uri().path().starts_with(crate::problem::API_PREFIX) {
                let i18n = crate::problem::caller_lang(req.headers(), app::i18n::DEFAULT_LANG);
                return crate::problem::ApiError::too_many(i18n, wait.as_secs() + 1).into_response();
            }
            let i18n = I18n::new(request_cookie(req.headers(), LANG_COOKIE).unwrap_or_default());
            let page = fallback_page::bad_request(&i18n.t("too-many-requests"));
            let retry_after = (wait.as_secs() + 1).to_string();
            return (StatusCode::TOO_MANY_REQUESTS, [(header::RETRY_AFTER, retry_after)], Html(page)).into_response();
        }
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    #[test]
    fn the_proxy_header_counts_only_behind_a_proxy() {
        let mut h = HeaderMap::new();
        h.insert("x-forwarded-for", HeaderValue::from_static("203.0.113.9, 10.0.0.2"));
        let peer: Option<IpAddr> = Some("127.0.0.1".parse().unwrap());
        assert_eq!(client_ip(&h, peer, false), peer, "a client cannot choose its own address");
        assert_eq!(client_ip(&h, peer, true), Some("10.0.0.2".parse().unwrap()), "the hop the proxy added");
        assert_eq!(client_ip(&HeaderMap::new(), peer, true), peer);
    }

    #[test]
    fn ipv6_clients_share_the_budget_of_their_64_network() {
        let key = |s: &str| budget_key(s.parse().unwrap());
        assert_eq!(key("2001:db8:1:2:aaaa::1"), key("2001:db8:1:2:ffff:ffff:ffff:ffff"));
        assert_ne!(key("2001:db8:1:2::1"), key("2001:db8:1:3::1"));
        assert_eq!(key("2001:db8:1:2:aaaa::1").to_string(), "2001:db8:1:2::");
        assert_eq!(key("::ffff:192.0.2.7").to_string(), "192.0.2.7");
        assert_eq!(key("192.0.2.7").to_string(), "192.0.2.7");
    }

    #[tokio::test]
    async fn a_burst_over_the_budget_is_refused() {
        let limits = RateLimits::new(&RateLimitConfig { requests_per_second: 1, burst: 3, logins_per_minute: 0 }, false);
        let ip: IpAddr = "192.0.2.1".parse().unwrap();
        let general = limits.general.clone().unwrap();
        for _ in 0..3 {
            assert_eq!(limits.take(&general, ip).await, None);
        }
        let wait = limits.take(&general, ip).await.expect("the fourth at once is refused");
        assert!(wait <= Duration::from_secs(1), "{wait:?}");
        assert_eq!(limits.take(&general, "192.0.2.2".parse().unwrap()).await, None, "budgets are per address");
        assert!(limits.logins.is_none(), "0 turns a limit off");
    }
}
