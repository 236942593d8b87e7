//! Notifications: what each event tells whom (in Chinese), how it is written into the
//! outbox in the caller's transaction, and the channels that deliver it (e-mail, SMS,
//! in-app, signed webhooks to partner systems). The worker that drains the outbox is `jobs::outbox`.

pub mod channels;
pub mod delivery;
pub mod email;
pub mod enqueue;
pub mod outbound;
pub mod partner;
pub mod sms;
pub mod templates;
pub mod webhook;

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

/// How the worker treats a partner's answer: 2xx done; 408, 429 and 5xx retried (after
/// `Retry-After` when given); any other 4xx is permanent.
pub fn classify(status: reqwest::StatusCode, retry_after: Option<&str>) -> Result<(), SendError> {
    if status.is_success() {
        return Ok(());
    }
    let reason = format!("HTTP {}", status.as_u16());
    if status == reqwest::StatusCode::REQUEST_TIMEOUT
        || status == reqwest::StatusCode::TOO_MANY_REQUESTS
        || status.is_server_error()
    {
        let retry_after = retry_after.and_then(|v| v.trim().parse().ok());
        return Err(SendError::Retry {
            reason,
            retry_after,
        });
    }
    Err(SendError::Permanent(reason))
}

/// A transport failure (refused, reset, timed out) is worth another try.
pub fn transport_error(e: &reqwest::Error) -> SendError {
    let kind = if e.is_timeout() {
        "timed out"
    } else {
        "transport error"
    };
    SendError::Retry {
        reason: kind.to_owned(),
        retry_after: None,
    }
}

/// Classifies an HTTP answer, reading its `Retry-After`.
pub fn answer(res: &reqwest::Response) -> Result<(), SendError> {
    let retry_after = res
        .headers()
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok());
    classify(res.status(), retry_after)
}
