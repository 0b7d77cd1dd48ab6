//! `/me/applications`: the person's applications with their status, filtered by `?shown=`.
use domain::application::Shown;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::status::loaded_or_status;
use crate::format;
use crate::i18n::use_i18n;
use crate::pages::application::StatusBadge;
use crate::server_fns::applications::list_applications;

/// The list, newest change first.
#[component]
pub fn MyApplicationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let shown = move || Shown::parse(&query.read().get("shown").unwrap_or_default());
    let list = Resource::new(shown, list_applications);
    view! {
        <Title text=i18n.t("my-applications-title")/>
        <h1>{i18n.t("my-applications-title")}</h1>
        <nav class="tabs" aria-label=i18n.t("my-applications-show")>
            {move || Shown::ALL.into_iter().map(|s| {
                let current = (s == shown()).then_some("page");
                view! { <a href=format!("/me/applications?shown={}", s.as_str()) aria-current=current>{i18n.t(&format!("shown-{}", s.as_str()))}</a> }
            }).collect_view()}
        </nav>
        <Suspense fallback=move || view! { <p>{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                loaded_or_status(list.await, |items| {
                    if items.is_empty() {
                        return view! { <p class="empty">{i18n.t("my-applications-none")}" "<a href="/services">{i18n.t("nav-services")}</a></p> }.into_any();
                    }
                    view! {
                        <ul class="application-list">
                            {items.into_iter().map(|a| {
                                let href = if a.status == domain::application::Status::Draft { format!("/applications/{}/edit/1", a.id) } else { format!("/applications/{}", a.id) };
                                let heading = a.number.clone().map_or_else(|| i18n.t("application-draft-title"), |n| i18n.t_with("application-title", &[("number", n.into())]));
                                view! {
                                    <li class="application-card">
                                        <h2><a href=href>{heading}</a></h2>
                                        <p>{a.service_title}</p>
                                        <p class="meta">
                                            <StatusBadge status=a.status/>
                                            <span>{i18n.t("my-applications-updated")}": "{format::date_time(&a.updated_at)}</span>
                                            {a.deadline.map(|d| view! { <span>{i18n.t("application-deadline")}": "{i18n.t_with("application-deadline-until", &[("date", format::date(&d).into())])}</span> })}
                                        </p>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }
                    .into_any()
                })
            })}
        </Suspense>
    }
}
