//! 工作人员登录: by username, password and, once one is bound, the second factor, all
//! on one form. Every failure gets the same answer, so that a right password is never
//! confirmed to someone who lacks the second factor.

use shared::ids::StaffId;
use shared::staff::StaffLoginRequest;

use crate::auth::principal::Principal;
use crate::auth::sessions::{self, Issued};
use crate::db;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// An unknown username, a wrong password and a missing or wrong second factor cost the
/// same argon2 work and get the same answer, so the response tells nothing about which
/// accounts exist or which part was wrong.
pub async fn login(state: &AppState, client: &str, req: &StaffLoginRequest) -> AppResult<Issued> {
    let row = db::staff::by_username(&state.db.pool, req.username.trim()).await?;
    let ok = state
        .passwords
        .verify(row.as_ref().map(|r| r.password_hash.clone()), &req.password)
        .await;
    match row {
        Some(row) if ok && !row.disabled => {
            let factor = crate::db::staff::totp(&state.db.pool, row.id).await?;
            if factor.is_some_and(|f| f.enabled) {
                let code = req.totp.as_deref().map(str::trim).unwrap_or_default();
                if code.is_empty() || !super::totp::check(state, StaffId(row.id), code).await? {
                    return Err(AppError::BadStaffCredentials);
                }
            }
            // Who signed in, when and from where: the audit trail's, in its own transaction.
            let entry = crate::audit::Entry {
                at: crate::time::now_ms(),
                actor: format!("staff:{}", row.id),
                role: Some(&row.roles),
                unit_id: row.unit_id,
                action: "staff_login",
                petition_id: None,
                detail: None,
                client: Some(client),
            };
            crate::audit::record_alone(state, entry).await?;
            tracing::info!(staff.id = row.id, "staff logged in");
            sessions::start(
                state,
                Principal::Staff {
                    id: StaffId(row.id),
                    session: String::new(),
                },
            )
            .await
        }
        _ => Err(AppError::BadStaffCredentials),
    }
}
