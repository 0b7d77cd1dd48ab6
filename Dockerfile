# Multi-stage build of the regional portal.
#   docker build -t regional-portal .
#   docker run -p 3000:3000 -v portal-data:/data -e PORTAL_DEMO=true regional-portal     (a demonstration)
# In production name the identity provider instead of PORTAL_DEMO (the image refuses to start
# with neither): -e PORTAL_OIDC__ISSUER_URL=… -e PORTAL_OIDC__CLIENT_ID=… -e PORTAL_OIDC__CLIENT_SECRET=…
# With PostgreSQL: add -e PORTAL_DATABASE_URL=postgres://user:password@host:5432/portal
# (No Docker engine runs on the project's build machines; this file is kept simple and documented
# in README.md.)

FROM rust:1.95-bookworm AS build
# Node.js only for wasm-opt from npm (binaryen 132; Debian's binaryen breaks the bundle); brotli
# compresses the bundle once at build time.
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm brotli && rm -rf /var/lib/apt/lists/* \
 && rustup target add wasm32-unknown-unknown \
 && cargo install cargo-leptos@0.3.10 --locked \
 && cargo install wasm-bindgen-cli@0.2.130
WORKDIR /src
COPY . .
RUN cd tools/binaryen && npm ci --no-audit --no-fund \
 && cd /src && PATH="/src/tools/binaryen/node_modules/.bin:$PATH" cargo leptos build --release --cargo-locked \
 && scripts/precompress-assets.sh

FROM debian:bookworm-slim AS runtime
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin portal \
 && mkdir -p /data && chown portal:portal /data
WORKDIR /app
COPY --from=build /src/target/release/portal /app/portal
COPY --from=build /src/target/site /app/site
COPY --from=build /src/regions /app/regions
ENV PORTAL_LISTEN=0.0.0.0:3000 \
    PORTAL_DATA_DIR=/data \
    PORTAL_SITE_ROOT=/app/site \
    PORTAL_REGION=/app/regions/demo \
    PORTAL_LOG_FORMAT=json
USER portal
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s CMD curl -fs http://127.0.0.1:3000/healthz || exit 1
ENTRYPOINT ["/app/portal"]
CMD ["serve"]
