//! `/admin/staff`: everyone holding a staff role, a form to grant one by SNILS and a button per
//! role to revoke it. Both are plain form posts answered with a redirect back here saying what
//! was done (`?done=`) or why not (`?problem=`), so the page works without JavaScript.
use domain::identity::Role;
use domain::staff::{GrantedBy, StaffChange, StaffMember, StaffPage, StaffProblem};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::status::loaded_or_status;
use crate::format;
use crate::i18n::{use_i18n, I18n};
use crate::server_fns::admin::get_staff;

const ROLES: [Role; 3] = [Role::Clerk, Role::Head, Role::Operator];

/// What the grant form had when it was refused, to fill it again.
#[derive(Clone, Default)]
struct Typed {
    snils: String,
    role: String,
    department: String,
}

/// The staff page of the operator.
#[component]
pub fn StaffRolesPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let staff = Resource::new(|| (), |_| get_staff());
    let done = move || query.read().get("done").and_then(|c| StaffChange::parse(&c));
    let problem = move || query.read().get("problem").and_then(|c| StaffProblem::parse(&c));
    view! {
        <Title text=i18n.t("staff-title")/>
        <p><a href="/admin">"← "{i18n.t("admin-title")}</a></p>
        <h1>{i18n.t("staff-title")}</h1>
        <p class="lead">{i18n.t("staff-lead")}</p>
        {move || done().map(|c| view! {
            <div class="notice success" role="status"><p>{i18n.t(&format!("staff-done-{}", c.as_str()))}</p></div>
        })}
        {move || problem().map(|p| view! {
            <div class="notice error" role="alert"><p>{i18n.t(&format!("staff-problem-{}", p.as_str()))}</p></div>
        })}
        <Suspense fallback=move || view! { <p>{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let typed = {
                    let q = query.read();
                    Typed { snils: q.get("snils").unwrap_or_default(), role: q.get("role").unwrap_or_default(), department: q.get("department").unwrap_or_default() }
                };
                let problem = problem();
                loaded_or_status(staff.await, move |page| view! { <Staff page=page typed=typed problem=problem/> })
            })}
        </Suspense>
    }
}

#[component]
fn Staff(page: StaffPage, typed: Typed, problem: Option<StaffProblem>) -> impl IntoView {
    let i18n = use_i18n();
    let snils_invalid = matches!(problem, Some(StaffProblem::BadSnils)).then_some("true");
    let department_invalid = matches!(problem, Some(StaffProblem::DepartmentRequired | StaffProblem::UnknownDepartment)).then_some("true");
    let role_chosen = if typed.role.is_empty() { Role::Clerk.as_str().to_owned() } else { typed.role.clone() };
    let table = if page.members.is_empty() {
        view! { <p class="empty">{i18n.t("staff-empty")}</p> }.into_any()
    } else {
        view! {
            <div class="table-scroll" role="region" aria-labelledby="staff-caption" tabindex="0">
                <table class="queue-table staff-table">
                    <caption id="staff-caption" class="visually-hidden">{i18n.t("staff-list")}</caption>
                    <thead><tr>
                        <th scope="col">{i18n.t("staff-col-name")}</th>
                        <th scope="col">{i18n.t("staff-col-snils")}</th>
                        <th scope="col">{i18n.t("staff-col-role")}</th>
                        <th scope="col">{i18n.t("staff-col-department")}</th>
                        <th scope="col">{i18n.t("staff-col-granted")}</th>
                        <th scope="col"><span class="visually-hidden">{i18n.t("staff-revoke")}</span></th>
                    </tr></thead>
                    <tbody>{page.members.into_iter().map(|m| member_row(i18n, m)).collect_view()}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <h2 id="staff-grant-heading">{i18n.t("staff-grant-title")}</h2>
        <form method="post" action="/admin/staff/grant" class="staff-grant" aria-labelledby="staff-grant-heading">
            <div class="field">
                <label for="staff-snils">{i18n.t("staff-snils")}</label>
                <p class="hint" id="staff-snils-hint">{i18n.t("staff-snils-hint")}</p>
                <input id="staff-snils" type="text" name="snils" required inputmode="numeric" autocomplete="off" maxlength="14"
                    value=typed.snils aria-describedby="staff-snils-hint" aria-invalid=snils_invalid/>
            </div>
            <div class="field">
                <label for="staff-role">{i18n.t("staff-role")}</label>
                <select id="staff-role" name="role">
                    {ROLES.into_iter().map(|r| {
                        let selected = role_chosen == r.as_str();
                        view! { <option value=r.as_str() selected=selected>{i18n.t(&format!("role-{}", r.as_str()))}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="staff-department">{i18n.t("staff-department")}</label>
                <p class="hint" id="staff-department-hint">{i18n.t("staff-department-hint")}</p>
                <select id="staff-department" name="department" aria-describedby="staff-department-hint" aria-invalid=department_invalid>
                    <option value="">{i18n.t("staff-department-none")}</option>
                    {page.departments.into_iter().map(|d| {
                        let selected = typed.department == d.code;
                        view! { <option value=d.code selected=selected>{d.title}</option> }
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class="button">{i18n.t("staff-grant")}</button>
        </form>
        <h2>{i18n.t("staff-list")}</h2>
        {table}
    }
}

fn member_row(i18n: I18n, m: StaffMember) -> impl IntoView {
    let role = i18n.t(&format!("role-{}", m.role.as_str()));
    let who = m.name.clone().unwrap_or_else(|| m.snils.clone());
    let label = i18n.t_with("staff-revoke-label", &[("role", role.clone().into()), ("who", who.into())]);
    let granted_by = match m.granted_by {
        GrantedBy::CommandLine => i18n.t("staff-by-cli"),
        GrantedBy::Person(n) | GrantedBy::Other(n) => n,
    };
    let name = match m.name {
        Some(n) => view! { <span>{n}</span> }.into_any(),
        None => view! { <span class="muted">{i18n.t("staff-not-logged-in")}</span> }.into_any(),
    };
    view! {
        <tr>
            <th scope="row">{name}</th>
            <td class="nowrap">{m.snils}</td>
            <td>{role}</td>
            <td>{m.department.unwrap_or_else(|| "—".into())}</td>
            <td>{format::date_time(&m.granted_at)}<br/><span class="muted">{granted_by}</span></td>
            <td>
                <form method="post" action="/admin/staff/revoke">
                    <input type="hidden" name="snils" value=m.snils_digits/>
                    <input type="hidden" name="role" value=m.role.as_str()/>
                    <input type="hidden" name="department" value=m.department_code.unwrap_or_default()/>
                    <button type="submit" class="button secondary" aria-label=label>{i18n.t("staff-revoke")}</button>
                </form>
            </td>
        </tr>
    }
}
