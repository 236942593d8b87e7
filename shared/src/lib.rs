//! The petition domain shared by server and browser: validated values, DTOs, the lifecycle and the statutory clock.
//!
//! Nothing here does I/O, so the same `parse` functions validate input in the browser
//! (instantly) and on the server (authoritatively).

pub mod account;
pub mod admin;
pub mod audit_chain;
pub mod cases;
pub mod clock;
pub mod code;
pub mod error;
pub mod figures;
pub mod ids;
pub mod notice;
pub mod partner;
pub mod person;
pub mod petition;
pub mod reference;
pub mod staff;
pub mod statistics;
pub mod text;

pub use error::{ApiError, ErrorKind, FieldError};
