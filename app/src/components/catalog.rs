//! Pieces of catalog pages.
mod department_contacts;
mod search_box;
mod service_card;
mod stage_badge;

pub use department_contacts::DepartmentContacts;
pub use search_box::SearchBox;
pub use service_card::ServiceCardView;
pub use stage_badge::StageBadge;
