//! 对接系统: partner handling systems, and which units handle their cases in one.

use shared::ids::{StaffId, UnitId};
use shared::partner::{NewPartnerRequest, PartnerView, UnitPartnerRequest};
use shared::person::Password;

use super::{administrator, partner_address, record};
use crate::crypto::Field;
use crate::db::{self, staff::NewStaff};
use crate::error::{AppError, AppResult};
use crate::notify::{partner::inbound_path, webhook};
use crate::state::AppState;
use crate::time::now_ms;

fn view(p: db::partners::PartnerRow, secret: Option<String>) -> PartnerView {
    PartnerView {
        inbound_path: inbound_path(p.id),
        id: p.id.0,
        name: p.name,
        url: p.url,
        active: p.active,
        secret,
    }
}

/// Creates a partner with a fresh shared secret (in this answer only) and the account
/// its steps are recorded under, which has no role and a password nobody knows.
pub async fn create(
    state: &AppState,
    staff: StaffId,
    client: &str,
    req: &NewPartnerRequest,
) -> AppResult<PartnerView> {
    let actor = administrator(state, staff).await?;
    let (name, url) = partner_address(state, &req.name, &req.url)?;
    let pool = &state.db.pool;
    let unknowable = Password::parse(&hex::encode(crate::crypto::random_bytes::<24>()))
        .map_err(|e| anyhow::anyhow!("a random password: {e}"))?;
    let hash = state.passwords.hash(&unknowable).await?;
    let username = format!(
        "partner-{}",
        hex::encode(crate::crypto::random_bytes::<6>())
    );
    let account = NewStaff {
        unit_id: None,
        username: &username,
        display_name: name,
        roles: "",
        password_hash: &hash,
        created_at: now_ms(),
    };
    let staff_id = db::staff::insert(&state.db.writer, account)
        .await?
        .ok_or_else(|| AppError::Conflict("请重试。".into()))?;
    let secret = webhook::new_secret();
    let enc = state.vault.encrypt(Field::Outbox, &secret);
    let id = db::partners::insert(
        &state.db.writer,
        name,
        url.as_str(),
        &enc,
        staff_id,
        now_ms(),
    )
    .await?;
    record(
        state,
        &actor,
        client,
        "partner_create",
        format!("partner={id}"),
    )
    .await?;
    let row = db::partners::by_id(pool, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(view(row, Some(secret)))
}

pub async fn list(state: &AppState, staff: StaffId) -> AppResult<Vec<PartnerView>> {
    administrator(state, staff).await?;
    Ok(db::partners::all(&state.db.pool)
        .await?
        .into_iter()
        .map(|p| view(p, None))
        .collect())
}

/// Marks `unit` as handled in a partner system: petitions forwarded to it from now on
/// are pushed there.
pub async fn set_unit_partner(
    state: &AppState,
    staff: StaffId,
    client: &str,
    unit: UnitId,
    req: &UnitPartnerRequest,
) -> AppResult<()> {
    let actor = administrator(state, staff).await?;
    if let Some(p) = req.partner_id
        && db::partners::by_id(&state.db.pool, p).await?.is_none()
    {
        return Err(AppError::field("partner_id", "没有这个对接系统"));
    }
    let mut tx = state.db.begin_write().await?;
    if !db::units::set_partner(&mut tx, unit.0, req.partner_id).await? {
        return Err(AppError::NotFound);
    }
    tx.commit().await.map_err(anyhow::Error::from)?;
    state.org.invalidate().await;
    record(
        state,
        &actor,
        client,
        "unit_partner",
        format!("unit={} partner={:?}", unit.0, req.partner_id),
    )
    .await
}
