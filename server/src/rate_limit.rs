//! Request budgets per client address (GCRA, `governor`): a general one for every request and a
//! tighter one for the login routes (start and the provider's answer). An IPv6 client is counted
//! by its /64 network, which one subscriber usually holds whole. Over budget: a localized 429
//! page with `Retry-After`.
use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::Arc;

use app::i18n::I18n;
use app::ui::LANG_COOKIE;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::config::RateLimitConfig;
use crate::cookies::request_cookie;
use crate::fallback_page;

type Limiter = Arc<DefaultKeyedRateLimiter<IpAddr>>;

/// The limiters of this process; `None` where the configuration turned a limit off.
#[derive(Clone, Default)]
pub struct RateLimits {
    general: Option<Limiter>,
    logins: Option<Limiter>,
    /// Behind our reverse proxy, the client is the last `X-Forwarded-For` hop.
    behind_proxy: bool,
}

impl RateLimits {
    /// Limiters as configured; `behind_proxy` as the configuration says.
    pub fn new(config: &RateLimitConfig, behind_proxy: bool) -> RateLimits {
        let general = NonZeroU32::new(config.requests_per_second).map(|rate| {
            let burst = NonZeroU32::new(config.burst).unwrap_or(rate);
            Arc::new(RateLimiter::keyed(Quota::per_second(rate).allow_burst(burst)))
        });
        let logins = NonZeroU32::new(config.logins_per_minute).map(|rate| Arc::new(RateLimiter::keyed(Quota::per_minute(rate))));
        RateLimits { general, logins, behind_proxy }
    }

    /// Forgets addresses that have been quiet long enough to have their full budget again.
    pub fn forget_quiet(&self) {
        for limiter in [&self.general, &self.logins].into_iter().flatten() {
            limiter.retain_recent();
        }
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
    for limiter in [limits.general.as_ref(), logins].into_iter().flatten() {
        if let Err(not_until) = limiter.check_key(&ip) {
            let wait = not_until.wait_time_from(DefaultClock::default().now()).as_secs() + 1;
            tracing::warn!(%ip, path = %req.uri().path(), "rate limit exceeded");
            let i18n = I18n::new(request_cookie(req.headers(), LANG_COOKIE).unwrap_or_default());
            let page = fallback_page::bad_request(&i18n.t("too-many-requests"));
            return (StatusCode::TOO_MANY_REQUESTS, [(header::RETRY_AFTER, wait.to_string())], Html(page)).into_response();
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

    #[test]
    fn a_burst_over_the_budget_is_refused() {
        let limits = RateLimits::new(&RateLimitConfig { requests_per_second: 1, burst: 3, logins_per_minute: 0 }, false);
        let ip: IpAddr = "192.0.2.1".parse().unwrap();
        let general = limits.general.unwrap();
        assert!((0..3).all(|_| general.check_key(&ip).is_ok()));
        assert!(general.check_key(&ip).is_err());
        assert!(general.check_key(&"192.0.2.2".parse().unwrap()).is_ok(), "budgets are per address");
        assert!(limits.logins.is_none(), "0 turns a limit off");
    }
}
