//! One question of a form: label, hint, the control for its type, and its problem. The problem
//! shown is the server's until the person touches the field, then the live one (the same
//! validator running in the browser).
use std::collections::BTreeSet;

use domain::dates;
use domain::forms::{Field, FieldError, FieldType, FormData, ProfileAttr};
use domain::localized::Lang;
use domain::views::FileView;
use leptos::prelude::*;

use super::messages::{formats_text, problem_text};
use crate::format::human_size;
use crate::i18n::use_i18n;

/// What every field of a form page shares.
#[derive(Clone, Copy)]
pub struct FormCtx {
    /// The values as they are now.
    pub data: RwSignal<FormData>,
    /// Fields the person has left after changing them.
    pub touched: RwSignal<BTreeSet<String>>,
    /// Problems found by the validator in the browser, as the person types.
    pub live: Memo<Vec<FieldError>>,
    /// Problems the server found when the page was sent.
    pub server: StoredValue<Vec<FieldError>>,
}

impl FormCtx {
    /// The problem to show at `path`, if any.
    pub fn problem(&self, path: &str) -> Option<domain::forms::Problem> {
        let pick = |errors: &[FieldError]| errors.iter().find(|e| e.path == path).map(|e| e.problem.clone());
        if self.touched.with(|t| t.contains(path)) {
            self.live.with(|e| pick(e))
        } else {
            self.server.with_value(|e| pick(e))
        }
    }

    fn set(&self, path: &str, value: String) {
        self.data.update(|d| match domain::forms::FieldPath::parse(path) {
            Some(domain::forms::FieldPath::Entry { group, index, field }) => {
                if let Some(entry) = d.groups.get_mut(&group).and_then(|g| g.get_mut(index)) {
                    if value.is_empty() {
                        entry.remove(&field);
                    } else {
                        entry.insert(field, value);
                    }
                }
            }
            _ if value.is_empty() => {
                d.values.remove(path);
            }
            _ => {
                d.values.insert(path.to_owned(), value);
            }
        });
    }

    fn touch(&self, path: &str) {
        if !self.touched.with_untracked(|t| t.contains(path)) {
            self.touched.update(|t| {
                t.insert(path.to_owned());
            });
        }
    }
}

/// Is the focus moving to a button?
fn leaving_for_button(ev: &leptos::ev::FocusEvent) -> bool {
    use leptos::wasm_bindgen::JsCast;
    ev.related_target().and_then(|t| t.dyn_into::<leptos::web_sys::Element>().ok()).is_some_and(|e| e.tag_name().eq_ignore_ascii_case("button"))
}

fn autocomplete(field: &Field) -> &'static str {
    match (field.prefill, field.kind) {
        (Some(ProfileAttr::FamilyName), _) => "family-name",
        (Some(ProfileAttr::GivenName), _) => "given-name",
        (Some(ProfileAttr::MiddleName), _) => "additional-name",
        (Some(ProfileAttr::Birthdate), _) => "bday",
        (_, FieldType::Email) => "email",
        (_, FieldType::Phone) => "tel",
        _ => "off",
    }
}

/// The control of `field` at `path`, starting from `value`; `files` are those uploaded for it.
#[component]
pub fn FieldControl(field: Field, path: String, value: String, files: Vec<FileView>, lang: Lang) -> impl IntoView {
    let i18n = use_i18n();
    let ctx = expect_context::<FormCtx>();
    let id = format!("f-{path}");
    let hint_id = format!("hint-{path}");
    let err_id = format!("err-{path}");
    let label = field.label.get(&lang, &lang).to_owned();
    let optional =
        (!field.required && !matches!(field.kind, FieldType::Checkbox)).then(|| view! { <span class="optional">" ("{i18n.t("form-optional")}")"</span> });
    let hint = field.hint.as_ref().map(|h| h.get(&lang, &lang).to_owned());
    let file_hint = (field.kind == FieldType::File).then(|| {
        i18n.t_with(
            "form-file-hint",
            &[("formats", formats_text(&field.formats()).into()), ("count", field.file_limit().into()), ("size", human_size(i18n, field.size_limit()).into())],
        )
    });
    let hint = [hint, file_hint].into_iter().flatten().collect::<Vec<_>>().join(" ");
    let has_hint = !hint.is_empty();
    let problem_path = path.clone();
    let problem = Memo::new(move |_| ctx.problem(&problem_path));
    let described = move || {
        let mut ids = Vec::new();
        if has_hint {
            ids.push(hint_id.clone());
        }
        if problem.get().is_some() {
            ids.push(err_id.clone());
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    };
    let invalid = move || problem.get().map(|_| "true");
    let error = {
        let err_id = format!("err-{path}");
        move || problem.get().map(|p| view! { <p class="field-error" id=err_id.clone()><span class="visually-hidden">"! "</span>{problem_text(i18n, &p)}</p> })
    };
    let hint_view = has_hint.then(|| view! { <p class="hint" id=format!("hint-{path}")>{hint}</p> });
    let on_input = {
        let path = path.clone();
        move |ev: leptos::ev::Event| ctx.set(&path, event_target_value(&ev))
    };
    let on_leave = {
        let path = path.clone();
        move |ev: leptos::ev::FocusEvent| {
            // Leaving the field for one of the form's buttons sends the page: showing the problem
            // now would move the button away from under the pointer, and the server checks anyway.
            if !leaving_for_button(&ev) {
                ctx.touch(&path);
            }
        }
    };

    let on_change = {
        let path = path.clone();
        move |ev: leptos::ev::Event| {
            ctx.set(&path, event_target_value(&ev));
            ctx.touch(&path);
        }
    };
    let required = field.required;
    let control = match field.kind {
        FieldType::Radio => {
            let options = field.options.iter().enumerate().map(|(i, o)| {
                let oid = format!("{id}-{i}");
                let checked = o.value == value;
                let text = o.label.get(&lang, &lang).to_owned();
                view! {
                    <div class="choice">
                        <input type="radio" id=oid.clone() name=path.clone() value=o.value.clone() checked=checked on:change=on_change.clone()/>
                        <label for=oid>{text}</label>
                    </div>
                }
            });
            return view! {
                <fieldset class="field" id=format!("field-{path}") aria-describedby=described aria-invalid=invalid>
                    <legend>{label}{optional}</legend>
                    {hint_view}
                    {error}
                    {options.collect_view()}
                </fieldset>
            }
            .into_any();
        }
        FieldType::Checkbox => {
            let checked = value == "true";
            let path_for = path.clone();
            let on_tick = move |ev: leptos::ev::Event| {
                ctx.set(&path_for, if event_target_checked(&ev) { "true".into() } else { String::new() });
                ctx.touch(&path_for);
            };
            return view! {
                <div class="field checkbox" id=format!("field-{path}")>
                    {error}
                    <div class="choice">
                        <input type="checkbox" id=id.clone() name=path.clone() value="true" checked=checked required=required
                            aria-describedby=described aria-invalid=invalid on:change=on_tick/>
                        <label for=id>{label}</label>
                    </div>
                    {hint_view}
                </div>
            }
            .into_any();
        }
        FieldType::Select => {
            let options = field.options.iter().map(|o| {
                let selected = o.value == value;
                view! { <option value=o.value.clone() selected=selected>{o.label.get(&lang, &lang).to_owned()}</option> }
            });
            view! {
                <select id=id.clone() name=path.clone() required=required aria-describedby=described aria-invalid=invalid on:change=on_change>
                    <option value="">{i18n.t("form-select-placeholder")}</option>
                    {options.collect_view()}
                </select>
            }
            .into_any()
        }
        FieldType::LongText => view! {
            <textarea id=id.clone() name=path.clone() rows="5" required=required aria-describedby=described aria-invalid=invalid
                on:input=on_input on:blur=on_leave>{value.clone()}</textarea>
        }
        .into_any(),
        FieldType::File => {
            let listed = files.into_iter().map(|f| {
                let size = human_size(i18n, f.size);
                let remove = format!("{} {}", i18n.t("form-file-remove"), f.name);
                view! {
                    <li>
                        <span class="file-name">{f.name.clone()}</span>" ("{size}") "
                        <button type="submit" name="go" value=format!("detach:{}", f.id) class="button-text" aria-label=remove>{i18n.t("form-file-remove")}</button>
                    </li>
                }
            });
            let accept = field.formats().iter().map(|f| format!(".{}", f.extension())).collect::<Vec<_>>().join(",");
            view! {
                <ul class="file-list">{listed.collect_view()}</ul>
                <input type="file" id=id.clone() name=path.clone() multiple=true accept=accept aria-describedby=described aria-invalid=invalid/>
            }
            .into_any()
        }
        kind => {
            let (input_type, mode) = match kind {
                FieldType::Date => ("date", None),
                FieldType::Email => ("email", None),
                FieldType::Phone => ("tel", None),
                FieldType::Number | FieldType::Snils | FieldType::Inn | FieldType::Ogrn | FieldType::Passport => {
                    ("text", Some(if kind == FieldType::Number { "decimal" } else { "numeric" }))
                }
                _ => ("text", None),
            };
            // A date typed as DD.MM.YYYY shows in the date picker too.
            let shown = if kind == FieldType::Date { dates::parse_date(&value).map_or(value.clone(), dates::format_date) } else { value.clone() };
            view! {
                <input type=input_type id=id.clone() name=path.clone() value=shown inputmode=mode autocomplete=autocomplete(&field) required=required
                    aria-describedby=described aria-invalid=invalid on:input=on_input on:blur=on_leave/>
            }
            .into_any()
        }
    };
    view! {
        <div class="field" id=format!("field-{path}")>
            <label for=id>{label}{optional}</label>
            {hint_view}
            {error}
            {control}
        </div>
    }
    .into_any()
}
