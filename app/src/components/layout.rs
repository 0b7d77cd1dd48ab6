//! The frame around every page.
mod footer;
mod header;
mod skip_link;

pub use footer::Footer;
pub use header::Header;
pub use skip_link::SkipLink;
