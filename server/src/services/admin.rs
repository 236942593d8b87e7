//! Administration: units with jurisdictions and competences, staff and roles, categories,
//! the holiday calendar, partner systems (webhooks and handling systems). Administrators only; every change is
//! in the audit trail.

pub mod calendar;
pub mod categories;
pub mod partners;
pub mod regions;
pub mod staff;
pub mod units;
pub mod webhooks;

use shared::ids::StaffId;
use shared::staff::Role;

use crate::audit;
use crate::error::{AppError, AppResult};
use crate::services::workflow::StaffActor;
use crate::state::AppState;

/// The administrator acting, or a refusal.
pub async fn administrator(state: &AppState, id: StaffId) -> AppResult<StaffActor> {
    let actor = StaffActor::load(state, id).await?;
    if !actor.has_any(&[Role::Administrator]) {
        return Err(AppError::Forbidden("只有系统管理员可以进行此操作。".into()));
    }
    Ok(actor)
}

/// Records an administrative change in its own transaction.
pub async fn record(
    state: &AppState,
    actor: &StaffActor,
    client: &str,
    action: &str,
    detail: String,
) -> AppResult<()> {
    let mut tx = state.db.begin_write().await?;
    record_in(&mut tx, state, actor, client, action, detail).await?;
    tx.commit().await.map_err(anyhow::Error::from)?;
    Ok(())
}

/// Records an administrative change in the transaction that makes it: both or neither.
pub async fn record_in(
    tx: &mut crate::db::Tx,
    state: &AppState,
    actor: &StaffActor,
    client: &str,
    action: &str,
    detail: String,
) -> AppResult<()> {
    let entry = audit::Entry {
        at: crate::time::now_ms(),
        actor: actor.audit_name(),
        role: Some(&actor.role_codes()),
        unit_id: actor.unit_id.map(|u| u.0),
        action,
        petition_id: None,
        detail: Some(detail),
        client: Some(client),
    };
    audit::record(tx, &state.vault, entry).await?;
    Ok(())
}

/// A partner's name (2 to 60 characters) and its address, checked against where outbound
/// calls may go (`notify::outbound`).
pub fn partner_address<'a>(
    state: &AppState,
    name: &'a str,
    url: &str,
) -> AppResult<(&'a str, reqwest::Url)> {
    let name = name.trim();
    if !(2..=60).contains(&name.chars().count()) {
        return Err(AppError::field("name", "名称应为2到60个字"));
    }
    let url =
        reqwest::Url::parse(url.trim()).map_err(|_| AppError::field("url", "请填写完整的网址"))?;
    if let Some(why) = state.settings.destinations().refuse(&url) {
        return Err(AppError::field("url", why));
    }
    Ok((name, url))
}
