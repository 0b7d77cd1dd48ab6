//! An application's answers read back, step by step: for the review before sending, the
//! application's page and its printable copy.
use domain::forms::{entry_path, is_visible, Entry, Field, FieldType, FormData, FormSchema};
use domain::localized::Lang;
use domain::views::FileView;
use leptos::prelude::*;

use crate::format;
use crate::format::human_size;
use crate::i18n::{use_i18n, I18n};

/// The value of `field` as a person reads it, or `None` when not given.
fn shown_value(i18n: I18n, lang: &Lang, field: &Field, value: Option<&String>) -> Option<String> {
    let value = value.map(|v| v.trim()).filter(|v| !v.is_empty())?;
    Some(match field.kind {
        FieldType::Select | FieldType::Radio => {
            field.options.iter().find(|o| o.value == value).map_or(value.to_owned(), |o| o.label.get(lang, lang).to_owned())
        }
        FieldType::Checkbox => {
            if value == "true" {
                i18n.t("review-yes")
            } else {
                return None;
            }
        }
        FieldType::Date => format::date(value),
        _ => value.to_owned(),
    })
}

/// The answers of `data` to `schema`, with the files; each step with a link to change it when
/// `edit` names the draft. An application filed on the federal portal shows that form's
/// questions and answers (`federal`) instead.
#[component]
pub fn Answers(
    schema: FormSchema,
    data: FormData,
    files: Vec<FileView>,
    application: String,
    #[prop(optional)] edit: bool,
    #[prop(optional)] federal: Vec<domain::federation::Answer>,
) -> impl IntoView {
    let i18n = use_i18n();
    if !federal.is_empty() {
        return view! {
            <div class="answers-all">
                <section class="answers-step">
                    <div class="answers-head"><h3>{i18n.t("answers-federal-form")}</h3></div>
                    <dl class="answers">
                        {federal.into_iter().map(|a| view! { <dt>{a.label}</dt><dd><span>{a.value}</span></dd> }).collect_view()}
                    </dl>
                </section>
            </div>
        }
        .into_any();
    }
    let lang = Lang::parse(i18n.lang()).unwrap_or_else(|_| Lang::parse("ru").expect("a tag"));
    let not_given = i18n.t("review-not-given");
    let steps = schema.steps.iter().enumerate().map(|(n, step)| {
        let rows = step.fields.iter().map(|field| match field.kind {
            FieldType::Group => {
                let entries = data.groups.get(&field.id).cloned().unwrap_or_default();
                let label = field.label.get(&lang, &lang).to_owned();
                if !is_visible(field, None, &data) {
                    return ().into_any();
                }
                entries
                    .iter()
                    .enumerate()
                    .map(|(i, entry)| {
                        let title = i18n.t_with("form-entry", &[("group", label.clone().into()), ("number", (i + 1).into())]);
                        let inner = field
                            .fields
                            .iter()
                            .map(|f| row(i18n, &lang, f, Some(entry), &data, &entry_path(&field.id, i, &f.id), &files, &application, &not_given))
                            .collect_view();
                        view! { <div class="answer-entry"><h4>{title}</h4><dl class="answers">{inner}</dl></div> }
                    })
                    .collect_view()
                    .into_any()
            }
            _ => view! { <dl class="answers">{row(i18n, &lang, field, None, &data, &field.id, &files, &application, &not_given)}</dl> }.into_any(),
        });
        let title = step.title.get(&lang, &lang).to_owned();
        let change = edit.then(|| {
            let href = format!("/applications/{application}/edit/{}", n + 1);
            let label = format!("{} «{title}»", i18n.t("review-edit"));
            view! { <a class="change-link" href=href aria-label=label>{i18n.t("review-edit")}</a> }
        });
        view! {
            <section class="answers-step">
                <div class="answers-head"><h3>{title.clone()}</h3>{change}</div>
                {rows.collect_view()}
            </section>
        }
    });
    view! { <div class="answers-all">{steps.collect_view()}</div> }.into_any()
}

/// One question and its answer (files as download links); nothing for a hidden question.
#[allow(clippy::too_many_arguments)]
fn row(
    i18n: I18n,
    lang: &Lang,
    field: &Field,
    entry: Option<&Entry>,
    data: &FormData,
    path: &str,
    files: &[FileView],
    application: &str,
    not_given: &str,
) -> AnyView {
    if !is_visible(field, entry, data) {
        return ().into_any();
    }
    let label = field.label.get(lang, lang).to_owned();
    let answer = if field.kind == FieldType::File {
        let mine: Vec<&FileView> = files.iter().filter(|f| f.field.as_deref() == Some(path)).collect();
        if mine.is_empty() {
            view! { <span class="not-given">{not_given.to_owned()}</span> }.into_any()
        } else {
            view! {
                <ul class="file-list">
                    {mine.into_iter().map(|f| {
                        let href = format!("/applications/{application}/files/{}", f.id);
                        let size = human_size(i18n, f.size);
                        view! { <li><a href=href rel="external" download="">{f.name.clone()}</a>" ("{size}")"</li> }
                    }).collect_view()}
                </ul>
            }
            .into_any()
        }
    } else {
        let value = entry.map_or_else(|| data.values.get(&field.id), |e| e.get(&field.id));
        match shown_value(i18n, lang, field, value) {
            Some(v) => view! { <span>{v}</span> }.into_any(),
            None => view! { <span class="not-given">{not_given.to_owned()}</span> }.into_any(),
        }
    };
    view! { <dt>{label}</dt><dd>{answer}</dd> }.into_any()
}
