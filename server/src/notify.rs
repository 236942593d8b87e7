//! Notifications: what each event tells whom (in Chinese), how it is written into the
//! outbox in the caller's transaction, and the channels that deliver it (e-mail, SMS,
//! in-app). The worker that drains the outbox is `jobs::outbox`.

pub mod email;
pub mod enqueue;
pub mod sms;
pub mod templates;

/// Why a delivery failed, as the worker needs to know it.
#[derive(Debug)]
pub enum SendError {
    /// Try again later (5xx, 408, 429, timeouts, connection errors), no sooner than
    /// `retry_after` seconds when the provider said so.
    Retry {
        reason: String,
        retry_after: Option<u64>,
    },
    /// Retrying cannot help (other 4xx, an address that does not exist).
    Permanent(String),
}

impl SendError {
    pub fn reason(&self) -> &str {
        match self {
            Self::Retry { reason, .. } | Self::Permanent(reason) => reason,
        }
    }
}
