//! `/opendata`: every open dataset with its formats, licence and data dictionary. The page is
//! the same for everyone and needs no data of its own: the files are `server/src/routes/opendata.rs`'s.
use domain::opendata::{licence, Dataset};
use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::{use_i18n, I18n};

/// The open data page.
#[component]
pub fn OpenDataPage() -> impl IntoView {
    let i18n = use_i18n();
    let licence = licence();
    view! {
        <Title text=i18n.t("opendata-title")/>
        <h1>{i18n.t("opendata-title")}</h1>
        <p class="lead">{i18n.t("opendata-lead")}</p>
        <p>
            {i18n.t_with("opendata-licence", &[("licence", licence.name.clone().into())])}" "
            <a href=licence.url rel="license">{licence.name}</a>
        </p>
        <p>{i18n.t("opendata-formats")}</p>
        {Dataset::ALL.into_iter().map(|d| dataset(i18n, d)).collect_view()}
    }
}

fn dataset(i18n: I18n, d: Dataset) -> impl IntoView {
    let code = d.code();
    let title = i18n.t(&format!("opendata-{code}"));
    let heading = format!("opendata-{code}-heading");
    let labelled_by = heading.clone();
    let caption = i18n.t_with("opendata-dictionary", &[("dataset", title.clone().into())]);
    let region_label = caption.clone();
    let link = move |kind: &str, key: &str| {
        view! { <li><a href=format!("/opendata/{code}.{kind}") type=media_type(kind)>{i18n.t(key)}</a></li> }
    };
    view! {
        <section class="dataset" aria-labelledby=labelled_by>
            <h2 id=heading>{title}</h2>
            <p>{i18n.t(&format!("opendata-{code}-lead"))}</p>
            <ul class="dataset-files">
                {link("json", "opendata-json")}
                {link("csv", "opendata-csv")}
                {link("schema.json", "opendata-schema")}
                {link("structure.csv", "opendata-structure")}
            </ul>
            <div class="table-scroll" role="region" aria-label=region_label tabindex="0">
                <table class="queue-table">
                    <caption>{caption}</caption>
                    <thead><tr>
                        <th scope="col">{i18n.t("opendata-col-field")}</th>
                        <th scope="col">{i18n.t("opendata-col-format")}</th>
                        <th scope="col">{i18n.t("opendata-col-description")}</th>
                    </tr></thead>
                    <tbody>
                        {d.columns().iter().map(|c| view! {
                            <tr><th scope="row"><code>{c.name}</code></th><td>{c.format}</td><td>{i18n.t(&c.message_key(d))}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// The media type a link announces.
fn media_type(kind: &str) -> &'static str {
    match kind {
        "json" => "application/json",
        "schema.json" => "application/schema+json",
        _ => "text/csv",
    }
}
