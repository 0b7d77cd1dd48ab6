//! `/admin`: the regional operator's administration entry; `/admin/access-log`: who of the staff
//! opened which applicant's data and files; `/admin/federation`: delivery to the federal portal.
mod federation;

pub use federation::FederationPage;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::status::loaded_or_status;
use crate::format;
use crate::i18n::use_i18n;
use crate::server_fns::admin::{get_access_log, get_admin_home};

/// The administration; only the operator may enter.
#[component]
pub fn AdminPage() -> impl IntoView {
    let i18n = use_i18n();
    let home = Resource::new(|| (), |_| get_admin_home());
    view! {
        <Suspense fallback=move || view! { <p>{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                loaded_or_status(home.await, |home| view! {
                    <Title text=i18n.t("admin-title")/>
                    <h1>{i18n.t("admin-title")}</h1>
                    <p class="lead">{i18n.t("admin-lead")}</p>
                    <dl class="passport">
                        <dt>{i18n.t("services-title")}</dt>
                        <dd>{home.services}</dd>
                        <dt>{i18n.t("profile-roles")}</dt>
                        <dd>{home.staff}</dd>
                    </dl>
                    <h2>{i18n.t("admin-sections")}</h2>
                    <ul>
                        <li><a href="/admin/access-log">{i18n.t("access-log-title")}</a></li>
                        <li><a href="/admin/federation">{i18n.t("federation-title")}</a></li>
                        <li><a href="/admin/federation#email-heading">{i18n.t("federation-email")}</a></li>
                    </ul>
                })
            })}
        </Suspense>
    }
}

/// The personal-data trail, newest first, a hundred records a page.
#[component]
pub fn AccessLogPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let before = move || query.read().get("before").and_then(|b| b.parse::<i64>().ok());
    let log = Resource::new(before, get_access_log);
    view! {
        <Title text=i18n.t("access-log-title")/>
        <p><a href="/admin">"← "{i18n.t("admin-title")}</a></p>
        <h1>{i18n.t("access-log-title")}</h1>
        <p class="lead">{i18n.t("access-log-lead")}</p>
        <Suspense fallback=move || view! { <p>{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                loaded_or_status(log.await, move |records| {
                    if records.is_empty() {
                        return view! { <p class="empty">{i18n.t("access-log-empty")}</p> }.into_any();
                    }
                    let older = records.last().map(|r| format!("/admin/access-log?before={}", r.id));
                    view! {
                        <div class="table-scroll" role="region" aria-labelledby="access-caption" tabindex="0">
                            <table class="queue-table">
                                <caption id="access-caption" class="visually-hidden">{i18n.t("access-log-title")}</caption>
                                <thead><tr>
                                    <th scope="col">{i18n.t("access-log-when")}</th>
                                    <th scope="col">{i18n.t("access-log-who")}</th>
                                    <th scope="col">{i18n.t("office-col-number")}</th>
                                    <th scope="col">{i18n.t("access-log-what")}</th>
                                </tr></thead>
                                <tbody>
                                    {records.into_iter().map(|r| view! {
                                        <tr>
                                            <td>{format::date_time(&r.at)}</td>
                                            <td>{r.staff}</td>
                                            <td>{r.application}</td>
                                            <td>{r.file.map_or_else(|| i18n.t("access-log-application"), |f| i18n.t_with("access-log-file", &[("name", f.into())]))}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                        {older.map(|href| view! { <p><a class="button secondary" href=href>{i18n.t("access-log-older")}</a></p> })}
                    }
                    .into_any()
                })
            })}
        </Suspense>
    }
}
