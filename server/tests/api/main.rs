//! Integration tests: the real application on port 0 with a fresh database, spoken to over HTTP.
//! Set `TEST_DATABASE_URL=postgres://…` to run the same suite on PostgreSQL.

mod helpers;

mod accounts;
mod admin;
mod attachments;
mod attacks;
mod audit;
mod backup;
mod canary;
mod clocks;
mod csrf;
mod firewall;
mod health;
mod lookup;
mod matrix;
mod openapi;
mod outbox;
mod partners;
mod petitions;
mod queue;
mod sessions;
mod setup;
mod staff;
mod supervision;
mod ui;
mod verification;
mod workflow;
