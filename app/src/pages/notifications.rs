//! `/notifications`: the person's notification centre, newest first, unread ones marked, each
//! leading to its application; "mark read" per notification and for all (plain forms).
use domain::notify::Notification;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::status::loaded_or_status;
use crate::format;
use crate::i18n::{use_i18n, I18n};
use crate::server_fns::account::get_notifications;

/// What the notification says, in the reader's language.
fn text(i18n: I18n, n: &Notification) -> String {
    let number = n.number.clone().unwrap_or_default();
    i18n.t_with(&format!("notice-{}", n.kind.as_str()), &[("number", number.into())])
}

/// The notification centre.
#[component]
pub fn NotificationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let page = Resource::new(|| (), |_| get_notifications());
    view! {
        <Title text=i18n.t("notifications-title")/>
        <h1>{i18n.t("notifications-title")}</h1>
        <Suspense fallback=move || view! { <p>{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                loaded_or_status(page.await, move |p| {
                    if p.items.is_empty() {
                        return view! { <p class="empty">{i18n.t("notifications-empty")}</p> }.into_any();
                    }
                    view! {
                        <p class="lead">{i18n.t_with("notifications-unread", &[("count", p.unread.into())])}</p>
                        {(p.unread > 0).then(|| view! {
                            <form method="post" action="/notifications/read">
                                <button type="submit" class="button secondary">{i18n.t("notifications-read-all")}</button>
                            </form>
                        })}
                        <ul class="notifications">
                            {p.items.into_iter().map(|n| {
                                let said = text(i18n, &n);
                                let label = i18n.t_with("notifications-read-one", &[("what", said.clone().into())]);
                                view! {
                                    <li class=if n.read { "notification" } else { "notification unread" }>
                                        {(!n.read).then(|| view! { <span class="badge">{i18n.t("notifications-new")}</span> })}
                                        <a href=n.link.clone()>{said}</a>
                                        <span class="when">{format::date_time(&n.at)}</span>
                                        {(!n.read).then(|| view! {
                                            <form method="post" action="/notifications/read" class="inline-form">
                                                <input type="hidden" name="id" value=n.id.to_string()/>
                                                <button type="submit" class="button-link" aria-label=label>{i18n.t("notifications-mark-read")}</button>
                                            </form>
                                        })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }
                    .into_any()
                })
            })}
        </Suspense>
    }
}
