//! The pages: public ones (home, look-up, progress), the citizen's own (account, filing,
//! petitions) and the staff's (工作台).

pub mod citizen;
mod home;
mod not_found;
pub mod public;
pub mod staff;

pub use home::HomePage;
pub use not_found::NotFound;
