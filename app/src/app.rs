//! The root component: context, frame and routes.
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

use crate::components::layout::{Footer, Header, SkipLink};
use crate::components::status::NotFound;
use crate::host::request_ui;
use crate::i18n::I18n;
use crate::pages::admin::DashboardPage;
use crate::pages::admin::{ApiClientsPage, AuditLogPage, StaffRolesPage, WebhooksPage};
use crate::pages::admin::{BrandingPage, CatalogAdminPage, EntryEditPage, FormEditPage};
use crate::pages::{
    account::AccountPage, admin::AccessLogPage, admin::AdminPage, admin::FederationPage, application::ApplicationPage, application::PrintPage,
    application_form::EditStepPage, application_form::ReviewPage, apply::ApplyPage, department::DepartmentPage, home::HomePage,
    life_situation::LifeSituationPage, login_error::LoginErrorPage, my_applications::MyApplicationsPage, notifications::NotificationsPage,
    office::HeadStatsPage, office::OfficePage, office::StaffApplicationPage, opendata::OpenDataPage, search::SearchPage, service::ServicePage,
    services::ServicesPage, status_check::StatusCheckPage,
};

/// The whole portal. Every route renders completely on the server before it is sent
/// (`SsrMode::Async`), so pages are whole without JavaScript.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let ui = request_ui();
    provide_context(I18n::new(&ui.lang));
    let region = ui.branding.as_ref().map(|b| b.name.clone()).unwrap_or_default();
    provide_context(ui);
    view! {
        <Title formatter=move |page: String| {
            if page.is_empty() { region.clone() } else { format!("{page} — {region}") }
        }/>
        <Router>
            <SkipLink/>
            <Header/>
            <main id="main" class="container" tabindex="-1">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/services") view=ServicesPage ssr=SsrMode::Async/>
                    <Route path=path!("/services/:code") view=ServicePage ssr=SsrMode::Async/>
                    <Route path=path!("/services/:code/apply") view=ApplyPage ssr=SsrMode::Async/>
                    <Route path=path!("/applications/:id") view=ApplicationPage ssr=SsrMode::Async/>
                    <Route path=path!("/applications/:id/print") view=PrintPage ssr=SsrMode::Async/>
                    <Route path=path!("/applications/:id/edit/:step") view=EditStepPage ssr=SsrMode::Async/>
                    <Route path=path!("/applications/:id/review") view=ReviewPage ssr=SsrMode::Async/>
                    <Route path=path!("/me/applications") view=MyApplicationsPage ssr=SsrMode::Async/>
                    <Route path=path!("/search") view=SearchPage ssr=SsrMode::Async/>
                    <Route path=path!("/status") view=StatusCheckPage ssr=SsrMode::Async/>
                    <Route path=path!("/opendata") view=OpenDataPage ssr=SsrMode::Async/>
                    <Route path=path!("/departments/:code") view=DepartmentPage ssr=SsrMode::Async/>
                    <Route path=path!("/life-situations/:code") view=LifeSituationPage ssr=SsrMode::Async/>
                    <Route path=path!("/login/error") view=LoginErrorPage ssr=SsrMode::Async/>
                    <Route path=path!("/me") view=AccountPage ssr=SsrMode::Async/>
                    <Route path=path!("/notifications") view=NotificationsPage ssr=SsrMode::Async/>
                    <Route path=path!("/office") view=OfficePage ssr=SsrMode::Async/>
                    <Route path=path!("/office/applications/:id") view=StaffApplicationPage ssr=SsrMode::Async/>
                    <Route path=path!("/office/stats") view=HeadStatsPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin") view=AdminPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/access-log") view=AccessLogPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/federation") view=FederationPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/catalog") view=CatalogAdminPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/catalog/service/:code/form") view=FormEditPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/catalog/:kind/:code") view=EntryEditPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/branding") view=BrandingPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/dashboard") view=DashboardPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/staff") view=StaffRolesPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/api-clients") view=ApiClientsPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/webhooks") view=WebhooksPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/audit") view=AuditLogPage ssr=SsrMode::Async/>
                </Routes>
            </main>
            <Footer/>
        </Router>
    }
}
