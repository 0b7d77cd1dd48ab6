//! `/applications/{id}`: an application for its applicant (receipt, status, history, messages,
//! answers, result), and `/applications/{id}/print`, its printable copy.
use domain::application::Status;
use domain::views::{ApplicationPage as Page, HistoryEntry, MessageView};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::components::forms::{upload_notice, Answers};
use crate::components::status::loaded_or_status;
use crate::format;
use crate::format::human_size;
use crate::i18n::{use_i18n, I18n};
use crate::server_fns::applications::get_application;

/// The status as a badge.
#[component]
pub fn StatusBadge(status: Status) -> impl IntoView {
    let i18n = use_i18n();
    view! { <span class=format!("badge status status-{}", status.as_str())>{i18n.t(&format!("status-{}", status.as_str()))}</span> }
}

fn title_of(i18n: I18n, p: &Page) -> String {
    match &p.summary.number {
        Some(n) => i18n.t_with("application-title", &[("number", n.clone().into())]),
        None => i18n.t("application-draft-title"),
    }
}

/// The application page; `?submitted=1` greets a fresh submission with its receipt.
#[component]
pub fn ApplicationPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let page = Resource::new(move || params.read().get("id").unwrap_or_default(), get_application);
    view! {
        <Suspense fallback=move || view! { <p>{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let (fresh, notice) = {
                    let q = query.read();
                    // Why the reply was not sent, named in the address by the server's redirect.
                    let notice = q.get("message").map(|_| i18n.t("refusal-empty-message")).or_else(|| upload_notice(i18n, &q));
                    (q.get("submitted").is_some(), notice)
                };
                loaded_or_status(page.await, move |p| view! { <Application p=p fresh=fresh notice=notice/> })
            })}
        </Suspense>
    }
}

#[component]
fn Application(p: Page, fresh: bool, notice: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let id = p.summary.id.clone();
    let title = title_of(i18n, &p);
    let registered = p.summary.number.is_some();
    let receipt = registered.then(|| {
        view! { <a class="button" rel="external" download="" href=format!("/applications/{id}/receipt.pdf")>{i18n.t("application-receipt")}</a> }
    });
    let greeting = (fresh && registered).then(|| {
        view! {
            <div class="success-panel" role="status">
                <h2>{i18n.t("application-submitted")}</h2>
                <p class="big-number">{p.summary.number.clone()}</p>
                <p>{i18n.t("application-submitted-text")}</p>
            </div>
        }
    });
    let draft = (p.summary.status == Status::Draft).then(|| {
        view! {
            <p><a class="button" href=format!("/applications/{id}/edit/1")>{i18n.t("application-continue")}</a></p>
        }
    });
    let withdraw = p.can_withdraw.then(|| {
        view! {
            <form method="post" action=format!("/applications/{id}/withdraw") class="withdraw">
                <p class="hint">{i18n.t("application-withdraw-hint")}</p>
                <button type="submit" class="button secondary">{i18n.t("application-withdraw")}</button>
            </form>
        }
    });
    let refused = p.summary.status == Status::Refused;
    // A refusal says why where the decision is, not only in the history.
    let ground = refused.then(|| p.history.iter().rev().find(|h| h.action == domain::application::Action::Refuse).and_then(|h| h.note.clone())).flatten();
    let results = (!p.results.is_empty() || refused).then(|| {
        view! {
            <section class=if refused { "result-panel refused" } else { "result-panel" }>
                <h2>{i18n.t(if refused { "application-refusal" } else { "application-result" })}</h2>
                {ground.map(|g| view! { <p><strong>{i18n.t("application-refusal-ground")}": "</strong>{g}</p> })}
                <FileLinks application=id.clone() files=p.results.clone()/>
            </section>
        }
    });
    let reply = p.can_reply.then(|| {
        view! {
            <form method="post" action=format!("/applications/{id}/reply") enctype="multipart/form-data" class="reply-form" id="reply">
                <h3>{i18n.t("application-reply")}</h3>
                {notice.map(|n| view! { <div class="notice" role="alert"><p>{n}</p></div> })}
                <label for="reply-body">{i18n.t("application-reply-text")}</label>
                <textarea id="reply-body" name="body" rows="5" required=true></textarea>
                <label for="reply-files">{i18n.t("application-reply-files")}</label>
                <input id="reply-files" type="file" name="files" multiple=true accept=".pdf,.jpg,.jpeg,.png,.odt,.docx"/>
                <button type="submit" class="button">{i18n.t("application-reply-send")}</button>
            </form>
        }
    });
    let messages = (!p.messages.is_empty() || p.can_reply).then(|| {
        view! {
            <section>
                <h2>{i18n.t("application-messages")}</h2>
                <ol class="messages">{p.messages.iter().map(|m| message(i18n, &id, m, false)).collect_view()}</ol>
                {reply}
            </section>
        }
    });
    view! {
        <Title text=title.clone()/>
        <p><a href="/me/applications">"← "{i18n.t("nav-my-applications")}</a></p>
        {greeting}
        <h1>{title}</h1>
        <p class="lead">{p.summary.service_title.clone()}</p>
        <Summary p=p.clone()/>
        <p class="actions">
            {receipt}
            {registered.then(|| view! { <a class="button secondary" href=format!("/applications/{id}/print")>{i18n.t("application-print")}</a> })}
        </p>
        {draft}
        {results}
        {messages}
        <section>
            <h2>{i18n.t("application-history")}</h2>
            <ol class="timeline">{p.history.iter().map(|h| history(i18n, h)).collect_view()}</ol>
        </section>
        <section>
            <h2>{i18n.t("application-data")}</h2>
            <Answers schema=p.schema.clone() data=p.data.clone() files=p.files.clone() application=id.clone() federal=p.federal_answers.clone()/>
        </section>
        {withdraw}
    }
}

/// Number, dates, service, department, status and deadline.
#[component]
fn Summary(p: Page) -> impl IntoView {
    let i18n = use_i18n();
    let s = p.summary;
    view! {
        <dl class="passport application-summary">
            <dt>{i18n.t("application-status")}</dt>
            <dd><StatusBadge status=s.status/></dd>
            {s.number.map(|n| view! { <dt>{i18n.t("application-number")}</dt><dd>{n}</dd> })}
            {p.status_code.map(|c| view! {
                <dt>{i18n.t("application-status-code")}</dt>
                <dd><span class="nowrap">{c}</span>" "<a href="/status">{i18n.t("application-status-code-where")}</a></dd>
            })}
            {p.registered_at.map(|at| view! { <dt>{i18n.t("application-registered-at")}</dt><dd>{format::date_time(&at)}</dd> })}
            <dt>{i18n.t("application-service")}</dt>
            <dd><a href=format!("/services/{}", s.service_code)>{s.service_title}</a></dd>
            <dt>{i18n.t("application-department")}</dt>
            <dd>{p.department}</dd>
            {s.deadline.map(|d| view! {
                <dt>{i18n.t("application-deadline")}</dt>
                <dd>{i18n.t_with("application-deadline-until", &[("date", format::date(&d).into())])}</dd>
            })}
            {(p.origin == domain::application::Origin::Federal).then(|| view! { <dt></dt><dd>{i18n.t("application-origin-federal")}</dd> })}
        </dl>
    }
}

/// One line of the history.
pub(crate) fn history(i18n: I18n, h: &HistoryEntry) -> impl IntoView {
    view! {
        <li>
            <time>{format::date_time(&h.at)}</time>" "
            <strong>{i18n.t(&format!("action-{}", h.action.as_str()))}</strong>
            {h.by.clone().map(|by| view! { " — "{by} })}
            {h.note.clone().map(|n| view! { <p class="note">{n}</p> })}
        </li>
    }
}

/// A message between clerk and applicant, as the applicant (or, `for_staff`, the office) reads it.
pub(crate) fn message(i18n: I18n, application: &str, m: &MessageView, for_staff: bool) -> impl IntoView {
    let who = i18n.t(match (m.from_clerk, for_staff) {
        (true, _) => "application-from-clerk",
        (false, false) => "application-from-you",
        (false, true) => "application-from-applicant",
    });
    let missing = (!m.missing.is_empty()).then(|| {
        view! {
            <p><strong>{i18n.t("application-missing")}":"</strong></p>
            <ul>{m.missing.iter().map(|d| view! { <li>{d.clone()}</li> }).collect_view()}</ul>
        }
    });
    view! {
        <li class=if m.from_clerk { "message from-clerk" } else { "message from-applicant" }>
            <p class="meta"><strong>{who}</strong>", "<time>{format::date_time(&m.at)}</time></p>
            <p class="body">{m.body.clone()}</p>
            {missing}
            <FileLinks application=application.to_owned() files=m.files.clone()/>
        </li>
    }
}

/// Files of an application as download links.
#[component]
pub fn FileLinks(application: String, files: Vec<domain::views::FileView>) -> impl IntoView {
    let i18n = use_i18n();
    (!files.is_empty()).then(|| {
        view! {
            <ul class="file-list">
                {files.into_iter().map(|f| {
                    let href = format!("/applications/{application}/files/{}", f.id);
                    view! { <li><a href=href rel="external" download="">{f.name}</a>" ("{human_size(i18n, f.size)}")"</li> }
                }).collect_view()}
            </ul>
        }
    })
}

/// The printable copy of the whole application.
#[component]
pub fn PrintPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let page = Resource::new(move || params.read().get("id").unwrap_or_default(), get_application);
    view! {
        <Suspense fallback=move || view! { <p>{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                loaded_or_status(page.await, |p| {
                    let title = title_of(i18n, &p);
                    let id = p.summary.id.clone();
                    view! {
                        <Title text=title.clone()/>
                        <article class="printable">
                            <p class="no-print"><a href=format!("/applications/{id}")>"← "{title.clone()}</a></p>
                            <h1>{title}</h1>
                            <p class="lead">{p.summary.service_title.clone()}</p>
                            <Summary p=p.clone()/>
                            <h2>{i18n.t("application-data")}</h2>
                            <Answers schema=p.schema.clone() data=p.data.clone() files=p.files.clone() application=id federal=p.federal_answers.clone()/>
                        </article>
                    }
                })
            })}
        </Suspense>
    }
}
