//! `/search?q=…`: full-text search of the catalog with highlighted matches.
use domain::catalog::SEARCH_PAGE_SIZE;
use domain::search::Segment;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::catalog::{SearchBox, StageBadge};
use crate::components::islands::IslandScripts;
use crate::components::status::error_view;
use crate::i18n::use_i18n;
use crate::server_fns::catalog::search_services;

/// The search results page; works as a plain GET form without JavaScript.
#[component]
pub fn SearchPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let q = move || query.read().get("q").unwrap_or_default();
    let offset = move || query.read().get("from").and_then(|f| f.parse::<usize>().ok()).unwrap_or(0);
    let results = Resource::new(move || (q(), offset()), |(q, offset)| search_services(q, offset));
    view! {
        <Title text=i18n.t("search-title")/>
        <IslandScripts/>
        // The heading comes with the answer: a refused query shows its own page instead.
        <Suspense fallback=move || view! { <p>{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let typed = q();
                match results.await {
                    Err(e) => error_view(e),
                    Ok(_) if typed.trim().is_empty() => view! {
                        <h1>{i18n.t("search-title")}</h1>
                        <SearchBox value=typed/>
                        <p>{i18n.t("search-prompt")}</p>
                    }.into_any(),
                    Ok(found) if found.results.is_empty() => view! {
                        <h1>{i18n.t("search-title")}</h1>
                        <SearchBox value=typed.clone()/>
                        <section class="empty" role="status">
                            <h2>{i18n.t_with("search-nothing", &[("query", typed.into())])}</h2>
                            <ul>
                                <li>{i18n.t("search-hint-spelling")}</li>
                                <li>{i18n.t("search-hint-fewer")}</li>
                                <li><a href="/services">{i18n.t("search-hint-catalog")}</a></li>
                            </ul>
                        </section>
                    }.into_any(),
                    Ok(found) => {
                        let count = i18n.t_with("services-found", &[("count", found.total.into())]);
                        let next = found.offset + found.results.len();
                        let more = (next < found.total).then(|| {
                            let href = format!("/search?q={}&from={next}", encode_query(&typed));
                            view! { <p><a class="button secondary" href=href rel="next">{i18n.t("search-more")}</a></p> }
                        });
                        let previous = (found.offset > 0).then(|| {
                            let from = found.offset.saturating_sub(SEARCH_PAGE_SIZE);
                            let href = format!("/search?q={}&from={from}", encode_query(&typed));
                            view! { <p><a href=href rel="prev">{i18n.t("search-previous")}</a></p> }
                        });
                        view! {
                            <h1>{i18n.t("search-title")}</h1>
                            <SearchBox value=typed/>
                            <p class="result-count" role="status">{count}</p>
                            <ul class="service-list">
                                {found.results.into_iter().map(|r| {
                                    let href = format!("/services/{}", r.service.code);
                                    view! {
                                        <li class="service-card">
                                            <h3><a href=href><Marked segments=r.title/></a></h3>
                                            <p><Marked segments=r.summary/></p>
                                            <p class="meta">
                                                <span class="department">{r.service.department}</span>
                                                <StageBadge stage=r.service.stage/>
                                            </p>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                            {previous}
                            {more}
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// Percent-encodes a query for a link.
fn encode_query(text: &str) -> String {
    text.bytes().map(|b| if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

/// Text with its matching words in `<mark>`.
#[component]
fn Marked(segments: Vec<Segment>) -> impl IntoView {
    segments.into_iter().map(|s| if s.hit { view! { <mark>{s.text}</mark> }.into_any() } else { s.text.into_any() }).collect_view()
}
