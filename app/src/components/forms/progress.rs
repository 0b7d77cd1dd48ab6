//! Where the citizen is in the form: the steps, done ones as links back.
use leptos::prelude::*;

use crate::i18n::use_i18n;

/// The steps (`titles`) and the review; `current` is the index shown (the review is `titles.len()`).
#[component]
pub fn Progress(id: String, titles: Vec<String>, current: usize) -> impl IntoView {
    let i18n = use_i18n();
    let total = titles.len() + 1;
    let review = i18n.t("form-review-step");
    let items = titles.into_iter().chain(std::iter::once(review)).enumerate().map(|(i, title)| {
        let href = if i == total - 1 { format!("/applications/{id}/review") } else { format!("/applications/{id}/edit/{}", i + 1) };
        let state = if i < current {
            "done"
        } else if i == current {
            "current"
        } else {
            "todo"
        };
        let label = format!("{}. {title}", i + 1);
        let body = if i == current {
            view! { <span aria-current="step">{label}</span> }.into_any()
        } else if i < current {
            view! { <a href=href>{label}</a> }.into_any()
        } else {
            view! { <span>{label}</span> }.into_any()
        };
        view! { <li class=state>{body}</li> }
    });
    view! {
        <nav class="form-progress" aria-label=i18n.t("form-progress")>
            <p class="step-of">{i18n.t_with("form-step-of", &[("step", (current + 1).into()), ("total", total.into())])}</p>
            <ol>{items.collect_view()}</ol>
        </nav>
    }
}
