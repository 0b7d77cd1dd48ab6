//! `portal serve`: opens the backend, imports the region on first start, serves until SIGTERM.
use std::collections::HashSet;
use std::net::SocketAddr;
use std::sync::{Arc, OnceLock};

use app::app::App;
use app::shell::shell;
use axum::extract::DefaultBodyLimit;
use axum::http::Method;
use axum::middleware::from_fn_with_state;
use axum::routing::{get, post};
use axum::Extension;
use axum::Router;
use leptos::prelude::provide_context;
use leptos_axum::{file_and_error_handler_with_context, generate_route_list, handle_server_fns_with_context, AxumRouteListing, LeptosRoutes};
use tower_http::limit::RequestBodyLimitLayer;

use crate::config::{Config, EMBEDDED_FEDERAL_PATH};
use crate::error::StartError;
use crate::extract::Pages;
use crate::federation::Key;
use crate::first_start;
use crate::middleware;
use crate::rate_limit::SharedBudgets;
use crate::route_table::RouteTable;
use crate::routes::dashboard;
use crate::routes::staff;
use crate::routes::{
    api_clients, applications, auth, branding, catalog_admin, downloads, federation, health, notifications, office, opendata, register, seo, settings,
};
use crate::state::{app_state, open_backend, AppState};

/// The routes outside Leptos, each group with its body limit: forms and server function calls
/// carry some text ([`middleware::MAX_BODY_BYTES`]), pages with files more.
fn routes() -> RouteTable {
    let forms = RouteTable::new()
        .get("/healthz", health::healthz)
        .get("/readyz", health::readyz)
        .post("/settings/language", settings::set_language)
        .post("/settings/low-vision", settings::set_low_vision)
        .get("/auth/login", auth::login)
        .get("/auth/callback", auth::callback)
        .post("/auth/logout", auth::logout)
        .post("/auth/logout-everywhere", auth::logout_everywhere)
        .get("/branding/coat-of-arms", branding::coat_of_arms)
        // Browsers ask for it on pages that name no icon (e.g. the simulator's).
        .get("/favicon.ico", branding::coat_of_arms)
        .get("/files/blanks/{service}/{file}", downloads::download_blank)
        .post("/services/{code}/apply", applications::start)
        .post("/applications/{id}/submit", applications::submit)
        .post("/applications/{id}/delete", applications::delete)
        .post("/applications/{id}/withdraw", applications::withdraw)
        .get("/applications/{id}/receipt.pdf", applications::receipt_file)
        .get("/applications/{id}/files/{file}", applications::download)
        .post("/office/applications/{id}/take", office::take)
        .post("/office/applications/{id}/return", office::give_back)
        .post("/office/applications/{id}/assign", office::assign)
        .post("/office/applications/{id}/request", office::request)
        .post("/office/applications/{id}/refuse", office::refuse)
        .get("/.well-known/jwks.json", federation::jwks)
        .get("/metrics", federation::metrics)
        .post("/admin/federation/retry", federation::retry)
        .post("/admin/catalog/{kind}/{code}", catalog_admin::save_entry)
        .post("/admin/catalog/{kind}/{code}/publish", catalog_admin::set_published)
        .post("/admin/catalog/service/{code}/blanks/remove", catalog_admin::remove_blank)
        .post("/admin/catalog/service/{code}/form", catalog_admin::save_form)
        .get("/admin/region-pack.zip", catalog_admin::download_pack)
        .get("/admin/register.xml", register::export)
        .get("/admin/dashboard.csv", dashboard::dashboard_csv)
        .post("/admin/staff/grant", staff::grant)
        .post("/admin/staff/revoke", staff::revoke)
        .post("/admin/api-clients", api_clients::register)
        .post("/admin/api-clients/{id}/revoke", api_clients::revoke)
        .post("/admin/api-clients/{id}/webhook", api_clients::set_webhook)
        .post("/admin/api-clients/{id}/webhook/remove", api_clients::remove_webhook)
        .post("/admin/webhooks/{id}/replay", api_clients::replay)
        .post("/notifications/read", notifications::mark_read)
        .post("/me/notifications", notifications::email_choices)
        .get("/opendata/{file}", opendata::file)
        .get("/robots.txt", seo::robots)
        .get("/sitemap.xml", seo::sitemap)
        .map(|r| r.layer(RequestBodyLimitLayer::new(middleware::MAX_BODY_BYTES)));
    let uploads = RouteTable::new()
        .post("/applications/{id}/edit/{step}", applications::save_page)
        .post("/applications/{id}/reply", applications::reply)
        .post("/office/applications/{id}/approve", office::approve)
        .map(|r| r.layer(DefaultBodyLimit::max(applications::UPLOAD_LIMIT)).layer(RequestBodyLimitLayer::new(applications::UPLOAD_LIMIT)));
    let operator_uploads = RouteTable::new()
        .post("/admin/catalog/service/{code}/blanks", catalog_admin::upload_blank)
        .post("/admin/branding", catalog_admin::save_branding)
        .post("/admin/register", register::import)
        .map(|r| r.layer(DefaultBodyLimit::max(catalog_admin::UPLOAD_LIMIT)).layer(RequestBodyLimitLayer::new(catalog_admin::UPLOAD_LIMIT)));
    let api = crate::api::routes()
        .map(|r| r.layer(RequestBodyLimitLayer::new(crate::api::MAX_JSON_BYTES)).layer(axum::middleware::from_fn(crate::api::problems_only)));
    let api_uploads = RouteTable::new().post("/api/v1/applications/{id}/approval", crate::api::applications::approve).map(|r| {
        r.layer(DefaultBodyLimit::max(applications::UPLOAD_LIMIT))
            .layer(RequestBodyLimitLayer::new(applications::UPLOAD_LIMIT))
            .layer(axum::middleware::from_fn(crate::api::problems_only))
    });
    forms.merge(uploads).merge(operator_uploads).merge(api).merge(api_uploads)
}

/// Every method and path the portal answers (besides static files under `/pkg` and, in the
/// demo, the simulator under `/federal`): its own routes, the Leptos pages and the server functions.
pub fn route_list() -> Vec<(Method, String)> {
    let mut list: Vec<(Method, String)> = routes().listed.into_iter().map(|(m, p)| (m, p.to_owned())).collect();
    list.extend(page_routes().into_iter().map(|r| (Method::GET, r.path().to_owned())));
    list.extend(leptos::server_fn::axum::server_fn_paths().map(|(path, method)| (method, path.to_owned())));
    list
}

/// The Leptos pages, listed once per process. Listing renders the app while a process-wide switch
/// (`leptos::server::SuppressResourceLoad`) holds every resource pending, so listing again while
/// another router of this process renders a page would leave that page waiting for ever (seen
/// with two portals in one test process: a 504 after the 30 s timeout).
fn page_routes() -> Vec<AxumRouteListing> {
    static PAGES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    PAGES.get_or_init(|| generate_route_list(App)).clone()
}

/// Every route of the portal with its middleware.
pub fn router(state: AppState) -> Router {
    let portal = state.portal.clone();
    let stylesheet = app::host::StylesheetHref(state.bundle.stylesheet().into());
    let context = move || {
        provide_context(portal.clone());
        provide_context(stylesheet.clone());
    };
    let leptos = state.leptos.clone();
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
        .leptos_routes_with_context(&state, page_routes(), context.clone(), move || shell(leptos.clone()))
        .fallback(file_and_error_handler_with_context::<AppState, _>(context, shell))
        .layer(from_fn_with_state(state.page_cache.clone(), crate::page_cache::serve))
        .layer(from_fn_with_state(state.clone(), middleware::ui_prefs))
        .layer(RequestBodyLimitLayer::new(middleware::MAX_BODY_BYTES));
    let routes = routes().router.route("/pkg/{name}", get(crate::assets::serve)).merge(pages);
    let routes = match &state.embedded_federal {
        Some(sim) => routes.nest_service(EMBEDDED_FEDERAL_PATH, federal_sim::router(sim.clone())),
        None => routes,
    };
    let pages: HashSet<String> = route_list().into_iter().filter(|(method, _)| method == Method::GET).map(|(_, path)| path).collect();
    middleware::apply(routes.layer(Extension(Pages(Arc::new(pages)))), &state).with_state(state)
}

/// Runs the server until SIGTERM or Ctrl-C, then finishes requests in flight.
pub async fn serve(config: Config) -> Result<(), StartError> {
    let started = std::time::Instant::now();
    config.check_serve()?;
    let (db, files) = open_backend(&config).await?;
    if config.workers {
        first_start::import_region(&config, &db, &files).await?;
    } else {
        first_start::until_imported(&db).await?;
    }
    let listen = config.listen;
    let mut state = app_state(config, db.clone(), files)?;
    let key = if state.config.workers { Key::MadeWhenMissing } else { Key::Shared };
    state.keyring = crate::federation::keyring(&state.config, key)?;
    crate::federation::register_with_embedded(&state).await?;
    if let Some(url) = &state.config.redis_url {
        let shared = SharedBudgets::connect(url, &format!("portal:{}", state.config.public_url()))
            .await
            .map_err(|e| StartError::Config(format!("redis_url: Redis does not answer: {e}")))?;
        state.limits = state.limits.clone().shared_through(shared);
        tracing::info!("rate limits are shared through Redis");
    }
    crate::workers::start_rate_limit_upkeep(&state);
    if state.config.workers {
        crate::workers::start(&state).await?;
    } else {
        tracing::info!("workers = false: this process serves the web only; the background work runs in portal worker");
    }
    if state.embedded_federal.is_some() {
        tracing::warn!(issuer = %state.portal.identity.issuer(), "demo mode: the built-in federal simulator logs people in; never use this in production");
    }
    let listener = tokio::net::TcpListener::bind(listen).await.map_err(|source| StartError::Listen { addr: listen, source })?;
    tracing::info!(address = %listen, startup_ms = started.elapsed().as_millis() as u64, "portal listening on http://{listen}");
    axum::serve(listener, router(state).into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(crate::shutdown::requested())
        .await
        .map_err(|source| StartError::Listen { addr: listen, source })?;
    db.close().await;
    tracing::info!("portal stopped gracefully");
    Ok(())
}
