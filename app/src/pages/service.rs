//! `/services/{code}`: the service passport.
use domain::catalog::ServicePassport;
use domain::identity::AssuranceLevel;
use domain::region::Channel;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use crate::components::catalog::{DepartmentContacts, StageBadge};
use crate::components::status::found_or_status;
use crate::format::human_size;
use crate::i18n::use_i18n;
use crate::pages::account::assurance_name;
use crate::server_fns::catalog::get_service;
use crate::ui::UiPrefs;

/// The service page; unknown or unpublished codes get the 404 page.
#[component]
pub fn ServicePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let service = Resource::new(move || params.read().get("code").unwrap_or_default(), get_service);
    view! {
        <Suspense fallback=move || view! { <p>{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                found_or_status(service.await, |s| view! { <Passport s=s/> })
            })}
        </Suspense>
    }
}

fn channel_key(c: Channel) -> &'static str {
    match c {
        Channel::Online => "channel-online",
        Channel::Office => "channel-office",
        Channel::Mfc => "channel-mfc",
        Channel::Post => "channel-post",
    }
}

#[component]
fn Passport(s: ServicePassport) -> impl IntoView {
    let i18n = use_i18n();
    let list = |items: Vec<String>| view! { <ul>{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul> };
    let where_ = if s.municipalities.is_empty() { i18n.t("passport-whole-region") } else { s.municipalities.join(", ") };
    let channels = s.channels.iter().map(|c| i18n.t(channel_key(*c))).collect::<Vec<_>>().join(", ");
    let apply = s.online.then(|| view! { <p><a class="button" href=format!("/services/{}/apply", s.code)>{i18n.t("passport-apply-online")}</a></p> });
    let assurance = (s.online && s.assurance > AssuranceLevel::Simplified).then(|| {
        let needed = i18n.t(&format!("assurance-needed-{}", s.assurance.as_str()));
        let viewer = expect_context::<UiPrefs>().user.map(|u| u.assurance);
        let too_low = viewer.filter(|level| *level < s.assurance).map(|level| {
            view! { <p>{i18n.t_with("passport-assurance-low", &[("level", assurance_name(i18n, level).into())])}</p> }
        });
        view! {
            <div class="notice" role="note">
                <p>{i18n.t_with("passport-assurance-required", &[("level", needed.into())])}</p>
                {too_low}
            </div>
        }
    });
    view! {
        <Title text=s.title.clone()/>
        <Meta name="description" content=s.summary.clone()/>
        <article class="service">
            <p><a href="/services">"← "{i18n.t("service-back")}</a></p>
            <h1>{s.title}</h1>
            <p class="meta">
                <StageBadge stage=s.stage/>
                {s.priority.then(|| view! { <span class="badge priority">{i18n.t("priority-badge")}</span> })}
            </p>
            <p class="lead">{s.summary}</p>
            {assurance}
            {apply}
            <dl class="passport">
                <dt>{i18n.t("service-department")}</dt>
                <dd><a href=format!("/departments/{}", s.department.code)>{s.department.name.clone()}</a></dd>
                <dt>{i18n.t("passport-category")}</dt>
                <dd><a href=format!("/services?category={}", s.category.code)>{s.category.title}</a></dd>
                {(!s.life_situations.is_empty()).then(|| view! {
                    <dt>{i18n.t("passport-life-situations")}</dt>
                    <dd>{s.life_situations.into_iter().map(|l| view! {
                        <a class="tag" href=format!("/life-situations/{}", l.code)>{l.title}</a>" "
                    }).collect_view()}</dd>
                })}
                <dt>{i18n.t("passport-applicants")}</dt>
                <dd>{s.applicants}</dd>
                <dt>{i18n.t("passport-fee")}</dt>
                <dd>{s.fee}</dd>
                <dt>{i18n.t("passport-term")}</dt>
                <dd>{i18n.t_with("passport-term-days", &[("days", s.term_days.into())])}</dd>
                <dt>{i18n.t("passport-result")}</dt>
                <dd>{s.result}</dd>
                <dt>{i18n.t("passport-channels")}</dt>
                <dd>{channels}</dd>
                <dt>{i18n.t("passport-municipalities")}</dt>
                <dd>{where_}</dd>
            </dl>
            <h2>{i18n.t("passport-documents")}</h2>
            <ul class="documents">
                {s.documents.into_iter().map(|d| view! {
                    <li>{d.title}{d.interagency.then(|| view! { " — "<em>{i18n.t("passport-document-interagency")}</em> })}</li>
                }).collect_view()}
            </ul>
            <h2>{i18n.t("passport-blanks")}</h2>
            {if s.blanks.is_empty() {
                view! { <p>{i18n.t("passport-no-blanks")}</p> }.into_any()
            } else {
                view! {
                    <ul class="blanks">
                        {s.blanks.into_iter().map(|b| {
                            let label = i18n.t_with("passport-blank-download", &[("format", b.format.into()), ("size", human_size(i18n, b.size).into())]);
                            view! { <li><a href=b.url download="">{b.title}</a>" ("{label}")"</li> }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <h2>{i18n.t("passport-refusal")}</h2>
            {list(s.refusal_grounds)}
            <h2>{i18n.t("passport-legal")}</h2>
            {list(s.legal_basis)}
            <h2>{i18n.t("passport-contacts")}</h2>
            <DepartmentContacts department=s.department/>
        </article>
    }
}
