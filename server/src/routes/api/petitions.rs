//! `/api/v1/petitions`: file, list, view, look up, withdraw, add material, download, rate,
//! ask for review.

pub mod add_material;
pub mod detail;
pub mod download;
pub mod list_mine;
pub mod lookup;
pub mod lookup_detail;
pub mod rate;
pub mod review;
pub mod submit;
pub mod withdraw;
