//! The portal's pages, components and server functions.
//!
//! Built twice: with `ssr` into the server (renders every page to HTML) and with `hydrate` to
//! wasm. Pages are server-only; the few parts that need the browser are islands
//! (`components::islands`), and only they are in the wasm bundle and hydrated. Every page works
//! without JavaScript.

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

/// Entry point of the wasm bundle: readies the islands' runtime; Leptos's loader then hydrates
/// each island of the page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
