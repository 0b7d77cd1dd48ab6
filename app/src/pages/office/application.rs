//! `/office/applications/{id}`: an application for its department's staff: who applied, the
//! deadline, messages, history and answers, and the forms for what the viewer may do now. Every
//! form posts to the server and comes back here with `?done=` or `?problem=`.
use domain::application::{Action, Refusal};
use domain::office::StaffPage;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::{deadline_text, urgency_class};
use crate::components::forms::{refusal_text, upload_notice, Answers};
use crate::components::status::loaded_or_status;
use crate::format;
use crate::i18n::{use_i18n, I18n};
use crate::pages::application::{history, message, FileLinks, StatusBadge};
use crate::server_fns::office::get_staff_application;

/// The problem a refused action names in the address (`?problem=`), as the page says it.
fn problem_text(i18n: I18n, code: &str, p: &StaffPage) -> Option<String> {
    let refusal = match code {
        "already_taken" => Refusal::AlreadyTaken { by: p.assignee.clone().unwrap_or_default() },
        "not_assignee" => Refusal::NotAssignee,
        "head_only" => Refusal::HeadOnly,
        "no_ground" => Refusal::NoGround,
        "no_result" => Refusal::NoResult,
        "empty_message" => Refusal::EmptyMessage,
        "transition" => return Some(i18n.t("refusal-transition")),
        _ => return None,
    };
    Some(refusal_text(i18n, &refusal))
}

/// The page.
#[component]
pub fn StaffApplicationPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let page = Resource::new(move || params.read().get("id").unwrap_or_default(), get_staff_application);
    view! {
        <Suspense fallback=move || view! { <p>{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let q = query.read_untracked().clone();
                loaded_or_status(page.await, move |p| {
                    let done = q.get("done").and_then(|d| Action::parse(&d)).map(|a| i18n.t(&format!("office-done-{}", a.as_str())));
                    let problem = q.get("problem").and_then(|c| problem_text(i18n, &c, &p)).or_else(|| upload_notice(i18n, &q));
                    view! { <Staff p=p done=done problem=problem/> }
                })
            })}
        </Suspense>
    }
}

#[component]
fn Staff(p: StaffPage, done: Option<String>, problem: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let s = p.page.summary.clone();
    let id = s.id.clone();
    let title = s.number.clone().map_or_else(|| i18n.t("application-draft-title"), |n| i18n.t_with("application-title", &[("number", n.into())]));
    let (deadline, left) = s.deadline.as_deref().map(|d| deadline_text(i18n, d, p.days_left, p.urgency)).unwrap_or_default();
    let results = (!p.page.results.is_empty()).then(|| {
        view! {
            <section class="result-panel">
                <h2>{i18n.t("application-result")}</h2>
                <FileLinks application=id.clone() files=p.page.results.clone()/>
            </section>
        }
        .into_any()
    });
    let messages = (!p.page.messages.is_empty()).then(|| {
        view! {
            <section>
                <h2>{i18n.t("application-messages")}</h2>
                <ol class="messages">{p.page.messages.iter().map(|m| message(i18n, &id, m, true)).collect_view()}</ol>
            </section>
        }
        .into_any()
    });
    let columns = view! {
        <div class="office-columns">
            <dl class="passport application-summary">
                <dt>{i18n.t("application-status")}</dt>
                <dd><StatusBadge status=s.status/></dd>
                {p.page.registered_at.clone().map(|at| view! { <dt>{i18n.t("application-registered-at")}</dt><dd>{format::date_time(&at)}</dd> })}
                <dt>{i18n.t("application-department")}</dt>
                <dd>{p.page.department.clone()}</dd>
                {s.deadline.clone().map(|_| view! {
                    <dt>{i18n.t("application-deadline")}</dt>
                    <dd class=urgency_class(p.urgency)>{deadline}{left.map(|l| view! { " — "<strong>{l}</strong> })}</dd>
                })}
                {p.clock_stops.then(|| view! { <dt></dt><dd class="hint">{i18n.t("office-clock-stops")}</dd> })}
                <dt>{i18n.t("office-col-assignee")}</dt>
                <dd>{p.assignee.clone().unwrap_or_else(|| i18n.t("office-nobody"))}</dd>
                {(p.page.origin == domain::application::Origin::Federal).then(|| view! { <dt></dt><dd>{i18n.t("application-origin-federal")}</dd> })}
            </dl>
            <section class="applicant-card" aria-labelledby="applicant-heading">
                <h2 id="applicant-heading">{i18n.t("office-applicant")}</h2>
                <dl class="passport">
                    <dt>{i18n.t("office-applicant-name")}</dt><dd>{p.applicant.name.clone()}</dd>
                    {p.applicant.snils.clone().map(|v| view! { <dt>{i18n.t("office-applicant-snils")}</dt><dd>{v}</dd> })}
                    {p.applicant.phone.clone().map(|v| view! { <dt>{i18n.t("office-applicant-phone")}</dt><dd><a href=format!("tel:{v}")>{v.clone()}</a></dd> })}
                    {p.applicant.email.clone().map(|v| view! { <dt>{i18n.t("office-applicant-email")}</dt><dd><a href=format!("mailto:{v}")>{v.clone()}</a></dd> })}
                </dl>
            </section>
        </div>
    }
    .into_any();
    view! {
        <Title text=title.clone()/>
        <p><a href="/office">"← "{i18n.t("office-back")}</a></p>
        {done.map(|d| view! { <div class="notice success" role="status"><p>{d}</p></div> })}
        {problem.map(|m| view! { <div class="notice error" role="alert"><p>{m}</p></div> })}
        <h1>{title}</h1>
        <p class="lead">{s.service_title.clone()}</p>
        {columns}
        <Actions p=p.clone()/>
        {results}
        {messages}
        <section>
            <h2>{i18n.t("application-history")}</h2>
            <ol class="timeline">{p.page.history.iter().map(|h| history(i18n, h)).collect_view()}</ol>
        </section>
        <section>
            <h2>{i18n.t("application-data")}</h2>
            <Answers schema=p.page.schema.clone() data=p.page.data.clone() files=p.page.files.clone() application=id.clone() federal=p.page.federal_answers.clone()/>
        </section>
    }
}

/// The forms of what the viewer may do now; nothing when they may do nothing.
#[component]
fn Actions(p: StaffPage) -> impl IntoView {
    let i18n = use_i18n();
    let a = p.actions.clone();
    let base = format!("/office/applications/{}", p.page.summary.id);
    let any = a.take || a.give_back || a.request || a.decide || !a.assign_to.is_empty();
    let take = a.take.then(|| {
        view! {
            <form method="post" action=format!("{base}/take")>
                <button type="submit" class="button">{i18n.t("office-take")}</button>
            </form>
        }
    });
    let give_back = a.give_back.then(|| {
        view! {
            <form method="post" action=format!("{base}/return")>
                <button type="submit" class="button secondary">{i18n.t("office-return")}</button>
            </form>
        }
    });
    let assign = (!a.assign_to.is_empty()).then(|| {
        view! {
            <form method="post" action=format!("{base}/assign") class="inline-form">
                <label for="assign-to">{i18n.t("office-assign-to")}</label>
                <select id="assign-to" name="clerk">
                    {a.assign_to.iter().map(|l| view! { <option value=l.code.clone()>{l.title.clone()}</option> }).collect_view()}
                </select>
                <button type="submit" class="button secondary">{i18n.t("office-assign")}</button>
            </form>
        }
    });
    let request = a.request.then(|| {
        view! {
            <details class="action-panel">
                <summary>{i18n.t("office-request")}</summary>
                <form method="post" action=format!("{base}/request")>
                    <div class="field">
                        <label for="request-message">{i18n.t("office-request-message")}</label>
                        <textarea id="request-message" name="message" rows="4" required=true maxlength="2000"></textarea>
                    </div>
                    <div class="field">
                        <label for="request-missing">{i18n.t("office-request-missing")}</label>
                        <p class="hint" id="request-missing-hint">{i18n.t("office-request-missing-hint")}</p>
                        <textarea id="request-missing" name="missing" rows="3" aria-describedby="request-missing-hint" maxlength="2000"></textarea>
                    </div>
                    <button type="submit" class="button">{i18n.t("office-request-send")}</button>
                </form>
            </details>
        }
        .into_any()
    });
    let decide = a.decide.then(|| {
        view! {
            <details class="action-panel">
                <summary>{i18n.t("office-approve")}</summary>
                <form method="post" action=format!("{base}/approve") enctype="multipart/form-data">
                    <fieldset class="field">
                        <legend>{i18n.t("office-result")}</legend>
                        <div class="choice">
                            <input type="radio" id="result-generate" name="result" value="generate" checked=true/>
                            <label for="result-generate">{i18n.t("office-result-generate")}</label>
                        </div>
                        <div class="choice">
                            <input type="radio" id="result-upload" name="result" value="upload"/>
                            <label for="result-upload">{i18n.t("office-result-upload")}</label>
                        </div>
                        <label for="result-file" class="file-label">{i18n.t("office-result-file")}</label>
                        <input type="file" id="result-file" name="file" accept=".pdf,application/pdf"/>
                    </fieldset>
                    <button type="submit" class="button">{i18n.t("office-approve-send")}</button>
                </form>
            </details>
            <details class="action-panel">
                <summary>{i18n.t("office-refuse")}</summary>
                <form method="post" action=format!("{base}/refuse")>
                    <fieldset class="field">
                        <legend>{i18n.t("office-refuse-ground")}</legend>
                        {p.refusal_grounds.iter().enumerate().map(|(i, g)| view! {
                            <div class="choice">
                                <input type="radio" id=format!("ground-{i}") name="ground" value=i.to_string() required=true/>
                                <label for=format!("ground-{i}")>{g.clone()}</label>
                            </div>
                        }).collect_view()}
                    </fieldset>
                    <div class="field">
                        <label for="refuse-comment">{i18n.t("office-refuse-comment")}</label>
                        <textarea id="refuse-comment" name="comment" rows="4" required=true maxlength="2000"></textarea>
                    </div>
                    <button type="submit" class="button danger">{i18n.t("office-refuse-send")}</button>
                </form>
            </details>
        }
        .into_any()
    });
    any.then(|| {
        view! {
            <section class="office-actions" aria-labelledby="actions-heading">
                <h2 id="actions-heading">{i18n.t("office-actions")}</h2>
                <div class="actions">{take}{give_back}</div>
                {assign}
                {request}
                {decide}
            </section>
        }
        .into_any()
    })
}
