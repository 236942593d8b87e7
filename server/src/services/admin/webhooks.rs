//! 对接订阅: partner systems' webhook subscriptions and their delivery logs.

use shared::ids::{StaffId, SubscriptionId};
use shared::notice::{NewSubscriptionRequest, OutboxMessageView, SubscriptionView};

use super::{administrator, partner_address, record};
use crate::crypto::Field;
use crate::db;
use crate::error::{AppError, AppResult};
use crate::notify::templates::Event;
use crate::notify::webhook;
use crate::state::AppState;
use crate::time::{from_ms, now_ms};

fn view(s: db::webhooks::SubscriptionRow, secret: Option<String>) -> SubscriptionView {
    SubscriptionView {
        id: s.id,
        name: s.name,
        url: s.url,
        events: s.events.split(',').map(str::to_owned).collect(),
        active: s.active,
        created_at: from_ms(s.created_at),
        secret,
    }
}

pub async fn create(
    state: &AppState,
    staff: StaffId,
    client: &str,
    req: &NewSubscriptionRequest,
) -> AppResult<SubscriptionView> {
    let actor = administrator(state, staff).await?;
    let (name, url) = partner_address(state, &req.name, &req.url)?;
    let known = Event::webhook_types();
    if req.events.is_empty() {
        return Err(AppError::field("events", "请至少选择一种事件"));
    }
    if let Some(bad) = req
        .events
        .iter()
        .find(|e| e.as_str() != "*" && !known.contains(e))
    {
        return Err(AppError::field(
            "events",
            format!("未知的事件类型 {bad}；可选：{}", known.join("、")),
        ));
    }
    let secret = webhook::new_secret();
    let enc = state.vault.encrypt(Field::Outbox, &secret);
    let id = db::webhooks::insert(
        &state.db.writer,
        name,
        url.as_str(),
        &enc,
        &req.events.join(","),
        now_ms(),
    )
    .await?;
    record(
        state,
        &actor,
        client,
        "webhook_create",
        format!("subscription={id}"),
    )
    .await?;
    let row = db::webhooks::by_id(&state.db.pool, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(view(row, Some(secret)))
}

pub async fn list(state: &AppState, staff: StaffId) -> AppResult<Vec<SubscriptionView>> {
    administrator(state, staff).await?;
    Ok(db::webhooks::all(&state.db.pool)
        .await?
        .into_iter()
        .map(|s| view(s, None))
        .collect())
}

/// 投递记录: every delivery to one subscription, newest first.
pub async fn deliveries(
    state: &AppState,
    staff: StaffId,
    id: SubscriptionId,
) -> AppResult<Vec<OutboxMessageView>> {
    administrator(state, staff).await?;
    if db::webhooks::by_id(&state.db.pool, id.0).await?.is_none() {
        return Err(AppError::NotFound);
    }
    let rows = db::outbox::list(&state.db.pool, None, Some(id.0), 200).await?;
    Ok(rows
        .into_iter()
        .map(crate::services::notifications::message_view)
        .collect())
}
