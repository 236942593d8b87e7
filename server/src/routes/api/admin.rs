//! `/api/v1/admin`: units, regions, staff, categories and the holiday calendar (administrators).

pub mod calendar;
pub mod categories;
pub mod outbox;
pub mod partners;
pub mod regions;
pub mod staff;
pub mod units;
pub mod webhooks;
