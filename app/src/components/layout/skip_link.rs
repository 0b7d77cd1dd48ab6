//! First focusable element: lets keyboard and screen reader users jump over the header.
use leptos::prelude::*;

use crate::i18n::use_i18n;

/// "Skip to main content" link, visible when focused.
#[component]
pub fn SkipLink() -> impl IntoView {
    view! { <a class="skip-link" href="#main">{use_i18n().t("skip-to-content")}</a> }
}
