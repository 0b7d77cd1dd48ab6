//! Budgets kept in Redis, so that every replica behind a load balancer draws on the same one: the
//! same GCRA as the per-process limiters, run inside Redis by one script (atomic, on Redis's own
//! clock, so replicas' clocks need not agree).
use std::net::IpAddr;
use std::time::Duration;

use redis::aio::ConnectionManager;
use redis::Script;

/// Takes one request from a budget. KEYS[1]: the budget; ARGV[1]: microseconds between requests
/// at the sustained rate; ARGV[2]: how many may come at once. Returns 0 when the request may pass,
/// else the microseconds until it would. The key holds the theoretical arrival time and expires
/// when the budget is full again.
const TAKE: &str = r"
local now_parts = redis.call('TIME')
local now = tonumber(now_parts[1]) * 1000000 + tonumber(now_parts[2])
local interval = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or now)
if tat < now then tat = now end
local next_tat = tat + interval
local allowed_from = next_tat - burst * interval
if allowed_from > now then return allowed_from - now end
redis.call('SET', KEYS[1], next_tat, 'PX', math.ceil((next_tat - now) / 1000) + 1)
return 0
";

/// A sustained rate with a burst: the same quota the per-process limiter has.
#[derive(Clone, Copy, Debug)]
pub struct Quota {
    /// Between two requests at the sustained rate.
    pub interval: Duration,
    /// Requests allowed at once.
    pub burst: u32,
}

/// The connection to Redis and this installation's part of its keys.
#[derive(Clone)]
pub struct SharedBudgets {
    redis: ConnectionManager,
    prefix: String,
    take: Script,
}

impl SharedBudgets {
    /// Connects to `url` (`redis://` or `rediss://`); every key starts with `prefix`, so that
    /// installations may share a Redis. Reconnects by itself after an outage.
    pub async fn connect(url: &str, prefix: &str) -> redis::RedisResult<SharedBudgets> {
        let client = redis::Client::open(url)?;
        let config = redis::aio::ConnectionManagerConfig::new()
            .set_connection_timeout(Some(Duration::from_secs(2)))
            .set_response_timeout(Some(Duration::from_millis(500)))
            // Reconnecting is retried briefly; in an outage the caller stops asking for a while.
            .set_number_of_retries(2)
            .set_max_delay(Duration::from_millis(500));
        let redis = ConnectionManager::new_with_config(client, config).await?;
        Ok(SharedBudgets { redis, prefix: prefix.to_owned(), take: Script::new(TAKE) })
    }

    /// Takes a request from `ip`'s budget `kind`: `Ok(None)` when it may pass, `Ok(Some(wait))`
    /// when it is over budget, an error when Redis did not answer.
    pub async fn take(&self, kind: &str, ip: IpAddr, quota: Quota) -> redis::RedisResult<Option<Duration>> {
        let key = format!("{}:rate:{kind}:{ip}", self.prefix);
        let interval = u64::try_from(quota.interval.as_micros()).unwrap_or(u64::MAX).max(1);
        let wait: u64 = self.take.key(key).arg(interval).arg(quota.burst.max(1)).invoke_async(&mut self.redis.clone()).await?;
        Ok((wait > 0).then(|| Duration::from_micros(wait)))
    }
}
