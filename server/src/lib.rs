//! The petition portal's server: configuration, storage, use cases, the REST API and server-side rendering.

pub mod audit;
pub mod auth;
pub mod backup;
pub mod calendar;
pub mod config;
pub mod crypto;
pub mod csrf;
pub mod db;
pub mod doorkeeper;
pub mod error;
pub mod headers;
pub mod jobs;
#[cfg(test)]
mod layers;
pub mod notify;
pub mod panics;
pub mod rate_limit;
pub mod routes;
pub mod seed;
pub mod services;
pub mod startup;
pub mod state;
pub mod storage;
pub mod telemetry;
pub mod time;
pub mod ui;
