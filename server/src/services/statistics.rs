//! 统计: the monthly rollups the figures are read from, kept current by every step in its
//! own transaction, rebuilt from the petitions on demand, and read for the public pages;
//! and the live 督查 picture, counted from the indexes.
//!
//! A petition's share of the rollups is a function of its facts ([`tally::contribution`]).
//! Every write that can change those facts takes the contribution before and after and
//! applies the difference ([`Retally`]), so the live rollups always equal the sum of the
//! contributions of all petitions, which is what [`rebuild`] computes from scratch.

pub mod annual;
pub mod bulletin;
mod chart;
mod facts;
pub mod oversight;
pub mod rebuild;
pub mod report;
mod retally;
mod scope;
pub mod spreadsheet;
pub mod tally;
pub mod weights;

pub use facts::{StepFacts, record_step};
pub use retally::{Filed, Retally};
