//! Where a unit's counts go on a page about another unit, and the months pages are about:
//! shared by the public statistics and the staff's 通报.

use chrono::{Datelike, NaiveDate};
use shared::ids::UnitId;
use shared::statistics::UnitRef;

use crate::error::AppError;
use crate::services::org::Org;

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
