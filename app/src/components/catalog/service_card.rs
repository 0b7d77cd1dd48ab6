//! A service in a list.
use domain::catalog::ServiceCard;
use leptos::prelude::*;

use super::StageBadge;
use crate::i18n::use_i18n;

/// One service as a list item linking to its page.
#[component]
pub fn ServiceCardView(service: ServiceCard) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/services/{}", service.code);
    view! {
        <li class="service-card">
            <h3><a href=href>{service.title}</a></h3>
            <p>{service.summary}</p>
            <p class="meta">
                <span class="department">{service.department}</span>
                <StageBadge stage=service.stage/>
                {service.priority.then(|| view! { <span class="badge priority">{i18n.t("priority-badge")}</span> })}
            </p>
        </li>
    }
}
