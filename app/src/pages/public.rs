//! Pages anyone may open: the look-up form, the progress it unlocks, the units' reception
//! details, the public statistics and how they are counted, the published cases, and a
//! demo portal's SMS inbox.

mod cases;
mod dev_sms;
mod lookup;
mod method;
mod reception;
mod statistics;
mod track;

pub use cases::{CasePage as PublishedCasePage, CasesPage};
pub use dev_sms::DevSmsPage;
pub use lookup::LookupPage;
pub use method::MethodPage;
pub use reception::ReceptionPage;
pub use statistics::StatisticsPage;
pub use track::TrackPage;
