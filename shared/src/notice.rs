//! What clients see of notifications: the in-app centre and, for administrators, the outbox.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// 站内消息
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NotificationView {
    pub id: i64,
    pub title: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub read: bool,
}

/// An outbox message without its content (which may hold a phone or a query code).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OutboxMessageView {
    pub id: i64,
    pub channel: String,
    pub event: String,
    /// pending, sending, sent or dead
    pub status: String,
    pub attempts: i64,
    pub next_attempt_at: DateTime<Utc>,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}
