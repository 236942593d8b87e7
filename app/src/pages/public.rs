//! Pages anyone may open: the look-up form and the progress it unlocks.

mod lookup;
mod track;

pub use lookup::LookupPage;
pub use track::TrackPage;
