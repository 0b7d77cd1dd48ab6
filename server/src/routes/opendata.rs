//! `GET /opendata/{file}`: the open datasets (`backend::opendata`) for anyone, without logging
//! in: `{dataset}.json`, `{dataset}.csv`, `{dataset}.schema.json` (the JSON Schema generated into
//! `docs/opendata/`) and `{dataset}.structure.csv` (the data dictionary, described in every
//! language of `locales/`). Other sites may read them (`Access-Control-Allow-Origin: *`); caches
//! may keep them five minutes.
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use domain::opendata::{structure_csv, Dataset};

use crate::error::AppError;
use crate::state::AppState;

/// The JSON Schemas, as generated from the types and checked by `domain`'s tests.
fn schema(dataset: Dataset) -> &'static str {
    match dataset {
        Dataset::Services => include_str!("../../../docs/opendata/services.schema.json"),
        Dataset::Departments => include_str!("../../../docs/opendata/departments.schema.json"),
        Dataset::Municipalities => include_str!("../../../docs/opendata/municipalities.schema.json"),
        Dataset::Figures => include_str!("../../../docs/opendata/figures.schema.json"),
    }
}

/// The file's dataset and kind: `json`, `csv`, `schema.json` or `structure.csv`.
fn parse(file: &str) -> Option<(Dataset, &str)> {
    let (code, kind) = file.split_once('.')?;
    let dataset = Dataset::parse(code)?;
    ["json", "csv", "schema.json", "structure.csv"].contains(&kind).then_some((dataset, kind))
}

/// `GET /opendata/{file}`
pub async fn file(State(state): State<AppState>, Path(file): Path<String>) -> Result<Response, AppError> {
    let Some((dataset, kind)) = parse(&file) else { return Err(AppError::NotFound) };
    let (body, content_type) = match kind {
        "schema.json" => (schema(dataset).to_owned(), "application/schema+json"),
        "structure.csv" => {
            let langs: Vec<&str> = app::i18n::available_langs().collect();
            (structure_csv(dataset, &langs, |lang, key| app::i18n::I18n::new(lang).t(key)), "text/csv; charset=utf-8; header=present")
        }
        _ => {
            let files = backend::opendata::dataset(&state.portal, dataset, &state.config.public_url()).await?;
            match kind {
                "json" => (files.json, "application/json"),
                _ => (files.csv, "text/csv; charset=utf-8; header=present"),
            }
        }
    };
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=300"));
    headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    if let Ok(disposition) = HeaderValue::from_str(&format!("inline; filename=\"{file}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, disposition);
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_four_kinds_of_the_four_datasets_are_files() {
        assert_eq!(parse("services.json").map(|(d, k)| (d.code(), k)), Some(("services", "json")));
        assert_eq!(parse("figures.structure.csv").map(|(_, k)| k), Some("structure.csv"));
        for bad in ["services", "services.xml", "people.json", ".json", "services.schema.csv", "../services.json"] {
            assert!(parse(bad).is_none(), "{bad}");
        }
        for d in Dataset::ALL {
            assert!(schema(d).contains("\"title\": \"Published\""), "{}", d.code());
        }
    }
}
