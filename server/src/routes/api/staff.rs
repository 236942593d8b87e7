//! `/api/v1/staff`: staff log in, see their queue and case files, and act on petitions.

pub mod act;
pub mod bulletin;
pub mod case;
pub mod download;
pub mod identity;
pub mod login;
pub mod me;
pub mod password;
pub mod publication;
pub mod queue;
pub mod register;
pub mod totp;
