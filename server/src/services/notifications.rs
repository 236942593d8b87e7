//! 站内消息 and the outbox as administrators see it: list, and put a dead message back.

use shared::ids::{CitizenId, MessageId, StaffId};
use shared::notice::{NotificationView, OutboxMessageView};

use crate::auth::Principal;
use crate::db;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::time::{from_ms, now_ms};

/// Whose notification centre.
#[derive(Clone, Copy, Debug)]
pub enum Owner {
    Citizen(CitizenId),
    Staff(StaffId),
}

/// The caller's in-app notifications, newest first.
pub async fn mine(state: &AppState, who: &Principal) -> AppResult<Vec<NotificationView>> {
    of(state, owner(who)).await
}

/// Whose notification centre the caller's is.
pub fn owner(who: &Principal) -> Owner {
    match who {
        Principal::Citizen { id, .. } => Owner::Citizen(*id),
        Principal::Staff { id, .. } => Owner::Staff(*id),
    }
}

fn key(owner: Owner) -> (&'static str, i64) {
    match owner {
        Owner::Citizen(id) => ("citizen", id.0),
        Owner::Staff(id) => ("staff", id.0),
    }
}

/// The in-app notifications of `owner`, newest first.
pub async fn of(state: &AppState, owner: Owner) -> AppResult<Vec<NotificationView>> {
    let (kind, id) = key(owner);
    let rows = db::notifications::notifications(&state.db.pool, kind, id, 100).await?;
    Ok(rows
        .into_iter()
        .map(|n| NotificationView {
            id: n.id,
            title: n.title,
            body: n.body,
            created_at: from_ms(n.created_at),
            read: n.read_at.is_some(),
        })
        .collect())
}

/// Marks the caller's notices up to `up_to` as read (the ones they were shown).
pub async fn mark_read(state: &AppState, owner: Owner, up_to: i64) -> AppResult<()> {
    let (kind, id) = key(owner);
    db::notifications::mark_read(&state.db.writer, kind, id, up_to, now_ms()).await?;
    Ok(())
}

/// Pending, failed and dead messages for administrators (content withheld).
pub async fn outbox(
    state: &AppState,
    staff: StaffId,
    status: Option<&str>,
) -> AppResult<Vec<OutboxMessageView>> {
    crate::services::admin::administrator(state, staff).await?;
    if let Some(s) = status
        && !["pending", "sending", "sent", "dead"].contains(&s)
    {
        return Err(AppError::field(
            "status",
            "状态应为 pending、sending、sent 或 dead",
        ));
    }
    let rows = db::outbox::list(&state.db.pool, status, None, 200).await?;
    Ok(rows.into_iter().map(message_view).collect())
}

/// A message as administrators see it: state and errors, never its content.
pub fn message_view(m: db::outbox::MessageRow) -> OutboxMessageView {
    OutboxMessageView {
        id: m.id,
        channel: m.channel.code().to_owned(),
        channel_label: m.channel.label().to_owned(),
        event_label: crate::notify::templates::Event::label_of(&m.template),
        event: m.template,
        status: m.status,
        attempts: m.attempts,
        next_attempt_at: from_ms(m.next_attempt_at),
        last_error: m.last_error,
        created_at: from_ms(m.created_at),
        sent_at: m.sent_at.map(from_ms),
    }
}

/// Puts a dead message back in the queue.
pub async fn retry(state: &AppState, staff: StaffId, client: &str, id: MessageId) -> AppResult<()> {
    let actor = crate::services::admin::administrator(state, staff).await?;
    if !db::outbox::retry(&state.db.writer, id.0, now_ms()).await? {
        return Err(AppError::Conflict(
            "只有投递失败（已停止重试）的消息可以重新发送。".into(),
        ));
    }
    crate::services::admin::record(
        state,
        &actor,
        client,
        "outbox_retry",
        format!("outbox={id}"),
    )
    .await
}

/// The development SMS inbox: only a demo portal whose texts stay in the database has one
/// (a production portal answers "not found"), since it shows phones and query codes.
pub async fn dev_sms(state: &AppState) -> AppResult<Vec<shared::notice::DevSmsView>> {
    if !state.settings.demo
        || state.settings.notify.sms.provider != crate::config::SmsProviderKind::Inbox
    {
        return Err(AppError::NotFound);
    }
    db::notifications::sms_inbox(&state.db.pool, 50)
        .await?
        .into_iter()
        .map(|(phone, text, at)| {
            Ok(shared::notice::DevSmsView {
                phone: state
                    .vault
                    .decrypt(crate::crypto::Field::Phone, &phone)
                    .map_err(|e| anyhow::anyhow!("cannot open an inbox phone: {e}"))?,
                text,
                at: from_ms(at),
            })
        })
        .collect()
}
