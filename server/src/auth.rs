//! Who is calling: password hashing, tokens, sessions, cookies and the request principal.

pub mod cookies;
pub mod identity;
pub mod passwords;
pub mod principal;
pub mod sessions;
pub mod tokens;
pub mod totp;

pub use principal::{CitizenAuth, Principal, StaffAuth, authenticate};
