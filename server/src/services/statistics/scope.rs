//! Where a unit's counts go on a page about another unit, the months pages are about, and
//! who reads a unit's staff reports: shared by the public statistics, the 通报 and the
//! annual report.

use chrono::{Datelike, NaiveDate};
use shared::ids::{StaffId, UnitId};
use shared::staff::Role;
use shared::statistics::UnitRef;

use crate::error::{AppError, AppResult};
use crate::services::org::Org;
use crate::services::workflow::actor::StaffActor;
use crate::state::AppState;

/// Who reads a unit's 通报 and annual report: its head, its supervisors and its leaders.
const READERS: &[Role] = &[Role::UnitHead, Role::Supervisor, Role::Leader];

/// The unit whose reports `staff` reads (their own, with the units below it); refused
/// for anyone else, naming the `report`.
pub(super) async fn reader_unit(
    state: &AppState,
    staff: StaffId,
    report: &str,
) -> AppResult<UnitId> {
    let actor = StaffActor::load(state, staff).await?;
    actor
        .unit_id
        .filter(|_| actor.has_any(READERS))
        .ok_or_else(|| AppError::Forbidden(format!("{report}供单位负责人、督查人员和领导查看。")))
}

/// Where the counts of a unit go on the page of `unit`.
pub(super) struct Scope<'a> {
    pub org: &'a Org,
    pub unit: Option<UnitId>,
}

impl Scope<'_> {
    /// `None`: not within the scope. `Some(None)`: within it but in no unit's row (a matter
    /// no unit received yet). `Some(Some(b))`: in the row of `b`, the unit directly below
    /// the scope on the way up from `unit` (or the scope itself, for its own matters).
    pub fn bucket(&self, unit: i64) -> Option<Option<UnitId>> {
        if unit == 0 {
            return self.unit.is_none().then_some(None);
        }
        let unit = UnitId(unit);
        let lineage = self.org.lineage(unit);
        match self.unit {
            None => Some(lineage.last().copied()),
            Some(scope) => {
                let at = lineage.iter().position(|u| *u == scope)?;
                Some(Some(if at == 0 { scope } else { lineage[at - 1] }))
            }
        }
    }
}

pub(super) fn unit_ref(org: &Org, id: UnitId) -> UnitRef {
    UnitRef {
        id,
        name: org.name(id),
    }
}

/// The first day of `m` (`YYYY-MM`), if it is a month.
fn parse_month(m: &str) -> Option<NaiveDate> {
    if m.len() != 7 {
        return None;
    }
    NaiveDate::parse_from_str(&format!("{m}-01"), "%Y-%m-%d").ok()
}

pub(super) fn first_of(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

pub(super) fn label(first: NaiveDate) -> String {
    first.format("%Y-%m").to_string()
}

/// The month `asked` (`YYYY-MM`), or this one; a month after this one, or no month, is
/// refused with its reason.
pub(super) fn month_or_this(
    asked: Option<&str>,
    this_month: NaiveDate,
) -> Result<NaiveDate, AppError> {
    match asked {
        None => Ok(this_month),
        Some(m) => parse_month(m)
            .filter(|m| *m <= this_month)
            .ok_or_else(|| AppError::field("month", "请选择本月或以前的月份，格式如2026-11")),
    }
}
