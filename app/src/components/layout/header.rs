//! Site header: region brand, language switch, low-vision switch, login or the person's links,
//! and main navigation.
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::i18n::{available_langs, use_i18n, I18n};
use crate::ui::{login_href, UiPrefs, UserBadge};

/// The header of every page. Its switches are plain forms, so they work without JavaScript.
#[component]
pub fn Header() -> impl IntoView {
    let i18n = use_i18n();
    let ui = expect_context::<UiPrefs>();
    let region = ui.branding.as_ref().map(|b| b.name.clone()).unwrap_or_default();
    let coat = ui.branding.as_ref().and_then(|b| b.coat_of_arms_url.clone());
    let other_langs: Vec<&'static str> = available_langs().filter(|l| *l != i18n.lang()).collect();
    let low_vision = ui.low_vision;
    view! {
        {ui.demo.then(|| view! { <p class="demo-banner" role="note"><strong>{i18n.t("demo-banner-title")}</strong>" "{i18n.t("demo-banner")}</p> })}
        <header class="site-header">
            <div class="container header-bar">
                <a class="brand" href="/">
                    {coat.map(|src| view! { <img class="brand-coat decorative" src=src alt="" width="40" height="48"/> })}
                    <span class="brand-text">
                        <span class="brand-portal">{i18n.t("portal-name")}</span>
                        <span class="brand-region">{region}</span>
                    </span>
                </a>
                <div class="header-tools">
                    <form method="post" action="/settings/language" class="lang-switch">
                        <span class="visually-hidden">{i18n.t("language-switch")}</span>
                        {other_langs
                            .into_iter()
                            .map(|tag| {
                                view! {
                                    <button type="submit" name="lang" value=tag lang=tag class="button-link">
                                        {I18n::new(tag).t("language-name")}
                                    </button>
                                }
                            })
                            .collect_view()}
                    </form>
                    <form method="post" action="/settings/low-vision">
                        <input type="hidden" name="on" value=if low_vision { "0" } else { "1" }/>
                        <button type="submit" class="button-link low-vision-toggle">
                            {i18n.t(if low_vision { "low-vision-off" } else { "low-vision-on" })}
                        </button>
                    </form>
                    <Account user=ui.user.clone()/>
                </div>
            </div>
            <MainNav/>
        </header>
    }
}

/// The login link for visitors; for a logged-in person their name (to their account), the
/// staff entry points their roles open, and logout.
#[component]
fn Account(user: Option<UserBadge>) -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    match user {
        None => {
            let href = move || {
                let (path, search) = (location.pathname.get(), location.search.get());
                login_href(&if search.is_empty() { path } else { format!("{path}?{search}") })
            };
            view! { <a class="button login-button" rel="external" href=href>{i18n.t("login-button")}</a> }.into_any()
        }
        Some(user) => view! {
            <nav class="account" aria-label=i18n.t("header-account")>
                <a href="/me" class="account-name" title=i18n.t("header-account")>{user.name}</a>
                <a href="/notifications" class="bell" aria-label=i18n.t_with("header-notifications-label", &[("count", user.unread.into())])>
                    <svg class="bell-icon" aria-hidden="true" focusable="false" width="20" height="20" viewBox="0 0 24 24">
                        <path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1z"/>
                    </svg>
                    {i18n.t("header-notifications")}
                    {(user.unread > 0).then(|| view! { <span class="counter" aria-hidden="true">{user.unread}</span> })}
                </a>
                <a href="/me/applications">{i18n.t("nav-my-applications")}</a>
                {user.office.then(|| view! { <a href="/office">{i18n.t("header-office")}</a> })}
                {user.admin.then(|| view! { <a href="/admin">{i18n.t("header-admin")}</a> })}
                <form method="post" action="/auth/logout">
                    <button type="submit" class="button-link">{i18n.t("logout-button")}</button>
                </form>
            </nav>
        }
        .into_any(),
    }
}

/// Main navigation; marks the current section for assistive technology.
#[component]
fn MainNav() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let current = move |prefix: &'static str| {
        let path = location.pathname.get();
        let here = if prefix == "/" { path == "/" } else { path.starts_with(prefix) };
        here.then_some("page")
    };
    view! {
        <nav class="main-nav" aria-label=i18n.t("nav-main")>
            <div class="container">
                <a href="/" aria-current=move || current("/")>{i18n.t("nav-home")}</a>
                <a href="/services" aria-current=move || current("/services")>{i18n.t("nav-services")}</a>
            </div>
        </nav>
    }
}
