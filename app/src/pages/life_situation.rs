//! `/life-situations/{code}`: what to do in a life situation, and its services.
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use crate::components::catalog::ServiceCardView;
use crate::components::status::found_or_status;
use crate::i18n::use_i18n;
use crate::server_fns::catalog::get_life_situation;

/// The life situation page; unknown or unpublished codes get the 404 page.
#[component]
pub fn LifeSituationPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let page = Resource::new(move || params.read().get("code").unwrap_or_default(), get_life_situation);
    view! {
        <Suspense fallback=move || view! { <p>{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                found_or_status(page.await, |p| view! {
                    <Title text=p.title.clone()/>
                    <Meta name="description" content=p.summary.clone()/>
                    <h1>{p.title}</h1>
                    <p class="lead">{p.summary}</p>
                    <h2>{i18n.t("life-situation-services")}</h2>
                    <ul class="service-list">
                        {p.services.into_iter().map(|s| view! { <ServiceCardView service=s/> }).collect_view()}
                    </ul>
                })
            })}
        </Suspense>
    }
}
