//! `/admin/api-clients`: the departments' own systems registered to use the API (`/api/v1`), a
//! form to register one for a department with its scopes, and a button per client to revoke it.
//! Registering answers with a page that shows the new key once (never in an address); revoking
//! redirects back here saying what was done, so the page works without JavaScript.
use domain::api_client::{ClientProblem, ClientView, ClientsPage, Scope};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::status::loaded_or_status;
use crate::format;
use crate::i18n::{use_i18n, I18n};
use crate::server_fns::admin::get_api_clients;

/// The operator's page of API clients.
#[component]
pub fn ApiClientsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let clients = Resource::new(|| (), |_| get_api_clients());
    let done = move || query.read().get("done").filter(|d| *d == "revoked" || *d == "webhook-removed").map(|d| format!("api-clients-done-{d}"));
    let problem = move || query.read().get("problem").and_then(|c| ClientProblem::parse(&c));
    view! {
        <Title text=i18n.t("api-clients-title")/>
        <p><a href="/admin">"← "{i18n.t("admin-title")}</a></p>
        <h1>{i18n.t("api-clients-title")}</h1>
        <p class="lead">{i18n.t("api-clients-lead")}" "<a href="/api/v1/reference">{i18n.t("api-reference-title")}</a></p>
        <p><a href="/admin/webhooks">{i18n.t("webhooks-title")}</a></p>
        {move || done().map(|key| view! {
            <div class="notice success" role="status"><p>{i18n.t(&key)}</p></div>
        })}
        {move || problem().map(|p| view! {
            <div class="notice error" role="alert"><p>{i18n.t(&format!("api-clients-problem-{}", p.as_str()))}</p></div>
        })}
        <Suspense fallback=move || view! { <p>{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let problem = problem();
                loaded_or_status(clients.await, move |page| view! { <Clients page=page problem=problem/> })
            })}
        </Suspense>
    }
}

#[component]
fn Clients(page: ClientsPage, problem: Option<ClientProblem>) -> impl IntoView {
    let i18n = use_i18n();
    let invalid = |p: ClientProblem| (problem == Some(p)).then_some("true");
    let table = if page.clients.is_empty() {
        view! { <p class="empty">{i18n.t("api-clients-empty")}</p> }.into_any()
    } else {
        view! {
            <div class="table-scroll" role="region" aria-labelledby="api-clients-caption" tabindex="0">
                <table class="queue-table">
                    <caption id="api-clients-caption" class="visually-hidden">{i18n.t("api-clients-list")}</caption>
                    <thead><tr>
                        <th scope="col">{i18n.t("api-clients-col-name")}</th>
                        <th scope="col">{i18n.t("api-clients-col-department")}</th>
                        <th scope="col">{i18n.t("api-clients-col-scopes")}</th>
                        <th scope="col">{i18n.t("api-clients-col-used")}</th>
                        <th scope="col">{i18n.t("api-clients-col-webhook")}</th>
                        <th scope="col"><span class="visually-hidden">{i18n.t("api-clients-revoke")}</span></th>
                    </tr></thead>
                    <tbody>{page.clients.into_iter().map(|c| client_row(i18n, c)).collect_view()}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <h2 id="api-clients-register-heading">{i18n.t("api-clients-register-title")}</h2>
        <form method="post" action="/admin/api-clients" aria-labelledby="api-clients-register-heading">
            <div class="field">
                <label for="api-client-name">{i18n.t("api-clients-name")}</label>
                <p class="hint" id="api-client-name-hint">{i18n.t("api-clients-name-hint")}</p>
                <input id="api-client-name" type="text" name="name" required maxlength="100" autocomplete="off"
                    aria-describedby="api-client-name-hint" aria-invalid=invalid(ClientProblem::Name)/>
            </div>
            <div class="field">
                <label for="api-client-department">{i18n.t("api-clients-department")}</label>
                <select id="api-client-department" name="department" required aria-invalid=invalid(ClientProblem::Department)>
                    {page.departments.into_iter().map(|d| view! { <option value=d.code>{d.title}</option> }).collect_view()}
                </select>
            </div>
            <fieldset class="field" aria-invalid=invalid(ClientProblem::NoScope)>
                <legend>{i18n.t("api-clients-scopes")}</legend>
                {Scope::ALL.into_iter().map(|s| {
                    let id = format!("api-client-scope-{}", s.as_str());
                    let ticked = s == Scope::Read;
                    view! {
                        <div class="checkbox">
                            <input type="checkbox" id=id.clone() name="scope" value=s.as_str() checked=ticked/>
                            <label for=id>{i18n.t(&format!("api-scope-{}", s.as_str()))}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <button type="submit" class="button">{i18n.t("api-clients-register")}</button>
        </form>
        <h2>{i18n.t("api-clients-list")}</h2>
        {table}
    }
}

fn client_row(i18n: I18n, c: ClientView) -> impl IntoView {
    let label = i18n.t_with("api-clients-revoke-label", &[("name", c.name.clone().into())]);
    let scopes = c.scopes.list().iter().map(|s| i18n.t(&format!("api-scope-{}", s.as_str()))).collect::<Vec<_>>().join("; ");
    let used = c.last_used_at.as_deref().map(format::date_time).unwrap_or_else(|| i18n.t("api-clients-never-used"));
    let action = format!("/admin/api-clients/{}/revoke", c.id);
    let webhook = webhook_cell(i18n, &c);
    let state = match &c.revoked_at {
        Some(at) => view! { <span class="muted">{i18n.t("api-clients-revoked")}" "{format::date_time(at)}</span> }.into_any(),
        None => view! {
            <form method="post" action=action>
                <button type="submit" class="button secondary" aria-label=label>{i18n.t("api-clients-revoke")}</button>
            </form>
        }
        .into_any(),
    };
    view! {
        <tr>
            <th scope="row">{c.name}<br/><code class="muted">{c.id}</code></th>
            <td>{c.department}</td>
            <td>{scopes}</td>
            <td>{used}</td>
            <td>{webhook}</td>
            <td>{state}</td>
        </tr>
    }
}

/// The client's webhook address, with a form to set or change it and one to remove it (none for a
/// revoked client).
fn webhook_cell(i18n: I18n, c: &ClientView) -> AnyView {
    let shown = match &c.webhook_url {
        Some(url) => view! { <code class="webhook-url">{url.clone()}</code> }.into_any(),
        None => view! { <span class="muted">{i18n.t("webhooks-none")}</span> }.into_any(),
    };
    if c.revoked_at.is_some() {
        return shown;
    }
    let input = format!("webhook-url-{}", c.id);
    let name = || [("name", c.name.clone().into())];
    let remove = c.webhook_url.is_some().then(|| {
        view! {
            <form method="post" action=format!("/admin/api-clients/{}/webhook/remove", c.id)>
                <button type="submit" class="button secondary" aria-label=i18n.t_with("webhooks-remove-label", &name())>{i18n.t("webhooks-remove")}</button>
            </form>
        }
    });
    let set = if c.webhook_url.is_some() { "webhooks-change" } else { "webhooks-set" };
    view! {
        {shown}
        <form method="post" action=format!("/admin/api-clients/{}/webhook", c.id) class="webhook-form">
            <label for=input.clone() class="visually-hidden">{i18n.t_with("webhooks-url", &name())}</label>
            <input id=input type="url" name="url" required maxlength="500" placeholder="https://" autocomplete="off"/>
            <button type="submit" class="button secondary">{i18n.t(set)}</button>
        </form>
        {remove}
    }
    .into_any()
}
