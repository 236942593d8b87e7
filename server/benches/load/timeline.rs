//! The seeded petitions' timelines and already-raised clock alerts, derived in the
//! database from each row's status: set-based inserts instead of millions of bound values.

use chrono::{Duration, Utc};
use server::state::AppState;
use shared::clock::shanghai_date;

/// Writes the timeline of every petition from id `first` on.
pub async fn write(state: &AppState, first: i64) -> anyhow::Result<()> {
    let mut tx = state.db.begin_write().await?;
    for (n, (kind, actor, title, detail, statuses)) in TIMELINE.iter().enumerate() {
        let offset = n as i64 * 86_400_000;
        sqlx::query(&format!(
            "INSERT INTO petition_events (petition_id, at, kind, actor, is_public, title, detail) \
             SELECT id, submitted_at + {offset}, '{kind}', '{actor}', 1, '{title}', '{detail}' \
             FROM petitions WHERE id >= $1 AND status IN ({statuses})"
        ))
        .bind(first)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The clock alerts a portal in service would have raised already for the petitions from
/// id `first` on (临期, 超期, the review-window and rating reminders): the clock job
/// starts from an archive it has kept up with, as on any morning, instead of spending
/// the whole benchmark on two years of alerts at once.
pub async fn alerts(state: &AppState, first: i64) -> anyhow::Result<()> {
    let clocks = &state.settings.clocks;
    let today = shanghai_date(Utc::now());
    let until = |days: i64| (today + Duration::days(days)).to_string();
    let open = "'submitted', 'forwarded', 'handling', 'awaiting_approval'";
    let rating = i64::from(clocks.review_request.days) - clocks.rating_reminder_days;
    let raised = [
        ("warning", open, until(clocks.warn_days)),
        ("overdue", open, until(-1)),
        ("closing", "'replied'", until(clocks.warn_days)),
        ("rating", "'replied'", until(rating)),
    ];
    let mut tx = state.db.begin_write().await?;
    for (kind, statuses, due_by) in raised {
        sqlx::query(&format!(
            "INSERT INTO clock_alerts (petition_id, clock, clock_start, kind, at) \
             SELECT id, clock, clock_start, '{kind}', submitted_at \
             FROM petitions WHERE id >= $1 AND status IN ({statuses}) AND due_on <= $2"
        ))
        .bind(first)
        .bind(due_by)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The public steps of a petition by its status: (kind, actor, title, detail, statuses that
/// went through it). Fixed text only, so it is written into the SQL.
pub const TIMELINE: [(&str, &str, &str, &str, &str); 4] = [
    (
        "submitted",
        "citizen",
        "提交信访事项",
        "您通过网上信访提交了信访事项，信访部门将在十五日内作出是否受理的决定并告知您。",
        "'submitted', 'forwarded', 'handling', 'awaiting_approval', 'replied', 'closed'",
    ),
    (
        "forwarded",
        "staff",
        "转送",
        "已转送有权处理的机关办理。",
        "'forwarded', 'handling', 'awaiting_approval', 'replied', 'closed'",
    ),
    (
        "accepted",
        "staff",
        "受理",
        "已受理，将在六十日内办结并书面答复。",
        "'handling', 'awaiting_approval', 'replied', 'closed'",
    ),
    (
        "replied",
        "staff",
        "答复",
        "已作出书面答复意见。",
        "'replied', 'closed'",
    ),
];
