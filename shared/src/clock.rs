//! The statutory clock: which days count, and when each legal period of 《信访工作条例》 ends.

mod calendar;
mod period;

pub use calendar::{Calendar, CalendarError, DayStatus};
pub use period::{Clock, ClockRule, DayKind, Deadline, due_date, lengthened};

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

/// The date in Asia/Shanghai of an instant. China has kept UTC+8 without daylight
/// saving since 1991, so a fixed offset is exact and needs no time-zone database.
pub fn shanghai_date(at: DateTime<Utc>) -> NaiveDate {
    let offset = FixedOffset::east_opt(8 * 3600).expect("valid offset");
    at.with_timezone(&offset).date_naive()
}
