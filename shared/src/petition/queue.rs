//! 待办队列: the staff queue's filters, orders, counts and rows, as the API and the page share them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::PetitionNumber;
use super::kind::{Channel, PetitionKind};
use super::status::{PetitionStatus, Round};
use super::work::ClockState;
use crate::ids::{CategoryId, RegionId, UnitId};

/// Filters of the triage and handling queue; all optional.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams, utoipa::ToSchema))]
pub struct QueueFilter {
    pub status: Option<PetitionStatus>,
    pub kind: Option<PetitionKind>,
    pub category_id: Option<CategoryId>,
    pub region_id: Option<RegionId>,
    pub channel: Option<Channel>,
    pub clock: Option<ClockState>,
    /// Only the matters of this unit (the caller's own or one below it), as the 督查看板
    /// links to them: held by it, or waiting for it as co-handler.
    pub unit: Option<UnitId>,
    /// 我的待办: only the matters given to the caller (承办人).
    #[serde(default)]
    pub mine: bool,
    /// The order of the rows; by due date unless asked otherwise.
    #[serde(default)]
    pub sort: QueueSort,
    /// Also count the matching matters by clock state ([`QueueCounts`]): one more query,
    /// so only on request (the page asks; a partner walking pages need not).
    #[serde(default)]
    pub counts: bool,
    /// Keyset cursor: the `next` of the previous page (of the same order).
    pub after: Option<String>,
}

/// 排序: the orders a clerk can read the queue in. Each is a keyset order (the sort key,
/// then the id), so paging stays exact however the queue changes between pages.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::VariantArray,
)]
#[strum(serialize_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum QueueSort {
    /// 按期限: earliest due first, matters without a running clock last (the regulation's
    /// clocks decide what comes first).
    #[default]
    Due,
    /// 最新登记: the most recently received first.
    Newest,
    /// 最早登记: the longest waiting first.
    Oldest,
}

impl QueueSort {
    pub fn label(self) -> &'static str {
        match self {
            Self::Due => "按期限，最早到期的在前",
            Self::Newest => "按登记时间，最新的在前",
            Self::Oldest => "按登记时间，最早的在前",
        }
    }
}

crate::codes!(QueueSort);

/// How many matters the filters match, by the state of their clock; the numbers a clerk
/// sees beside 超期 and 临期. Every count is of exactly the rows the same filter with that
/// clock state would list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QueueCounts {
    pub total: u64,
    /// 超期
    pub overdue: u64,
    /// 临期
    pub due_soon: u64,
    /// 正常: due after the warning period.
    pub running: u64,
    /// No clock runs (a paper reply waiting for its delivery to be recorded, for one).
    pub stopped: u64,
}

impl QueueCounts {
    /// The count of one clock state.
    pub fn of(&self, clock: ClockState) -> u64 {
        match clock {
            ClockState::Overdue => self.overdue,
            ClockState::DueSoon => self.due_soon,
            ClockState::Running => self.running,
            ClockState::Stopped => self.stopped,
        }
    }

    /// Adds `n` matters in `clock`.
    pub fn add(&mut self, clock: ClockState, n: u64) {
        self.total += n;
        match clock {
            ClockState::Overdue => self.overdue += n,
            ClockState::DueSoon => self.due_soon += n,
            ClockState::Running => self.running += n,
            ClockState::Stopped => self.stopped += n,
        }
    }
}

/// One row of a staff queue. No personal data: the petitioner is not named here.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QueueItem {
    pub number: PetitionNumber,
    pub title: String,
    pub kind: PetitionKind,
    pub category: String,
    pub region: String,
    pub channel: Channel,
    pub status: PetitionStatus,
    pub status_label: String,
    pub round: Round,
    pub due_on: Option<NaiveDate>,
    pub clock: ClockState,
    pub group_matter: bool,
    pub submitted_at: DateTime<Utc>,
}

/// A page of the queue in the filter's order; `next` fetches the following page.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QueuePage {
    pub items: Vec<QueueItem>,
    pub next: Option<String>,
    /// The counts, when the filter asked for them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counts: Option<QueueCounts>,
    /// The name of the unit the filter narrowed the queue to, when it did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}
