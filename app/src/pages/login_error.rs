//! `/login/error?reason=…`: why a login failed, in the visitor's language, with a way to try again.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::host::set_status;
use crate::i18n::use_i18n;

/// Reasons the login routes send here; anything else reads as a plain failure.
const REASONS: [&str; 5] = ["cancelled", "bad_state", "bad_token", "unavailable", "provider_error"];

/// The page of a refused login: 503 when the provider is down, else 400.
#[component]
pub fn LoginErrorPage() -> impl IntoView {
    let i18n = use_i18n();
    let reason = use_query_map().get_untracked().get("reason").filter(|r| REASONS.contains(&r.as_str()));
    set_status(if reason.as_deref() == Some("unavailable") { 503 } else { 400 });
    let message = i18n.t(&format!("login-error-{}", reason.as_deref().unwrap_or("unknown")));
    view! {
        <Title text=i18n.t("login-error-title")/>
        <section class="status-page" role="alert">
            <h1>{i18n.t("login-error-title")}</h1>
            <p>{message}</p>
            <p class="actions">
                <a class="button" rel="external" href="/auth/login">{i18n.t("login-error-retry")}</a>
                " "
                <a class="button secondary" href="/">{i18n.t("login-error-home")}</a>
            </p>
        </section>
    }
}
