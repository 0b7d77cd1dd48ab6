//! `portal serve`: opens the backend, imports the region on first start, serves until SIGTERM.
use std::sync::Arc;

use app::app::App;
use app::shell::shell;
use axum::http::header;
use axum::middleware::from_fn_with_state;
use axum::routing::{get, post};
use axum::Router;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{file_and_error_handler_with_context, generate_route_list, handle_server_fns_with_context, LeptosRoutes};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::config::Config;
use crate::error::StartError;
use crate::middleware;
use crate::routes::{branding, downloads, health, seo, settings};
use crate::state::{open_backend, AppState};

/// Leptos options for a site built by cargo-leptos into `config.site_root`.
pub fn leptos_options(config: &Config) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("portal")
        .site_root(config.site_root.display().to_string())
        .site_pkg_dir("pkg")
        .site_addr(config.listen)
        .build()
}

/// Every route of the portal with its middleware.
pub fn router(state: AppState) -> Router {
    let portal = state.portal.clone();
    let context = move || provide_context(portal.clone());
    let leptos = state.leptos.clone();
    let pkg_dir = std::path::Path::new(&*state.leptos.site_root).join(&*state.leptos.site_pkg_dir);
    // Pages and server functions need the visitor's settings; nothing else pays for them.
    let pages = Router::new()
        .route(
            "/api/{*fn_name}",
            post({
                let context = context.clone();
                move |req| handle_server_fns_with_context(context.clone(), req)
            })
            .get({
                let context = context.clone();
                move |req| handle_server_fns_with_context(context.clone(), req)
            }),
        )
        .leptos_routes_with_context(&state, generate_route_list(App), context.clone(), move || shell(leptos.clone()))
        .fallback(file_and_error_handler_with_context::<AppState, _>(context, shell))
        .layer(from_fn_with_state(state.clone(), middleware::ui_prefs));
    let routes = Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/settings/language", post(settings::set_language))
        .route("/settings/low-vision", post(settings::set_low_vision))
        .route("/branding/coat-of-arms", get(branding::coat_of_arms))
        .route("/files/blanks/{service}/{file}", get(downloads::download_blank))
        .route("/robots.txt", get(seo::robots))
        .route("/sitemap.xml", get(seo::sitemap))
        .nest_service(
            "/pkg",
            tower::ServiceBuilder::new()
                .layer(SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, header::HeaderValue::from_static("public, max-age=300")))
                .service(ServeDir::new(pkg_dir).precompressed_br().precompressed_gzip()),
        )
        .merge(pages);
    middleware::apply(routes, &state).with_state(state)
}

/// Runs the server until SIGTERM or Ctrl-C, then finishes requests in flight.
pub async fn serve(config: Config) -> Result<(), StartError> {
    let started = std::time::Instant::now();
    let portal = open_backend(&config).await?;
    if !backend::region_pack::is_imported(&portal.db).await.map_err(StartError::Database)? {
        tracing::info!(region = %config.region.display(), "first start: importing the region pack");
        backend::region_pack::import(&portal.db, &portal.files, &config.region)
            .await
            .map_err(|source| StartError::Import { dir: config.region.clone(), source })?;
    }
    let listen = config.listen;
    let state = AppState { portal: portal.clone(), leptos: leptos_options(&config), config: Arc::new(config) };
    let listener = tokio::net::TcpListener::bind(listen).await.map_err(|source| StartError::Listen { addr: listen, source })?;
    tracing::info!(address = %listen, startup_ms = started.elapsed().as_millis() as u64, "portal listening on http://{listen}");
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|source| StartError::Listen { addr: listen, source })?;
    portal.db.close().await;
    tracing::info!("portal stopped gracefully");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { () = ctrl_c => {}, () = terminate => {} }
    tracing::info!("shutdown requested; finishing requests in flight");
}
