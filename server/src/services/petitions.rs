//! Petitions from the petitioner's side: file, list, view, look up (and read in full with a
//! texted code), add material, withdraw.

mod add_material;
mod download;
pub mod files;
mod list_mine;
mod lookup;
pub mod lookup_detail;
pub(crate) mod present;
mod rate;
pub mod request_review;
mod submit;
mod view;
mod withdraw;

pub use add_material::add_material;
pub use download::{Download, download};
pub use files::Upload;
pub use list_mine::list_mine;
pub use lookup::{lookup, progress};
pub use rate::{rate, rate_as_petitioner};
pub use request_review::{request_review, request_review_as_petitioner};
pub use submit::{Filer, FilingQueue, FilingWriter, Submitted, submit, write_filings};
pub use view::view;
pub use withdraw::withdraw;
