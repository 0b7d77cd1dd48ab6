#!/usr/bin/env bash
# Compresses the browser bundle once, after `cargo leptos build`: brotli at its best level and
# gzip, each beside its file (portal.wasm.br, portal.wasm.gz, ...), and records the originals'
# SHA-256 in precompressed.sha256. The server serves these to browsers that accept them, never
# compresses the bundle per request, and ignores compressed files made from another build
# (server/src/assets.rs).
#   scripts/precompress-assets.sh [pkg folder, default target/site/pkg]
set -euo pipefail
cd "$(dirname "$0")/.."
pkg="${1:-target/site/pkg}"
command -v brotli >/dev/null || { echo "precompress-assets: brotli is not installed (apt-get install brotli)" >&2; exit 1; }
for file in "$pkg"/portal.js "$pkg"/portal.wasm "$pkg"/portal.css; do
  [ -f "$file" ] || { echo "precompress-assets: $file is missing; build the site first (cargo leptos build --release)" >&2; exit 1; }
  brotli --best --force --keep --output="$file.br" "$file"
  gzip -9 --no-name --force --keep "$file"
done
(cd "$pkg" && sha256sum portal.js portal.wasm portal.css > precompressed.sha256)
echo "precompress-assets: $(for f in "$pkg"/portal.{js,wasm,css}; do printf '%s %s→%s br ' "${f##*/}" "$(stat -c %s "$f")" "$(stat -c %s "$f.br")"; done)"
