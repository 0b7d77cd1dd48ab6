//! The electronic stage of a service, in words (never by colour alone).
use domain::stage::Stage;
use leptos::prelude::*;

use crate::i18n::use_i18n;

/// "Stage 3 of 5: Apply online".
#[component]
pub fn StageBadge(stage: Stage) -> impl IntoView {
    let i18n = use_i18n();
    let n = stage.number();
    let label = format!("{}: {}", i18n.t_with("stage-badge", &[("stage", n.into())]), i18n.t(&format!("stage-{n}")));
    view! { <span class=format!("badge stage stage-{n}")>{label}</span> }
}
