//! `/admin/dashboard?from=…&to=…`: the operator's progress dashboards. Five charts, each an SVG
//! picture beside its data table and a link to the same table as a CSV file
//! (`/admin/dashboard.csv?chart=…`); the period is a plain GET form, so it all works without
//! JavaScript. What each chart counts: `docs/dashboards.md`.
use domain::dashboard::{Chart, Dashboard, DashboardAnswer, CHART_SERIES};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::charts::{BarChart, ColumnChart, DataTable, Legend};
use crate::components::status::loaded_or_status;
use crate::format;
use crate::host::set_status;
use crate::i18n::use_i18n;
use crate::server_fns::admin::get_dashboard;

/// The dashboards of the chosen period; a period that cannot be read is answered with 400 and
/// the sentence saying why, above the form to correct it.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let args = move || {
        let q = query.read();
        (q.get("from"), q.get("to"))
    };
    let data = Resource::new(args, |(from, to)| get_dashboard(from, to));
    view! {
        <Title text=i18n.t("dash-title")/>
        <p><a href="/admin">"← "{i18n.t("admin-title")}</a></p>
        <h1>{i18n.t("dash-title")}</h1>
        <p class="lead">{i18n.t("dash-lead")}</p>
        <Suspense fallback=move || view! { <p>{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let (from, to) = args();
                loaded_or_status(data.await, move |answer| match answer {
                    DashboardAnswer::Ready(d) => view! {
                        <PeriodForm from=d.from.clone() to=d.to.clone()/>
                        <Charts d=*d/>
                    }
                    .into_any(),
                    DashboardAnswer::BadPeriod(problem) => {
                        set_status(400);
                        view! {
                            <div class="notice error" role="alert">
                                <h2>{i18n.t("dash-period-problem")}</h2>
                                <p>{i18n.t(problem.message_key())}</p>
                            </div>
                            <PeriodForm from=from.unwrap_or_default() to=to.unwrap_or_default()/>
                        }
                        .into_any()
                    }
                })
            })}
        </Suspense>
    }
}

/// The period form, by GET to this page.
#[component]
fn PeriodForm(from: String, to: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <form method="get" action="/admin/dashboard" class="inline-form dash-period">
            <label for="dash-from">{i18n.t("dash-from")}</label>
            <input type="date" id="dash-from" name="from" value=from/>
            <label for="dash-to">{i18n.t("dash-to")}</label>
            <input type="date" id="dash-to" name="to" value=to/>
            <button type="submit" class="button">{i18n.t("dash-show")}</button>
        </form>
    }
}

/// The five charts of `d`.
#[component]
fn Charts(d: Dashboard) -> impl IntoView {
    let i18n = use_i18n();
    let period = i18n.t_with("dash-period-shown", &[("from", format::date(&d.from).into()), ("to", format::date(&d.to).into())]);
    let today = format::date(&d.today);
    let csv = {
        let (from, to) = (d.from.clone(), d.to.clone());
        move |chart: Chart| format!("/admin/dashboard.csv?chart={}&from={from}&to={to}", chart.as_str())
    };
    let download = move |chart: Chart| {
        let href = csv(chart);
        view! { <p><a href=href rel="external" download="">{i18n.t("dash-csv")}</a></p> }
    };
    let table = |chart: Chart, applications: &domain::dashboard::DailyApplications| d.table(chart, applications, &i18n);

    // 1. Stages.
    let s = &d.stages;
    let stage_series = vec![s.priority.to_vec(), s.all.iter().zip(&s.priority).map(|(a, p)| a - p).collect()];
    let online_share = if s.priority_total() > 0 { s.priority_online() as f64 / s.priority_total() as f64 } else { 0.0 };
    let stages_table = table(Chart::Stages, &d.applications);
    let progress_text = i18n.t_with("dash-priority-online", &[("online", s.priority_online().into()), ("total", s.priority_total().into())]);
    let progress_width = format!("{:.1}", online_share * 400.0);

    // 2. Applications per day.
    let other = i18n.t("dash-other-services");
    let folded = d.applications.folded(CHART_SERIES, &other);
    let day_labels: Vec<String> = folded.days.iter().map(|day| format::date(day).get(0..5).unwrap_or_default().to_owned()).collect();
    let label_every = day_labels.len().div_ceil(10).max(1);
    let applications_total: i64 = folded.totals().iter().sum();
    let applications_series: Vec<Vec<i64>> = folded.series.iter().map(|s| s.counts.clone()).collect();
    let legend: Vec<String> = folded.series.iter().map(|s| s.title.clone()).collect();
    let applications_table = table(Chart::Applications, &folded);

    // 3. Processing times.
    let buckets: Vec<String> = d.processing.buckets.iter().map(|b| b.short_label()).collect();
    let bucket_counts: Vec<i64> = d.processing.buckets.iter().map(|b| b.count).collect();
    let processing_table = table(Chart::Processing, &d.applications);

    // 4. Overdue.
    let overdue_rows: Vec<(String, i64)> = d.overdue.iter().map(|o| (o.name.clone(), o.overdue)).collect();
    let overdue_total: i64 = d.overdue.iter().map(|o| o.overdue).sum();
    let overdue_table = table(Chart::Overdue, &d.applications);

    // 5. Delivery.
    let delivery_table = table(Chart::Delivery, &d.applications);
    let delivery_rows: Vec<(String, i64)> = delivery_table.rows.iter().map(|r| (r[0].clone(), r[1].parse().unwrap_or(0))).collect();
    let oldest = d.delivery.oldest_pending.clone();

    let intro = view! {
        <p>{period}</p>
        <nav aria-labelledby="dash-contents"><h2 id="dash-contents" class="visually-hidden">{i18n.t("dash-contents")}</h2><ul class="dash-contents">
            <li><a href="#dash-stages">{i18n.t("dash-stages-title")}</a></li>
            <li><a href="#dash-applications">{i18n.t("dash-applications-title")}</a></li>
            <li><a href="#dash-processing">{i18n.t("dash-processing-title")}</a></li>
            <li><a href="#dash-overdue">{i18n.t("dash-overdue-title")}</a></li>
            <li><a href="#dash-delivery">{i18n.t("dash-delivery-title")}</a></li>
        </ul></nav>
    }
    .into_any();
    let stages = view! {
        <section class="dash-section" aria-labelledby="dash-stages">
            <h2 id="dash-stages">{i18n.t("dash-stages-title")}</h2>
            <p>{i18n.t_with("dash-stages-lead", &[("today", today.clone().into())])}</p>
            <dl class="figures">
                <div><dt>{i18n.t("dash-priority-figure")}</dt><dd>{progress_text.clone()}</dd></div>
            </dl>
            <svg class="chart chart-progress" viewBox="0 0 400 24" aria-hidden="true" focusable="false">
                <rect class="chart-track" x="0" y="2" width="400" height="20"/>
                <rect class="chart-bar chart-s0" x="0" y="2" width=progress_width height="20"/>
            </svg>
            <div class="dash-chart">
                <figure>
                    <ColumnChart categories=(1..=5).map(|n: i32| n.to_string()).collect() series=stage_series/>
                    <Legend names=vec![i18n.t("dash-legend-priority"), i18n.t("dash-legend-other")]/>
                </figure>
                <DataTable table=stages_table labelled_by="dash-stages".into() caption=i18n.t("dash-stages-title")/>
            </div>
            {download(Chart::Stages)}
        </section>
    }
    .into_any();
    let applications = view! {
        <section class="dash-section" aria-labelledby="dash-applications">
            <h2 id="dash-applications">{i18n.t("dash-applications-title")}</h2>
            <p>{i18n.t_with("dash-applications-lead", &[("count", applications_total.into())])}</p>
            <div class="dash-chart dash-wide">
                <figure>
                    <ColumnChart categories=day_labels series=applications_series label_every=label_every/>
                    <Legend names=legend/>
                </figure>
                <DataTable table=applications_table labelled_by="dash-applications".into() caption=i18n.t("dash-applications-title")/>
            </div>
            {download(Chart::Applications)}
        </section>
    }
    .into_any();
    let processing = view! {
        <section class="dash-section" aria-labelledby="dash-processing">
            <h2 id="dash-processing">{i18n.t("dash-processing-title")}</h2>
            <p>{i18n.t_with("dash-processing-lead", &[("count", d.processing.decided.into())])}</p>
            <div class="dash-chart">
                <figure>
                    <ColumnChart categories=buckets series=vec![bucket_counts]/>
                    <p class="chart-axis-name" aria-hidden="true">{i18n.t("dash-col-working-days")}</p>
                </figure>
                <DataTable table=processing_table labelled_by="dash-processing".into() caption=i18n.t("dash-processing-title")/>
            </div>
            {download(Chart::Processing)}
        </section>
    }
    .into_any();
    let overdue = view! {
        <section class="dash-section" aria-labelledby="dash-overdue">
            <h2 id="dash-overdue">{i18n.t("dash-overdue-title")}</h2>
            <p>{i18n.t_with("dash-overdue-lead", &[("today", today.into()), ("count", overdue_total.into())])}</p>
            {if d.overdue.is_empty() {
                view! { <p class="empty">{i18n.t("dash-overdue-none")}</p> }.into_any()
            } else {
                view! {
                    <div class="dash-chart">
                        <figure><BarChart rows=overdue_rows classes=vec!["chart-alert"; d.overdue.len()]/></figure>
                        <DataTable table=overdue_table labelled_by="dash-overdue".into() caption=i18n.t("dash-overdue-title")/>
                    </div>
                }.into_any()
            }}
            {download(Chart::Overdue)}
        </section>
    }
    .into_any();
    let delivery = view! {
        <section class="dash-section" aria-labelledby="dash-delivery">
            <h2 id="dash-delivery">{i18n.t("dash-delivery-title")}</h2>
            <p>{i18n.t("dash-delivery-lead")}</p>
            <div class="dash-chart">
                <figure><BarChart rows=delivery_rows classes=vec!["chart-ok", "chart-s0", "chart-alert"]/></figure>
                <DataTable table=delivery_table labelled_by="dash-delivery".into() caption=i18n.t("dash-delivery-title")/>
            </div>
            {oldest.map(|at| view! { <p>{i18n.t_with("federation-oldest", &[("at", format::date_time(&at).into())])}</p> })}
            <p><a href="/admin/federation">{i18n.t("dash-delivery-more")}</a></p>
            {download(Chart::Delivery)}
        </section>
    }
    .into_any();
    view! { {intro}{stages}{applications}{processing}{overdue}{delivery} }
}
