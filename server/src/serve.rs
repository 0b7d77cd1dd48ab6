//! `portal serve`: opens the backend, imports the region on first start, serves until SIGTERM.
use std::net::SocketAddr;
use std::time::Duration;

use app::app::App;
use app::shell::shell;
use axum::http::header;
use axum::extract::DefaultBodyLimit;
use axum::middleware::from_fn_with_state;
use axum::routing::{get, post};
use axum::Router;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{file_and_error_handler_with_context, generate_route_list, handle_server_fns_with_context, LeptosRoutes};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::config::{Config, EMBEDDED_FEDERAL_PATH};
use crate::error::StartError;
use crate::middleware;
use crate::routes::{applications, auth, branding, catalog_admin, downloads, federation, health, notifications, office, seo, settings};
use crate::routes::staff;
use crate::routes::dashboard;
use crate::state::{app_state, open_backend, AppState};

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
        .route("/auth/login", get(auth::login))
        .route("/auth/callback", get(auth::callback))
        .route("/auth/logout", post(auth::logout))
        .route("/auth/logout-everywhere", post(auth::logout_everywhere))
        .route("/branding/coat-of-arms", get(branding::coat_of_arms))
        // Browsers ask for it on pages that name no icon (e.g. the simulator's).
        .route("/favicon.ico", get(branding::coat_of_arms))
        .route("/files/blanks/{service}/{file}", get(downloads::download_blank))
        .route("/services/{code}/apply", post(applications::start))
        .route("/applications/{id}/submit", post(applications::submit))
        .route("/applications/{id}/delete", post(applications::delete))
        .route("/applications/{id}/withdraw", post(applications::withdraw))
        .route("/applications/{id}/receipt.pdf", get(applications::receipt_file))
        .route("/applications/{id}/files/{file}", get(applications::download))
        .route("/office/applications/{id}/take", post(office::take))
        .route("/office/applications/{id}/return", post(office::give_back))
        .route("/office/applications/{id}/assign", post(office::assign))
        .route("/office/applications/{id}/request", post(office::request))
        .route("/office/applications/{id}/refuse", post(office::refuse))
        .route("/.well-known/jwks.json", get(federation::jwks))
        .route("/metrics", get(federation::metrics))
        .route("/admin/federation/retry", post(federation::retry))
        .route("/admin/catalog/{kind}/{code}", post(catalog_admin::save_entry))
        .route("/admin/catalog/{kind}/{code}/publish", post(catalog_admin::set_published))
        .route("/admin/catalog/service/{code}/blanks/remove", post(catalog_admin::remove_blank))
        .route("/admin/catalog/service/{code}/form", post(catalog_admin::save_form))
        .route("/admin/region-pack.zip", get(catalog_admin::download_pack))
        .route("/admin/dashboard.csv", get(dashboard::dashboard_csv))
        .route("/admin/staff/grant", post(staff::grant))
        .route("/admin/staff/revoke", post(staff::revoke))
        .route("/notifications/read", post(notifications::mark_read))
        .route("/me/notifications", post(notifications::email_choices))
        .route("/robots.txt", get(seo::robots))
        .route("/sitemap.xml", get(seo::sitemap))
        .nest_service(
            "/pkg",
            tower::ServiceBuilder::new()
                .layer(SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, header::HeaderValue::from_static("public, max-age=300")))
                .service(ServeDir::new(pkg_dir).precompressed_br().precompressed_gzip()),
        )
        .merge(pages)
        .layer(RequestBodyLimitLayer::new(middleware::MAX_BODY_BYTES));
    // Pages that carry files get a larger limit of their own.
    let uploads = Router::new()
        .route("/applications/{id}/edit/{step}", post(applications::save_page))
        .route("/applications/{id}/reply", post(applications::reply))
        .route("/office/applications/{id}/approve", post(office::approve))
        .layer(DefaultBodyLimit::max(applications::UPLOAD_LIMIT))
        .layer(RequestBodyLimitLayer::new(applications::UPLOAD_LIMIT));
    let routes = routes.merge(uploads);
    let operator_uploads = Router::new()
        .route("/admin/catalog/service/{code}/blanks", post(catalog_admin::upload_blank))
        .route("/admin/branding", post(catalog_admin::save_branding))
        .layer(DefaultBodyLimit::max(catalog_admin::UPLOAD_LIMIT))
        .layer(RequestBodyLimitLayer::new(catalog_admin::UPLOAD_LIMIT));
    let routes = routes.merge(operator_uploads);
    let routes = match &state.embedded_federal {
        Some(sim) => routes.nest_service(EMBEDDED_FEDERAL_PATH, federal_sim::router(sim.clone())),
        None => routes,
    };
    middleware::apply(routes, &state).with_state(state)
}

/// Runs the server until SIGTERM or Ctrl-C, then finishes requests in flight.
pub async fn serve(config: Config) -> Result<(), StartError> {
    let started = std::time::Instant::now();
    let (db, files) = open_backend(&config).await?;
    if !backend::region_pack::is_imported(&db).await.map_err(StartError::Database)? {
        tracing::info!(region = %config.region.display(), "first start: importing the region pack");
        backend::region_pack::import(&db, &files, &config.region)
            .await
            .map_err(|source| StartError::Import { dir: config.region.clone(), source })?;
    }
    let listen = config.listen;
    let mut state = app_state(config, db.clone(), files)?;
    state.signer = crate::federation::start(&state).await?;
    crate::notifications::start(&state)?;
    if state.embedded_federal.is_some() {
        tracing::info!(issuer = %state.portal.identity.issuer(), "no identity provider configured: the built-in federal simulator logs people in");
    }
    let listener = tokio::net::TcpListener::bind(listen).await.map_err(|source| StartError::Listen { addr: listen, source })?;
    tokio::spawn(maintenance(state.clone()));
    tracing::info!(address = %listen, startup_ms = started.elapsed().as_millis() as u64, "portal listening on http://{listen}");
    axum::serve(listener, router(state).into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|source| StartError::Listen { addr: listen, source })?;
    db.close().await;
    tracing::info!("portal stopped gracefully");
    Ok(())
}

/// Housekeeping every ten minutes: ended sessions and abandoned logins leave the database,
/// quiet addresses leave the rate limiters, applications near or past their deadline get
/// their warnings queued, and operators are told when the federal delivery is failing.
async fn maintenance(state: AppState) {
    let mut tick = tokio::time::interval(Duration::from_secs(600));
    loop {
        tick.tick().await;
        match state.portal.db.purge_expired_sessions(state.portal.sessions, backend::clock::now_ms()).await {
            Ok(n) if n > 0 => tracing::info!(rows = n, "expired sessions and logins removed"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "could not remove expired sessions"),
        }
        state.limits.forget_quiet();
        let db = &state.portal.db;
        let warned = match db.region_rules().await {
            Ok(Some(rules)) => backend::office::deadlines::warn_deadlines(db, &rules, backend::clock::now_ms()).await,
            Ok(None) => Ok(0),
            Err(e) => Err(e),
        };
        match warned {
            Ok(n) if n > 0 => tracing::info!(warnings = n, "deadline warnings queued"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "could not check deadlines"),
        }
        match backend::notify::fanout::warn_federal_trouble(db, backend::clock::now_ms()).await {
            Ok(true) => tracing::warn!("delivery to the federal portal is failing; operators are told"),
            Ok(false) => {}
            Err(e) => tracing::warn!(error = %e, "could not check the federal delivery"),
        }
    }
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
