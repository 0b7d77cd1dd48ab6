//! The portal's pages, components and server functions.
//!
//! Built twice: with `ssr` into the server (renders every page to HTML) and with `hydrate` to
//! wasm (enhances the same HTML in the browser). Every page works without JavaScript.

pub mod app;
pub mod components;
pub mod error;
pub mod format;
pub mod host;
pub mod http_status;
pub mod i18n;
pub mod pages;
pub mod server_fns;
#[cfg(feature = "ssr")]
pub mod shell;
pub mod ui;

/// Entry point of the wasm bundle: hydrates the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
    // Lets end2end tests (and curious people) see that the page is interactive now.
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.set_attribute("data-hydrated", "");
    }
}
