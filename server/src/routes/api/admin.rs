//! `/api/v1/admin`: units, regions, staff, categories, the holiday calendar and the
//! 信访指数 weights (administrators).

pub mod calendar;
pub mod categories;
pub mod index_weights;
pub mod outbox;
pub mod partners;
pub mod regions;
pub mod staff;
pub mod units;
pub mod webhooks;
