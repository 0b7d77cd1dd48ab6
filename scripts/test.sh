#!/usr/bin/env bash
# Every test: formatting and lints, Rust unit and integration tests (each database test on SQLite and on PostgreSQL),
# then the end2end journeys in headless Chromium, with and without JavaScript.
set -euo pipefail
cd "$(dirname "$0")/.."
export PORTAL_TEST_POSTGRES_URL="${PORTAL_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"

# Database tests never skip: fail early and clearly when PostgreSQL is not there.
if ! (exec 3<>"/dev/tcp/$(echo "$PORTAL_TEST_POSTGRES_URL" | sed -E 's#^[a-z]+://([^@/]*@)?([^:/?]+)(:([0-9]+))?.*#\2/\4#; s#/$#/5432#')") 2>/dev/null; then
  echo "test: PostgreSQL is unreachable at $PORTAL_TEST_POSTGRES_URL; database tests run on both databases and never skip" >&2
  exit 1
fi

echo "== Demo region: blank forms match their generator"
python3 regions/demo/tools/make_blanks.py --check

echo "== Format and lints"
cargo fmt --all --check
cargo clippy --workspace --all-targets --locked -- -D warnings

echo "== Rust tests (SQLite and PostgreSQL)"
# Also builds target/debug/portal, the server the end2end journeys run: building the server
# again in release would double CI's longest step for no test that needs it.
cargo test --workspace --locked

echo "== Release wasm bundle: what citizens' browsers get"
# wasm-opt from npm (binaryen 132): Debian's 108 breaks the bundle (see tools/binaryen).
# The debug server renders exactly what this bundle hydrates (disable-erase-components in Cargo.toml),
# and the journeys' hydration check would fail if it did not.
PATH="$PWD/tools/binaryen/node_modules/.bin:$PATH" cargo leptos build --release --frontend-only --cargo-locked
scripts/precompress-assets.sh

echo "== End2end: debug server, release bundle (Chromium; with and without JavaScript)"
cd end2end
log=$(mktemp)
E2E_PORTAL_BIN=target/debug/portal npx playwright test 2>&1 | tee "$log"
# One plain summary line for CI readers (Playwright's own ends with a duration).
echo "end2end: $(grep -oE '^ +[0-9]+ passed' "$log" | tail -1 | tr -dc '0-9') passed, 0 failed"
rm -f "$log"
