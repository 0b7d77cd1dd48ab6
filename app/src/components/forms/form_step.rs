//! One step of an online form as a plain HTML form (it works without JavaScript: the buttons
//! post it, the server saves, checks and shows the page again). With JavaScript the same page
//! checks each field as the person leaves it and saves the draft as they type: the form is an
//! island, with the server's validator compiled into the browser's bundle.
use std::collections::BTreeSet;

use domain::dates;
use domain::forms::{entry_path, is_visible, validate, Entry, FieldType, FileInfo, Files, FormData, FormSchema, Scope};
use domain::localized::Lang;
use domain::views::DraftStep;
use leptos::prelude::*;

use super::field_control::{FieldControl, FormCtx};
use super::messages::problem_text;
use crate::components::islands::island_i18n;
use crate::i18n::use_i18n;
use crate::server_fns::applications::autosave_step;

/// How long the draft waits after the last keystroke before saving itself.
const AUTOSAVE_AFTER_MS: u64 = 1500;

/// The values of step `step` only, as the autosave sends them.
fn step_values(schema: &FormSchema, step: usize, data: &FormData) -> FormData {
    let mut out = FormData::default();
    for field in schema.steps.get(step).map(|s| s.fields.as_slice()).unwrap_or_default() {
        match field.kind {
            FieldType::File => {}
            FieldType::Group => {
                out.groups.insert(field.id.clone(), data.groups.get(&field.id).cloned().unwrap_or_default());
            }
            _ => {
                if let Some(v) = data.values.get(&field.id) {
                    out.values.insert(field.id.clone(), v.clone());
                }
            }
        }
    }
    out
}

/// The form of step `draft.step`, with `notice` (e.g. why a file was refused) above it (an
/// island: its page writes `<IslandScripts/>`).
#[component]
pub fn FormStep(draft: DraftStep, #[prop(optional)] notice: String) -> impl IntoView {
    // Erased: the island's nested type would otherwise outgrow the compiler's limits in pages.
    view! { <StepForm draft notice/> }.into_any()
}

#[island]
fn StepForm(draft: DraftStep, notice: String) -> impl IntoView {
    let i18n = island_i18n();
    let lang = Lang::parse(i18n.lang()).unwrap_or_else(|_| Lang::parse("ru").expect("a tag"));
    let DraftStep { id, schema, step, data: initial, files, errors, today, .. } = draft;
    let last = step + 1 == schema.steps.len();
    let today = dates::parse_date(&today).unwrap_or(time::Date::MIN);
    let file_infos: Files = {
        let mut f = Files::new();
        for file in &files {
            if let Some(path) = &file.field {
                // The server checked each file's size and type; the browser counts them.
                f.entry(path.clone()).or_default().push(FileInfo { size: file.size, format: domain::forms::FileFormat::Pdf });
            }
        }
        f
    };
    let schema_store = StoredValue::new(schema.clone());
    let data = RwSignal::new(initial.clone());
    let live = Memo::new(move |_| schema_store.with_value(|s| validate(s, &data.get(), &file_infos, today, Scope::Step(step))));
    let ctx = FormCtx { data, touched: RwSignal::new(BTreeSet::new()), live, server: StoredValue::new(errors.clone()) };
    provide_context(ctx);

    // JavaScript only: save the draft a moment after the person stops typing.
    let save = Action::new({
        let id = id.clone();
        move |values: &FormData| autosave_step(id.clone(), step, values.clone())
    });
    let timer = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |first: Option<()>| {
        let values = schema_store.with_value(|s| step_values(s, step, &data.get()));
        if first.is_none() {
            return;
        }
        if let Some(t) = timer.get_value() {
            t.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                save.dispatch(values.clone());
            },
            std::time::Duration::from_millis(AUTOSAVE_AFTER_MS),
        );
        timer.set_value(handle.ok());
    });
    let autosave_status = move || match (save.pending().get(), save.value().get()) {
        (true, _) => i18n.t("form-saving"),
        (false, Some(Ok(()))) => i18n.t("form-saved"),
        (false, Some(Err(_))) => i18n.t("form-not-saved"),
        (false, None) => String::new(),
    };

    let summary = (!errors.is_empty()).then(|| {
        let items = errors.iter().map(|e| {
            let href = format!("#f-{}", e.path);
            view! { <li><a href=href>{problem_text(i18n, &e.problem)}</a></li> }
        });
        view! {
            <div class="error-summary" role="alert" tabindex="-1">
                <h2>{i18n.t("form-errors-title")}</h2>
                <p>{i18n.t_with("form-errors-count", &[("count", errors.len().into())])}</p>
                <ul>{items.collect_view()}</ul>
            </div>
        }
    });
    let notice = (!notice.is_empty()).then_some(notice).map(|n| view! { <div class="notice" role="status"><p>{n}</p></div> });
    let step_title = schema.steps[step].title.get(&lang, &lang).to_owned();
    let fields = schema.steps[step].fields.iter().map(|field| {
        let field = field.clone();
        if field.kind == FieldType::Group {
            return view! { <Group group=field data=initial.clone() files=files.clone() lang=lang.clone()/> }.into_any();
        }
        let path = field.id.clone();
        let value = initial.values.get(&path).cloned().unwrap_or_default();
        let mine: Vec<_> = files.iter().filter(|f| f.field.as_deref() == Some(path.as_str())).cloned().collect();
        let lang = lang.clone();
        let shown = field.clone();
        view! {
            {move || data.with(|d| is_visible(&shown, None, d)).then(|| view! {
                <FieldControl field=field.clone() path=path.clone() value=value.clone() files=mine.clone() lang=lang.clone()/>
            })}
        }
        .into_any()
    });
    let action = format!("/applications/{id}/edit/{}", step + 1);
    let next = i18n.t(if last { "form-to-review" } else { "form-next" });
    view! {
        {summary}
        {notice}
        <form class="application-form" method="post" action=action enctype="multipart/form-data" novalidate=true>
            // Enter in a text field presses the first button of the form: make it "next".
            <button type="submit" name="go" value="next" class="default-submit" tabindex="-1" aria-hidden="true">{next.clone()}</button>
            <h2>{step_title}</h2>
            {fields.collect_view()}
            <div class="form-actions">
                <button type="submit" name="go" value="next" class="button">{next}</button>
                <button type="submit" name="go" value="save" class="button secondary">{i18n.t("form-save")}</button>
                {(step > 0).then(|| view! { <button type="submit" name="go" value="back" class="button secondary">{i18n.t("form-back")}</button> })}
            </div>
            <p class="autosave" role="status" aria-live="polite">{autosave_status}</p>
        </form>
    }
}

/// A repeatable group: its entries (each removable) and a button to add one.
#[component]
fn Group(group: domain::forms::Field, data: FormData, files: Vec<domain::views::FileView>, lang: Lang) -> impl IntoView {
    let i18n = use_i18n();
    let ctx = expect_context::<FormCtx>();
    let entries: Vec<Entry> = data.groups.get(&group.id).cloned().unwrap_or_default();
    let label = group.label.get(&lang, &lang).to_owned();
    let group_id = group.id.clone();
    let problem = Memo::new(move |_| ctx.problem(&group_id));
    let can_add = entries.len() < group.item_limit() as usize;
    let count = entries.len();
    let rendered = entries.into_iter().enumerate().map(|(i, entry)| {
        let title = i18n.t_with("form-entry", &[("group", label.clone().into()), ("number", (i + 1).into())]);
        let fields = group.fields.iter().map(|f| {
            let path = entry_path(&group.id, i, &f.id);
            let value = entry.get(&f.id).cloned().unwrap_or_default();
            let mine: Vec<_> = files.iter().filter(|x| x.field.as_deref() == Some(path.as_str())).cloned().collect();
            let (f, shown, lang, group_id) = (f.clone(), f.clone(), lang.clone(), group.id.clone());
            view! {
                {move || data_visible(&ctx, &group_id, i, &shown).then(|| view! {
                    <FieldControl field=f.clone() path=path.clone() value=value.clone() files=mine.clone() lang=lang.clone()/>
                })}
            }
        });
        let remove = format!("{} — {}", i18n.t("form-remove-entry"), title);
        view! {
            <fieldset class="entry">
                <legend>{title}</legend>
                {fields.collect_view()}
                <button type="submit" name="go" value=format!("remove:{}:{i}", group.id) class="button secondary" aria-label=remove>
                    {i18n.t("form-remove-entry")}
                </button>
            </fieldset>
        }
    });
    view! {
        <fieldset class="group" id=format!("f-{}", group.id)>
            <legend>{label.clone()}</legend>
            {move || problem.get().map(|p| view! { <p class="field-error">{problem_text(i18n, &p)}</p> })}
            <input type="hidden" name=format!("__count.{}", group.id) value=count.to_string()/>
            {(count == 0).then(|| view! { <p>{i18n.t("form-no-entries")}</p> })}
            {rendered.collect_view()}
            {can_add.then(|| view! {
                <button type="submit" name="go" value=format!("add:{}", group.id) class="button secondary">
                    "+ "{i18n.t("form-add-entry")}": "{label.clone()}
                </button>
            })}
        </fieldset>
    }
}

fn data_visible(ctx: &FormCtx, group: &str, index: usize, field: &domain::forms::Field) -> bool {
    ctx.data.with(|d| {
        let entry = d.groups.get(group).and_then(|g| g.get(index));
        is_visible(field, entry, d)
    })
}
