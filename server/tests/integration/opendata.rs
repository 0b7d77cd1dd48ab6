//! Open data over HTTP on both databases: every dataset validates against the JSON Schema the
//! portal publishes (checked by Python's `jsonschema`, an implementation independent of ours),
//! its CSV has the columns of its data dictionary, the figures count a decided application and
//! nothing in any file names a person.

use domain::identity::Role;
use serde_json::{json, Value};

use crate::api::{filed, register, System, PDF};
use crate::support::{on_both, portal_with_sim, staff, LivePortal};

/// `path` fetched without logging in: status, content type, body.
async fn fetch(p: &LivePortal, path: &str) -> (u16, String, String, Option<String>) {
    let r = reqwest::get(format!("{}{path}", p.url)).await.unwrap();
    let header = |name: &str| r.headers().get(name).map(|v| v.to_str().unwrap().to_owned());
    let (status, content_type, cors) = (r.status().as_u16(), header("content-type").unwrap_or_default(), header("access-control-allow-origin"));
    (status, content_type, r.text().await.unwrap(), cors)
}

/// Runs Python on `script` with the files `args` (written to a temporary folder); its stdout.
fn python(script: &str, args: &[(&str, &str)]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let mut command = std::process::Command::new("python3");
    command.arg("-c").arg(script);
    for (name, text) in args {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        command.arg(path);
    }
    let out = command.output().expect("python3 runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

const VALIDATE: &str = "import json, sys, jsonschema
schema = json.load(open(sys.argv[2]))
jsonschema.Draft202012Validator.check_schema(schema)
jsonschema.Draft202012Validator(schema).validate(json.load(open(sys.argv[1])))
print('valid')";

/// Prints the CSV's header and then the number of fields of each row.
const READ_CSV: &str = "import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))
fields = [r[0] for r in list(csv.reader(open(sys.argv[2], newline='', encoding='utf-8')))[1:]]
print(rows[0] == fields, len(rows) - 1, sorted(set(len(r) for r in rows)))";

#[tokio::test]
async fn every_dataset_validates_against_its_schema_and_holds_no_personal_data() {
    on_both(async |t| {
        let (p, _sim) = portal_with_sim(t).await;
        // One application filed and decided through the API, so the figures have something.
        let (id, _) = filed(&p).await;
        let mut operator = staff(&p, "operator", "678-901-234 38", Role::Operator, None).await;
        let system = System::new(&p, &register(&p, &mut operator, "АИС", "minobr", &["read", "work", "decide"]).await);
        assert_eq!(system.post(&format!("/api/v1/applications/{id}/take"), json!({})).await.0, 204);
        assert_eq!(system.post_bytes(&format!("/api/v1/applications/{id}/approval"), "application/pdf", PDF).await.0, 204);

        for dataset in ["services", "departments", "municipalities", "figures"] {
            let (status, content_type, body, cors) = fetch(&p, &format!("/opendata/{dataset}.json")).await;
            assert_eq!((status, content_type.as_str(), cors.as_deref()), (200, "application/json", Some("*")), "{dataset}: {body}");
            let (status, schema_type, schema, _) = fetch(&p, &format!("/opendata/{dataset}.schema.json")).await;
            assert_eq!((status, schema_type.as_str()), (200, "application/schema+json"));
            assert_eq!(python(VALIDATE, &[("data.json", &body), ("schema.json", &schema)]).trim(), "valid", "{dataset}");
            for personal in ["Иванова", "123-456-789 64", "12345678964", "4510 123456", "ivanova@"] {
                assert!(!body.contains(personal), "{dataset} holds {personal}");
            }
            let document: Value = serde_json::from_str(&body).unwrap();
            assert_eq!((document["licence"]["name"].as_str(), document["dataset"].as_str()), (Some("CC BY 4.0"), Some(dataset)));
            let records = document["records"].as_array().unwrap().len();
            assert!(records > 0, "{dataset} is empty");

            let (status, csv_type, csv, _) = fetch(&p, &format!("/opendata/{dataset}.csv")).await;
            assert_eq!((status, csv_type.as_str()), (200, "text/csv; charset=utf-8; header=present"));
            let (_, _, structure, _) = fetch(&p, &format!("/opendata/{dataset}.structure.csv")).await;
            assert!(
                structure.starts_with("field,format,description_en,description_ru\r\n")
                    || structure.starts_with("field,format,description_ru,description_en\r\n")
            );
            let columns = structure.lines().count() - 1;
            let read = python(READ_CSV, &[("data.csv", &csv), ("structure.csv", &structure)]);
            assert_eq!(read.trim(), format!("True {records} [{columns}]"), "{dataset}: the header is the dictionary's, one row per record, every row whole");
        }

        // The catalog's records are the published services; the figures count the decision.
        let services: Value = serde_json::from_str(&fetch(&p, "/opendata/services.json").await.2).unwrap();
        let kindergarten = services["records"].as_array().unwrap().iter().find(|s| s["code"] == "kindergarten-enrolment").unwrap();
        assert_eq!((kindergarten["department"].as_str(), kindergarten["online"].as_bool()), (Some("minobr"), Some(true)));
        assert_eq!(kindergarten["url"].as_str(), Some(format!("{}/services/kindergarten-enrolment", p.url).as_str()));
        let published = p.state.portal.db.published_codes().await.unwrap().0.len();
        assert_eq!(services["records"].as_array().unwrap().len(), published);
        let figures: Value = serde_json::from_str(&fetch(&p, "/opendata/figures.json").await.2).unwrap();
        let row = figures["records"].as_array().unwrap().iter().find(|r| r["service"] == "kindergarten-enrolment").unwrap().clone();
        assert_eq!((row["applications"].as_i64(), row["filed_online"].as_i64(), row["decided"].as_i64()), (Some(1), Some(1), Some(1)), "{row}");
        assert!(row["mean_processing_days"].is_null(), "one decision's time is not published: {row}");

        // The page lists every dataset; an unknown file is a plain localized 404.
        let (status, _, page, _) = fetch(&p, "/opendata").await;
        assert_eq!(status, 200);
        assert!(page.contains("/opendata/figures.csv") && page.contains("CC BY 4.0"), "{page}");
        let (status, content_type, _, _) = fetch(&p, "/opendata/people.json").await;
        assert_eq!((status, content_type.starts_with("text/html")), (404, true));
    })
    .await;
}
