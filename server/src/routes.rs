//! HTTP routes: health checks and the public REST API (`/api/v1`). The UI's pages and
//! server functions are mounted by [`crate::startup`].

pub mod api;
pub mod client;
pub mod health;
