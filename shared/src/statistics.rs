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
    /// This month's 通报 only: what is overdue today across the scope.
    pub overdue: Option<OverdueList>,
}

/// 超期未办结: the open matters of a unit and the units below it whose period ran out, as
/// of today, the longest overdue first (the queue's 超期 filter, sorted by due date). Not
/// counted here: counting them across a county costs seconds at a million petitions; the
/// queue counts them when asked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OverdueList {
    /// The day it was read (Beijing time), to count the days overdue from.
    pub today: chrono::NaiveDate,
    /// The longest overdue, at most [`OverdueList::SHOWN`].
    pub oldest: Vec<crate::petition::QueueItem>,
    /// Whether there are more than those shown.
    pub more: bool,
}

impl OverdueList {
    pub const SHOWN: usize = 5;
}

/// 督查: what a unit's matters stand at today, live (not the month's rollups): the open
/// matters whose period ran out, split by the step they wait for, those about to run out,
/// and the supervision notices not answered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LiveCounts {
    /// 逾期未受理 (漏排): waiting past the acceptance period for the decision to accept,
    /// forward or assign them (registered, forwarded, or objected to).
    pub unrouted: u64,
    /// 超期未办结: accepted, and past the handling period without an answer.
    pub overdue: u64,
    /// 临期: due today or within the warning days.
    pub due_soon: u64,
    /// 督办未回复: supervision notices the unit has not answered.
    pub notices: u64,
    /// Of those, past the day the answer was due.
    pub notices_late: u64,
}

impl LiveCounts {
    pub fn add(&mut self, o: &LiveCounts) {
        self.unrouted += o.unrouted;
        self.overdue += o.overdue;
        self.due_soon += o.due_soon;
        self.notices += o.notices;
        self.notices_late += o.notices_late;
    }

    /// Everything past its period: what the queue's 超期 filter lists.
    pub fn late(&self) -> u64 {
        self.unrouted + self.overdue
    }
}

/// One line of the 督查 picture: a unit's own matters, or a unit below and everything under it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OversightRow {
    pub unit: UnitRef,
    /// The unit of the page itself (its own matters only, not those below it).
    pub own: bool,
    /// Whether units sit below it (its line then sums them, and opens their picture).
    pub has_units: bool,
    pub counts: LiveCounts,
}

/// 督查看板: the 漏排/超期/督办 picture across a unit and the units below it, as of today;
/// for its head, supervisors and leaders. The accusations the firewall hides from the
/// reader (art. 30) are not counted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OversightView {
    /// The day it was read (Beijing time).
    pub today: chrono::NaiveDate,
    /// How many days before the end of a period a matter counts as 临期.
    pub warn_days: u32,
    /// The unit of the page.
    pub scope: UnitRef,
    /// From the reader's own unit down to the page's unit (for the way back up).
    pub path: Vec<UnitRef>,
    pub total: LiveCounts,
    /// The page's unit first, then the units below it with the most past their period first.
    pub rows: Vec<OversightRow>,
}

/// 年度信访工作情况报告 (条例 art. 41): a unit's year, with the units below it, for its head,
/// a supervisor or a leader to report to the Party committee and government.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AnnualView {
    pub year: i32,
    /// The years one can choose, newest first.
    pub years: Vec<i32>,
    /// The last month counted (`YYYY-MM`): December, or this month in the current year.
    pub through: String,
    /// The unit reported on, with everything below it.
    pub scope: UnitRef,
    /// The year's counts of the whole scope.
    pub tally: Tally,
    /// The report's opening paragraph: the year in a few sentences, from `tally`.
    pub summary: String,
    /// Each month of the year up to `through`, oldest first.
    pub months: Vec<MonthTally>,
    /// The months' 收件量 as an accessible SVG bar chart; the numbers are in `months`.
    pub chart: String,
    /// The scope's own row, then each unit directly below it.
    pub units: Vec<UnitTally>,
    /// 反映集中的单位: the units of the scope given the most matters to handle, most
    /// first, ten at most.
    pub most_routed: Vec<UnitTally>,
    /// 收件量 by field (category), most first: the matters most complained of.
    pub categories: Vec<Share>,
    pub kinds: Vec<Share>,
    pub channels: Vec<Share>,
}

/// A column of counts in a report's table: its heading and how to count it from a tally.
pub type CountColumn = (&'static str, fn(&Tally) -> u64);

/// The counts of the annual report's tables, as its page and its files head them.
pub const ANNUAL_COUNTS: [CountColumn; 9] = [
    ("收件量", |t| t.received),
    ("网上信访", |t| t.online),
    ("转送", |t| t.forwarded),
    ("交办", |t| t.assigned),
    ("交由办理", |t| t.routed),
    ("答复", |t| t.answered),
    ("复查复核申请", |t| t.reviews),
    ("督办", |t| t.supervised),
    ("采纳建议", |t| t.adopted),
];

/// The counts beside a unit of the annual report's 反映集中的单位, the one it is ranked by
/// first.
pub const ROUTED_COUNTS: [CountColumn; 3] = [
    ("交由办理", |t| t.routed),
    ("答复", |t| t.answered),
    ("督办", |t| t.supervised),
];

/// `2026-11` as people write it: `2026年11月`.
pub fn month_label(m: &str) -> String {
    match m.split_once('-') {
        Some((y, mo)) => format!("{y}年{}月", mo.trim_start_matches('0')),
        None => m.to_owned(),
    }
}
