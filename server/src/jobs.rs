//! Work that happens later: the statutory clocks' warnings, overdue flags, escalation and
//! closing (a lease plus idempotent alerts), and the outbox worker (claims with row locks).
//! Both are safe on several instances.

pub mod clocks;
pub mod outbox;

use std::time::Duration;

use crate::state::AppState;

/// Runs the clock job every minute while this instance holds its lease.
pub async fn scheduler(state: AppState) {
    let holder = format!("{:x}", rand::random::<u64>());
    // The first run waits a minute: start-up stays quick, and tests that drive the job
    // themselves are not raced by it.
    let period = Duration::from_secs(60);
    let mut tick = tokio::time::interval_at(tokio::time::Instant::now() + period, period);
    loop {
        tick.tick().await;
        let now = crate::time::now_ms();
        match crate::db::jobs::lease(&state.db.writer, "clocks", &holder, now, now + 5 * 60_000)
            .await
        {
            Ok(true) => {
                if let Err(e) = clocks::run(&state, crate::time::today()).await {
                    tracing::warn!(error = %e, "the clock job failed; it runs again in a minute");
                }
            }
            Ok(false) => {}
            Err(e) => tracing::warn!(error = %e, "failed to take the clock job's lease"),
        }
    }
}
