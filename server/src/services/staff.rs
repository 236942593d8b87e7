//! Staff accounts: create, log in, see oneself.

mod create;
mod login;
mod me;

pub use create::create;
pub use login::login;
pub use me::me;
