//! The federal side of the federation protocol (docs/federation.md): registrations and status
//! events from regional portals, applied once and in order, and the inbox of applications filed
//! here for regional services, which regions poll and acknowledge.

mod api;
mod signature;

use std::collections::{HashMap, HashSet};

use domain::federation::{Ack, EventFate, InboundApplication, Registration, StatusEvent};
use serde::Serialize;

pub(crate) use api::{ack, events, inbox, register};
pub(crate) use signature::RegionKeys;

/// An application as the federal personal account shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Record {
    /// The regional application id.
    pub application_id: String,
    /// `regional` (filed there) or `federal` (filed here, accepted by the region).
    pub origin: &'static str,
    /// The region.
    pub region: String,
    /// Regional registration number.
    pub number: String,
    /// Service code and title.
    pub service_code: String,
    pub service_title: String,
    /// Federal account subject of the applicant.
    pub subject: String,
    /// Filed at, UTC milliseconds.
    pub submitted_at: i64,
    /// Current status (`registered`, `approved`…).
    pub status: String,
    /// Status events applied, in order.
    pub events: Vec<AppliedEvent>,
}

/// One applied status event.
#[derive(Debug, Clone, Serialize)]
pub struct AppliedEvent {
    pub seq: i64,
    pub status: String,
    pub at: i64,
    pub message_id: String,
}

/// An application filed here for a regional service, waiting in (or taken from) the region's inbox.
#[derive(Debug, Clone)]
pub(crate) struct InboxItem {
    pub message: InboundApplication,
    /// Signed compact JWS of `message` (or a deliberately broken one, for tests).
    pub jws: String,
    pub service_title: String,
    /// The region's answer, once acknowledged.
    pub ack: Option<Ack>,
}

/// What tests read back: counts of everything received.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Counters {
    /// Requests that reached a handler (after injected faults).
    pub received: u64,
    /// Messages applied (registrations plus events).
    pub applied: u64,
    /// Messages received again after being applied.
    pub duplicates: u64,
    /// Events refused because an earlier one was missing.
    pub too_early: u64,
    /// Requests refused for their signature.
    pub bad_signatures: u64,
    /// Bodies that were not a valid message.
    pub malformed: u64,
    /// Responses deliberately lost after processing.
    pub lost_responses: u64,
    /// Inbox acknowledgements by outcome.
    pub acks_accepted: u64,
    pub acks_rejected: u64,
    /// Requests whose signature verified, by the region's key id that made it.
    pub signed_by: std::collections::BTreeMap<String, u64>,
}

/// Everything the federal side holds; in memory, like the rest of the simulator.
#[derive(Default)]
pub struct Registry {
    /// By regional application id.
    records: HashMap<String, Record>,
    /// Message ids applied.
    applied: HashSet<String>,
    /// Per region, oldest first.
    inbox: Vec<InboxItem>,
    pub(crate) counters: Counters,
}

/// The answer to a registration or an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    Applied,
    Duplicate,
    /// Refused for now: unknown application or an earlier event missing.
    TooEarly(&'static str),
    /// Refused for good.
    Conflict(&'static str),
}

impl Registry {
    /// Applies a registration unless its message or application is known.
    pub(crate) fn register(&mut self, r: Registration) -> Outcome {
        if self.applied.contains(&r.message_id) {
            self.counters.duplicates += 1;
            return Outcome::Duplicate;
        }
        if self.records.contains_key(&r.application_id) {
            return Outcome::Conflict("the application is registered under another message");
        }
        self.applied.insert(r.message_id);
        self.counters.applied += 1;
        self.records.insert(
            r.application_id.clone(),
            Record {
                application_id: r.application_id,
                origin: "regional",
                region: r.region,
                number: r.number,
                service_code: r.service_code,
                service_title: r.service_title,
                subject: r.applicant.subject,
                submitted_at: r.submitted_at,
                status: "submitted".into(),
                events: Vec::new(),
            },
        );
        Outcome::Applied
    }

    /// The region of a known application.
    pub(crate) fn region_of(&self, application_id: &str) -> Option<&str> {
        self.records.get(application_id).map(|r| r.region.as_str())
    }

    /// Applies event `e` of `application_id` if it is the next one.
    pub(crate) fn event(&mut self, application_id: &str, e: StatusEvent) -> Outcome {
        let seen = self.applied.contains(&e.message_id);
        let Some(record) = self.records.get_mut(application_id) else {
            return Outcome::TooEarly("the application is not registered yet");
        };
        let last = record.events.last().map_or(0, |e| e.seq);
        match EventFate::of(e.seq, last, seen) {
            EventFate::Duplicate => {
                self.counters.duplicates += 1;
                Outcome::Duplicate
            }
            EventFate::TooEarly => {
                self.counters.too_early += 1;
                Outcome::TooEarly("an earlier event of the application is missing")
            }
            EventFate::Conflict => Outcome::Conflict("another message already holds this sequence number"),
            EventFate::Apply => {
                record.status = e.status.clone();
                record.events.push(AppliedEvent { seq: e.seq, status: e.status, at: e.at, message_id: e.message_id.clone() });
                self.applied.insert(e.message_id);
                self.counters.applied += 1;
                Outcome::Applied
            }
        }
    }

    /// Puts an application filed here into its region's inbox.
    pub(crate) fn file(&mut self, message: InboundApplication, jws: String, service_title: String) {
        self.inbox.push(InboxItem { message, jws, service_title, ack: None });
    }

    /// Messages waiting for `region`; with `duplicate` each is listed twice and acknowledged
    /// ones come again (a re-delivery).
    pub(crate) fn waiting(&self, region: &str, duplicate: bool, limit: usize) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for item in self.inbox.iter().filter(|i| i.message.region == region && (i.ack.is_none() || duplicate)) {
            let entry = (item.message.message_id.clone(), item.jws.clone());
            if duplicate {
                out.push(entry.clone());
            }
            out.push(entry);
            if out.len() >= limit {
                break;
            }
        }
        out
    }

    /// The region's acknowledgement of inbox message `message_id`; `false` if there is none such
    /// for the region.
    pub(crate) fn acknowledge(&mut self, region: &str, message_id: &str, ack: Ack) -> Result<Outcome, &'static str> {
        let item =
            self.inbox.iter_mut().find(|i| i.message.message_id == message_id && i.message.region == region).ok_or("no such message in the region's inbox")?;
        if item.ack.is_some() {
            self.counters.duplicates += 1;
            return Ok(Outcome::Duplicate);
        }
        match &ack {
            Ack::Accepted { application_id, number, .. } => {
                self.counters.acks_accepted += 1;
                let m = &item.message;
                self.records.insert(
                    application_id.clone(),
                    Record {
                        application_id: application_id.clone(),
                        origin: "federal",
                        region: m.region.clone(),
                        number: number.clone(),
                        service_code: m.service_code.clone(),
                        service_title: item.service_title.clone(),
                        subject: m.applicant.subject.clone(),
                        submitted_at: m.submitted_at,
                        status: "submitted".into(),
                        events: Vec::new(),
                    },
                );
            }
            Ack::Rejected { .. } => self.counters.acks_rejected += 1,
        }
        item.ack = Some(ack);
        Ok(Outcome::Applied)
    }

    /// Every application of `subject` from every region, newest first, and the ones filed here
    /// that no region has taken yet.
    pub(crate) fn of_person(&self, subject: &str) -> (Vec<Record>, Vec<InboxItem>) {
        let mut records: Vec<Record> = self.records.values().filter(|r| r.subject == subject).cloned().collect();
        records.sort_by(|a, b| b.submitted_at.cmp(&a.submitted_at).then_with(|| a.application_id.cmp(&b.application_id)));
        let waiting = self.inbox.iter().filter(|i| i.message.applicant.subject == subject && !matches!(i.ack, Some(Ack::Accepted { .. }))).cloned().collect();
        (records, waiting)
    }

    /// Every record, for tests.
    pub(crate) fn records(&self) -> Vec<Record> {
        let mut all: Vec<Record> = self.records.values().cloned().collect();
        all.sort_by(|a, b| a.application_id.cmp(&b.application_id));
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::federation::Applicant;

    fn registration(id: &str) -> Registration {
        Registration {
            message_id: format!("{id}:register"),
            application_id: id.into(),
            region: "demo".into(),
            number: "99-2026-000001".into(),
            service_code: "s".into(),
            service_title: "S".into(),
            department_code: "d".into(),
            applicant: Applicant { subject: "p".into(), snils: None, name: "P".into() },
            submitted_at: 1,
            deadline: "2026-12-01".into(),
        }
    }

    fn event(id: &str, seq: i64, status: &str) -> StatusEvent {
        StatusEvent { message_id: format!("{id}:status:{seq}"), seq, status: status.into(), action: "x".into(), at: seq, note: None }
    }

    #[test]
    fn events_wait_for_their_registration_and_predecessors_and_apply_once() {
        let mut r = Registry::default();
        assert!(matches!(r.event("a", event("a", 1, "submitted")), Outcome::TooEarly(_)));
        assert_eq!(r.register(registration("a")), Outcome::Applied);
        assert_eq!(r.register(registration("a")), Outcome::Duplicate);
        assert!(matches!(r.event("a", event("a", 2, "registered")), Outcome::TooEarly(_)));
        assert_eq!(r.event("a", event("a", 1, "submitted")), Outcome::Applied);
        assert_eq!(r.event("a", event("a", 2, "registered")), Outcome::Applied);
        assert_eq!(r.event("a", event("a", 1, "submitted")), Outcome::Duplicate);
        let record = &r.records()[0];
        assert_eq!(record.status, "registered");
        assert_eq!(record.events.iter().map(|e| e.seq).collect::<Vec<_>>(), [1, 2]);
        assert_eq!(r.counters.applied, 3);
        assert_eq!(r.counters.duplicates, 2);
    }
}
