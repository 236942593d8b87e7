//! 公开统计: what the public statistics page shows of one month, for the whole
//! jurisdiction or one unit and the units below it.

use serde::{Deserialize, Serialize};

use crate::figures::Tally;
use crate::ids::UnitId;

/// The query of the statistics page: a month (`YYYY-MM`, this month when absent) and a
/// unit (the whole jurisdiction when absent).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams, utoipa::ToSchema))]
pub struct StatisticsQuery {
    pub month: Option<String>,
    pub unit: Option<UnitId>,
}

/// A unit as the page links to it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnitRef {
    pub id: UnitId,
    pub name: String,
}

/// One month's counts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MonthTally {
    pub month: String,
    pub tally: Tally,
}

/// A unit below the one looked at, with the counts of its whole subtree.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnitTally {
    pub unit: UnitRef,
    /// Units below it: its own page breaks its figures down further.
    pub has_units: bool,
    pub tally: Tally,
}

/// 收件量 of one channel, kind or category.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Share {
    pub label: String,
    pub count: u64,
}

/// The public statistics of one month.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatisticsView {
    /// `YYYY-MM`.
    pub month: String,
    /// The months one can choose, newest first.
    pub months: Vec<String>,
    /// The unit looked at, and the units above it; empty for the whole jurisdiction.
    pub path: Vec<UnitRef>,
    pub tally: Tally,
    /// The twelve months up to `month`, oldest first.
    pub trend: Vec<MonthTally>,
    /// The trend's 收件量 as an accessible SVG bar chart (a title, a description, and the
    /// same numbers in `trend` for the table beside it), drawn by the server.
    pub chart: String,
    pub units: Vec<UnitTally>,
    pub channels: Vec<Share>,
    pub kinds: Vec<Share>,
    pub categories: Vec<Share>,
}
