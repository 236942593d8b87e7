//! `/api/v1/admin`: units, staff, categories and the holiday calendar (administrators).

pub mod calendar;
pub mod categories;
pub mod outbox;
pub mod partners;
pub mod staff;
pub mod units;
pub mod webhooks;
