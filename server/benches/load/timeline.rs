//! The seeded petitions' timelines, derived in the database from each row's status: a
//! set-based insert per step instead of millions of bound values.

use server::state::AppState;

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
