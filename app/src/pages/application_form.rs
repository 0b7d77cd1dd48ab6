//! `/applications/{id}/edit/{step}` and `/applications/{id}/review`: filling in a draft step by
//! step, then checking it whole and sending it.
use domain::application::Refusal;
use domain::localized::Lang;
use domain::views::DraftStep;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::components::forms::{problem_text, upload_notice, Answers, FormStep, Progress};
use crate::components::islands::IslandScripts;
use crate::components::status::error_view;
use crate::error::PortalError;
use crate::i18n::{use_i18n, I18n};
use crate::server_fns::applications::{get_draft_step, get_review};

/// The refusal of loading a draft: a sent application goes to its own page.
fn draft_refused(i18n: I18n, id: String, error: PortalError) -> AnyView {
    match error {
        PortalError::Refused(Refusal::NotEditable) => view! {
            <section class="status-page">
                <h1>{i18n.t("refusal-title")}</h1>
                <p>{i18n.t("refusal-not-editable")}</p>
                <p><a class="button" href=format!("/applications/{id}")>{i18n.t("nav-my-applications")}</a></p>
            </section>
        }
        .into_any(),
        e => error_view(e),
    }
}

fn step_titles(d: &DraftStep, lang: &Lang) -> Vec<String> {
    d.schema.steps.iter().map(|s| s.title.get(lang, lang).to_owned()).collect()
}

/// A step of the form; `?check=1` shows its problems, `?saved=1` and `?upload=…` a notice.
#[component]
pub fn EditStepPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let key = move || {
        let p = params.read();
        let step = p.get("step").and_then(|s| s.parse::<usize>().ok()).unwrap_or(1).max(1) - 1;
        (p.get("id").unwrap_or_default(), step, query.read().get("check").is_some())
    };
    let draft = Resource::new(key, |(id, step, check)| get_draft_step(id, step, check));
    view! {
        <IslandScripts/>
        <Suspense fallback=move || view! { <p>{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let (id, _, _) = key();
                match draft.await {
                    Err(e) => draft_refused(i18n, id, e),
                    Ok(d) => {
                        let lang = Lang::parse(i18n.lang()).unwrap_or_else(|_| Lang::parse("ru").expect("a tag"));
                        let q = query.read();
                        let notice = upload_notice(i18n, &q).or_else(|| q.get("saved").map(|_| i18n.t("form-draft-saved-notice")));
                        let titles = step_titles(&d, &lang);
                        let title = format!("{} — {}", titles.get(d.step).cloned().unwrap_or_default(), d.service_title);
                        view! {
                            <Title text=title/>
                            <p class="kicker">{i18n.t("apply-title")}</p>
                            <h1>{d.service_title.clone()}</h1>
                            <Progress id=d.id.clone() titles=titles current=d.step/>
                            <FormStep draft=d notice=notice.unwrap_or_default()/>
                        }
                        .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// The whole draft to check before sending; `?check=1` lists every problem, `?changed=1` says
/// the form changed meanwhile.
#[component]
pub fn ReviewPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let key = move || (params.read().get("id").unwrap_or_default(), query.read().get("check").is_some());
    let draft = Resource::new(key, |(id, check)| get_review(id, check));
    view! {
        <Suspense fallback=move || view! { <p>{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let (id, _) = key();
                match draft.await {
                    Err(e) => draft_refused(i18n, id, e),
                    Ok(d) => {
                        let lang = Lang::parse(i18n.lang()).unwrap_or_else(|_| Lang::parse("ru").expect("a tag"));
                        let changed = query.read().get("changed").map(|_| view! { <div class="notice" role="alert"><p>{i18n.t("review-changed")}</p></div> });
                        let titles = step_titles(&d, &lang);
                        let errors = (!d.errors.is_empty()).then(|| {
                            let items = d.errors.iter().map(|e| view! { <li>{problem_text(i18n, &e.problem)}</li> }).collect_view();
                            view! {
                                <div class="error-summary" role="alert">
                                    <h2>{i18n.t("form-errors-title")}</h2>
                                    <p>{i18n.t_with("form-errors-count", &[("count", d.errors.len().into())])}</p>
                                    <ul>{items}</ul>
                                </div>
                            }
                        });
                        view! {
                            <Title text=format!("{} — {}", i18n.t("review-title"), d.service_title)/>
                            <p class="kicker">{i18n.t("apply-title")}</p>
                            <h1>{d.service_title.clone()}</h1>
                            <Progress id=d.id.clone() titles=titles current=d.schema.steps.len()/>
                            {changed}
                            {errors}
                            <h2>{i18n.t("review-title")}</h2>
                            <p>{i18n.t("review-lead")}</p>
                            <Answers schema=d.schema.clone() data=d.data.clone() files=d.files.clone() application=d.id.clone() edit=true/>
                            <form method="post" action=format!("/applications/{}/submit", d.id) class="submit-form">
                                <p>{i18n.t("review-submit-hint")}</p>
                                <button type="submit" class="button">{i18n.t("review-submit")}</button>
                            </form>
                            <form method="post" action=format!("/applications/{}/delete", d.id)>
                                <button type="submit" class="button-text danger">{i18n.t("form-delete-draft")}</button>
                            </form>
                        }
                        .into_any()
                    }
                }
            })}
        </Suspense>
    }
}
