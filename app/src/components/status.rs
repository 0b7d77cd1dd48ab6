//! Pages for things that went wrong: not found and unavailable. Both set the HTTP status.
use leptos::prelude::*;
use leptos_meta::Title;

use crate::host::set_status;
use crate::i18n::use_i18n;

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

/// What a detail page shows for its loaded data: the unavailable page, the 404 page, or the
/// page itself.
pub fn found_or_status<T, V: IntoView + 'static>(
    loaded: Result<Option<T>, crate::error::PortalError>,
    render: impl FnOnce(T) -> V,
) -> AnyView {
    match loaded {
        Err(_) => view! { <Unavailable/> }.into_any(),
        Ok(None) => view! { <NotFound/> }.into_any(),
        Ok(Some(value)) => render(value).into_any(),
    }
}
