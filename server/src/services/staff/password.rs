//! 修改密码 (staff): the current password proves it is them; the new one is their own (not
//! the one an administrator handed out), and every session of the account ends at once.

use anyhow::Context;
use shared::account::ChangePasswordRequest;
use shared::ids::StaffId;
use shared::person::Password;

use crate::db;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::time::now_ms;

pub async fn change_password(
    state: &AppState,
    id: StaffId,
    client: &str,
    req: &ChangePasswordRequest,
) -> AppResult<()> {
    let new = Password::parse(&req.new_password)
        .map_err(|e| AppError::field("new_password", e.to_string()))?;
    state
        .passwords
        .check(&new)
        .map_err(|e| AppError::field("new_password", e.to_string()))?;
    if req.new_password == req.current_password {
        return Err(AppError::field("new_password", "新密码不能与当前密码相同"));
    }
    let row = db::staff::by_id(&state.db.pool, id.0)
        .await?
        .filter(|r| !r.disabled)
        .ok_or(AppError::Unauthenticated)?;
    if !state
        .passwords
        .verify(Some(row.password_hash), &req.current_password)
        .await
    {
        return Err(AppError::field("current_password", "当前密码不正确"));
    }
    let hash = state.passwords.hash(&new).await?;
    let now = now_ms();
    let mut tx = state.db.begin_write().await?;
    db::staff::set_password(&mut tx, id.0, &hash).await?;
    db::sessions::revoke_all(&mut tx, "staff", id.0, now).await?;
    let entry = crate::audit::Entry {
        at: now,
        actor: format!("staff:{}", id.0),
        role: Some(&row.roles),
        unit_id: row.unit_id,
        action: "staff_password_change",
        petition_id: None,
        detail: None,
        client: Some(client),
    };
    crate::audit::record(&mut tx, &state.vault, entry).await?;
    tx.commit()
        .await
        .context("failed to commit the password change")?;
    tracing::info!(staff.id = id.0, "password changed; all sessions revoked");
    Ok(())
}
