//! Citizen accounts: register, log in, see one's own data, change the password or the
//! phone, reset a forgotten password, choose notice channels.

mod change_password;
mod change_phone;
mod channels;
mod login;
mod me;
mod register;
mod reset_password;

pub use change_password::change_password;
pub use change_phone::change_phone;
pub use channels::{channels, set_channels};
pub use login::login;
pub use me::me;
pub use register::register;
pub use reset_password::reset_password;
