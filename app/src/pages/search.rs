//! `/search?q=…`: full-text search of the catalog with highlighted matches.
use domain::search::Segment;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::catalog::StageBadge;
use crate::components::status::Unavailable;
use crate::i18n::use_i18n;
use crate::pages::home::SearchBox;
use crate::server_fns::catalog::search_services;

/// The search results page; works as a plain GET form without JavaScript.
#[component]
pub fn SearchPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let q = move || query.read().get("q").unwrap_or_default();
    let results = Resource::new(q, search_services);
    view! {
        <Title text=i18n.t("search-title")/>
        <h1>{i18n.t("search-title")}</h1>
        <Suspense fallback=move || view! { <p>{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let typed = q();
                match results.await {
                    Err(_) => view! { <Unavailable/> }.into_any(),
                    Ok(_) if typed.trim().is_empty() => view! {
                        <SearchBox value=typed/>
                        <p>{i18n.t("search-prompt")}</p>
                    }.into_any(),
                    Ok(found) if found.is_empty() => view! {
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
                        let count = i18n.t_with("services-found", &[("count", found.len().into())]);
                        view! {
                            <SearchBox value=typed/>
                            <p class="result-count" role="status">{count}</p>
                            <ul class="service-list">
                                {found.into_iter().map(|r| {
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
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// Text with its matching words in `<mark>`.
#[component]
fn Marked(segments: Vec<Segment>) -> impl IntoView {
    segments
        .into_iter()
        .map(|s| if s.hit { view! { <mark>{s.text}</mark> }.into_any() } else { s.text.into_any() })
        .collect_view()
}
