//! The HTML document around the app (server only): language, low-vision class and brand colours,
//! carrying the request's CSP nonce. The scripts that hydrate islands are written by the pages
//! that have one (`components::islands`), so the others load no wasm.
use domain::region::parse_hex_colour;
use leptos::nonce::Nonce;
use leptos::prelude::*;
use leptos_meta::MetaTags;

use crate::app::App;
use crate::host::{request_ui, CspNonce, StylesheetHref};

/// Renders the whole page for the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    // Nothing of the page is hydrated (islands get their props), so its resources' data is not
    // written into it for the browser. Leptos would otherwise do that until the first island's
    // scripts, and on pages without one, to the end.
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    let ui = request_ui();
    let nonce = use_context::<http::request::Parts>().and_then(|parts| parts.extensions.get::<CspNonce>().map(|n| n.0.clone())).unwrap_or_default();
    provide_context(Nonce::from_value(nonce.clone()));
    provide_context(options.clone());
    let stylesheet = use_context::<StylesheetHref>().map_or_else(|| "/pkg/portal.css".to_owned(), |href| href.0.to_string());
    // Colours were validated on import; checking again keeps anything else out of the CSS.
    let colours = ui.branding.as_ref().map(|b| {
        let safe = |c: &str, default: &'static str| if parse_hex_colour(c).is_some() { c.to_owned() } else { default.to_owned() };
        format!(":root{{--brand-primary:{};--brand-accent:{}}}", safe(&b.primary, "#1f4e8c"), safe(&b.accent, "#1d5fa8"))
    });
    view! {
        <!DOCTYPE html>
        <html lang=ui.lang.clone() class=ui.low_vision.then_some("low-vision")>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="stylesheet" href=stylesheet/>
                {ui.branding.as_ref().and_then(|b| b.coat_of_arms_url.clone()).map(|href| view! { <link rel="icon" href=href/> })}
                {colours.map(|css| view! { <style nonce=nonce>{css}</style> })}
                <AutoReload options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}
