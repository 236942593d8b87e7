//! 工作人员登录: by username and password (the same answer for every wrong pair), then
//! the second factor once one is bound.

use shared::ids::StaffId;
use shared::staff::StaffLoginRequest;

use crate::auth::principal::Principal;
use crate::auth::sessions::{self, Issued};
use crate::db;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// An unknown username and a wrong password cost the same argon2 work and get the
/// same answer, so the response tells nothing about which accounts exist.
pub async fn login(state: &AppState, req: &StaffLoginRequest) -> AppResult<Issued> {
    let row = db::staff::by_username(&state.db.pool, req.username.trim()).await?;
    let ok = state
        .passwords
        .verify(row.as_ref().map(|r| r.password_hash.clone()), &req.password)
        .await;
    match row {
        Some(row) if ok => {
            let factor = crate::db::staff::totp(&state.db.pool, row.id).await?;
            if factor.is_some_and(|f| f.enabled) {
                match req.totp.as_deref().map(str::trim) {
                    None | Some("") => return Err(AppError::field("totp", "请输入动态口令")),
                    Some(code) if !super::totp::check(state, row.id, code).await? => {
                        return Err(AppError::field(
                            "totp",
                            "动态口令不正确或已使用过，请输入应用中显示的最新6位数字",
                        ));
                    }
                    Some(_) => {}
                }
            }
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
