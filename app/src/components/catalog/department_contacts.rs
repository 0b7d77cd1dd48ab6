//! A department's contacts as a definition list.
use domain::catalog::DepartmentInfo;
use leptos::prelude::*;

use crate::i18n::use_i18n;

/// Name, address, phone, email, hours and website of a department; missing ones are left out.
#[component]
pub fn DepartmentContacts(department: DepartmentInfo) -> impl IntoView {
    let i18n = use_i18n();
    let d = department;
    let tel = d.phone.as_ref().map(|p| format!("tel:{}", p.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect::<String>()));
    view! {
        <dl class="passport contacts">
            <dt>{i18n.t("service-department")}</dt>
            <dd><a href=format!("/departments/{}", d.code)>{d.name}</a></dd>
            {d.address.map(|a| view! { <dt>{i18n.t("department-address")}</dt><dd>{a}</dd> })}
            {d.phone.zip(tel).map(|(p, href)| view! { <dt>{i18n.t("department-phone")}</dt><dd><a href=href>{p}</a></dd> })}
            {d.email.map(|e| {
                let href = format!("mailto:{e}");
                view! { <dt>{i18n.t("department-email")}</dt><dd><a href=href>{e}</a></dd> }
            })}
            {d.hours.map(|h| view! { <dt>{i18n.t("department-hours")}</dt><dd>{h}</dd> })}
            {d.website.map(|w| {
                let href = w.clone();
                view! { <dt>{i18n.t("department-website")}</dt><dd><a href=href rel="external">{w}</a></dd> }
            })}
        </dl>
    }
}
