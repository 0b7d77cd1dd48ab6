//! `/services`: the catalog list, filtered by category.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::catalog::ServiceCardView;
use crate::components::status::Unavailable;
use crate::i18n::use_i18n;
use crate::pages::home::SearchBox;
use crate::server_fns::catalog::list_services;

/// `/services?category=…`
#[component]
pub fn ServicesPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let category = move || query.read().get("category");
    let list = Resource::new(category, list_services);
    view! {
        <Title text=i18n.t("services-title")/>
        <h1>{i18n.t("services-title")}</h1>
        <Suspense fallback=move || view! { <p>{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let selected = category().unwrap_or_default();
                match list.await {
                    Err(_) => view! { <Unavailable/> }.into_any(),
                    Ok(list) => {
                        let found = i18n.t_with("services-found", &[("count", list.services.len().into())]);
                        view! {
                            <SearchBox/>
                            <form class="filters" method="get" action="/services">
                                <label for="filter-category">{i18n.t("services-filter-category")}</label>
                                <select id="filter-category" name="category">
                                    <option value="">{i18n.t("services-filter-all")}</option>
                                    {list.categories.into_iter().map(|c| {
                                        let is_selected = c.code == selected;
                                        view! { <option value=c.code selected=is_selected>{c.title}</option> }
                                    }).collect_view()}
                                </select>
                                <button type="submit" class="button secondary">{i18n.t("services-filter-apply")}</button>
                            </form>
                            <p class="result-count" role="status">{found}</p>
                            {if list.services.is_empty() {
                                view! { <p class="empty">{i18n.t("services-none")}</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="service-list">
                                        {list.services.into_iter().map(|s| view! { <ServiceCardView service=s/> }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}
