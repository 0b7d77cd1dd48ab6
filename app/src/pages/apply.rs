//! `/services/{code}/apply`: what applying online takes, then start (or resume) the draft.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::components::status::loaded_or_status;
use crate::i18n::use_i18n;
use crate::pages::account::assurance_name;
use crate::server_fns::applications::{get_apply_start, ApplyStart};

/// The start page; visitors log in first, a too-low account is told how to raise it.
#[component]
pub fn ApplyPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let start = Resource::new(move || params.read().get("code").unwrap_or_default(), get_apply_start);
    view! {
        <Suspense fallback=move || view! { <p>{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move { loaded_or_status(start.await, |s| view! { <Start s=s/> }) })}
        </Suspense>
    }
}

#[component]
fn Start(s: ApplyStart) -> impl IntoView {
    let i18n = use_i18n();
    let action = format!("/services/{}/apply", s.code);
    let go = match (&s.too_low, &s.draft) {
        (Some(low), _) => {
            let needed = i18n.t(&format!("assurance-needed-{}", low.required.as_str()));
            view! {
                <div class="notice" role="alert">
                    <p>{i18n.t_with("passport-assurance-required", &[("level", needed.into())])}</p>
                    <p>{i18n.t_with("passport-assurance-low", &[("level", assurance_name(i18n, low.actual).into())])}</p>
                </div>
            }
            .into_any()
        }
        (None, Some(draft)) => view! {
            <p><a class="button" href=format!("/applications/{draft}/edit/1")>{i18n.t("apply-resume")}</a></p>
        }
        .into_any(),
        (None, None) => view! {
            <form method="post" action=action>
                <button type="submit" class="button">{i18n.t("apply-start")}</button>
            </form>
        }
        .into_any(),
    };
    view! {
        <Title text=format!("{} — {}", i18n.t("apply-title"), s.title)/>
        <p><a href=format!("/services/{}", s.code)>"← "{s.title.clone()}</a></p>
        <h1>{i18n.t("apply-title")}</h1>
        <p class="lead">{s.title.clone()}</p>
        <p>{i18n.t("apply-lead")}</p>
        <h2>{i18n.t("apply-steps")}</h2>
        <ol class="steps-overview">{s.steps.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ol>
        <h2>{i18n.t("apply-documents")}</h2>
        <ul class="documents">
            {s.documents.into_iter().map(|d| view! {
                <li>{d.title}{d.interagency.then(|| view! { " — "<em>{i18n.t("passport-document-interagency")}</em> })}</li>
            }).collect_view()}
        </ul>
        <p><strong>{i18n.t("apply-term")}": "</strong>{i18n.t_with("passport-term-days", &[("days", s.term_days.into())])}</p>
        {go}
    }
}
