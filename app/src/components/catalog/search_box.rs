//! The search form. Without JavaScript it is a plain GET form to `/search`; with JavaScript it
//! also suggests services while the visitor types, in a polite live region of links (an island).
use leptos::prelude::*;

use crate::components::islands::island_i18n;
use crate::server_fns::catalog::search_services;

/// Shortest query worth suggesting for.
const MIN_CHARS: usize = 2;
/// Most suggestions shown.
const MAX_SUGGESTIONS: usize = 8;

/// Search input with instant suggestions, starting from `value` (an island: its page writes
/// `<IslandScripts/>`).
#[component]
pub fn SearchBox(#[prop(optional)] value: String) -> impl IntoView {
    // Erased: the island's nested type would otherwise outgrow the compiler's limits in pages.
    view! { <SearchSuggest value/> }.into_any()
}

#[island]
fn SearchSuggest(value: String) -> impl IntoView {
    let i18n = island_i18n();
    let suggest = Action::new(|query: &String| {
        let query = query.clone();
        async move {
            if query.trim().chars().count() < MIN_CHARS {
                Ok(Vec::new())
            } else {
                search_services(query, 0).await.map(|page| page.results)
            }
        }
    });
    let suggestions = move || suggest.value().get().and_then(Result::ok).unwrap_or_default();
    view! {
        <form class="search-box" method="get" action="/search" role="search">
            <label for="search-q">{i18n.t("search-label")}</label>
            <div class="search-row">
                <input
                    id="search-q"
                    type="search"
                    name="q"
                    maxlength=domain::catalog::MAX_QUERY_CHARS
                    value=value
                    placeholder=i18n.t("search-placeholder")
                    autocomplete="off"
                    aria-describedby="search-suggestions"
                    on:input=move |ev| {
                        suggest.dispatch(event_target_value(&ev));
                    }
                />
                <button type="submit" class="button">{i18n.t("search-button")}</button>
            </div>
            <div id="search-suggestions" class="suggestions" aria-live="polite">
                {move || {
                    let found = suggestions();
                    (!found.is_empty()).then(|| view! {
                        <p class="visually-hidden">{i18n.t_with("services-found", &[("count", found.len().into())])}</p>
                        <ul>
                            {found.into_iter().take(MAX_SUGGESTIONS).map(|r| view! {
                                <li><a href=format!("/services/{}", r.service.code)>{r.service.title}</a></li>
                            }).collect_view()}
                        </ul>
                    })
                }}
            </div>
        </form>
    }
}
