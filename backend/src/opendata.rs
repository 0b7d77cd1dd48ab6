//! Open data (docs/opendata.md): the published catalog and the figures of applications as
//! datasets, built from the database on each request (the server lets caches keep them a few
//! minutes). The figures are counted by the database per day and added up per month here.

use domain::application::Origin;
use domain::dates::utc_rfc3339;
use domain::localized::{Lang, LocalizedText};
use domain::opendata::{csv, licence, month_figures, CsvRecord, Dataset, DayCount, MonthFigures, OpenDocument, OpenService, Published};
use serde::Serialize;

use crate::store::published_catalog;
use crate::{Error, Portal, Result};

/// A dataset ready to send.
pub struct Files {
    /// As JSON, in the shape of its schema.
    pub json: String,
    /// As CSV, texts in the region's default language.
    pub csv: String,
}

/// `records` as dataset `dataset` of `publisher`, made at `now`, the CSV's texts in `lang`.
fn publish<T: Serialize + CsvRecord>(dataset: Dataset, publisher: &LocalizedText, records: Vec<T>, now: i64, lang: &Lang) -> Result<Files> {
    let csv = csv(dataset, &records, lang);
    let document = Published {
        dataset: dataset.code().to_owned(),
        publisher: publisher.clone(),
        licence: licence(),
        generated_at: utc_rfc3339(now),
        schema: dataset.schema_path(),
        records,
    };
    let json = serde_json::to_string(&document).map_err(|e| Error::Corrupt(format!("open data {}: {e}", dataset.code())))?;
    Ok(Files { json, csv })
}

/// Dataset `dataset` now, its service links under `public_url`.
pub async fn dataset(p: &Portal, dataset: Dataset, public_url: &str) -> Result<Files> {
    let rules = p.rules().await?;
    let (lang, now) = (rules.default_locale.clone(), p.now());
    let publisher = &rules.name;
    if dataset == Dataset::Figures {
        return publish(dataset, publisher, figures(p, i64::from(rules.utc_offset) * 3_600_000).await?, now, &lang);
    }
    let (departments, municipalities, services) = published_catalog(&p.db).await?;
    match dataset {
        Dataset::Departments => publish(dataset, publisher, departments, now, &lang),
        Dataset::Municipalities => publish(dataset, publisher, municipalities, now, &lang),
        Dataset::Services | Dataset::Figures => {
            let online: std::collections::HashSet<String> = p.db.online_services().await?.into_iter().map(|(code, _)| code).collect();
            let records = services
                .into_iter()
                .map(|s| OpenService {
                    online: online.contains(&s.code),
                    url: format!("{public_url}/services/{}", s.code),
                    documents: s.documents.into_iter().map(|d| OpenDocument { title: d.title, interagency: d.interagency }).collect(),
                    code: s.code,
                    title: s.title,
                    summary: s.summary,
                    category: s.category,
                    life_situations: s.life_situations,
                    department: s.department,
                    municipalities: s.municipalities,
                    applicants: s.applicants,
                    fee: s.fee,
                    term_days: s.term_days,
                    result: s.result,
                    refusal_grounds: s.refusal_grounds,
                    legal_basis: s.legal_basis,
                    channels: s.channels,
                    stage: s.stage,
                    priority: s.priority,
                })
                .collect::<Vec<_>>();
            publish(dataset, publisher, records, now, &lang)
        }
    }
}

/// Applications per published service and month of filing (region time), with no personal data.
async fn figures(p: &Portal, offset_ms: i64) -> Result<Vec<MonthFigures>> {
    let published: std::collections::HashSet<String> = p.db.published_codes().await?.0.into_iter().collect();
    let days =
        p.db.filed_per_day(offset_ms)
            .await?
            .into_iter()
            .filter(|d| published.contains(&d.service_code))
            .map(|d| {
                let origin = Origin::parse(&d.origin).ok_or_else(|| Error::Corrupt(format!("origin {:?}", d.origin)))?;
                Ok(DayCount {
                    day: d.day,
                    service: d.service_code,
                    online: origin.is_online(),
                    applications: d.filed,
                    decided: d.decided,
                    decision_ms: d.decision_ms,
                })
            })
            .collect::<Result<Vec<_>>>()?;
    Ok(month_figures(&days))
}
