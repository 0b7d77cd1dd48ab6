//! Pieces of catalog pages.
mod service_card;
mod stage_badge;

pub use service_card::ServiceCardView;
pub use stage_badge::StageBadge;
