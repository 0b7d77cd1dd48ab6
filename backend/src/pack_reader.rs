//! Reading a region pack folder: everything is read and validated before anything is written,
//! and every problem names its file, line and field. The result ([`LoadedPack`]) is what the
//! store writes (`store/pack_write.rs`) and what it reads back (`store/pack_read.rs`).

mod load;
mod yaml_lines;

pub use crate::files::file_type::FileType;
pub use load::{load, LoadedBlank, LoadedForm, LoadedPack, LoadedTemplate};

/// Where a long import is, for a progress bar; the default does nothing.
pub trait Progress: Send + Sync {
    /// A stage of `total` steps begins.
    fn stage(&self, _name: &'static str, _total: usize) {}
    /// One step of the current stage is done.
    fn step(&self) {}
}

/// No progress reporting.
pub struct Quiet;
impl Progress for Quiet {}
