//! `/office`: the queues of the person's departments, with filters sent by GET (so they work
//! without JavaScript and can be bookmarked) and pages by a cursor in the address.
use domain::application::Origin;
use domain::office::{Queue, QueueFilter, QueuePage, QueueRow};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;

use super::{deadline_text, urgency_class};
use crate::components::status::loaded_or_status;
use crate::format;
use crate::i18n::{use_i18n, I18n};
use crate::pages::application::StatusBadge;
use crate::server_fns::office::get_office_queue;

fn non_empty(q: &ParamsMap, key: &str) -> Option<String> {
    q.get(key).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

/// The filter the address names.
fn filter_of(q: &ParamsMap) -> QueueFilter {
    QueueFilter {
        queue: Queue::parse(&q.get("queue").unwrap_or_default()),
        department: non_empty(q, "department"),
        service: non_empty(q, "service"),
        municipality: non_empty(q, "municipality"),
        origin: q.get("origin").and_then(|o| Origin::parse(&o)),
        from: non_empty(q, "from"),
        to: non_empty(q, "to"),
        search: non_empty(q, "q"),
    }
}

/// The address of `filter`'s queue, from its start or `after` a cursor.
fn address(filter: &QueueFilter, after: Option<&str>) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    query.append_pair("queue", filter.queue.as_str());
    for (key, value) in [
        ("department", filter.department.as_deref()),
        ("service", filter.service.as_deref()),
        ("municipality", filter.municipality.as_deref()),
        ("origin", filter.origin.map(Origin::as_str)),
        ("from", filter.from.as_deref()),
        ("to", filter.to.as_deref()),
        ("q", filter.search.as_deref()),
        ("after", after),
    ] {
        if let Some(v) = value {
            query.append_pair(key, v);
        }
    }
    format!("/office?{}", query.finish())
}

/// The queue page.
#[component]
pub fn OfficePage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let page = Resource::new(
        move || {
            let q = query.read();
            (filter_of(&q), q.get("after"))
        },
        |(filter, after)| get_office_queue(filter, after),
    );
    view! {
        <Title text=i18n.t("office-title")/>
        <Suspense fallback=move || view! { <p>{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let (filter, after) = { let q = query.read(); (filter_of(&q), q.get("after")) };
                loaded_or_status(page.await, move |p| view! { <Queues p=p filter=filter after=after/> })
            })}
        </Suspense>
    }
}

#[component]
fn Queues(p: QueuePage, filter: QueueFilter, after: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let departments = p.departments.iter().map(|d| d.title.clone()).collect::<Vec<_>>().join(", ");
    let tabs = Queue::ALL
        .into_iter()
        .map(|q| {
            let current = (q == filter.queue).then_some("page");
            let href = address(&QueueFilter { queue: q, ..filter.clone() }, None);
            view! { <a href=href aria-current=current>{i18n.t(&format!("queue-{}", q.as_str()))}</a> }
        })
        .collect_view();
    let next = p.next.as_ref().map(|c| {
        view! {
            <a class="button" href=address(&filter, Some(&c.to_param()))>{i18n.t("office-next-page")}</a>
        }
    });
    let first = after.is_some().then(|| {
        view! {
            <a class="button secondary" href=address(&filter, None)>{i18n.t("office-first-page")}</a>
        }
    });
    let rows = if p.rows.is_empty() {
        view! { <p class="empty">{i18n.t("office-queue-empty")}</p> }.into_any()
    } else {
        view! { <QueueTable rows=p.rows.clone() queue=filter.queue/> }.into_any()
    };
    view! {
        <h1>{i18n.t("office-title")}</h1>
        <p class="lead">{departments}</p>
        {p.heads.then(|| view! { <p><a href="/office/stats">{i18n.t("office-stats-link")}</a></p> })}
        <DeadlineNotice near=p.near overdue=p.overdue filter=filter.clone()/>
        <nav class="tabs" aria-label=i18n.t("office-queues")>{tabs}</nav>
        <Filters p=p.clone() filter=filter.clone()/>
        {rows}
        <p class="actions">{first}{next}</p>
    }
}

/// What is near or past its deadline in the person's departments; nothing when all is in time.
#[component]
fn DeadlineNotice(near: i64, overdue: i64, filter: QueueFilter) -> impl IntoView {
    let i18n = use_i18n();
    let overdue_link = address(&QueueFilter { queue: Queue::Overdue, ..Default::default() }, None);
    (near > 0 || overdue > 0).then(|| {
        view! {
            <div class="notice deadline-notice" role="status">
                {(overdue > 0).then(|| view! {
                    <p><strong>{i18n.t_with("office-notice-overdue", &[("count", overdue.into())])}</strong>" "
                    {(filter.queue != Queue::Overdue).then(|| view! { <a href=overdue_link.clone()>{i18n.t("office-notice-show")}</a> })}</p>
                })}
                {(near > 0).then(|| view! { <p>{i18n.t_with("office-notice-near", &[("count", near.into())])}</p> })}
            </div>
        }
    })
}

/// The filter form: a GET to `/office` that keeps the queue.
#[component]
fn Filters(p: QueuePage, filter: QueueFilter) -> impl IntoView {
    let i18n = use_i18n();
    let option = |value: String, title: String, chosen: Option<&String>| {
        let selected = chosen == Some(&value);
        view! { <option value=value selected=selected>{title}</option> }
    };
    let departments = (p.departments.len() > 1).then(|| {
        view! {
            <div class="filter">
                <label for="f-department">{i18n.t("office-filter-department")}</label>
                <select id="f-department" name="department">
                    <option value="">{i18n.t("office-filter-any")}</option>
                    {p.departments.iter().map(|d| option(d.code.clone(), d.title.clone(), filter.department.as_ref())).collect_view()}
                </select>
            </div>
        }
    });
    let origin = filter.origin.map(|o| o.as_str().to_owned());
    view! {
        <form method="get" action="/office" class="filters office-filters" role="search">
            <input type="hidden" name="queue" value=filter.queue.as_str()/>
            <div class="filter grow">
                <label for="f-q">{i18n.t("office-filter-search")}</label>
                <input id="f-q" type="search" name="q" value=filter.search.clone().unwrap_or_default() autocomplete="off"/>
            </div>
            {departments}
            <div class="filter">
                <label for="f-service">{i18n.t("office-filter-service")}</label>
                <select id="f-service" name="service">
                    <option value="">{i18n.t("office-filter-any")}</option>
                    {p.services.iter().map(|s| option(s.code.clone(), s.title.clone(), filter.service.as_ref())).collect_view()}
                </select>
            </div>
            <div class="filter">
                <label for="f-municipality">{i18n.t("office-filter-municipality")}</label>
                <select id="f-municipality" name="municipality">
                    <option value="">{i18n.t("office-filter-any")}</option>
                    {p.municipalities.iter().map(|m| option(m.code.clone(), m.title.clone(), filter.municipality.as_ref())).collect_view()}
                </select>
            </div>
            <div class="filter">
                <label for="f-origin">{i18n.t("office-filter-origin")}</label>
                <select id="f-origin" name="origin">
                    <option value="">{i18n.t("office-filter-any")}</option>
                    {[Origin::Regional, Origin::Federal].into_iter().map(|o| option(o.as_str().to_owned(), i18n.t(&format!("origin-{}", o.as_str())), origin.as_ref())).collect_view()}
                </select>
            </div>
            <div class="filter">
                <label for="f-from">{i18n.t("office-filter-from")}</label>
                <input id="f-from" type="date" name="from" value=filter.from.clone().unwrap_or_default()/>
            </div>
            <div class="filter">
                <label for="f-to">{i18n.t("office-filter-to")}</label>
                <input id="f-to" type="date" name="to" value=filter.to.clone().unwrap_or_default()/>
            </div>
            <div class="filter">
                <button type="submit" class="button">{i18n.t("office-filter-apply")}</button>
            </div>
            <div class="filter">
                <a href=address(&QueueFilter { queue: filter.queue, ..Default::default() }, None)>{i18n.t("office-filter-reset")}</a>
            </div>
        </form>
    }
}

#[component]
fn QueueTable(rows: Vec<QueueRow>, queue: Queue) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="table-scroll" role="region" aria-labelledby="queue-caption" tabindex="0">
            <table class="queue-table">
                <caption id="queue-caption">{i18n.t(&format!("queue-{}", queue.as_str()))}</caption>
                <thead>
                    <tr>
                        <th scope="col">{i18n.t("office-col-number")}</th>
                        <th scope="col">{i18n.t("office-col-applicant")}</th>
                        <th scope="col">{i18n.t("office-col-service")}</th>
                        <th scope="col">{i18n.t("office-col-submitted")}</th>
                        <th scope="col">{i18n.t("office-col-deadline")}</th>
                        <th scope="col">{i18n.t("office-col-status")}</th>
                        <th scope="col">{i18n.t("office-col-assignee")}</th>
                    </tr>
                </thead>
                <tbody>{rows.into_iter().map(|r| row(i18n, r)).collect_view()}</tbody>
            </table>
        </div>
    }
}

fn row(i18n: I18n, r: QueueRow) -> impl IntoView {
    let (date, left) = r.deadline.as_deref().map(|d| deadline_text(i18n, d, r.days_left, r.urgency)).unwrap_or_default();
    let federal = (r.origin == Origin::Federal).then(|| view! { <span class="badge origin">{i18n.t("origin-federal")}</span> });
    view! {
        <tr class=urgency_class(r.urgency)>
            <th scope="row"><a href=format!("/office/applications/{}", r.id)>{r.number}</a>" "{federal}</th>
            <td>{r.applicant}</td>
            <td>{r.service_title}</td>
            <td>{format::date_time(&r.submitted_at)}</td>
            <td class="deadline">{date}{left.map(|l| view! { <br/><span class="days-left">{l}</span> })}</td>
            <td><StatusBadge status=r.status/></td>
            <td>{r.assignee.unwrap_or_else(|| "—".into())}</td>
        </tr>
    }
}
