//! The HTTP status of the response being rendered: set on the server, nothing in the browser.

/// Sets the status of the page or server function answer being made (no-op in the browser).
pub fn set_status(_code: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(options), Ok(status)) = (leptos::prelude::use_context::<leptos_axum::ResponseOptions>(), http::StatusCode::from_u16(_code)) {
        options.set_status(status);
    }
}
