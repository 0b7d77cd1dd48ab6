//! The catalog editor: `/admin/catalog` lists every entry with publish and unpublish;
//! `/admin/catalog/:kind/:code` edits one entry (`new` creates one) and a service's blank forms;
//! `/admin/catalog/service/:code/form` edits its online form with a preview as citizens see it;
//! `/admin/branding` the region's name, colours, contacts, footer links and coat of arms.
//! Every form posts to the server and works without JavaScript; a refused one comes back with
//! the operator's values and a message per field.
use domain::catalog_form::{rows, EntryKind, FieldProblem, Values, Widget, SPARE_ROWS};
use domain::forms::FormSchema;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::components::islands::{island_i18n, IslandScripts};
use crate::components::status::loaded_or_status;
use crate::i18n::{use_i18n, I18n};
use crate::server_fns::admin::catalog::{get_branding_editor, get_catalog_admin, get_catalog_entry, get_form_editor};

fn kind_key(kind: EntryKind) -> String {
    format!("admin-kind-{}", kind.as_str())
}

/// A notice at the top of an editor page from `?saved=1` or `?conflict=1`.
#[component]
fn EditorNotice() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    move || {
        let q = query.read();
        if q.get("saved").is_some() {
            Some(view! { <div class="notice success" role="status"><p>{i18n.t("admin-saved")}</p></div> }.into_any())
        } else {
            q.get("problem").map(|p| {
                let key = format!("admin-problem-{}", p.chars().filter(|c| c.is_ascii_lowercase() || *c == '-').collect::<String>());
                view! { <div class="notice error" role="alert"><p>{i18n.t(&key)}</p></div> }.into_any()
            })
        }
    }
}

/// Every entry of the catalog by kind.
#[component]
pub fn CatalogAdminPage() -> impl IntoView {
    let i18n = use_i18n();
    let data = Resource::new(|| (), |_| get_catalog_admin());
    view! {
        <Title text=i18n.t("admin-catalog-title")/>
        <p><a href="/admin">"← "{i18n.t("admin-title")}</a></p>
        <h1>{i18n.t("admin-catalog-title")}</h1>
        <p class="lead">{i18n.t("admin-catalog-lead")}</p>
        <EditorNotice/>
        <p>
            <a class="button secondary" href="/admin/branding">{i18n.t("admin-branding-title")}</a>" "
            <a class="button secondary" href="/admin/region-pack.zip" download="">{i18n.t("admin-export")}</a>
        </p>
        <section aria-labelledby="register-heading">
            <h2 id="register-heading">{i18n.t("register-title")}</h2>
            <p>{i18n.t("register-lead")}</p>
            <p><a class="button secondary" href="/admin/register.xml" download="">{i18n.t("register-download")}</a></p>
            <form method="post" action="/admin/register" enctype="multipart/form-data">
                <div class="field">
                    <label for="register-file">{i18n.t("register-file")}</label>
                    <input id="register-file" type="file" name="file" accept=".xml,application/xml,text/xml" required/>
                </div>
                <button type="submit" class="button">{i18n.t("register-upload")}</button>
            </form>
        </section>
        <Suspense fallback=move || view! { <p>{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                loaded_or_status(data.await, move |admin| {
                    let read_at = admin.read_at.to_string();
                    admin.lists.into_iter().map(|(kind, list)| {
                        let heading = format!("list-{}", kind.as_str());
                        let read_at = read_at.clone();
                        view! {
                            <section aria-labelledby=heading.clone()>
                                <h2 id=heading.clone()>{i18n.t(&format!("{}-plural", kind_key(kind)))}</h2>
                                <p><a class="button" href=format!("/admin/catalog/{}/new", kind.as_str())>{i18n.t("admin-add")}" — "{i18n.t(&kind_key(kind))}</a></p>
                                <div class="table-scroll" role="region" aria-labelledby=heading.clone() tabindex="0">
                                    <table class="queue-table">
                                        <thead><tr>
                                            <th scope="col">{i18n.t("admin-col-title")}</th>
                                            <th scope="col">{i18n.t("admin-col-code")}</th>
                                            <th scope="col">{i18n.t("admin-col-state")}</th>
                                            <th scope="col">{i18n.t("admin-col-actions")}</th>
                                        </tr></thead>
                                        <tbody>
                                            {list.into_iter().map(|row| {
                                                let action = format!("/admin/catalog/{}/{}/publish", kind.as_str(), row.code);
                                                let edit = format!("/admin/catalog/{}/{}", kind.as_str(), row.code);
                                                let (state, button, value) = if row.published {
                                                    ("admin-published", "admin-unpublish", "false")
                                                } else {
                                                    ("admin-unpublished", "admin-publish", "true")
                                                };
                                                view! {
                                                    <tr>
                                                        <td>{if row.published { view! { <a href=edit>{row.title.clone()}</a> }.into_any() } else { view! { <span>{row.title.clone()}</span> }.into_any() }}</td>
                                                        <td><code>{row.code.clone()}</code></td>
                                                        <td>{i18n.t(state)}</td>
                                                        <td>
                                                            <form method="post" action=action class="inline-form">
                                                                <input type="hidden" name="read_at" value=read_at.clone()/>
                                                                <input type="hidden" name="published" value=value/>
                                                                <button type="submit" class="secondary">{i18n.t(button)}<span class="visually-hidden">": "{row.title}</span></button>
                                                            </form>
                                                        </td>
                                                    </tr>
                                                }
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                            </section>
                        }
                    }).collect_view()
                })
            })}
        </Suspense>
    }
}

/// Every problem at the top of the page, each linking to its field; `label` names a field by
/// the first part of its name.
fn problem_summary(i18n: I18n, problems: &[FieldProblem], label: impl Fn(&str) -> String) -> Option<impl IntoView> {
    (!problems.is_empty()).then(|| {
        let items = problems
            .iter()
            .map(|p| {
                let field = p.field.split('.').next().unwrap_or_default();
                let name = if field.is_empty() { String::new() } else { format!("{}: ", label(field)) };
                let text = problems_of(i18n, std::slice::from_ref(p), &p.field).join("");
                let href = format!("#f-{}", p.field.replace('.', "-"));
                view! { <li><a href=href>{name}{text}</a></li> }
            })
            .collect_view();
        view! {
            <div class="notice error error-summary" role="alert" tabindex="-1">
                <p>{i18n.t_with("admin-problems", &[("count", problems.len().into())])}</p>
                <ul>{items}</ul>
            </div>
        }
    })
}

/// The problems of `field` (exactly, or of its language variants), as texts.
fn problems_of(i18n: I18n, problems: &[FieldProblem], field: &str) -> Vec<String> {
    problems
        .iter()
        .filter(|p| p.field == field)
        .map(|p| match &p.detail {
            Some(detail) => format!("{} ({detail})", i18n.t(&p.problem)),
            None => i18n.t(&p.problem),
        })
        .collect()
}

fn first(values: &Values, name: &str) -> String {
    values.get(name).and_then(|v| v.first()).cloned().unwrap_or_default()
}

/// One input with its label and problems; `long` makes it a text area.
#[component]
fn Input(
    name: String,
    label: String,
    value: String,
    problems: Vec<String>,
    #[prop(optional)] long: bool,
    #[prop(optional)] kind: &'static str,
    #[prop(optional)] readonly: bool,
) -> impl IntoView {
    let id = format!("f-{}", name.replace('.', "-"));
    let err_id = format!("{id}-err");
    let invalid = !problems.is_empty();
    let described = invalid.then(|| err_id.clone());
    let input = if long {
        view! { <textarea id=id.clone() name=name rows="3" aria-invalid=invalid.then_some("true") aria-describedby=described>{value}</textarea> }.into_any()
    } else {
        let kind = if kind.is_empty() { "text" } else { kind };
        view! { <input id=id.clone() name=name type=kind value=value readonly=readonly aria-invalid=invalid.then_some("true") aria-describedby=described/> }
            .into_any()
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {invalid.then(|| view! { <p class="field-error" id=err_id>{problems.join("; ")}</p> })}
            {input}
        </div>
    }
}

/// Inputs of a text in every language, in a fieldset.
fn localized(i18n: I18n, name: &str, legend: String, locales: &[String], values: &Values, problems: &[FieldProblem], long: bool) -> impl IntoView {
    let inputs = locales
        .iter()
        .map(|lang| {
            let field = format!("{name}.{lang}");
            let label = i18n.t(&format!("admin-lang-{lang}"));
            view! { <Input name=field.clone() label=label value=first(values, &field) problems=problems_of(i18n, problems, &field) long=long/> }
        })
        .collect_view();
    view! { <fieldset class="localized"><legend>{legend}</legend>{inputs}</fieldset> }
}

/// One entry's form.
#[component]
pub fn EntryEditPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let key = move || (params.read().get("kind").unwrap_or_default(), params.read().get("code").unwrap_or_default());
    let data = Resource::new(key, |(kind, code)| get_catalog_entry(kind, code));
    view! {
        <p><a href="/admin/catalog">"← "{i18n.t("admin-catalog-title")}</a></p>
        <EditorNotice/>
        <Suspense fallback=move || view! { <p>{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                loaded_or_status(data.await, move |e| {
                    let kind = e.kind;
                    let title = match &e.code {
                        Some(code) => format!("{}: {code}", i18n.t(&kind_key(kind))),
                        None => format!("{} — {}", i18n.t("admin-add"), i18n.t(&kind_key(kind))),
                    };
                    let action = format!("/admin/catalog/{}/{}", kind.as_str(), e.code.clone().unwrap_or_else(|| "new".into()));
                    let fields = kind.fields().iter().map(|f| field_view(i18n, &e, f.name, f.widget)).collect_view();
                    let service = (kind == EntryKind::Service).then(|| e.code.clone()).flatten();
                    view! {
                        <Title text=title.clone()/>
                        <h1>{title}</h1>
                        {problem_summary(i18n, &e.problems, move |field| i18n.t(&format!("admin-field-{field}")))}
                        <form method="post" action=action class="editor-form" novalidate=true>
                            <input type="hidden" name="read_at" value=e.read_at.to_string()/>
                            {fields}
                            <p><button type="submit">{i18n.t("admin-save")}</button></p>
                        </form>
                        {service.map(|code| view! { <ServiceFiles code=code blanks=e.blanks.clone() has_form=e.has_form read_at=e.read_at locales=e.locales.clone()/> })}
                    }
                })
            })}
        </Suspense>
    }
}

/// The input(s) of one field of an entry.
fn field_view(i18n: I18n, e: &crate::server_fns::admin::catalog::EntryEditor, name: &'static str, widget: Widget) -> AnyView {
    let label = i18n.t(&format!("admin-field-{name}"));
    let problems = problems_of(i18n, &e.problems, name);
    let values = &e.values;
    match widget {
        Widget::Code => view! { <Input name=name.to_owned() label=label value=first(values, name) problems=problems readonly=e.code.is_some()/> }.into_any(),
        Widget::Plain => view! { <Input name=name.to_owned() label=label value=first(values, name) problems=problems/> }.into_any(),
        Widget::Number => view! { <Input name=name.to_owned() label=label value=first(values, name) problems=problems kind="number"/> }.into_any(),
        Widget::Text | Widget::LongText => localized(i18n, name, label, &e.locales, values, &e.problems, widget == Widget::LongText).into_any(),
        Widget::Checkbox => {
            let id = format!("f-{name}");
            let checked = !first(values, name).is_empty();
            view! { <div class="field checkbox"><input type="checkbox" id=id.clone() name=name checked=checked/><label for=id>{label}</label></div> }.into_any()
        }
        Widget::Select => {
            let options: Vec<(String, String)> = match name {
                "stage" => (1..=5).map(|n| (n.to_string(), i18n.t(&format!("stage-{n}")))).collect(),
                "assurance" => std::iter::once((String::new(), i18n.t("admin-assurance-any")))
                    .chain(["simplified", "standard", "confirmed"].map(|a| (a.to_owned(), i18n.t(&format!("admin-assurance-{a}")))))
                    .collect(),
                _ => std::iter::once((String::new(), i18n.t("admin-choose"))).chain(e.options.get(name).cloned().unwrap_or_default()).collect(),
            };
            let current = first(values, name);
            let id = format!("f-{name}");
            let invalid = !problems.is_empty();
            view! {
                <div class="field">
                    <label for=id.clone()>{label}</label>
                    {invalid.then(|| view! { <p class="field-error" id=format!("{id}-err")>{problems.join("; ")}</p> })}
                    <select id=id.clone() name=name aria-invalid=invalid.then_some("true") aria-describedby=invalid.then(|| format!("{id}-err"))>
                        {options.into_iter().map(|(v, l)| { let selected = v == current; view! { <option value=v selected=selected>{l}</option> } }).collect_view()}
                    </select>
                </div>
            }
            .into_any()
        }
        Widget::Checks => {
            let options: Vec<(String, String)> = match name {
                "channels" => ["online", "office", "mfc", "post"].map(|c| (c.to_owned(), i18n.t(&format!("admin-channel-{c}")))).to_vec(),
                _ => e.options.get(name).cloned().unwrap_or_default(),
            };
            let chosen = values.get(name).cloned().unwrap_or_default();
            view! {
                <fieldset class="checks"><legend>{label}</legend>
                    {options.into_iter().map(|(v, l)| {
                        let id = format!("f-{name}-{v}");
                        let checked = chosen.contains(&v);
                        view! { <div class="field checkbox"><input type="checkbox" id=id.clone() name=name value=v checked=checked/><label for=id>{l}</label></div> }
                    }).collect_view()}
                </fieldset>
            }
            .into_any()
        }
        Widget::TextList | Widget::Documents => {
            let n = rows(values, name) + SPARE_ROWS;
            let items = (0..n)
                .map(|i| {
                    let row = format!("{name}.{i}");
                    let legend = i18n.t_with("admin-row", &[("n", (i + 1).into())]);
                    let interagency = (widget == Widget::Documents).then(|| {
                        let field = format!("{row}.interagency");
                        let id = format!("f-{}", field.replace('.', "-"));
                        let checked = !first(values, &field).is_empty();
                        view! { <div class="field checkbox"><input type="checkbox" id=id.clone() name=field checked=checked/><label for=id>{i18n.t("admin-field-interagency")}</label></div> }
                    });
                    view! { {localized(i18n, &row, legend, &e.locales, values, &e.problems, false)}{interagency} }
                })
                .collect_view();
            view! { <fieldset class="rows"><legend>{label}</legend><p class="hint">{i18n.t("admin-rows-hint")}</p>{items}</fieldset> }.into_any()
        }
    }
}

/// A service's blank forms (upload, replace, remove) and the link to its online form.
#[component]
fn ServiceFiles(code: String, blanks: Vec<(String, String, String)>, has_form: bool, read_at: i64, locales: Vec<String>) -> impl IntoView {
    let i18n = use_i18n();
    let upload = format!("/admin/catalog/service/{code}/blanks");
    let remove = format!("/admin/catalog/service/{code}/blanks/remove");
    let form = format!("/admin/catalog/service/{code}/form");
    let read_at = read_at.to_string();
    let titles = locales
        .iter()
        .map(|lang| {
            let id = format!("blank-title-{lang}");
            view! { <div class="field"><label for=id.clone()>{i18n.t("admin-blank-title")}" ("{i18n.t(&format!("admin-lang-{lang}"))}")"</label><input id=id name=format!("title.{lang}") type="text" required=true/></div> }
        })
        .collect_view();
    view! {
        <section aria-labelledby="blanks-heading">
            <h2 id="blanks-heading">{i18n.t("admin-blanks")}</h2>
            {if blanks.is_empty() {
                view! { <p class="empty">{i18n.t("admin-blanks-none")}</p> }.into_any()
            } else {
                view! {
                    <ul class="blank-list">
                        {blanks.into_iter().map(|(name, title, url)| view! {
                            <li>
                                <a href=url>{title.clone()}</a>" ("<code>{name.clone()}</code>") "
                                <form method="post" action=remove.clone() class="inline-form">
                                    <input type="hidden" name="read_at" value=read_at.clone()/>
                                    <input type="hidden" name="file" value=name/>
                                    <button type="submit" class="secondary">{i18n.t("admin-remove")}<span class="visually-hidden">": "{title}</span></button>
                                </form>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <h3>{i18n.t("admin-blank-upload")}</h3>
            <p class="hint">{i18n.t("admin-blank-hint")}</p>
            <form method="post" action=upload enctype="multipart/form-data" class="editor-form">
                <input type="hidden" name="read_at" value=read_at.clone()/>
                {titles}
                <div class="field"><label for="blank-file">{i18n.t("admin-blank-file")}</label><input id="blank-file" name="file" type="file" required=true accept=".pdf,.odt,.ods,.docx,.xlsx,.rtf,.doc"/></div>
                <p><button type="submit">{i18n.t("admin-upload")}</button></p>
            </form>
        </section>
        <section aria-labelledby="form-heading">
            <h2 id="form-heading">{i18n.t("admin-online-form")}</h2>
            <p>{i18n.t(if has_form { "admin-online-form-yes" } else { "admin-online-form-no" })}</p>
            <p><a class="button secondary" href=form>{i18n.t("admin-online-form-edit")}</a></p>
        </section>
    }
}

/// The problems of a schema's text, or the schema when it has none.
fn check_schema(text: &str, locales: &[String]) -> Result<FormSchema, Vec<(String, String)>> {
    let schema: FormSchema = serde_json::from_str(text).map_err(|e| vec![(format!("{}:{}", e.line(), e.column()), e.to_string())])?;
    let langs: Vec<_> = locales.iter().filter_map(|l| domain::localized::Lang::parse(l).ok()).collect();
    let problems = schema.check(&langs);
    if problems.is_empty() {
        Ok(schema)
    } else {
        Err(problems.into_iter().map(|p| (p.path, p.problem)).collect())
    }
}

/// A service's online form: its JSON text, its problems and a preview as citizens see it,
/// renewed as the operator types when JavaScript runs.
#[component]
pub fn FormEditPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let code = move || params.read().get("code").unwrap_or_default();
    let data = Resource::new(code, get_form_editor);
    view! {
        <IslandScripts/>
        <EditorNotice/>
        <Suspense fallback=move || view! { <p>{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                loaded_or_status(data.await, move |f| {
                    let action = format!("/admin/catalog/service/{}/form", f.code);
                    let back = format!("/admin/catalog/service/{}", f.code);
                    let title = i18n.t_with("admin-form-title", &[("service", f.title.clone().into())]);
                    view! {
                        <Title text=title.clone()/>
                        <p><a href=back>"← "{f.title.clone()}</a></p>
                        <h1>{title}</h1>
                        <p class="lead">{i18n.t("admin-form-lead")}</p>
                        <p>{match f.version {
                            Some(v) => i18n.t_with("admin-form-version", &[("version", v.into())]),
                            None => i18n.t("admin-online-form-no"),
                        }}{f.is_draft.then(|| format!(" {}", i18n.t("admin-form-draft")))}</p>
                        <SchemaEditor text=f.text.clone() locales=f.locales.clone() action read_at=f.read_at/>
                    }
                })
            })}
        </Suspense>
    }
}

/// The schema's text with its check and the preview, renewed as the operator types (an island;
/// without JavaScript the page shows the saved text's check and preview).
#[island]
fn SchemaEditor(text: String, locales: Vec<String>, action: String, read_at: i64) -> impl IntoView {
    let i18n = island_i18n();
    let initial = text.clone();
    let text = RwSignal::new(text);
    let checked = Memo::new(move |_| check_schema(&text.read(), &locales));
    view! {
        <div class="form-editor">
            <form method="post" action=action class="editor-form">
                <input type="hidden" name="read_at" value=read_at.to_string()/>
                <div class="field">
                    <label for="schema">{i18n.t("admin-form-schema")}</label>
                    <textarea id="schema" name="schema" rows="24" spellcheck="false" class="code"
                        aria-describedby="schema-check"
                        on:input=move |ev| text.set(event_target_value(&ev))>{initial}</textarea>
                </div>
                <p>
                    <button type="submit" name="action" value="save" class="secondary">{i18n.t("admin-form-save")}</button>" "
                    <button type="submit" name="action" value="publish">{i18n.t("admin-form-publish")}</button>
                </p>
            </form>
            <div>
                <div id="schema-check" aria-live="polite">
                    {move || match checked.get() {
                        Ok(_) => view! { <p class="notice success">{i18n.t("admin-form-valid")}</p> }.into_any(),
                        Err(problems) => view! {
                            <div class="notice error">
                                <p>{i18n.t_with("admin-problems", &[("count", problems.len().into())])}</p>
                                <ul>{problems.into_iter().map(|(path, p)| view! { <li><code>{path}</code>": "{p}</li> }).collect_view()}</ul>
                            </div>
                        }.into_any(),
                    }}
                </div>
                <h2>{i18n.t("admin-form-preview")}</h2>
                {move || checked.get().ok().map(|schema| view! { <crate::components::forms::FormPreview schema=schema/> })}
            </div>
        </div>
    }
}

/// The region's name, colours, contacts, footer links and coat of arms.
#[component]
pub fn BrandingPage() -> impl IntoView {
    let i18n = use_i18n();
    let data = Resource::new(|| (), |_| get_branding_editor());
    view! {
        <Title text=i18n.t("admin-branding-title")/>
        <p><a href="/admin/catalog">"← "{i18n.t("admin-catalog-title")}</a></p>
        <h1>{i18n.t("admin-branding-title")}</h1>
        <p class="lead">{i18n.t("admin-branding-lead")}</p>
        <EditorNotice/>
        <Suspense fallback=move || view! { <p>{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                loaded_or_status(data.await, move |b| {
                    let v = &b.values;
                    let p = &b.problems;
                    let links = (0..rows(v, "links") + SPARE_ROWS).map(|i| {
                        let row = format!("links.{i}");
                        let url = format!("{row}.url");
                        view! {
                            {localized(i18n, &row, i18n.t_with("admin-link", &[("n", (i + 1).into())]), &b.locales, v, p, false)}
                            <Input name=url.clone() label=i18n.t("admin-link-url") value=first(v, &url) problems=problems_of(i18n, p, &url)/>
                        }
                    }).collect_view();
                    view! {
                        {problem_summary(i18n, p, move |field| i18n.t(match field {
                            "name" => "admin-region-name",
                            "primary" => "admin-colour-primary",
                            "accent" => "admin-colour-accent",
                            "phone" => "footer-phone",
                            "email" => "footer-email",
                            "coat" => "admin-coat",
                            _ => "admin-links",
                        }))}
                        <form method="post" action="/admin/branding" enctype="multipart/form-data" class="editor-form" novalidate=true>
                            <input type="hidden" name="read_at" value=b.read_at.to_string()/>
                            {localized(i18n, "name", i18n.t("admin-region-name"), &b.locales, v, p, false)}
                            <p class="hint">{i18n.t("admin-colour-hint")}</p>
                            <Input name="primary".into() label=i18n.t("admin-colour-primary") value=first(v, "primary") problems=problems_of(i18n, p, "primary") kind="color"/>
                            <Input name="accent".into() label=i18n.t("admin-colour-accent") value=first(v, "accent") problems=problems_of(i18n, p, "accent") kind="color"/>
                            <Input name="phone".into() label=i18n.t("footer-phone") value=first(v, "phone") problems=problems_of(i18n, p, "phone") kind="tel"/>
                            <Input name="email".into() label=i18n.t("footer-email") value=first(v, "email") problems=problems_of(i18n, p, "email") kind="email"/>
                            <fieldset class="rows"><legend>{i18n.t("admin-links")}</legend><p class="hint">{i18n.t("admin-rows-hint")}</p>{links}</fieldset>
                            <div class="field">
                                <label for="coat">{i18n.t("admin-coat")}</label>
                                {problems_of(i18n, p, "coat").first().cloned().map(|m| view! { <p class="field-error">{m}</p> })}
                                <input id="coat" name="coat" type="file" accept=".svg,.png"/>
                            </div>
                            {b.has_coat_of_arms.then(|| view! { <p><img src="/branding/coat-of-arms" alt=i18n.t("admin-coat-current") height="64"/></p> })}
                            <p><button type="submit">{i18n.t("admin-save")}</button></p>
                        </form>
                    }
                })
            })}
        </Suspense>
    }
}
