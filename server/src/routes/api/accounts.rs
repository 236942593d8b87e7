//! `/api/v1/accounts`: registration and the account's own data.

pub mod change_password;
pub mod change_phone;
pub mod channels;
pub mod me;
pub mod register;
pub mod reset_password;
pub mod verification;
