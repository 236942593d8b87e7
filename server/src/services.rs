//! Use cases, one file each. Services own their transactions; handlers and server functions only call them.

pub mod accounts;
pub mod admin;
pub mod audit;
pub mod cases;
pub mod notifications;
pub mod org;
pub mod petitions;
pub mod reference;
pub mod staff;
pub mod statistics;
pub mod verification;
pub mod workflow;
