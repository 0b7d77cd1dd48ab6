//! What the islands share. Pages are rendered on the server only; an island is a component that
//! needs the browser (`#[island]`), and only islands are compiled into the wasm bundle. A page
//! loads the bundle only when it has an island: such a page writes `<IslandScripts/>` once.
use leptos::prelude::*;

use crate::i18n::I18n;

/// The scripts that load the wasm bundle and hydrate the page's islands: once per page that has
/// islands, outside any `Suspense` (a suspended branch may be rendered more than once), and
/// nowhere else. They may stand anywhere in the page: module scripts run once it is parsed.
#[component]
pub fn IslandScripts() -> impl IntoView {
    use_context::<LeptosOptions>().map(|options| view! { <HydrationScripts options islands=true/> })
}

/// The translator of an island, provided to the components inside it: the page's language, read
/// from the request on the server and from `<html lang>` in the browser (an island sees no
/// context from the page around it there). Also marks the page interactive once the island is.
pub fn island_i18n() -> I18n {
    #[cfg(feature = "hydrate")]
    let i18n = I18n::new(&document().document_element().and_then(|root| root.get_attribute("lang")).unwrap_or_default());
    #[cfg(not(feature = "hydrate"))]
    let i18n = crate::i18n::use_i18n();
    provide_context(i18n);
    #[cfg(feature = "hydrate")]
    Effect::new(|_| {
        // Lets end2end tests (and curious people) see that the page's islands are interactive.
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-hydrated", "");
        }
    });
    i18n
}
