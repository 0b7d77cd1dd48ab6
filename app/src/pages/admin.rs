//! `/admin`: the regional operator's administration entry; `/admin/access-log`: who of the staff
//! opened which applicant's data and files (filtered by staff member, application and period);
//! `/admin/staff`: staff roles; `/admin/api-clients`: departments' systems using the API; `/admin/webhooks`: deliveries to them; `/admin/audit`: the audit trail; `/admin/federation`: delivery
//! to the federal portal.
mod api_clients;
mod audit;
mod catalog;
mod dashboard;
mod federation;
mod staff;
mod webhooks;

pub use api_clients::ApiClientsPage;
pub use audit::AuditLogPage;
pub use catalog::{BrandingPage, CatalogAdminPage, EntryEditPage, FormEditPage};
pub use dashboard::DashboardPage;
pub use federation::FederationPage;
pub use staff::StaffRolesPage;
pub use webhooks::WebhooksPage;

use domain::staff::AccessLogFilter;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;

use crate::components::status::loaded_or_status;
use crate::format;
use crate::i18n::use_i18n;
use crate::server_fns::admin::{get_access_log, get_admin_home, Scanning};

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
                    {match home.scanning {
                        Scanning::On => view! { <p class="notice" role="status">{i18n.t("admin-scanning-on")}</p> }.into_any(),
                        Scanning::Off => view! { <div class="error-summary" role="alert"><p>{i18n.t("admin-scanning-off")}</p></div> }.into_any(),
                        Scanning::Unreachable => view! { <div class="error-summary" role="alert"><p>{i18n.t("admin-scanning-unreachable")}</p></div> }.into_any(),
                    }}
                    <dl class="passport">
                        <dt>{i18n.t("services-title")}</dt>
                        <dd>{home.services}</dd>
                        <dt>{i18n.t("profile-roles")}</dt>
                        <dd>{home.staff}</dd>
                    </dl>
                    <h2>{i18n.t("admin-sections")}</h2>
                    <ul>
                        <li><a href="/admin/catalog">{i18n.t("admin-catalog-title")}</a></li>
                        <li><a href="/admin/branding">{i18n.t("admin-branding-title")}</a></li>
                        <li><a href="/admin/staff">{i18n.t("staff-title")}</a></li>
                        <li><a href="/admin/api-clients">{i18n.t("api-clients-title")}</a></li>
                        <li><a href="/admin/webhooks">{i18n.t("webhooks-title")}</a></li>
                        <li><a href="/admin/audit">{i18n.t("audit-title")}</a></li>
                        <li><a href="/admin/access-log">{i18n.t("access-log-title")}</a></li>
                        <li><a href="/admin/federation">{i18n.t("federation-title")}</a></li>
                        <li><a href="/admin/federation#email-heading">{i18n.t("federation-email")}</a></li>
                        <li><a href="/admin/dashboard">{i18n.t("dash-title")}</a></li>
                    </ul>
                })
            })}
        </Suspense>
    }
}

/// The filters of the personal-data trail named in the address.
fn access_filter(q: &ParamsMap) -> AccessLogFilter {
    let get = |key: &str| q.get(key).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
    AccessLogFilter { staff: get("staff"), number: get("number"), from: get("from"), to: get("to") }
}

/// The address of the trail with `filter`, from the newest or `before` a record.
fn access_address(filter: &AccessLogFilter, before: Option<i64>) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    let before = before.map(|b| b.to_string());
    for (key, value) in [
        ("staff", filter.staff.as_deref()),
        ("number", filter.number.as_deref()),
        ("from", filter.from.as_deref()),
        ("to", filter.to.as_deref()),
        ("before", before.as_deref()),
    ] {
        if let Some(v) = value {
            query.append_pair(key, v);
        }
    }
    let query = query.finish();
    if query.is_empty() {
        "/admin/access-log".to_owned()
    } else {
        format!("/admin/access-log?{query}")
    }
}

/// The personal-data trail, newest first, a hundred records a page, with filters sent by GET
/// (staff member, application number, period) that the "older" link keeps.
#[component]
pub fn AccessLogPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let args = move || {
        let q = query.read();
        (access_filter(&q), q.get("before").and_then(|b| b.parse::<i64>().ok()))
    };
    let log = Resource::new(args, |(f, before)| get_access_log(before, f.staff, f.number, f.from, f.to));
    view! {
        <Title text=i18n.t("access-log-title")/>
        <p><a href="/admin">"← "{i18n.t("admin-title")}</a></p>
        <h1>{i18n.t("access-log-title")}</h1>
        <p class="lead">{i18n.t("access-log-lead")}</p>
        {move || { let f = access_filter(&query.read()); view! { <AccessLogFilters filter=f/> } }}
        <Suspense fallback=move || view! { <p>{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let filter = access_filter(&query.read());
                loaded_or_status(log.await, move |records| {
                    if records.is_empty() {
                        return view! { <p class="empty">{i18n.t("access-log-empty")}</p> }.into_any();
                    }
                    let older = (records.len() as i64 >= ACCESS_LOG_PAGE).then(|| records.last().map(|r| access_address(&filter, Some(r.id)))).flatten();
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

/// Records of the trail per page (as `backend::store::ACCESS_PAGE`): a full page may have older ones.
const ACCESS_LOG_PAGE: i64 = 100;

/// The filter form of the personal-data trail: a GET to the same page.
#[component]
fn AccessLogFilters(filter: AccessLogFilter) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <form method="get" action="/admin/access-log" class="filters office-filters admin-filters" role="search" aria-label=i18n.t("access-log-filter-title")>
            <div class="filter grow">
                <label for="access-staff">{i18n.t("access-log-filter-staff")}</label>
                <input id="access-staff" type="search" name="staff" value=filter.staff.unwrap_or_default() autocomplete="off"/>
            </div>
            <div class="filter">
                <label for="access-number">{i18n.t("access-log-filter-number")}</label>
                <input id="access-number" type="search" name="number" value=filter.number.unwrap_or_default() autocomplete="off"/>
            </div>
            <div class="filter">
                <label for="access-from">{i18n.t("access-log-filter-from")}</label>
                <input id="access-from" type="date" name="from" value=filter.from.unwrap_or_default()/>
            </div>
            <div class="filter">
                <label for="access-to">{i18n.t("access-log-filter-to")}</label>
                <input id="access-to" type="date" name="to" value=filter.to.unwrap_or_default()/>
            </div>
            <div class="filter">
                <button type="submit" class="button">{i18n.t("access-log-filter-apply")}</button>
            </div>
            <div class="filter">
                <a href="/admin/access-log">{i18n.t("access-log-filter-reset")}</a>
            </div>
        </form>
    }
}
