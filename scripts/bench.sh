#!/usr/bin/env bash
# Measures what docs/performance.md records: wasm bundle size (raw, gzip, brotli), cold and warm
# start time, and requests per second of pages with wrk on loopback (release build, SQLite).
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${BENCH_PORT:-3200}"
DURATION="${BENCH_DURATION:-10s}"

echo "== release build"
export PATH="$PWD/tools/binaryen/node_modules/.bin:$PATH"
cargo leptos build --release >/dev/null 2>&1 || cargo leptos build --release
wasm=target/site/pkg/portal.wasm
js=target/site/pkg/portal.js
size() { stat -c %s "$1"; }
echo "wasm: $(size $wasm) bytes raw, $(gzip -9c $wasm | wc -c) gzip$(command -v brotli >/dev/null && echo ", $(brotli -c -q 11 $wasm | wc -c) brotli")"
echo "js:   $(size $js) bytes raw, $(gzip -9c $js | wc -c) gzip"
echo "css:  $(size target/site/pkg/portal.css) bytes raw, $(gzip -9c target/site/pkg/portal.css | wc -c) gzip"

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

for path in /healthz / /services "/services?category=family" /services/taxi-permit; do
  echo "== wrk -t2 -c32 -d$DURATION http://127.0.0.1:$PORT$path"
  wrk -t2 -c32 -d"$DURATION" --latency "http://127.0.0.1:$PORT$path" | grep -E "Requests/sec|Latency|50%|99%|Non-2xx"
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
for path in /services/taxi-permit-0042 "/search?q=%D0%BF%D0%B0%D1%81%D0%BF%D0%BE%D1%80%D1%82%D0%B0" "/search?q=%D0%BF%D0%BE%D1%81%D0%BE%D0%B1%D0%B8%D1%8F+%D1%80%D0%B5%D0%B1"; do
  echo "== wrk -t2 -c32 -d$DURATION http://127.0.0.1:$PORT$path"
  wrk -t2 -c32 -d"$DURATION" --latency "http://127.0.0.1:$PORT$path" | grep -E "Requests/sec|Latency|50%|99%|Non-2xx"
done
rm -rf "$synth"

echo "== submitting applications with a 1 MB attachment (SQLite, 2,000 applicants, 32 at once)"
cargo bench -p backend --bench submit -- 2000 32 2>/dev/null | tail -2

echo "== back office pages with 100,000 applications (SQLite, then PostgreSQL)"
cargo bench -p portal --bench office_queue -- sqlite 2>/dev/null | tail -14
cargo bench -p portal --bench office_queue -- postgres 2>/dev/null | tail -14

echo "== draining the federal outbox to a local simulator (18,000 messages; SQLite, then PostgreSQL)"
cargo bench -p backend --bench outbox -- sqlite 6000 2>/dev/null | tail -1
cargo bench -p backend --bench outbox -- postgres 6000 2>/dev/null | tail -1

echo "== in-process search on 5,000 services"
cargo bench -p domain --bench search 2>/dev/null | tail -2
