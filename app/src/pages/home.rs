//! Home page: search box, categories and priority services.
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::components::catalog::{SearchBox, ServiceCardView};
use crate::components::islands::IslandScripts;
use crate::components::status::Unavailable;
use crate::i18n::use_i18n;
use crate::server_fns::catalog::get_home;

/// `/`
#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let home = Resource::new(|| (), |_| get_home());
    view! {
        <Title text=i18n.t("home-title")/>
        <Meta name="description" content=i18n.t("home-lead")/>
        <section class="hero">
            <h1>{i18n.t("home-title")}</h1>
            <p class="lead">{i18n.t("home-lead")}</p>
            <SearchBox/>
        </section>
        <IslandScripts/>
        <Suspense fallback=move || view! { <p>{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                match home.await {
                    Err(_) => view! { <Unavailable/> }.into_any(),
                    Ok(home) => view! {
                        <section aria-labelledby="categories-title">
                            <h2 id="categories-title">{i18n.t("categories-title")}</h2>
                            <ul class="category-grid">
                                {home.categories.into_iter().map(|c| {
                                    let href = format!("/services?category={}", c.code);
                                    let count = i18n.t_with("category-services", &[("count", c.services.into())]);
                                    view! {
                                        <li><a class="category-tile" href=href>
                                            <span class="category-title">{c.title}</span>
                                            <span class="category-count">{count}</span>
                                        </a></li>
                                    }
                                }).collect_view()}
                            </ul>
                        </section>
                        <section aria-labelledby="situations-title">
                            <h2 id="situations-title">{i18n.t("life-situations-title")}</h2>
                            <ul class="category-grid">
                                {home.life_situations.into_iter().map(|l| view! {
                                    <li><a class="category-tile" href=format!("/life-situations/{}", l.code)>
                                        <span class="category-title">{l.title}</span>
                                    </a></li>
                                }).collect_view()}
                            </ul>
                        </section>
                        <section aria-labelledby="priority-title">
                            <h2 id="priority-title">{i18n.t("priority-title")}</h2>
                            <ul class="service-list">
                                {home.priority.into_iter().map(|s| view! { <ServiceCardView service=s/> }).collect_view()}
                            </ul>
                        </section>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
