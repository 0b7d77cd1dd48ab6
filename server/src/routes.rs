//! HTTP routes outside Leptos pages: health, settings forms, branding files, fallback pages.
pub mod branding;
pub mod downloads;
pub mod fallback_page;
pub mod health;
pub mod seo;
pub mod settings;
