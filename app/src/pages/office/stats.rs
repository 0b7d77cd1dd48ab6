//! `/office/stats`: the head's figures for their departments.
use domain::office::HeadView;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::status::loaded_or_status;
use crate::i18n::use_i18n;
use crate::server_fns::office::get_head_view;

/// Load per clerk, overdue applications per service and processing times.
#[component]
pub fn HeadStatsPage() -> impl IntoView {
    let i18n = use_i18n();
    let view = Resource::new(|| (), |_| get_head_view());
    view! {
        <Title text=i18n.t("office-stats-title")/>
        <Suspense fallback=move || view! { <p>{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move { loaded_or_status(view.await, |v| view! { <Stats v=v/> }) })}
        </Suspense>
    }
}

#[component]
fn Stats(v: HeadView) -> impl IntoView {
    let i18n = use_i18n();
    let average = format!("{:.1}", v.average_days);
    view! {
        <p><a href="/office">"← "{i18n.t("office-back")}</a></p>
        <h1>{i18n.t("office-stats-title")}</h1>
        <dl class="figures">
            <div><dt>{i18n.t("office-stats-unassigned")}</dt><dd>{v.unassigned}</dd></div>
            <div><dt>{i18n.t_with("office-stats-decided", &[("days", v.period_days.into())])}</dt><dd>{v.decided}</dd></div>
            <div><dt>{i18n.t("office-stats-average")}</dt><dd>{average}</dd></div>
            <div><dt>{i18n.t("office-stats-p90")}</dt><dd>{v.p90_days}</dd></div>
        </dl>
        <h2 id="load-heading">{i18n.t("office-stats-load")}</h2>
        <div class="table-scroll" role="region" aria-labelledby="load-heading" tabindex="0">
            <table class="queue-table">
                <thead><tr>
                    <th scope="col">{i18n.t("office-col-assignee")}</th>
                    <th scope="col" class="number">{i18n.t("status-in_review")}</th>
                    <th scope="col" class="number">{i18n.t("status-awaiting_applicant")}</th>
                </tr></thead>
                <tbody>
                    {v.load.into_iter().map(|l| view! {
                        <tr><th scope="row">{l.name}</th><td class="number">{l.in_review}</td><td class="number">{l.awaiting}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <h2 id="overdue-heading">{i18n.t("office-stats-overdue")}</h2>
        {if v.overdue.is_empty() {
            view! { <p class="empty">{i18n.t("office-stats-none-overdue")}</p> }.into_any()
        } else {
            view! {
                <div class="table-scroll" role="region" aria-labelledby="overdue-heading" tabindex="0">
                    <table class="queue-table">
                        <thead><tr>
                            <th scope="col">{i18n.t("office-col-service")}</th>
                            <th scope="col" class="number">{i18n.t("office-stats-count")}</th>
                        </tr></thead>
                        <tbody>
                            {v.overdue.into_iter().map(|(service, n)| view! {
                                <tr class="urgency-overdue"><th scope="row">{service}</th><td class="number">{n}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
    }
}
