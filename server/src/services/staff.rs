//! Staff accounts: create, log in (with a second factor), see oneself.

mod create;
mod login;
mod me;
pub mod totp;

pub use create::create;
pub use login::login;
pub use me::me;
