//! Integration tests: the real application on port 0 with a fresh database, spoken to over HTTP.
//! Set `TEST_DATABASE_URL=postgres://…` to run the same suite on PostgreSQL.
//!
//! Every test runs on a multi-threaded runtime: the portal's PostgreSQL connections are
//! registered with the runtime that opened them (often the test's), and a single-threaded
//! test runtime would drive their I/O only when the test task yields to it.

#![expect(
    clippy::unwrap_used,
    reason = "test support code: a failed unwrap is a failed run, with its line"
)]

mod helpers;

mod accounts;
mod admin;
mod attachments;
mod attacks;
mod audit;
mod backup;
mod canary;
mod cases;
mod clocks;
mod corrupt;
mod csrf;
mod filing_together;
mod firewall;
mod health;
mod jurisdiction;
mod lookup;
mod matrix;
mod openapi;
mod outbox;
mod partners;
mod petitions;
mod queue;
mod queue_counts;
mod sessions;
mod setup;
mod staff;
mod staff_accounts;
mod statistics;
mod supervision;
mod ui;
mod verification;
mod workflow;
