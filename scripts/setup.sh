#!/usr/bin/env bash
# Installs only what is missing. `setup.sh run` for running the portal, `setup.sh test` also
# for the end2end tests (npm packages, Chromium), `setup.sh bench` also for release builds.
set -euo pipefail
cd "$(dirname "$0")/.."
purpose="${1:-test}"
CARGO_LEPTOS_VERSION=0.3.10     # 0.3.11 needs rustc >= 1.96
WASM_BINDGEN_VERSION=0.2.130    # must equal the wasm-bindgen pinned in Cargo.toml
say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_install() {
  command -v apt-get >/dev/null || { echo "setup: please install $* with your package manager" >&2; exit 1; }
  say "installing $* (apt)"
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$' || {
  say "adding the wasm32 target"; rustup target add wasm32-unknown-unknown; }
cargo leptos --version 2>/dev/null | grep -q " $CARGO_LEPTOS_VERSION" || {
  say "installing cargo-leptos $CARGO_LEPTOS_VERSION (about 20 minutes, once)"
  cargo install "cargo-leptos@$CARGO_LEPTOS_VERSION" --locked; }
wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION" || {
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 3 minutes, once)"
  cargo install "wasm-bindgen-cli@$WASM_BINDGEN_VERSION"; }

if [ "$purpose" = test ] || [ "$purpose" = bench ]; then
  [ -x /usr/bin/chromium ] || apt_install chromium
  # The end2end journeys read the text of the PDFs the portal makes.
  command -v pdftotext >/dev/null || apt_install poppler-utils
  # The notification tests send mail to a real SMTP server on loopback.
  python3 -c "import aiosmtpd" 2>/dev/null || { say "installing aiosmtpd (the tests' SMTP server)"; python3 -m pip install --quiet aiosmtpd; }
  # The file store tests run against a real S3-compatible server (moto's server mode).
  command -v moto_server >/dev/null || { say "installing moto (the tests' S3 server)"; python3 -m pip install --quiet 'moto[server]'; }
  command -v schemathesis >/dev/null || { say "installing schemathesis (checks the API against its OpenAPI document)"; python3 -m pip install --quiet 'schemathesis>=4,<5'; }
  # Replicas share rate limits through Redis; the tests start their own server.
  command -v redis-server >/dev/null || apt_install redis-server
  # The restore drill copies a bucket out and back with the AWS command line.
  command -v aws >/dev/null || { say "installing awscli (the restore drill's S3 tool)"; python3 -m pip install --quiet awscli; }
  # The cluster test puts HAProxy in front of two replicas.
  command -v haproxy >/dev/null || apt_install haproxy
  command -v npm >/dev/null || apt_install nodejs npm
  if [ ! -d end2end/node_modules/@playwright/test ] || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
    say "installing end2end npm packages"; (cd end2end && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
if [ "$purpose" = test ] || [ "$purpose" = bench ]; then
  # A real, standard OpenID provider the login tests use with the simulator unmounted.
  if [ ! -d tools/oidc-provider/node_modules/oidc-provider ] || [ tools/oidc-provider/package-lock.json -nt tools/oidc-provider/node_modules/.package-lock.json ]; then
    say "installing the OpenID provider for tests (oidc-provider, npm)"; (cd tools/oidc-provider && npm ci --no-audit --no-fund --loglevel=error)
  fi
  # A real virus scanner (ClamAV's clamd) for the upload tests, with a signature database the
  # tests write themselves.
  command -v clamd >/dev/null || apt_install clamav-daemon
  if [ ! -x tools/binaryen/node_modules/.bin/wasm-opt ]; then
    say "installing wasm-opt (binaryen 132, npm) for release builds"; (cd tools/binaryen && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
if [ "$purpose" = bench ]; then
  command -v wrk >/dev/null || apt_install wrk
fi
# The release bundle is compressed once at build time (scripts/precompress-assets.sh).
if [ "$purpose" = test ] || [ "$purpose" = bench ]; then
  command -v brotli >/dev/null || apt_install brotli
fi
say "ready"
