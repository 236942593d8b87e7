//! `/api/v1/staff`: staff of bureaus and departments log in and see their account.

pub mod login;
pub mod me;
