//! An online form as citizens will see it, every step at once and nothing sent: the catalog
//! editor's preview.
use std::collections::BTreeSet;

use domain::forms::{FieldType, FormData, FormSchema};
use domain::localized::Lang;
use leptos::prelude::*;

use super::field_control::{FieldControl, FormCtx};
use crate::i18n::use_i18n;

/// The steps of `schema` with their fields, disabled.
#[component]
pub fn FormPreview(schema: FormSchema) -> impl IntoView {
    let i18n = use_i18n();
    let lang = Lang::parse(i18n.lang()).unwrap_or_else(|_| Lang::parse("ru").expect("a tag"));
    let ctx = FormCtx {
        data: RwSignal::new(FormData::default()),
        touched: RwSignal::new(BTreeSet::new()),
        live: Memo::new(|_| Vec::new()),
        server: StoredValue::new(Vec::new()),
    };
    provide_context(ctx);
    let control = |field: &domain::forms::Field, path: String, lang: &Lang| {
        view! { <FieldControl field=field.clone() path=path value=String::new() files=Vec::new() lang=lang.clone()/> }
    };
    let steps = schema.steps.iter().enumerate().map(|(i, step)| {
        let fields = step.fields.iter().map(|field| {
            if field.kind == FieldType::Group {
                let inner = field.fields.iter().map(|f| control(f, format!("preview-{}.0.{}", field.id, f.id), &lang)).collect_view();
                view! { <fieldset class="group"><legend>{field.label.get(&lang, &lang).to_owned()}</legend>{inner}</fieldset> }.into_any()
            } else {
                control(field, format!("preview-{}", field.id), &lang).into_any()
            }
        }).collect_view();
        view! {
            <fieldset class="preview-step" disabled=true>
                <legend>{i18n.t_with("form-step-of", &[("step", (i + 1).into()), ("total", schema.steps.len().into())])}": "{step.title.get(&lang, &lang).to_owned()}</legend>
                {fields}
            </fieldset>
        }
    }).collect_view();
    view! { <div class="form-preview">{steps}</div> }
}
