//! `/me`: the logged-in person's account: their federal profile (read-only), roles, sessions.
use domain::identity::{AssuranceLevel, Role};
use domain::views::AccountPage;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::status::loaded_or_status;
use crate::format;
use crate::i18n::{use_i18n, I18n};
use crate::server_fns::account::get_account;

/// The account page; visitors are asked to log in.
#[component]
pub fn AccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let page = Resource::new(|| (), |_| get_account());
    view! {
        <Suspense fallback=move || view! { <p>{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move { loaded_or_status(page.await, |p| view! { <Account page=p/> }) })}
        </Suspense>
    }
}

/// The name of an assurance level.
pub fn assurance_name(i18n: I18n, level: AssuranceLevel) -> String {
    i18n.t(&format!("assurance-{}", level.as_str()))
}

fn role_name(i18n: I18n, role: Role) -> String {
    i18n.t(&format!("role-{}", role.as_str()))
}

#[component]
fn Account(page: AccountPage) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let saved = query.read_untracked().get("saved").is_some_and(|s| s == "notifications");
    let p = page.profile;
    let or_not_given = move |v: Option<String>| v.unwrap_or_else(|| i18n.t("profile-not-given"));
    view! {
        <Title text=i18n.t("profile-title")/>
        <h1>{i18n.t("profile-title")}</h1>
        <p class="lead">{i18n.t("profile-lead")}</p>
        <dl class="passport profile">
            <dt>{i18n.t("profile-name")}</dt>
            <dd>{p.full_name()}</dd>
            <dt>{i18n.t("profile-snils")}</dt>
            <dd>{or_not_given(p.snils.as_ref().map(ToString::to_string))}</dd>
            <dt>{i18n.t("profile-birthdate")}</dt>
            <dd>{or_not_given(p.birthdate.as_deref().map(format::date))}</dd>
            <dt>{i18n.t("profile-email")}</dt>
            <dd>{or_not_given(p.email.clone())}</dd>
            <dt>{i18n.t("profile-phone")}</dt>
            <dd>{or_not_given(p.phone.clone())}</dd>
            <dt>{i18n.t("profile-assurance")}</dt>
            <dd>{assurance_name(i18n, p.assurance)}</dd>
        </dl>
        {page.account_url.map(|href| view! {
            <p><a class="button secondary" rel="external" href=href>{i18n.t("profile-change")}</a></p>
        })}
        {(!page.roles.is_empty()).then(|| view! {
            <h2>{i18n.t("profile-roles")}</h2>
            <ul class="roles">
                {page.roles.into_iter().map(|r| {
                    let department = r.department.map(|d| format!(" — {}", d.title)).unwrap_or_default();
                    view! { <li>{role_name(i18n, r.role)}{department}</li> }
                }).collect_view()}
            </ul>
        })}
        <h2 id="notifications">{i18n.t("profile-notifications")}</h2>
        <p>{match p.email.clone() {
            Some(address) => i18n.t_with("profile-notifications-to", &[("email", address.into())]),
            None => i18n.t("profile-notifications-no-email"),
        }}</p>
        {saved.then(|| view! { <div class="notice success" role="status"><p>{i18n.t("profile-notifications-saved")}</p></div> })}
        <form method="post" action="/me/notifications" class="choices">
            <fieldset class="group">
                <legend>{i18n.t("profile-notifications-legend")}</legend>
                {page.email_choices.into_iter().map(|c| {
                    let id = format!("email-{}", c.kind.as_str());
                    view! {
                        <div class="choice">
                            <input type="checkbox" id=id.clone() name=c.kind.as_str() value="on" checked=c.email/>
                            <label for=id>{i18n.t(&format!("email-kind-{}", c.kind.as_str()))}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <button type="submit" class="button">{i18n.t("profile-notifications-save")}</button>
        </form>
        <h2>{i18n.t("profile-security")}</h2>
        <p>{i18n.t_with("profile-sessions", &[("count", page.sessions.into())])}</p>
        <form method="post" action="/auth/logout-everywhere">
            <button type="submit" class="button secondary">{i18n.t("profile-logout-everywhere")}</button>
        </form>
    }
}
