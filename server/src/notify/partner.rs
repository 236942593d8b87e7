//! Pushing a case into a partner handling system: the matter (never the petitioner) is
//! posted to `<url>/cases`, signed as webhooks are, and the partner's id for it is kept.

use std::collections::BTreeMap;

use shared::ids::PartnerId;
use shared::partner::{PartnerCase, PartnerReceipt};

use super::{SendError, webhook};
use crate::crypto::Field;
use crate::db::{self, outbox::MessageRow, petitions::NewEvent};
use crate::state::AppState;

/// Where partner `id` posts its reports.
pub fn inbound_path(id: PartnerId) -> String {
    format!("/api/v1/partners/{id}/reports")
}

/// Delivers outbox message `m` (a case for partner `partner`).
pub async fn push(
    state: &AppState,
    channels: &super::channels::Channels,
    m: &MessageRow,
    partner: PartnerId,
    params: &BTreeMap<String, String>,
) -> Result<(), SendError> {
    let db_error = |e: sqlx::Error| SendError::Retry {
        reason: format!("database: {e}"),
        retry_after: None,
    };
    let pool = &state.db.pool;
    let p = db::partners::by_id(pool, partner.0)
        .await
        .map_err(db_error)?
        .filter(|p| p.active)
        .ok_or_else(|| SendError::Permanent("partner system removed".into()))?;
    let number = params.get("number").cloned().unwrap_or_default();
    let row = db::petitions::by_number(pool, &number)
        .await
        .map_err(db_error)?
        .ok_or_else(|| SendError::Permanent("petition not found".into()))?;
    let secret = state
        .vault
        .decrypt(Field::Outbox, &p.secret_enc)
        .map_err(|_| SendError::Permanent("cannot open the secret".into()))?;
    let key =
        webhook::decode_secret(&secret).map_err(|_| SendError::Permanent("bad secret".into()))?;
    let case = PartnerCase {
        kind: "case.forwarded".into(),
        version: 1,
        timestamp: crate::time::from_ms(m.created_at),
        number: row.number.to_string(),
        petition_kind: row.kind.label().to_owned(),
        category: row.category.clone(),
        place: row.region.clone(),
        facts: row.facts.clone(),
        requests: row.request.clone(),
        due_on: row.work.assigned_due.clone(),
        callback_url: format!(
            "{}{}",
            state.settings.server.public_url.trim_end_matches('/'),
            inbound_path(partner)
        ),
    };
    let body = serde_json::to_string(&case).expect("a case serialises");
    let url = format!("{}/cases", p.url.trim_end_matches('/'));
    channels.permitted(&url)?;
    let res = webhook::post(&channels.http, &url, &key, &m.idem_key, &body).await?;
    // The partner took it; an answer without an id (or not JSON) is still a delivery.
    let receipt: PartnerReceipt = res.json().await.unwrap_or_default();
    let external = receipt
        .external_id
        .map(|e| e.trim().chars().take(100).collect::<String>())
        .filter(|e| !e.is_empty());
    if let Some(ext) = &external {
        db::partners::set_external_id(&state.db.writer, row.id.0, ext)
            .await
            .map_err(db_error)?;
    }
    record_push(state, &row, &p.name, external.as_deref())
        .await
        .map_err(db_error)
}

/// Notes the push on the staff timeline (once per delivery; resends are rare).
async fn record_push(
    state: &AppState,
    row: &db::petitions::PetitionRow,
    partner: &str,
    external: Option<&str>,
) -> Result<(), sqlx::Error> {
    let detail = match external {
        Some(e) => format!("对方编号：{e}"),
        None => "对方未返回编号".to_owned(),
    };
    let mut tx = state.db.begin_write().await?;
    let event = NewEvent {
        petition_id: row.id,
        at: crate::time::now_ms(),
        kind: "pushed",
        actor: "system",
        public: false,
        title: &format!("已推送至{partner}"),
        detail: Some(&detail),
    };
    db::petitions::insert_event(&mut tx, event).await?;
    tx.commit().await
}
