//! Charts drawn on the server as SVG (no script needed): columns, stacked by series, and
//! horizontal bars. A chart is a picture of the table beside it, which is the real content:
//! every chart is `aria-hidden`, its colours come from classes (`.chart-s0` …) that the
//! low-vision mode turns black and white, and its figures stay in the table.
use domain::dashboard::{nice_ceiling, scale, ticks, Labels, Table};
use fluent_bundle::FluentValue;
use leptos::prelude::*;

use crate::i18n::I18n;

impl Labels for I18n {
    fn label(&self, key: &str, args: &[(&str, i64)]) -> String {
        let args: Vec<(&str, FluentValue<'_>)> = args.iter().map(|(k, v)| (*k, FluentValue::from(*v))).collect();
        self.t_with(key, &args)
    }
}

/// Width of every chart in SVG units (it scales to its box).
const WIDTH: f64 = 640.0;
/// Room for the value axis on the left.
const LEFT: f64 = 44.0;
/// Room above the plot.
const TOP: f64 = 16.0;
/// Room for the category labels below.
const BOTTOM: f64 = 30.0;

/// Coordinates as SVG wants them: one decimal.
fn at(v: f64) -> String {
    format!("{v:.1}")
}

/// Columns per category, each stacked from `series` (class `chart-s<i>` in order), with a grid
/// of round values; every `label_every`-th category is named under its column, and with few
/// columns each total is written on top.
#[component]
pub fn ColumnChart(
    categories: Vec<String>,
    series: Vec<Vec<i64>>,
    #[prop(default = 1)] label_every: usize,
    #[prop(default = 260.0)] height: f64,
) -> impl IntoView {
    let n = categories.len().max(1);
    let totals: Vec<i64> = (0..categories.len()).map(|i| series.iter().map(|s| s.get(i).copied().unwrap_or(0)).sum()).collect();
    let ceiling = nice_ceiling(totals.iter().copied().max().unwrap_or(0));
    let plot_h = height - TOP - BOTTOM;
    let plot_w = WIDTH - LEFT - 8.0;
    let slot = plot_w / n as f64;
    let bar_w = (slot * 0.7).max(1.0);
    let y_of = move |v: i64| TOP + plot_h - scale(v, ceiling, plot_h);
    let grid = ticks(ceiling)
        .into_iter()
        .map(|t| {
            let y = at(y_of(t));
            view! {
                <line class="chart-grid" x1=at(LEFT) x2=at(WIDTH - 8.0) y1=y.clone() y2=y.clone()/>
                <text class="chart-text" x=at(LEFT - 6.0) y=y dy="0.35em" text-anchor="end">{t.to_string()}</text>
            }
        })
        .collect_view();
    let show_totals = categories.len() <= 12;
    let columns = categories
        .into_iter()
        .enumerate()
        .map(|(i, label)| {
            let x = LEFT + slot * i as f64 + (slot - bar_w) / 2.0;
            let mut base = 0;
            let segments = series
                .iter()
                .enumerate()
                .filter_map(|(k, s)| {
                    let v = s.get(i).copied().unwrap_or(0);
                    if v <= 0 {
                        return None;
                    }
                    let (y_top, y_bottom) = (y_of(base + v), y_of(base));
                    base += v;
                    Some(view! { <rect class=format!("chart-bar chart-s{k}") x=at(x) y=at(y_top) width=at(bar_w) height=at(y_bottom - y_top)/> })
                })
                .collect_view();
            let centre = at(x + bar_w / 2.0);
            let name = (i % label_every.max(1) == 0).then(|| {
                view! {
                    <text class="chart-text" x=centre.clone() y=at(height - 10.0) text-anchor="middle">{label}</text>
                }
            });
            let total = (show_totals && totals[i] > 0).then(|| {
                view! {
                    <text class="chart-text chart-value" x=centre.clone() y=at(y_of(totals[i]) - 4.0) text-anchor="middle">{totals[i].to_string()}</text>
                }
            });
            view! { <g>{segments}{name}{total}</g> }
        })
        .collect_view();
    view! {
        <svg class="chart" viewBox=format!("0 0 {WIDTH} {height}") aria-hidden="true" focusable="false">
            {grid}
            <line class="chart-axis" x1=at(LEFT) x2=at(WIDTH - 8.0) y1=at(TOP + plot_h) y2=at(TOP + plot_h)/>
            {columns}
        </svg>
    }
    .into_any()
}

/// One horizontal bar per row, its name above it and its value after it; `classes` gives each
/// bar's colour class (`chart-s0` when missing).
#[component]
pub fn BarChart(rows: Vec<(String, i64)>, #[prop(optional)] classes: Vec<&'static str>) -> impl IntoView {
    const ROW: f64 = 46.0;
    let ceiling = nice_ceiling(rows.iter().map(|(_, v)| *v).max().unwrap_or(0));
    let height = ROW * rows.len().max(1) as f64 + 8.0;
    let length = WIDTH - 80.0;
    let bars = rows
        .into_iter()
        .enumerate()
        .map(|(i, (name, value))| {
            let y = 4.0 + ROW * i as f64;
            let w = scale(value, ceiling, length);
            let class = format!("chart-bar {}", classes.get(i).copied().unwrap_or("chart-s0"));
            view! {
                <text class="chart-text" x="0" y=at(y + 14.0)>{name}</text>
                <rect class=class x="0" y=at(y + 20.0) width=at(w.max(if value > 0 { 2.0 } else { 0.0 })) height="18"/>
                <line class="chart-axis" x1="0" x2="0" y1=at(y + 18.0) y2=at(y + 40.0)/>
                <text class="chart-text chart-value" x=at(w + 8.0) y=at(y + 34.0)>{value.to_string()}</text>
            }
        })
        .collect_view();
    view! {
        <svg class="chart" viewBox=format!("0 0 {WIDTH} {height}") aria-hidden="true" focusable="false">
            {bars}
        </svg>
    }
    .into_any()
}

/// The colour key of a stacked chart: one swatch per series name, in series order.
#[component]
pub fn Legend(names: Vec<String>) -> impl IntoView {
    view! {
        <ul class="chart-legend" aria-hidden="true">
            {names.into_iter().enumerate().map(|(k, name)| view! {
                <li><svg class="chart-swatch" viewBox="0 0 14 14" focusable="false"><rect class=format!("chart-bar chart-s{k}") x="1" y="1" width="12" height="12"/></svg>{name}</li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// A chart's data table: the first cell of each row names it; the other cells are figures.
/// Labelled by the heading `labelled_by`; scrolls by itself when wider than the page.
#[component]
pub fn DataTable(table: Table, labelled_by: String, caption: String) -> impl IntoView {
    view! {
        <div class="table-scroll" role="region" aria-labelledby=labelled_by tabindex="0">
            <table class="queue-table chart-table">
                <caption class="visually-hidden">{caption}</caption>
                <thead><tr>
                    {table.head.into_iter().enumerate().map(|(i, h)| {
                        let class = if i == 0 { "" } else { "number" };
                        view! { <th scope="col" class=class>{h}</th> }
                    }).collect_view()}
                </tr></thead>
                <tbody>
                    {table.rows.into_iter().map(|row| {
                        let mut cells = row.into_iter();
                        let name = cells.next().unwrap_or_default();
                        view! {
                            <tr>
                                <th scope="row">{name}</th>
                                {cells.map(|c| view! { <td class="number">{c}</td> }).collect_view()}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
