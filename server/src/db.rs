//! The portable query layer: the pools over SQLite or PostgreSQL and each aggregate's queries.
//!
//! Every query is written once, in SQL both engines accept (`$1` placeholders, `RETURNING`,
//! `ON CONFLICT`), and run through sqlx's `Any` driver. Integers are BIGINT, flags 0/1,
//! times UTC milliseconds. Dialect differences live in [`pool`] only.

pub mod audit;
pub mod calendar;
pub mod cases;
pub mod citizens;
pub mod decode;
#[cfg(test)]
mod dialects;
pub mod idempotency;
pub mod jobs;
pub mod notifications;
pub mod outbox;
pub mod partners;
pub mod petitions;
pub mod pool;
pub mod reference;
pub mod sessions;
pub mod staff;
pub mod statistics;
pub mod units;
pub mod verification;
pub mod webhooks;
pub mod work;

pub use pool::{Backend, Db, Tx};

/// Whether `e` is a unique-constraint violation, and of which constraint when the
/// engine names it (PostgreSQL does; SQLite does not, so callers pre-check in the
/// same transaction and treat an unnamed violation as a lost race).
pub fn unique_violation(e: &sqlx::Error) -> Option<Option<String>> {
    match e {
        sqlx::Error::Database(db) if db.is_unique_violation() => {
            Some(db.constraint().map(str::to_owned))
        }
        _ => None,
    }
}
