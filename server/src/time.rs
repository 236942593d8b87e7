//! The one clock of the server, so tests and code agree on how "now" is read and stored.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};

/// Now, as stored: UTC milliseconds since the epoch.
pub fn now_ms() -> i64 {
    Utc::now().timestamp_millis()
}

pub fn from_ms(ms: i64) -> DateTime<Utc> {
    Utc.timestamp_millis_opt(ms).single().unwrap_or_default()
}

/// Today's date in Asia/Shanghai, the date the statutory clocks count in.
pub fn today() -> NaiveDate {
    shared::clock::shanghai_date(Utc::now())
}

/// The Asia/Shanghai date of a stored instant, as stored in date columns.
pub fn shanghai_day(ms: i64) -> String {
    shared::clock::shanghai_date(from_ms(ms)).to_string()
}

/// An instant as people in Asia/Shanghai read it: `2026-12-06 09:30`.
pub fn shanghai_time(at: DateTime<Utc>) -> String {
    let offset = chrono::FixedOffset::east_opt(8 * 3600).expect("valid offset");
    at.with_timezone(&offset)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}
