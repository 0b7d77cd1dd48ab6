#!/usr/bin/env bash
# Measures what docs/performance.md records: the browser bundle (raw, gzip, brotli), cold and warm
# start time, the bundle's delivery and pages' requests per second with wrk on loopback (release
# build, SQLite), beside a hello-world Leptos page (bench/hello) measured in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${BENCH_PORT:-3200}"
HELLO_PORT="${BENCH_HELLO_PORT:-3300}"
DURATION="${BENCH_DURATION:-10s}"

echo "== release build"
export PATH="$PWD/tools/binaryen/node_modules/.bin:$PATH"
cargo leptos build --release >/dev/null 2>&1 || cargo leptos build --release
cargo build --release -p hello-leptos >/dev/null 2>&1 || cargo build --release -p hello-leptos
scripts/precompress-assets.sh >/dev/null
size() { stat -c %s "$1"; }
for file in target/site/pkg/portal.{wasm,js,css}; do
  echo "${file##*/}: $(size "$file") bytes raw, $(size "$file.gz") gzip, $(size "$file.br") brotli (as served)"
done

# wrk's summary lines for $1 (extra wrk arguments follow).
measure() {
  local url=$1; shift
  echo "== wrk -t2 -c32 -d$DURATION $* $url"
  wrk -t2 -c32 -d"$DURATION" --latency "$@" "$url" | grep -E "Requests/sec|Transfer/sec|Latency|50%|99%|Non-2xx"
}

echo "== hello-world Leptos page (bench/hello), the yardstick of this run"
target/release/hello-leptos "127.0.0.1:$HELLO_PORT" & hello=$!
until curl -fs "http://127.0.0.1:$HELLO_PORT/" >/dev/null; do sleep 0.05; done
measure "http://127.0.0.1:$HELLO_PORT/"
kill $hello; wait $hello 2>/dev/null || true

data=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$data"' EXIT
# Starts the release server and sets $pid and $start_ms (process start to first ready answer).
start_portal() {
  local t0; t0=$(date +%s%N)
  PORTAL_LISTEN="127.0.0.1:$PORT" PORTAL_DATA_DIR="$data" PORTAL_LOG_LEVEL=warn PORTAL_RATE_LIMIT__REQUESTS_PER_SECOND=0 \
    PORTAL_OIDC__ISSUER_URL=http://127.0.0.1:9/not-asked-for-these-pages PORTAL_OIDC__CLIENT_ID=bench PORTAL_OIDC__CLIENT_SECRET=bench \
    target/release/portal serve >"$data.log" 2>&1 &
  pid=$!
  until curl -fs "http://127.0.0.1:$PORT/readyz" >/dev/null; do sleep 0.005; done
  start_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
}
start_portal
echo "cold start (empty data folder: migrate + import demo region + listen): $start_ms ms"
kill -TERM $pid; wait $pid || true
start_portal
echo "warm start (existing database): $start_ms ms"

echo "== the bundle as a first visit gets it (Accept-Encoding: br, gzip)"
wasm_url=$(curl -fs "http://127.0.0.1:$PORT/" | grep -oE '/pkg/portal\.[0-9a-f]{16}\.wasm' | head -1)
curl -fsI -H 'Accept-Encoding: br, gzip' "http://127.0.0.1:$PORT$wasm_url" | grep -iE "^(content-encoding|content-length|cache-control):" | tr -d '\r'
measure "http://127.0.0.1:$PORT$wasm_url" -H 'Accept-Encoding: br, gzip'

echo "== pages, anonymous (catalog pages from the page cache)"
for path in /healthz / /services "/services?category=family" /services/taxi-permit "/search?q=%D0%BF%D0%B0%D1%81%D0%BF%D0%BE%D1%80%D1%82"; do
  measure "http://127.0.0.1:$PORT$path"
done
echo "== the same catalog pages rendered every time (page_cache_mb = 0)"
kill -TERM $pid; wait $pid || true
PORTAL_PAGE_CACHE_MB=0 start_portal
for path in / /services /services/taxi-permit; do
  measure "http://127.0.0.1:$PORT$path"
done

echo "== synthetic catalog of 5,000 services (scripts/synthetic_pack.py)"
kill -TERM $pid; wait $pid || true
synth=$(mktemp -d)
python3 scripts/synthetic_pack.py 5000 "$synth/pack"
rm -rf "$data" && mkdir -p "$data"
t0=$(date +%s%N)
PORTAL_DATA_DIR="$data" PORTAL_LOG_LEVEL=warn target/release/portal import-region "$synth/pack" 2>/dev/null
echo "import of 5,000 services: $(( ($(date +%s%N) - t0) / 1000000 )) ms"
start_portal
curl -fs "http://127.0.0.1:$PORT/search?q=%D0%BF%D0%B0%D1%81%D0%BF%D0%BE%D1%80%D1%82%D0%B0" >/dev/null  # build the search index once
for path in /services/taxi-permit-0042 /services "/search?q=%D0%BF%D0%B0%D1%81%D0%BF%D0%BE%D1%80%D1%82%D0%B0" "/search?q=%D0%BF%D0%BE%D1%81%D0%BE%D0%B1%D0%B8%D1%8F+%D1%80%D0%B5%D0%B1"; do
  measure "http://127.0.0.1:$PORT$path"
done
rm -rf "$synth"

echo "== submitting applications with a 1 MB attachment (SQLite, 2,000 applicants, 32 at once)"
cargo bench -p backend --bench submit -- 2000 32 2>/dev/null | tail -2

echo "== the enrolment rush through HTTP: 6,000 kindergarten applications in 120 s (SQLite, then PostgreSQL)"
cargo bench -p portal --bench rush -- sqlite 6000 2>/dev/null | tail -5 || true
cargo bench -p portal --bench rush -- postgres 6000 2>/dev/null | tail -5 || true

echo "== the apply form on a slow mobile network (Chromium throttled to 400 kbit/s, 400 ms)"
(cd end2end && E2E_PORTAL_BIN=target/release/portal npx playwright test -c slow-network.config.ts 2>&1 | grep -E "slow network|passed|failed" || true)

echo "== back office pages with 100,000 applications (SQLite, then PostgreSQL)"
cargo bench -p portal --bench office_queue -- sqlite 2>/dev/null | tail -14
cargo bench -p portal --bench office_queue -- postgres 2>/dev/null | tail -14

echo "== draining the federal outbox to a local simulator (18,000 messages; SQLite, then PostgreSQL)"
cargo bench -p backend --bench outbox -- sqlite 6000 2>/dev/null | tail -1
cargo bench -p backend --bench outbox -- postgres 6000 2>/dev/null | tail -1

echo "== in-process search on 5,000 services"
cargo bench -p domain --bench search 2>/dev/null | tail -2
