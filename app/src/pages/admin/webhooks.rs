//! `/admin/webhooks`: the log of deliveries to departments' systems (which event, to whom, in
//! which state after how many attempts, the last error) with a button to send a delivered or
//! given-up one again; the button posts a plain form and the page says what was done, so it works
//! without JavaScript.
use domain::webhook::{may_replay, DeliveryProblem, DeliveryView};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::status::loaded_or_status;
use crate::format;
use crate::i18n::{use_i18n, I18n};
use crate::server_fns::admin::get_webhooks;

/// The operator's log of webhook deliveries.
#[component]
pub fn WebhooksPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let log = Resource::new(|| (), |_| get_webhooks());
    let replayed = move || query.read().get("done").is_some_and(|d| d == "replayed");
    view! {
        <Title text=i18n.t("webhooks-title")/>
        <p><a href="/admin/api-clients">"← "{i18n.t("api-clients-title")}</a></p>
        <h1>{i18n.t("webhooks-title")}</h1>
        <p class="lead">{i18n.t("webhooks-lead")}</p>
        {move || replayed().then(|| view! {
            <div class="notice success" role="status"><p>{i18n.t("webhooks-done-replayed")}</p></div>
        })}
        <Suspense fallback=move || view! { <p>{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move { loaded_or_status(log.await, move |rows| deliveries(i18n, rows)) })}
        </Suspense>
    }
}

fn deliveries(i18n: I18n, rows: Vec<DeliveryView>) -> AnyView {
    if rows.is_empty() {
        return view! { <p class="empty">{i18n.t("webhooks-empty")}</p> }.into_any();
    }
    view! {
        <div class="table-scroll" role="region" aria-labelledby="webhooks-caption" tabindex="0">
            <table class="queue-table">
                <caption id="webhooks-caption">{i18n.t("webhooks-list")}</caption>
                <thead><tr>
                    <th scope="col">{i18n.t("webhooks-col-when")}</th>
                    <th scope="col">{i18n.t("webhooks-col-system")}</th>
                    <th scope="col">{i18n.t("webhooks-col-event")}</th>
                    <th scope="col">{i18n.t("webhooks-col-number")}</th>
                    <th scope="col">{i18n.t("webhooks-col-state")}</th>
                    <th scope="col">{i18n.t("webhooks-col-attempts")}</th>
                    <th scope="col"><span class="visually-hidden">{i18n.t("webhooks-replay")}</span></th>
                </tr></thead>
                <tbody>{rows.into_iter().map(|d| delivery_row(i18n, d)).collect_view()}</tbody>
            </table>
        </div>
    }
    .into_any()
}

fn delivery_row(i18n: I18n, d: DeliveryView) -> impl IntoView {
    let replay = may_replay(d.state).then(|| {
        let what = [i18n.t(d.event.message_key()), d.number.clone().unwrap_or_default(), d.client.clone()].join(", ");
        let label = i18n.t_with("webhooks-replay-label", &[("what", what.into())]);
        view! {
            <form method="post" action=format!("/admin/webhooks/{}/replay", d.id)>
                <button type="submit" class="button secondary" aria-label=label>{i18n.t("webhooks-replay")}</button>
            </form>
        }
    });
    let state_class = format!("webhook-state {}", d.state.as_str());
    view! {
        <tr>
            <td>{format::date_time(&d.created_at)}</td>
            <td>{d.client}</td>
            <td>{i18n.t(d.event.message_key())}</td>
            <td>{d.number.unwrap_or_default()}</td>
            <td>
                <span class=state_class>{i18n.t(&format!("webhook-state-{}", d.state.as_str()))}</span>
                {d.done_at.map(|at| view! { <br/><span class="muted">{format::date_time(&at)}</span> })}
                {d.problem.map(|p| {
                    let status = match p { DeliveryProblem::Answered(s) => s.to_string(), _ => String::new() };
                    view! { <br/><span class="muted">{i18n.t_with(p.message_key(), &[("status", status.into())])}</span> }
                })}
            </td>
            <td>{d.attempts}</td>
            <td>{replay}</td>
        </tr>
    }
}
