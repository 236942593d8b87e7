//! Staff accounts: create, log in (with a second factor), see oneself, change one's password.

mod create;
mod login;
mod me;
mod password;
pub mod totp;

pub use create::{create, handed_out_password};
pub use login::login;
pub use me::me;
pub use password::change_password;
