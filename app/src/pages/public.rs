//! Pages anyone may open: the look-up form, the progress it unlocks, and a demo portal's SMS inbox.

mod dev_sms;
mod lookup;
mod track;

pub use dev_sms::DevSmsPage;
pub use lookup::LookupPage;
pub use track::TrackPage;
