//! Citizen accounts: register, log in, see one's own data, change the password.

mod change_password;
mod login;
mod me;
mod register;

pub use change_password::change_password;
pub use login::login;
pub use me::me;
pub use register::register;
