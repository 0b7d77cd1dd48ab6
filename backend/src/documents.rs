//! Documents the portal generates in-process: the receipt of an application and, later, decision
//! documents. Texts come from tera templates per language; layout and PDF from [`pdf`].

pub mod pdf;
pub mod receipt;
