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
    /// Where and when the unit looked at receives people, and its phone (art. 18), when
    /// it published them.
    pub reception: Option<crate::admin::Reception>,
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

/// A unit's line of the monthly 通报: its counts, its 信访指数 this month and last, and its
/// place in the ranking.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BulletinRow {
    /// 1 for the highest index; units with no index (nothing counted) come last, unranked.
    pub rank: Option<u32>,
    pub unit: UnitRef,
    /// The unit's own matters only, not those of the units below it.
    pub own: bool,
    pub tally: Tally,
    pub index: Option<u32>,
    pub previous: Option<u32>,
    /// What the month's 通报 calls out: 漏排, late answers, 不满意 to follow up, unanswered
    /// supervision notices.
    pub flags: Vec<String>,
}

/// 月度通报 and 信访指数 of a unit and the units below it, for its head, a supervisor or a
/// leader.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BulletinView {
    pub month: String,
    pub months: Vec<String>,
    /// The unit the bulletin covers: the staff member's own, with everything below it.
    pub scope: UnitRef,
    /// The whole scope's counts and index.
    pub tally: Tally,
    pub index: Option<u32>,
    pub previous: Option<u32>,
    /// How the index is computed, with the weights in force.
    pub method: String,
    /// Ranked by index, highest first.
    pub rows: Vec<BulletinRow>,
}

/// `2026-11` as people write it: `2026年11月`.
pub fn month_label(m: &str) -> String {
    match m.split_once('-') {
        Some((y, mo)) => format!("{y}年{}月", mo.trim_start_matches('0')),
        None => m.to_owned(),
    }
}
