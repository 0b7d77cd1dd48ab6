//! `/status?number=…&code=…`: an application's status by its registration number and the code on
//! its receipt, without logging in. A plain GET form, so it works without JavaScript; shows where
//! the application stands and nothing about who filed it.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::status::error_view;
use crate::format;
use crate::i18n::use_i18n;
use crate::pages::application::StatusBadge;
use crate::server_fns::applications::get_public_status;

/// The status check page.
#[component]
pub fn StatusCheckPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let typed = move || {
        let q = query.read();
        (q.get("number").unwrap_or_default(), q.get("code").unwrap_or_default())
    };
    let asked = |number: &str, code: &str| !(number.trim().is_empty() && code.trim().is_empty());
    let found = Resource::new(typed, move |(number, code)| async move {
        if asked(&number, &code) {
            get_public_status(number, code).await
        } else {
            Ok(None)
        }
    });
    view! {
        <Title text=i18n.t("status-check-title")/>
        <h1>{i18n.t("status-check-title")}</h1>
        <p class="lead">{i18n.t("status-check-lead")}</p>
        <Suspense fallback=move || view! { <p>{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let (number, code) = typed();
                let answer = match found.await {
                    Err(e) => return error_view(e),
                    Ok(None) if !asked(&number, &code) => None,
                    Ok(None) => Some(view! {
                        <div class="notice error" role="alert"><p>{i18n.t("status-check-not-found")}</p></div>
                    }.into_any()),
                    Ok(Some(s)) => Some(view! {
                        <section class="notice" role="status" aria-labelledby="status-check-result">
                            <h2 id="status-check-result">{i18n.t_with("application-title", &[("number", s.number.into())])}</h2>
                            <dl class="passport">
                                <dt>{i18n.t("application-status")}</dt><dd><StatusBadge status=s.status/></dd>
                                <dt>{i18n.t("application-service")}</dt><dd>{s.service_title}</dd>
                                <dt>{i18n.t("application-registered-at")}</dt><dd>{format::date_time(&s.registered_at)}</dd>
                                <dt>{i18n.t("status-check-updated")}</dt><dd>{format::date_time(&s.updated_at)}</dd>
                                {s.deadline.map(|d| view! {
                                    <dt>{i18n.t("application-deadline")}</dt>
                                    <dd>{i18n.t_with("application-deadline-until", &[("date", format::date(&d).into())])}</dd>
                                })}
                            </dl>
                        </section>
                    }.into_any()),
                };
                view! {
                    {answer}
                    <form method="get" action="/status" class="status-check">
                        <div class="field">
                            <label for="status-number">{i18n.t("application-number")}</label>
                            <p class="hint" id="status-number-hint">{i18n.t("status-check-number-hint")}</p>
                            <input id="status-number" type="text" name="number" required maxlength="40" autocomplete="off"
                                value=number aria-describedby="status-number-hint"/>
                        </div>
                        <div class="field">
                            <label for="status-code">{i18n.t("application-status-code")}</label>
                            <p class="hint" id="status-code-hint">{i18n.t("status-check-code-hint")}</p>
                            <input id="status-code" type="text" name="code" required maxlength="12" autocomplete="off"
                                autocapitalize="characters" spellcheck="false" value=code aria-describedby="status-code-hint"/>
                        </div>
                        <button type="submit" class="button">{i18n.t("status-check-submit")}</button>
                    </form>
                    <p>{i18n.t("status-check-login")}" "<a href="/me/applications">{i18n.t("status-check-login-link")}</a></p>
                }.into_any()
            })}
        </Suspense>
    }
}
