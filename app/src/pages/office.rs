//! `/office`: the back office entry for clerks and heads.
use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::status::loaded_or_status;
use crate::i18n::use_i18n;
use crate::server_fns::office::get_office_home;

/// The back office; citizens get "no access", visitors are asked to log in.
#[component]
pub fn OfficePage() -> impl IntoView {
    let i18n = use_i18n();
    let home = Resource::new(|| (), |_| get_office_home());
    view! {
        <Suspense fallback=move || view! { <p>{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                loaded_or_status(home.await, |home| view! {
                    <Title text=i18n.t("office-title")/>
                    <h1>{i18n.t("office-title")}</h1>
                    <p class="lead">{i18n.t("office-lead")}</p>
                    <h2>{i18n.t("office-departments")}</h2>
                    <ul>
                        {home.departments.into_iter().map(|d| view! {
                            <li><a href=format!("/departments/{}", d.code)>{d.title}</a></li>
                        }).collect_view()}
                    </ul>
                })
            })}
        </Suspense>
    }
}
