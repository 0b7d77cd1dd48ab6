//! `/admin`: the regional operator's administration entry.
use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::status::loaded_or_status;
use crate::i18n::use_i18n;
use crate::server_fns::admin::get_admin_home;

/// The administration; only the operator may enter.
#[component]
pub fn AdminPage() -> impl IntoView {
    let i18n = use_i18n();
    let home = Resource::new(|| (), |_| get_admin_home());
    view! {
        <Suspense fallback=move || view! { <p>{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                loaded_or_status(home.await, |home| view! {
                    <Title text=i18n.t("admin-title")/>
                    <h1>{i18n.t("admin-title")}</h1>
                    <p class="lead">{i18n.t("admin-lead")}</p>
                    <dl class="passport">
                        <dt>{i18n.t("services-title")}</dt>
                        <dd>{home.services}</dd>
                        <dt>{i18n.t("profile-roles")}</dt>
                        <dd>{home.staff}</dd>
                    </dl>
                })
            })}
        </Suspense>
    }
}
