//! 修改密码: needs the current password; every session of the account ends at once.

use anyhow::Context;
use shared::account::ChangePasswordRequest;
use shared::ids::CitizenId;
use shared::person::Password;

use crate::db;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::time::now_ms;

pub async fn change_password(
    state: &AppState,
    id: CitizenId,
    req: &ChangePasswordRequest,
) -> AppResult<()> {
    let new = Password::parse(&req.new_password)
        .map_err(|e| AppError::field("new_password", e.to_string()))?;
    state
        .passwords
        .check(&new)
        .map_err(|e| AppError::field("new_password", e.to_string()))?;
    let row = db::citizens::by_id(&state.db.pool, id)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    if !state
        .passwords
        .verify(Some(row.password_hash), &req.current_password)
        .await
    {
        return Err(AppError::field("current_password", "当前密码不正确"));
    }
    let hash = state.passwords.hash(&new).await?;
    let mut tx = state.db.begin_write().await?;
    db::citizens::set_password(&mut tx, id, &hash).await?;
    db::sessions::revoke_all(&mut tx, "citizen", id.0, now_ms()).await?;
    tx.commit()
        .await
        .context("failed to commit the password change")?;
    tracing::info!(citizen.id = %id, "password changed; all sessions revoked");
    Ok(())
}
