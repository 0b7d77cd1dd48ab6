#!/usr/bin/env bash
# Runs each fuzz target (fuzz/) for FUZZ_SECONDS (default 60), starting from the inputs kept in
# fuzz/regressions/. A crash is written under fuzz/artifacts/<target>/: fix it, then copy the
# input into fuzz/regressions/<target>/, where the unit tests replay it on every run.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-60}"
command -v cargo-fuzz >/dev/null || { echo "fuzz: installing cargo-fuzz (a few minutes, once)"; cargo install cargo-fuzz@0.13.2 --locked; }
# cargo fuzz passes nightly-only flags (-Z sanitizer, coverage); the one toolchain here is stable.
export RUSTC_BOOTSTRAP=1
for target in form_schema posted_form region_pack; do
  corpus="fuzz/corpus/$target"
  mkdir -p "$corpus"
  cp -n fuzz/regressions/"$target"/* "$corpus"/ 2>/dev/null || true
  echo "== fuzz $target for ${seconds}s"
  cargo fuzz run -O "$target" "$corpus" -- -max_total_time="$seconds" -max_len=262144 -timeout=10 -rss_limit_mb=2048
done
echo "fuzz: no target found a crash in ${seconds}s each"
