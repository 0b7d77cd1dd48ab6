//! `/admin/audit`: the audit trail, newest first, fifty records a page, with filters sent by GET
//! (action, actor, period), so it works without JavaScript and a view can be bookmarked.
//! Changes of the catalog and the branding show the fields they changed, before and after.
use domain::staff::{Actor, AuditDetails, AuditFilter, AuditPage, AuditRow, FieldChange, KNOWN_ACTIONS};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;

use crate::components::status::loaded_or_status;
use crate::format;
use crate::i18n::{use_i18n, I18n};
use crate::server_fns::admin::get_audit;

fn non_empty(q: &ParamsMap, key: &str) -> Option<String> {
    q.get(key).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

fn filter_of(q: &ParamsMap) -> AuditFilter {
    AuditFilter { action: non_empty(q, "action"), actor: non_empty(q, "actor"), from: non_empty(q, "from"), to: non_empty(q, "to") }
}

/// The address of `filter`'s records, from the newest or `before` a record.
fn address(filter: &AuditFilter, before: Option<i64>) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    let before = before.map(|b| b.to_string());
    for (key, value) in [
        ("action", filter.action.as_deref()),
        ("actor", filter.actor.as_deref()),
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
        "/admin/audit".to_owned()
    } else {
        format!("/admin/audit?{query}")
    }
}

/// An action in words when the pages know it, else its code.
fn action_label(i18n: I18n, action: &str) -> String {
    if KNOWN_ACTIONS.contains(&action) {
        i18n.t(&format!("audit-action-{action}"))
    } else {
        action.to_owned()
    }
}

/// The audit page of the operator.
#[component]
pub fn AuditLogPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let page = Resource::new(
        move || {
            let q = query.read();
            (filter_of(&q), q.get("before").and_then(|b| b.parse::<i64>().ok()))
        },
        |(f, before)| get_audit(f.action, f.actor, f.from, f.to, before),
    );
    view! {
        <Title text=i18n.t("audit-title")/>
        <p><a href="/admin">"← "{i18n.t("admin-title")}</a></p>
        <h1>{i18n.t("audit-title")}</h1>
        <p class="lead">{i18n.t("audit-lead")}</p>
        <Suspense fallback=move || view! { <p>{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let (filter, before) = { let q = query.read(); (filter_of(&q), q.get("before")) };
                loaded_or_status(page.await, move |p| view! { <Audit p=p filter=filter paged=before.is_some()/> })
            })}
        </Suspense>
    }
}

#[component]
fn Audit(p: AuditPage, filter: AuditFilter, paged: bool) -> impl IntoView {
    let i18n = use_i18n();
    let older = p.next.map(|id| view! { <a class="button" href=address(&filter, Some(id))>{i18n.t("audit-older")}</a> });
    let newest = paged.then(|| view! { <a class="button secondary" href=address(&filter, None)>{i18n.t("audit-newest")}</a> });
    let rows = if p.rows.is_empty() {
        view! { <p class="empty">{i18n.t("audit-empty")}</p> }.into_any()
    } else {
        view! {
            <div class="table-scroll" role="region" aria-labelledby="audit-caption" tabindex="0">
                <table class="queue-table audit-table">
                    <caption id="audit-caption">{i18n.t("audit-records")}</caption>
                    <thead><tr>
                        <th scope="col">{i18n.t("audit-col-when")}</th>
                        <th scope="col">{i18n.t("audit-col-who")}</th>
                        <th scope="col">{i18n.t("audit-col-action")}</th>
                        <th scope="col">{i18n.t("audit-col-subject")}</th>
                        <th scope="col">{i18n.t("audit-col-details")}</th>
                    </tr></thead>
                    <tbody>{p.rows.into_iter().map(|r| row(i18n, r)).collect_view()}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <Filters actions=p.actions filter=filter/>
        {rows}
        <p class="actions">{newest}{older}</p>
    }
}

#[component]
fn Filters(actions: Vec<String>, filter: AuditFilter) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <form method="get" action="/admin/audit" class="filters office-filters admin-filters" role="search" aria-label=i18n.t("audit-filters")>
            <div class="filter">
                <label for="audit-action">{i18n.t("audit-filter-action")}</label>
                <select id="audit-action" name="action">
                    <option value="">{i18n.t("audit-filter-any")}</option>
                    {actions.into_iter().map(|a| {
                        let selected = filter.action.as_deref() == Some(a.as_str());
                        let label = action_label(i18n, &a);
                        view! { <option value=a selected=selected>{label}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="filter grow">
                <label for="audit-actor">{i18n.t("audit-filter-actor")}</label>
                <input id="audit-actor" type="search" name="actor" value=filter.actor.clone().unwrap_or_default() autocomplete="off"/>
            </div>
            <div class="filter">
                <label for="audit-from">{i18n.t("audit-filter-from")}</label>
                <input id="audit-from" type="date" name="from" value=filter.from.clone().unwrap_or_default()/>
            </div>
            <div class="filter">
                <label for="audit-to">{i18n.t("audit-filter-to")}</label>
                <input id="audit-to" type="date" name="to" value=filter.to.clone().unwrap_or_default()/>
            </div>
            <div class="filter">
                <button type="submit" class="button">{i18n.t("audit-filter-apply")}</button>
            </div>
            <div class="filter">
                <a href="/admin/audit">{i18n.t("audit-filter-reset")}</a>
            </div>
        </form>
    }
}

fn row(i18n: I18n, r: AuditRow) -> impl IntoView {
    let who = match r.actor {
        Actor::Person(name) => name,
        Actor::CommandLine => i18n.t("audit-actor-cli"),
        Actor::System => i18n.t("audit-actor-system"),
    };
    let label = action_label(i18n, &r.action);
    view! {
        <tr>
            <td class="nowrap">{format::date_time(&r.at)}</td>
            <td>{who}</td>
            <th scope="row">{label}</th>
            <td>{r.subject.unwrap_or_else(|| "—".into())}</td>
            <td>{details(i18n, r.details)}</td>
        </tr>
    }
}

fn details(i18n: I18n, d: AuditDetails) -> AnyView {
    match d {
        AuditDetails::Plain(pairs) if pairs.is_empty() => view! { "—" }.into_any(),
        AuditDetails::Plain(pairs) => view! {
            <ul class="audit-details">
                {pairs.into_iter().map(|(k, v)| view! {
                    <li>{(!k.is_empty()).then(|| view! { <span class="muted">{k}": "</span> })}<span class="value">{v}</span></li>
                }).collect_view()}
            </ul>
        }
        .into_any(),
        AuditDetails::Change { kind, code, fields } => {
            let caption = i18n.t_with("audit-change-caption", &[("kind", kind.into()), ("code", code.into())]);
            if fields.is_empty() {
                view! { <p><strong>{caption}</strong></p><p>{i18n.t("audit-change-none")}</p> }.into_any()
            } else {
                view! {
                    <table class="audit-change">
                        <caption>{caption}</caption>
                        <thead><tr>
                            <th scope="col">{i18n.t("audit-change-field")}</th>
                            <th scope="col">{i18n.t("audit-change-before")}</th>
                            <th scope="col">{i18n.t("audit-change-after")}</th>
                        </tr></thead>
                        <tbody>{fields.into_iter().map(|f| field_row(i18n, f)).collect_view()}</tbody>
                    </table>
                }
                .into_any()
            }
        }
    }
}

fn field_row(i18n: I18n, f: FieldChange) -> impl IntoView {
    let absent = move || i18n.t("audit-change-absent");
    let field = if f.field.is_empty() { i18n.t("audit-change-whole") } else { f.field };
    view! {
        <tr>
            <th scope="row"><code>{field}</code></th>
            <td class="value">{f.before.unwrap_or_else(absent)}</td>
            <td class="value">{f.after.unwrap_or_else(absent)}</td>
        </tr>
    }
}
