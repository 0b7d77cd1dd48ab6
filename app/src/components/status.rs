//! Pages for things that went wrong: not found, login required, no access, unavailable. Each
//! sets its HTTP status.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;

use crate::error::PortalError;
use crate::host::set_status;
use crate::i18n::use_i18n;
use crate::ui::login_href;

/// "Page not found", with status 404.
#[component]
pub fn NotFound() -> impl IntoView {
    set_status(404);
    let i18n = use_i18n();
    view! {
        <Title text=i18n.t("not-found-title")/>
        <section class="status-page">
            <h1>{i18n.t("not-found-title")}</h1>
            <p>{i18n.t("not-found-text")}</p>
            <p><a class="button" href="/">{i18n.t("not-found-home")}</a></p>
        </section>
    }
}

/// "The address is not understood", with status 400: a filter or query the catalog does not know.
#[component]
pub fn BadRequest() -> impl IntoView {
    set_status(400);
    let i18n = use_i18n();
    view! {
        <Title text=i18n.t("bad-request-title")/>
        <section class="status-page" role="alert">
            <h1>{i18n.t("bad-request-title")}</h1>
            <p>{i18n.t("bad-request-text")}</p>
            <p><a class="button" href="/services">{i18n.t("bad-request-catalog")}</a></p>
        </section>
    }
}

/// "Please log in", with status 401 and a login that comes back here.
#[component]
pub fn LoginRequired() -> impl IntoView {
    set_status(401);
    let i18n = use_i18n();
    let location = use_location();
    let (path, search) = (location.pathname.get_untracked(), location.search.get_untracked());
    let here = if search.is_empty() { path } else { format!("{path}?{search}") };
    view! {
        <Title text=i18n.t("login-required-title")/>
        <section class="status-page">
            <h1>{i18n.t("login-required-title")}</h1>
            <p>{i18n.t("login-required-text")}</p>
            <p><a class="button" rel="external" href=login_href(&here)>{i18n.t("login-button")}</a></p>
        </section>
    }
}

/// "No access", with status 403.
#[component]
pub fn Forbidden() -> impl IntoView {
    set_status(403);
    let i18n = use_i18n();
    view! {
        <Title text=i18n.t("forbidden-title")/>
        <section class="status-page" role="alert">
            <h1>{i18n.t("forbidden-title")}</h1>
            <p>{i18n.t("forbidden-text")}</p>
            <p><a class="button" href="/">{i18n.t("not-found-home")}</a></p>
        </section>
    }
}

/// "Temporarily unavailable", with status 503: shown when the backend fails.
#[component]
pub fn Unavailable() -> impl IntoView {
    set_status(503);
    let i18n = use_i18n();
    view! {
        <Title text=i18n.t("error-title")/>
        <section class="status-page" role="alert">
            <h1>{i18n.t("error-title")}</h1>
            <p>{i18n.t("error-text")}</p>
        </section>
    }
}

/// The page for a server function's error.
pub fn error_view(error: PortalError) -> AnyView {
    match error {
        PortalError::LoginRequired => view! { <LoginRequired/> }.into_any(),
        PortalError::Forbidden => view! { <Forbidden/> }.into_any(),
        PortalError::NotFound => view! { <NotFound/> }.into_any(),
        PortalError::BadRequest => view! { <BadRequest/> }.into_any(),
        PortalError::Unavailable | PortalError::Transport(_) | PortalError::Refused(_) => view! { <Unavailable/> }.into_any(),
    }
}

/// What a page shows for its loaded data: the page itself, or the page of its error.
pub fn loaded_or_status<T, V: IntoView + 'static>(loaded: Result<T, PortalError>, render: impl FnOnce(T) -> V) -> AnyView {
    match loaded {
        Err(e) => error_view(e),
        Ok(value) => render(value).into_any(),
    }
}

/// Like [`loaded_or_status`] for detail pages, where `None` is the 404 page.
pub fn found_or_status<T, V: IntoView + 'static>(loaded: Result<Option<T>, PortalError>, render: impl FnOnce(T) -> V) -> AnyView {
    loaded_or_status(loaded, |found| match found {
        None => view! { <NotFound/> }.into_any(),
        Some(value) => render(value).into_any(),
    })
}
