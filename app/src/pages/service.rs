//! `/services/{code}`: one service.
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use crate::components::catalog::StageBadge;
use crate::components::status::{NotFound, Unavailable};
use crate::i18n::use_i18n;
use crate::server_fns::catalog::get_service;

/// The service page; unknown or unpublished codes get the 404 page.
#[component]
pub fn ServicePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let service = Resource::new(move || params.read().get("code").unwrap_or_default(), get_service);
    view! {
        <Suspense fallback=move || view! { <p>{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                match service.await {
                    Err(_) => view! { <Unavailable/> }.into_any(),
                    Ok(None) => view! { <NotFound/> }.into_any(),
                    Ok(Some(s)) => view! {
                        <Title text=s.title.clone()/>
                        <Meta name="description" content=s.summary.clone()/>
                        <article class="service">
                            <p><a href="/services">"← "{i18n.t("service-back")}</a></p>
                            <h1>{s.title}</h1>
                            <p class="lead">{s.summary}</p>
                            <dl class="passport">
                                <dt>{i18n.t("service-department")}</dt>
                                <dd>{s.department}</dd>
                                <dt>{i18n.t("service-stage")}</dt>
                                <dd><StageBadge stage=s.stage/></dd>
                            </dl>
                            {s.priority.then(|| view! { <p><span class="badge priority">{i18n.t("priority-badge")}</span></p> })}
                        </article>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
