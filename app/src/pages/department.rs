//! `/departments/{code}`: a department's contacts and services.
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use crate::components::catalog::{DepartmentContacts, ServiceCardView};
use crate::components::status::found_or_status;
use crate::i18n::use_i18n;
use crate::server_fns::catalog::get_department;

/// The department page; unknown or unpublished codes get the 404 page.
#[component]
pub fn DepartmentPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let page = Resource::new(move || params.read().get("code").unwrap_or_default(), get_department);
    view! {
        <Suspense fallback=move || view! { <p>{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                found_or_status(page.await, |p| view! {
                    <Title text=p.department.name.clone()/>
                    <Meta name="description" content=p.department.name.clone()/>
                    <h1>{p.department.name.clone()}</h1>
                    <DepartmentContacts department=p.department/>
                    <h2>{i18n.t("department-services")}</h2>
                    <ul class="service-list">
                        {p.services.into_iter().map(|s| view! { <ServiceCardView service=s/> }).collect_view()}
                    </ul>
                })
            })}
        </Suspense>
    }
}
