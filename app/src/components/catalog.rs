//! Pieces of catalog pages.
mod department_contacts;
mod service_card;
mod stage_badge;

pub use department_contacts::DepartmentContacts;
pub use service_card::ServiceCardView;
pub use stage_badge::StageBadge;
