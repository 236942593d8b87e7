//! The outbox worker: claims due messages, delivers each through its channel, and records
//! the attempt. Failures are retried with exponential backoff and jitter (or after the
//! provider's `Retry-After`); permanent failures and exhausted retries are dead-lettered.
//! A worker that dies mid-send loses its claim when the lease runs out, and another (or
//! the restarted one) sends the message again: delivery is at least once, and partners
//! recognise a resend by its idempotency key.

use std::collections::BTreeMap;
use std::time::Duration;

use crate::config::NotifySettings;
use crate::crypto::Field;
use crate::db::{self, outbox::MessageRow};
use crate::notify::SendError;
use crate::notify::delivery::Delivery;
use crate::notify::enqueue::Recipient;
use crate::state::AppState;
use crate::time::now_ms;

mod guard;
mod lanes;

pub use crate::notify::channels::Channels;
use guard::{withheld, without_secrets};
pub use lanes::{Lane, worker};

/// Deliveries of one batch under way at once.
pub const PARALLEL: usize = 8;

/// How long a claim lasts: past it, the message counts as abandoned (its worker died) and
/// is claimed again. It covers the whole batch at its slowest (every delivery running to
/// its timeout, `PARALLEL` at a time) and a minute more, so no live worker's message is
/// ever claimed, and sent, by a second instance.
pub fn lease_ms(n: &NotifySettings) -> i64 {
    let batch = usize::try_from(n.batch.max(1)).unwrap_or(1);
    let rounds = i64::try_from(batch.div_ceil(PARALLEL)).unwrap_or(i64::MAX / 2);
    let timeout_ms = i64::try_from(n.timeout_secs)
        .unwrap_or(0)
        .saturating_mul(1000);
    rounds.saturating_mul(timeout_ms).saturating_add(60_000)
}

/// What one round did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Round {
    pub sent: usize,
    pub retried: usize,
    pub dead: usize,
}

/// Claims one batch of every channel and delivers it.
pub async fn run_once(
    state: &AppState,
    channels: &Channels,
    worker: &str,
) -> anyhow::Result<Round> {
    run_lane(state, channels, worker, Lane::All).await
}

/// Claims one batch of `lane`'s channels and delivers it, `PARALLEL` at a time.
pub async fn run_lane(
    state: &AppState,
    channels: &Channels,
    worker: &str,
    lane: Lane,
) -> anyhow::Result<Round> {
    use futures_util::StreamExt;
    let n = &state.settings.notify;
    let now = now_ms();
    let until = now + lease_ms(n);
    let claimed =
        db::outbox::claim(&state.db, worker, now, until, n.batch, lane.channels()).await?;
    let outcomes: Vec<anyhow::Result<Option<&'static str>>> = futures_util::stream::iter(claimed)
        .map(|m| deliver_and_settle(state, channels, worker, m))
        .buffer_unordered(PARALLEL)
        .collect()
        .await;
    let mut round = Round::default();
    for outcome in outcomes {
        match outcome? {
            Some("sent") => round.sent += 1,
            Some("dead") => round.dead += 1,
            Some(_) => round.retried += 1,
            None => {}
        }
    }
    Ok(round)
}

/// Delivers one claimed message and records the outcome; the status it settled in, or
/// `None` if the claim was lost meanwhile.
async fn deliver_and_settle(
    state: &AppState,
    channels: &Channels,
    worker: &str,
    m: MessageRow,
) -> anyhow::Result<Option<&'static str>> {
    let n = &state.settings.notify;
    let timeout = Duration::from_secs(n.timeout_secs);
    let outcome = match tokio::time::timeout(timeout, deliver(state, channels, &m)).await {
        Ok(r) => r,
        Err(_) => Err(SendError::Retry {
            reason: "timed out".into(),
            retry_after: None,
        }),
    };
    let now = now_ms();
    let (status, next_at, error) = match &outcome {
        Ok(()) => ("sent", now, None),
        Err(SendError::Permanent(_)) => ("dead", now, Some(outcome_reason(&outcome))),
        Err(SendError::Retry { .. }) if m.attempts + 1 >= n.max_attempts => (
            "dead",
            now,
            Some(format!(
                "{}（已重试{}次）",
                outcome_reason(&outcome),
                m.attempts + 1
            )),
        ),
        Err(SendError::Retry { retry_after, .. }) => (
            "pending",
            now + backoff_ms(n, m.attempts, *retry_after),
            Some(outcome_reason(&outcome)),
        ),
    };
    // Delivered: the row keeps its parameters without the code, in the same statement.
    let kept = if status == "sent" {
        without_secrets(state, &m)?
    } else {
        None
    };
    let settled = db::outbox::settle(
        &state.db.writer,
        db::outbox::Settle {
            id: m.id,
            worker,
            status,
            next_at,
            error: error.as_deref(),
            params_enc: kept.as_deref(),
            now,
        },
    )
    .await?;
    if settled && status == "dead" {
        tracing::warn!(
            outbox.id = m.id,
            channel = m.channel.code(),
            "message dead-lettered"
        );
    }
    Ok(settled.then_some(status))
}

fn outcome_reason(r: &Result<(), SendError>) -> String {
    r.as_ref()
        .err()
        .map(|e| e.reason().to_owned())
        .unwrap_or_default()
}

/// The wait before attempt `attempts + 2`: base × 2^attempts, capped, ±20 % jitter so that
/// many failures do not come back at once; a provider's `Retry-After` is honoured.
pub fn backoff_ms(n: &NotifySettings, attempts: i64, retry_after: Option<u64>) -> i64 {
    if let Some(secs) = retry_after {
        return i64::try_from(secs)
            .unwrap_or(i64::MAX / 2)
            .saturating_mul(1000);
    }
    let exp = u32::try_from(attempts.clamp(0, 20)).unwrap_or(20);
    let base = n
        .backoff_secs
        .saturating_mul(1_i64 << exp)
        .min(n.max_backoff_secs);
    let jitter: f64 = rand::random_range(0.8..1.2);
    ((base as f64) * 1000.0 * jitter) as i64
}

async fn deliver(state: &AppState, channels: &Channels, m: &MessageRow) -> Result<(), SendError> {
    let open = |data: &[u8]| {
        state
            .vault
            .decrypt(Field::Outbox, data)
            .map_err(|_| SendError::Permanent("cannot open the message".into()))
    };
    let recipient: Recipient = serde_json::from_str(&open(&m.recipient_enc)?)
        .map_err(|_| SendError::Permanent("unreadable recipient".into()))?;
    let params: BTreeMap<String, String> = serde_json::from_str(&open(&m.params_enc)?)
        .map_err(|_| SendError::Permanent("unreadable parameters".into()))?;
    let delivery = Delivery::of(m.channel, recipient)
        .ok_or_else(|| SendError::Permanent("no such recipient on this channel".into()))?;
    if withheld(state, m, &delivery).await? {
        tracing::info!(outbox.id = m.id, "withheld by the accusation firewall");
        return Ok(());
    }
    crate::notify::delivery::send(state, channels, m, delivery, &params).await
}
