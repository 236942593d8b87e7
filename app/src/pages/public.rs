//! Pages anyone may open: the look-up form, the progress it unlocks, the units' reception
//! details, how the figures are counted, and a demo portal's SMS inbox.

mod dev_sms;
mod lookup;
mod method;
mod reception;
mod track;

pub use dev_sms::DevSmsPage;
pub use lookup::LookupPage;
pub use method::MethodPage;
pub use reception::ReceptionPage;
pub use track::TrackPage;
