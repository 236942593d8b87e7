//! The pages: public ones (home, look-up, progress) and the citizen's own (account, filing, petitions).

pub mod citizen;
mod home;
mod not_found;
pub mod public;

pub use home::HomePage;
pub use not_found::NotFound;
