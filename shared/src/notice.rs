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
    /// The channel in Chinese (短信, 站内消息, ...).
    pub channel_label: String,
    pub event: String,
    /// The event in Chinese (答复通知, 临期提醒, ...).
    pub event_label: String,
    /// pending, sending, sent or dead
    pub status: String,
    pub attempts: i64,
    pub next_attempt_at: DateTime<Utc>,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

/// 订阅: a partner system subscribes to petition events.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewSubscriptionRequest {
    pub name: String,
    /// Where deliveries are posted (https in production).
    pub url: String,
    /// Event types, e.g. `petition.filed`, `petition.forwarded`, or `*` for all.
    pub events: Vec<String>,
}

/// A subscription; the secret is shown only in the answer to its creation.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubscriptionView {
    pub id: i64,
    pub name: String,
    pub url: String,
    pub events: Vec<String>,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    /// `whsec_…`, for verifying `webhook-signature`; only when just created.
    pub secret: Option<String>,
}

/// A text as the embedded SMS provider kept it, for the development inbox page (demo mode only).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DevSmsView {
    pub phone: String,
    pub text: String,
    pub at: DateTime<Utc>,
}

/// 通知方式: which channels a citizen hears on besides the in-app centre (always kept).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChannelsView {
    pub sms: bool,
    pub email: bool,
    /// Whether the account has an e-mail address at all.
    #[serde(default)]
    pub has_email: bool,
}
