//! `/admin/federation`: how delivery goes, for messages to the federal portal and for emails:
//! counts, the messages parked after their last attempt with the last answer, and retrying them
//! (one or all).
use domain::federation::DeliveryHealth;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::status::loaded_or_status;
use crate::format;
use crate::i18n::use_i18n;
use crate::server_fns::admin::get_delivery_health;

/// The operator's view of the deliveries.
#[component]
pub fn FederationPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let retried = move || query.read().get("retried").and_then(|n| n.parse::<u64>().ok());
    let health = Resource::new(|| (), |_| get_delivery_health());
    view! {
        <Title text=i18n.t("federation-title")/>
        <p><a href="/admin">"← "{i18n.t("admin-title")}</a></p>
        <h1>{i18n.t("federation-title")}</h1>
        <p class="lead">{i18n.t("federation-lead")}</p>
        {move || retried().map(|n| view! {
            <div class="notice success" role="status"><p>{i18n.t_with("federation-retried", &[("count", n.into())])}</p></div>
        })}
        <Suspense fallback=move || view! { <p>{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                loaded_or_status(health.await, move |(federal, email)| view! {
                    <Delivery health=federal topic="federal"/>
                    <h2 id="email-heading">{i18n.t("federation-email")}</h2>
                    <p>{i18n.t("federation-email-lead")}</p>
                    <Delivery health=email topic="email"/>
                })
            })}
        </Suspense>
    }
}

/// Counts and parked messages of one topic, with the retry forms.
#[component]
fn Delivery(health: DeliveryHealth, topic: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let h = health;
    let failed_class = if h.failed > 0 { "figure-alert" } else { "" };
    let heading = format!("parked-{topic}");
    view! {
        <dl class="figures">
            <div><dt>{i18n.t("federation-pending")}</dt><dd>{h.pending}</dd></div>
            <div class=failed_class><dt>{i18n.t("federation-failed")}</dt><dd>{h.failed}</dd></div>
            <div><dt>{i18n.t("federation-delivered")}</dt><dd>{h.delivered}</dd></div>
        </dl>
        {h.oldest_pending.map(|at| view! { <p>{i18n.t_with("federation-oldest", &[("at", format::date_time(&at).into())])}</p> })}
        <h3 id=heading.clone()>{i18n.t("federation-parked")}</h3>
        {if h.parked.is_empty() {
            view! { <p class="empty">{i18n.t("federation-parked-none")}</p> }.into_any()
        } else {
            view! {
                <form method="post" action="/admin/federation/retry">
                    <input type="hidden" name="topic" value=topic/>
                    <button type="submit" class="button">{i18n.t("federation-retry-all")}</button>
                </form>
                <div class="table-scroll" role="region" aria-labelledby=heading tabindex="0">
                    <table class="queue-table">
                        <thead><tr>
                            <th scope="col">{i18n.t("office-col-number")}</th>
                            <th scope="col">{i18n.t("federation-col-kind")}</th>
                            <th scope="col" class="number">{i18n.t("federation-col-attempts")}</th>
                            <th scope="col">{i18n.t("federation-col-error")}</th>
                            <th scope="col">{i18n.t("federation-col-parked")}</th>
                            <th scope="col"><span class="visually-hidden">{i18n.t("federation-retry")}</span></th>
                        </tr></thead>
                        <tbody>
                            {h.parked.into_iter().map(|m| {
                                let number = m.number.clone().unwrap_or_else(|| "—".into());
                                let label = i18n.t_with("federation-retry-one", &[("number", number.clone().into())]);
                                view! {
                                    <tr>
                                        <th scope="row">{number}</th>
                                        <td>{i18n.t(&format!("federation-kind-{}", m.kind))}</td>
                                        <td class="number">{m.attempts}</td>
                                        <td class="error-text">{m.last_error}</td>
                                        <td>{format::date_time(&m.parked_at)}</td>
                                        <td>
                                            <form method="post" action="/admin/federation/retry">
                                                <input type="hidden" name="topic" value=topic/>
                                                <input type="hidden" name="id" value=m.id.to_string()/>
                                                <button type="submit" class="button secondary" aria-label=label>{i18n.t("federation-retry")}</button>
                                            </form>
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
    }
}
