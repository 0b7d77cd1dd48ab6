//! Site footer with the region's support contacts.
use leptos::prelude::*;

use crate::i18n::use_i18n;
use crate::ui::UiPrefs;

/// The footer of every page.
#[component]
pub fn Footer() -> impl IntoView {
    let i18n = use_i18n();
    let branding = expect_context::<UiPrefs>().branding;
    let phone = branding.as_ref().and_then(|b| b.phone.clone());
    let email = branding.as_ref().and_then(|b| b.email.clone());
    let links = branding.as_ref().map(|b| b.footer_links.clone()).unwrap_or_default();
    let region = branding.map(|b| b.name).unwrap_or_default();
    view! {
        <footer class="site-footer">
            <div class="container">
                <p>{i18n.t("footer-about")}". "{region}</p>
                <h2 class="footer-heading">{i18n.t("footer-support")}</h2>
                <ul class="contacts">
                    {phone.map(|p| {
                        let href = format!("tel:{}", p.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect::<String>());
                        view! { <li>{i18n.t("footer-phone")}": "<a href=href>{p}</a></li> }
                    })}
                    {email.map(|e| {
                        let href = format!("mailto:{e}");
                        view! { <li>{i18n.t("footer-email")}": "<a href=href>{e}</a></li> }
                    })}
                </ul>
                <ul class="footer-links">
                    <li><a href="/status">{i18n.t("status-check-title")}</a></li>
                    <li><a href="/opendata">{i18n.t("opendata-title")}</a></li>
                    {links.into_iter().map(|(title, url)| view! { <li><a href=url>{title}</a></li> }).collect_view()}
                </ul>
            </div>
        </footer>
    }
}
