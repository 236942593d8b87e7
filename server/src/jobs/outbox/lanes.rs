//! The worker's lanes: people's messages (SMS, e-mail, in-app) and other systems'
//! (webhooks, partners) are claimed and delivered by loops of their own.

use std::sync::Arc;
use std::time::Duration;

use super::{Channels, Round, run_lane};
use crate::db::outbox::Channel;
use crate::state::AppState;

/// Which channels a worker loop delivers: people's messages never wait behind other
/// machines, so a slow partner system cannot hold up a verification code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lane {
    /// SMS, e-mail and in-app: what people wait for.
    People,
    /// Webhooks and partner handling systems.
    Systems,
    /// Every channel (one round of everything, as tests and tools drive it).
    All,
}

impl Lane {
    pub(super) fn channels(self) -> &'static [Channel] {
        match self {
            Lane::People => &[Channel::Sms, Channel::Email, Channel::InApp],
            Lane::Systems => &[Channel::Webhook, Channel::Partner],
            Lane::All => &[],
        }
    }
}

/// Drains the outbox every second, or at once when woken, until the process stops.
pub async fn worker(state: AppState) {
    let channels = match Channels::from_settings(&state) {
        Ok(c) => Arc::new(c),
        Err(e) => {
            tracing::error!(error = %e, "the notification channels are misconfigured; nothing is sent");
            return;
        }
    };
    let name = format!("w{:x}", rand::random::<u64>());
    tokio::join!(
        lane_loop(&state, &channels, &name, Lane::People),
        lane_loop(&state, &channels, &name, Lane::Systems),
    );
}

/// One lane's rounds, every second; the people's lane also as soon as a change asks
/// (a verification code should not wait for the tick).
async fn lane_loop(state: &AppState, channels: &Channels, name: &str, lane: Lane) {
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    loop {
        if lane == Lane::People {
            tokio::select! {
                _ = tick.tick() => {}
                () = state.outbox_wake.notified() => {}
            }
        } else {
            tick.tick().await;
        }
        match run_lane(state, channels, name, lane).await {
            Ok(r) if r != Round::default() => {
                tracing::debug!(
                    sent = r.sent,
                    retried = r.retried,
                    dead = r.dead,
                    "outbox round"
                );
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "outbox round failed; trying again"),
        }
    }
}
