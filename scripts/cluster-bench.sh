#!/usr/bin/env bash
# Requests per second of a passport page through HAProxy with one and with two web replicas on
# PostgreSQL, an S3 bucket (moto) and Redis (release build), for docs/performance.md. Every
# process runs on this one machine, so the figures show the cost of the production shape and
# how the replicas share its cores, not what more machines would add.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${BENCH_DURATION:-10s}"
PAGE="${BENCH_PAGE:-/services/internal-passport}"
ADMIN_URL="${PORTAL_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

echo "== release build"
export PATH="$PWD/tools/binaryen/node_modules/.bin:$PATH"
cargo leptos build --release >/dev/null 2>&1 || cargo leptos build --release

work=$(mktemp -d)
db="portal_cluster_bench_$$"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  psql "$ADMIN_URL" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
psql "$ADMIN_URL" -qc "CREATE DATABASE $db" >/dev/null
database_url="${ADMIN_URL%/*}/$db"

s3_port=$(free_port); redis_port=$(free_port)
moto_server -H 127.0.0.1 -p "$s3_port" >"$work/moto.log" 2>&1 & pids+=($!)
redis-server --port "$redis_port" --save '' --appendonly no >"$work/redis.log" 2>&1 & pids+=($!)
until curl -s "http://127.0.0.1:$s3_port" >/dev/null; do sleep 0.1; done
curl -fs -X PUT "http://127.0.0.1:$s3_port/portal" >/dev/null

export AWS_ENDPOINT_URL="http://127.0.0.1:$s3_port" AWS_ALLOW_HTTP=true AWS_REGION=us-east-1 \
  AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench
export PORTAL_DATABASE_URL="$database_url" PORTAL_FILES__URL=s3://portal/bench \
  PORTAL_REDIS_URL="redis://127.0.0.1:$redis_port" PORTAL_BEHIND_PROXY=true PORTAL_WORKERS=false \
  PORTAL_LOG_LEVEL=warn PORTAL_RATE_LIMIT__REQUESTS_PER_SECOND=0 \
  PORTAL_OIDC__ISSUER_URL=http://127.0.0.1:9/not-asked-for-a-passport-page PORTAL_OIDC__CLIENT_ID=bench PORTAL_OIDC__CLIENT_SECRET=bench
target/release/portal migrate >/dev/null

replica() { # port
  PORTAL_LISTEN="127.0.0.1:$1" PORTAL_DATA_DIR="$work/data-$1" target/release/portal serve >"$work/portal-$1.log" 2>&1 & pids+=($!)
  local pid=$!
  until curl -fs "http://127.0.0.1:$1/readyz" >/dev/null; do
    kill -0 "$pid" 2>/dev/null || { cat "$work/portal-$1.log" >&2; exit 1; }
    sleep 0.05
  done
}
balancer() { # port replica-ports...
  local port=$1; shift
  { printf 'global\n  maxconn 4096\ndefaults\n  mode http\n  timeout connect 2s\n  timeout client 30s\n  timeout server 30s\n'
    printf '  option forwardfor\nfrontend portal\n  bind 127.0.0.1:%s\n  default_backend web\nbackend web\n  balance roundrobin\n' "$port"
    for r in "$@"; do printf '  server web%s 127.0.0.1:%s\n' "$r" "$r"; done; } >"$work/haproxy-$port.cfg"
  haproxy -f "$work/haproxy-$port.cfg" -db >"$work/haproxy-$port.log" 2>&1 & pids+=($!)
  until curl -fs "http://127.0.0.1:$port/readyz" >/dev/null; do sleep 0.05; done
}
measure() { # label url
  curl -fs "$2" >/dev/null
  echo "== $1: wrk -t2 -c32 -d$DURATION $2"
  wrk -t2 -c32 -d"$DURATION" --latency "$2" | grep -E "Requests/sec|Latency|50%|99%|Non-2xx"
}

a=$(free_port); b=$(free_port); one=$(free_port); two=$(free_port)
replica "$a"
measure "one replica, direct" "http://127.0.0.1:$a$PAGE"
balancer "$one" "$a"
measure "one replica behind HAProxy" "http://127.0.0.1:$one$PAGE"
replica "$b"
balancer "$two" "$a" "$b"
measure "two replicas behind HAProxy" "http://127.0.0.1:$two$PAGE"
