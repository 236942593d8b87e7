//! Reusable pieces of the UI: layout, form fields, notices, the petition timeline and
//! tables of figures.

pub mod field;
pub mod figures;
pub mod kept;
pub mod layout;
pub mod notice;
pub mod region_picker;
pub mod reply;
pub mod sms_code;
pub mod timeline;

use chrono::{DateTime, FixedOffset, Utc};

/// A stored instant as people in China read it (Asia/Shanghai, UTC+8 all year).
pub fn local_time(at: DateTime<Utc>) -> String {
    let offset = FixedOffset::east_opt(8 * 3600).expect("valid offset");
    at.with_timezone(&offset)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}
