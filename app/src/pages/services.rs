//! `/services`: the catalog list with filters by category, life situation, department,
//! municipality and electronic stage. A plain GET form, so filtering works without JavaScript.
use domain::catalog::{CatalogFilter, Link};
use domain::stage::Stage;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

use crate::components::catalog::{SearchBox, ServiceCardView};
use crate::components::islands::IslandScripts;
use crate::components::status::error_view;
use crate::error::PortalError;
use crate::i18n::use_i18n;
use crate::server_fns::catalog::list_services;

/// `/services?category=…&situation=…&department=…&municipality=…&stage=…`
#[component]
pub fn ServicesPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let filter = move || {
        let q = query.read();
        let param = |name: &str| q.get(name).filter(|v| !v.is_empty());
        CatalogFilter {
            category: param("category"),
            life_situation: param("situation"),
            department: param("department"),
            municipality: param("municipality"),
            stage: param("stage").and_then(|s| s.parse::<u8>().ok()).and_then(|n| Stage::try_from(n).ok()),
        }
    };
    // A stage that is none of the five is a bad request, like an unknown code.
    let bad_stage = move || query.read().get("stage").filter(|v| !v.is_empty()).is_some() && filter().stage.is_none();
    let list = Resource::new(
        move || (filter(), bad_stage()),
        |(filter, bad)| async move {
            if bad {
                return Err(PortalError::BadRequest);
            }
            list_services(filter).await
        },
    );
    view! {
        <Title text=i18n.t("services-title")/>
        <Meta name="description" content=i18n.t("home-lead")/>
        <IslandScripts/>
        // The heading comes with the answer: a refused filter shows its own page instead.
        <Suspense fallback=move || view! { <p>{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let current = filter();
                match list.await {
                    Err(e) => error_view(e),
                    Ok(list) => {
                        let found = i18n.t_with("services-found", &[("count", list.services.len().into())]);
                        let o = list.options;
                        let stages: Vec<Link> = (1..=5u8)
                            .map(|n| Link { code: n.to_string(), title: format!("{n}. {}", i18n.t(&format!("stage-{n}"))) })
                            .collect();
                        let stage = current.stage.map(|s| s.number().to_string());
                        view! {
                            <h1>{i18n.t("services-title")}</h1>
                            <SearchBox/>
                            <form class="filters" method="get" action="/services">
                                <FilterSelect name="category" label=i18n.t("services-filter-category") any=i18n.t("services-filter-all") options=o.categories selected=current.category/>
                                <FilterSelect name="situation" label=i18n.t("services-filter-life-situation") any=i18n.t("services-filter-any") options=o.life_situations selected=current.life_situation/>
                                <FilterSelect name="department" label=i18n.t("services-filter-department") any=i18n.t("services-filter-any") options=o.departments selected=current.department/>
                                <FilterSelect name="municipality" label=i18n.t("services-filter-municipality") any=i18n.t("services-filter-any") options=o.municipalities selected=current.municipality/>
                                <FilterSelect name="stage" label=i18n.t("services-filter-stage") any=i18n.t("services-filter-any") options=stages selected=stage/>
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

/// One labelled filter: "any" plus the options, the current one selected.
#[component]
fn FilterSelect(name: &'static str, label: String, any: String, options: Vec<Link>, selected: Option<String>) -> impl IntoView {
    let id = format!("filter-{name}");
    let selected = selected.unwrap_or_default();
    view! {
        <div class="filter">
            <label for=id.clone()>{label}</label>
            <select id=id name=name>
                <option value="">{any}</option>
                {options.into_iter().map(|o| {
                    let is_selected = o.code == selected;
                    view! { <option value=o.code selected=is_selected>{o.title}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}
